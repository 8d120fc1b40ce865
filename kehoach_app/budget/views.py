"""Budget pages: the estimate (lines, derived lines, overrides, norm warnings, totals), its
settings, the spending norms; and the part's printouts, dashboard card, preset, demo and file.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields.choices import SelectChoice

from .. import vn
from ..conferences.logic import signing_date_line
from ..conferences.models import Conference
from ..conferences.vocab import BUDGET_CATEGORIES
from ..db import db
from ..parts import Card, conference_or_404, undo_notice
from ..printing import Header
from . import logic, operations
from .forms import BudgetLineForm, BudgetSettingsForm, NormForm, NormProfileForm
from .models import Norm
from .printout import EstimateSheet, render_estimate, render_workbook

bp = Blueprint("budget", __name__)


STALE = (
    "Dòng này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại bản "
    "mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
)
NOT_SAVED = "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."


_conference = conference_or_404


_undo_notice = undo_notice


def _to_page(conference: Conference, line_id: int | None = None):
    anchor = f"dong-{line_id}" if line_id else None
    return redirect(url_for(".estimate", conference_id=conference.id, _anchor=anchor))


def _norm_choices(conference: Conference | None = None, current: str = "") -> list[tuple[str, str]]:
    """The norms a line may be checked against, as (code, Vietnamese name), by name.

    A huyện-level norm (gone with the district level on 01/7/2025) is offered only to a huyện
    record or to the line that already names it.
    """
    seen: dict[str, str] = {}
    for profile in operations.all_profiles():
        for norm in profile.norms:
            seen.setdefault(norm.code, norm.name)
    huyen = conference is not None and conference.level == "huyen"
    return sorted(
        (
            (code, name)
            for code, name in seen.items()
            if huyen or code == current or not _is_district_norm(code, name)
        ),
        key=lambda item: vn.collation_key(item[1]),
    )


def _is_district_norm(code: str, name: str) -> bool:
    return code.endswith("_huyen") or "cấp huyện" in name.lower()


# --------------------------------------------------------------------------- the estimate


def estimate(conference_id: int):
    conference = _conference(conference_id)
    # Read only (issue 19): the derived lines are brought up to date in memory; the settings
    # of a budget not started yet are the defaults its first change will store.
    settings = operations.settings_of(conference) or operations.default_settings(conference)
    budget, specs = operations.budget_of(conference, as_started=True)
    profile = (
        operations.get_profile(settings.norm_profile_id) if settings.norm_profile_id else None
    ) or operations.national_profile()
    # decoration paid twice (the check blocks it): each line names the other one
    doubled: dict[int, list[str]] = {}
    for pair in logic.doubled_decoration(budget.rows, specs):
        doubled.setdefault(pair.package.id, []).append(pair.item_line.content)
        doubled.setdefault(pair.item_line.id, []).append(pair.package.content)
    return render_template(
        "budget/estimate.html",
        conference=conference,
        budget=budget,
        settings=settings,
        profile=profile,
        basis=operations.delegate_basis(conference),
        days=logic.format_quantity(settings.days_milli),
        meal_text=logic.meal_summary([row.line for row in budget.rows], settings.meal_location),
        has_drinks=any(r.line.derived_key == "drinks" for r in budget.rows),
        # any meal line, hand or derived: a second one would pay the meals twice
        has_meals=any(r.line.category == "an" for r in budget.rows),
        auto_families=logic.AUTO_FAMILIES,
        family=logic.derived_family,
        doubled=doubled,
        paid_elsewhere=logic.paid_elsewhere_sentence(operations.awards_paid_elsewhere(conference)),
        quantity=logic.format_quantity,
        **figure_marks(conference, budget),
    )


def figure_marks(conference: Conference, budget) -> dict:
    """The legal figures the estimate uses while unverified (issue 16): each norm a line is
    checked against, and the award money's figures — marked on this page (never on the printed
    estimate), blocking the pre-signature check until confirmed."""
    from ..demo import is_demo
    from ..legal import UNVERIFIED_MARK

    marks: list[str] = []
    for row in budget.rows:
        rule = row.norm
        if rule is not None and rule.unverified:
            text = f"Định mức “{rule.name}” {rule.cap_text} ({rule.profile_name})"
            if text not in marks:
                marks.append(text)
    if any(logic.derived_family(row.line.derived_key) == "award_money" for row in budget.rows):
        state = operations._awards_state(conference)
        if state is not None:
            from ..awards import figures

            marks.extend(use.text for use in figures.unverified_uses(state.money))
    return {
        "figure_marks": marks,
        "unverified_mark": UNVERIFIED_MARK,
        "demo_conference": is_demo(conference),
        "award_rounding": " ".join(budget.award_rounding),
    }


def _line_page(conference, form, line, spec=None, status=200):
    return render_template(
        "budget/line_form.html",
        conference=conference,
        form=form,
        line=line,
        spec=spec,
        norm_choices=_norm_choices(conference, form.norm_code.data or ""),
        quantity=logic.format_quantity,
        derived_label=logic.DERIVED_LABELS.get(logic.derived_family(line.derived_key), "")
        if line is not None
        else "",
    ), status


def _save_error(conference, form, line, spec, error: Exception):
    db.session.rollback()
    form.unit_price.errors = [*form.unit_price.errors, str(error)]
    flash({"text": NOT_SAVED}, "error")
    return _line_page(conference, form, line, spec, 422)


def add(conference_id: int):
    conference = _conference(conference_id)
    form = BudgetLineForm()
    if request.method == "GET":
        category = request.args.get("muc", "khac")
        form.process(data={"category": category if category in BUDGET_CATEGORIES else "khac"})
    if form.validate_on_submit():
        try:
            _up_to_date(conference)
            line = operations.add_line(conference, form.line_values())
            db.session.commit()
        except (operations.BudgetCapExceeded, IntegrityError) as error:
            return _save_error(conference, form, None, None, error)
        _undo_notice(conference, f"Đã thêm dòng “{line.content}”.")
        return _to_page(conference, line.id)
    if request.method == "POST":
        flash({"text": NOT_SAVED}, "error")
        return _line_page(conference, form, None, status=422)
    return _line_page(conference, form, None)


def _up_to_date(conference: Conference) -> None:
    """Before a change of the estimate: store its derived lines as the page showed them (a read
    never stores them, docs/budget.md), so the change applies to what the officer saw. A budget
    not started is started now, with the defaults its page showed."""
    operations.settings_of(conference, create=True)
    operations.sync_derived(conference)


def _spec_of(conference: Conference, line) -> logic.DerivedSpec | None:
    if not line or not line.derived_key:
        return None
    specs = logic.derived_specs(operations.derived_inputs(conference))
    return logic.spec_for(line.derived_key, specs)


def edit(conference_id: int, line_id: int):
    """Edit a line; `?dong=<key>` with line 0: an automatic line the page shows but the
    database does not hold yet (stored, with the others, when the edit is saved)."""
    conference = _conference(conference_id)
    key = request.args.get("dong", "") if line_id == 0 else ""
    if request.method == "GET":
        line = operations.shown_line(conference, line_id, key)
        if line is None:
            abort(404)
        spec = _spec_of(conference, line)
        form = BudgetLineForm(
            data={
                "category": line.category,
                "content": line.content,
                "unit": line.unit,
                "quantity": logic.format_quantity(line.quantity_milli),
                "unit_price": line.unit_price,
                "norm_code": line.norm_code,
                "notes": line.notes,
                "version": str(line.version),
            }
        )
        return _line_page(conference, form, line, spec)
    form = BudgetLineForm()
    line = operations.get_line(conference, line_id) if line_id else None
    # checked before the derived lines are stored (storing them raises the version)
    seen = str(line.version) if line is not None else ""
    stale = line is not None and form.version.data != seen
    _up_to_date(conference)
    if key:
        line = operations.line_by_key(conference, key)
    spec = _spec_of(conference, line)
    if line is None:
        form.validate()
        flash(
            {
                "text": "Dòng này không còn (đã bị xóa hoặc hoàn tác ở cửa sổ khác). Những gì bạn "
                "nhập vẫn còn bên dưới; bấm “Thêm dòng” để lưu thành dòng mới."
            },
            "error",
        )
        return _line_page(conference, form, None, status=409)
    if not form.validate_on_submit():
        flash({"text": NOT_SAVED}, "error")
        return _line_page(conference, form, line, spec, 422)
    if stale:
        flash({"text": STALE}, "error")
        form.version.data = seen  # the stored version: nothing of this request is kept
        return _line_page(conference, form, line, spec, 409)
    try:
        changed = operations.update_line(conference, line, form.line_values(), spec)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash({"text": STALE}, "error")
        return _line_page(conference, form, line, spec, 409)
    except (operations.BudgetCapExceeded, IntegrityError) as error:
        return _save_error(conference, form, line, spec, error)
    if changed:
        extra = " Dòng này nay là số nhập tay (không tự tính nữa)." if line.overridden else ""
        _undo_notice(conference, f"Đã lưu dòng “{line.content}”.{extra}")
    else:
        flash({"text": "Không có gì thay đổi."}, "info")
    return _to_page(conference, line.id)


def _posted_line(conference: Conference, line_id: int):
    line = operations.get_line(conference, line_id)
    if line is None:
        flash({"text": "Dòng này không còn (có thể đã bị xóa ở cửa sổ khác)."}, "error")
    return line


def delete(conference_id: int, line_id: int):
    conference = _conference(conference_id)
    _up_to_date(conference)
    line = _posted_line(conference, line_id)
    if line is None:
        return _to_page(conference)
    if logic.derived_family(line.derived_key) in logic.AUTO_FAMILIES:
        flash(
            {
                "text": f"Dòng “{line.content}” tính từ phần Trang trí hoặc Khen thưởng nên không "
                "xóa được ở đây; hãy sửa ở phần đó, hoặc sửa số lượng của dòng về 0."
            },
            "error",
        )
        return _to_page(conference, line.id)
    content = line.content
    operations.delete_line(conference, line)
    db.session.commit()
    _undo_notice(conference, f"Đã xóa dòng “{content}”.")
    return _to_page(conference)


def move(conference_id: int, line_id: int, step: int):
    conference = _conference(conference_id)
    _up_to_date(conference)
    line = _posted_line(conference, line_id)
    if line is not None and operations.move_line(conference, line, step):
        db.session.commit()
        _undo_notice(conference, f"Đã chuyển dòng “{line.content}”.")
    return _to_page(conference, line_id)


def reset(conference_id: int, line_id: int):
    conference = _conference(conference_id)
    _up_to_date(conference)
    line = _posted_line(conference, line_id)
    if line is None:
        return _to_page(conference)
    spec = _spec_of(conference, line)
    if spec is None:
        flash({"text": "Dòng này không có số tự tính."}, "error")
        return _to_page(conference, line.id)
    operations.reset_line(conference, line, spec)
    db.session.commit()
    _undo_notice(conference, f"Dòng “{line.content}” đã dùng lại số tự tính.")
    return _to_page(conference, line.id)


def add_derived(conference_id: int):
    conference = _conference(conference_id)
    key = request.form.get("key", "")
    if key not in ("drinks", "meals"):
        abort(400)
    _up_to_date(conference)
    line = operations.add_derived_line(conference, key)
    if line is None:
        flash(
            {
                "text": "Dòng này đã có, hoặc chưa chọn cách tính tiền ăn trong thiết lập."
                if key == "meals"
                else "Dòng nước uống đã có."
            },
            "info",
        )
        return _to_page(conference)
    db.session.commit()
    _undo_notice(conference, f"Đã thêm dòng “{line.content}”.")
    return _to_page(conference, line.id)


# --------------------------------------------------------------------------- settings


def _profile_choices() -> list[SelectChoice]:
    return [
        SelectChoice(str(p.id), f"{p.name} — {logic.PROFILE_KINDS[p.kind]}")
        for p in operations.all_profiles()
    ]


STALE_SETTINGS = (
    "Thiết lập dự toán vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem "
    "lại thiết lập mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
)


def settings(conference_id: int):
    conference = _conference(conference_id)
    if request.method == "GET":  # read only: the defaults until the first change stores them
        current = operations.settings_of(conference) or operations.default_settings(conference)
    else:
        _up_to_date(conference)
        current = operations.settings_of(conference, create=True)
    form = BudgetSettingsForm()
    form.norm_profile_id.choices = _profile_choices()
    if request.method == "GET":
        national = operations.national_profile()
        form.process(
            data={
                "norm_profile_id": str(
                    current.norm_profile_id or (national.id if national else "")
                ),
                "days": current.days_milli,
                "meal_location": current.meal_location,
                "available_amount": current.available_amount,
                "version": str(current.version),
            }
        )
    elif form.validate_on_submit():
        if form.version.data != str(current.version):
            # Another window saved the settings since this one opened them: what was typed
            # stays in the form, which now carries the current version (issue 18).
            flash({"text": STALE_SETTINGS}, "error")
            form.version.data = str(current.version)
            return render_template("budget/settings.html", conference=conference, form=form), 409
        try:
            changed = operations.update_settings(conference, form.settings_values())
        except operations.MealLinesExist as error:
            db.session.rollback()
            form.meal_location.errors = [*form.meal_location.errors, str(error)]
            flash({"text": NOT_SAVED}, "error")
            changed = None
        if changed is not None:
            if changed:
                db.session.commit()
                _undo_notice(conference, "Đã lưu thiết lập dự toán.")
            else:
                flash({"text": "Không có gì thay đổi."}, "info")
            return _to_page(conference)
    else:
        flash({"text": NOT_SAVED}, "error")
    return render_template(
        "budget/settings.html", conference=conference, form=form
    ), 200 if request.method == "GET" else 422


# --------------------------------------------------------------------------- norms

# The norms are shared by every conference: a second tab saving over the first is refused.
STALE_NORM = (
    "Mục này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại bản "
    "mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
)


def _stale(form, row) -> bool:
    """The row changed since its form was opened (the form carries the version it saw)."""
    return row is not None and form.version.data != str(row.version)


def _stale_page(template: str, form, row, **context):
    """409: what was typed stays in the form, which now carries the current version, so that a
    second "Lưu" after a look at the newer text saves on purpose."""
    db.session.rollback()
    flash({"text": STALE_NORM}, "error")
    fresh = db.session.get(type(row), row.id)
    form.version.data = str(fresh.version) if fresh is not None else ""
    return render_template(template, form=form, **context), 409


def norms():
    profiles = operations.all_profiles()
    from .. import legal

    return render_template(
        "budget/norms.html",
        profiles=profiles,
        kinds=logic.PROFILE_KINDS,
        today=dt.date.today(),
        status_text=legal.status_text,
        is_unverified=legal.is_unverified,
        profile_basis=operations.profile_basis,
    )


def norm_confirm(norm_id: int):
    """The officer's "Đã đối chiếu với văn bản" on one norm (issue 16): records the date (and
    who); refused over a norm changed since the page was opened."""
    from ..lan import current_author
    from .models import Norm

    norm = db.session.get(Norm, norm_id)
    if norm is None:
        abort(404)
    target = url_for(".norms", _anchor=f"muc-{norm.id}")
    if request.form.get("version") != str(norm.version):
        flash({"text": STALE_NORM}, "error")
        return redirect(target)
    try:
        operations.confirm_norm(norm, dt.date.today(), current_author())
        db.session.commit()
    except operations.CannotConfirm as error:
        db.session.rollback()
        flash({"text": f"Chưa xác nhận định mức “{norm.name}”: {error}"}, "error")
        return redirect(target)
    except StaleDataError:
        db.session.rollback()
        flash({"text": STALE_NORM}, "error")
        return redirect(target)
    flash(
        {
            "text": f"Đã ghi nhận: định mức “{norm.name}” đã được đối chiếu với văn bản ngày "
            f"{vn.format_date_short(dt.date.today())}."
        },
        "success",
    )
    return redirect(target)


def profile_form(profile_id: int | None):
    profile = operations.get_profile(profile_id) if profile_id else None
    if profile_id and profile is None:
        abort(404)
    form = NormProfileForm(obj=profile if request.method == "GET" else None)
    if request.method == "GET" and profile is None:
        form.kind.data = "province"
    if form.validate_on_submit():
        other = operations.profile_by_name(form.name.data)
        if other is not None and other is not profile:
            form.name.errors = ["Đã có bộ định mức cùng tên."]
        elif _stale(form, profile):
            return _stale_page("budget/profile_form.html", form, profile, profile=profile)
        else:
            try:
                saved = operations.save_profile(profile, form.profile_values())
                db.session.commit()
            except StaleDataError:
                return _stale_page("budget/profile_form.html", form, profile, profile=profile)
            flash({"text": f"Đã lưu bộ định mức “{saved.name}”."}, "success")
            return redirect(url_for(".norms", _anchor=f"bo-{saved.id}"))
    if request.method == "POST":
        flash({"text": NOT_SAVED}, "error")
    return render_template("budget/profile_form.html", form=form, profile=profile)


def norm_form(profile_id: int, norm_id: int | None):
    profile = operations.get_profile(profile_id)
    if profile is None:
        abort(404)
    norm = db.session.get(Norm, norm_id) if norm_id else None
    if norm_id and (norm is None or norm.profile_id != profile.id):
        abort(404)
    form = NormForm(obj=norm if request.method == "GET" else None)
    if request.method == "GET" and norm is None:
        form.process(data={"category": "nuoc_uong", "unit": "người/ngày"})
    if form.validate_on_submit():
        if _stale(form, norm):
            return _stale_page("budget/norm_form.html", form, norm, profile=profile, norm=norm)
        try:
            operations.save_norm(profile, norm, form.norm_values())
            db.session.commit()
        except StaleDataError:
            return _stale_page("budget/norm_form.html", form, norm, profile=profile, norm=norm)
        flash({"text": f"Đã lưu định mức “{form.name.data}”."}, "success")
        return redirect(url_for(".norms", _anchor=f"bo-{profile.id}"))
    if request.method == "POST":
        flash({"text": NOT_SAVED}, "error")
    return render_template("budget/norm_form.html", form=form, profile=profile, norm=norm)


def norm_delete(profile_id: int, norm_id: int):
    norm = db.session.get(Norm, norm_id)
    if norm is None or norm.profile_id != profile_id:
        abort(404)
    name = norm.name
    db.session.delete(norm)
    db.session.commit()
    flash({"text": f"Đã xóa định mức “{name}”."}, "success")
    return redirect(url_for(".norms", _anchor=f"bo-{profile_id}"))


# --------------------------------------------------------------------------- printouts


def estimate_sheet(conference: Conference, today: dt.date | None = None) -> EstimateSheet:
    today = today or dt.date.today()
    budget, _ = operations.budget_of(conference)
    return EstimateSheet(
        header=Header(
            issuer=conference.issuer,
            parent_body=conference.parent_body,
            date_line=signing_date_line(conference.values()),
        ),
        conference_title=conference.title,
        budget=budget,
        appraiser=logic.appraiser_for(conference.level, conference.unit_type, conference.unit_name),
    )


def build_estimate(conference: Conference, fmt: str) -> bytes:
    sheet = estimate_sheet(conference)
    if fmt == "xlsx":
        return render_workbook(sheet)
    return render_estimate(sheet, fmt)


def estimate_description(conference: Conference) -> str:
    """The print centre's line, naming the office that appraises this conference's estimate
    (the district's Phòng Tài chính – Kế hoạch is gone since 01/7/2025; logic.appraiser_for)."""
    office = logic.appraising_office(conference.level, conference.unit_type, conference.unit_name)
    return (
        "Dự toán theo mục chi, cộng từng mục, tổng cộng bằng số và bằng chữ; bản Excel giữ "
        f"công thức để {office} làm tiếp."
    )


def printout_missing(conference: Conference) -> list[str]:
    if not operations.budget_of(conference)[0].rows:  # the read model's estimate
        return ["chưa có dòng dự toán nào"]
    return []


# --------------------------------------------------------------------------- dashboard card


def dashboard_card(conference: Conference) -> Card:
    title, description = "Dự toán kinh phí", "Dự toán theo định mức chi"
    url = url_for("budget.estimate", conference_id=conference.id)
    if operations.settings_of(conference) is None and not operations.lines_of(conference):
        return Card("budget", title, description, 0, ["Chưa lập dự toán"], url, "Lập dự toán")
    budget, _ = operations.budget_of(conference)
    todo = [f"Tổng cộng: {vn.format_money(budget.total)}"]
    if budget.available:
        todo.append(f"Nguồn kinh phí có: {vn.format_money(budget.available)}")
    if budget.over_available:
        todo.append(f"Vượt nguồn kinh phí {vn.format_money(budget.over_available)}")
    if budget.over_norm_count:
        todo.append(f"{budget.over_norm_count} dòng vượt định mức")
    if budget.overridden_count:
        todo.append(f"{budget.overridden_count} dòng nhập tay thay số tự tính")
    progress = 0
    if budget.rows:
        progress = 50 if (budget.over_norm_count or budget.over_available) else 100
    return Card("budget", title, description, progress, todo, url, "Mở dự toán")


# --------------------------------------------------------------------------- preset, demo, file


def from_preset(conference: Conference, preset, values: dict) -> None:
    operations.lines_from_preset(conference, preset)


def follow_organiser(conference: Conference) -> None:
    """The award lines name their form as the conference does ("Giấy khen của Chủ tịch Ủy ban
    nhân dân phường Hồng Hà"): re-worded when the organiser changes, unless overridden."""
    specs = operations.sync_derived(conference)
    for line in operations.lines_of(conference):
        spec = logic.spec_for(line.derived_key, specs) if line.derived_key else None
        family = logic.derived_family(line.derived_key)
        if spec and family in ("award_money", "award_items") and not line.overridden:
            line.content = spec.content
