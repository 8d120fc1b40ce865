"""The budget estimate (dự toán kinh phí) as pure computations: no Flask, no database session.

Money is integer đồng. Quantities are thousandths (1,5 ngày → 1500) so that a decimal quantity
stays exact; a line's amount is quantity × unit price rounded half up to the whole đồng
(làm tròn 5 lên): amount = (quantity_milli × unit_price + 500) // 1000.

Nothing here touches the database or imports operations.py (issue 19: the plan reads the
estimate's total through operations.budget_total).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import vn
from ..conferences.vocab import BUDGET_CATEGORIES

# A line and the whole estimate are capped at 10^12 đồng (một nghìn tỷ): far above any
# conference, low enough that a stray extra digit (10^13) is caught as a typing mistake.
MAX_AMOUNT = 10**12
MAX_UNIT_PRICE = MAX_AMOUNT
MAX_QUANTITY_MILLI = 10_000_000 * 1000  # ten million units
MAX_DAYS_MILLI = 30_000  # BudgetSettings' check constraint: at most 30 ngày

# Where the meeting is held, which sets the meal support rate (Thông tư 40/2017/TT-BTC, Điều 12
# khoản 4: "mức khoán" by the meeting's location, not by the organiser's level, except c) which
# covers every meeting a xã, phường or thị trấn organises wherever it is held). The code is also
# the norm's code suffix (meal_tp_trung_uong, meal_tinh, meal_xa). Since 01/7/2025 there are no
# districts: "nội thành" of a centrally-run city is read as a phường of one of the six
# centrally-run cities (Hà Nội, Hải Phòng, Huế, Đà Nẵng, Thành phố Hồ Chí Minh, Cần Thơ), and b)
# covers every other place in a province or city (docs/legal-figures.md). The officer chooses.
MEAL_LOCATIONS: dict[str, str] = {
    "tp_trung_uong": (
        "a) Cuộc họp tổ chức tại nội thành thành phố trực thuộc trung ương (phường của Hà Nội, "
        "Hải Phòng, Huế, Đà Nẵng, Thành phố Hồ Chí Minh, Cần Thơ)"
    ),
    "tinh": (
        "b) Cuộc họp tổ chức tại nội thành thành phố thuộc tỉnh hoặc tại các xã, phường, đặc khu "
        "khác"
    ),
    "xa": "c) Cuộc họp do xã, phường, đặc khu tổ chức (không phân biệt địa điểm)",
}
# A file or a database from before issue 16 said "huyen" (150.000 đ, the same as b).
LEGACY_MEAL_LOCATIONS = {"huyen": "tinh"}
MEAL_BASIS = "Thông tư số 40/2017/TT-BTC ngày 28/4/2017 của Bộ Tài chính, Điều 12 khoản 4"


def default_meal_location(level: str, unit_type: str = "", central_city: bool = False) -> str:
    """The meeting's location for the meal rate, as the organiser suggests it (the officer can
    change it in the budget settings): c) for a xã, phường or đặc khu organiser; a) for a body
    of a centrally-run city (its meetings are usually held in the inner area); b) otherwise."""
    if unit_type in ("xa", "phuong", "dac_khu") or (not unit_type and level == "xa"):
        return "xa"
    if unit_type == "thanh_pho" or (unit_type in ("", "khac", "tinh") and central_city):
        return "tp_trung_uong"
    return "tinh"


def meal_location_for(conference) -> str:
    """default_meal_location read from a conference (the organiser fields of issue 16 when the
    conference has them, else its level)."""
    return default_meal_location(
        conference.level,
        getattr(conference, "unit_type", "") or "",
        bool(getattr(conference, "is_central_city", False)),
    )


PROFILE_KINDS: dict[str, str] = {
    "national": "Định mức chung (Trung ương)",
    "province": "Nghị quyết HĐND tỉnh",
    "unit": "Quy chế chi tiêu nội bộ của đơn vị",
}

# Units whose quantity may carry a decimal part ("1,5 ngày", "2,5 m²"); any other unit (bộ,
# cái, người, chiếc, …) counts whole things.
_DECIMAL_UNIT_WORDS = ("ngày", "buổi", "giờ", "tháng", "m2", "m²", "m", "kg", "lít", "km", "gói")

# The norm a line is checked against when it names none, by category.
DEFAULT_NORM_BY_CATEGORY = {"nuoc_uong": "drinks"}

DERIVED_LABELS = {
    "drinks": "Nước uống: số đại biểu × số ngày",
    "meals": "Hỗ trợ tiền ăn: số đại biểu × số ngày, đơn giá theo định mức",
    "delegates": "Số lượng theo số đại biểu",
    "recipients": "Số lượng theo số tập thể, cá nhân nhận khen thưởng",
    "decor": "Theo hạng mục trang trí có dự kiến chi",
    "award_money": "Theo danh sách khen thưởng (tiền thưởng)",
    "award_items": "Theo danh sách khen thưởng (hiện vật)",
}


def derived_family(key: str | None) -> str:
    return (key or "").split(":", 1)[0]


# Award money and award items are paid by the level that decides the award: "Người ra quyết
# định khen thưởng có trách nhiệm chi thưởng từ quỹ thi đua, khen thưởng do cấp mình quản lý"
# (Luật Thi đua, khen thưởng 2022, Điều 11 khoản 4 — as Bộ Nội vụ quotes it, baochinhphu.vn;
# the article of Nghị định 152/2025/NĐ-CP on the fund is not verified here, docs/budget.md).
# So a conference's estimate carries only the awards its organiser's level decides: a phường
# pays its Giấy khen and the cơ sở titles its chairman decides, the province pays its Bằng
# khen and Cờ thi đua. Catalogue levels (presets/award_forms.toml): nha_nuoc, tinh, co_so, xa.
ORGANISER_AWARD_LEVELS: dict[str, frozenset[str]] = {
    "tinh": frozenset({"tinh"}),
    "huyen": frozenset({"huyen", "co_so"}),
    "xa": frozenset({"xa", "co_so"}),
}
# Who pays an award of another level, as the budget page names it.
AWARD_PAYERS = {
    "nha_nuoc": "cấp trình khen thưởng cấp Nhà nước",
    "tinh": "cấp tỉnh",
    "huyen": "cấp huyện",
    "xa": "cấp xã",
    "co_so": "cấp cơ sở",
}


def paid_by_organiser(form_level: str, organiser_level: str) -> bool:
    """Whether the organiser's own fund pays an award of `form_level` (a form with no level,
    typed by the officer, is taken as the organiser's own)."""
    if not form_level:
        return True
    return form_level in ORGANISER_AWARD_LEVELS.get(organiser_level, frozenset({organiser_level}))


