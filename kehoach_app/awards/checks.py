"""Kiểm tra trước khi trình ký — the awards' rules (khen thưởng, kịch bản trao thưởng).

BLOCK: a recipient left out of every batch while the ceremony has batches; a blank "…" in an
award text that prints (a decision number typed "…/QĐ-UBND", a name, a unit, who goes up, a
batch's presenter); an award without its decision number or date, which the script prints as a
dotted blank ("Quyết định số …… ngày ……"). WARN: a batch with nobody to present it.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import url_for

from ..agenda.logic import has_blank
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from . import logic, operations

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


register_check(PART, recipients_without_batch)
register_check(PART, batches_without_presenter)
register_check(PART, blanks)
