"""Database side of the budget: norms (seeded from norms.toml), settings, lines, derived lines.

Every change the officer makes goes through a function here that first calls take_snapshot, so
the conference's Hoàn tác undoes it; views commit once, so a refused change leaves nothing.
"""

from __future__ import annotations

import tomllib
from importlib import resources

from sqlalchemy import func, select

from .. import legal, vn
from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..db import db
from ..readmodel import per_request
from . import logic
from .models import BudgetLine, BudgetSettings, Norm, NormProfile

LINE_FIELDS = ("category", "content", "unit", "quantity_milli", "unit_price", "norm_code", "notes")


BASE_LEGAL_BASIS = (
    "Thông tư số 40/2017/TT-BTC ngày 28/4/2017 của Bộ Tài chính quy định chế độ công tác phí, "
    "chế độ chi hội nghị"
)


class BudgetCapExceeded(ValueError):
    """The change would take the estimate above logic.MAX_AMOUNT."""


class MealLinesExist(ValueError):
    """ "Không chi tiền ăn" chosen while the estimate still has a meal line (the message names
    it): the settings and the lines must not disagree (issue 14), and a line the officer may
    have typed is not deleted behind his back."""


# --------------------------------------------------------------------------- norms


def _norms_file() -> dict:
    text = resources.files("kehoach_app").joinpath("presets/norms.toml").read_text("utf-8")
    return tomllib.loads(text)


def ensure_national_norms() -> NormProfile:
    """The national profile, created from norms.toml the first time (later edits are kept)."""
    data = _norms_file()
    name = data["profile"]["name"]
    profile = db.session.scalar(select(NormProfile).where(NormProfile.name == name))
    if profile is not None:
        return profile
    profile = NormProfile(name=name, kind="national", notes=data["profile"].get("notes", ""))
    for row in data["norm"]:
        profile.norms.append(
            Norm(
                code=row["code"],
                name=row["name"],
                category=row["category"],
                unit=row.get("unit", ""),
                amount=row["amount"],
                effective_from=row["effective_from"],
                effective_to=row.get("effective_to"),
                legal_basis=row.get("legal_basis", ""),
                # shipped figures are unverified: confirming is the officer's act (issue 16)
                status=legal.UNVERIFIED,
            )
        )
    db.session.add(profile)
    db.session.flush()
    return profile


def national_profile() -> NormProfile | None:
    return db.session.scalar(
        select(NormProfile).where(NormProfile.kind == "national").order_by(NormProfile.id)
    )


def all_profiles() -> list[NormProfile]:
    """Every profile (the national one is seeded when the app starts: budget/wiring._seed_norms)."""
    profiles = db.session.scalars(select(NormProfile)).all()
    order = list(logic.PROFILE_KINDS)
    return sorted(profiles, key=lambda p: (order.index(p.kind), vn.collation_key(p.name)))


def get_profile(profile_id: int) -> NormProfile | None:
    return db.session.get(NormProfile, profile_id)


def profile_by_name(name: str) -> NormProfile | None:
    return db.session.scalar(select(NormProfile).where(NormProfile.name == name))


def norm_data(norm: Norm) -> logic.NormData:
    return logic.NormData(
        norm.code, norm.name, norm.category, norm.unit, norm.amount,
        norm.effective_from, norm.effective_to, norm.legal_basis, norm.status, norm.id,
    )  # fmt: skip


def profile_basis(profile: NormProfile) -> str:
    """The profile's own document as the estimate prints it, "" while its number or date is
    missing (logic.resolution_basis)."""
    return logic.resolution_basis(
        profile.kind, profile.resolution_number, profile.resolution_date, profile.resolution_issuer
    )


def _profile_tuple(profile: NormProfile | None):
    if profile is None:
        return None
    return (
        profile.name,
        profile.kind,
        [norm_data(n) for n in profile.norms],
        profile_basis(profile),
    )


PROFILE_FIELDS = (
    "name",
    "kind",
    "notes",
    "resolution_number",
    "resolution_date",
    "resolution_issuer",
)


