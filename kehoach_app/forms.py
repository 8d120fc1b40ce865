"""Form machinery shared by every part: NFC-cleaned text, Vietnamese date/time/number fields.

Every text a form accepts is stripped of control characters, NFC-normalised and trimmed before
validation (vn.clean_text), like Indico's IndicoForm; every message is Vietnamese. A character
the printouts' fonts cannot draw (an emoji) is refused with a message naming it (glyphs.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import TextInput

from . import glyphs, vn

# Control characters (issue 18): NUL, Word's soft line break (vertical tab, pasted from a
# document) and the rest of C0 and C1 cannot be stored in an .xlsx (openpyxl refuses them:
# IllegalCharacterError) nor in a .docx, and mean nothing in a name. Tab, line feed and
# carriage return are text; the line-like ones (\v, \f, U+2028/2029, NEL) become a line break
# in a multi-line field and a space in a one-line field; every other one is removed.
_LINE_LIKE = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ONE_LINE_BREAKS = re.compile("[\r\n]+")


def strip_control_characters(text: str, multiline: bool = True) -> str:
    """`text` without control characters; line-like ones become "\n" (or " " on one line)."""
    if text.isprintable() and (multiline or "\n" not in text and "\r" not in text):
        return text  # the common case, quickly: nothing to remove
    text = _CONTROL.sub("", _LINE_LIKE.sub("\n", text))
    return text if multiline else _ONE_LINE_BREAKS.sub(" ", text)


def clean_value(value: Any, multiline: bool = True) -> Any:
    """Control characters out of every string of a parsed file (JSON, form data), recursively."""
    if isinstance(value, str):
        return strip_control_characters(value, multiline)
    if isinstance(value, list):
        return [clean_value(item, multiline) for item in value]
    if isinstance(value, dict):
        return {key: clean_value(item, multiline) for key, item in value.items()}
    return value


def clean_form_data(form):
    """The posted fields without control characters, or None when there were none.

    Run on every request (__init__) so that the pages that read request.form directly, not
    through a form class, are covered too; the form classes then apply the one-line rule.
    """
    from werkzeug.datastructures import ImmutableMultiDict

    items = list(form.items(multi=True))
    cleaned = [(key, strip_control_characters(value)) for key, value in items]
    return ImmutableMultiDict(cleaned) if cleaned != items else None


def typed_line(value: str | None, limit: int, label: str) -> tuple[str, str]:
    """One line of text read without a form class (a JSON endpoint, a page reading request.form
    directly): the rules the form classes apply — control characters out, line-like characters
    (U+2028, \\v) and line breaks a space, NFC, trimmed — then the length (refused, never cut
    silently) and the glyph rule (glyphs.py). Returns (text, "") or (text, the message)."""
    text = vn.clean_text(strip_control_characters(value or "", multiline=False))
    if len(text) > limit:
        return text, (
            f"{label}: tối đa {vn.format_number(limit)} ký tự (đã nhập "
            f"{vn.format_number(len(text))}); hãy viết gọn lại."
        )
    missing = glyphs.undrawable(text)
    if missing:
        return text, f"{label}: {glyphs.message(missing)}"
    return text, ""


def _clean(value):
    return vn.clean_text(strip_control_characters(value)) if isinstance(value, str) else value


def _clean_one_line(value):
    if isinstance(value, str):
        return vn.clean_text(strip_control_characters(value, multiline=False))
    return value


def _is_multiline(unbound_field) -> bool:
    return issubclass(unbound_field.field_class, TextAreaField)


def _is_printed_text(field) -> bool:
    """A text the officer typed and the printouts may show (not a token or a password)."""
    return isinstance(field, StringField) and not isinstance(field, (HiddenField, PasswordField))


class BaseForm(FlaskForm):
    """Adds control-character removal, NFC + trimming to every field, Vietnamese messages for
    the built-in checks, and refuses characters the printouts cannot draw."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", ()))
            filters.insert(0, _clean if _is_multiline(unbound_field) else _clean_one_line)
            bound = unbound_field.bind(form=form, filters=filters, **options)
            return bound

        locales = ("vi_VN", "vi")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if _is_printed_text(field) and isinstance(field.data, str):
                missing = glyphs.undrawable(field.data)
                if missing:
                    field.errors = [*field.errors, glyphs.message(missing)]
                    valid = False
        return valid


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
    """A whole number typed the Vietnamese way ("1.500") or plainly ("1500"). `kind` ("count",
    "money", "year": vn.NUMBER_EXAMPLES) picks the example its refusal gives; most boxes hold a
    count (delegates, seats, days), so a sum of money says kind="money"."""

    def __init__(self, *args, kind: str = "count", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def parse(self, text: str) -> int:
        return vn.parse_integer(text, self.kind)


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
    "clean_value",
    "strip_control_characters",
    "Length",
    "NumberRange",
    "Required",
    "StringField",
    "VNDateField",
    "VNIntegerField",
    "VNSelectField",
    "VNTimeField",
]
