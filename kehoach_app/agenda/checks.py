"""Kiểm tra trước khi trình ký — the programme's rules (chương trình hội nghị).

BLOCK: the programme running past the session planned (the overrun warnings of logic.py), an
empty programme, awards entered with no award item in the programme or award items out of step
with the ceremony batches, a blank "…" left in a text that prints (titles, who performs, the
MC's words). WARN: a choice left open in the title or performer of a speaking item ("… hoặc
…"); an item kept in step with the awards whose words the officer edited, when
the generated words have changed since; a programme crossing the lunch window without a lunch
break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flask import url_for

from .. import vn
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from . import logic, operations
from .derived import derived_sources

PART = "agenda"
PROGRAMME = "chuong-trinh"
SCRIPT = "kich-ban-dieu-hanh"
PLAN = "ke-hoach"  # the plan lists the programme's items


def _entries(context: CheckContext) -> list[logic.AgendaEntry]:
    return context.load("agenda.entries", lambda: operations.entries_of(context.conference))


def _schedule(context: CheckContext) -> logic.Schedule:
    conference = context.conference

    def compute():
        return logic.compute_schedule(_entries(context), conference.start_time, conference.length)

    return context.load("agenda.schedule", compute)


def _page(context: CheckContext, anchor: str | None = None) -> str:
    return url_for("agenda.programme", conference_id=context.conference.id, _anchor=anchor)


def _item_url(context: CheckContext, entry: logic.AgendaEntry) -> str:
    return url_for("agenda.edit", conference_id=context.conference.id, item_id=entry.id)


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def session_overrun(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a programme longer than the session planned ("Nửa ngày" ending at 13:36), or
    empty. The same sentences as the programme page's warnings."""
    schedule = _schedule(context)
    if schedule.is_empty:
        yield Problem(
            key="agenda.empty",
            severity=BLOCK,
            part=PART,
            message="Chương trình hội nghị chưa có mục nào.",
            fix_url=_page(context, "them-muc"),
            fix_label="Thêm mục",
            printouts=(PROGRAMME, SCRIPT, PLAN),
        )
        return
    for warning in logic.overrun_warnings(schedule):
        yield Problem(
            key="agenda.overrun",
            severity=BLOCK,
            part=PART,
            message=warning,
            fix_url=_page(context),
            fix_label="Sửa chương trình",
            printouts=(PROGRAMME, SCRIPT, PLAN),
        )


def lunch_break(context: CheckContext) -> Iterator[Problem]:
    """WARN: a day crossing 11:30–13:30 without an hour's break at noon."""
    schedule = _schedule(context)
    overrun = set(logic.overrun_warnings(schedule))
    for warning in schedule.warnings:
        if warning not in overrun and warning != logic.EMPTY_WARNING:
            yield Problem(
                key="agenda.lunch",
                severity=WARN,
                part=PART,
                message=warning,
                fix_url=_page(context),
                fix_label="Sửa chương trình",
                printouts=(PROGRAMME, SCRIPT),
            )


