"""The conference form: each field with a Vietnamese label, a preset default, a clear message."""

from __future__ import annotations

import datetime as dt
import re

from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
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
from .logic import (
    DATE_KINDS,
    MAX_DAYS_BETWEEN_EITHER,
    MONTH_PARTS,
    QUARTER_NAMES,
    month_part_last_day,
    quarter_last_day,
    quarter_of,
)
from .vocab import KINDS, LENGTHS, LEVEL_OF_UNIT_TYPE, LEVELS, UNIT_TYPES

# Ký hiệu văn bản (Nghị định 30/2020, Phụ lục VI): upper-case letters and digits joined by "-",
# e.g. KH-UBND, KH-SNV, KH-HĐTĐKT.
_SYMBOL = re.compile(r"^[A-ZĐ0-9]+(?:[-.][A-ZĐ0-9]+)*$")
_DOC_NUMBER = re.compile(r"^\d{1,6}$")
# "02/2025", "2/2025", "tháng 02/2025", "02-2025".
_MONTH = re.compile(r"^(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})$", re.IGNORECASE)

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
        kind="year",
        validators=[
            Required("Vui lòng nhập năm tổng kết."),
            NumberRange(2000, 2100, "Năm tổng kết phải từ 2000 đến 2100."),
        ],
    )
    year_launched = VNIntegerField(
        "Năm phát động",
        kind="year",
        validators=[
            Required("Vui lòng nhập năm phát động."),
            NumberRange(2000, 2100, "Năm phát động phải từ 2000 đến 2100."),
        ],
    )
    # The planned date (issue 17): how far it is fixed, then the day(s), the month or the
    # quarter; the form works out `date`, the latest possible day (_resolve_planned_date).
    date_kind = VNSelectField(
        "Thời gian tổ chức",
        choices=_choices(DATE_KINDS),
        default="exact",
        description="Chưa chốt ngày: chọn “một trong hai ngày”, “đầu, giữa hoặc cuối tháng” "
        "hoặc “trong quý”. Giấy mời, nhãn phong bì và chương trình chỉ in được khi có ngày cụ thể.",
    )
    date = VNDateField(
        "Ngày tổ chức",
        description="Ngày/tháng/năm, ví dụ: 15/01/2027 (với “một trong hai ngày”: ngày thứ nhất).",
    )
    date_other = VNDateField(
        "Ngày thứ hai",
        description="Chỉ với “một trong hai ngày”, ví dụ 19/01/2024 (in: ngày 18 hoặc ngày "
        "19/01/2024).",
    )
    date_month = StringField(
        "Tháng tổ chức",
        validators=[Length(20)],
        description="Với “đầu, giữa hoặc cuối tháng”: tháng/năm, ví dụ 02/2025.",
    )
    month_part = VNSelectField(
        "Phần của tháng",
        choices=[SelectChoice("", "—"), *_choices(MONTH_PARTS)],
        default="",
        description="Đầu tháng: đến ngày 10; giữa tháng: đến ngày 20; cuối tháng: đến hết tháng.",
    )
    date_quarter = VNSelectField(
        "Quý",
        choices=[
            SelectChoice("", "—"),
            *(SelectChoice(str(n), f"Quý {name}") for n, name in enumerate(QUARTER_NAMES, 1)),
        ],
        default="",
    )
    date_year = VNIntegerField(
        "Năm của quý", kind="year", description="Để trống: năm của ngày tổ chức."
    )
    date_tentative = BooleanField(
        "Dự kiến",
        false_values=(False, "false", "False", "0", ""),
        description="In “dự kiến” trước thời gian tổ chức.",
    )
    date_note = StringField(
        "Ghi chú sau thời gian",
        validators=[Length(300)],
        description="In trong ngoặc sau thời gian, ví dụ: có Giấy mời sau; thời gian cụ thể sẽ "
        "có thông báo sau.",
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

    def process(self, *args, **kwargs):
        super().process(*args, **kwargs)
        congress = self.kind.data == "dai_hoi"
        # A Đại hội reviews a five-year period (seed 004: "giai đoạn 2020-2025"): the two year
        # fields are its ends (presetting.congress_period), as the preset's texts read them
        self.year_reviewed.label.text = "Giai đoạn: từ năm" if congress else "Năm tổng kết"
        self.year_launched.label.text = "Đến năm (năm Đại hội)" if congress else "Năm phát động"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province.choices = province_choices()
        obj = kwargs.get("obj")
        if obj is not None and getattr(obj, "date", None) and not self.is_submitted():
            # The month or quarter the stored latest day stands for, shown back in their boxes.
            if obj.date_kind == "month_part":
                self.date_month.data = f"{obj.date.month:02d}/{obj.date.year}"
            elif obj.date_kind == "quarter":
                self.date_quarter.data = str(quarter_of(obj.date))
                self.date_year.data = obj.date.year
            elif obj.date_kind == "either" and getattr(obj, "date_other", None):
                # The model keeps `date` the latest day; the boxes show the two days in the
                # order the plan prints them and officers type them: the earlier one first
                # (docs/planned-dates.md, "Một trong hai ngày").
                self.date.data, self.date_other.data = obj.date_other, obj.date

    def example_year(self) -> int:
        """The year the date hints' examples are written in: the conference's year launched,
        else next year — a past year in an example reads as the day to type (issue 17 walk)."""
        year = self.year_launched.data
        return year if isinstance(year, int) and 2000 <= year <= 2100 else dt.date.today().year + 1

    def word_examples(self) -> str:
        """Word the planned-date hints in `example_year` (called by the template; returns "")."""
        y = self.example_year()
        self.date.description = (
            f"Ngày/tháng/năm, ví dụ: 15/01/{y} (với “một trong hai ngày”: ngày sớm hơn)."
        )
        self.date_other.description = (
            f"Chỉ với “một trong hai ngày”, ví dụ 16/01/{y} (in: ngày 15 hoặc ngày 16/01/{y})."
        )
        self.date_month.description = f"Với “đầu, giữa hoặc cuối tháng”: tháng/năm, ví dụ 02/{y}."
        self.date_quarter.description = f"Với “trong quý”: ví dụ Quý I năm {y}."
        return ""

    def validate(self, extra_validators=None) -> bool:
        # Worked out first, so that the ngày ký is compared with the latest possible day.
        date_errors = self._resolve_planned_date()
        valid = super().validate(extra_validators)
        if getattr(self, "_typed_days", None):
            # checked with the latest day in `date`; shown back as typed, stored in model
            # order by conference_values
            self.date.data, self.date_other.data = self._typed_days
        for field, message in date_errors:
            field.errors = [*field.errors, message]
        valid = valid and not date_errors
        return self._validate_organiser() and valid

    def _resolve_planned_date(self) -> list[tuple]:
        """Set `date` to the latest possible day of the planned date and clear what the kind
        does not use; return (field, message) for what is missing or wrong."""
        kind = self.date_kind.data or "exact"
        if kind not in DATE_KINDS:
            return []  # the select's own message
        self.date_kind.data = kind
        day = self.date.data
        if kind != "either":
            self.date_other.data = None
        if kind != "month_part":
            self.month_part.data = ""
        if kind in ("exact", "either") and day is None:
            if self.date.process_errors:
                return []  # the parse error says what is wrong
            return [(self.date, "Vui lòng nhập ngày tổ chức (ngày/tháng/năm).")]
        if kind == "either":
            return self._resolve_either(day)
        if kind == "month_part":
            return self._resolve_month(day)
        if kind == "quarter":
            return self._resolve_quarter(day)
        return []

    def _resolve_either(self, day) -> list[tuple]:
        other = self.date_other.data
        if other is None:
            if self.date_other.process_errors:
                return []
            return [
                (self.date_other, "Vui lòng nhập ngày thứ hai: “một trong hai ngày” cần cả hai.")
            ]
        if other == day:
            return [
                (
                    self.date_other,
                    "Hai ngày trùng nhau: nếu đã chốt một ngày, hãy chọn “Ngày cụ thể”.",
                )
            ]
        apart = abs((other - day).days)
        if apart > MAX_DAYS_BETWEEN_EITHER:
            return [
                (
                    self.date_other,
                    f"Hai ngày cách nhau {apart} ngày: “một trong hai ngày” chỉ dùng cho hai ngày "
                    f"cách nhau không quá {MAX_DAYS_BETWEEN_EITHER} ngày; xa hơn, hãy chọn "
                    "“Đầu, giữa hoặc cuối tháng”.",
                )
            ]
        self._typed_days = (day, other)
        self.date.data, self.date_other.data = max(day, other), min(day, other)
        return []

    def _resolve_month(self, day) -> list[tuple]:
        errors = []
        part = self.month_part.data or ""
        if part not in MONTH_PARTS:
            errors.append(
                (self.month_part, "Vui lòng chọn đầu tháng, giữa tháng, cuối tháng hoặc cả tháng.")
            )
        text = (self.date_month.data or "").strip()
        if text:
            match = _MONTH.match(text)
            month, year = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
            if not (1 <= month <= 12 and 2000 <= year <= 2100):
                errors.append(
                    (
                        self.date_month,
                        f"Không đọc được tháng “{text}”: hãy nhập tháng/năm, "
                        f"ví dụ 02/{self.example_year()}.",
                    )
                )
        elif day is not None:
            month, year = day.month, day.year
        else:
            errors.append(
                (
                    self.date_month,
                    f"Vui lòng nhập tháng tổ chức (tháng/năm), ví dụ 02/{self.example_year()}.",
                )
            )
        if not errors:
            self.date.data = month_part_last_day(year, month, part)
            self.date.process_errors = []
        return errors

    def _resolve_quarter(self, day) -> list[tuple]:
        text = self.date_quarter.data or ""
        if text and text not in {"1", "2", "3", "4"}:
            # not one of the select's quarters ("abc", "-1", 20 digits): the select says so; no
            # day is worked out, so no check that compares with it runs (the ngày ký)
            self.date.data = None
            return []
        quarter = int(text) if text else None
        year = self.date_year.data
        if quarter is None and day is not None:
            quarter = quarter_of(day)
        if year is None and day is not None:
            year = day.year
        if quarter is None or year is None:
            field = self.date_quarter if quarter is None else self.date_year
            example = f"Quý I năm {self.example_year()}"
            return [(field, f"Vui lòng chọn quý và năm tổ chức, ví dụ {example}.")]
        if not (2000 <= year <= 2100):
            return [(self.date_year, "Năm của quý phải từ 2000 đến 2100.")]
        self.date.data = quarter_last_day(year, quarter)
        self.date.process_errors = []
        return []

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
        values["date_tentative"] = bool(values["date_tentative"])
        if values["date_kind"] == "either" and values["date"] and values["date_other"]:
            # the model's order: `date` the latest possible day, `date_other` the earlier
            pair = (values["date"], values["date_other"])
            values["date"], values["date_other"] = max(pair), min(pair)
        for name, value in values.items():
            if value is None and name not in ("date", "date_other", "start_time", "signing_date"):
                values[name] = ""
        return values
