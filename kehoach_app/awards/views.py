"""Pages of the awards part: the list of awards and its money, the Excel import, the ceremony
plan, the LED name display, the catalogue of award forms and base salaries; the printouts, the
dashboard card, the conference-file part and the demo data register here.
"""

from __future__ import annotations

import secrets
import time
from io import BytesIO
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy.orm.exc import StaleDataError

from .. import legal, vn
from ..conferences.logic import event_time_text, signing_date_line
from ..conferences.models import Conference
from ..db import db

# The delegates' conference-file part must be registered before ours: on import and undo the
# parts are replaced in registration order, and an award's receiver is found among the
# conference's delegates — which must already be the new ones (docs/awards.md).
from ..delegates import views as _delegates_views  # noqa: F401
from ..lazy import lazy_module
from ..parts import Card, conference_or_404
from ..printouts import MIME_TYPES, safe_filename
from . import catalogue, figure_views, listing, logic, operations
from .forms import (
    BatchForm,
    CeremonySettingsForm,
    FormEntryForm,
    RecipientForm,
    SalaryForm,
    allowed_text,
    delegate_line,
    find_delegate,
)
from .models import Award, AwardForm, BaseSalary

bp = Blueprint("awards", __name__)
# ReportLab and openpyxl load at the first printout or workbook, not at start (kehoach_app/lazy.py).
printout = lazy_module("kehoach_app.awards.printout")
spreadsheet = lazy_module("kehoach_app.awards.spreadsheet")

UNDO = "Hoàn tác"
STALE = (
    "Danh sách vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại "
    "bản mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
)


_get = conference_or_404


def _award(conference: Conference, award_id: int) -> Award:
    award = db.session.get(Award, award_id)
    if award is None or award.conference_id != conference.id:
        abort(404)
    return award


def _notice(text: str, category: str = "success", undo_of: Conference | None = None):
    message: dict = {"text": text}
    if undo_of is not None:
        message["action_url"] = url_for("conferences.undo", conference_id=undo_of.id)
        message["action_label"] = UNDO
    flash(message, category)


