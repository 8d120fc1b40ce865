"""Pre-signature checks of the Kế hoạch's text as it will print: gaps "…" left in any paragraph
(căn cứ, mục đích, the generated sections, the officer's edited paragraphs, the closing, Nơi
nhận), and a căn cứ dated after the day the plan is signed.

Read only: the plan's blocks are built once per run (``context.load("plan.blocks", …)``), the
same blocks the plan page and the printout show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import url_for

from .. import vn
from ..budget import checks as budget_checks
from ..checks import BLOCK, CheckContext, Problem, register_check
from ..conferences.checks import PRINTED_FIELDS
from ..conferences.logic import dates_in, placeholder_gaps
from .logic import ShownBlock, recipients
from .operations import shown_blocks

PRINTOUTS = ("ke-hoach",)

# Where a generated paragraph comes from: what the message calls it, and the page (endpoint,
# anchor) that changes it. The officer's edited paragraphs are changed on the plan page.
_SOURCES = {
    "intro": ("phần căn cứ", "plan.show", "doan-intro"),
    "purposes": ("mục Mục đích, yêu cầu", "conferences.edit", "purposes"),
    "programme": ("mục Nội dung, chương trình", "agenda.programme", ""),
    "time_place": ("mục Thời gian, địa điểm", "conferences.edit", "venue"),
    "delegates": ("mục Thành phần đại biểu", "delegates.index", ""),
    "budget": ("mục Kinh phí", "conferences.edit", "funding_source"),
    "tasks": ("mục Tổ chức thực hiện", "tasks.index", ""),
    "decor": ("mục Trang trí, khánh tiết", "decor.checklist", ""),
    "closing": ("đoạn kết", "plan.show", "doan-closing"),
}


def _blocks(context: CheckContext) -> list[ShownBlock]:
    return context.load(
        "plan.blocks", lambda: shown_blocks(context.conference, _budget_total(context))
    )


def _budget_total(context: CheckContext) -> int | None:
    """The estimate's total from the budget preview the budget's own rules load (once a run)."""
    budget, _specs, _settings = budget_checks.preview(context)
    return budget.total if budget.rows else None


def _source(context: CheckContext, shown: ShownBlock) -> tuple[str, str]:
    """(what the paragraph is called, the link that fixes it)."""
    conference_id = context.conference.id
    anchor = "doan-" + shown.block.key.replace(":", "-")
    name, endpoint, field = _SOURCES.get(
        shown.block.key.split(":")[0], ("một đoạn", "plan.show", anchor)
    )
    if shown.edited:  # the officer's own wording: only the plan page changes it
        return f"{name} (đoạn đã sửa)", url_for("plan.show", conference_id=conference_id) + (
            f"#{anchor}"
        )
    url = url_for(endpoint, conference_id=conference_id)
    return name, f"{url}#{field}" if field else url


# What a conference field's gap is replaced with before the plan's own gaps are looked for.
_FIELD_MASK = "▢"


def _field_values_with_gaps(context: CheckContext) -> list[str]:
    """The conference's printed fields that hold a "…" (the info rule reports those), as the
    plan quotes them: without a closing full stop or a leading "từ"."""
    values = []
    for field, _label in PRINTED_FIELDS:
        value = vn.clean_text(getattr(context.conference, field) or "").rstrip(".")
        if value.lower().startswith("từ "):
            value = value[3:]
        if placeholder_gaps(value):
            values.append(value)
    # The decoration's texts the plan quotes (the backdrop's title block, its date line left
    # "ngày … tháng 01" as seed 000 hangs it) are the decoration's: its page owns their gaps.
    # Read before fitting (issue 19): the words are the same, laying them out on the backdrop is
    # not needed to find a "…"; a paragraph the layout breaks is masked across the break
    # (_own_gaps).
    from ..decor import operations as decor_operations

    for text in decor_operations.texts_before_fitting(context.conference).values():
        values.extend(line.strip() for line in (text or "").split("\n") if "…" in line)
    return values


def _own_gaps(text: str, field_values: list[str]):
    """The gaps of a generated paragraph that are not a conference field's: the field's words
    are masked first (the plan may lower their first letter), and a gap whose quoted words are
    all inside a field's value is left out too. One fact, one problem: the info rule reports a
    field's "…" once, with every printout it reaches (docs/one-truth.md)."""
    for value in field_values:
        # A space of the value may be a line break in the plan (a title block laid out on the
        # backdrop); the mask keeps the breaks, so the gaps after it keep their line numbers.
        pattern = r"\s+".join(re.escape(word) for word in value.split())
        text = re.sub(
            pattern,
            lambda m: _FIELD_MASK + "\n" * m.group(0).count("\n"),
            text,
            flags=re.IGNORECASE,
        )
    for gap in placeholder_gaps(text):
        words = gap.fragment.strip("…").strip().casefold()
        if any(words and words in value.casefold() for value in field_values):
            continue
        yield gap


