"""Forms of the decoration part: one checklist item, and the backdrop's size and texts.

The conference file is checked with these same forms (operations.validate_part), so a value the
page refuses is refused in a file too, with the same Vietnamese message.
"""

from __future__ import annotations

import re

from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .. import vn
from ..conferences.vocab import DECOR_AREAS
from ..forms import BaseForm, Length, NumberRange, Required, VNIntegerField
from ..forms import _ParsedField as ParsedField
from .logic import DEFAULT_DAYS_BEFORE, STATUSES, TEXT_FROM_TITLE_BLOCK, TEXT_FROM_WELCOME_BANNER

MAX_QUANTITY = 100_000
MAX_DAYS_BEFORE = 365
MAX_UNIT_COST = 10**12  # đồng; the file's schema has the same cap
BACKDROP_WIDTH_M = (2, 50)  # the database allows up to 50 m; below 2 m it is not a backdrop
BACKDROP_HEIGHT_M = (1, 20)

_DECIMAL = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$")


def parse_metres(text: str) -> float:
    """A length in metres typed as '12', '12,5' or '12.5' (a trailing 'm' is allowed)."""
    raw = vn.clean_text(text)
    value = raw.lower().removesuffix("m").strip()
    if not _DECIMAL.match(value):
        raise ValueError(f"“{raw}” không phải là số mét: hãy nhập ví dụ 12 hoặc 4,5.")
    return round(float(value.replace(",", ".")), 2)


class MetresField(ParsedField):
    """A length in metres, shown with a decimal comma ("4,5")."""

    parse = staticmethod(parse_metres)

    @staticmethod
    def show(value) -> str:
        return vn.format_decimal(value)


def _choices(vocabulary: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(code, text) for code, text in vocabulary.items()]


class ChoiceField(SelectField):
    """A drop-down whose refusal of an unknown code is said in Vietnamese."""

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.iter_choices()}:
            raise ValidationError(f"“{self.data}” không thuộc danh sách cho phép.")


class DecorItemForm(BaseForm):
    version = HiddenField()

    area = ChoiceField("Khu vực", choices=_choices(DECOR_AREAS))
    item = StringField(
        "Hạng mục",
        validators=[Required("Vui lòng nhập tên hạng mục, ví dụ: Quốc kỳ."), Length(300)],
    )
    quantity = VNIntegerField(
        "Số lượng",
        validators=[
            Required("Vui lòng nhập số lượng (0 nếu chưa rõ)."),
            NumberRange(
                0,
                MAX_QUANTITY,
                f"Số lượng phải từ 0 đến {vn.format_number(MAX_QUANTITY)} (không được âm).",
            ),
        ],
    )
    unit = StringField("Đơn vị tính", validators=[Length(50)], description="Ví dụ: lá, chậu, tấm.")
    placement = TextAreaField(
        "Vị trí, cách đặt",
        validators=[Length(5000)],
        description="Ghi rõ quy định đặt, treo, ví dụ: treo phía trái sân khấu (nhìn từ phía "
        "dưới lên).",
    )
    text = TextAreaField(
        "Nội dung in trên hạng mục",
        validators=[Length(5000)],
        description=f"Để trống nếu không có chữ. “{TEXT_FROM_TITLE_BLOCK}” hoặc "
        f"“{TEXT_FROM_WELCOME_BANNER}”: lấy chữ từ trang Phông sân khấu.",
    )
    responsible = StringField("Người, đơn vị thực hiện", validators=[Length(300)])
    days_before = VNIntegerField(
        "Làm xong trước ngày tổ chức (ngày)",
        validators=[
            NumberRange(
                0,
                MAX_DAYS_BEFORE,
                f"Số ngày phải từ 0 đến {MAX_DAYS_BEFORE} (không được âm; 0 là ngay ngày tổ chức).",
            )
        ],
        description="Mặc định 01 ngày (trang trí xong trước 01 ngày).",
    )
    status = ChoiceField("Tình trạng", choices=_choices(STATUSES))
    unit_cost = VNIntegerField(
        "Đơn giá dự kiến (đồng)",
        kind="money",
        validators=[
            NumberRange(
                0,
                MAX_UNIT_COST,
                "Đơn giá phải từ 0 đồng trở lên (không được âm).",
            )
        ],
        description="Số nguyên, ví dụ 1.500.000; để trống nếu chưa có.",
    )
    notes = TextAreaField("Ghi chú", validators=[Length(5000)])

    def item_values(self) -> dict:
        """The validated values, keyed like DecorItem's columns (blanks get their defaults)."""
        return {
            "area": self.area.data,
            "item": self.item.data,
            "quantity": self.quantity.data,
            "unit": self.unit.data or "",
            "placement": self.placement.data or "",
            "text": self.text.data or "",
            "responsible": self.responsible.data or "",
            "days_before": (
                DEFAULT_DAYS_BEFORE if self.days_before.data is None else self.days_before.data
            ),
            "status": self.status.data,
            "unit_cost": self.unit_cost.data or 0,
            "notes": self.notes.data or "",
        }


class BackdropForm(BaseForm):
    version = HiddenField()

    width_m = MetresField(
        "Chiều rộng phông (m)",
        validators=[
            Required("Vui lòng nhập chiều rộng phông (mét), ví dụ 12."),
            NumberRange(
                *BACKDROP_WIDTH_M,
                f"Chiều rộng phông phải từ {BACKDROP_WIDTH_M[0]} đến {BACKDROP_WIDTH_M[1]} m.",
            ),
        ],
    )
    height_m = MetresField(
        "Chiều cao phông (m)",
        validators=[
            Required("Vui lòng nhập chiều cao phông (mét), ví dụ 5."),
            NumberRange(
                *BACKDROP_HEIGHT_M,
                f"Chiều cao phông phải từ {BACKDROP_HEIGHT_M[0]} đến {BACKDROP_HEIGHT_M[1]} m.",
            ),
        ],
    )
    title_block = TextAreaField(
        "Tiêu đề trên phông",
        validators=[Length(5000)],
        description="Mỗi dòng in một dòng. Để trống để tạo lại từ thông tin hội nghị.",
    )
    welcome_banner = TextAreaField(
        "Băng chào mừng (băng khẩu hiệu)",
        validators=[Length(5000)],
        description="In chữ hoa trên băng; xuống dòng nếu muốn tự ngắt dòng.",
    )

    def validate_height_m(self, field):
        if self.width_m.data and field.data and field.data > self.width_m.data * 2:
            raise ValidationError(
                "Phông cao hơn gấp đôi chiều rộng — kiểm tra lại (có thể nhập nhầm hai ô)."
            )

    def backdrop_values(self) -> dict:
        return {
            "width_m": self.width_m.data,
            "height_m": self.height_m.data,
            "title_block": self.title_block.data or "",
            "welcome_banner": self.welcome_banner.data or "",
        }