def save_profile(profile: NormProfile | None, values: dict) -> NormProfile:
    if profile is None:
        profile = NormProfile()
        db.session.add(profile)
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name] if values[name] is not None else None)
    if profile.notes is None:
        profile.notes = ""
    db.session.flush()
    return profile


# Editing one of these puts the norm back to "chưa đối chiếu" (docs/legal-figures.md).
NORM_FIGURE_FIELDS = ("code", "unit", "amount", "effective_from", "effective_to", "legal_basis")


def save_norm(profile: NormProfile, norm: Norm | None, values: dict) -> Norm:
    if norm is None:
        norm = Norm(profile=profile, status=legal.UNVERIFIED)
        db.session.add(norm)
    else:
        legal.reset_when_changed(norm, values, NORM_FIGURE_FIELDS)
    for name in (
        "code", "name", "category", "unit", "amount", "effective_from", "effective_to",
        "legal_basis",
    ):  # fmt: skip
        setattr(norm, name, values[name])
    db.session.flush()
    return norm


CannotConfirm = legal.CannotConfirm


def confirm_norm(norm: Norm, day, by: str = "") -> None:
    """The officer's "Đã đối chiếu với văn bản" on a norm (legal.confirm holds the rule)."""
    legal.confirm(norm, day, by)
    db.session.flush()


# --------------------------------------------------------------------------- settings


def settings_of(conference: Conference, create: bool = False) -> BudgetSettings | None:
    settings = db.session.get(BudgetSettings, conference.id)
    if settings is None and create:
        ensure_national_norms()
        settings = BudgetSettings(
            conference_id=conference.id,
            days_milli=500 if conference.length in ("session", "half_day") else 1000,
            meal_location="",
            available_amount=0,
        )
        db.session.add(settings)
        db.session.flush()
    return settings


def default_settings(conference: Conference) -> BudgetSettings:
    """The settings a budget not yet started reads with (the ones settings_of(create=True)
    stores on the officer's first change): never added to the session, so reading the budget
    page writes nothing (issue 19)."""
    return BudgetSettings(
        conference_id=conference.id,
        norm_profile_id=None,
        days_milli=500 if conference.length in ("session", "half_day") else 1000,
        meal_location="",
        available_amount=0,
        version=1,  # what the row will carry once stored: a form opened now saves without 409
    )


def norm_profiles_for(conference: Conference):
    """(chosen, national) profiles as plain tuples for logic.pick_norm; read once per GET
    request or printout set (the estimate, its checks and the meal rule asked three times, each
    reading every norm again: issue 19)."""
    return per_request("budget.norm_profiles", conference.id, lambda: _norm_profiles(conference))


def _norm_profiles(conference: Conference):
    settings = settings_of(conference)
    chosen = None
    if settings is not None and settings.norm_profile_id:
        chosen = db.session.get(NormProfile, settings.norm_profile_id)
    national = national_profile()
    if chosen is not None and national is not None and chosen.id == national.id:
        chosen = None
    return _profile_tuple(chosen), _profile_tuple(national)


def norm_resolver(conference: Conference):
    """A function line → NormRule|None for this conference's profile, date and meal place."""
    settings = settings_of(conference)
    meal_location = settings.meal_location if settings else ""
    chosen, national = norm_profiles_for(conference)
    cache: dict[str, logic.NormRule | None] = {}

    def norm_for(line) -> logic.NormRule | None:
        code = logic.norm_code_for(line.category, line.norm_code, meal_location)
        if not code:
            return None
        if code not in cache:
            cache[code] = logic.pick_norm(code, conference.date, chosen, national)
        return cache[code]

    return norm_for


