"""Kiểm tra trước khi trình ký — the awards' rules (khen thưởng, kịch bản trao thưởng).

BLOCK: a recipient left out of every batch while the ceremony has batches; a blank "…" in an
award text that prints (a decision number typed "…/QĐ-UBND", a name, a unit, who goes up, a
batch's presenter); an award without its decision number or date, which the script prints as a
dotted blank ("Quyết định số …… ngày ……"); a legal figure the award money uses (base salary,
coefficient, collective multiplier, rounding rule) not confirmed against its document, and an
award dated outside every stored period of one (docs/legal-figures.md). WARN: a batch with
nobody to present it, and on the demo the unverified figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import url_for

from .. import vn
from ..agenda.logic import has_blank
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from ..demo import is_demo
from . import figures, logic, operations

PART = "awards"
SCRIPT = "kich-ban-trao-thuong"
MONEY = "tien-thuong"
RECEIPTS = "ky-nhan-tien-thuong"  # the receipt list per decision (receipts.py, issue 20)
LED = "man-hinh-led"
PROGRAMME = "chuong-trinh"  # its award items name the presenters


def state(context: CheckContext) -> operations.AwardsState:
    """The conference's awards, loaded once per run."""
    return context.load("awards", lambda: operations.load(context.conference))


def _ceremony_url(context: CheckContext, sequence: int | None = None) -> str:
    return url_for(
        "awards.ceremony",
        conference_id=context.conference.id,
        _anchor=f"dot-{sequence}" if sequence else None,
    )


def _award_url(context: CheckContext, recipient: logic.Recipient) -> str:
    return url_for("awards.edit", conference_id=context.conference.id, award_id=recipient.id)


def _names(recipients, shown: int = 3) -> str:
    names = ", ".join(f"“{r.name}”" for r in recipients[:shown])
    return names + (
        f" và {len(recipients) - shown} khen thưởng khác" if len(recipients) > shown else ""
    )


