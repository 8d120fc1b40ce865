"""Form machinery shared by every part: NFC-cleaned text, Vietnamese date/time/number fields.

Every text a form accepts is NFC-normalised and trimmed before validation (vn.clean_text), like
Indico's IndicoForm; every message is Vietnamese.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, SelectField, StringField
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import TextInput

from . import vn


def _clean(value):
    return vn.clean_text(value) if isinstance(value, str) else value


class BaseForm(FlaskForm):
    """Adds NFC + trimming to every field, and Vietnamese messages for the built-in checks."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", ()))
            filters.insert(0, _clean)
            bound = unbound_field.bind(form=form, filters=filters, **options)
            return bound

        locales = ("vi_VN", "vi")


class _ParsedField(Field):
    """A text box whose text is parsed by a vn.py function; its ValueError is the message.

    What the user typed is shown back unchanged when the form is refused.
    """

    widget = TextInput()
    parse: Callable[[str], Any]  # each subclass names its vn.py parser

    @staticmethod
    def show(value) -> str:
        return str(value)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.show(self.data) if self.data is not None else ""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not (valuelist[0] or "").strip():
            return
        try:
            self.data = self.parse(valuelist[0])
        except ValueError as error:
            raise ValueError(str(error)) from None


class VNDateField(_ParsedField):
    """A date typed as dd/mm/yyyy (yyyy-mm-dd is accepted too).

    A plain text box, not the browser's date picker: the picker shows the order of the Windows
    locale (mm/dd/yyyy on an English system), which officers misread; dd/mm/yyyy never changes.
    """

    parse = staticmethod(vn.parse_date)
    show = staticmethod(vn.format_date_short)


class VNTimeField(_ParsedField):
    """A time of day typed as 07:30, 7h30 or '7 giờ 30'."""

    parse = staticmethod(vn.parse_time)
    show = staticmethod(vn.format_time_short)


class VNIntegerField(_ParsedField):
    """A whole number typed the Vietnamese way ("1.500") or plainly ("1500")."""

    parse = staticmethod(vn.parse_integer)


class VNSelectField(SelectField):
    """A drop-down whose refusal of an unknown value is said in Vietnamese."""

    def pre_validate(self, form):
        allowed = {c[0] if isinstance(c, tuple) else c.value for c in self.choices or ()}
        if self.data not in allowed:
            raise ValidationError("Lựa chọn không hợp lệ — hãy chọn một mục trong danh sách.")


class Required:
    """DataRequired with a Vietnamese message that names the field."""

    field_flags = {"required": True}

    def __init__(self, message: str | None = None):
        self.message = message

    def __call__(self, form, field):
        if field.data is None or (isinstance(field.data, str) and not field.data.strip()):
            if field.process_errors:  # a parse error already says what is wrong
                raise StopValidation()
            raise ValidationError(self.message or f"Vui lòng nhập {field.label.text.lower()}.")


class Length:
    def __init__(self, max: int):
        self.max = max

    def __call__(self, form, field):
        if field.data and len(field.data) > self.max:
            raise ValidationError(
                f"Quá dài: tối đa {self.max} ký tự (đang có {len(field.data)} ký tự)."
            )


class NumberRange:
    def __init__(self, min: int, max: int, message: str | None = None):
        self.min, self.max, self.message = min, max, message

    def __call__(self, form, field):
        if field.data is None:
            return
        if not (self.min <= field.data <= self.max):
            raise ValidationError(
                self.message
                or f"Phải từ {vn.format_number(self.min)} đến {vn.format_number(self.max)}."
            )


__all__ = [
    "BaseForm",
    "Length",
    "NumberRange",
    "Required",
    "StringField",
    "VNDateField",
    "VNIntegerField",
    "VNSelectField",
    "VNTimeField",
]