def update_settings(conference: Conference, values: dict) -> bool:
    """Save the settings; MealLinesExist when "Không chi tiền ăn" is chosen beside a meal
    line (nothing is changed then)."""
    settings = settings_of(conference, create=True)
    names = ("norm_profile_id", "days_milli", "meal_location", "available_amount")
    if all(getattr(settings, n) == values[n] for n in names):
        return False
    meals = [ln for ln in lines_of(conference) if ln.category == "an"]
    if not values["meal_location"] and meals:
        names_text = ", ".join(f"“{ln.content}”" for ln in meals)
        what = "dòng tiền ăn" if len(meals) == 1 else f"{len(meals)} dòng tiền ăn"
        raise MealLinesExist(
            f"Dự toán còn {what} {names_text}: hãy xóa dòng đó trong dự toán trước khi chọn "
            "“Không chi tiền ăn”."
        )
    take_snapshot(conference, "budget", "Sửa thiết lập dự toán kinh phí")
    for name in names:
        setattr(settings, name, values[name])
    db.session.flush()
    # The meals line is added once a meal level is chosen, unless the officer (or the preset)
    # already has a line for meals.
    if settings.meal_location and not any(ln.category == "an" for ln in lines_of(conference)):
        add_derived_line(conference, "meals", snapshot=False)
    return True


# --------------------------------------------------------------------------- lines


def lines_of(conference: Conference) -> list[BudgetLine]:
    return list(
        db.session.scalars(
            select(BudgetLine)
            .where(BudgetLine.conference_id == conference.id)
            .order_by(BudgetLine.position, BudgetLine.id)
        )
    )


def get_line(conference: Conference, line_id: int) -> BudgetLine | None:
    line = db.session.get(BudgetLine, line_id)
    if line is None or line.conference_id != conference.id:
        return None
    return line


def _line_by_key(conference: Conference, key: str) -> BudgetLine | None:
    return db.session.scalar(
        select(BudgetLine).where(
            BudgetLine.conference_id == conference.id, BudgetLine.derived_key == key
        )
    )


def _next_position(conference: Conference) -> int:
    current = db.session.scalar(
        select(func.max(BudgetLine.position)).where(BudgetLine.conference_id == conference.id)
    )
    return (current or 0) + 1


def line_data(line: BudgetLine, spec: logic.DerivedSpec | None = None) -> logic.LineData:
    return logic.LineData(
        id=line.id,
        category=line.category,
        content=line.content,
        unit=line.unit,
        quantity_milli=line.quantity_milli,
        unit_price=line.unit_price,
        notes=line.notes,
        derived_key=line.derived_key,
        overridden=line.overridden,
        norm_code=line.norm_code,
        version=line.version,
        derived_quantity_milli=spec.quantity_milli if spec else None,
        derived_unit_price=spec.unit_price if spec else None,
    )


def _check_cap(conference: Conference, line: BudgetLine | None, values: dict) -> None:
    amount = logic.line_amount(values["quantity_milli"], values["unit_price"])
    if amount > logic.MAX_AMOUNT:
        raise BudgetCapExceeded(
            f"Thành tiền của dòng ({vn.format_number(amount)} đồng) vượt mức tối đa "
            f"{vn.format_number(logic.MAX_AMOUNT)} đồng một dòng — kiểm tra lại số lượng, đơn giá."
        )
    others = sum(
        logic.line_amount(other.quantity_milli, other.unit_price)
        for other in lines_of(conference)
        if line is None or other.id != line.id
    )
    if others + amount > logic.MAX_AMOUNT:
        raise BudgetCapExceeded(
            f"Tổng dự toán sẽ vượt mức tối đa {vn.format_number(logic.MAX_AMOUNT)} đồng — "
            "kiểm tra lại số lượng, đơn giá."
        )


def _meal_level_for(conference: Conference, values: dict) -> None:
    """A meal line brings the meeting's location suggested by the organiser when none is
    chosen, so the settings never say "không chi" beside a meal line (issue 14). Called after
    the snapshot."""
    settings = settings_of(conference, create=True)
    if values["category"] == "an" and not settings.meal_location:
        settings.meal_location = logic.meal_location_for(conference)


