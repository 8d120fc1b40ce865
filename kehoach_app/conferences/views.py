"""Conference pages: the list, create from a preset, edit, copy, delete and restore, print."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy.orm.exc import StaleDataError

from .. import checks, transfer
from ..db import db
from ..lazy import lazy_module
from ..parts import Card, cards_for
from ..presets import all_presets, get_preset
from ..printouts import (
    MIME_TYPES,
    all_printouts,
    description_for,
    filename_for,
    get_printout,
    missing_for,
    refusal_for,
    safe_filename,
    write_all,
)
from ..readmodel import per_state
from . import operations
from .forms import ConferenceForm
from .logic import (
    PrintRefused,
    conference_summary,
    countdown_text,
    days_until,
    info_completeness,
    latest_day_note,
    planned_date_text,
)
from .models import Conference
from .presetting import apply_preset_parts, follow_organiser, preset_form_values
from .vocab import KINDS, LENGTHS, LEVELS

# The summary's PDF and DOCX load the printing layer on first use, not with the home page.
summary_printout = lazy_module("kehoach_app.conferences.printout")

bp = Blueprint("conferences", __name__)


def _get(conference_id: int, include_deleted: bool = False) -> Conference:
    conference = db.session.get(Conference, conference_id)
    if conference is None or (conference.deleted_at is not None and not include_deleted):
        abort(404)
    return conference


def _notice(text: str, category: str = "success", action: tuple[str, str] | None = None):
    """A flash message, optionally with a one-click action (Hoàn tác) the page shows as a button."""
    message: dict = {"text": text}
    if action:
        message["action_url"], message["action_label"] = action
    flash(message, category)


def countdown(conference: Conference) -> str:
    text = countdown_text(days_until(conference.date, dt.date.today()))
    note = latest_day_note(conference.values())
    return f"{text} ({note})" if note else text


def planned_date(conference: Conference) -> str:
    """The planned date as the plan words it, first letter capital ("Dự kiến cuối tháng …")."""
    text = planned_date_text(conference.values())
    return text[:1].upper() + text[1:]


def label(vocabulary: str, code: str) -> str:
    return {"kind": KINDS, "level": LEVELS, "length": LENGTHS}[vocabulary].get(code, code)


def index():
    return render_template(
        "conferences/index.html",
        conferences=operations.active_conferences(),
        deleted_count=len(operations.deleted_conferences()),
        today=dt.date.today(),
    )


def choose_preset():
    return render_template(
        "conferences/choose_preset.html", presets=all_presets(), kinds=KINDS, levels=LEVELS
    )


def admin_units():
    """The official list for the conference form's unit drop-down (static/js/conference_form.js):
    {province: [[name, type], …]}, read from the data file shipped with the program."""
    from flask import jsonify

    from .units import provinces

    response = jsonify(
        {
            p.name: {"city": p.is_central_city, "units": [[u.name, u.type] for u in p.units]}
            for p in provinces()
        }
    )
    response.cache_control.max_age = 86400
    return response


def _work_calendar():
    """The working days with the officer's added days (tasks part), or None without it."""
    try:
        from ..tasks.operations import work_calendar
    except ImportError:  # pragma: no cover - the tasks part is not in this build
        return None
    return work_calendar()


def create(preset_key: str):
    try:
        preset = get_preset(preset_key)
    except KeyError:
        abort(404)
    form = ConferenceForm()
    if request.method == "GET":
        form.process(data=preset_form_values(preset, dt.date.today(), calendar=_work_calendar()))
    if form.validate_on_submit():
        values = follow_organiser(preset, form.conference_values())
        conference = operations.create_conference(values)
        apply_preset_parts(conference, preset)
        db.session.commit()
        _notice(f"Đã tạo hội nghị “{conference.title}”.")
        return redirect(url_for(".show", conference_id=conference.id))
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return render_template(
        "conferences/form.html",
        form=form,
        preset=preset,
        conference=None,
        issuer_example=preset.conference.issuer_example,
    )