def _heading_gaps(context: CheckContext, text: str, field_values: list[str]):
    """A heading's "…": the only one the plan writes is a level's "lần thứ …", filled by the
    edition on the page Đại hội, hội nghị các cấp (plan.levels)."""
    for gap in _own_gaps(text, field_values):
        yield Problem(
            key="plan.placeholder",
            severity=BLOCK,
            part="plan",
            message=(
                f"Kế hoạch, tiêu đề “{text.strip().rstrip(':')}” còn chỗ trống “…” chưa điền"
                + (
                    ": hãy nhập Lần thứ của Đại hội."
                    if re.search(r"lần thứ\s*…", gap.fragment)
                    else "."
                )
            ),
            fix_url=url_for("plan.levels", conference_id=context.conference.id),
            fix_label="Sửa Đại hội, hội nghị các cấp",
            printouts=PRINTOUTS,
        )


def placeholders_in_plan(context: CheckContext) -> Iterable[Problem]:
    """A "…" the plan would print: "Quyết định số …/…/QĐ-UBND ngày …" in the căn cứ, a gap in
    an edited paragraph, in Nơi nhận. One problem a line, quoting the words around the gap.
    A gap a generated paragraph takes from a conference field (the funding source "năm …")
    is the info rule's; in a paragraph the officer edited the words are his, so it is the
    plan's."""
    field_values = _field_values_with_gaps(context)
    for shown in _blocks(context):
        if not shown.block.key:
            # Headings are the program's words, but a level's heading names that level's
            # Đại hội ("… tỉnh Thái Bình lần thứ …:") until the edition is typed.
            yield from _heading_gaps(context, shown.text, field_values)
            continue
        name, url = _source(context, shown)
        gaps = (
            placeholder_gaps(shown.text)
            if shown.edited
            else list(_own_gaps(shown.text, field_values))
        )
        for gap in gaps:
            yield Problem(
                key="plan.placeholder",
                severity=BLOCK,
                part="plan",
                message=(
                    f"Kế hoạch, {name}, dòng {gap.line} còn chỗ trống “…” chưa điền: "
                    f"“{gap.fragment}”."
                ),
                fix_url=url,
                fix_label="Sửa đoạn này",
                printouts=PRINTOUTS,
            )
    lines = "\n".join(recipients(context.conference.values()))
    for gap in placeholder_gaps(lines):
        yield Problem(
            key="plan.placeholder",
            severity=BLOCK,
            part="plan",
            message=(
                f"Kế hoạch, Nơi nhận, dòng {gap.line} còn chỗ trống “…” chưa điền: "
                f"“{gap.fragment}”."
            ),
            fix_url=url_for("plan.show", conference_id=context.conference.id) + "#recipients",
            fix_label="Sửa Nơi nhận",
            printouts=PRINTOUTS,
        )


def bases_after_signing(context: CheckContext) -> Iterable[Problem]:
    """A căn cứ (a law, a decision, an earlier plan) must be issued before the plan based on it:
    a date in the căn cứ later than the ngày ký (or, with the ngày ký blank, than the conference,
    which the signing precedes) is a typing error or a document that does not exist yet.

    This compares the dates the officer typed with the set's one date line; the date lines
    themselves cannot disagree (every printout takes conferences.logic.signing_date_line).
    """
    conference = context.conference
    limit = conference.signing_date or conference.date
    what = "ngày ký" if conference.signing_date else "ngày tổ chức"
    for shown in _blocks(context):
        if shown.block.key != "intro":
            continue
        for line, day, written in dates_in(shown.text):
            if day <= limit:
                continue
            yield Problem(
                key="plan.basis_after_signing",
                severity=BLOCK,
                part="plan",
                message=(
                    f"Kế hoạch, phần căn cứ, dòng {line} ghi văn bản “{written}” sau "
                    f"{what} {vn.format_date_short(limit)}: căn cứ phải được ban hành trước."
                ),
                fix_url=url_for("plan.show", conference_id=conference.id) + "#doan-intro",
                fix_label="Sửa phần căn cứ",
                printouts=PRINTOUTS,
            )


register_check("plan", placeholders_in_plan)
register_check("plan", bases_after_signing)