def add_line(conference: Conference, values: dict) -> BudgetLine:
    _check_cap(conference, None, values)
    settings_of(conference, create=True)
    take_snapshot(conference, "budget", f"Thêm dòng dự toán “{values['content']}”")
    _meal_level_for(conference, values)
    line = BudgetLine(conference_id=conference.id, position=_next_position(conference))
    for name in LINE_FIELDS:
        setattr(line, name, values[name])
    db.session.add(line)
    db.session.flush()
    return line


def update_line(
    conference: Conference, line: BudgetLine, values: dict, spec: logic.DerivedSpec | None
) -> bool:
    """Save a line; a derived line whose figures now differ from its rule becomes overridden."""
    if all(getattr(line, n) == values[n] for n in LINE_FIELDS):
        return False
    _check_cap(conference, line, values)
    take_snapshot(conference, "budget", f"Sửa dòng dự toán “{line.content}”")
    _meal_level_for(conference, values)
    for name in LINE_FIELDS:
        setattr(line, name, values[name])
    if line.derived_key and spec is not None:
        line.overridden = line.quantity_milli != spec.quantity_milli or (
            spec.unit_price is not None and line.unit_price != spec.unit_price
        )
    db.session.flush()
    return True


def reset_line(conference: Conference, line: BudgetLine, spec: logic.DerivedSpec) -> None:
    """Back to the derived figures (Dùng lại số tính tự động)."""
    take_snapshot(conference, "budget", f"Dùng lại số tự tính cho “{line.content}”")
    line.overridden = False
    _apply_spec(line, spec)
    db.session.flush()


def delete_line(conference: Conference, line: BudgetLine) -> None:
    take_snapshot(conference, "budget", f"Xóa dòng dự toán “{line.content}”")
    db.session.delete(line)
    db.session.flush()
    _renumber(lines_of(conference))


def _renumber(lines: list[BudgetLine]) -> None:
    for position, line in enumerate(lines, start=1):
        if line.position != position:
            line.position = position


def move_line(conference: Conference, line: BudgetLine, step: int) -> bool:
    """Move a line up (-1) or down (+1) among the lines of its category."""
    lines = lines_of(conference)
    same = [ln for ln in lines if ln.category == line.category]
    index = same.index(line)
    target = index + step
    if not 0 <= target < len(same):
        return False
    take_snapshot(conference, "budget", f"Đổi thứ tự dòng “{line.content}”")
    other = same[target]
    line.position, other.position = other.position, line.position
    db.session.flush()
    return True


# --------------------------------------------------------------------------- derived lines


def delegate_basis(conference: Conference) -> logic.DelegateBasis:
    """The delegate count the estimate follows: the conference's planned total ("Số đại biểu
    dự kiến"; the delegate groups are its breakdown), raised to the confirmed count when more
    have confirmed (docs/budget.md)."""
    try:
        from ..delegates.logic import CONFIRMED_REPLIES
        from ..delegates.models import Delegate
    except ImportError:  # pragma: no cover - the delegates part is not in this build
        return logic.DelegateBasis(conference.planned_delegates, 0)
    confirmed = db.session.scalar(
        select(func.count(Delegate.id)).where(
            Delegate.conference_id == conference.id, Delegate.reply.in_(CONFIRMED_REPLIES)
        )
    )
    return logic.DelegateBasis(conference.planned_delegates or 0, confirmed or 0)


def delegate_count(conference: Conference) -> int:
    """Delegates the estimate counts (delegate_basis(conference).count)."""
    return delegate_basis(conference).count


def _awards_state(conference: Conference):
    try:
        from ..awards import operations as awards
    except ImportError:  # pragma: no cover - the awards part is not in this build
        return None
    return awards.load(conference)