def _version(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return -1


def _frame(conference: Conference) -> printout.Frame:
    signer = [
        vn.upper_vn(line)
        for line in (conference.signer_authority, conference.signer_deputy, conference.signer_title)
        if line
    ]
    return printout.Frame(
        title=conference.title,
        issuer=conference.issuer,
        parent_body=conference.parent_body,
        place_line=signing_date_line(conference.values()),
        when=f"{event_time_text(conference.values())} — {conference.venue}",
        signer_lines=signer,
        signer_name=conference.signer_name,
        place=conference.place_name,
    )


# --------------------------------------------------------------------------- the list


def index(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    # 50 rows a page, a search, and the way back to an award after editing it (issue 19)
    search = vn.clean_text(request.args.get("q", ""))[:200]
    listed = listing.page_of_awards(
        state.money.forms,
        state.recipients,
        page=_optional_int(request.args.get("trang", "")) or 1,
        search=search,
        showing=_optional_int(request.args.get("xem", "")),
    )
    versions = {a.id: a.version for a in state.awards}
    return render_template(
        "awards/index.html",
        conference=conference,
        state=state,
        listed=listed,
        search=search,
        versions=versions,
        overview=state.overview(),
        coefficient=catalogue.coefficient_text,
        **figure_views.money_context(state),
    )


def _showing(conference: Conference, award_id: int) -> str:
    """The list at the page that holds the award, scrolled to its row."""
    return url_for(".index", conference_id=conference.id, xem=award_id) + f"#award-{award_id}"


def _recipient_form(state: operations.AwardsState, award: Award | None = None, **kwargs):
    return RecipientForm(
        forms=state.forms,
        delegates=sorted(state.delegates, key=_delegate_order),
        current_form_id=award.form_id if award else None,
        **kwargs,
    )


def _delegate_order(delegate) -> tuple:
    from ..delegates.logic import protocol_key

    return protocol_key(delegate)


def add(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    form = _recipient_form(state)
    if request.method == "GET":
        form.form_id.data = _optional_int(request.args.get("hinh-thuc"))
        form.recipient_kind.data = request.args.get("doi-tuong") or logic.COLLECTIVE
    if form.validate_on_submit():
        values = form.values()
        operations.add_award(conference, values)
        db.session.commit()
        _notice(f"Đã thêm khen thưởng “{operations.describe(values['name'])}”.", undo_of=conference)
        if request.form.get("next") == "them-tiep":
            return redirect(
                url_for(
                    ".add",
                    conference_id=conference.id,
                    **{"hinh-thuc": values["form_id"], "doi-tuong": values["recipient_kind"]},
                )
            )
        return redirect(
            url_for(".index", conference_id=conference.id) + f"#form-{values['form_id']}"
        )
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return render_template(
        "awards/form.html",
        conference=conference,
        form=form,
        award=None,
        state=state,
        kinds_allowed=_kinds_allowed(state),
    ), (400 if request.method == "POST" else 200)


def _kinds_allowed(state) -> dict:
    return {f.id: allowed_text(f) for f in state.forms}


def _optional_int(text):
    try:
        return int(text) if text else None
    except ValueError:
        return None


def edit(conference_id: int, award_id: int):
    conference = _get(conference_id)
    award = _award(conference, award_id)
    state = operations.load(conference)
    form = _recipient_form(state, award, obj=award if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(award.version)
        if award.receiver_delegate_id:
            form.receiver_name.data = ""
    if form.validate_on_submit():
        try:
            changed = operations.update_award(award, form.values(), _version(form.version.data))
            db.session.commit()
        except (operations.StaleEdit, StaleDataError):
            db.session.rollback()
            flash({"text": STALE}, "error")
            award = _award(conference, award_id)
            form.version.data = str(award.version)
            return render_template(
                "awards/form.html",
                conference=conference,
                form=form,
                award=award,
                state=state,
                kinds_allowed=_kinds_allowed(state),
            ), 409
        if changed:
            _notice(f"Đã lưu khen thưởng “{operations.describe(award.name)}”.", undo_of=conference)
        else:
            _notice("Không có gì thay đổi.", "info")
        return redirect(_showing(conference, award.id))
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return render_template(
        "awards/form.html",
        conference=conference,
        form=form,
        award=award,
        state=state,
        kinds_allowed=_kinds_allowed(state),
    ), (400 if request.method == "POST" else 200)


def delete(conference_id: int, award_id: int):
    conference = _get(conference_id)
    award = _award(conference, award_id)
    name = award.name
    try:
        operations.delete_award(award, _version(request.form.get("version")))
        db.session.commit()
    except (operations.StaleEdit, StaleDataError):
        db.session.rollback()
        _notice(
            "Khen thưởng này vừa được sửa ở cửa sổ khác nên chưa xóa; hãy xem lại rồi xóa.",
            "error",
        )
        return redirect(url_for(".index", conference_id=conference.id))
    _notice(f"Đã xóa khen thưởng “{operations.describe(name)}”.", undo_of=conference)
    return redirect(url_for(".index", conference_id=conference.id))


def move(conference_id: int, award_id: int, where: str):
    conference = _get(conference_id)
    award = _award(conference, award_id)
    moved = operations.move_award(award, -1 if where == "len" else 1)
    db.session.commit()
    if moved:
        _notice(
            f"Đã chuyển “{operations.describe(award.name)}” "
            f"{'lên' if where == 'len' else 'xuống'}.",
            undo_of=conference,
        )
    else:
        _notice("Không chuyển được: đã ở đầu hoặc cuối danh sách.", "info")
    return redirect(_showing(conference, award.id))


# --------------------------------------------------------------------------- Excel


def _xlsx(data: bytes, name: str):
    return send_file(
        BytesIO(data),
        mimetype=MIME_TYPES["xlsx"],
        as_attachment=True,
        download_name=safe_filename(name, "xlsx"),
    )


def template_file(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    return _xlsx(
        spreadsheet.template_workbook(logic.order_forms(state.forms)), "Mẫu danh sách khen thưởng"
    )


def export_file(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    data = spreadsheet.export_workbook(
        logic.order_forms(state.forms), state.recipients, state.money.amounts
    )
    return _xlsx(data, f"Danh sách khen thưởng - {conference.year_launched}")


def _upload_dir() -> Path:
    folder = Path(current_app.config["DATA_DIR"]) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    # files of previews never confirmed are removed after a day
    for old in folder.glob("khen-thuong-*.xlsx"):
        try:
            if time.time() - old.stat().st_mtime > 86400:
                old.unlink()
        except OSError:
            pass
    return folder


def _upload_path(token: str) -> Path | None:
    if not token or not token.isalnum() or len(token) > 64:
        return None
    return _upload_dir() / f"khen-thuong-{token}.xlsx"


def import_excel(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    report, error, token = None, None, ""
    replace = request.form.get("replace") == "1"
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            error = "Hãy chọn tệp Excel (.xlsx) để nhập."
        else:
            raw = upload.read()
            try:
                report = spreadsheet.read_awards(raw, state.forms, state.delegates)
            except spreadsheet.SpreadsheetError as problem:
                error = str(problem)
            else:
                if report.ok:
                    token = secrets.token_hex(16)
                    _upload_path(token).write_bytes(raw)
    status = 400 if (error or (report and not report.ok)) else 200
    return render_template(
        "awards/import.html",
        conference=conference,
        report=report,
        error=error,
        token=token,
        replace=replace,
        existing=len(state.awards),
    ), status


def import_confirm(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    path = _upload_path(request.form.get("token", ""))
    if path is None or not path.exists():
        _notice("Phiên nhập đã hết hạn; hãy chọn lại tệp Excel.", "error")
        return redirect(url_for(".import_excel", conference_id=conference.id))
    try:
        report = spreadsheet.read_awards(path.read_bytes(), state.forms, state.delegates)
    except spreadsheet.SpreadsheetError as problem:
        _notice(str(problem), "error")
        return redirect(url_for(".import_excel", conference_id=conference.id))
    if not report.ok:
        _notice("Tệp có lỗi nên chưa nhập; hãy chọn lại tệp sau khi sửa.", "error")
        return redirect(url_for(".import_excel", conference_id=conference.id))
    replace = request.form.get("replace") == "1"
    count = operations.import_awards(conference, [r.values for r in report.rows], replace=replace)
    db.session.commit()
    path.unlink(missing_ok=True)
    _notice(
        f"Đã nhập {count} khen thưởng từ Excel"
        + (" (thay toàn bộ danh sách cũ)." if replace else "."),
        undo_of=conference,
    )
    return redirect(url_for(".index", conference_id=conference.id))


# --------------------------------------------------------------------------- the ceremony


def ceremony(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    settings_form = CeremonySettingsForm()
    status = 200
    if request.method == "GET":
        settings_form.batch_size.data = state.settings.batch_size
        settings_form.minutes_per_batch.data = state.settings.minutes_per_batch
        settings_form.group_by.data = state.settings.group_by
        settings_form.version.data = str(state.settings.version)
    elif settings_form.validate_on_submit():
        known = {f.code for f in state.used_forms()}
        breaks = [code for code in request.form.getlist("breaks_after") if code in known]
        try:
            changed = operations.save_settings(
                conference,
                settings_form.batch_size.data,
                breaks,
                _version(settings_form.version.data),
                settings_form.minutes_per_batch.data,
                settings_form.group_by.data,
            )
            db.session.commit()
        except (operations.StaleEdit, StaleDataError):
            db.session.rollback()
            flash({"text": STALE}, "error")
            state = operations.load(conference)
            settings_form.version.data = str(state.settings.version)
            status = 409
        else:
            if changed:
                _notice(
                    "Đã lưu cách chia đợt trao thưởng; các mục trao thưởng trong chương trình "
                    "đã được cập nhật theo.",
                    undo_of=conference,
                )
            else:
                _notice("Không có gì thay đổi.", "info")
            return redirect(url_for(".ceremony", conference_id=conference.id))
    else:
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        status = 400
    return _ceremony_page(conference, state, settings_form), status


def _ceremony_page(conference, state, settings_form, failed: BatchForm | None = None):
    delegates = sorted(state.delegates, key=_delegate_order)
    by_id = {d.id: d for d in delegates}
    batch_forms = {}
    for batch in state.ceremony.batches:
        if failed is not None and failed.sequence.data == str(batch.sequence):
            batch_forms[batch.sequence] = failed
            continue
        form = BatchForm(formdata=None, prefix=f"b{batch.sequence}")
        form.form_id.data = str(batch.form.id)
        form.number.data = str(batch.number)
        form.sequence.data = str(batch.sequence)
        edited = batch.presenter if batch.presenter and batch.presenter.edited else None
        if edited is not None and edited.delegate_id in by_id:
            form.presenter.data = delegate_line(by_id[edited.delegate_id])
        elif edited is not None:
            form.presenter.data = edited.name
        form.music_cue.data = batch.music_cue
        form.notes.data = batch.notes
        batch_forms[batch.sequence] = form
    presidium = [d for d in delegates if d.presidium]
    return render_template(
        "awards/ceremony.html",
        conference=conference,
        state=state,
        ceremony=state.ceremony,
        settings_form=settings_form,
        batch_forms=batch_forms,
        used_forms=state.used_forms(),
        rule=logic.PRESENTERS_RULE,
        open_sequence=failed.sequence.data if failed is not None else None,
        delegate_lines=[delegate_line(d) for d in presidium]
        + [delegate_line(d) for d in delegates if not d.presidium],
    )


def save_batch(conference_id: int, sequence: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    form = BatchForm(prefix=f"b{sequence}")
    batch = next((b for b in state.ceremony.batches if b.sequence == sequence), None)
    settings_form = CeremonySettingsForm(formdata=None)
    settings_form.batch_size.data = state.settings.batch_size
    settings_form.minutes_per_batch.data = state.settings.minutes_per_batch
    settings_form.group_by.data = state.settings.group_by
    settings_form.version.data = str(state.settings.version)
    if (
        batch is None
        or form.form_id.data != str(batch.form.id)
        or form.number.data != str(batch.number)
    ):
        flash(
            {
                "text": "Các đợt trao thưởng vừa thay đổi (danh sách hoặc cách chia đợt đã được "
                "sửa ở cửa sổ khác). Những gì bạn nhập vẫn còn bên dưới; hãy kiểm tra lại rồi lưu."
            },
            "error",
        )
        return _ceremony_page(conference, state, settings_form, failed=form), 409
    if not form.validate_on_submit():
        flash({"text": f"Chưa lưu đợt {sequence}: hãy sửa ô được đánh dấu đỏ."}, "error")
        return _ceremony_page(conference, state, settings_form, failed=form), 400
    typed = form.presenter.data or ""
    delegate = find_delegate(typed, state.delegates)
    changed = operations.save_batch(
        conference,
        batch.form.id,
        batch.number,
        sequence,
        delegate.id if delegate is not None else None,
        "" if delegate is not None else typed,
        form.music_cue.data or "",
        form.notes.data or "",
    )
    db.session.commit()
    if changed:
        _notice(f"Đã lưu đợt {sequence}.", undo_of=conference)
    else:
        _notice("Không có gì thay đổi.", "info")
    return redirect(url_for(".ceremony", conference_id=conference.id) + f"#dot-{sequence}")


def reset_batches(conference_id: int):
    conference = _get(conference_id)
    if operations.reset_batches(conference):
        db.session.commit()
        _notice("Đã đặt lại người trao của mọi đợt theo Đoàn Chủ tịch.", undo_of=conference)
    else:
        _notice("Các đợt đang theo thứ tự tự động.", "info")
    return redirect(url_for(".ceremony", conference_id=conference.id))


def led(conference_id: int):
    conference = _get(conference_id)
    state = operations.load(conference)
    return render_template(
        "awards/led.html",
        conference=conference,
        slides=logic.led_slides(state.ceremony),
        columns=logic.led_columns,
    )


# --------------------------------------------------------------------------- catalogue


def catalogue_page():
    # read only (issue 19): the shipped catalogue is stored when the app starts (_seed_catalogue)
    return render_template(
        "awards/catalogue.html",
        forms=catalogue.all_forms(),
        salaries=catalogue.all_salaries(),
        **figure_views.catalogue_context(),
        levels=catalogue.LEVELS,
        coefficient=catalogue.coefficient_text,
        allowed=allowed_text,
        salary_form=SalaryForm(formdata=None),
        back=_back_conference(),
    )


def _back_conference() -> Conference | None:
    conference_id = _optional_int(request.args.get("hoi-nghi"))
    if conference_id:
        conference = db.session.get(Conference, conference_id)
        if conference is not None and conference.deleted_at is None:
            return conference
    return None


def _form_entry(form: AwardForm | None) -> FormEntryForm:
    entry = FormEntryForm(obj=form if request.method == "GET" else None)
    if request.method == "GET":
        if form is not None:
            entry.version.data = str(form.version)
            entry.coefficient.data = catalogue.coefficient_text(form.coefficient_milli)
            entry.collective_multiplier.data = catalogue.coefficient_text(
                form.collective_multiplier_milli
            )
        else:
            entry.active.data = True
            entry.for_individual.data = True
            entry.for_collective.data = True
            entry.collective_multiplier.data = "2"
            entry.precedence.data = 200
    return entry


def edit_form_entry(form_id: int | None = None):
    if request.method == "POST":  # never on a read (issue 19); seeded at start already
        catalogue.ensure_catalogue()
    form = db.session.get(AwardForm, form_id) if form_id else None
    if form_id and form is None:
        abort(404)
    entry = _form_entry(form)
    if entry.validate_on_submit():
        values = entry.values()
        clash = db.session.query(AwardForm).filter(AwardForm.code == values["code"]).first()
        if clash is not None and clash is not form:
            entry.code.errors.append("Mã này đã có trong danh mục.")
        else:
            try:
                if form is None:
                    form = operations.add_form(values)
                    changed = True
                elif values["code"] != form.code and _code_in_use(form):
                    entry.code.errors.append(
                        "Hình thức này đang có trong danh sách khen thưởng nên không đổi mã được "
                        "(mã dùng trong tệp hội nghị)."
                    )
                    flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
                    return render_template("awards/form_entry.html", entry=entry, form=form), 400
                else:
                    changed = operations.update_form(form, values, _version(entry.version.data))
                db.session.commit()
            except (operations.StaleEdit, StaleDataError):
                db.session.rollback()
                flash({"text": STALE.replace("Danh sách", "Hình thức này")}, "error")
                form = db.session.get(AwardForm, form_id)
                entry.version.data = str(form.version)
                return render_template("awards/form_entry.html", entry=entry, form=form), 409
            _notice(
                f"Đã lưu “{form.name}”." if changed else "Không có gì thay đổi.",
                "success" if changed else "info",
            )
            return redirect(url_for(".catalogue_page") + f"#hinh-thuc-{form.id}")
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return render_template("awards/form_entry.html", entry=entry, form=form), (
        400 if request.method == "POST" else 200
    )


def _code_in_use(form: AwardForm) -> bool:
    return db.session.query(Award.id).filter(Award.form_id == form.id).first() is not None


def add_salary():
    form = SalaryForm()
    if form.validate_on_submit():
        exists = (
            db.session.query(BaseSalary)
            .filter(BaseSalary.effective_from == form.effective_from.data)
            .first()
        )
        if exists is not None:
            form.effective_from.errors.append("Đã có mức lương cơ sở áp dụng từ ngày này.")
        else:
            db.session.add(
                BaseSalary(
                    amount=form.amount.data,
                    effective_from=form.effective_from.data,
                    legal_basis=form.legal_basis.data or "",
                )
            )
            db.session.commit()
            _notice(
                f"Đã thêm mức lương cơ sở {vn.format_money(form.amount.data)} từ ngày "
                f"{vn.format_date_short(form.effective_from.data)}."
            )
            return redirect(url_for(".catalogue_page") + "#luong-co-so")
    flash({"text": "Chưa thêm: hãy sửa các ô được đánh dấu đỏ."}, "error")
    return render_template(
        "awards/catalogue.html",
        forms=catalogue.all_forms(),
        salaries=catalogue.all_salaries(),
        **figure_views.catalogue_context(),
        levels=catalogue.LEVELS,
        coefficient=catalogue.coefficient_text,
        allowed=allowed_text,
        salary_form=form,
        back=None,
    ), 400


def edit_salary(salary_id: int):
    salary = db.session.get(BaseSalary, salary_id)
    if salary is None:
        abort(404)
    form = SalaryForm(obj=salary if request.method == "GET" else None)
    if form.validate_on_submit():
        clash = (
            db.session.query(BaseSalary)
            .filter(BaseSalary.effective_from == form.effective_from.data)
            .first()
        )
        if clash is not None and clash is not salary:
            form.effective_from.errors.append("Đã có mức lương cơ sở áp dụng từ ngày này.")
        else:
            try:
                # Shared by every conference: a save from a form opened before another tab's
                # save is refused (issue 18), what was typed kept.
                if _version(form.version.data) != salary.version:
                    raise operations.StaleEdit
                values = {
                    "amount": form.amount.data,
                    "effective_from": form.effective_from.data,
                    "legal_basis": form.legal_basis.data or "",
                }
                # A confirmation is of what was stored: an edit needs a new one (issue 16).
                legal.reset_when_changed(salary, values, catalogue.SALARY_FIELDS)
                salary.amount = form.amount.data
                salary.effective_from = form.effective_from.data
                salary.legal_basis = form.legal_basis.data or ""
                db.session.commit()
            except (operations.StaleEdit, StaleDataError):
                db.session.rollback()
                flash({"text": STALE.replace("Danh sách", "Mức lương cơ sở này")}, "error")
                form.version.data = str(salary.version)
                return render_template("awards/salary.html", form=form, salary=salary), 409
            _notice("Đã lưu mức lương cơ sở.")
            return redirect(url_for(".catalogue_page") + "#luong-co-so")
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return render_template("awards/salary.html", form=form, salary=salary), (
        400 if request.method == "POST" else 200
    )


def delete_salary(salary_id: int):
    salary = db.session.get(BaseSalary, salary_id)
    if salary is None:
        abort(404)
    text = f"{vn.format_money(salary.amount)} từ ngày {vn.format_date_short(salary.effective_from)}"
    db.session.delete(salary)
    db.session.commit()
    _notice(f"Đã xóa mức lương cơ sở {text}.")
    return redirect(url_for(".catalogue_page") + "#luong-co-so")


# --------------------------------------------------------------------------- registrations


def dashboard_card(conference: Conference) -> Card:
    state = operations.load(conference)
    summary = state.overview()
    return Card(
        key="awards",
        title="Khen thưởng",
        description="Danh sách khen thưởng, kịch bản trao thưởng, màn hình LED",
        progress=summary.progress,
        todo=summary.todo + summary.lines,
        url=url_for("awards.index", conference_id=conference.id),
        url_label="Mở danh sách khen thưởng",
    )


def build_script(conference: Conference, fmt: str) -> bytes:
    state = operations.load(conference)
    return printout.render_script(_frame(conference), state.script(), fmt)


def build_money(conference: Conference, fmt: str) -> bytes:
    state = operations.load(conference)
    return printout.render_money(
        _frame(conference),
        state.money,
        state.recipients,
        state.items,
        state.ceremony.largest_batch,
        fmt,
    )


def build_items(conference: Conference, fmt: str) -> bytes:
    state = operations.load(conference)
    return printout.render_items(
        _frame(conference), state.items, state.money, state.ceremony.largest_batch, fmt
    )


def build_led(conference: Conference, fmt: str) -> bytes:
    state = operations.load(conference)
    return printout.led_pdf(conference.title, logic.led_slides(state.ceremony))


def missing_for_script(conference: Conference) -> list[str]:
    return operations.load(conference).overview().todo


def missing_for_money(conference: Conference) -> list[str]:
    state = operations.load(conference)
    if not state.awards:
        return ["Chưa có danh sách khen thưởng"]
    missing = []
    if state.money.unpriced:
        missing.append(
            f"{state.money.unpriced} khen thưởng chưa tính được tiền (chưa có mức lương cơ sở "
            "áp dụng vào ngày quyết định)"
        )
    return missing


def missing_if_empty(conference: Conference) -> list[str]:
    # The awards the request has read already (operations.load, once per GET): the print
    # centre asked twice for all 300 rows again only to see whether there is one (issue 19).
    return [] if operations.load(conference).awards else ["Chưa có danh sách khen thưởng"]


# The programme's award items name the forms as the conference does: re-worded when the
# organiser changes (logic.form_title).


def coefficient_filter(milli: int) -> str:
    return catalogue.coefficient_text(milli)


# The legal figures' pages (rates, rounding, "Đã đối chiếu với văn bản") share the blueprint;
# so do In phôi (certificates on their pre-printed forms), the receipt list and the import from
# the decision (issue 20).
