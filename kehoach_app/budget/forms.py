"""Forms of the budget part: a line, the conference's budget settings, a norm profile, a norm.

The conference file is checked with these same forms (conference_file.py), so what the page
refuses is refused in a file too, with the same Vietnamese message.
"""

from __future__ import annotations

from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .. import vn
from ..conferences.vocab import BUDGET_CATEGORIES
from ..forms import BaseForm, Length, Required, VNDateField
from ..forms import _ParsedField as ParsedField
from . import logic


class MoneyField(ParsedField):
    """Whole đồng typed as "1.500.000", "1,500,000" or "1500000"; shown "1.500.000"."""

    parse = staticmethod(logic.parse_money)
    show = staticmethod(vn.format_number)


class AvailableMoneyField(MoneyField):
    """The money the funding source holds: its refusal names this field, not "Đơn giá"."""

    @staticmethod
    def parse(text: str) -> int:
        return logic.parse_money(text, "Số tiền có trong nguồn kinh phí")


class ChoiceField(SelectField):
    """A drop-down whose refusal of an unknown code is said in Vietnamese."""

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.iter_choices()}:
            raise ValidationError(f"“{self.data}” không thuộc danh sách cho phép.")


def _choices(vocabulary: dict[str, str], empty: str | None = None) -> list[SelectChoice]:
    first = [SelectChoice("", empty)] if empty is not None else []
    return first + [SelectChoice(code, text) for code, text in vocabulary.items()]


