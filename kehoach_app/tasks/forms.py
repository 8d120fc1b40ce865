"""The task form, and the same rules applied to the tasks of a conference file.

Refused, with a Vietnamese message on the field: an empty title or lead unit; a relative deadline
after the conference (a negative number of days) or more than 365 days before it; a fixed date
that is not a date ("31/02/2027", "abc"); the lead unit listed again as a supporting unit.

A fixed date *after* the conference day is a warning, not a refusal: some tasks are rightly done
afterwards (quyết toán kinh phí, đưa tin sau Hội nghị — seed 000 "trước, trong và sau Hội nghị").
The first save is stopped with the warning and a box to tick; ticked, it is saved and the list
marks the task "Sau Hội nghị". The conference file cannot know the conference's date while its
tasks are checked, and moving the conference earlier may put a saved date after it, so neither
the file nor a later edit of the conference refuses such a date.
"""

from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .. import vn
from ..forms import BaseForm, Length, Required, StringField, VNDateField, VNIntegerField
from ..transfer import ConferenceFileError
from .logic import (
    DEADLINE_WORDS,
    EXTRA_DAY_KINDS,
    MAX_DAYS_BEFORE,
    STATUS_LABELS,
    ExtraDay,
    TaskData,
    extra_day_problem,
    support_list,
    unit_key,
    words_fit,
)

DEADLINE_CHOICES = {
    "days_before": "Trước ngày tổ chức",
    "month_before": "Trong tháng trước tháng tổ chức",
    "fixed": "Ngày cố định",
    "none": "Không có thời hạn",
}

MAX_SUPPORT_UNITS = 50
UNIT_LENGTH = 300


