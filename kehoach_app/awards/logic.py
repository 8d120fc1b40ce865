"""Awards, as pure computations: money, physical items, the ceremony's batches, the MC's script,
the LED slides, the dashboard's counts. No Flask, no database session.

Everything takes plain dataclasses (FormRule, Salary, Recipient, Person, BatchEdit) built by
operations.py from the rows, and returns dataclasses the pages and printouts draw.

Money (Nghị định 152/2025/NĐ-CP; docs/awards.md):
    amount = coefficient × mức lương cơ sở (× the collective multiplier for a collective),
    rounded as the rounding rule in force says (dated rows of the catalogue, today up to the
    ten thousand đồng, unverified: docs/legal-figures.md),
computed in integers: coefficients are thousandths (4,5 → 4500), so
    amount = ceil(coefficient_milli × multiplier_milli × base / (10⁶ × unit)) × unit.
The multiplier is applied before rounding: the decree sets the collective's amount as a multiple
of the individual's coefficient (Huân chương: Điều 51 khoản 2), and the rounding applies to
"tiền thưởng sau khi nhân với hệ số mức lương cơ sở".
The base salary, the form's rate and the rounding rule are the ones in force on the date of the
award decision; a date no stored period covers is priced at nothing and says so (Gap).
The base salary is the one in force on the date of the award decision (the rule of Nghị định
91/2017/NĐ-CP, Điều 68 khoản 1, kept since); while no decision date is entered, the conference's
date stands in, which is what a budget drawn up in advance needs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .. import vn

# How many rows an award list imported from a file may hold (Excel or the decision's .docx):
# more is a mistake of the file, and the preview must stay readable. Here, in the pure module,
# so the decision import can read it without loading openpyxl at start (issue 19).
IMPORT_MAX_ROWS = 5_000

INDIVIDUAL = "individual"
COLLECTIVE = "collective"
KIND_LABELS = {INDIVIDUAL: "Cá nhân", COLLECTIVE: "Tập thể"}
KIND_PLURAL = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể"}
# Collectives go up before individuals within a form (the seed programmes: "trao Giấy khen …
# cho các tập thể", then "… cho các cá nhân").
KIND_ORDER = (COLLECTIVE, INDIVIDUAL)

DEFAULT_BATCH_SIZE = 10
# How the ceremony cuts a form's recipients into batches (CeremonySettings.group_by): each form's
# collectives and individuals apart (the seed programmes: "trao … cho các tập thể", then "… cho
# các cá nhân"), or a form's recipients together, collectives first (offices often call one
# form up at once: 20 Giấy khen at 10 a batch are 2 batches, not 3).
GROUP_BY_FORM_KIND = "form_kind"
GROUP_BY_FORM = "form"
GROUPINGS = {
    GROUP_BY_FORM_KIND: "Theo hình thức, tập thể và cá nhân lên riêng",
    GROUP_BY_FORM: "Theo hình thức, tập thể và cá nhân lên chung một đợt",
}
DEFAULT_GROUP_BY = GROUP_BY_FORM_KIND
MIXED = "mixed"  # a batch of collectives and individuals together (GROUP_BY_FORM)
DEFAULT_ROUNDING_UNIT = 10_000
DEFAULT_MUSIC_CUE = "Nhạc nền trao thưởng"


# --------------------------------------------------------------------------- plain data in


@dataclass(frozen=True)
class FormRule:
    """One catalogue entry (hình thức khen thưởng) as the computations see it."""

    id: int
    code: str
    name: str
    level: str = ""
    for_individual: bool = True
    for_collective: bool = True
    coefficient_milli: int = 0
    collective_multiplier_milli: int = 2000
    precedence: int = 100
    physical_item: str = ""
    legal_basis: str = ""
    active: bool = True
    # The dated money figures (Rate rows, from the catalogue): the decision's date picks one.
    # None only for a rule built by hand (tests, previews): coefficient_milli and
    # collective_multiplier_milli then apply on every date.
    rates: tuple[Rate, ...] | None = None
    # The name as the catalogue keeps it, when `name` is the conference's wording of it
    # (form_title): "… Ủy ban nhân dân cấp xã" behind "… Ủy ban nhân dân phường Hồng Hà".
    catalogue_name: str = ""
    # Who pays this form's money and items when not the organiser's own fund ("cấp tỉnh", "cấp
    # thành phố", "cấp trình khen thưởng cấp Nhà nước"); "" when the organiser pays — set for
    # one conference by for_organiser (budget.logic.award_payer: the deciding level pays).
    paid_elsewhere_by: str = ""

    def allows(self, kind: str) -> bool:
        return self.for_individual if kind == INDIVIDUAL else self.for_collective

    @property
    def items(self) -> list[str]:
        """The physical items, one per recipient each: "Bằng khen có khung; Cờ thi đua"."""
        return [part.strip() for part in self.physical_item.split(";") if part.strip()]


@dataclass(frozen=True)
class Salary:
    """Mức lương cơ sở in force from a date (until effective_to, else until the next one), with
    its status (kehoach_app/legal.py)."""

    amount: int
    effective_from: dt.date
    legal_basis: str = ""
    effective_to: dt.date | None = None
    status: str = "unverified"
    id: int | None = None  # the catalogue row, for a link to it


@dataclass(frozen=True)
class Rate:
    """An award form's coefficient and collective multiplier in force over a period."""

    coefficient_milli: int
    collective_multiplier_milli: int
    effective_from: dt.date
    effective_to: dt.date | None = None
    legal_basis: str = ""
    status: str = "unverified"
    id: int | None = None


@dataclass(frozen=True)
class Rounding:
    """How award money is rounded over a period: up to a multiple of `unit` đồng (1: to the
    đồng, not rounded)."""

    unit: int
    effective_from: dt.date
    effective_to: dt.date | None = None
    legal_basis: str = ""
    status: str = "unverified"
    id: int | None = None

    @property
    def sentence(self) -> str:
        """The rule as the money list, the estimate and the pages state it."""
        return rounding_sentence(self.unit)


@dataclass(frozen=True)
class Person:
    """A delegate, as the ceremony needs them (presenters, receivers)."""

    id: int
    full_name: str
    honorific: str = "Đồng chí"
    position: str = ""
    unit: str = ""
    protocol_rank: int = 0
    presidium: bool = False
    absent: bool = False
    # The level of government the person leads at ("nha_nuoc", "tinh", "huyen", "xa"; "" when
    # nothing says): read from the position, unit and group by presenter_level().
    level: str = ""