def _award_inputs(conference: Conference, state=None):
    """(money lines, item lines, recipients) for the derived lines. Money and items count only
    the awards the organiser's level decides (logic.paid_by_organiser: the level that decides
    an award pays it from its own fund); the flowers on stage count every recipient."""
    money, items = [], []
    state = state if state is not None else _awards_state(conference)
    if state is None:
        return money, items, 0
    from ..awards.logic import KIND_PLURAL, fold, physical_item_counts

    own = [f for f in state.forms if logic.paid_by_organiser(f.level, conference.level)]
    own_ids = {f.id for f in own}
    for form_money in state.money.forms:
        form = form_money.form
        if form.id not in own_ids:
            continue
        for line in form_money.lines:
            suffix = f"{form.code or form.id}:{line.kind}:{line.base_salary}"
            kind = KIND_PLURAL.get(line.kind, line.kind)
            content = f"Tiền thưởng {form.name} ({kind})"
            money.append((suffix, content, kind, line.count, line.unit_amount))
    # state.counted: the recipients without their receivers looked up — the budget reads no
    # delegate through the awards (issue 19).
    for item in physical_item_counts(own, state.counted):
        items.append((fold(item.item), item.item, item.count))
    return money, items, len(state.awards)


def awards_paid_elsewhere(conference: Conference) -> list[tuple[str, str]]:
    """(form name, who pays) of the conference's awards that another level pays, in ceremony
    order: the budget page names them in one sentence (logic.paid_elsewhere_sentence), with
    the payer's words the money list uses ("cấp thành phố" in a centrally-run city)."""
    state = _awards_state(conference)
    if state is None:
        return []
    return [
        (form.name, form.paid_elsewhere_by or form.level)
        for form in state.used_forms()
        if not logic.paid_by_organiser(form.level, conference.level)
    ]


def _decor_inputs(conference: Conference):
    try:
        from ..decor.operations import decor_costs
    except ImportError:  # pragma: no cover
        return []
    from ..conferences.vocab import DECOR_AREAS

    return [
        logic.DecorCost(
            c.item, c.quantity, c.unit, c.unit_cost, DECOR_AREAS.get(c.area, ""), c.item_id
        )
        for c in decor_costs(conference)
    ]


def derived_inputs(conference: Conference) -> logic.DerivedInputs:
    settings = settings_of(conference)
    meal_location = settings.meal_location if settings else ""
    days = settings.days_milli if settings else 1000
    meal_norm = None
    if meal_location:
        chosen, national = norm_profiles_for(conference)
        code = logic.norm_code_for("an", "", meal_location)
        rule = logic.pick_norm(code, conference.date, chosen, national)
        meal_norm = rule.amount if rule else None
    money, items, recipients = _award_inputs(conference)
    return logic.DerivedInputs(
        delegates=delegate_count(conference),
        days_milli=days,
        meal_location=meal_location,
        meal_norm=meal_norm,
        decor=_decor_inputs(conference),
        award_money=money,
        award_items=items,
        recipients=recipients,
    )


def _apply_spec(line: BudgetLine, spec: logic.DerivedSpec) -> None:
    if line.quantity_milli != spec.quantity_milli:
        line.quantity_milli = spec.quantity_milli
    if spec.unit_price is not None and line.unit_price != spec.unit_price:
        line.unit_price = spec.unit_price
    if logic.derived_family(spec.key) in ("meals",) and line.norm_code != spec.norm_code:
        line.norm_code = spec.norm_code


