"""Kiểm tra trước khi trình ký — the budget's rules (dự toán kinh phí).

The estimate is read as it will print (operations.budget_preview: the derived lines brought up
to date in memory, nothing written). BLOCK: the total over the money available, decoration paid
twice (a package line naming an item priced on its own), a blank "…" in a text that prints
(not in the conference's own fields, which the info rule reports once).
BLOCK too (issue 16, docs/legal-figures.md): a norm used while not confirmed against its document
(a WARN on the demo), a province profile used without its resolution's number and date, meal
lines on a date no stored meal norm covers.
WARN: a line that prints at 0 đồng, a line over its norm, and the estimate contradicting itself
(meal lines without a meal location, c) "do xã tổ chức" against the organiser, days other than
the conference's length).
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import url_for

from .. import vn
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from ..conferences.vocab import LENGTHS
from . import logic, operations

PART = "budget"
ESTIMATE = "du-toan"
PLAN = "ke-hoach"  # the plan quotes the estimate's total


def preview(context: CheckContext):
    """(Budget, specs, settings) of the conference, loaded once per run (decor's rules too)."""
    return context.load("budget.preview", lambda: operations.budget_preview(context.conference))


def _started(context: CheckContext) -> bool:
    budget, _specs, settings = preview(context)
    return settings is not None or bool(budget.rows)


def _page(context: CheckContext) -> str:
    return url_for("budget.estimate", conference_id=context.conference.id)


def line_url(context: CheckContext, line: logic.LineData) -> str:
    """The line's edit form; a line not stored yet (id 0: added on the next sync) → the page."""
    if not line.id:
        return _page(context)
    return url_for("budget.edit", conference_id=context.conference.id, line_id=line.id)


def over_available(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: the estimate's total exceeds the money the funding source has (when entered)."""
    budget, _specs, _settings = preview(context)
    if not budget.over_available:
        return
    yield Problem(
        key="budget.over_available",
        severity=BLOCK,
        part=PART,
        message=(
            f"Tổng dự toán {vn.format_money(budget.total)} vượt số tiền có trong nguồn kinh phí "
            f"({vn.format_money(budget.available)}) {vn.format_money(budget.over_available)}."
        ),
        fix_url=_page(context),
        fix_label="Mở dự toán",
        printouts=(ESTIMATE, PLAN),
    )


def decoration_counted_twice(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a hand line of Trang trí names a decoration item that has its own line (its cost
    entered on the decoration page): the same thing paid twice. A thing is either an itemised
    decoration cost or part of a package line, never both (docs/budget.md)."""
    budget, specs, _settings = preview(context)
    for doubled in logic.doubled_decoration(budget.rows, specs):
        yield Problem(
            key="budget.decoration_twice",
            severity=BLOCK,
            part=PART,
            message=(
                f"Tiền trang trí “{doubled.item_line.content}” tính hai lần: đã có trong dòng "
                f"“{doubled.package.content}” của dự toán và có dòng riêng theo dự kiến chi ở "
                f"phần Trang trí ({vn.format_money(doubled.amount)})."
            ),
            fix_url=line_url(context, doubled.package),
            fix_label="Sửa dòng dự toán",
            printouts=(ESTIMATE, PLAN),
        )


_LINE_FIELDS = (("content", "nội dung"), ("unit", "đơn vị tính"), ("notes", "ghi chú"))


def blanks_in_print(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a blank "…" left in a text the estimate prints: a line's content, unit or note,
    a legal basis under "Căn cứ lập dự toán" (the funding source is the info rule's)."""
    budget, _specs, _settings = preview(context)
    if not budget.rows:
        return
    for row in budget.rows:
        line = row.line
        printed = {
            "content": line.content,
            "unit": line.unit,
            "notes": logic.row_note(row),
        }
        fields = [label for name, label in _LINE_FIELDS if logic.has_gap(printed[name])]
        if fields:
            yield Problem(
                key="budget.blank_in_line",
                severity=BLOCK,
                part=PART,
                message=(
                    f"Dòng “{line.content}” của dự toán còn chỗ trống “…” chưa điền ở "
                    f"{' và '.join(fields)}."
                ),
                fix_url=line_url(context, line),
                printouts=(ESTIMATE,),
            )
    # The funding source is a field of the conference: its "…" is reported once, by the info
    # rule (conferences/checks.py), with every printout it reaches (one fact, one problem).
    # Every basis that would print (once its norm is confirmed: issue 16) — a blank can never be
    # confirmed, and says what is missing better than "chưa đối chiếu".
    for basis in budget.legal_bases:
        if logic.has_gap(basis) and not vn.clerk_phrase(basis):
            yield Problem(
                key="budget.blank_in_legal_basis",
                severity=BLOCK,
                part=PART,
                message=(
                    f"Căn cứ lập dự toán “{basis}” còn chỗ trống “…” chưa điền (căn cứ của một "
                    "định mức chi)."
                ),
                fix_url=url_for("budget.norms"),
                fix_label="Sửa định mức chi",
                printouts=(ESTIMATE,),
            )


def clerk_notes(context: CheckContext) -> Iterator[Problem]:
    """WARN: a note to the clerk (a reference figure to replace, a point to check, illustrative
    data) in a line's Ghi chú or in a norm's legal basis. The estimate leaves it out (an
    official document carries nothing addressed to the clerk, issue 15); the officer still
    has to act on it."""
    budget, _specs, _settings = preview(context)
    for row in budget.rows:
        line = row.line
        phrase = vn.clerk_phrase(line.notes)
        if phrase:
            yield Problem(
                key="budget.clerk_note_in_line",
                severity=WARN,
                part=PART,
                message=(
                    f"Ghi chú của dòng “{line.content}” là lời nhắc cho người lập dự toán "
                    f"(“{phrase}”) nên không in trên dự toán: hãy xử lý rồi thay bằng căn cứ "
                    "ngắn gọn."
                ),
                fix_url=line_url(context, line),
                fix_label="Sửa dòng dự toán",
                printouts=(ESTIMATE,),
            )
    for basis in budget.legal_bases:
        phrase = vn.clerk_phrase(basis)
        if phrase:
            yield Problem(
                key="budget.clerk_note_in_legal_basis",
                severity=WARN,
                part=PART,
                message=(
                    f"Căn cứ “{basis}” của một định mức chi là lời nhắc hoặc số liệu minh họa "
                    f"(“{phrase}”) nên không in trên dự toán: hãy nhập nghị quyết của tỉnh."
                ),
                fix_url=url_for("budget.norms"),
                fix_label="Sửa định mức chi",
                printouts=(ESTIMATE,),
            )


def lines_at_zero(context: CheckContext) -> Iterator[Problem]:
    """WARN: a line whose quantity or unit price is 0 prints a 0 đồng amount."""
    budget, _specs, _settings = preview(context)
    for row in budget.rows:
        line = row.line
        if line.quantity_milli and line.unit_price:
            continue
        what = "số lượng 0" if not line.quantity_milli else "đơn giá 0 đồng"
        yield Problem(
            key="budget.zero_line",
            severity=WARN,
            part=PART,
            message=(f"Dòng “{line.content}” của dự toán có {what} nên in ra thành tiền 0 đồng."),
            fix_url=line_url(context, line),
            printouts=(ESTIMATE,),
        )


def over_norm(context: CheckContext) -> Iterator[Problem]:
    """WARN: a unit price above the norm in force (the appraiser decides; not a refusal)."""
    budget, _specs, _settings = preview(context)
    for row in budget.rows:
        if not row.over_norm or row.norm is None:
            continue
        yield Problem(
            key="budget.over_norm",
            severity=WARN,
            part=PART,
            message=(
                f"Đơn giá dòng “{row.line.content}” ({vn.format_money(row.line.unit_price)}) "
                f"vượt định mức {row.norm.cap_text} theo {row.norm.source}."
            ),
            fix_url=line_url(context, row.line),
            printouts=(ESTIMATE,),
        )


def meals_against_settings(context: CheckContext) -> Iterator[Problem]:
    """WARN: meal lines the estimate cannot check (no meal norm level chosen), or checked
    against the norm of a level other than the one organising the conference."""
    budget, _specs, settings = preview(context)
    meal_rows = [row for row in budget.rows if row.line.category == "an"]
    if not meal_rows or settings is None:
        return
    conference = context.conference
    fix = url_for("budget.settings", conference_id=conference.id)
    if not settings.meal_location:
        yield Problem(
            key="budget.meals_without_level",
            severity=WARN,
            part=PART,
            message=(
                f"Dự toán có dòng tiền ăn “{meal_rows[0].line.content}” nhưng chưa chọn nơi tổ "
                "chức cuộc họp ở Thiết lập nên chưa đối chiếu được định mức tiền ăn."
            ),
            fix_url=fix,
            fix_label="Mở thiết lập dự toán",
            printouts=(ESTIMATE,),
        )
        return
    # Thông tư 40/2017, Điều 12 k4: c) is every meeting a xã, phường or đặc khu organises; a)
    # and b) are by where the meeting is held, the officer's reading — only c) against the
    # organiser is a contradiction.
    chosen = logic.LEGACY_MEAL_LOCATIONS.get(settings.meal_location, settings.meal_location)
    suggested = logic.meal_location_for(conference)
    if (chosen == "xa") != (suggested == "xa") and chosen in logic.MEAL_LOCATIONS:
        chosen_text = logic.MEAL_LOCATIONS[chosen]
        yield Problem(
            key="budget.meals_other_level",
            severity=WARN,
            part=PART,
            message=(
                f"Tiền ăn đang đối chiếu định mức “{chosen_text}” nhưng đơn vị tổ chức hội nghị "
                f"này gợi ý mức “{logic.MEAL_LOCATIONS[suggested]}”."
            ),
            fix_url=fix,
            fix_label="Mở thiết lập dự toán",
            printouts=(ESTIMATE,),
        )


# The days a conference of each length is counted for (operations.settings_of's default).
DAYS_BY_LENGTH = {"session": 500, "half_day": 500, "full_day": 1000}


def days_against_length(context: CheckContext) -> Iterator[Problem]:
    """WARN: the drinks or meals line counts days other than the conference's length."""
    budget, _specs, settings = preview(context)
    if settings is None:
        return
    expected = DAYS_BY_LENGTH.get(context.conference.length)
    uses_days = any(
        row.line.derived_key in ("drinks", "meals") and not row.line.overridden
        for row in budget.rows
    )
    if expected is None or not uses_days or settings.days_milli == expected:
        return
    length = LENGTHS.get(context.conference.length, "").lower()
    yield Problem(
        key="budget.days_other_than_length",
        severity=WARN,
        part=PART,
        message=(
            f"Dự toán tính nước uống, tiền ăn cho {logic.format_quantity(settings.days_milli)} "
            f"ngày họp nhưng Hội nghị họp {length}."
        ),
        fix_url=url_for("budget.settings", conference_id=context.conference.id),
        fix_label="Mở thiết lập dự toán",
        printouts=(ESTIMATE,),
    )


def unverified_norms(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a spending norm the estimate checks a line against while the norm is not
    confirmed against its document (docs/legal-figures.md) — one problem per norm; a WARN on the
    demo conference (its norms are the shipped data, marked as a demo on its pages)."""
    from ..demo import is_demo

    budget, _specs, _settings = preview(context)
    severity = WARN if is_demo(context.conference) else BLOCK
    seen: set = set()
    for row in budget.rows:
        rule = row.norm
        if rule is None or not rule.unverified or (rule.code, rule.id) in seen:
            continue
        seen.add((rule.code, rule.id))
        yield Problem(
            key="budget.unverified_norm",
            severity=severity,
            part=PART,
            message=(
                f"Định mức “{rule.name}” {rule.cap_text} ({rule.profile_name}) dùng cho dòng "
                f"“{row.line.content}” chưa được đối chiếu với văn bản: hãy đối chiếu rồi bấm "
                "“Đã đối chiếu với văn bản” ở trang Định mức chi."
            ),
            fix_url=url_for("budget.norms", _anchor=f"muc-{rule.id}" if rule.id else None),
            fix_label="Đối chiếu định mức",
            printouts=(ESTIMATE,),
        )


def resolution_missing(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: the estimate follows a province's (or a unit's) profile whose resolution number or
    date is not entered: its basis cannot be printed, and no placeholder ever is. A WARN on the
    demo, whose profile is illustrative and says so."""
    budget, _specs, settings = preview(context)
    if settings is None or not settings.norm_profile_id:
        return
    profile = operations.get_profile(settings.norm_profile_id)
    if profile is None or profile.kind == "national":
        return
    used = any(
        row.norm is not None and row.norm.profile_name == profile.name for row in budget.rows
    )
    if not used or operations.profile_basis(profile):
        return
    from ..demo import is_demo

    what = "nghị quyết" if profile.kind == "province" else "văn bản"
    yield Problem(
        key="budget.resolution_missing",
        severity=WARN if is_demo(context.conference) else BLOCK,
        part=PART,
        message=(
            f"Bộ định mức “{profile.name}” chưa ghi số và ngày {what}, nên dự toán chưa in được "
            "căn cứ của các định mức lấy từ bộ này."
        ),
        fix_url=url_for("budget.profile_form", profile_id=profile.id),
        fix_label=f"Ghi số, ngày {what}",
        printouts=(ESTIMATE,),
    )


def meal_norm_missing(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: meal lines checked against a location whose meal norm has no stored period that
    covers the conference's date — a clear message, not a silent unchecked line."""
    budget, _specs, settings = preview(context)
    if settings is None or not settings.meal_location:
        return
    if not any(row.line.category == "an" for row in budget.rows):
        return
    conference = context.conference
    code = logic.norm_code_for("an", "", settings.meal_location)
    chosen, national = operations.norm_profiles_for(conference)
    if logic.pick_norm(code, conference.date, chosen, national) is not None:
        return
    from ..legal import periods_text

    stored = periods_text(logic.norm_periods(code, (chosen, national)))
    yield Problem(
        key="budget.meal_norm_missing",
        severity=BLOCK,
        part=PART,
        message=(
            f"Chưa có định mức tiền ăn áp dụng cho ngày {vn.format_date_short(conference.date)} "
            f"(ngày hội nghị): "
            + (f"các mức đã lưu áp dụng {stored}." if stored else "chưa lưu mức nào.")
        ),
        fix_url=url_for("budget.norms"),
        fix_label="Mở định mức chi",
        printouts=(ESTIMATE,),
    )


def _guarded(rule):
    """A rule that runs only once the budget is started (before, nothing prints)."""

    def run(context: CheckContext) -> Iterator[Problem]:
        if _started(context):
            yield from rule(context)

    run.__name__ = rule.__name__
    run.__doc__ = rule.__doc__
    return run


RULES = tuple(
    _guarded(rule)
    for rule in (
        over_available,
        decoration_counted_twice,
        blanks_in_print,
        clerk_notes,
        lines_at_zero,
        over_norm,
        meals_against_settings,
        days_against_length,
        unverified_norms,
        resolution_missing,
        meal_norm_missing,
    )
)

for _rule in RULES:
    register_check(PART, _rule)
