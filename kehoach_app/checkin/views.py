"""The check-in page (/hoi-nghi/<id>/diem-danh) and its light JSON endpoints.

Every action is a form POST that works without script (the page is redrawn with the result);
static/js/checkin.js turns the same forms into fetch() calls that answer in JSON, so the usher
never leaves the input. LAN mode: the role gate (lan.needed_role) lets xem read the page and
the count and refuses its POSTs; nhập liệu checks in.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for

from .. import vn
from ..conferences.models import Conference
from ..db import db
from ..forms import typed_line
from ..lan import current_author
from . import logic, operations

bp = Blueprint("checkin", __name__)

MAX_ID = 2**63 - 1


def _conference(conference_id: int) -> Conference:
    if conference_id > MAX_ID:
        abort(404)
    conference = db.session.get(Conference, conference_id)
    if conference is None or conference.deleted_at is not None:
        abort(404)
    return conference


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _may_check_in() -> bool:
    from ..accounts.logic import EDITOR, may

    account = g.get("account")
    return account is None or may(account.role, EDITOR)


POINT_LIMIT = 100


def _point() -> str:
    return typed_line(request.form.get("diem"), POINT_LIMIT, "Điểm điểm danh")[0][:POINT_LIMIT]


def _point_problem() -> str:
    """The check-in point is printed in the attendance report: the form classes' one-line and
    glyph rules apply to it too (this endpoint reads request.form directly)."""
    return typed_line(request.form.get("diem"), POINT_LIMIT, "Điểm điểm danh")[1]


def counts_json(conference: Conference) -> dict:
    counts = operations.attendance(conference)
    return {
        "present": counts.present,
        "total": counts.total,
        "text": logic.count_text(counts.present, counts.total),
        "substitutes": counts.substitutes,
        "groups": [
            {
                "name": group.name,
                "present": group.present,
                "total": group.total,
                "text": logic.count_text(group.present, group.total),
            }
            for group in counts.groups
        ],
        "mc_line": logic.mc_line(operations.event_word(conference), counts),
        "recent": operations.recent_arrivals(conference),
    }


def page(conference_id: int):
    conference = _conference(conference_id)
    return render_template(
        "checkin/page.html",
        conference=conference,
        counts=counts_json(conference),
        may_check_in=_may_check_in(),
        outcome=None,
        point=request.args.get("diem", ""),
    )


def figures(conference_id: int):
    """The live count (the page asks every few seconds): two aggregate reads, no write."""
    conference = _conference(conference_id)
    response = jsonify(counts_json(conference))
    response.headers["Cache-Control"] = "no-store"
    return response


def find(conference_id: int):
    """Delegates matching what is typed so far (name with or without marks, or a code)."""
    conference = _conference(conference_id)
    typed = vn.clean_text(request.args.get("q", ""))[:200]
    people = operations.search(conference, typed) if len(typed) >= 2 else []
    return jsonify({"matches": [p.as_json() for p in people]})


def _answer(conference: Conference, outcome: operations.Outcome, status: int = 200):
    if _wants_json():
        body = outcome.as_json()
        body["counts"] = counts_json(conference)
        return jsonify(body), status
    return render_template(
        "checkin/page.html",
        conference=conference,
        counts=counts_json(conference),
        may_check_in=True,
        outcome=outcome,
        point=_point(),
    ), status


def check_in(conference_id: int):
    conference = _conference(conference_id)
    typed = request.form.get("ma", "")[:300]
    if problem := _point_problem():
        return _answer(conference, operations.Outcome("invalid", f"Chưa ghi: {problem}"), 422)
    outcome = operations.check_in(conference, typed, point=_point(), by=current_author())
    if outcome.status == "matches" and len(outcome.matches) == 1:
        # a name with one match: Enter checks that delegate in, as the page's hint says (a
        # door clerk reading "01 đại biểu khớp" would take the person as checked in)
        outcome = operations.check_in(
            conference, outcome.matches[0].code, point=_point(), by=current_author()
        )
    db.session.commit()
    return _answer(conference, outcome)


def undo(conference_id: int):
    conference = _conference(conference_id)
    person = operations.undo_check_in(conference, request.form.get("ma", ""), current_author())
    db.session.commit()
    if person is None:
        outcome = operations.Outcome("unknown", "Không có lượt điểm danh nào để hủy với mã này.")
    else:
        outcome = operations.Outcome(
            "undone",
            f"Đã hủy điểm danh của {person.honorific} {person.full_name}.",
            person=person,
        )
    return _answer(conference, outcome)


def substitute(conference_id: int):
    conference = _conference(conference_id)
    name, problem = typed_line(
        request.form.get("ten"), operations.SUBSTITUTE_LIMIT, "Họ tên người dự thay"
    )
    if problem:
        return _answer(conference, operations.Outcome("invalid", f"Chưa ghi: {problem}"), 422)
    person = operations.set_substitute(conference, request.form.get("ma", ""), name)
    db.session.commit()
    if person is None:
        outcome = operations.Outcome(
            "unknown", "Chỉ ghi người dự thay cho đại biểu đã điểm danh: hãy điểm danh trước."
        )
    elif name:
        outcome = operations.Outcome(
            "substitute",
            f"Đã ghi {name} dự thay {person.honorific} {person.full_name}.",
            person=person,
        )
    else:
        outcome = operations.Outcome(
            "substitute", f"Đã bỏ người dự thay của {person.full_name}.", person=person
        )
    return _answer(conference, outcome)


def clear(conference_id: int):
    """Forget every arrival (after a rehearsal of the door); Hoàn tác brings them back."""
    conference = _conference(conference_id)
    if request.form.get("xac-nhan") != "co":
        flash({"text": "Hãy đánh dấu ô xác nhận trước khi xóa kết quả điểm danh."}, "error")
        return redirect(url_for("checkin.page", conference_id=conference.id))
    count = operations.clear_arrivals(conference)
    db.session.commit()
    from ..parts import undo_notice

    undo_notice(conference, f"Đã xóa {vn.format_count(count, 'lượt')} điểm danh.")
    return redirect(url_for("checkin.page", conference_id=conference.id))