def sync_derived(conference: Conference) -> dict[str, logic.DerivedSpec]:
    """Store the derived lines as the conference now gives them — only before the officer
    changes the estimate (every budget POST calls it first, docs/budget.md); a read never does:
    it computes the same lines in memory (budget_preview, logic.synced_lines).

    Not overridden: the stored figures follow the rule. The auto families (decor, award money,
    award items) are added when their source appears and removed when it goes, unless the
    officer overrode them. Nothing happens before the budget is started (no settings row).
    Returns the specs, for the page to show the derived figure next to an overridden one.
    """
    if settings_of(conference) is None:
        return {}
    specs = logic.derived_specs(derived_inputs(conference))
    lines = lines_of(conference)
    present = set()
    for line in lines:
        if not line.derived_key:
            continue
        if line.derived_key in present and not line.overridden:
            db.session.delete(line)  # a twin from two windows syncing at once
            continue
        present.add(line.derived_key)
        spec = logic.spec_for(line.derived_key, specs)
        family = logic.derived_family(line.derived_key)
        if spec is None:
            if family in logic.AUTO_FAMILIES and not line.overridden:
                db.session.delete(line)
            continue
        if not line.overridden:
            _apply_spec(line, spec)
        name = logic.follow_decor_name(line.content, spec)
        if name != line.content:
            line.content = name
    position = _next_position(conference)
    for key, spec in specs.items():
        if logic.derived_family(key) in logic.AUTO_FAMILIES and key not in present:
            db.session.add(_new_derived(conference, spec, position))
            position += 1
    db.session.flush()
    return specs


def _new_derived(conference: Conference, spec: logic.DerivedSpec, position: int) -> BudgetLine:
    return BudgetLine(
        conference_id=conference.id,
        position=position,
        category=spec.category,
        content=spec.content,
        unit=spec.unit,
        quantity_milli=spec.quantity_milli,
        unit_price=spec.unit_price or 0,
        derived_key=spec.key,
        overridden=False,
        norm_code=spec.norm_code,
        notes="",
    )


def add_derived_line(conference: Conference, key: str, snapshot: bool = True) -> BudgetLine | None:
    """Add the drinks or meals line (the officer's "Thêm dòng tự tính"); None if it exists."""
    settings_of(conference, create=True)
    if _line_by_key(conference, key) is not None:
        return None
    specs = logic.derived_specs(derived_inputs(conference))
    spec = specs.get(key)
    if spec is None:
        return None
    if snapshot:
        take_snapshot(conference, "budget", f"Thêm dòng dự toán “{spec.content}”")
    line = _new_derived(conference, spec, _next_position(conference))
    if spec.unit_price is None and key == "drinks":
        rule = norm_resolver(conference)(line)
        line.unit_price = rule.amount if rule else 0
    db.session.add(line)
    db.session.flush()
    return line


# --------------------------------------------------------------------------- the estimate


def budget_of(conference: Conference, as_started: bool = False):
    """(Budget, specs): the estimate as the page, the card and the printouts draw it — the
    derived lines brought up to date in memory, nothing written (budget_preview).

    `as_started`: the estimate page of a budget not started yet (no settings row) shows the
    derived lines its default settings give, as its first change will store them; the other
    readers (card, plan, checks) count a budget not started as having none."""
    if as_started and settings_of(conference) is None:
        budget, specs, _settings = per_request(
            "budget.page", conference.id, lambda: _budget_preview(conference, as_started=True)
        )
        return budget, specs
    budget, specs, _settings = budget_preview(conference)
    return budget, specs


def budget_preview(conference: Conference):
    """(Budget, specs, settings) as the estimate will print, computed without writing anything:
    the derived lines as sync_derived would leave them (logic.synced_lines). Every reader uses
    it — page, card, printouts, plan, checks —, once per GET request or printout set."""
    return per_request("budget.preview", conference.id, lambda: _budget_preview(conference))


def shown_line(conference: Conference, line_id: int, key: str = "") -> logic.LineData | None:
    """A line as the estimate shows it (its derived figures brought up to date): by its id, or
    for an automatic line not stored yet (id 0: its source came since the last change of the
    estimate) by its derived key. None when the estimate does not show it."""
    budget, _specs = budget_of(conference, as_started=True)
    for row in budget.rows:
        line = row.line
        if line.id == line_id and (line_id or (key and line.derived_key == key)):
            return line
    return None


def line_by_key(conference: Conference, key: str) -> BudgetLine | None:
    """The stored derived line of `key` (after sync_derived: the one an edit of a line shown
    with id 0 saves into)."""
    return _line_by_key(conference, key)