def recipients_without_batch(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: recipients in no batch while the ceremony has batches (their form is missing from
    the catalogue): they would not be called to the stage."""
    awards = state(context)
    left_out = logic.recipients_without_batch(awards.recipients, awards.ceremony)
    if not left_out:
        return
    yield Problem(
        key="awards.no_batch",
        severity=BLOCK,
        part=PART,
        message=(
            f"{len(left_out)} khen thưởng không thuộc đợt trao thưởng nào nên không được mời "
            f"lên sân khấu: {_names(left_out)}."
        ),
        fix_url=_award_url(context, left_out[0]),
        fix_label="Sửa khen thưởng",
        printouts=(SCRIPT, LED, PROGRAMME),
    )


def batches_without_presenter(context: CheckContext) -> Iterator[Problem]:
    """WARN: a batch with nobody to present it: no Đoàn Chủ tịch and none chosen; or, with a
    Đoàn Chủ tịch, none of its members of the level that issues the form (the issuer's own
    leader presents his award: logic.presenters_for) — left for the officer, one problem per
    form."""
    ceremony = state(context).ceremony
    missing = ceremony.batches_without_presenter
    if not missing:
        return
    if ceremony.leaders:
        by_form: dict[int, list[logic.Batch]] = {}
        for batch in missing:
            by_form.setdefault(batch.form.id, []).append(batch)
        organiser = context.conference.level
        for batches in by_form.values():
            form = batches[0].form
            levels = logic.presenting_levels(form.level, organiser)
            named = " hoặc ".join(logic.LEVEL_NAMES.get(level, level) for level in levels)
            numbers = ", ".join(str(b.sequence) for b in batches)
            yield Problem(
                key="awards.no_presenter_of_level",
                severity=WARN,
                part=PART,
                message=(
                    f"Đợt trao thưởng {numbers} ({form.name}) chưa có người trao: Đoàn Chủ tịch "
                    f"không có lãnh đạo {named or 'của cấp ban hành'} — hãy chọn người trao."
                ),
                fix_url=_ceremony_url(context, batches[0].sequence),
                fix_label="Chọn người trao",
                printouts=(SCRIPT, PROGRAMME),
            )
        return
    numbers = ", ".join(str(b.sequence) for b in missing[:8]) + ("…" if len(missing) > 8 else "")
    yield Problem(
        key="awards.no_presenter",
        severity=WARN,
        part=PART,
        message=f"Đợt trao thưởng {numbers} chưa có người trao.",
        fix_url=_ceremony_url(context, missing[0].sequence),
        fix_label="Chọn người trao",
        printouts=(SCRIPT, PROGRAMME),
    )


_AWARD_TEXTS = (
    ("decision_number", "số quyết định"),
    ("name", "tên"),
    ("job_title", "chức vụ"),
    ("unit", "đơn vị"),
    ("receiver_name", "người lên nhận"),
)


def blanks(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a blank "…" in an award text that prints, field by field; an award without its
    decision number or date (the script prints dotted blanks); a batch's typed presenter, music
    or note with a blank."""
    awards = state(context)
    for field, label in _AWARD_TEXTS:
        found = [r for r in awards.recipients if has_blank(getattr(r, field))]
        if found:
            yield Problem(
                key=f"awards.blank_{field}",
                severity=BLOCK,
                part=PART,
                message=(f"{len(found)} khen thưởng còn chỗ trống “…” ở {label}: {_names(found)}."),
                fix_url=_award_url(context, found[0]),
                fix_label="Sửa khen thưởng",
                printouts=(SCRIPT, MONEY, LED, RECEIPTS),
            )
    undecided = [r for r in awards.recipients if not r.decision_number or not r.decision_date]
    if undecided:
        yield Problem(
            key="awards.no_decision",
            severity=BLOCK,
            part=PART,
            message=(
                f"{len(undecided)} khen thưởng chưa có số hoặc ngày quyết định, kịch bản trao "
                f"thưởng sẽ in chỗ trống: {_names(undecided)}."
            ),
            fix_url=_award_url(context, undecided[0]),
            fix_label="Ghi quyết định",
            printouts=(SCRIPT, MONEY, RECEIPTS),
        )
    for batch in awards.ceremony.batches:
        texts = [batch.music_cue, batch.notes]
        if batch.presenter is not None:
            texts.append(batch.presenter.text)
        if any(has_blank(text) for text in texts):
            yield Problem(
                key="awards.blank_batch",
                severity=BLOCK,
                part=PART,
                message=(
                    f"Đợt trao thưởng {batch.sequence} còn chỗ trống “…” ở người trao, nhạc "
                    "hoặc ghi chú."
                ),
                fix_url=_ceremony_url(context, batch.sequence),
                fix_label=f"Sửa đợt {batch.sequence}",
                printouts=(SCRIPT, PROGRAMME),
            )


# --------------------------------------------------------------------------- legal figures

ESTIMATE = "du-toan"  # the budget carries the award money
PLAN = "ke-hoach"  # the plan states the funds
LEGAL_FIGURE_PRINTOUTS = (MONEY, RECEIPTS, ESTIMATE, PLAN)


def _figure_url(use: figures.FigureUse) -> str:
    if use.kind == "salary" and use.id is not None:
        return url_for("awards.edit_salary", salary_id=use.id)
    if use.kind == "rate" and use.form_id is not None:
        return url_for("awards.catalogue_page", _anchor=f"hinh-thuc-{use.form_id}")
    if use.kind == "rounding":
        return url_for("awards.catalogue_page", _anchor="lam-tron")
    return url_for("awards.catalogue_page")


_FIX_LABELS = {
    "salary": "Đối chiếu mức lương cơ sở",
    "rate": "Đối chiếu hệ số",
    "rounding": "Đối chiếu quy tắc làm tròn",
}


def unverified_figures(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a base salary, an award coefficient or collective multiplier, or a rounding rule
    that this conference's award money uses while it is not confirmed against its document —
    the money list, the estimate and the plan would print it as law. Only a WARN on the demo
    (its figures are the shipped data, marked as a demo on its pages)."""
    money = state(context).money
    if not money.amounts:
        return
    severity = WARN if is_demo(context.conference) else BLOCK
    for use in figures.unverified_uses(money):
        yield Problem(
            key=f"awards.unverified_{use.kind}",
            severity=severity,
            part=PART,
            message=(
                f"{use.text} dùng để tính tiền thưởng chưa được đối chiếu với văn bản (căn cứ "
                f"ghi: “{_brief(use.basis) or 'chưa ghi'}”): hãy đối chiếu rồi bấm “Đã đối "
                "chiếu với văn bản”."
            ),
            fix_url=_figure_url(use),
            fix_label=_FIX_LABELS[use.kind],
            printouts=LEGAL_FIGURE_PRINTOUTS,
        )


def figures_missing(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: an award whose pay day (the decision's date, else the conference's) falls outside
    every stored period of the base salary, the form's coefficient or the rounding rule — its
    money is not computed (never priced at another period's figures)."""
    for gap in state(context).money.gaps:
        yield Problem(
            key=f"awards.no_{gap.figure}_in_force",
            severity=BLOCK,
            part=PART,
            message=gap.message,
            fix_url=(
                url_for("awards.catalogue_page", _anchor=f"hinh-thuc-{gap.form_id}")
                if gap.figure == "rate"
                else url_for(
                    "awards.catalogue_page",
                    _anchor="luong-co-so" if gap.figure == "salary" else "lam-tron",
                )
            ),
            fix_label="Mở danh mục khen thưởng",
            printouts=LEGAL_FIGURE_PRINTOUTS,
        )


def _brief(text: str, length: int = 160) -> str:
    text = vn.clean_text(text).rstrip(".")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


register_check(PART, recipients_without_batch)
register_check(PART, batches_without_presenter)
register_check(PART, blanks)
register_check(PART, unverified_figures)
register_check(PART, figures_missing)
