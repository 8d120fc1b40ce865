"""The conference form: each field with a Vietnamese label, a preset default, a clear message."""

from __future__ import annotations

import re

from wtforms import HiddenField, SelectField, StringField, TextAreaField
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
from . import units
from .vocab import KINDS, LENGTHS, LEVEL_OF_UNIT_TYPE, LEVELS, UNIT_TYPES

# Ký hiệu văn bản (Nghị định 30/2020, Phụ lục VI): upper-case letters and digits joined by "-",
# e.g. KH-UBND, KH-SNV, KH-HĐTĐKT.
_SYMBOL = re.compile(r"^[A-ZĐ0-9]+(?:[-.][A-ZĐ0-9]+)*$")
_DOC_NUMBER = re.compile(r"^\d{1,6}$")

MAX_DELEGATES = 10_000


def _choices(vocabulary: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(code, text) for code, text in vocabulary.items()]


def province_choices() -> list[SelectChoice]:
    """The 34 provinces and cities, alphabetical, the centrally-run cities named as such."""
    listed = sorted(units.provinces(), key=lambda p: vn.collation_key(p.name))
    return [SelectChoice("", "— Chọn tỉnh, thành phố —")] + [
        SelectChoice(p.name, f"Thành phố {p.name}" if p.is_central_city else f"Tỉnh {p.name}")
        for p in listed
    ]


def _unit_list_text(found: list[units.Unit]) -> str:
    return ", ".join(unit.title for unit in found)


class ConferenceForm(BaseForm):
    preset_key = HiddenField()
    version = HiddenField()

    kind = VNSelectField("Loại hội nghị", choices=_choices(KINDS))
    # The organiser from the official list (units.py): the province, then the unit. With the
    # page's script the unit is a drop-down of the province's units; without it, the type and
    # the name typed here are checked against the list. Level, issuer and địa danh follow.
    province = SelectField("Tỉnh, thành phố", choices=(), validate_choice=False)
    unit_type = SelectField(
        "Loại đơn vị tổ chức",
        choices=[SelectChoice("", "— Chọn loại đơn vị —"), *_choices(UNIT_TYPES)],
        validate_choice=False,
    )
    unit_name = StringField(
        "Tên đơn vị",
        validators=[Length(100)],
        description="Tên riêng, không ghi chữ “xã”, “phường”: ví dụ Hồng Hà. Với tỉnh, thành "
        "phố: để trống. Cơ quan khác (Sở, Cụm thi đua…): ghi tên hoặc để trống.",
    )
    level = VNSelectField("Cấp tổ chức", choices=_choices(LEVELS))
    parent_body = StringField(
        "Tên cơ quan chủ quản",
        validators=[Length(200)],
        description="Cơ quan cấp trên trực tiếp, in phía trên tên cơ quan ban hành "
        "(có thể để trống).",
    )
    issuer = StringField(
        "Tên cơ quan ban hành",
        validators=[Length(200)],
        description="Để trống: lấy theo đơn vị đã chọn, ví dụ Ủy ban nhân dân phường Hồng Hà.",
    )
    place_name = StringField(
        "Địa danh",
        validators=[Length(100)],
        description="Ghi ở dòng “…, ngày … tháng … năm …”, ví dụ: Tân Hòa. Để trống: lấy tên "
        "đơn vị đã chọn.",
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

    # A conference file written before these fields existed (or an undo snapshot of then) may
    # leave the unit unstated; the form itself always asks for it.
    allow_unknown_unit = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province.choices = province_choices()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._validate_organiser() and valid

    def _fail(self, field, message: str) -> bool:
        field.errors = [*field.errors, message]
        return False

    def _validate_organiser(self) -> bool:
        """The province and unit against the official list; level, issuer, place from them."""
        province_text = self.province.data or ""
        province = units.find_province(province_text) if province_text else None
        if province_text and province is None:
            return self._fail(
                self.province,
                f"“{province_text}” không có trong danh mục 34 tỉnh, thành phố từ ngày "
                "01/7/2025 — hãy chọn trong danh sách.",
            )
        self.province.data = province.name if province else ""
        unit_type = self.unit_type.data or ""
        typed, bare = units.split_typed_name(self.unit_name.data or "")
        if typed and unit_type in ("", *units.COMMUNE_TYPES):
            unit_type = typed  # "Phường Hồng Hà" typed whole
        if unit_type not in ("", *UNIT_TYPES):
            return self._fail(
                self.unit_type, "Loại đơn vị không hợp lệ — hãy chọn trong danh sách."
            )
        self.unit_type.data = unit_type
        if not unit_type and not self.allow_unknown_unit:
            return self._fail(self.unit_type, "Vui lòng chọn loại đơn vị tổ chức.")
        self.level.data = LEVEL_OF_UNIT_TYPE.get(unit_type, self.level.data)
        ok = True
        if unit_type in units.COMMUNE_TYPES:
            ok = self._check_commune(province, unit_type, bare)
        elif unit_type in ("tinh", "thanh_pho"):
            ok = self._check_province(province, unit_type)
        else:
            self.unit_name.data = bare
        if ok and self.level.data == "xa" and province is None and unit_type:
            ok = self._fail(
                self.province, "Vui lòng chọn tỉnh, thành phố của đơn vị tổ chức cấp xã."
            )
        if not ok:
            return False
        organiser_issuer = units.issuer_name(unit_type, self.unit_name.data)
        if not self.issuer.data:
            if not organiser_issuer:
                return self._fail(self.issuer, "Vui lòng nhập tên cơ quan ban hành.")
            self.issuer.data = organiser_issuer
        if not self.place_name.data:
            if not (self.unit_name.data and unit_type in units.UNIT_WORDS):
                return self._fail(self.place_name, "Vui lòng nhập địa danh ghi ở dòng ngày tháng.")
            self.place_name.data = self.unit_name.data
        return True

    def _check_commune(self, province, unit_type: str, name: str) -> bool:
        word = units.UNIT_WORDS[unit_type]
        if province is None:
            return self._fail(
                self.province, f"Vui lòng chọn tỉnh, thành phố của {word} tổ chức hội nghị."
            )
        if not name:
            return self._fail(self.unit_name, f"Vui lòng nhập tên {word}, ví dụ Hồng Hà.")
        unit = units.find_unit(province, name, unit_type)
        if unit is None:
            close = units.similar_units(province, name)
            hint = f" Tên gần đúng: {_unit_list_text(close)}." if close else ""
            return self._fail(
                self.unit_name,
                f"{province.title[:1].upper()}{province.title[1:]} không có {word} “{name}” "
                f"trong danh mục đơn vị hành chính từ ngày 01/7/2025.{hint} Cơ quan khác (Sở, "
                "Cụm, Khối thi đua…): chọn “Cơ quan, tổ chức khác (tự nhập)”.",
            )
        self.unit_name.data = unit.name
        return True

    def _check_province(self, province, unit_type: str) -> bool:
        if province is None:
            return self._fail(self.province, "Vui lòng chọn tỉnh, thành phố tổ chức hội nghị.")
        if province.type != unit_type:
            return self._fail(
                self.unit_type,
                f"{province.title[:1].upper()}{province.title[1:]} là "
                f"{'thành phố trực thuộc trung ương' if province.is_central_city else 'tỉnh'}"
                " — hãy chọn đúng loại đơn vị.",
            )
        self.unit_name.data = province.name
        return True

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