class BudgetLineForm(BaseForm):
    category = ChoiceField("Mục chi", choices=_choices(BUDGET_CATEGORIES))
    content = StringField("Nội dung", validators=[Required("Vui lòng nhập nội dung."), Length(500)])
    unit = StringField("Đơn vị tính", validators=[Length(60)])
    quantity = StringField("Số lượng", validators=[Required("Vui lòng nhập số lượng.")])
    unit_price = MoneyField("Đơn giá (đồng)", validators=[Required("Vui lòng nhập đơn giá.")])
    norm_code = StringField("Định mức áp dụng", validators=[Length(60)])
    notes = TextAreaField("Ghi chú", validators=[Length(2000)])
    version = HiddenField()

    quantity_milli: int | None = None

    def validate_quantity(self, field):
        if not field.data:
            return
        try:
            self.quantity_milli = logic.parse_quantity(field.data, self.unit.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def line_values(self) -> dict:
        return {
            "category": self.category.data,
            "content": self.content.data,
            "unit": self.unit.data or "",
            "quantity_milli": self.quantity_milli,
            "unit_price": self.unit_price.data,
            "norm_code": self.norm_code.data or "",
            "notes": self.notes.data or "",
        }


def parse_days(text: str) -> int:
    milli = logic.parse_quantity(text, "ngày")
    if milli > logic.MAX_DAYS_MILLI:
        raise ValueError("Số ngày họp tối đa là 30.")
    if milli == 0:
        raise ValueError("Số ngày họp phải lớn hơn 0, ví dụ 0,5 (một buổi) hoặc 1,5.")
    return milli


class DaysField(ParsedField):
    parse = staticmethod(parse_days)
    show = staticmethod(logic.format_quantity)


class BudgetSettingsForm(BaseForm):
    norm_profile_id = SelectField("Bộ định mức áp dụng", choices=[], validate_choice=False)
    days = DaysField("Số ngày họp (tính nước uống, tiền ăn)", validators=[Required()])
    meal_location = ChoiceField(
        "Hỗ trợ tiền ăn cho đại biểu không hưởng lương — nơi tổ chức cuộc họp",
        choices=_choices(logic.MEAL_LOCATIONS, empty="Không chi tiền ăn"),
        description=(
            "Theo Thông tư 40/2017/TT-BTC, Điều 12 khoản 4: mức khoán theo nơi tổ chức cuộc họp; "
            "cuộc họp do xã, phường, đặc khu tổ chức thì theo điểm c ở bất cứ đâu."
        ),
    )
    available_amount = AvailableMoneyField("Số tiền có trong nguồn kinh phí (đồng)")
    # the settings' version when the form was opened: a second tab is refused (issue 18)
    version = HiddenField()

    def validate_norm_profile_id(self, field):
        if field.data and field.data not in {c.value for c in self.norm_profile_id.iter_choices()}:
            raise ValidationError("Bộ định mức này không còn.")

    def settings_values(self) -> dict:
        return {
            "norm_profile_id": int(self.norm_profile_id.data)
            if self.norm_profile_id.data
            else None,
            "days_milli": self.days.data,
            "meal_location": self.meal_location.data or "",
            "available_amount": self.available_amount.data or 0,
        }


class NormAmountField(MoneyField):
    """A norm's cap: its refusal names "Mức chi tối đa", not "Đơn giá"."""

    @staticmethod
    def parse(text: str) -> int:
        return logic.parse_money(text, "Mức chi tối đa")


class NormProfileForm(BaseForm):
    name = StringField("Tên bộ định mức", validators=[Required("Vui lòng nhập tên."), Length(300)])
    kind = ChoiceField("Loại", choices=_choices(logic.PROFILE_KINDS))
    notes = TextAreaField("Ghi chú", validators=[Length(2000)])
    # The profile's document, entered once (issue 16): the estimate prints it as its basis only
    # when the number and date are there; never a placeholder.
    resolution_number = StringField(
        "Số nghị quyết / văn bản",
        validators=[Length(100)],
        description="Ví dụ: 12/2025/NQ-HĐND. Bỏ trống với định mức chung.",
    )
    resolution_date = VNDateField("Ngày ban hành")
    resolution_issuer = StringField(
        "Cơ quan ban hành",
        validators=[Length(300)],
        description="Ví dụ: Hội đồng nhân dân tỉnh Lào Cai.",
    )
    version = HiddenField()  # the profile's version when the form was opened (issue 18)

    def validate_resolution_number(self, field):
        if logic.has_gap(field.data or ""):
            raise ValidationError(
                "Số văn bản còn chỗ trống “…”: hãy ghi đủ số, hoặc bỏ trống nếu chưa có."
            )

    def validate_resolution_date(self, field):
        if (self.resolution_number.data or "").strip() and field.data is None:
            raise ValidationError("Vui lòng nhập ngày ban hành của văn bản.")

    def profile_values(self) -> dict:
        return {
            "name": self.name.data,
            "kind": self.kind.data,
            "notes": self.notes.data or "",
            "resolution_number": self.resolution_number.data or "",
            "resolution_date": self.resolution_date.data,
            "resolution_issuer": self.resolution_issuer.data or "",
        }


class NormForm(BaseForm):
    code = StringField(
        "Mã (ví dụ drinks, meal_xa)", validators=[Required("Vui lòng nhập mã."), Length(60)]
    )
    name = StringField("Tên định mức", validators=[Required("Vui lòng nhập tên."), Length(300)])
    category = ChoiceField("Mục chi", choices=_choices(BUDGET_CATEGORIES))
    unit = StringField("Đơn vị (ví dụ người/ngày)", validators=[Length(60)])
    amount = NormAmountField("Mức tối đa (đồng)", validators=[Required("Vui lòng nhập mức chi.")])
    effective_from = VNDateField("Hiệu lực từ ngày", validators=[Required()])
    effective_to = VNDateField("Hết hiệu lực (để trống nếu còn)")
    legal_basis = TextAreaField(
        "Căn cứ (văn bản, điều, khoản)",
        validators=[Required("Vui lòng nhập căn cứ."), Length(2000)],
    )
    version = HiddenField()  # the norm's version when the form was opened (issue 18)

    def validate_code(self, field):
        import re

        if field.data and not re.fullmatch(r"[a-z0-9_]+", field.data):
            raise ValidationError("Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới.")

    def validate_effective_to(self, field):
        if field.data and self.effective_from.data and field.data < self.effective_from.data:
            raise ValidationError("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")

    def norm_values(self) -> dict:
        return {
            name: getattr(self, name).data
            for name in (
                "code", "name", "category", "unit", "amount", "effective_from", "effective_to",
                "legal_basis",
            )
        } | {"unit": self.unit.data or ""}  # fmt: skip