@dataclass(frozen=True)
class Recipient:
    """One award: who receives it, by which decision, and who goes up on stage for it.

    ``receiver`` is the person who goes up when it is not the recipient themselves (a
    collective's representative, someone receiving on an individual's behalf): a linked delegate
    or a typed name; None when nobody is named.
    """

    id: int
    form_id: int
    position: int
    kind: str
    name: str
    unit: str = ""
    job_title: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None
    receiver: Person | None = None
    receiver_name: str = ""
    notes: str = ""

    @property
    def receiver_text(self) -> str:
        """Who goes up, for a list: "Trần Văn Bình (Hiệu trưởng)" or the typed name."""
        if self.receiver is not None:
            if self.receiver.position:
                return f"{self.receiver.full_name} ({self.receiver.position})"
            return self.receiver.full_name
        return self.receiver_name

    @property
    def goes_up_self(self) -> bool:
        """An individual who goes up in person: nobody named, or the person named is the
        recipient (an individual added by choosing their own delegate row is linked to it)."""
        if self.kind != INDIVIDUAL:
            return False
        name = self.receiver.full_name if self.receiver is not None else self.receiver_name
        return not name or same_person(name, self.name)

    @property
    def stand_in_name(self) -> str:
        """Who goes up in the recipient's place — a collective's representative, or another
        person receiving for an absent individual; "" when the recipient goes up themselves."""
        if self.goes_up_self:
            return ""
        return self.receiver.full_name if self.receiver is not None else self.receiver_name

    @property
    def stand_in_text(self) -> str:
        """`stand_in_name` with the position, for the pages: "Trần Văn Bình (Hiệu trưởng)"."""
        return "" if self.goes_up_self else self.receiver_text


@dataclass(frozen=True)
class BatchEdit:
    """What the officer changed for one batch (CeremonyBatch row), keyed by form and number."""

    form_id: int
    number: int
    presenter: Person | None = None
    presenter_name: str = ""
    music_cue: str = ""
    notes: str = ""


# --------------------------------------------------------------------------- money