def award_payer(form_level: str, organiser_level: str, province_title: str = "") -> str:
    """Who pays an award of `form_level` when not the organiser's own fund, as the money list
    and the budget page name it; "" when the organiser pays. A province's awards in one of the
    six centrally-run cities are the city's ("cấp thành phố")."""
    if paid_by_organiser(form_level, organiser_level):
        return ""
    if form_level == "tinh" and province_title.startswith("thành phố"):
        return "cấp thành phố"
    return AWARD_PAYERS.get(form_level, f"cấp {form_level}")


def paid_elsewhere_sentence(forms: Sequence[tuple[str, str]]) -> str:
    """One sentence naming the awards (name, level) whose money another level pays, or ""."""
    by_payer: dict[str, list[str]] = {}
    for name, level in forms:
        # `level` is a catalogue level, or already the payer's words (award_payer)
        payer = level if level.startswith("cấp ") else AWARD_PAYERS.get(level, f"cấp {level}")
        names = by_payer.setdefault(payer, [])
        if name not in names:
            names.append(name)
    if not by_payer:
        return ""
    parts = [f"{', '.join(names)} do {payer} chi" for payer, names in by_payer.items()]
    return (
        f"Tiền thưởng, hiện vật khen thưởng của {'; '.join(parts)}, không tính vào dự toán này "
        "(cấp nào quyết định khen thưởng thì chi thưởng từ quỹ thi đua, khen thưởng của cấp đó)."
    )


# Families the budget keeps in step with other parts by itself (added, updated, removed):
# the officer cannot delete them, only override them.
AUTO_FAMILIES = ("decor", "award_money", "award_items")


# --------------------------------------------------------------------------- numbers


def line_amount(quantity_milli: int, unit_price: int) -> int:
    """Quantity × unit price in whole đồng, rounded half up: 1,5 × 33.333 = 49.999,5 → 50.000."""
    return (quantity_milli * unit_price + 500) // 1000


def unit_allows_decimal(unit: str) -> bool:
    words = re.split(r"[\s/,;()]+", vn.clean_text(unit).casefold())
    return any(word in _DECIMAL_UNIT_WORDS for word in words)


_DECIMAL_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,3})$")


def parse_quantity(text: str, unit: str = "") -> int:
    """A quantity as typed ("150", "1.500", "1,5") → thousandths. ValueError in Vietnamese.

    The decimal mark is the comma (Luật Kế toán 2015, Điều 11); at most three decimals; a
    decimal only where the unit allows it (ngày, buổi, giờ, m², …).
    """
    raw = vn.clean_text(text).replace(" ", "")
    if not raw:
        raise ValueError("Chưa nhập số lượng.")
    if raw.startswith("-"):
        raise ValueError("Số lượng không được âm.")
    match = _DECIMAL_RE.match(raw)
    if match:
        whole = int(match.group(1).replace(".", ""))
        fraction = int(match.group(2).ljust(3, "0"))
        milli = whole * 1000 + fraction
        if fraction and not unit_allows_decimal(unit):
            shown = f"“{unit}”" if unit else "này"
            raise ValueError(
                f"Đơn vị tính {shown} chỉ nhận số nguyên; số lẻ chỉ dùng cho ngày, buổi, giờ, m²…"
            )
    else:
        if re.match(r"^\d+\.\d{1,2}$", raw) or re.match(r"^\d+,\d{4,}$", raw):
            raise ValueError(
                "Số lượng lẻ viết bằng dấu phẩy và tối đa 3 chữ số thập phân, ví dụ 1,5."
            )
        try:
            milli = vn.parse_integer(raw) * 1000
        except ValueError:
            raise ValueError(
                "Số lượng phải là một số, ví dụ 150 hoặc 1,5 (ngày); không nhập chữ."
            ) from None
    if milli > MAX_QUANTITY_MILLI:
        raise ValueError("Số lượng quá lớn (tối đa 10.000.000).")
    return milli


