"""Pre-signature checks of the conference's own facts: gaps "…" in the fields every signed
document prints, the plan's number, the signer, the ngày ký, one number on two plans, the
conference's date on a day off.

The conference's own fields are reported here only, once, with every printout they reach: the
plan's and the budget's rules skip a gap that comes from one of them (one fact, one problem).

Read only. The plan's texts (căn cứ, mục đích, closing, Nơi nhận, edited paragraphs) are checked
by plan/checks.py as the plan prints them.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import url_for
from sqlalchemy import select

from .. import vn
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from ..db import db
from .logic import (
    EXACT_DATE_PRINTOUTS,
    SIGNED_PRINTOUTS,
    earliest_possible_day,
    placeholder_gaps,
    planned_date_text,
    signing_year,
)
from .models import Conference

# The conference form's fields that print on the signed documents, with their labels.
PRINTED_FIELDS = (
    ("title", "Tên hội nghị"),
    ("parent_body", "Tên cơ quan chủ quản"),
    ("issuer", "Tên cơ quan ban hành"),
    ("place_name", "Địa danh"),
    ("venue", "Địa điểm"),
    ("venue_address", "Địa chỉ"),
    ("funding_source", "Nguồn kinh phí"),
    ("signer_authority", "Thẩm quyền ký (TM.)"),
    ("signer_deputy", "Ký thay (KT.)"),
    ("signer_title", "Chức vụ người ký"),
    ("signer_name", "Họ tên người ký"),
)


def _edit_url(context: CheckContext, field: str = "") -> str:
    url = url_for("conferences.edit", conference_id=context.conference.id)
    return f"{url}#{field}" if field else url


def placeholders_in_fields(context: CheckContext) -> Iterable[Problem]:
    """A "…" left in a field the signed documents print (a title "LẦN THỨ …", a funding source
    "năm …") would be signed as it is."""
    conference = context.conference
    for field, label in PRINTED_FIELDS:
        for gap in placeholder_gaps(getattr(conference, field) or ""):
            yield Problem(
                key="info.placeholder",
                severity=BLOCK,
                part="info",
                message=f"Ô “{label}” còn chỗ trống “…” chưa điền: “{gap.fragment}”.",
                fix_url=_edit_url(context, field),
                fix_label="Sửa thông tin hội nghị",
                printouts=SIGNED_PRINTOUTS,
            )


def number_and_signer(context: CheckContext) -> Iterable[Problem]:
    """The plan is issued with its number; a signed document names its signer and title."""
    conference = context.conference
    if not vn.clean_text(conference.doc_number or ""):
        yield Problem(
            key="info.doc_number_missing",
            severity=BLOCK,
            part="info",
            message="Kế hoạch chưa có số văn bản (Số: …/"
            f"{conference.doc_symbol}): hãy lấy số ở văn thư trước khi trình ký.",
            fix_url=_edit_url(context, "doc_number"),
            fix_label="Nhập số văn bản",
            printouts=("ke-hoach",),
        )
    for field, what in (("signer_name", "họ tên"), ("signer_title", "chức vụ")):
        if not vn.clean_text(getattr(conference, field) or ""):
            yield Problem(
                key=f"info.{field}_missing",
                severity=BLOCK,
                part="info",
                message=f"Chưa có {what} người ký: các văn bản trình ký in khối chữ ký thiếu "
                f"{what}.",
                fix_url=_edit_url(context, field),
                fix_label="Nhập người ký",
                printouts=SIGNED_PRINTOUTS,
            )


def signing_date(context: CheckContext) -> Iterable[Problem]:
    """Ngày ký: blank is allowed (the signer writes it by hand) but worth a look; after the
    conference it cannot be (a plan organises a conference still to come)."""
    conference = context.conference
    day = conference.signing_date
    if day is None:
        year = signing_year(conference.values())
        message = (
            f"Chưa có ngày ký: các văn bản trình ký in “ngày … tháng … năm {year}” để người ký "
            "điền tay."
        )
        if year < conference.date.year:
            # the year of the plan's first dated duty (conferences.logic.signing_year, issue 17)
            message = message[:-1] + (
                f" (năm ký trước hạn đầu tiên của Kế hoạch); nếu ký trong năm "
                f"{conference.date.year}, hãy nhập ngày ký."
            )
        elif conference.date.month == 1:
            # A January conference is often signed in the December before: the printed year
            # would then be wrong.
            message = message[:-1] + f"; nếu ký trong năm {year - 1}, hãy nhập ngày ký."
        yield Problem(
            key="info.signing_date_blank",
            severity=WARN,
            part="info",
            message=message,
            fix_url=_edit_url(context, "signing_date"),
            fix_label="Nhập ngày ký",
            printouts=SIGNED_PRINTOUTS,
        )
    elif day > conference.date:
        yield Problem(
            key="info.signing_date_after_conference",
            severity=BLOCK,
            part="info",
            message=(
                f"Ngày ký {vn.format_date_short(day)} sau ngày tổ chức "
                f"{vn.format_date_short(conference.date)}: văn bản phải ký trước hội nghị."
            ),
            fix_url=_edit_url(context, "signing_date"),
            fix_label="Sửa ngày ký",
            printouts=SIGNED_PRINTOUTS,
        )


def number_used_twice(context: CheckContext) -> Iterable[Problem]:
    """One number, one document (Nghị định 30/2020, Điều 15: numbers run from 01/01 to 31/12 for
    an issuing body): another plan of the same body, symbol and year with the same number.

    Within the set, only the plan carries the number (the giấy mời's is left for the văn thư,
    the fact sheet has none): tests/plan/test_signing_date_set.py guards that by printing them.
    """
    conference = context.conference
    number = vn.clean_text(conference.doc_number or "")
    if not number:
        return
    year = signing_year(conference.values())
    others = db.session.scalars(
        select(Conference).where(
            Conference.id != conference.id,
            Conference.deleted_at.is_(None),
            Conference.issuer == conference.issuer,
            Conference.doc_symbol == conference.doc_symbol,
        )
    )
    for other in others:
        if not other.doc_number or int(other.doc_number) != int(number):
            continue
        if signing_year(other.values()) != year:
            continue
        line = vn.document_number_line(number, conference.doc_symbol).removeprefix("Số: ")
        yield Problem(
            key="info.doc_number_used_twice",
            severity=BLOCK,
            part="info",
            message=(
                f"Số {line} năm {year} đã dùng cho kế hoạch “{other.title}”: hai văn bản "
                "không được mang cùng một số."
            ),
            fix_url=_edit_url(context, "doc_number"),
            fix_label="Sửa số văn bản",
            printouts=("ke-hoach",),
        )


def date_on_day_off(context: CheckContext) -> Iterable[Problem]:
    """WARN: the conference falls on a Saturday, a Sunday or a public holiday (the `holidays`
    package, country VN: Bộ luật Lao động 2019, Điều 111–112, and the yearly swaps it knows) —
    easily left there by Nhân bản, which keeps the day and month of last year's edition.

    A warning, not a block, holiday or not: a conference on a day off is lawful and sometimes
    meant (a ceremony held on the day it celebrates, a xã meeting on a Sunday so that people
    who work can come); the printouts are not wrong by themselves, and the check must not push
    the officer to "fix" a date he chose. It is worth a look because every document of the set
    prints that date."""
    try:
        from ..tasks.checks import calendar_of, days_off_url
        from ..tasks.logic import non_working_reason
    except ImportError:  # pragma: no cover - the tasks part is not in this build
        return
    if context.conference.date_kind != "exact":
        return  # the latest possible day is no day the conference is held on
    day = context.conference.date
    # The law's days off and the ones the officer added (a bridge day, a Saturday làm bù).
    reason = non_working_reason(day, calendar_of(context))
    if not reason:
        return
    weekday = vn.weekday_name(day)
    detail = weekday if reason == weekday else f"{weekday}, {reason}"
    yield Problem(
        key="info.date_day_off",
        severity=WARN,
        part="info",
        message=(
            f"Hội nghị tổ chức ngày {vn.format_date_short(day)}, là ngày nghỉ ({detail}): hãy "
            "kiểm tra lại ngày tổ chức (hội nghị nhân bản từ năm trước giữ ngày, tháng cũ)."
        ),
        fix_url=_edit_url(context, "date"),
        fix_label="Sửa ngày tổ chức",
        printouts=(*SIGNED_PRINTOUTS, "chuong-trinh"),
        more_url=days_off_url(context),
        more_label="Ngày nghỉ, ngày làm bù",
    )


# The printouts whose award texts name the issuer from the conference (awards/logic.form_title).
AWARD_PRINTOUTS = ("kich-ban-trao-thuong", "tien-thuong", "hien-vat-khen-thuong", "man-hinh-led")


def organiser_unit(context: CheckContext) -> Iterable[Problem]:
    """The organiser's province and unit from the official list (conferences/units.py).

    BLOCK: a xã-level conference without its province — its award texts would print "Bằng khen
    của Chủ tịch Ủy ban nhân dân tỉnh" with no name. WARN: a record older than the field whose
    unit is not chosen — the texts fall back to the catalogue's "cấp xã".
    """
    conference = context.conference
    if conference.level == "xa" and not conference.province:
        yield Problem(
            key="info.province_missing",
            severity=BLOCK,
            part="info",
            message="Chưa chọn tỉnh, thành phố của đơn vị tổ chức cấp xã: các văn bản khen "
            "thưởng không ghi được tên tỉnh của Bằng khen, Cờ thi đua cấp tỉnh.",
            fix_url=_edit_url(context, "province"),
            fix_label="Chọn tỉnh, thành phố",
            printouts=(*SIGNED_PRINTOUTS, *AWARD_PRINTOUTS, "chuong-trinh"),
        )
    elif conference.level in ("xa", "tinh") and not conference.unit_type:
        yield Problem(
            key="info.unit_missing",
            severity=WARN,
            part="info",
            message="Chưa chọn đơn vị tổ chức trong danh mục đơn vị hành chính: các văn bản "
            "khen thưởng ghi tên cơ quan ra quyết định theo danh mục chung (cấp xã, tỉnh).",
            fix_url=_edit_url(context, "unit_type"),
            fix_label="Chọn đơn vị tổ chức",
            printouts=AWARD_PRINTOUTS,
        )


def _waiting_documents() -> str:
    """ "giấy mời, nhãn phong bì, … và nội dung in băng rôn, phông": the printouts that wait for
    the day, named as the print centre names them (one list: EXACT_DATE_PRINTOUTS)."""
    from ..printout_registry import get_printout

    names = []
    for key in EXACT_DATE_PRINTOUTS:
        printout = get_printout(key)
        if printout is not None:
            names.append(printout.title[:1].lower() + printout.title[1:])
    if len(names) < 2:
        return "".join(names) or "các văn bản ghi ngày tổ chức"
    return f"{', '.join(names[:-1])} và {names[-1]}"


def date_not_fixed(context: CheckContext) -> Iterable[Problem]:
    """BLOCK for the printouts that print the day itself (EXACT_DATE_PRINTOUTS: the invitation,
    the programme, the print shop's sheet, …) while the day is not fixed ("cuối tháng
    02/2025", issue 17). Not for the plan: a
    plan is signed before the day is known (seeds 000–003). WARN for a day still "dự kiến"."""
    conference = context.conference
    values = conference.values()
    if conference.date_kind != "exact":
        yield Problem(
            key="info.date_not_fixed",
            severity=BLOCK,
            part="info",
            message=(
                f"Ngày tổ chức chưa chốt (“{planned_date_text(values, weekday=False)}”): "
                f"{_waiting_documents()} chưa in được — khi đã chốt, chọn “Ngày cụ thể” và "
                "nhập ngày tổ chức."
            ),
            fix_url=_edit_url(context, "date_kind"),
            fix_label="Nhập ngày tổ chức",
            printouts=EXACT_DATE_PRINTOUTS,
        )
    elif conference.date_tentative:
        yield Problem(
            key="info.date_tentative",
            severity=WARN,
            part="info",
            message=(
                f"Ngày tổ chức {vn.format_date_short(conference.date)} còn ghi “dự kiến”: giấy "
                "mời và chương trình in ngày này — bỏ dấu “Dự kiến” khi đã chốt."
            ),
            fix_url=_edit_url(context, "date_tentative"),
            fix_label="Sửa thời gian tổ chức",
            printouts=EXACT_DATE_PRINTOUTS,
        )


def deadline_in_window(context: CheckContext) -> Iterable[Problem]:
    """WARN, while the date is not exact, for a duty whose deadline — counted back from the
    latest possible day — falls inside the window of possible days (issue 17 walk): "trước 05
    ngày" of "cuối tháng 02/2027" is 23/02, which is after the meeting if it sits on the 21st.
    Counting from the latest day keeps the countdown honest for what follows the meeting but is
    too late for what must come before an early one (docs/planned-dates.md). Only deadlines the
    program computes (before the day, the month before); a fixed date is the officer's own, and
    a duty the plan gives no deadline (ongoing, done on the day) is left alone."""
    conference = context.conference
    if conference.date_kind == "exact" or conference.date is None:
        return
    from ..plan.logic import task_when
    from ..tasks.checks import _scheduled
    from ..tasks.logic import event_noun, shorten

    values = conference.values()
    earliest = earliest_possible_day(values)
    if earliest >= conference.date:
        return
    noun = event_noun(conference.kind)
    window = f"{vn.format_date_short(earliest)}–{vn.format_date_short(conference.date)}"
    for item in _scheduled(context):
        task, due = item.task, item.deadline.due
        if task.deadline_kind not in ("days_before", "month_before") or due is None:
            continue
        if due < earliest or not task_when(task, conference.date, noun):
            continue
        yield Problem(
            key="info.deadline_in_window",
            severity=WARN,
            part="info",
            message=(
                f"Thời hạn “{shorten(task.title)}” ({item.deadline.rule.lower()}, tính từ ngày "
                f"muộn nhất có thể: chậm nhất ngày {vn.format_date_short(due)}) có thể rơi sau "
                f"ngày tổ chức nếu {noun} họp sớm hơn ngày muộn nhất (có thể họp từ {window}); "
                "hãy chốt ngày hoặc ghi thời hạn theo ngày cụ thể."
            ),
            fix_url=url_for("tasks.edit", conference_id=conference.id, task_id=task.id),
            fix_label="Sửa thời hạn",
            printouts=("ke-hoach", "phan-cong-nhiem-vu", "tien-do-nhiem-vu", "danh-sach-nhiem-vu"),
            more_url=_edit_url(context, "date_kind"),
            more_label="Chốt ngày tổ chức",
        )


register_check("info", placeholders_in_fields)
register_check("info", date_not_fixed)
register_check("info", deadline_in_window)
register_check("info", organiser_unit)
register_check("info", number_and_signer)
register_check("info", signing_date)
register_check("info", number_used_twice)
register_check("info", date_on_day_off)