def award_amount(
    coefficient_milli: int,
    base_salary: int,
    multiplier_milli: int = 1000,
    rounding_unit: int = DEFAULT_ROUNDING_UNIT,
) -> int:
    """coefficient × base × multiplier, rounded UP to `rounding_unit` đồng; integers only.

    The one place award money is rounded (the rule in force comes from the catalogue's dated
    rounding rows, stated by rounding_sentence). The collective multiplier is applied before
    rounding (the decree multiplies the individual's amount; doubling the rounded amount instead
    can give 10.000 đ more).

    award_amount(1500, 2_340_000) == 3_510_000; award_amount(300, 2_340_000) == 710_000
    (702.000 rounded up to the ten thousand); award_amount(300, 2_340_000, 1000, 1) == 702_000.
    """
    for value in (coefficient_milli, base_salary, multiplier_milli, rounding_unit):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("award_amount works in whole numbers only")
    if coefficient_milli < 0 or base_salary < 0 or multiplier_milli < 0 or rounding_unit < 1:
        raise ValueError("award_amount: negative coefficient, salary or multiplier")
    exact = coefficient_milli * multiplier_milli * base_salary  # in millionths of a đồng
    step = 1_000_000 * rounding_unit
    return -(-exact // step) * rounding_unit


def rounding_sentence(unit: int) -> str:
    """The rounding rule in words, as the money list and the estimate state it."""
    if unit <= 1:
        return "Tiền thưởng tính đến đồng, không làm tròn."
    return (
        f"Tiền thưởng sau khi nhân hệ số với mức lương cơ sở (tập thể: nhân cả hệ số tập thể) "
        f"được làm tròn lên bội số của {vn.format_number(unit)} đồng."
    )


def multiplier_for(form: FormRule, kind: str) -> int:
    return form.collective_multiplier_milli if kind == COLLECTIVE else 1000


def _in_force(row, day: dt.date) -> bool:
    end = getattr(row, "effective_to", None)
    return row.effective_from <= day and (end is None or day <= end)


def _latest_in_force(rows: Iterable, day: dt.date):
    best = None
    for row in rows:
        if _in_force(row, day) and (best is None or row.effective_from > best.effective_from):
            best = row
    return best


def salary_on(salaries: Iterable[Salary], day: dt.date) -> Salary | None:
    """The base salary in force on `day`: the latest one whose effective date is not after it
    (and whose end date, if any, is not before it)."""
    return _latest_in_force(salaries, day)


def rate_on(form: FormRule, day: dt.date) -> Rate | None:
    """The form's coefficient and multiplier in force on `day` (None: no stored period covers
    it). A rule built by hand (rates None) has one undated rate."""
    if form.rates is None:
        return Rate(form.coefficient_milli, form.collective_multiplier_milli, dt.date.min)
    return _latest_in_force(form.rates, day)


def rounding_on(roundings: Iterable[Rounding], day: dt.date) -> Rounding | None:
    return _latest_in_force(roundings, day)


def pay_day(recipient: Recipient, conference_date: dt.date) -> dt.date:
    """The date whose base salary applies: the decision's, else the conference's (see above)."""
    return recipient.decision_date or conference_date


@dataclass
class MoneyLine:
    """Recipients of one form and kind paid on one base salary and one rate."""

    kind: str
    count: int
    base_salary: int
    unit_amount: int
    total: int
    salary_basis: str = ""
    coefficient_milli: int = 0
    multiplier_milli: int = 1000
    salary: Salary | None = None
    rate: Rate | None = None
    rounding: Rounding | None = None


@dataclass
class FormMoney:
    """The award money of one form: its lines (by kind and base salary), counts and total."""

    form: FormRule
    lines: list[MoneyLine] = field(default_factory=list)
    collectives: int = 0
    individuals: int = 0
    total: int = 0
    unpriced: int = 0  # recipients with no figure in force on their date

    @property
    def count(self) -> int:
        return self.collectives + self.individuals


@dataclass(frozen=True)
class Gap:
    """Recipients whose pay day no stored period covers, for one figure ("salary", "rate",
    "rounding"): the money is not computed, and the page and the check say so."""

    figure: str
    day: dt.date
    form_name: str
    periods: tuple[tuple[dt.date, dt.date | None], ...]
    form_id: int | None = None
    count: int = 1

    @property
    def message(self) -> str:
        when = vn.format_date_short(self.day)
        stored = "; ".join(
            f"từ {vn.format_date_short(a)}" + (f" đến {vn.format_date_short(b)}" if b else "")
            for a, b in sorted(self.periods)
        )
        stored = f"các mức đã lưu áp dụng {stored}" if stored else "chưa lưu mức nào"
        who = f"{vn.format_count(self.count)} khen thưởng “{self.form_name}”"
        if self.figure == "salary":
            what = "mức lương cơ sở"
        elif self.figure == "rate":
            what = f"hệ số tiền thưởng của “{self.form_name}”"
            stored = stored.replace("các mức", "các hệ số").replace("mức nào", "hệ số nào")
        else:
            what = "quy tắc làm tròn tiền thưởng"
            stored = stored.replace("các mức", "các quy tắc").replace("mức nào", "quy tắc nào")
        return (
            f"Chưa tính được tiền thưởng của {who} (ngày {when}): chưa có {what} áp dụng cho "
            f"ngày đó — {stored}; hãy thêm mức đúng văn bản ở Danh mục khen thưởng."
        )


@dataclass
class MoneySummary:
    forms: list[FormMoney]
    total: int
    unpriced: int
    amounts: dict[int, int]  # recipient id → amount (0 when unpriced)
    bases: dict[int, int] = field(default_factory=dict)  # recipient id → base salary used
    gaps: list[Gap] = field(default_factory=list)

    @property
    def total_in_words(self) -> str:
        return vn.amount_in_words(self.total)

    @property
    def lines(self) -> list[MoneyLine]:
        return [line for money in self.forms for line in money.lines]

    @property
    def salaries_used(self) -> list[Salary]:
        return _unique(line.salary for line in self.lines)

    @property
    def roundings_used(self) -> list[Rounding]:
        return _unique(line.rounding for line in self.lines)

    def rates_used(self) -> list[tuple[FormRule, Rate, bool]]:
        """(form, rate, whether a collective is paid on it) for every rate a line uses."""
        found: dict[tuple[int, object], list] = {}
        for money in self.forms:
            for line in money.lines:
                if line.rate is None:
                    continue
                entry = found.setdefault((money.form.id, line.rate), [money.form, line.rate, False])
                entry[2] = entry[2] or line.kind == COLLECTIVE
        return [tuple(entry) for entry in found.values()]

    @property
    def figures_used(self) -> list:
        """Every dated figure the money uses (salaries, rates, rounding rules)."""
        return [
            *self.salaries_used,
            *(rate for _form, rate, _collective in self.rates_used()),
            *self.roundings_used,
        ]

    @property
    def unverified_used(self) -> list:
        return [figure for figure in self.figures_used if figure.status != "confirmed"]


def _unique(items: Iterable) -> list:
    seen: list = []
    for item in items:
        if item is not None and item not in seen:
            seen.append(item)
    return seen


def order_forms(forms: Iterable[FormRule]) -> list[FormRule]:
    """Ceremony order: precedence (lower first), then Vietnamese name order."""
    return sorted(forms, key=lambda f: (f.precedence, vn.collation_key(f.name), f.id))


def money_by_form(
    forms: Iterable[FormRule],
    recipients: Iterable[Recipient],
    salaries: Sequence[Salary],
    conference_date: dt.date,
    rounding_unit: int = DEFAULT_ROUNDING_UNIT,
    roundings: Sequence[Rounding] | None = None,
) -> MoneySummary:
    """Award money per recipient and per form, in ceremony order of the forms.

    Each recipient's pay day (the decision's date, else the conference's) picks the base
    salary, the form's rate and the rounding rule in force; a day no stored period covers leaves
    the recipient unpriced and records a Gap (never priced at another period's figures).
    `roundings` None: `rounding_unit` on every date (a computation built by hand)."""
    by_id = {f.id: f for f in forms}
    per_form: dict[int, FormMoney] = {}
    lines: dict[tuple, MoneyLine] = {}
    amounts: dict[int, int] = {}
    bases: dict[int, int] = {}
    gaps: dict[tuple, Gap] = {}

    def gap(figure: str, day: dt.date, form: FormRule, periods) -> None:
        key = (figure, day, form.id if figure == "rate" else None, form.name)
        old = gaps.get(key)
        gaps[key] = Gap(
            figure, day, form.name, tuple(periods), form.id, (old.count + 1) if old else 1
        )

    for recipient in recipients:
        form = by_id.get(recipient.form_id)
        if form is None:
            continue
        money = per_form.setdefault(form.id, FormMoney(form=form))
        if recipient.kind == COLLECTIVE:
            money.collectives += 1
        else:
            money.individuals += 1
        day = pay_day(recipient, conference_date)
        salary = salary_on(salaries, day)
        rate = rate_on(form, day)
        if roundings is None:
            rounding = Rounding(rounding_unit, dt.date.min, status="confirmed")
        else:
            rounding = rounding_on(roundings, day)
        missing = False
        if salary is None:
            gap("salary", day, form, _periods(salaries))
            missing = True
        if rate is None:
            gap("rate", day, form, _periods(form.rates or ()))
            missing = True
        if rounding is None:
            gap("rounding", day, form, _periods(roundings or ()))
            missing = True
        if missing:
            money.unpriced += 1
            amounts[recipient.id] = 0
            continue
        multiplier = rate.collective_multiplier_milli if recipient.kind == COLLECTIVE else 1000
        amount = award_amount(rate.coefficient_milli, salary.amount, multiplier, rounding.unit)
        amounts[recipient.id] = amount
        bases[recipient.id] = salary.amount
        key = (form.id, recipient.kind, salary.amount, rate, rounding.unit)
        line = lines.get(key)
        if line is None:
            line = lines[key] = MoneyLine(
                recipient.kind, 0, salary.amount, amount, 0, salary.legal_basis,
                rate.coefficient_milli, multiplier, salary, rate, rounding,
            )  # fmt: skip
            money.lines.append(line)
        line.count += 1
        line.total += amount
        money.total += amount
    result = [per_form[f.id] for f in order_forms(by_id.values()) if f.id in per_form]
    for money in result:
        money.lines.sort(key=lambda line: (KIND_ORDER.index(line.kind), line.base_salary))
    return MoneySummary(
        forms=result,
        total=sum(m.total for m in result),
        unpriced=sum(m.unpriced for m in result),
        amounts=amounts,
        bases=bases,
        gaps=list(gaps.values()),
    )


def _periods(rows: Iterable) -> list[tuple[dt.date, dt.date | None]]:
    return [(row.effective_from, getattr(row, "effective_to", None)) for row in rows]


# --------------------------------------------------------------------------- physical items

ITEM_CATEGORIES = {
    "certificate": "Bằng, giấy khen, giấy chứng nhận (lồng khung)",
    "flag": "Cờ thi đua",
    "medal": "Huân chương, huy chương, huy hiệu",
    "box": "Hộp đựng",
    "other": "Hiện vật khác",
}


def same_person(a: str, b: str) -> bool:
    """Two ways of writing one name: "Nguyễn Văn  An" and "nguyễn văn an" (case, spacing)."""
    return vn.clean_text(a).casefold() == vn.clean_text(b).casefold()


def fold(text: str) -> str:
    """Lower case without tone or letter marks (đ → d), for matching what people type."""
    decomposed = unicodedata.normalize("NFD", vn.nfc(text).casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def item_category(item: str) -> str:
    """Which kind of thing an item is, from its name: "Hộp đựng Huân chương" → "box"."""
    folded = fold(item)
    if folded.startswith("hop") or " hop " in f" {folded} ":
        return "box"
    if folded.startswith("co ") or folded == "co" or "co thi dua" in folded:
        return "flag"
    if re.match(r"(huan chuong|huy chuong|huy hieu|ky niem chuong)", folded):
        return "medal"
    if re.search(r"\b(bang|giay khen|giay chung nhan|khung)\b", folded):
        return "certificate"
    return "other"


@dataclass
class ItemCount:
    item: str
    count: int
    category: str


def physical_item_counts(
    forms: Iterable[FormRule], recipients: Iterable[Recipient]
) -> list[ItemCount]:
    """How many of each physical item: every recipient gets each item of their form once.

    In ceremony order of the forms; the same item name across forms is counted together.
    """
    by_id = {f.id: f for f in forms}
    per_form: dict[int, int] = {}
    for recipient in recipients:
        if recipient.form_id in by_id:
            per_form[recipient.form_id] = per_form.get(recipient.form_id, 0) + 1
    counts: dict[str, ItemCount] = {}
    for form in order_forms(by_id.values()):
        number = per_form.get(form.id, 0)
        if not number:
            continue
        for item in form.items:
            key = fold(item)
            if key not in counts:
                counts[key] = ItemCount(item, 0, item_category(item))
            counts[key].count += number
    return list(counts.values())


def category_totals(items: Iterable[ItemCount]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for item in items:
        totals[item.category] = totals.get(item.category, 0) + item.count
    return totals


# --------------------------------------------------------------------------- the ceremony


def split_evenly(count: int, batch_size: int) -> list[int]:
    """Sizes of the batches for `count` people, none above `batch_size`, as even as possible.

    11 people in batches of 10 go up as 6 + 5, not 10 + 1: one person alone on a wide stage
    looks like a mistake, and two similar rows photograph well. The larger batches come first.
    """
    if count <= 0:
        return []
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    batches = -(-count // batch_size)
    small, extra = divmod(count, batches)
    return [small + 1] * extra + [small] * (batches - extra)


@dataclass
class Presenter:
    """Who hands a batch its awards: a delegate, or a typed name."""

    name: str
    position: str = ""
    honorific: str = "Đồng chí"
    delegate_id: int | None = None
    edited: bool = False

    @property
    def text(self) -> str:
        return f"{self.name}, {self.position}" if self.position else self.name


@dataclass
class Batch:
    """One đợt trao thưởng: recipients of one form and kind who go up together."""

    sequence: int  # Đợt n of the whole ceremony
    form: FormRule
    number: int  # n-th batch of this form (the key of its CeremonyBatch row)
    kind: str
    recipients: list[Recipient]
    presenter: Presenter | None
    music_cue: str = DEFAULT_MUSIC_CUE
    notes: str = ""
    first_of_form: bool = False
    last_of_form: bool = False

    @property
    def title(self) -> str:
        return f"Đợt {self.sequence} — {self.form.name}"

    @property
    def kind_text(self) -> str:
        return "tập thể, cá nhân" if self.kind == MIXED else KIND_PLURAL[self.kind]

    @property
    def kind_label(self) -> str:
        """ "Tập thể", "Cá nhân", or "Tập thể và cá nhân" for a batch of both."""
        return "Tập thể và cá nhân" if self.kind == MIXED else KIND_LABELS[self.kind]

    @property
    def count_text(self) -> str:
        """ "03 tập thể", "02 tập thể, 08 cá nhân": how many of each kind go up."""
        return recipients_count_text(self.recipients)


@dataclass
class Break:
    """Nghỉ giải lao after the last batch of a form (seed 002: after Cờ thi đua của Chính phủ)."""

    after_form: FormRule


@dataclass
class Ceremony:
    steps: list[Batch | Break]
    leaders: list[Person]

    @property
    def batches(self) -> list[Batch]:
        return [step for step in self.steps if isinstance(step, Batch)]

    @property
    def largest_batch(self) -> int:
        return max((len(b.recipients) for b in self.batches), default=0)

    @property
    def batches_without_presenter(self) -> list[Batch]:
        return [b for b in self.batches if b.presenter is None]


def recipients_count_text(recipients: Iterable[Recipient]) -> str:
    """ "03 tập thể, 08 cá nhân" (collectives first), each kind named only when present."""
    recipients = list(recipients)
    parts = []
    for kind in KIND_ORDER:
        count = sum(1 for r in recipients if r.kind == kind)
        if count:
            parts.append(vn.format_count(count, KIND_PLURAL[kind]))
    return ", ".join(parts)


def recipients_without_batch(
    recipients: Sequence[Recipient], ceremony: Ceremony
) -> list[Recipient]:
    """Recipients no batch calls to the stage, when the ceremony has batches at all (a form
    missing from the forms given to plan_ceremony leaves its recipients out)."""
    if not ceremony.batches:
        return []
    batched = {r.id for batch in ceremony.batches for r in batch.recipients}
    return [r for r in recipients if r.id not in batched]


def presidium_order(people: Iterable[Person]) -> list[Person]:
    """The Đoàn Chủ tịch who can present, most senior first (rank 1, 2, …; unranked last).

    Members who replied that they will not attend are left out.
    """
    from ..delegates.logic import protocol_key

    return sorted((p for p in people if p.presidium and not p.absent), key=protocol_key)


def stage_order(recipients: Iterable[Recipient]) -> list[Recipient]:
    """Collectives first, then individuals; each in the officer's order (position)."""
    return sorted(recipients, key=lambda r: (KIND_ORDER.index(r.kind), r.position, r.id))


def plan_ceremony(
    forms: Iterable[FormRule],
    recipients: Iterable[Recipient],
    batch_size: int = DEFAULT_BATCH_SIZE,
    people: Iterable[Person] = (),
    edits: Iterable[BatchEdit] = (),
    breaks_after: Iterable[str] = (),
    group_by: str = DEFAULT_GROUP_BY,
    organiser_level: str = "",
) -> Ceremony:
    """The batches of the award ceremony, in order, with a presenter for each.

    - Forms go in order of precedence (highest award first, Nghị định 145/2013/NĐ-CP); a batch
      never mixes forms. With `group_by` "form_kind" it never mixes collectives with
      individuals either (collectives of a form go first); with "form" a form's recipients are
      cut together, collectives first, so 20 Giấy khen at 10 a batch make 2 batches.
    - Each group is cut into batches of at most `batch_size`, as even as possible
      (split_evenly).
    - Presenters: the issuing level's own leaders (presenters_for: a Giấy khen of the Chủ tịch
      UBND xã by the xã's leaders, a Bằng khen of the Chủ tịch UBND tỉnh by the province's) in
      the Đoàn Chủ tịch take that level's batches in turn, most senior first; a batch with no
      leader of its level waits for the officer. A batch the officer edited keeps the chosen
      presenter.
    - A break follows the last batch of each form whose code is in `breaks_after` (not after the
      last batch of the ceremony).
    """
    by_form: dict[int, list[Recipient]] = {}
    form_list = list(forms)
    known = {f.id for f in form_list}
    for recipient in recipients:
        if recipient.form_id in known:
            by_form.setdefault(recipient.form_id, []).append(recipient)
    edit_of = {(e.form_id, e.number): e for e in edits}
    leaders = presidium_order(people)
    break_codes = set(breaks_after)
    turns: dict[tuple[int, ...], int] = {}  # batches each set of matching leaders has had
    steps: list[Batch | Break] = []
    sequence = 0
    for form in order_forms(f for f in form_list if f.id in by_form):
        form_batches: list[Batch] = []
        ordered = stage_order(by_form[form.id])
        if group_by == GROUP_BY_FORM:
            groups = [ordered]
        else:
            groups = [[r for r in ordered if r.kind == kind] for kind in KIND_ORDER]
        matching = presenters_for(form, leaders, organiser_level)
        key = tuple(p.id for p in matching)
        number = 0
        for group in groups:
            start = 0
            for size in split_evenly(len(group), batch_size):
                number += 1
                sequence += 1
                edit = edit_of.get((form.id, number))
                members = group[start : start + size]
                kinds = {r.kind for r in members}
                presenter = _edited_presenter(edit)
                if presenter is None and matching:
                    presenter = _as_presenter(matching[turns.get(key, 0) % len(matching)], False)
                    turns[key] = turns.get(key, 0) + 1
                batch = Batch(
                    sequence=sequence,
                    form=form,
                    number=number,
                    kind=kinds.pop() if len(kinds) == 1 else MIXED,
                    recipients=members,
                    presenter=presenter,
                    music_cue=(edit.music_cue if edit and edit.music_cue else DEFAULT_MUSIC_CUE),
                    notes=edit.notes if edit else "",
                )
                start += size
                form_batches.append(batch)
        form_batches[0].first_of_form = True
        form_batches[-1].last_of_form = True
        steps.extend(form_batches)
        if form.code in break_codes:
            steps.append(Break(after_form=form))
    while steps and isinstance(steps[-1], Break):
        steps.pop()
    return Ceremony(steps=steps, leaders=leaders)


def _edited_presenter(edit: BatchEdit | None) -> Presenter | None:
    if edit is not None and edit.presenter is not None:
        return _as_presenter(edit.presenter, edited=True)
    if edit is not None and edit.presenter_name:
        return Presenter(name=edit.presenter_name, edited=True)
    return None


# --------------------------------------------------------------------------- presenters' level

NATIONAL = "nha_nuoc"
PROVINCE = "tinh"
DISTRICT = "huyen"
COMMUNE = "xa"

# The words that name a level in a position, a unit or a group name, most specific first where
# one contains another ("thị xã" is a district-level town, "hợp tác xã" a cooperative and "xã
# hội" society: none is a xã). "Sở" and "Bộ" are matched with their capital (a Sở, a Bộ),
# so "cơ sở" and "bộ phận" are not.
_LEVEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        NATIONAL,
        re.compile(
            r"\b(?:(?i:trung ương|chính phủ|quốc hội|chủ tịch nước|thủ tướng|bộ trưởng|"
            r"thứ trưởng)|Bộ(?= [A-ZĐÂ])(?! Chỉ huy))\b"
        ),
    ),
    (DISTRICT, re.compile(r"\b(?i:huyện|quận|thị xã)\b")),
    (
        COMMUNE,
        re.compile(r"(?<!thị )(?<!tác )\b(?i:xã|phường|đặc khu|thị trấn)\b(?! hội)", re.I),
    ),
    (PROVINCE, re.compile(r"\b(?:(?i:tỉnh|tỉnh ủy|thành phố)|Sở)\b")),
)


LEVEL_NAMES = {
    NATIONAL: "Trung ương",
    PROVINCE: "cấp tỉnh",
    DISTRICT: "cấp huyện",
    COMMUNE: "cấp xã",
}


def level_in_text(text: str) -> str:
    """The level a text names first: "Phó Giám đốc Sở Nội vụ" → "tinh", "Bí thư Đảng ủy xã" →
    "xa", "Đảng ủy xã Tân Hòa, tỉnh Vĩnh Long" → "xa" (the body comes before its province);
    "" when the text names none ("Lãnh đạo", "Giám đốc")."""
    text = vn.clean_text(text or "")
    best: tuple[int, str] | None = None
    for level, pattern in _LEVEL_WORDS:
        found = pattern.search(text)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), level)
    return best[1] if best else ""