def awards_in_programme(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: awards entered but no award item in the programme, or the award items out of step
    with the ceremony batches (forms, counts, minutes = batches × minutes per batch, presenters,
    order, breaks). WARN: an edited award item whose generated words have changed since."""
    entries = _entries(context)
    fix = _page(context, "khen-thuong-lech")
    for source in derived_sources():
        expected = source.expected(context.conference)
        gap = logic.derived_gap(entries, expected, source.prefix, source.placeholder_key)
        if expected and not any(entry.kind == "trao_thuong" for entry in entries):
            yield Problem(
                key="agenda.awards_missing",
                severity=BLOCK,
                part=PART,
                message=(
                    f"Đã có danh sách khen thưởng ({len(expected)} mục trao thưởng) nhưng "
                    "chương trình chưa có mục trao thưởng nào."
                ),
                fix_url=fix,
                fix_label="Cập nhật chương trình",
                printouts=(PROGRAMME, SCRIPT, PLAN),
            )
        elif not gap.in_step:
            yield Problem(
                key="agenda.awards_out_of_step",
                severity=BLOCK,
                part=PART,
                message=_gap_sentence(gap),
                fix_url=fix,
                fix_label="Cập nhật chương trình",
                printouts=(PROGRAMME, SCRIPT, PLAN),
            )
        for number in gap.stale_edits:
            entry = entries[number - 1]
            yield Problem(
                key="agenda.awards_stale_edit",
                severity=WARN,
                part=PART,
                message=(
                    f"Mục {number} “{_short(entry.title)}” đã sửa tay, nhưng nội dung tự động "
                    "theo danh sách khen thưởng đã thay đổi từ đó."
                ),
                fix_url=_page(context, f"muc-{entry.id}"),
                fix_label="Xem mục",
                printouts=(PROGRAMME, SCRIPT, PLAN),
            )


def _gap_sentence(gap: logic.DerivedGap) -> str:
    parts = []
    if gap.missing:
        parts.append(f"thiếu {len(gap.missing)} mục")
    if gap.placeholders:
        parts.append(f"còn mục tạm của mẫu (mục {_numbers(gap.placeholders)})")
    if gap.extra:
        parts.append(f"thừa mục {_numbers(gap.extra)}")
    if gap.mistimed:
        parts.append(f"thời lượng khác số đợt ở mục {_numbers(gap.mistimed)}")
    if gap.reworded:
        parts.append(f"nội dung hoặc người trao khác ở mục {_numbers(gap.reworded)}")
    if gap.misordered:
        parts.append("thứ tự khác thứ tự trao thưởng")
    return (
        "Các mục trao thưởng trong chương trình chưa khớp với các đợt trao thưởng: "
        + "; ".join(parts)
        + "."
    )


def _numbers(numbers) -> str:
    return ", ".join(str(n) for n in numbers)


def blanks(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a blank "…" left in a text that prints — an item's title or who performs it (the
    programme, the script, the plan), or the MC's words (the script; the default words leave a
    dotted blank where nobody is named)."""
    conference = context.conference
    entries = _entries(context)
    schedule = _schedule(context)
    flagged = set()  # items already named: their MC words repeat the same blank
    for number, entry in enumerate(entries, start=1):
        for label, text in (
            ("nội dung", entry.title),
            ("người thực hiện", entry.presenter),
            ("đơn vị thực hiện", entry.presenter_unit),
        ):
            if logic.has_blank(text):
                flagged.add(number)
                yield Problem(
                    key="agenda.blank",
                    severity=BLOCK,
                    part=PART,
                    message=(
                        f"Mục {number} của chương trình còn chỗ trống “…” ở {label}: "
                        f"“{_short(text)}”."
                    ),
                    fix_url=_item_url(context, entry),
                    fix_label=f"Sửa mục {number}",
                    printouts=(PROGRAMME, SCRIPT, PLAN),
                )
    # The MC's introduction only matters here for its gaps, which it has only while nobody is
    # to be introduced (a gap in a delegate's own name is the delegates part's rule): one line
    # stands for the delegates instead of wording a thousand of them.
    delegates = context.load(
        "agenda.introduced", lambda: operations.introduction_stand_in(conference)
    )
    script_context = logic.script_context(conference.values())
    introduction = set(logic.delegate_introduction(script_context, delegates))
    conference_texts = [
        text
        for text in (script_context.title, script_context.issuer, script_context.venue)
        if logic.has_blank(text)
    ]
    for timed in schedule.items:
        if timed.number in flagged:
            continue
        lines = logic.mc_lines(timed, schedule, script_context, delegates)
        gaps = [line for line in lines if not _is_direction(line) and logic.has_blank(line)]
        if not gaps:
            continue
        # Link to where the text holding the gap is typed: the officer's own words are in the
        # item; the default words take the delegates' introduction from the delegates page and
        # the title, issuer and venue from the conference form; the rest is who performs.
        written = bool(timed.entry.mc_text.strip())
        about = f"Lời dẫn của mục {timed.number} “{_short(timed.entry.title)}” còn chỗ trống “…”"
        if written:
            where = "item"
        elif any(line in introduction for line in gaps):
            where = "delegates"
        elif all(any(text in line for text in conference_texts) for line in gaps):
            where = "conference"
        else:
            where = "item"
        if where == "delegates":
            message = (
                f"{about} ở phần giới thiệu đại biểu: hãy nhập danh sách đại biểu (họ tên, "
                "chức vụ, đơn vị) để lời dẫn tự điền."
            )
            fix_url = url_for("delegates.index", conference_id=conference.id)
            fix_label = "Mở danh sách đại biểu"
        elif where == "conference":
            message = f"{about} lấy từ thông tin hội nghị: hãy sửa tên, cơ quan hoặc địa điểm."
            fix_url = url_for("conferences.edit", conference_id=conference.id)
            fix_label = "Sửa thông tin hội nghị"
        else:
            message = about + (
                ": hãy viết đủ lời dẫn."
                if written
                else ": hãy ghi người thực hiện để lời dẫn tự điền."
            )
            fix_url = _item_url(context, timed.entry)
            fix_label = f"Sửa mục {timed.number}"
        yield Problem(
            key="agenda.blank_mc",
            severity=BLOCK,
            part=PART,
            message=message,
            fix_url=fix_url,
            fix_label=fix_label,
            printouts=(SCRIPT,),
        )


# Items where a preset may leave a choice for the officer to make ("Phát biểu chỉ đạo của lãnh
# đạo cấp trên hoặc đồng chí Bí thư Đảng ủy"): someone speaks, reports or presents.
_SPEAKING_KINDS = ("phat_bieu_chi_dao", "bao_cao", "tham_luan", "phat_dong", "huong_ung")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
_CHOICE = re.compile(r"\shoặc\s", re.IGNORECASE)


def has_open_choice(text: str | None) -> bool:
    """ " hoặc " left in a printed text, outside quotation marks (a quoted name or title may
    well hold the word: “Sống hoặc chết”)."""
    return bool(text) and _CHOICE.search(_QUOTED.sub("", vn.nfc(text))) is not None


def open_choices(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: an unresolved choice left in the title or the performer of an item where someone
    speaks ("… của lãnh đạo cấp trên hoặc đồng chí Bí thư Đảng ủy"): the programme, the script
    and the signed plan would print both, like a blank, and the MC would invite both."""
    for number, entry in enumerate(_entries(context), start=1):
        if entry.kind not in _SPEAKING_KINDS:
            continue
        for label, text in (
            ("nội dung", entry.title),
            ("người thực hiện", entry.presenter),
            ("đơn vị thực hiện", entry.presenter_unit),
        ):
            if has_open_choice(text):
                yield Problem(
                    key="agenda.open_choice",
                    severity=BLOCK,
                    part=PART,
                    message=(
                        f"Mục {number} của chương trình còn để hai lựa chọn ở {label} "
                        f"(“{_short(text, 100)}”): hãy chọn người sẽ thực hiện."
                    ),
                    fix_url=_item_url(context, entry),
                    fix_label=f"Sửa mục {number}",
                    printouts=(PROGRAMME, SCRIPT, PLAN),
                )
                break  # one problem per item: the choice is made once


def _is_direction(line: str) -> bool:
    """A stage direction wholly in brackets is not read aloud (logic.default_mc_lines)."""
    text = line.strip()
    return text.startswith("(") and text.endswith(")")


register_check(PART, session_overrun)
register_check(PART, lunch_break)
register_check(PART, awards_in_programme)
register_check(PART, blanks)
register_check(PART, open_choices)