def show(conference_id: int):
    conference = _get(conference_id)
    return render_template(
        "conferences/show.html",
        conference=conference,
        cards=cards_for(conference),
        days=days_until(conference.date, dt.date.today()),
        can_undo=bool(conference.revisions),
        checked=checks.summary(checks.checks_for_request(conference)),
    )


def _followed(conference: Conference, form: ConferenceForm) -> dict:
    """The edit form's values with the preset's texts left as they were re-worded for the data
    changed (a new place, unit or years: presetting.follow_organiser)."""
    values = form.conference_values()
    try:
        preset = get_preset(conference.preset_key)
    except KeyError:
        return values  # a conference from a file or a preset no longer shipped
    return follow_organiser(preset, values, before=conference.values())


def edit(conference_id: int):
    conference = _get(conference_id)
    form = ConferenceForm(obj=conference if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(conference.version)
    if form.validate_on_submit():
        if form.version.data != str(conference.version):
            flash(
                {
                    "text": "Hội nghị này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn "
                    "bên dưới; hãy xem lại bản mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
                },
                "error",
            )
            form.version.data = str(conference.version)
            return render_template(
                "conferences/form.html",
                form=form,
                preset=None,
                conference=conference,
                issuer_example="",
            ), 409
        try:
            changed = operations.update_conference(conference, _followed(conference, form))
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            abort(409)
        if changed:
            _notice(
                "Đã lưu thông tin hội nghị.",
                action=(url_for(".undo", conference_id=conference.id), "Hoàn tác"),
            )
        else:
            _notice("Không có gì thay đổi.", "info")
        return redirect(url_for(".show", conference_id=conference.id))
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return render_template(
        "conferences/form.html", form=form, preset=None, conference=conference, issuer_example=""
    )


def undo(conference_id: int):
    conference = _get(conference_id)
    revision = operations.undo_last_edit(conference)
    db.session.commit()
    if revision is None:
        _notice("Không còn thay đổi nào để hoàn tác.", "info")
    else:
        _notice(
            f"Đã hoàn tác: {revision.description[:1].lower()}{revision.description[1:]} lúc "
            f"{revision.created_at.strftime('%H:%M %d/%m/%Y')}."
        )
    return redirect(_local_next() or url_for(".show", conference_id=conference.id))


def _local_next() -> str | None:
    """The page to go back to after an action, if it is a page of this app (never elsewhere)."""
    target = request.form.get("next") or request.args.get("next") or ""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def duplicate(conference_id: int):
    conference = _get(conference_id)
    copy = operations.duplicate_conference(conference)
    db.session.commit()
    _notice(
        f"Đã nhân bản thành hội nghị năm {copy.year_launched}. Hãy kiểm tra ngày tổ chức "
        "và các thông tin khác.",
        action=(url_for(".delete", conference_id=copy.id), "Hủy bản sao"),
    )
    return redirect(url_for(".edit", conference_id=copy.id))


def delete(conference_id: int):
    conference = _get(conference_id)
    if request.method == "GET":
        return render_template("conferences/confirm_delete.html", conference=conference)
    operations.move_to_recycle_bin(conference)
    db.session.commit()
    _notice(
        f"Đã chuyển “{conference.title}” vào thùng rác.",
        action=(url_for(".restore", conference_id=conference.id), "Hoàn tác"),
    )
    return redirect(url_for(".index"))


def recycle_bin():
    return render_template(
        "conferences/recycle_bin.html", conferences=operations.deleted_conferences()
    )


def restore(conference_id: int):
    conference = _get(conference_id, include_deleted=True)
    operations.restore_from_recycle_bin(conference)
    db.session.commit()
    _notice(f"Đã khôi phục “{conference.title}”.")
    return redirect(url_for(".show", conference_id=conference.id))


def purge(conference_id: int):
    conference = _get(conference_id, include_deleted=True)
    if conference.deleted_at is None:
        abort(404)
    if request.method == "GET":
        return render_template("conferences/confirm_purge.html", conference=conference)
    title = conference.title
    operations.delete_forever(conference)
    db.session.commit()
    _notice(f"Đã xóa vĩnh viễn “{title}”.")
    return redirect(url_for(".recycle_bin"))


def printout(conference_id: int, key: str, fmt: str):
    conference = _get(conference_id)
    item = get_printout(key)
    if item is None or fmt not in item.formats:
        abort(404)
    refusal = refusal_for(item, conference)
    if refusal:
        raise PrintRefused(refusal)
    data = item.build(conference, fmt)
    return send_file(
        BytesIO(data),
        mimetype=MIME_TYPES[fmt],
        as_attachment=request.args.get("xem") is None,
        download_name=filename_for(conference, item, fmt),
    )


def print_centre(conference_id: int):
    conference = _get(conference_id)

    def read() -> tuple[list, dict]:
        rows = [
            (item, missing_for(item, conference), description_for(item, conference))
            for item in all_printouts()
        ]
        return rows, {item.key: refusal_for(item, conference) for item in all_printouts()}

    # Kept across requests while the database and the day stay the same (issue 19): what is
    # missing is read from the database only; the printouts are the registry's frozen entries.
    rows, refusals = per_state(("print_centre", tuple(all_printouts())), conference.id, read)
    # Printing stays the officer's choice; the blocking problems are shown beside each document.
    checked = checks.summary(checks.checks_for_request(conference))
    return render_template(
        "conferences/print_centre.html",
        conference=conference,
        rows=rows,
        checked=checked,
        refusals=refusals,
    )


def print_all_zip(conference_id: int):
    import zipfile

    conference = _get(conference_id)
    buffer = BytesIO()
    # PDF, DOCX and XLSX are compressed already: stored as they are, the ZIP is made at once
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        write_all(conference, archive.writestr)
    buffer.seek(0)
    return send_file(
        buffer,
        mimetype="application/zip",
        as_attachment=True,
        download_name=safe_filename(f"Bản in hội nghị {conference.year_launched}", "zip"),
    )


def export_file(conference_id: int):
    conference = _get(conference_id)
    data = transfer.dump_json(transfer.export_conference(conference))
    return send_file(
        BytesIO(data),
        mimetype="application/json",
        as_attachment=True,
        download_name=f"hoi-nghi-{conference.year_launched}-{conference.id}.kehoach.json",
    )


def import_file():
    errors: list[str] = []
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            errors = ["Hãy chọn tệp hội nghị (.json) để nhập."]
        else:
            from ..backups.views import backup_before

            raw = upload.read()
            backup_before("truoc-nhap")
            try:
                conference = transfer.import_conference(raw)
                db.session.commit()
            except transfer.ConferenceFileError as error:
                db.session.rollback()
                errors = error.messages
            else:
                _notice(
                    f"Đã nhập hội nghị “{conference.title}”.",
                    action=(url_for(".delete", conference_id=conference.id), "Hủy nhập"),
                )
                return redirect(url_for(".show", conference_id=conference.id))
        flash({"text": "Không nhập được tệp; chưa có gì được lưu."}, "error")
    return render_template("conferences/import.html", errors=errors), (400 if errors else 200)


def demo():
    from ..demo import create_demo_conference

    conference = create_demo_conference()
    db.session.commit()
    _notice(
        "Đã tạo hội nghị mẫu để xem thử. Bạn có thể sửa, in, hoặc xóa nó bất cứ lúc nào.",
        action=(url_for(".delete", conference_id=conference.id), "Xóa hội nghị mẫu"),
    )
    return redirect(url_for(".show", conference_id=conference.id))


def dashboard_card(conference: Conference) -> Card:
    completeness = info_completeness(conference.values())
    return Card(
        key="info",
        title="Thông tin chung",
        description="Tên, thời gian, địa điểm, người ký",
        progress=completeness.progress,
        todo=completeness.missing or ["Đã đủ thông tin chung."],
        url=url_for("conferences.edit", conference_id=conference.id),
        url_label="Sửa thông tin",
    )


def build_summary(conference: Conference, fmt: str) -> bytes:
    return summary_printout.render_summary(conference_summary(conference.values()), fmt)


def missing_summary(conference: Conference) -> list[str]:
    return info_completeness(conference.values()).missing