@functools.lru_cache(maxsize=4096)  # a pure reading of three strings, asked for every delegate
def presenter_level(position: str, unit: str = "", group: str = "") -> str:
    """The level a delegate leads at, from what the officer typed: the position first (it names
    the body: "Chủ tịch Ủy ban nhân dân xã"), else the unit, else the group's name ("Đại biểu
    cấp tỉnh: …"); "" when none says."""
    for text in (position, unit, group):
        level = level_in_text(text)
        if level:
            return level
    return ""


def organiser_tier(level: str) -> str:
    """A conference's level as a presenter's level: a phường, đặc khu or thị trấn is a xã's."""
    return COMMUNE if level in ("xa", "phuong", "dac_khu", "thi_tran") else level


def presenting_levels(form_level: str, organiser_level: str) -> tuple[str, ...]:
    """Whose leaders may present a form, by its issuing level (AwardForm.level):

    - "nha_nuoc" (Huân chương, Bằng khen of the Thủ tướng, Cờ of the Chính phủ): a national
      leader, else a leader of the province, which hands State awards on the issuer's behalf;
    - "tinh": the province's leaders; "huyen": the district's; "xa", "phuong", "dac_khu": the
      xã's (phường's, đặc khu's);
    - "co_so" (Chiến sĩ thi đua cơ sở, Lao động tiên tiến) and a form of no stated level: the
      organiser's own leaders — these are conferred by the head of the organising body.
    """
    if form_level in (NATIONAL, "trung_uong"):
        return (NATIONAL, PROVINCE)
    if form_level in (PROVINCE, DISTRICT):
        return (form_level,)
    if form_level in ("xa", "phuong", "dac_khu", "thi_tran"):
        return (COMMUNE,)
    organiser = organiser_tier(organiser_level)
    return (organiser,) if organiser else ()