def _budget_preview(conference: Conference, as_started: bool = False):
    settings = settings_of(conference)
    lines = [line_data(line) for line in lines_of(conference)]
    started = settings is not None or as_started
    specs = logic.derived_specs(derived_inputs(conference)) if started else {}
    shown = logic.synced_lines(lines, specs) if specs else lines
    award_bases, award_rounding = award_figures(conference, shown)
    budget = logic.budget_of(
        shown,
        norm_resolver(conference),
        available=settings.available_amount if settings else 0,
        funding_source=conference.funding_source,
        base_legal_bases=[BASE_LEGAL_BASIS, *award_bases],
    )
    budget.award_rounding = award_rounding
    return budget, specs, settings


def award_figures(conference: Conference, lines) -> tuple[list[str], list[str]]:
    """(bases, rounding sentences) of the award money the estimate carries: the confirmed
    figures' bases (awards/figures.printed_bases) and the rounding rule applied — only while the
    estimate has an award money line, and only for the awards its organiser pays."""
    if not any(logic.derived_family(line.derived_key) == "award_money" for line in lines):
        return [], []
    state = _awards_state(conference)
    if state is None:
        return [], []
    from ..awards import figures
    from ..awards.logic import MoneySummary

    own = [
        money
        for money in state.money.forms
        if logic.paid_by_organiser(money.form.level, conference.level)
    ]
    summary = MoneySummary(forms=own, total=0, unpriced=0, amounts={})
    return figures.printed_bases(summary), figures.rounding_statements(summary)


def budget_total(conference: Conference) -> int | None:
    """The estimate's total as it will print (for the plan and the checks), None when it has
    no lines: read, never written — the derived lines are brought up to date in memory only."""
    budget, _specs, _settings = budget_preview(conference)
    return budget.total if budget.rows else None


def budget_bases(conference: Conference) -> list[str]:
    """The bases the estimate prints (confirmed figures only, issue 16), for the plan's kinh
    phí; [] when the estimate has no lines."""
    budget, _specs, _settings = budget_preview(conference)
    return budget.printed_legal_bases if budget.rows else []


# --------------------------------------------------------------------------- preset


def lines_from_preset(conference: Conference, preset) -> None:
    """A new conference's first estimate, from its preset's [[budget]] lines.

    A "delegates" quantity follows the delegate count (derived "delegates:n"; a drinks line
    becomes the derived "drinks", counted per day); a "recipients" quantity follows the number
    of award recipients (derived "recipients:n": the flowers on stage). Award money and award
    items come from the awards list itself, so the preset's placeholder lines for them are
    left out.
    """
    if not preset.budget:
        return
    settings = settings_of(conference, create=True)
    # A preset that brings a meal line brings the meal norm of the organising level with it,
    # so the estimate never carries a meal line while its settings say "no meals" (issue 14).
    has_meals = any(row.category == "an" for row in preset.budget)
    settings.meal_location = logic.meal_location_for(conference) if has_meals else ""
    position = _next_position(conference)
    delegates = conference.planned_delegates
    recipients = None
    for index, row in enumerate(preset.budget, start=1):
        if row.category in ("tien_thuong", "hien_vat"):
            continue
        key = None
        if row.quantity == "recipients" and recipients is None:
            recipients = _award_inputs(conference)[2]
        quantity_milli = row.quantity_for(delegates, recipients or 0) * 1000
        norm_code = ""
        if row.quantity == "recipients":
            key = f"recipients:{index}"
        elif row.quantity == "delegates":
            if row.category == "nuoc_uong" and _line_by_key(conference, "drinks") is None:
                key = "drinks"
                quantity_milli = delegates * settings.days_milli
                norm_code = "drinks"
            else:
                key = f"delegates:{index}"
        db.session.add(
            BudgetLine(
                conference_id=conference.id,
                position=position,
                category=row.category,
                content=row.content,
                unit=row.unit,
                quantity_milli=quantity_milli,
                unit_price=row.unit_price,
                derived_key=key,
                norm_code=norm_code,
                notes=row.note,
            )
        )
        position += 1
    db.session.flush()