class TaskForm(BaseForm):
    """One task. `event_day` (the conference's date) enables the after-the-day warning;
    `accepted_late` is a saved fixed date the officer already confirmed."""

    version = HiddenField()
    fingerprint = HiddenField()
    title = TextAreaField(
        "Nội dung công việc",
        validators=[Required("Vui lòng nhập nội dung công việc."), Length(1000)],
    )
    lead_unit = StringField(
        "Đơn vị chủ trì",
        validators=[Required("Vui lòng nhập đơn vị chủ trì."), Length(UNIT_LENGTH)],
    )
    support_units = TextAreaField(
        "Đơn vị phối hợp",
        description="Mỗi đơn vị một dòng; để trống nếu không có.",
    )
    deadline_kind = RadioField(
        "Thời hạn",
        choices=[SelectChoice(code, text) for code, text in DEADLINE_CHOICES.items()],
        default="days_before",
        validate_choice=False,  # an unknown code gets the Vietnamese message below
    )
    days_before = VNIntegerField("Số ngày trước ngày tổ chức")
    deadline_date = VNDateField("Ngày hoàn thành")
    # How the plan words the deadline (issue 17): seed 001's "trước ngày 10/01/2025", "chậm
    # nhất vào ngày 15/01/2025", "trước ngày tổ chức Hội nghị ít nhất 15 ngày".
    deadline_words = SelectField(
        "Cách ghi thời hạn trong Kế hoạch",
        choices=[SelectChoice(code, label) for code, (label, _kind) in DEADLINE_WORDS.items()],
        default="",
        validate_choice=False,  # an unknown code gets the Vietnamese message below
        description="“Trước ngày …”: nhập ngày ghi trong câu (ví dụ 10/01/2025); hạn cuối là "
        "ngày trước đó (09/01/2025).",
    )
    confirm_late = BooleanField("Đúng, việc này hoàn thành sau ngày tổ chức")
    status = SelectField(
        "Tình trạng",
        choices=[SelectChoice(code, text) for code, text in STATUS_LABELS.items()],
        default="todo",
        validate_choice=False,
    )
    notes = TextAreaField("Ghi chú", validators=[Length(5000)])

    def __init__(self, *args, event_day: dt.date | None = None, event: str = "Hội nghị", **kw):
        super().__init__(*args, **kw)
        self.event_day = event_day
        self.event = event
        self.accepted_late: dt.date | None = None
        self.late_warning = False

    def validate(self, extra_validators=None) -> bool:
        # Only the box of the chosen kind counts: what is left in the other one is not checked
        # (and not saved), so a stray "abc" in the date box never blocks a "trước 05 ngày" task.
        kind = self.deadline_kind.data
        if kind != "days_before":
            self.days_before.process_errors = []
            self.days_before.data = None
        if kind != "fixed":
            self.deadline_date.process_errors = []
            self.deadline_date.data = None
        return super().validate(extra_validators)

    def validate_deadline_kind(self, field):
        if field.data not in DEADLINE_CHOICES:
            raise ValidationError("Hãy chọn một loại thời hạn.")

    def validate_deadline_words(self, field):
        field.data = field.data or ""
        if field.data not in DEADLINE_WORDS:
            raise ValidationError("Cách ghi thời hạn không hợp lệ — hãy chọn trong danh sách.")
        if not words_fit(self.deadline_kind.data, field.data):
            kind = DEADLINE_WORDS[field.data][1]
            raise ValidationError(
                f"Cách ghi {DEADLINE_WORDS[field.data][0]} chỉ dùng với thời hạn "
                f"“{DEADLINE_CHOICES[kind]}”."
            )

    def validate_status(self, field):
        if field.data not in STATUS_LABELS:
            raise ValidationError("Tình trạng không hợp lệ.")

    def validate_days_before(self, field):
        if self.deadline_kind.data != "days_before" or field.process_errors:
            return
        if field.data is None:
            raise ValidationError(
                "Vui lòng nhập số ngày trước ngày tổ chức (0 là trong ngày tổ chức)."
            )
        if field.data < 0:
            raise ValidationError(
                f"Số ngày không được âm: thời hạn phải trước hoặc đúng ngày tổ chức "
                f"{self.event}. Việc làm sau {self.event} hãy chọn “Ngày cố định”."
            )
        if field.data > MAX_DAYS_BEFORE:
            raise ValidationError(
                f"Số ngày trước ngày tổ chức tối đa là {MAX_DAYS_BEFORE} (một năm); "
                f"đang nhập {vn.format_number(field.data)}."
            )

    def validate_deadline_date(self, field):
        if self.deadline_kind.data != "fixed" or field.process_errors:
            return
        if field.data is None:
            raise ValidationError("Vui lòng nhập ngày hoàn thành (ngày/tháng/năm).")
        if not (2000 <= field.data.year <= 2100):
            raise ValidationError("Ngày hoàn thành phải trong khoảng năm 2000 đến 2100.")
        late = self.event_day is not None and field.data > self.event_day
        if late and not self.confirm_late.data and field.data != self.accepted_late:
            self.late_warning = True
            raise ValidationError(
                f"Ngày {vn.format_date_short(field.data)} sau ngày tổ chức {self.event} "
                f"({vn.format_date_short(self.event_day)}). Nếu đúng là việc làm sau "
                f"{self.event}, hãy đánh dấu ô xác nhận bên dưới rồi lưu lại; nếu không, sửa "
                "lại ngày."
            )

    def validate_support_units(self, field):
        units = support_list(field.data or "")
        if len(units) > MAX_SUPPORT_UNITS:
            raise ValidationError(f"Tối đa {MAX_SUPPORT_UNITS} đơn vị phối hợp.")
        for unit in units:
            if len(unit) > UNIT_LENGTH:
                raise ValidationError(
                    f"Tên đơn vị phối hợp quá dài: tối đa {UNIT_LENGTH} ký tự (“{unit[:40]}…”)."
                )
        lead = self.lead_unit.data or ""
        if lead and any(unit_key(unit) == unit_key(lead) for unit in units):
            raise ValidationError(
                "Đơn vị chủ trì không ghi lại ở ô đơn vị phối hợp — hãy bỏ dòng đó."
            )

    def task_values(self) -> dict:
        """The validated values, keyed like Task.FIELDS (support units one a line)."""
        kind = self.deadline_kind.data
        return {
            "title": self.title.data,
            "lead_unit": self.lead_unit.data,
            "support_units": "\n".join(support_list(self.support_units.data or "")),
            "deadline_kind": kind,
            "days_before": self.days_before.data if kind == "days_before" else None,
            "deadline_date": self.deadline_date.data if kind == "fixed" else None,
            "deadline_words": self.deadline_words.data or "",
            "status": self.status.data,
            "notes": self.notes.data or "",
        }