def presenters_for(
    form: FormRule, leaders: Sequence[Person], organiser_level: str = ""
) -> list[Person]:
    """The Đoàn Chủ tịch members (in protocol order) who may present `form`: those of the first
    of its presenting levels that has anyone. A member whose position, unit and group name no
    level counts as the organiser's own (a xã's "Chủ tịch UBND" seldom writes "xã")."""
    organiser = organiser_tier(organiser_level)
    for level in presenting_levels(form.level, organiser_level):
        matching = [p for p in leaders if (p.level or organiser) == level]
        if matching:
            return matching
    return []


def _as_presenter(person: Person, edited: bool) -> Presenter:
    return Presenter(
        name=person.full_name,
        position=person.position,
        honorific=person.honorific or "Đồng chí",
        delegate_id=person.id,
        edited=edited,
    )


# --------------------------------------------------------------------------- the issuer

# A catalogue name that names its issuer by level only — "Giấy khen của Chủ tịch Ủy ban nhân dân
# cấp xã", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" — whose end the conference names.
_LEVEL_ISSUER = re.compile(r"^(?P<head>.*\b(?:Ủy|Uỷ) ban nhân dân) (?:cấp )?(?P<level>xã|tỉnh)$")


def form_title(form: FormRule, organiser) -> str:
    """The form's name as this conference's texts say it: the issuer named from the conference.

    "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã" → "… Ủy ban nhân dân phường Hồng Hà" for a
    conference of phường Hồng Hà; "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" → "… tỉnh Tây
    Ninh" (or "… thành phố Hà Nội" for a centrally-run city) from the conference's province. A
    name that already names its issuer, or a level the conference cannot name (a xã's Giấy khen
    at a province's conference), stays as the catalogue keeps it. `organiser`: a
    conferences.units.Organiser, a conference or its values.
    """
    from ..conferences.units import Organiser

    if not isinstance(organiser, Organiser):
        organiser = Organiser.of(organiser)
    name = vn.clean_text(form.catalogue_name or form.name)
    match = _LEVEL_ISSUER.match(name)
    if not match:
        return name
    if match["level"] == "tỉnh":
        who = organiser.province_title
    else:
        who = organiser.unit_title if organiser.level == "xa" else ""
    return f"{match['head']} {who}" if who else name


