"""Pages of the import from the decision (issue 20, part 2): choose the decision's .docx (or an
.xlsx), see the tables with a "Cột này là" select per column, the decision's number, date and
form as read from its header, and every award with its problems by row; import all at once.

The file waits between the preview and "Nhập" in the data folder (delegates/uploads.py, as the
delegates' Excel import). Every POST reads it again with what the officer chose, so the import
is exactly what the last preview showed — and when the choices changed since that preview, the
page shows the new preview instead of importing (`xem` carries what was previewed).
"""

from __future__ import annotations

import hashlib
import json

from flask import current_app, redirect, render_template, request, url_for

from .. import vn
from ..db import db
from ..delegates import uploads
from ..parts import conference_or_404
from . import decision_import as di
from . import decision_import_ops as ops
from . import operations
from .logic import order_forms
from .views import _notice

ACCEPT = (
    ".docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


def _choices(source: di.Source, state) -> dict:
    """What the officer chose on the page (mapping, form, number, date, rows left out)."""
    form = request.form
    date, date_problem = None, ""
    date_text = form.get("ngay-quyet-dinh")
    if date_text is not None and date_text.strip():
        try:
            date = vn.parse_date(date_text)
        except ValueError as error:
            date_problem = f"Ngày quyết định: {error}"
    number = form.get("so-quyet-dinh")
    return {
        "chosen": di.roles_from_form(form, source.tables),
        "form": ops.find_form(state.forms, form.get("hinh-thuc")),
        "number": vn.clean_text(number) if number is not None else None,
        "date": date,
        "date_problem": date_problem,
        "date_text": (date_text or "").strip(),
        "date_given": date_text is not None,
        "skip": form.getlist("bo-qua"),
    }


def _preview(conference, state, source: di.Source, choices: dict) -> di.Preview:
    result = ops.preview(
        conference,
        source,
        chosen=choices["chosen"],
        form=choices["form"],
        number=choices["number"],
        date=choices["date"] if choices["date_given"] else None,
        skip=choices["skip"],
        state=state,
    )
    if choices["date_given"] and choices["date"] is None:
        result.date = None  # the officer emptied it
    if choices["date_problem"]:
        # kept as typed on the page (an emptied field would let "Xem lại" import no date)
        result.date_typed = choices["date_text"]
        result.problems.append(choices["date_problem"])
    return result


def _fingerprint(result: di.Preview, token: str = "", digest: str = "") -> str:
    """What a preview was made with, so "Nhập" imports only what the officer has seen: the
    choices, and the upload (its token and a hash of the file's bytes) they were made on."""
    seen = {
        "token": token,
        "file": digest,
        "roles": [t.roles for t in result.tables],
        "form": result.form_override.id if result.form_override else None,
        "number": result.number,
        "date": result.date.isoformat() if result.date else "",
        "skip": sorted(result.skipped),
    }
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False).encode()).hexdigest()[:32]


def _page(conference, state, result=None, error=None, token="", status=200, notice="", digest=""):
    return render_template(
        "awards/decision_import.html",
        conference=conference,
        result=result,
        error=error,
        token=token,
        notice=notice,
        roles=di.ROLES,
        forms=[f for f in order_forms(state.forms) if f.active],
        fingerprint=_fingerprint(result, token, digest) if result is not None else "",
        accept=ACCEPT,
    ), status


def import_decision(conference_id: int):
    conference = conference_or_404(conference_id)
    state = operations.load(conference)
    if request.method == "GET":
        return _page(conference, state)
    data_dir = current_app.config["DATA_DIR"]
    upload = request.files.get("file")
    token = request.form.get("token", "")
    if upload is not None and upload.filename:
        raw = upload.read()
        token = ""
    elif token:
        raw = uploads.load(data_dir, conference.id, token)
        if raw is None:
            return _page(
                conference, state, error="Phiên nhập đã hết hạn; hãy chọn lại tệp.", status=400
            )
    else:
        return _page(
            conference,
            state,
            error="Hãy chọn tệp quyết định (.docx) hoặc bảng tính (.xlsx) để nhập.",
            status=400,
        )
    try:
        source = di.read_file(raw)
    except di.DecisionFileError as problem:
        return _page(conference, state, error=str(problem), status=400)
    if not token:
        token = uploads.keep(data_dir, conference.id, raw)
    result = _preview(conference, state, source, _choices(source, state))
    return _page(
        conference,
        state,
        result,
        token=token,
        status=200 if result.ok else 400,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def import_decision_confirm(conference_id: int):
    conference = conference_or_404(conference_id)
    state = operations.load(conference)
    data_dir = current_app.config["DATA_DIR"]
    token = request.form.get("token", "")
    raw = uploads.load(data_dir, conference.id, token)
    if raw is None:
        return _page(
            conference, state, error="Phiên nhập đã hết hạn; hãy chọn lại tệp.", status=400
        )
    try:
        source = di.read_file(raw)
    except di.DecisionFileError as problem:
        return _page(conference, state, error=str(problem), status=400)
    result = _preview(conference, state, source, _choices(source, state))
    digest = hashlib.sha256(raw).hexdigest()
    if _fingerprint(result, token, digest) != request.form.get("xem", ""):
        return _page(
            conference,
            state,
            result,
            token=token,
            digest=digest,
            status=409,
            notice="Cách ghép cột hoặc thông tin quyết định vừa đổi: đây là bản xem trước mới; "
            "chưa nhập gì. Xem lại rồi bấm “Nhập”.",
        )
    if not result.ok:
        return _page(conference, state, result, token=token, digest=digest, status=400)
    count = ops.import_preview(conference, result)
    db.session.commit()
    uploads.discard(data_dir, conference.id, token)
    where = f" theo Quyết định số {result.number}" if result.number else ""
    _notice(f"Đã nhập {count} khen thưởng{where}.", undo_of=conference)
    return redirect(url_for(".index", conference_id=conference.id))