def form_data_of(values: dict) -> dict:
    """A conference file's task item as the text a person would have typed in the form."""
    support = values.get("support_units") or ""
    if not isinstance(support, str):
        support = "\n".join(support)
    date = values.get("deadline_date")
    if isinstance(date, dt.date):
        date = vn.format_date_short(date)
    days = values.get("days_before")
    return {
        "title": values.get("title") or "",
        "lead_unit": values.get("lead_unit") or "",
        "support_units": support,
        "deadline_kind": values.get("deadline_kind") or "none",
        "days_before": "" if days is None else str(days),
        "deadline_date": date or "",
        "deadline_words": values.get("deadline_words") or "",
        "status": values.get("status") or "todo",
        "notes": values.get("notes") or "",
    }


def check_file_items(items: list) -> list[TaskData]:
    """The conference file's tasks checked by the form's own rules (the JSON Schema has checked
    the shape); every problem named by the task's number. Raises ConferenceFileError."""
    messages: list[str] = []
    checked: list[TaskData] = []
    for number, item in enumerate(items, start=1):
        form = TaskForm(formdata=MultiDict(form_data_of(item)), meta={"csrf": False})
        if not form.validate():
            for name, errors in form.errors.items():
                label = getattr(form, name).label.text
                messages.extend(f"Nhiệm vụ {number} ({label}): {e}" for e in errors if e)
            continue
        values = form.task_values()
        checked.append(
            TaskData(
                title=values["title"],
                lead_unit=values["lead_unit"],
                support_units=support_list(values["support_units"]),
                deadline_kind=values["deadline_kind"],
                days_before=values["days_before"],
                deadline_date=values["deadline_date"],
                status=values["status"],
                notes=values["notes"],
                position=number,
                deadline_words=values["deadline_words"],
            )
        )
    if messages:
        raise ConferenceFileError(messages)
    return checked


class CalendarDayForm(BaseForm):
    """A day the officer adds to the working-day calendar (tasks/logic.ExtraDay). `others` are
    the days already stored, `editing` the id of the one being edited: a date is listed once."""

    version = HiddenField()
    day = VNDateField(
        "Ngày",
        validators=[Required("Vui lòng nhập ngày (ngày/tháng/năm, ví dụ 03/9/2027).")],
    )
    kind = RadioField(
        "Loại ngày",
        choices=[
            SelectChoice("off", "Nghỉ — ngày nghỉ thêm theo thông báo (không làm việc)"),
            SelectChoice("work", "Làm bù — thứ Bảy hoặc Chủ nhật đi làm bù (là ngày làm việc)"),
        ],
        default="off",
        validate_choice=False,  # an unknown code gets the Vietnamese message below
    )
    reason = StringField(
        "Lý do",
        validators=[
            Required("Vui lòng nhập lý do, ví dụ “Nghỉ bù dịp Quốc khánh”."),
            Length(300),
        ],
    )
    basis = StringField(
        "Căn cứ",
        description="Văn bản thông báo, nếu có: “Thông báo số …/TB-BNV ngày …”.",
        validators=[Length(300)],
    )

    def __init__(self, *args, others: list[ExtraDay] = (), editing: int | None = None, **kw):
        super().__init__(*args, **kw)
        self.others = list(others)
        self.editing = editing

    def validate_kind(self, field):
        if field.data not in EXTRA_DAY_KINDS:
            raise ValidationError("Hãy chọn loại ngày: Nghỉ hoặc Làm bù.")

    def validate_day(self, field):
        if field.data is None:
            return
        if not (2000 <= field.data.year <= 2100):
            raise ValidationError("Ngày phải trong khoảng năm 2000 đến 2100.")
        if self.kind.data not in EXTRA_DAY_KINDS:
            return
        problem = extra_day_problem(field.data, self.kind.data, self.others, self.editing)
        if problem:
            raise ValidationError(problem)

    def values(self) -> dict:
        """The validated values, keyed like the CalendarDay columns."""
        return {
            "day": self.day.data,
            "kind": self.kind.data,
            "reason": self.reason.data,
            "basis": self.basis.data or "",
        }