def for_organiser(forms: Iterable[FormRule], organiser) -> list[FormRule]:
    """The catalogue's forms named for one conference (form_title), the catalogue's name kept,
    each with who pays it when another level does (budget.logic.award_payer)."""
    from dataclasses import replace

    from ..budget.logic import award_payer

    level = getattr(organiser, "level", "") or ""
    province = getattr(organiser, "province_title", "") or ""
    return [
        replace(
            form,
            name=form_title(form, organiser),
            catalogue_name=form.catalogue_name or form.name,
            paid_elsewhere_by=award_payer(form.level, level, province) if level else "",
        )
        for form in forms
    ]


# --------------------------------------------------------------------------- the script


def decision_authority(
    form_name: str, decision_number: str, issuer: str = "", level: str = "", province: str = ""
) -> str:
    """Who signed the decision, as the MC reads it ("… của Thủ tướng Chính phủ").

    From the decision's symbol when it names the signer (QĐ-CTN: Chủ tịch nước, QĐ-TTg: Thủ tướng
    Chính phủ — Nghị định 30/2020/NĐ-CP, Phụ lục III), else from the form's name ("Bằng khen của
    Chủ tịch Ủy ban nhân dân tỉnh"), else "Chủ tịch nước" for a Huân chương, else — for a
    QĐ-UBND decision — the chairman of the Ủy ban nhân dân of the form's level: "Chủ tịch Ủy ban
    nhân dân tỉnh" for a provincial form (named: `province`, "tỉnh Tây Ninh"), the organiser
    (`issuer`) otherwise; "" when unknown.
    """
    symbol = vn.clean_text(decision_number).upper()
    if re.search(r"QĐ-CTN\b", symbol):
        return "Chủ tịch nước"
    if re.search(r"QĐ-TTG\b", symbol):
        return "Thủ tướng Chính phủ"
    name = vn.clean_text(form_name)
    if " của " in name:
        return name.split(" của ", 1)[1]
    if fold(name).startswith(("huan chuong", "huy chuong")):
        return "Chủ tịch nước"
    if re.search(r"QĐ-UBND\b", symbol):
        if level == "tinh":
            return f"Chủ tịch Ủy ban nhân dân {vn.clean_text(province) or 'tỉnh'}"
        issuer = vn.clean_text(issuer)
        if fold(issuer).startswith("uy ban nhan dan"):
            return f"Chủ tịch {issuer}"
    return ""


def decision_text(number: str, day: dt.date | None, authority: str, blank: str = "……") -> str:
    """ "Quyết định số 125/QĐ-TTg ngày 05 tháng 01 năm 2026 của Thủ tướng Chính phủ"; the parts
    not yet known are left as dotted blanks for the MC's copy."""
    text = f"Quyết định số {vn.clean_text(number) or blank}"
    text += f" {vn.format_date_long(day)}" if day else f" ngày {blank}"
    if authority:
        text += f" của {authority}"
    return text


def award_phrase(form_name: str) -> str:
    """The award as said after "được …": "tặng danh hiệu “Chiến sĩ thi đua cơ sở”",
    "tặng thưởng Huân chương Lao động hạng Ba", "tặng Bằng khen của Thủ tướng Chính phủ"."""
    folded = fold(form_name)
    if folded.startswith(("huan chuong", "huy chuong")):
        return f"tặng thưởng {form_name}"
    if folded.startswith(("chien si", "lao dong", "tap the", "don vi")):
        return f"tặng danh hiệu “{form_name}”"
    return f"tặng {form_name}"


def recipient_line(recipient: Recipient) -> str:
    """A name as the MC reads it and the list prints it: name, job title, unit; who goes up."""
    parts = [recipient.name]
    if recipient.job_title:
        parts.append(recipient.job_title)
    if recipient.unit and fold(recipient.unit) not in fold(recipient.name):
        parts.append(recipient.unit)
    text = ", ".join(parts)
    receiver = recipient.stand_in_name
    if receiver:
        if recipient.kind == COLLECTIVE:
            text += f" (đại diện nhận: {receiver})"
        else:
            text += f" ({receiver} nhận thay)"
    return text


def _honorific(presenter: Presenter) -> str:
    word = (presenter.honorific or "Đồng chí").strip()
    return word[:1].lower() + word[1:]


@dataclass
class ScriptBatch:
    """What the MC says and does for one batch; the backstage page of the same batch."""

    batch: Batch
    heading: str
    announce: str | None  # the MC inviting the decision to be read (first batch of a form)
    decisions: list[str]  # the decisions read, in full
    invite_recipients: str
    names: list[str]
    invite_presenter: str
    music_cue: str
    closing: str
    items: list[str]  # physical items per recipient, for the backstage page


@dataclass
class ScriptBreak:
    heading: str
    text: str


@dataclass
class CeremonyScript:
    title: str
    subtitle: str
    intro: list[str]
    parts: list[ScriptBatch | ScriptBreak]
    presenters_rule: str

    @property
    def batches(self) -> list[ScriptBatch]:
        return [p for p in self.parts if isinstance(p, ScriptBatch)]


PRESENTERS_RULE = (
    "Mỗi hình thức khen thưởng do lãnh đạo của cấp ban hành quyết định ngồi trong Đoàn Chủ tịch "
    "trao (Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã do lãnh đạo cấp xã trao, Bằng khen của "
    "Chủ tịch Ủy ban nhân dân tỉnh do lãnh đạo tỉnh trao; khen thưởng cấp Nhà nước do lãnh đạo "
    "Trung ương, nếu không có thì lãnh đạo tỉnh trao); các đồng chí cùng cấp lần lượt theo thứ tự "
    "lễ tân, đồng chí cao nhất trao trước. Đợt không có lãnh đạo cùng cấp thì Ban Tổ chức chọn "
    "người trao; đợt nào đã chọn người trao riêng thì giữ người đã chọn."
)


def ceremony_script(
    conference_title: str, when: str, ceremony: Ceremony, issuer: str = "", province: str = ""
) -> CeremonyScript:
    """The kịch bản trao thưởng: for each batch the MC's words, the decision, the names in stage
    order, the music cue; breaks where planned.

    A decision is read once, before the first batch it covers; a later batch under the same
    decision goes straight to inviting the recipients.
    """
    parts: list[ScriptBatch | ScriptBreak] = []
    read: set[tuple[int, str, dt.date | None]] = set()
    for step in ceremony.steps:
        if isinstance(step, Break):
            parts.append(
                ScriptBreak(
                    heading="Nghỉ giải lao",
                    text="Ban Tổ chức trân trọng kính mời quý vị đại biểu nghỉ giải lao; "
                    "chương trình trao thưởng sẽ tiếp tục ngay sau đó.",
                )
            )
            continue
        new = []
        for key in _decision_keys(step):
            if (step.form.id, *key) not in read:
                read.add((step.form.id, *key))
                new.append(key)
        parts.append(_script_batch(step, new, issuer, province))
    return CeremonyScript(
        title="Kịch bản trao thưởng",
        subtitle=conference_title,
        intro=[when] if when else [],
        parts=parts,
        presenters_rule=PRESENTERS_RULE,
    )


