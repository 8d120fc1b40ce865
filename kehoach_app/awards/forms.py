"""Forms of the awards part, with Vietnamese labels and messages.

`check_award` runs the recipient form on plain values, so the Excel import and the conference
file refuse exactly what the page refuses, with the same words.
"""

from __future__ import annotations

from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..forms import (
    BaseForm,
    Length,
    NumberRange,
    Required,
    VNDateField,
    VNIntegerField,
    VNSelectField,
)
from . import catalogue
from .logic import COLLECTIVE, DEFAULT_GROUP_BY, GROUPINGS, INDIVIDUAL, KIND_LABELS

KIND_CHOICES = [SelectChoice(COLLECTIVE, "Tập thể"), SelectChoice(INDIVIDUAL, "Cá nhân")]


def _optional_int(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class RecipientForm(BaseForm):
    """One award: the form, who receives it, the decision, who goes up on stage."""

    version = HiddenField()
    # validate_choice=False: the checks below say what is wrong in Vietnamese (WTForms has no
    # Vietnamese translation of its own "Not a valid choice").
    form_id = SelectField("Hình thức khen thưởng", coerce=_optional_int, validate_choice=False)
    recipient_kind = SelectField("Tập thể hay cá nhân", choices=KIND_CHOICES, validate_choice=False)
    name = StringField(
        "Tên tập thể / Họ và tên",
        validators=[Length(300)],
        description="Cá nhân là đại biểu của hội nghị: có thể để trống và chọn người đó ở ô "
        "“Người lên nhận” — tên, chức vụ, đơn vị được lấy từ danh sách đại biểu.",
    )
    job_title = StringField("Chức vụ (cá nhân)", validators=[Length(300)])
    unit = StringField("Đơn vị", validators=[Length(300)])
    decision_number = StringField(
        "Số quyết định",
        validators=[Length(100)],
        description="Ví dụ: 125/QĐ-TTg; 2345/QĐ-UBND.",
    )
    decision_date = VNDateField("Ngày quyết định", description="Ngày/tháng/năm.")
    receiver_delegate_id = SelectField(
        "Người lên nhận — chọn trong danh sách đại biểu",
        coerce=_optional_int,
        validate_choice=False,
    )
    receiver_name = StringField(
        "Hoặc ghi họ tên người lên nhận",
        validators=[Length(200)],
        description="Đại diện tập thể, hoặc người nhận thay cá nhân vắng mặt. Cá nhân tự lên "
        "nhận thì để trống cả hai ô.",
    )
    notes = TextAreaField("Ghi chú", validators=[Length(5000)])

    def __init__(self, *args, forms=(), delegates=(), current_form_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._forms = {f.id: f for f in forms}
        self._delegates = {d.id: d for d in delegates}
        self.form_id.choices = [SelectChoice("", "— Chọn hình thức —")] + [
            SelectChoice(f.id, _form_label(f)) for f in forms if f.active or f.id == current_form_id
        ]
        self.receiver_delegate_id.choices = [SelectChoice("", "— Không chọn —")] + [
            SelectChoice(d.id, _delegate_label(d)) for d in delegates
        ]

    def validate_form_id(self, field):
        if field.data is None or field.data not in self._forms:
            raise ValidationError("Vui lòng chọn hình thức khen thưởng.")

    def validate_recipient_kind(self, field):
        if field.data not in KIND_LABELS:
            raise ValidationError("Chọn “Tập thể” hoặc “Cá nhân”.")
        form = self._forms.get(self.form_id.data)
        if form is not None and not form.allows(field.data):
            raise ValidationError(
                f"{form.name} không tặng cho {KIND_LABELS[field.data].lower()}: "
                f"chỉ tặng cho {allowed_text(form)}."
            )

    def validate_name(self, field):
        if field.data:
            return
        if self.recipient_kind.data == INDIVIDUAL and self.receiver_delegate_id.data:
            return  # filled from the delegate (values())
        raise ValidationError(
            "Vui lòng nhập họ và tên."
            if self.recipient_kind.data == INDIVIDUAL
            else "Vui lòng nhập tên tập thể."
        )

    def validate_receiver_delegate_id(self, field):
        if field.data is not None and field.data not in self._delegates:
            raise ValidationError("Đại biểu này không còn trong danh sách; hãy chọn lại.")

    def values(self) -> dict:
        """The award's values, a chosen delegate's details filling what was left blank."""
        values = {
            "form_id": self.form_id.data,
            "recipient_kind": self.recipient_kind.data,
            "name": self.name.data or "",
            "unit": self.unit.data or "",
            "job_title": self.job_title.data or "",
            "decision_number": self.decision_number.data or "",
            "decision_date": self.decision_date.data,
            "receiver_delegate_id": self.receiver_delegate_id.data,
            "receiver_name": ""
            if self.receiver_delegate_id.data
            else (self.receiver_name.data or ""),
            "notes": self.notes.data or "",
        }
        delegate = self._delegates.get(values["receiver_delegate_id"])
        if delegate is not None and values["recipient_kind"] == INDIVIDUAL and not values["name"]:
            values["name"] = delegate.full_name
            values["job_title"] = values["job_title"] or delegate.position
            values["unit"] = values["unit"] or delegate.unit
        return values


def allowed_text(form) -> str:
    if form.for_collective and form.for_individual:
        return "tập thể và cá nhân"
    if form.for_collective:
        return "tập thể"
    if form.for_individual:
        return "cá nhân"
    return "(chưa chọn đối tượng)"


def _form_label(form) -> str:
    suffix = "" if form.active else " (đã ngừng dùng)"
    return f"{form.name}{suffix}"


def _delegate_label(delegate) -> str:
    from ..delegates.logic import role_of

    role = role_of(delegate.position or "", delegate.unit or "")
    return " — ".join(part for part in (delegate.full_name, role) if part)


def check_award(data: dict, forms, delegates=()) -> tuple[dict | None, dict[str, list[str]]]:
    """Check plain values (strings as typed) with RecipientForm: (values, errors by field)."""
    from werkzeug.datastructures import MultiDict

    formdata = MultiDict({k: "" if v is None else str(v) for k, v in data.items()})
    form = RecipientForm(formdata=formdata, meta={"csrf": False}, forms=forms, delegates=delegates)
    if form.validate():
        return form.values(), {}
    return None, {name: [m for m in messages if m] for name, messages in form.errors.items()}


def field_label(name: str) -> str:
    return getattr(RecipientForm, name).args[0]


class CeremonySettingsForm(BaseForm):
    version = HiddenField()
    batch_size = VNIntegerField(
        "Số người mỗi đợt (tối đa)",
        validators=[
            Required("Vui lòng nhập số người mỗi đợt."),
            NumberRange(1, 100, "Số người mỗi đợt phải từ 1 đến 100."),
        ],
        description="Thường là 10 — một hàng trên sân khấu. Các đợt của một hình thức được chia "
        "đều (11 người: 6 + 5).",
    )
    minutes_per_batch = VNIntegerField(
        "Số phút mỗi đợt trao thưởng",
        validators=[
            Required("Vui lòng nhập số phút mỗi đợt trao thưởng."),
            NumberRange(1, 30, "Số phút mỗi đợt trao thưởng phải từ 1 đến 30."),
        ],
        description="Gồm công bố quyết định, mời lên sân khấu, trao, chụp ảnh; thường là 3. Thời "
        "lượng các mục trao thưởng trong chương trình = số đợt × số phút này.",
    )
    group_by = VNSelectField(
        "Chia đợt",
        choices=[SelectChoice(code, label) for code, label in GROUPINGS.items()],
        default=DEFAULT_GROUP_BY,
        description="Lên riêng: tập thể một đợt, cá nhân một đợt (20 Giấy khen gồm 4 tập thể và "
        "16 cá nhân, mỗi đợt 10 người: 3 đợt). Lên chung: mỗi hình thức gọi lên cùng nhau, tập "
        "thể đứng trước (2 đợt).",
    )


class BatchForm(BaseForm):
    """The officer's choices for one batch. The presenter is typed with suggestions from the
    conference's delegates (one shared <datalist>): a delegate's line links the delegate, any
    other text is kept as the presenter's name."""

    form_id = HiddenField()
    number = HiddenField()
    sequence = HiddenField()
    presenter = StringField(
        "Người trao",
        validators=[Length(300)],
        description="Gõ vài chữ để chọn trong danh sách đại biểu, hoặc ghi họ tên, chức vụ. "
        "Để trống: tự động theo Đoàn Chủ tịch.",
        render_kw={"list": "delegate-list", "autocomplete": "off"},
    )
    music_cue = StringField("Nhạc", validators=[Length(300)])
    notes = StringField("Ghi chú cho hậu trường", validators=[Length(5000)])


def delegate_line(delegate) -> str:
    """How a delegate is offered in lists: "Lê Quốc Hưng — Chủ tịch Ủy ban nhân dân xã"."""
    return _delegate_label(delegate)


def find_delegate(text: str, delegates):
    """The delegate a typed presenter names: their list line, or their full name when only one
    delegate has it; None for any other text."""
    from .logic import fold

    wanted = fold(text)
    if not wanted:
        return None
    for delegate in delegates:
        if fold(_delegate_label(delegate)) == wanted:
            return delegate
    named = [d for d in delegates if fold(d.full_name) == wanted]
    return named[0] if len(named) == 1 else None


class FormEntryForm(BaseForm):
    """A catalogue entry (hình thức khen thưởng) on the catalogue page."""

    version = HiddenField()
    code = StringField(
        "Mã",
        validators=[Required("Vui lòng nhập mã."), Length(60)],
        description="Chữ thường không dấu, số và gạch dưới; dùng trong tệp hội nghị.",
    )
    name = StringField(
        "Tên hình thức", validators=[Required("Vui lòng nhập tên hình thức."), Length(300)]
    )
    level = SelectField(
        "Cấp",
        choices=[SelectChoice(k, v) for k, v in catalogue.LEVELS.items()],
        validate_choice=False,
    )
    for_collective = BooleanField("Tặng cho tập thể")
    for_individual = BooleanField("Tặng cho cá nhân")
    coefficient = StringField(
        "Hệ số (lần mức lương cơ sở)",
        validators=[Required("Vui lòng nhập hệ số, ví dụ 1,5.")],
        description="Ví dụ: 4,5 — 0,3.",
    )
    collective_multiplier = StringField(
        "Tập thể nhận gấp (lần)",
        validators=[Required("Vui lòng nhập số lần, ví dụ 2.")],
        description="2 khi tập thể được gấp hai lần mức của cá nhân; 1 với Cờ thi đua, "
        "danh hiệu tập thể.",
    )
    precedence = VNIntegerField(
        "Thứ tự trao",
        validators=[
            Required("Vui lòng nhập thứ tự trao."),
            NumberRange(0, 100000, "Thứ tự trao phải từ 0 đến 100.000."),
        ],
        description="Số nhỏ trao trước (hình thức cao trao trước).",
    )
    physical_item = StringField(
        "Hiện vật",
        validators=[Length(300)],
        description="Các món cách nhau bằng dấu chấm phẩy, ví dụ: Bằng khen có khung; Cờ thi đua.",
    )
    legal_basis = TextAreaField("Căn cứ pháp lý", validators=[Length(5000)])
    active = BooleanField("Đang dùng")

    def validate_level(self, field):
        if field.data not in catalogue.LEVELS:
            raise ValidationError("Vui lòng chọn cấp khen thưởng.")

    def validate_code(self, field):
        import re

        if field.data and not re.fullmatch(r"[a-z0-9_]+", field.data):
            raise ValidationError("Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới.")

    def validate_coefficient(self, field):
        try:
            self._coefficient = catalogue.parse_coefficient(field.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def validate_collective_multiplier(self, field):
        try:
            self._multiplier = catalogue.parse_coefficient(field.data or "")
        except ValueError as error:
            raise ValidationError(str(error).replace("hệ số", "số lần")) from None

    def validate_for_individual(self, field):
        if not field.data and not self.for_collective.data:
            raise ValidationError("Chọn ít nhất một: tập thể hoặc cá nhân.")

    def values(self) -> dict:
        return {
            "code": self.code.data,
            "name": self.name.data,
            "level": self.level.data,
            "for_collective": bool(self.for_collective.data),
            "for_individual": bool(self.for_individual.data),
            "coefficient_milli": self._coefficient,
            "collective_multiplier_milli": self._multiplier,
            "precedence": self.precedence.data,
            "physical_item": self.physical_item.data or "",
            "legal_basis": self.legal_basis.data or "",
            "active": bool(self.active.data),
        }


class SalaryForm(BaseForm):
    amount = VNIntegerField(
        "Mức lương cơ sở (đồng/tháng)",
        kind="money",
        validators=[
            Required("Vui lòng nhập mức lương cơ sở."),
            NumberRange(1, 1_000_000_000, "Mức lương cơ sở phải lớn hơn 0."),
        ],
    )
    effective_from = VNDateField(
        "Áp dụng từ ngày", validators=[Required("Vui lòng nhập ngày bắt đầu áp dụng.")]
    )
    legal_basis = TextAreaField(
        "Căn cứ pháp lý",
        validators=[Length(5000)],
        description="Ví dụ: Nghị định 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ.",
    )
    version = HiddenField()  # the row's version when the edit form was opened (issue 18)