def parse_money(text: str, what: str = "Đơn giá") -> int:
    """Whole đồng as typed: "1.500.000", "1,500,000", "1500000", "1.500.000 đ"."""
    raw = vn.clean_text(text)
    raw = re.sub(r"\s*(đồng|đ|vnđ|vnd)\.?$", "", raw, flags=re.IGNORECASE)
    if not raw:
        raise ValueError(f"Chưa nhập {what.lower()}.")
    try:
        value = vn.parse_integer(raw)
    except ValueError:
        raise ValueError(
            f"{what} phải là số đồng, ví dụ 1.500.000 (không nhập chữ, không có số lẻ)."
        ) from None
    if value < 0:
        raise ValueError(f"{what} không được âm.")
    if value > MAX_UNIT_PRICE:
        raise ValueError(f"{what} quá lớn: tối đa {vn.format_number(MAX_UNIT_PRICE)} đồng.")
    return value


def format_quantity(milli: int) -> str:
    """1500 → "1,5"; 150000 → "150"; 1234000 → "1.234"."""
    whole, fraction = divmod(milli, 1000)
    text = vn.format_number(whole)
    if fraction:
        text += "," + f"{fraction:03d}".rstrip("0")
    return text


def roman(n: int) -> str:
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    out = []
    for value, letters in numerals:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# --------------------------------------------------------------------------- norms


@dataclass(frozen=True)
class NormRule:
    """A cap in force, with where it comes from (shown next to the line)."""

    code: str
    name: str
    amount: int
    unit: str
    legal_basis: str
    profile_name: str
    profile_kind: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    status: str = "unverified"
    id: int | None = None
    profile_basis: str = ""  # the profile's resolution, "" when its number is not entered

    @property
    def unverified(self) -> bool:
        return self.status != "confirmed"

    @property
    def source(self) -> str:
        basis = self.legal_basis or PROFILE_KINDS.get(self.profile_kind, "")
        return f"{basis} ({self.profile_name})" if self.profile_name else basis

    @property
    def cap_text(self) -> str:
        unit = f"đ/{self.unit}" if self.unit else "đồng"
        return f"{vn.format_number(self.amount)} {unit}"


@dataclass(frozen=True)
class NormData:
    """One norm row as plain data."""

    code: str
    name: str
    category: str
    unit: str
    amount: int
    effective_from: dt.date
    effective_to: dt.date | None
    legal_basis: str
    status: str = "unverified"
    id: int | None = None


def in_force(norm: NormData, day: dt.date) -> bool:
    return norm.effective_from <= day and (norm.effective_to is None or day <= norm.effective_to)


def pick_norm(
    code: str,
    day: dt.date,
    chosen: tuple | None,
    national: tuple | None,
) -> NormRule | None:
    """The norm `code` in force on `day`: the chosen profile's first, else the national one.

    Each profile is (name, kind, norms[, basis]). Among several in force, the latest
    effective_from wins.
    """
    for profile in (chosen, national):
        if profile is None:
            continue
        name, kind, norms = profile[:3]
        basis = profile[3] if len(profile) > 3 else ""
        candidates = [n for n in norms if n.code == code and in_force(n, day)]
        if candidates:
            n = max(candidates, key=lambda n: n.effective_from)
            return NormRule(
                n.code, n.name, n.amount, n.unit, n.legal_basis, name, kind,
                n.effective_from, n.effective_to, n.status, n.id, basis,
            )  # fmt: skip
    return None


def norm_periods(code: str, profiles: Sequence[tuple | None]) -> list[tuple]:
    """The stored periods of norm `code` across the profiles, for a message."""
    return [
        (n.effective_from, n.effective_to)
        for profile in profiles
        if profile is not None
        for n in profile[2]
        if n.code == code
    ]


def resolution_basis(kind: str, number: str, day: dt.date | None, issuer: str) -> str:
    """The printed basis of a profile's own document: "Nghị quyết số 12/2025/NQ-HĐND ngày
    10/7/2025 của Hội đồng nhân dân tỉnh Lào Cai"; "" when the number or the date is missing or
    the number still has a blank — never a placeholder on a document (issue 16)."""
    number = vn.clean_text(number or "")
    if kind == "national" or not number or day is None or has_gap(number):
        return ""
    word = "Nghị quyết" if kind == "province" else "Quyết định"
    text = f"{word} số {number} ngày {vn.format_date_short(day)}"
    issuer = vn.clean_text(issuer or "")
    return f"{text} của {issuer}" if issuer else text