def _decision_keys(batch: Batch) -> list[tuple[str, dt.date | None]]:
    keys: list[tuple[str, dt.date | None]] = []
    for recipient in batch.recipients:
        key = (vn.clean_text(recipient.decision_number), recipient.decision_date)
        if key not in keys:
            keys.append(key)
    return keys


def _script_batch(
    batch: Batch,
    decisions: list[tuple[str, dt.date | None]],
    issuer: str = "",
    province: str = "",
) -> ScriptBatch:
    form = batch.form.name
    count = len(batch.recipients)
    phrase = award_phrase(form)
    whom = batch.kind_text
    announce = None
    if decisions:
        announce = (
            "Xin trân trọng kính mời đại diện Ban Tổ chức lên công bố "
            f"{'quyết định' if len(decisions) == 1 else 'các quyết định'} {phrase}."
        )
    if batch.kind == MIXED:
        collectives = sum(1 for r in batch.recipients if r.kind == COLLECTIVE)
        individuals = count - collectives
        who = (
            f"đại diện {vn.format_count(collectives, 'tập thể')} và "
            f"{vn.format_count(individuals, 'cá nhân')}"
        )
    elif batch.kind == COLLECTIVE:
        who = "đại diện tập thể" if count == 1 else f"đại diện {vn.format_count(count, 'tập thể')}"
    else:
        who = "cá nhân" if count == 1 else vn.format_count(count, "cá nhân")
    invite = f"Xin trân trọng kính mời {who} được {phrase} lên sân khấu nhận khen thưởng:"
    to_whom = f"các {whom}" if count > 1 else whom
    if batch.presenter is not None:
        presenter = batch.presenter
        invite_presenter = (
            f"Xin trân trọng kính mời {_honorific(presenter)} {presenter.text} "
            f"lên trao {form} cho {to_whom}."
        )
    else:
        invite_presenter = (
            f"Xin trân trọng kính mời đồng chí ……………………………… lên trao {form} cho {to_whom}."
        )
    congratulated = (
        f"các {whom}" if count > 1 else f"{whom} {batch.recipients[0].name}" if count else whom
    )
    closing = (
        f"Xin chúc mừng {congratulated} vừa được {phrase}. Kính mời "
        f"{'các đồng chí' if count > 1 else 'đồng chí'} quay xuống chụp ảnh lưu niệm, sau đó trở "
        "về chỗ ngồi."
    )
    return ScriptBatch(
        batch=batch,
        heading=f"Đợt {batch.sequence}: {form} ({batch.count_text})",
        announce=announce,
        decisions=[
            decision_text(
                number,
                day,
                decision_authority(form, number, issuer, batch.form.level, province),
            )
            for number, day in decisions
        ],
        invite_recipients=invite,
        names=[recipient_line(r) for r in batch.recipients],
        invite_presenter=invite_presenter,
        music_cue=batch.music_cue,
        closing=closing,
        items=batch.form.items,
    )


# --------------------------------------------------------------------------- LED display


@dataclass
class LedName:
    name: str
    detail: str = ""


@dataclass
class LedSlide:
    """One screen of the LED wall: the form as heading, the names on stage."""

    sequence: int
    heading: str
    subheading: str
    names: list[LedName]


def led_columns(count: int, wide: bool = False) -> int:
    """Columns for `count` names on a screen: one column up to five names on a 16:9 screen, more
    as the batch grows; on a wide LED wall (3:1 and wider) names spread across first, because
    there the height is short."""
    if wide:
        for limit, columns in ((4, count), (6, 3), (8, 4), (15, 5)):
            if count <= limit:
                return max(columns, 1)
        return 6
    for limit, columns in ((5, 1), (10, 2), (15, 3)):
        if count <= limit:
            return columns
    return 4


def led_name(recipient: Recipient) -> LedName:
    if recipient.kind == COLLECTIVE:
        detail = recipient.unit if fold(recipient.unit) not in fold(recipient.name) else ""
    else:
        detail = ", ".join(p for p in (recipient.job_title, recipient.unit) if p)
    return LedName(name=recipient.name, detail=detail)


def led_slides(ceremony: Ceremony) -> list[LedSlide]:
    """One slide per batch (breaks are not shown: the screen keeps the last names or the
    backdrop while people stand up)."""
    return [
        LedSlide(
            sequence=batch.sequence,
            heading=batch.form.name,
            subheading=f"Đợt {batch.sequence} · {batch.kind_label}",
            names=[led_name(r) for r in batch.recipients],
        )
        for batch in ceremony.batches
    ]


# --------------------------------------------------------------------------- dashboard


@dataclass
class Overview:
    """The awards card: counts for the preparation team and what is still to do."""

    progress: int
    lines: list[str]
    todo: list[str]


def money_by_payer(money: MoneySummary) -> list[tuple[str, int, list[str]]]:
    """(payer, amount, form names) of the award money by who pays it: the organiser's own fund
    first (payer ""), then each other level in ceremony order. The organiser's part is the
    estimate's TIỀN THƯỞNG (budget.operations._award_inputs counts the same forms)."""
    split: dict[str, tuple[int, list[str]]] = {"": (0, [])}
    for form_money in money.forms:
        payer = form_money.form.paid_elsewhere_by
        amount, names = split.get(payer, (0, []))
        if form_money.form.name not in names:
            names = [*names, form_money.form.name]
        split[payer] = (amount + form_money.total, names)
    return [(payer, amount, names) for payer, (amount, names) in split.items()]


def money_line(money: MoneySummary) -> str:
    """The award money as the dashboard and the awards page say it: the whole ceremony's, and,
    when other levels pay part of it, the organiser's own share — the figure the estimate
    carries as TIỀN THƯỞNG, so that the two cards agree."""
    total = f"Tiền thưởng: {vn.format_money(money.total)}"
    split = money_by_payer(money)
    elsewhere = sum(amount for payer, amount, _names in split if payer)
    if not elsewhere:
        return total
    own = split[0][1]
    if not own:
        return f"{total}, do cấp khác chi (không tính vào dự toán kinh phí)"
    return (
        f"{total}, trong đó quỹ của đơn vị tổ chức chi {vn.format_money(own)} (tính vào dự "
        f"toán kinh phí), cấp khác chi {vn.format_money(elsewhere)}"
    )


