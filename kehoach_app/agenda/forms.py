"""The programme item form: one set of rules for the page and for the conference file."""

from __future__ import annotations

from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..conferences.vocab import AGENDA_KINDS
from ..forms import BaseForm, Length, NumberRange, Required, VNIntegerField
from .logic import MAX_ITEM_MINUTES, parse_minutes

MINUTES_MESSAGE = (
    f"Thời lượng phải từ 1 đến {MAX_ITEM_MINUTES} phút (một mục dài nhất "
    f"{MAX_ITEM_MINUTES // 60} giờ)."
)

# Where a new item goes: at the end, at the top, or after a chosen item (its id).
AT_END = ""
AT_TOP = "0"


def _one_line(value):
    """A title is one line: line breaks typed into it become spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


class MinutesField(VNIntegerField):
    """A duration in minutes: "15", "15 phút", "1 giờ 30", "1h30" (logic.parse_minutes)."""

    parse = staticmethod(parse_minutes)


class AgendaItemForm(BaseForm):
    """One programme item. Used by the add and edit pages, and to check a file's items."""

    version = HiddenField()

    kind = SelectField(
        "Loại nội dung",
        choices=[SelectChoice(code, text) for code, text in AGENDA_KINDS.items()],
        validate_choice=False,  # checked by validate_kind, with a Vietnamese message
    )
    title = TextAreaField(
        "Nội dung",
        validators=[Required("Vui lòng nhập nội dung của mục."), Length(2000)],
        filters=[_one_line],
        description="Ví dụ: Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026.",
    )
    presenter = StringField(
        "Người thực hiện",
        validators=[Length(300)],
        description="Họ tên, chức vụ người trình bày, biểu diễn (có thể để trống).",
    )
    presenter_unit = StringField(
        "Đơn vị thực hiện",
        validators=[Length(300)],
        description="Cơ quan, đơn vị trình bày hoặc biểu diễn.",
    )
    minutes = MinutesField(
        "Thời lượng (phút)",
        validators=[
            Required("Vui lòng nhập thời lượng (số phút), ví dụ 15."),
            NumberRange(1, MAX_ITEM_MINUTES, MINUTES_MESSAGE),
        ],
        description="Ví dụ: 15 hoặc 1 giờ 30.",
    )
    mc_text = TextAreaField(
        "Lời dẫn của người dẫn chương trình",
        validators=[Length(10_000)],
        description="Để trống để dùng lời dẫn mặc định (soạn sẵn theo loại nội dung).",
    )
    notes = TextAreaField("Ghi chú", validators=[Length(5_000)])
    plan_note = TextAreaField(
        "Yêu cầu nêu trong Kế hoạch",
        validators=[Length(2000)],
        filters=[_one_line],
        description=(
            "Chỉ in trong Kế hoạch, sau mục này (ví dụ: báo cáo phải nêu được những gì); không "
            "in trong chương trình, kịch bản điều hành. Viết trong ngoặc đơn để in liền sau nội "
            "dung (khi mục có người trình bày, in thành câu tiếp theo), hoặc viết thành câu để "
            "in thành câu tiếp theo."
        ),
    )

    def validate_kind(self, field):
        if field.data not in AGENDA_KINDS:
            raise ValidationError("Loại nội dung không hợp lệ: hãy chọn một loại trong danh sách.")

    def item_values(self) -> dict:
        """The validated values, keyed like AgendaItem.FIELDS."""
        return {
            "kind": self.kind.data,
            "title": self.title.data,
            "presenter": self.presenter.data or "",
            "presenter_unit": self.presenter_unit.data or "",
            "minutes": self.minutes.data,
            "mc_text": self.mc_text.data or "",
            "notes": self.notes.data or "",
            "plan_note": self.plan_note.data or "",
        }


class NewAgendaItemForm(AgendaItemForm):
    """The add form on the programme page: also where the new item goes."""

    after = SelectField("Vị trí", validate_choice=False, default=AT_END)

    def set_positions(self, choices: list[tuple[str, str]]) -> None:
        """`choices`: (item id, "Sau mục 3: …") for every current item, in order."""
        self.after.choices = [
            SelectChoice(AT_END, "Cuối chương trình"),
            SelectChoice(AT_TOP, "Đầu chương trình"),
            *(SelectChoice(value, text) for value, text in choices),
        ]

    def validate_after(self, field):
        known = {choice.value for choice in field.choices or []}
        if (field.data or AT_END) not in known:
            raise ValidationError(
                "Mục được chọn làm vị trí không còn trong chương trình; hãy chọn lại."
            )