def norm_code_for(category: str, norm_code: str, meal_location: str) -> str:
    """The norm a line is checked against: its own, else the category's usual one."""
    if norm_code:
        return norm_code
    if category == "an" and meal_location:
        return f"meal_{LEGACY_MEAL_LOCATIONS.get(meal_location, meal_location)}"
    return DEFAULT_NORM_BY_CATEGORY.get(category, "")


def over_norm_text(rule: NormRule) -> str:
    """'Vượt định mức 40.000 đ/người/ngày — Nghị quyết … (Tỉnh …)'."""
    return f"Vượt định mức {rule.cap_text} — {rule.source}"


# --------------------------------------------------------------------------- derived lines


@dataclass(frozen=True)
class DerivedSpec:
    """What a derived line should hold now. unit_price None: the price is the officer's."""

    key: str
    category: str
    content: str
    unit: str
    quantity_milli: int
    unit_price: int | None
    norm_code: str = ""
    notes: str = ""
    source_name: str = ""  # decor: the item's own name (the line's name may add its place)
    source_id: int | None = None  # decor: the item's row


class DecorCost(NamedTuple):
    """A decoration item with a cost, as the budget reads it (decor.logic.CostLine)."""

    item: str
    quantity: int
    unit: str
    unit_cost: int
    place: str = ""  # the area as the checklist names it: "Ngoài hội trường, sảnh"
    item_id: int | None = None


@dataclass
class DerivedInputs:
    """What derived lines are computed from, read by operations.py."""

    delegates: int
    days_milli: int
    meal_location: str
    meal_norm: int | None  # the meal norm in force for meal_location, if any
    decor: list[DecorCost] = field(default_factory=list)
    # (key suffix, content, unit, count, unit amount)
    award_money: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    award_items: list[tuple[str, str, int]] = field(default_factory=list)  # suffix, item, count
    recipients: int = 0  # award recipients (every award, whoever pays): flowers on stage


def derived_specs(inputs: DerivedInputs) -> dict[str, DerivedSpec]:
    """Every derived line's figures, by derived_key, for the families that can exist.

    "drinks", "meals" and "delegates:*" only update lines that exist (the preset or the
    officer adds them); the auto families are added and removed with their source.
    """
    people_days = inputs.delegates * inputs.days_milli
    specs: dict[str, DerivedSpec] = {
        "drinks": DerivedSpec(
            "drinks",
            "nuoc_uong",
            "Nước uống cho đại biểu",
            "người/ngày",
            people_days,
            None,
            "drinks",
        ),  # fmt: skip
        "delegates": DerivedSpec("delegates", "", "", "", inputs.delegates * 1000, None),
        "recipients": DerivedSpec("recipients", "", "", "", inputs.recipients * 1000, None),
    }
    if inputs.meal_location:
        specs["meals"] = DerivedSpec(
            "meals",
            "an",
            "Hỗ trợ tiền ăn cho đại biểu không hưởng lương từ ngân sách nhà nước",
            "người/ngày",
            people_days,
            inputs.meal_norm,
            norm_code_for("an", "", inputs.meal_location),
        )
    decor = [DecorCost(*entry) for entry in inputs.decor]
    seen: dict[str, int] = {}
    for entry, name in zip(decor, decor_line_names(decor), strict=True):
        # The key is the item's name (and its rank among items of that name), not its place:
        # keys made before places were named stay the same, so no override is lost.
        base = f"decor:{vn.clean_text(entry.item).casefold()}"
        seen[base] = seen.get(base, 0) + 1
        key = base if seen[base] == 1 else f"{base}#{seen[base]}"
        specs[key] = DerivedSpec(
            key, "trang_tri", name, entry.unit or "cái", entry.quantity * 1000, entry.unit_cost,
            source_name=entry.item, source_id=entry.item_id,
        )  # fmt: skip
    for suffix, content, unit, count, amount in inputs.award_money:
        key = f"award_money:{suffix}"
        specs[key] = DerivedSpec(key, "tien_thuong", content, unit, count * 1000, amount)
    for suffix, item, count in inputs.award_items:
        key = f"award_items:{suffix}"
        specs[key] = DerivedSpec(key, "hien_vat", item, "chiếc", count * 1000, None)
    return specs


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def decor_line_names(entries: Sequence[DecorCost]) -> list[str]:
    """Each decoration item's line name: its own name, with its place when another item with a
    cost shares the name ("Quốc kỳ (sân khấu)", "Quốc kỳ (ngoài hội trường, sảnh)"), and a rank
    when two share the place too ("Cây cảnh (sân khấu, thứ 2)"): two lines of the estimate
    never read the same."""
    by_name: dict[str, int] = {}
    by_place: dict[tuple[str, str], int] = {}
    for entry in entries:
        name = vn.clean_text(entry.item).casefold()
        by_name[name] = by_name.get(name, 0) + 1
        by_place[(name, entry.place)] = by_place.get((name, entry.place), 0) + 1
    names = []
    rank: dict[tuple[str, str], int] = {}
    for entry in entries:
        name = vn.clean_text(entry.item).casefold()
        if by_name[name] == 1:
            names.append(entry.item)
            continue
        where = [_lower_first(entry.place)] if entry.place else []
        if by_place[(name, entry.place)] > 1:
            rank[(name, entry.place)] = rank.get((name, entry.place), 0) + 1
            where.append(f"thứ {rank[(name, entry.place)]}")
        names.append(f"{entry.item} ({', '.join(where)})")
    return names


