"""Kiểm tra trước khi trình ký — the awards' rules (khen thưởng, kịch bản trao thưởng).

BLOCK: a recipient left out of every batch while the ceremony has batches; a blank "…" in an
award text that prints (a decision number typed "…/QĐ-UBND", a name, a unit, who goes up, a
batch's presenter); an award without its decision number or date, which the script prints as a
dotted blank ("Quyết định số …… ngày ……"); a legal figure the award money uses (base salary,
coefficient, collective multiplier) that the program marks unverified. WARN: a batch with
nobody to present it; the unverified rounding rule, and on the demo the unverified figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import url_for

from .. import vn
from ..agenda.logic import has_blank
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from ..demo import is_demo
from . import catalogue, logic, operations

PART = "awards"
SCRIPT = "kich-ban-trao-thuong"
MONEY = "tien-thuong"
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
    """WARN: a batch with nobody to present it (no Đoàn Chủ tịch, none chosen)."""
    missing = state(context).ceremony.batches_without_presenter
    if not missing:
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
                printouts=(SCRIPT, MONEY, LED),
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
            printouts=(SCRIPT, MONEY),
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
LEGAL_FIGURE_PRINTOUTS = (MONEY, ESTIMATE, PLAN)
# How the data files mark a figure nobody has checked against the decree yet.
_UNVERIFIED_MARKERS = ("chưa đối chiếu", "cần đối chiếu", "chưa kiểm tra", "cần kiểm tra")


def is_unverified(legal_basis: str | None) -> bool:
    """A legal figure the program marks as not checked against its source: today, its legal
    basis says so in words ("chưa đối chiếu được văn bản gốc", "cần đối chiếu"), as the data
    files (presets/base_salaries.toml, award_forms.toml) and the officer write it. The one place
    that decides it: issue 16 replaces it with a verified status and a confirmation date."""
    text = vn.nfc(legal_basis or "").casefold()
    return any(marker in text for marker in _UNVERIFIED_MARKERS)


def unverified_figures(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a base salary, an award coefficient, a collective multiplier or the rounding rule
    that this conference's award money uses while the program marks it unverified — the money
    list, the estimate and the plan would print it as law. Only a WARN on the demo (its figures
    are the same shipped data), and for the rounding rule, which is the program's own (not
    editable in the catalogue)."""
    awards = state(context)
    money = awards.money
    if not money.amounts:
        return
    severity = WARN if is_demo(context.conference) else BLOCK
    catalogue_url = url_for("awards.catalogue_page")
    used_bases = set(money.bases.values())
    rows = {row.effective_from: row for row in catalogue.all_salaries()}
    for salary in sorted(awards.salaries, key=lambda s: s.effective_from):
        if salary.amount not in used_bases or not is_unverified(salary.legal_basis):
            continue
        row = rows.get(salary.effective_from)
        yield Problem(
            key="awards.unverified_salary",
            severity=severity,
            part=PART,
            message=(
                f"Mức lương cơ sở {vn.format_number(salary.amount)} đồng từ ngày "
                f"{vn.format_date_short(salary.effective_from)} dùng để tính tiền thưởng chưa "
                f"được đối chiếu với văn bản gốc (căn cứ ghi: “{_brief(salary.legal_basis)}”)."
            ),
            fix_url=(
                url_for("awards.edit_salary", salary_id=row.id)
                if row is not None
                else f"{catalogue_url}#luong-co-so"
            ),
            fix_label="Kiểm tra mức lương cơ sở",
            printouts=LEGAL_FIGURE_PRINTOUTS,
        )
    for form_money in money.forms:
        form = form_money.form
        if not form_money.lines or not is_unverified(form.legal_basis):
            continue
        figure = f"Hệ số tiền thưởng {catalogue.coefficient_text(form.coefficient_milli)}"
        if form_money.collectives and form.collective_multiplier_milli != 1000:
            times = catalogue.coefficient_text(form.collective_multiplier_milli)
            figure += f" (tập thể gấp {times} lần)"
        yield Problem(
            key="awards.unverified_form",
            severity=severity,
            part=PART,
            message=(
                f"{figure} của “{form.name}” chưa được đối chiếu với văn bản gốc (căn cứ ghi: "
                f"“{_brief(form.legal_basis)}”)."
            ),
            fix_url=url_for("awards.edit_form_entry", form_id=form.id),
            fix_label="Kiểm tra hình thức khen thưởng",
            printouts=LEGAL_FIGURE_PRINTOUTS,
        )
    rule = catalogue.rounding()
    if rule.unit > 1 and is_unverified(rule.legal_basis):
        yield Problem(
            key="awards.unverified_rounding",
            severity=WARN,
            part=PART,
            message=(
                f"Quy tắc làm tròn tiền thưởng lên bội số của {vn.format_number(rule.unit)} đồng "
                "chưa được "
                f"đối chiếu với văn bản gốc (căn cứ ghi: “{_brief(rule.legal_basis)}”)."
            ),
            fix_url=catalogue_url,
            fix_label="Xem danh mục khen thưởng",
            printouts=LEGAL_FIGURE_PRINTOUTS,
        )


def _brief(text: str, length: int = 160) -> str:
    text = vn.clean_text(text).rstrip(".")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


register_check(PART, recipients_without_batch)
register_check(PART, batches_without_presenter)
register_check(PART, blanks)
register_check(PART, unverified_figures)
