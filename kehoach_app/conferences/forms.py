"""The conference form: each field with a Vietnamese label, a preset default, a clear message."""

from __future__ import annotations

import re

from wtforms import HiddenField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .. import vn
from ..forms import (
    BaseForm,
    Length,
    NumberRange,
    Required,
    VNDateField,
    VNIntegerField,
    VNSelectField,
    VNTimeField,
)
from .vocab import KINDS, LENGTHS, LEVELS

# Ký hiệu văn bản (Nghị định 30/2020, Phụ lục VI): upper-case letters and digits joined by "-",
# e.g. KH-UBND, KH-SNV, KH-HĐTĐKT.
_SYMBOL = re.compile(r"^[A-ZĐ0-9]+(?:[-.][A-ZĐ0-9]+)*$")
_DOC_NUMBER = re.compile(r"^\d{1,6}$")

MAX_DELEGATES = 10_000


def _choices(vocabulary: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(code, text) for code, text in vocabulary.items()]


class ConferenceForm(BaseForm):
    preset_key = HiddenField()
    version = HiddenField()

    kind = VNSelectField("Loại hội nghị", choices=_choices(KINDS))
    level = VNSelectField("Cấp tổ chức", choices=_choices(LEVELS))
    parent_body = StringField(
        "Tên cơ quan chủ quản",
        validators=[Length(200)],
        description="Cơ quan cấp trên trực tiếp, in phía trên tên cơ quan ban hành "
        "(có thể để trống).",
    )
    issuer = StringField(
        "Tên cơ quan ban hành",
        validators=[Required("Vui lòng nhập tên cơ quan ban hành."), Length(200)],
    )
    place_name = StringField(
        "Địa danh",
        validators=[Required("Vui lòng nhập địa danh ghi ở dòng ngày tháng."), Length(100)],
        description="Ghi ở dòng “…, ngày … tháng … năm …”, ví dụ: Tân Hòa.",
    )
    title = TextAreaField(
        "Tên hội nghị",
        validators=[Required("Vui lòng nhập tên hội nghị."), Length(500)],
    )
    year_reviewed = VNIntegerField(
        "Năm tổng kết",
        validators=[
            Required("Vui lòng nhập năm tổng kết."),
            NumberRange(2000, 2100, "Năm tổng kết phải từ 2000 đến 2100."),
        ],
    )
    year_launched = VNIntegerField(
        "Năm phát động",
        validators=[
            Required("Vui lòng nhập năm phát động."),
            NumberRange(2000, 2100, "Năm phát động phải từ 2000 đến 2100."),
        ],
    )
    date = VNDateField(
        "Ngày tổ chức",
        validators=[Required("Vui lòng nhập ngày tổ chức (ngày/tháng/năm).")],
        description="Ngày/tháng/năm, ví dụ: 15/01/2027.",
    )
    start_time = VNTimeField(
        "Giờ bắt đầu",
        validators=[Required("Vui lòng nhập giờ bắt đầu, ví dụ 07:30.")],
        description="Ví dụ: 07:30 hoặc 7h30.",
    )
    length = VNSelectField("Thời lượng", choices=_choices(LENGTHS))
    venue = StringField(
        "Địa điểm",
        validators=[Required("Vui lòng nhập địa điểm tổ chức."), Length(300)],
    )
    venue_address = StringField("Địa chỉ", validators=[Length(300)])
    planned_delegates = VNIntegerField(
        "Số đại biểu dự kiến",
        validators=[
            Required("Vui lòng nhập số đại biểu dự kiến."),
            NumberRange(
                1,
                MAX_DELEGATES,
                f"Số đại biểu phải từ 1 đến {vn.format_number(MAX_DELEGATES)}.",
            ),
        ],
    )
    funding_source = TextAreaField("Nguồn kinh phí", validators=[Length(500)])
    doc_number = StringField(
        "Số văn bản",
        validators=[Length(20)],
        description="Để trống nếu chưa có số; văn thư điền khi ban hành.",
    )
    doc_symbol = StringField(
        "Ký hiệu văn bản",
        validators=[Required("Vui lòng nhập ký hiệu văn bản, ví dụ KH-UBND."), Length(40)],
    )
    signing_date = VNDateField(
        "Ngày ký văn bản",
        description="Ngày ghi trên mọi văn bản trình ký của hội nghị (kế hoạch, dự toán, giấy "
        "mời, …). Để trống: in “ngày … tháng … năm” để người ký điền tay.",
    )
    signer_authority = StringField(
        "Thẩm quyền ký (TM.)",
        validators=[Length(200)],
        description="Ví dụ: TM. ỦY BAN NHÂN DÂN",
    )
    signer_deputy = StringField(
        "Ký thay (KT.)",
        validators=[Length(200)],
        description="Ví dụ: KT. CHỦ TỊCH (để trống nếu người đứng đầu ký).",
    )
    signer_title = StringField("Chức vụ người ký", validators=[Length(200)])
    signer_name = StringField("Họ tên người ký", validators=[Length(200)])
    purposes = TextAreaField(
        "Mục đích, yêu cầu",
        validators=[Length(10_000)],
        description="Mỗi ý một dòng.",
    )
    notes = TextAreaField("Ghi chú", validators=[Length(5_000)])

    def validate_year_launched(self, field):
        if self.year_reviewed.data and field.data and field.data < self.year_reviewed.data:
            raise ValidationError("Năm phát động không được trước năm tổng kết.")
        if self.year_reviewed.data and field.data and field.data - self.year_reviewed.data > 5:
            raise ValidationError("Năm phát động cách năm tổng kết quá 5 năm — kiểm tra lại.")

    def validate_date(self, field):
        if field.data and not (2000 <= field.data.year <= 2100):
            raise ValidationError("Ngày tổ chức phải trong khoảng năm 2000 đến 2100.")

    def validate_signing_date(self, field):
        # A plan is signed before the conference it organises, and in a year the app can print.
        if field.data is None:
            return
        if not (2000 <= field.data.year <= 2100):
            raise ValidationError("Ngày ký phải trong khoảng năm 2000 đến 2100.")
        if self.date.data and field.data > self.date.data:
            raise ValidationError(
                "Ngày ký văn bản không được sau ngày tổ chức "
                f"({vn.format_date_short(self.date.data)})."
            )

    def validate_doc_number(self, field):
        if field.data and not _DOC_NUMBER.match(field.data):
            raise ValidationError("Số văn bản chỉ gồm chữ số, ví dụ 05 hoặc 123.")

    def validate_doc_symbol(self, field):
        if field.data:
            field.data = field.data.upper()
            if not _SYMBOL.match(field.data):
                raise ValidationError(
                    "Ký hiệu văn bản gồm chữ in hoa và số nối bằng dấu gạch ngang, ví dụ KH-UBND."
                )

    def conference_values(self) -> dict:
        """The validated values, keyed like Conference.FIELDS."""
        from .models import Conference

        values = {name: getattr(self, name).data for name in Conference.FIELDS}
        values["doc_number"] = values["doc_number"] or ""
        for name, value in values.items():
            if value is None and name not in ("date", "start_time", "signing_date"):
                values[name] = ""
        return values