def is_generated_decor_name(content: str, item: str) -> bool:
    """Whether a decoration line's name is one the program wrote for `item` (its name alone or
    with a place): such a name follows the items; a name the officer typed is kept."""
    content, item = vn.clean_text(content), vn.clean_text(item)
    return content == item or (content.startswith(f"{item} (") and content.endswith(")"))


def follow_decor_name(content: str, spec: DerivedSpec) -> str:
    """A decoration line's name after a change of the items: the program's name follows (the
    place is added or dropped as other items share the name or stop sharing it), even on an
    overridden line (its figures are the officer's, its name was not); a typed name stays."""
    if derived_family(spec.key) == "decor" and is_generated_decor_name(content, spec.source_name):
        return spec.content
    return content


def spec_for(key: str, specs: dict[str, DerivedSpec]) -> DerivedSpec | None:
    """The spec of a line's key; every "delegates:…" line follows the "delegates" count, every
    "recipients:…" line the number of award recipients."""
    if key in specs:
        return specs[key]
    family = derived_family(key)
    if family in ("delegates", "recipients"):
        return specs.get(family)
    return None


# --------------------------------------------------------------------------- the estimate


@dataclass
class LineData:
    """A stored line as plain data (what the page, the printouts and the tests read)."""

    id: int
    category: str
    content: str
    unit: str
    quantity_milli: int
    unit_price: int
    notes: str = ""
    derived_key: str | None = None
    overridden: bool = False
    norm_code: str = ""
    version: int = 1
    derived_quantity_milli: int | None = None  # what the rule gives now (for an overridden line)
    derived_unit_price: int | None = None


@dataclass
class BudgetRow:
    number: int
    line: LineData
    amount: int
    norm: NormRule | None
    over_norm: str  # the warning, "" when within the norm

    @property
    def quantity_text(self) -> str:
        return format_quantity(self.line.quantity_milli)

    @property
    def derived_label(self) -> str:
        return DERIVED_LABELS.get(derived_family(self.line.derived_key), "")


@dataclass
class CategoryGroup:
    code: str
    label: str
    roman: str
    rows: list[BudgetRow]
    subtotal: int