def overview(
    recipients: Sequence[Recipient],
    money: MoneySummary,
    items: Sequence[ItemCount],
    ceremony: Ceremony,
    has_salary: bool = True,
) -> Overview:
    if not recipients:
        return Overview(
            progress=0,
            lines=[],
            todo=["Chưa có danh sách khen thưởng: thêm từng người hoặc nhập từ Excel."],
        )
    lines = []
    shown = money.forms if len(money.forms) <= 5 else money.forms[:4]
    for form_money in shown:
        parts = []
        if form_money.collectives:
            parts.append(f"{form_money.collectives} tập thể")
        if form_money.individuals:
            parts.append(f"{form_money.individuals} cá nhân")
        lines.append(f"{form_money.form.name}: {', '.join(parts)}")
    if len(shown) < len(money.forms):
        rest = money.forms[len(shown) :]
        lines.append(f"… và {len(rest)} hình thức khác: {sum(m.count for m in rest)} người nhận")
    totals = category_totals(items)
    things = []
    if totals.get("certificate"):
        things.append(f"{totals['certificate']} bằng, giấy khen lồng khung")
    if totals.get("flag"):
        things.append(f"{totals['flag']} cờ thi đua")
    if totals.get("medal"):
        things.append(f"{totals['medal']} huân chương, huy hiệu")
    if totals.get("box"):
        things.append(f"{totals['box']} hộp đựng")
    if things:
        lines.append("Hiện vật: " + ", ".join(things))
    batches = ceremony.batches
    lines.append(
        f"{len(batches)} đợt trao thưởng; khay bê hiện vật: {ceremony.largest_batch} chiếc"
    )
    lines.append(money_line(money))

    todo = []
    no_receiver = [
        r for r in recipients if r.kind == COLLECTIVE and r.receiver is None and not r.receiver_name
    ]
    if no_receiver:
        todo.append(f"{len(no_receiver)} khen thưởng tập thể chưa có người lên nhận")
    no_decision = [r for r in recipients if not r.decision_number]
    if no_decision:
        todo.append(f"{len(no_decision)} khen thưởng chưa có số quyết định")
    missing = ceremony.batches_without_presenter
    if missing:
        numbers = ", ".join(str(b.sequence) for b in missing[:6])
        more = "…" if len(missing) > 6 else ""
        todo.append(f"Chưa chọn người trao cho đợt {numbers}{more}")
    if money.unpriced or not has_salary:
        todo.append(
            f"{money.unpriced} khen thưởng chưa tính được tiền: chưa có mức lương cơ sở "
            "có hiệu lực vào ngày quyết định"
        )
    checks = 4
    done = checks - sum(bool(x) for x in (no_receiver, no_decision, missing, money.unpriced))
    return Overview(progress=round(100 * done / checks), lines=lines, todo=todo)


# --------------------------------------------------------------------------- the programme

# The programme's award items are kept in step with the ceremony (agenda/operations.py,
# keep_derived_items): one item per form in ceremony order, a break where the ceremony has one.
PROGRAMME_KEY_PREFIX = "awards:"
PLACEHOLDER_KEY = "awards:placeholder"  # a preset's award item, until awards are entered
DEFAULT_MINUTES_PER_BATCH = 3
MAX_PROGRAMME_MINUTES = 240  # agenda/models.py MAX_ITEM_MINUTES: one item is at most 4 hours
_PRESENTERS_MAX = 300  # AgendaItem.presenter


@dataclass(frozen=True)
class ProgrammeItem:
    """An item the programme must hold for the award ceremony (AgendaItem.derived_key = key)."""

    key: str  # "awards:<form code>" or "awards:break:<form code>"
    kind: str  # "trao_thuong" or "nghi_giai_lao"
    title: str
    presenter: str
    minutes: int
    batches: int = 0


def form_key(code: str) -> str:
    return f"{PROGRAMME_KEY_PREFIX}{code}"


def break_key(code: str) -> str:
    return f"{PROGRAMME_KEY_PREFIX}break:{code}"


def count_text(count: int, kind: str) -> str:
    """ "01 tập thể", "12 cá nhân": under ten with a leading 0, as programmes write counts."""
    return vn.format_count(count, KIND_PLURAL[kind])


def programme_title(form: FormRule, collectives: int, individuals: int) -> str:
    """ "Công bố quyết định và trao Cờ thi đua của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập
    thể". The decision is read before the form's first batch (ceremony_script), so every award
    item announces its decision; a danh hiệu is named as one (“Chiến sĩ thi đua cơ sở”)."""
    phrase = award_phrase(form.name)
    what = phrase.removeprefix("tặng thưởng ").removeprefix("tặng ")
    counts = []
    if collectives:
        counts.append(count_text(collectives, COLLECTIVE))
    if individuals:
        counts.append(count_text(individuals, INDIVIDUAL))
    return f"Công bố quyết định và trao {what} cho {', '.join(counts)}"


def presenters_text(batches: Sequence[Batch]) -> str:
    """Who presents a form's batches, each once in batch order: "Lê Quốc Hưng, Phó Giám đốc Sở
    Nội vụ; Nguyễn Văn Thạnh, Bí thư Đảng ủy xã" (names alone when that is too long)."""
    seen: list[Presenter] = []
    for batch in batches:
        if batch.presenter is not None and all(
            not same_person(batch.presenter.name, p.name) for p in seen
        ):
            seen.append(batch.presenter)
    text = "; ".join(p.text for p in seen)
    if len(text) <= _PRESENTERS_MAX:
        return text
    names: list[str] = []
    for presenter in seen:
        if len("; ".join([*names, presenter.name])) > _PRESENTERS_MAX - 25:
            return "; ".join(names) + " và các đồng chí khác"
        names.append(presenter.name)
    return "; ".join(names)


def programme_items(
    ceremony: Ceremony,
    minutes_per_batch: int = DEFAULT_MINUTES_PER_BATCH,
    break_minutes: int = 15,
) -> list[ProgrammeItem]:
    """The programme's award items: one per form in ceremony order (highest form first), lasting
    batches × `minutes_per_batch` (at most 4 hours), presented by its batches' presenters; a
    "Nghỉ giải lao" after a form where the ceremony has a break."""
    items: list[ProgrammeItem] = []
    by_form: dict[int, list[Batch]] = {}
    for step in ceremony.steps:
        if isinstance(step, Break):
            items.append(
                ProgrammeItem(
                    key=break_key(step.after_form.code),
                    kind="nghi_giai_lao",
                    title="Nghỉ giải lao",
                    presenter="",
                    minutes=break_minutes,
                )
            )
            continue
        batches = by_form.setdefault(step.form.id, [])
        batches.append(step)
        if not step.last_of_form:
            continue
        collectives = sum(1 for b in batches for r in b.recipients if r.kind == COLLECTIVE)
        individuals = sum(1 for b in batches for r in b.recipients if r.kind == INDIVIDUAL)
        items.append(
            ProgrammeItem(
                key=form_key(step.form.code),
                kind="trao_thuong",
                title=programme_title(step.form, collectives, individuals),
                presenter=presenters_text(batches),
                minutes=max(1, min(len(batches) * minutes_per_batch, MAX_PROGRAMME_MINUTES)),
                batches=len(batches),
            )
        )
    return items
