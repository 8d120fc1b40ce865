"""Forms of the delegates part: a delegate, a group (thành phần), and the shared rules.

The same DelegateForm checks what the officer types, every row of an Excel import and every
person of a conference file, so the three can never disagree.
"""

from __future__ import annotations

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .. import vn
from ..forms import BaseForm, Length, NumberRange, Required, VNDateField, VNIntegerField
from .logic import UNGROUPED, group_key, normalise_phone
from .models import HONORIFICS, REPLIES

MAX_RANK = 100_000
MAX_PLANNED = 10_000


class ChoiceField(SelectField):
    """A drop-down whose refusal of an unknown value is said in Vietnamese."""

    def pre_validate(self, form):
        if self.validate_choice and self.choices is not None:
            if not any(self.data == choice[0] for choice in self.iter_choices()):
                raise ValidationError(f"Hãy chọn {self.label.text.lower()} trong danh sách.")


def group_choices(groups) -> list[SelectChoice]:
    """The groups of a conference as choices, "Chưa phân nhóm" first (value "")."""
    return [SelectChoice("", UNGROUPED), *(SelectChoice(str(g.id), g.name) for g in groups)]


class DelegateForm(BaseForm):
    version = HiddenField()

    honorific = ChoiceField(
        "Danh xưng", choices=[SelectChoice(h, h) for h in HONORIFICS], default="Đồng chí"
    )
    full_name = StringField(
        "Họ và tên",
        validators=[Required("Vui lòng nhập họ và tên đại biểu."), Length(200)],
    )
    position = StringField("Chức vụ", validators=[Length(300)])
    unit = StringField("Đơn vị", validators=[Length(300)])
    group_id = ChoiceField("Thành phần", choices=[SelectChoice("", UNGROUPED)], default="")
    protocol_rank = VNIntegerField(
        "Thứ tự lễ tân",
        validators=[
            NumberRange(
                0,
                MAX_RANK,
                f"Thứ tự lễ tân là số từ 1 (người cao nhất) đến {vn.format_number(MAX_RANK)}; "
                "để trống hoặc 0 nếu không xếp.",
            )
        ],
        description="1 là người cao nhất; để trống nếu không xếp thứ tự.",
    )
    presidium = BooleanField("Ngồi Đoàn Chủ tịch")
    phone = StringField(
        "Điện thoại",
        validators=[Length(40)],
        description="Ví dụ: 0912 345 678 hoặc (028) 3822 1234.",
    )
    invitation_sent_on = VNDateField(
        "Ngày gửi giấy mời", description="Ngày/tháng/năm; để trống nếu chưa gửi."
    )
    reply = ChoiceField(
        "Phản hồi",
        choices=[SelectChoice(code, text) for code, text in REPLIES.items()],
        default="pending",
    )
    substitute_name = StringField(
        "Người dự thay",
        validators=[Length(200)],
        description="Bắt buộc khi phản hồi là “Cử người dự thay”.",
    )
    notes = TextAreaField("Ghi chú", validators=[Length(5_000)])

    def validate_full_name(self, field):
        if field.data and not any(ch.isalpha() for ch in field.data):
            raise ValidationError("Họ và tên phải có chữ cái.")

    def validate_phone(self, field):
        try:
            field.data = normalise_phone(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def validate_invitation_sent_on(self, field):
        if field.data and not (2000 <= field.data.year <= 2100):
            raise ValidationError("Ngày gửi giấy mời phải trong khoảng năm 2000 đến 2100.")

    def validate_substitute_name(self, field):
        if self.reply.data == "substitute" and not field.data:
            raise ValidationError("Vui lòng nhập họ tên người dự thay.")

    def delegate_values(self) -> dict:
        """The validated values, keyed like Delegate.FIELDS."""
        reply = self.reply.data
        return {
            "group_id": int(self.group_id.data) if self.group_id.data else None,
            "honorific": self.honorific.data,
            "full_name": self.full_name.data,
            "position": self.position.data or "",
            "unit": self.unit.data or "",
            "protocol_rank": self.protocol_rank.data or 0,
            "presidium": bool(self.presidium.data),
            "phone": self.phone.data or "",
            "invitation_sent_on": self.invitation_sent_on.data,
            "reply": reply,
            # A substitute's name only means something while the reply says so.
            "substitute_name": (self.substitute_name.data or "") if reply == "substitute" else "",
            "notes": self.notes.data or "",
        }


class GroupForm(BaseForm):
    """A group of delegates (thành phần) with its planned count; names are unique per conference."""

    version = HiddenField()
    name = TextAreaField(
        "Tên thành phần",
        validators=[Required("Vui lòng nhập tên thành phần."), Length(500)],
        description="Ví dụ: Lãnh đạo Ủy ban nhân dân; Đại diện tập thể, cá nhân được khen thưởng.",
    )
    planned = VNIntegerField(
        "Số dự kiến",
        validators=[
            NumberRange(
                0,
                MAX_PLANNED,
                f"Số dự kiến phải từ 0 đến {vn.format_number(MAX_PLANNED)}.",
            )
        ],
        description="Số đại biểu dự kiến mời trong thành phần này.",
    )
    notes = TextAreaField("Ghi chú", validators=[Length(5_000)])

    # Keys (logic.group_key) of the conference's other groups, set by the view.
    taken_names: frozenset[str] = frozenset()

    def validate_name(self, field):
        if "\n" in (field.data or ""):
            field.data = " ".join(field.data.split())
        if field.data and group_key(field.data) in self.taken_names:
            raise ValidationError("Hội nghị đã có thành phần tên này.")
        if field.data and group_key(field.data) == group_key(UNGROUPED):
            raise ValidationError("“Chưa phân nhóm” là tên dành riêng; hãy đặt tên khác.")

    def group_values(self) -> dict:
        return {
            "name": self.name.data,
            "planned": self.planned.data or 0,
            "notes": self.notes.data or "",
        }


class DelegateChecker:
    """DelegateForm's rules applied to many delegates' values (Excel rows, a conference file).

    One form is built and re-filled for each delegate: building a form per row would cost more
    than the checks themselves on a list of thousands.
    """

    def __init__(self, choices: list[SelectChoice]):
        self.form = DelegateForm(formdata=MultiDict(), meta={"csrf": False})
        self.form.group_id.choices = choices

    def check(self, formdata) -> tuple[dict | None, dict]:
        """(values, {}) when the values are good, else (None, {field name: [messages]}).

        `formdata` holds the values as text, as a browser would post them.
        """
        form = self.form
        form.process(formdata)
        if form.validate():
            return form.delegate_values(), {}
        return None, {name: [m for m in messages if m] for name, messages in form.errors.items()}


def field_label(name: str) -> str:
    """The Vietnamese label of a DelegateForm field."""
    return getattr(DelegateForm, name).args[0]