@dataclass
class Budget:
    groups: list[CategoryGroup]
    total: int
    available: int
    funding_source: str
    legal_bases: list[str]
    # The award money's rounding rule as applied (awards/figures.rounding_statements), stated
    # under the estimate beside its own rounding of a line to the đồng (issue 16).
    award_rounding: list[str] = field(default_factory=list)
    # The bases of figures confirmed against their documents (and the general ones): only
    # these can print (issue 16); legal_bases lists every basis, for the screen and the checks.
    confirmed_bases: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[BudgetRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def printed_legal_bases(self) -> list[str]:
        """The bases the signed estimate lists under "Căn cứ lập dự toán": a basis that speaks to
        the clerk (a reference figure to replace, illustrative data) stays on the screen and in
        the pre-signature check (checks.clerk_notes), never on the document; nor does the basis
        of a norm not yet confirmed against its document (issue 16)."""
        return [basis for basis in self.confirmed_bases if not vn.clerk_phrase(basis)]

    @property
    def total_in_words(self) -> str:
        return vn.amount_in_words(self.total)

    @property
    def over_available(self) -> int:
        """How much the estimate exceeds the money available (0 if within, or none entered)."""
        return max(0, self.total - self.available) if self.available else 0

    @property
    def over_norm_count(self) -> int:
        return sum(1 for row in self.rows if row.over_norm)

    @property
    def overridden_count(self) -> int:
        return sum(1 for row in self.rows if row.line.overridden)

    @property
    def over_cap(self) -> bool:
        return self.total > MAX_AMOUNT


def budget_of(
    lines: Iterable[LineData],
    norm_for: callable,
    available: int = 0,
    funding_source: str = "",
    base_legal_bases: Sequence[str] = (),
) -> Budget:
    """Group lines by category (in BUDGET_CATEGORIES order, each line in its own order),
    with amounts, subtotals, the total and each line's norm check.

    `norm_for(line)` returns the NormRule the line is checked against, or None.
    """
    by_category: dict[str, list[LineData]] = {}
    for line in lines:
        by_category.setdefault(line.category, []).append(line)
    groups = []
    bases: list[str] = list(base_legal_bases)
    confirmed: list[str] = list(base_legal_bases)
    order = list(BUDGET_CATEGORIES) + sorted(set(by_category) - set(BUDGET_CATEGORIES))
    for code in order:
        members = by_category.get(code)
        if not members:
            continue
        rows = []
        for number, line in enumerate(members, start=1):
            rule = norm_for(line)
            warning = over_norm_text(rule) if rule and line.unit_price > rule.amount else ""
            # A norm's basis is printed once the officer has confirmed it against its document
            # (issue 16); a profile's own resolution only once its number and date are entered.
            for basis in _rule_bases(rule):
                if basis not in bases:
                    bases.append(basis)
                if not rule.unverified and basis not in confirmed:
                    confirmed.append(basis)
            rows.append(
                BudgetRow(
                    number, line, line_amount(line.quantity_milli, line.unit_price), rule, warning
                )
            )
        groups.append(
            CategoryGroup(
                code,
                BUDGET_CATEGORIES.get(code, code),
                roman(len(groups) + 1),
                rows,
                sum(r.amount for r in rows),
            )
        )
    return Budget(
        groups=groups,
        total=sum(g.subtotal for g in groups),
        available=available,
        funding_source=funding_source,
        legal_bases=bases,
        confirmed_bases=confirmed,
    )


def _rule_bases(rule: NormRule | None) -> list[str]:
    if rule is None:
        return []
    return [basis for basis in (rule.profile_basis, rule.legal_basis) if basis]


# --------------------------------------------------------------------------- self-description


@dataclass(frozen=True)
class DelegateBasis:
    """The delegate count the quantities follow, and why (the page says it in one sentence).

    One source: the conference's "Số đại biểu dự kiến" is the planned total (the delegate
    groups are its breakdown, docs/budget.md); confirmed replies only raise it, since while
    replies come in a partial count would understate the money needed.
    """

    planned: int
    confirmed: int

    @property
    def count(self) -> int:
        return max(self.planned, self.confirmed)

    @property
    def from_confirmed(self) -> bool:
        return self.confirmed > self.planned

    @property
    def sentence(self) -> str:
        figure = vn.format_number(self.count)
        if self.from_confirmed:
            return (
                f"Số đại biểu tính dự toán: {figure} — số đại biểu đã xác nhận dự, lớn hơn số "
                f"dự kiến ({vn.format_number(self.planned)})."
            )
        return f"Số đại biểu tính dự toán: {figure} — số dự kiến ở Thông tin chung."


def meal_summary(lines: Iterable[LineData], meal_location: str) -> str:
    """What the estimate spends on meals, read from its lines (never from the setting alone, so
    the summary cannot say "không chi" beside a meal line)."""
    count = sum(1 for line in lines if line.category == "an")
    if not count:
        return "tiền ăn: không chi"
    what = "1 dòng" if count == 1 else f"{count} dòng"
    meal_location = LEGACY_MEAL_LOCATIONS.get(meal_location, meal_location)
    if meal_location in MEAL_LOCATIONS:
        where = MEAL_LOCATIONS[meal_location].split(") ", 1)[-1]
        return f"tiền ăn: {what}, đối chiếu định mức {_lower_first(where)}"
    return f"tiền ăn: {what}, chưa chọn nơi họp để đối chiếu định mức"


def printed_note(notes: str | None) -> str:
    """A line's own Ghi chú as the estimate may print it: never a note to the clerk ("cần kiểm
    tra mức của tỉnh"), which the pre-signature check shows instead. The Ghi chú actually
    printed is `row_note` (a line checked against a norm carries that norm's basis instead)."""
    return "" if vn.clerk_phrase(notes) else (notes or "")


# Categories whose lines are checked against a norm (meals by the meeting's location, drinks):
# even while no norm is found for them, their notes are not a basis anyone vouched for.
NORMED_CATEGORIES = frozenset({"an", *DEFAULT_NORM_BY_CATEGORY})

# A note that cites a legal basis: "Theo NQ HĐND tỉnh", "TT 40/2017, Đ.12 k.4", "NĐ 152/2025, …".
# Abbreviations are matched with their case (a word "tt" is not a Thông tư).
_BASIS_ABBREVIATIONS = re.compile(r"\b(?:NQ|TT|TTLT|NĐ|QĐ|HĐND)\b")
_BASIS_WORDS = ("nghị quyết", "thông tư", "nghị định", "hội đồng nhân dân", "điều ")
_DOCUMENT = re.compile(
    r"(Thông tư liên tịch|Thông tư|Nghị quyết|Nghị định|Quyết định)\s+(?:số\s+)?(\d+)/(\d{4})",
    re.IGNORECASE,
)
_DOCUMENT_ABBREVIATIONS = {
    "thông tư liên tịch": "TTLT",
    "thông tư": "TT",
    "nghị quyết": "NQ",
    "nghị định": "NĐ",
    "quyết định": "QĐ",
}


def is_basis_note(notes: str | None) -> bool:
    """Whether a line's note cites a legal basis (a document, an article) rather than saying how
    the money is spent ("Chi theo thực tế", "Theo hợp đồng, hóa đơn")."""
    text = vn.nfc(notes or "")
    folded = text.casefold()
    return bool(_BASIS_ABBREVIATIONS.search(text)) or any(w in folded for w in _BASIS_WORDS)


def short_basis(basis: str | None) -> str:
    """A basis as the narrow Ghi chú column prints it: "Thông tư số 40/2017/TT-BTC ngày
    28/4/2017 của Bộ Tài chính, Điều 12 khoản 4 điểm c" → "TT 40/2017, Đ.12 k.4 điểm c". A basis
    that names no document number is printed as written, an article alone shortened ("Đ.3 k.2")."""
    text = vn.clean_text(basis or "")
    document = _DOCUMENT.search(text)
    parts = []
    if document:
        kind = _DOCUMENT_ABBREVIATIONS[document.group(1).casefold()]
        parts.append(f"{kind} {document.group(2)}/{document.group(3)}")
    place = []
    for pattern, label in (
        (r"\bĐiều\s+(\d+\w*)", "Đ.{}"),
        (r"\bkhoản\s+(\d+\w*)", "k.{}"),
        (r"\bđiểm\s+([a-zđ])\b", "điểm {}"),
    ):
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            place.append(label.format(found.group(1)))
    if not document:
        # an article alone ("Điều 3 khoản 2", of a profile's resolution) is shortened too
        starts_with_article = re.match(r"(Điều|khoản|điểm)\s", text, re.IGNORECASE)
        return " ".join(place) if place and starts_with_article else text
    return ", ".join([*parts, " ".join(place)] if place else parts)


def norm_note(rule: NormRule | None) -> str:
    """The short basis of the norm a line is checked against, printed in its Ghi chú only once
    the officer has confirmed the norm against its document (docs/legal-figures.md); "" for an
    unverified norm, or one whose basis still speaks to the clerk. A profile's norm whose own
    basis names only an article ("Điều 3 khoản 2") takes the profile's resolution before it."""
    if rule is None or rule.unverified:
        return ""
    basis = rule.legal_basis or ""
    if vn.clerk_phrase(basis) or has_gap(basis):
        return ""
    short = short_basis(basis)
    if rule.profile_basis and not _DOCUMENT.search(basis):
        document = short_basis(rule.profile_basis)
        short = f"{document}, {short}" if short else document
    return short


def row_note(row: BudgetRow) -> str:
    """The Ghi chú the estimate prints for a row (PDF, DOCX, XLSX alike). A line checked against
    a norm prints that norm's short basis only when the norm is confirmed; a basis the line's
    note cites by itself (a preset's "Theo NQ HĐND tỉnh", "TT 40/2017, Đ.12 k.4") is never
    printed as fixed text, since nothing vouches for it (issue 16). Other notes ("Chi theo thực
    tế") print as written, after the basis."""
    note = printed_note(row.line.notes)
    line = row.line
    checked = row.norm is not None or line.norm_code or line.category in NORMED_CATEGORIES
    if not checked:
        return note
    if is_basis_note(note):
        note = ""
    basis = norm_note(row.norm)
    return "; ".join(part for part in (basis, note) if part)


def has_gap(text: str | None) -> bool:
    """A text still holding a blank to fill ("…" or "...")."""
    return bool(text) and ("…" in text or "..." in text)


# Words that say nothing about which thing a line pays for: left out when matching an item's
# name against a package line ("Hoa để bàn đại biểu" is named by "hoa … bàn đại biểu").
_FILLER_WORDS = frozenset(
    ("và", "để", "của", "cho", "các", "những", "trên", "tại", "hoặc", "hội", "nghị", "loại")
)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\W+", vn.nfc(text).casefold()) if w]


# Verbs that open a package line's first thing ("In pano tuyên truyền", "Thuê phông"): the thing
# is what follows them.
_ACTION_WORDS = frozenset(("in", "thuê", "mua", "làm", "may", "treo"))
# A package line's list is split on these: "Phông, tiêu đề, băng khẩu hiệu và cờ chuỗi".
_LIST_SEPARATORS = re.compile(r"[,;]|\bvà\b", flags=re.IGNORECASE)


def _meaningful(text: str) -> list[str]:
    return [w for w in _words(text) if w not in _FILLER_WORDS]


def _list_elements(content: str) -> list[list[str]]:
    """The things a package line lists, each as its meaningful words. When the first element
    decorates a place ("Hoa tươi trang trí sân khấu, bàn đại biểu, bục phát biểu") the later
    elements are the places it decorates, not things bought: only the first one is a thing."""
    elements = []
    for part in _LIST_SEPARATORS.split(vn.nfc(content)):
        words = _meaningful(part)
        while words and words[0] in _ACTION_WORDS and len(words) > 1:
            words = words[1:]
        if words:
            elements.append(words)
    if elements and any(
        a == "trang" and b == "trí" for a, b in zip(elements[0], elements[0][1:], strict=False)
    ):
        return elements[:1]
    return elements


def names_item(content: str, item: str) -> bool:
    """Whether a line's content names the decoration item.

    Either every meaningful word of the item's name appears in it ("Phông, tiêu đề, băng khẩu
    hiệu, cờ chuỗi" names "Cờ chuỗi" and "Tiêu đề Hội nghị"; "Hoa tươi trang trí sân khấu, bàn
    đại biểu, bục phát biểu" names "Hoa để bàn đại biểu"); or the line is a list and one of its
    things, word for word, begins the item's name or is begun by it ("Phông" names "Phông sân
    khấu"; "Cờ chuỗi" does not name "Cờ Đảng"): the words must be in order from the first, so
    one shared word elsewhere ("sân khấu") is not enough.
    """
    wanted = _meaningful(item)
    if not wanted:
        return False
    present = set(_words(content))
    if all(w in present for w in wanted):
        return True
    for element in _list_elements(content):
        shorter = min(len(element), len(wanted))
        if element[:shorter] == wanted[:shorter]:
            return True
    return False


@dataclass(frozen=True)
class DoubledDecor:
    """A package line of Trang trí that names a decoration item priced on its own line."""

    package: LineData
    item_line: LineData
    item: str  # the item's own name
    amount: int  # the item line's amount


def doubled_decoration(
    rows: Sequence[BudgetRow], specs: dict[str, DerivedSpec]
) -> list[DoubledDecor]:
    """Decoration paid twice: each (hand Trang trí line, priced item line) where the hand line
    names the item (names_item). Shared by the check before signing and the estimate page."""
    priced = [row for row in rows if derived_family(row.line.derived_key) == "decor" and row.amount]
    found = []
    for row in rows:
        line = row.line
        if line.derived_key or line.category != "trang_tri":
            continue
        for item_row in priced:
            spec = specs.get(item_row.line.derived_key or "")
            item = spec.source_name if spec and spec.source_name else item_row.line.content
            if names_item(line.content, item):
                found.append(DoubledDecor(line, item_row.line, item, item_row.amount))
    return found


def synced_lines(lines: Sequence[LineData], specs: dict[str, DerivedSpec]) -> list[LineData]:
    """The lines as operations.sync_derived would leave them, computed without writing (for
    the checks before signing): derived lines take the rule's figures unless overridden, an
    automatic line whose source went is dropped, one whose source came is added (id 0)."""
    out: list[LineData] = []
    present: set[str] = set()
    for line in lines:
        key = line.derived_key
        if not key:
            out.append(line)
            continue
        if key in present and not line.overridden:
            continue
        present.add(key)
        spec = spec_for(key, specs)
        if spec is None:
            if not (derived_family(key) in AUTO_FAMILIES and not line.overridden):
                out.append(line)
            continue
        copy = LineData(**{**line.__dict__})
        copy.derived_quantity_milli = spec.quantity_milli
        copy.derived_unit_price = spec.unit_price
        if not line.overridden:
            copy.quantity_milli = spec.quantity_milli
            if spec.unit_price is not None:
                copy.unit_price = spec.unit_price
        copy.content = follow_decor_name(line.content, spec)
        out.append(copy)
    for key, spec in specs.items():
        if derived_family(key) in AUTO_FAMILIES and key not in present:
            out.append(
                LineData(
                    id=0,
                    category=spec.category,
                    content=spec.content,
                    unit=spec.unit,
                    quantity_milli=spec.quantity_milli,
                    unit_price=spec.unit_price or 0,
                    derived_key=key,
                    norm_code=spec.norm_code,
                    derived_quantity_milli=spec.quantity_milli,
                    derived_unit_price=spec.unit_price,
                )  # fmt: skip
            )
    return out


def appraising_office(level: str, unit_type: str = "", unit_name: str = "") -> str:
    """Who appraises (thẩm định) the estimate, by the organiser's level and kind of unit.

    A province: its Sở Tài chính. A xã-level unit: the office that holds finance and planning
    since 01/7/2025 (Nghị định 150/2025/NĐ-CP) — the Phòng Kinh tế of a xã or đặc khu, the Phòng
    Kinh tế, Hạ tầng và Đô thị of a phường and of the đặc khu Phú Quốc (units.Organiser.
    economy_office). A huyện (records before 01/7/2025): its Phòng Tài chính – Kế hoạch.
    """
    from ..conferences.units import Organiser

    if level == "tinh":
        return "Sở Tài chính"
    if level == "xa":
        return Organiser(level=level, unit_type=unit_type, unit_name=unit_name).economy_office
    return "Phòng Tài chính – Kế hoạch"


def appraiser_for(level: str, unit_type: str = "", unit_name: str = "") -> str:
    """The appraising office as the estimate's signature block writes it (capitals)."""
    return vn.upper_vn(appraising_office(level, unit_type, unit_name))
