"""Pure functions on delegates: ordering, search, phone numbers, counts. No Flask, no database.

Everything here takes plain objects (ORM rows, result rows or dataclasses with the named
attributes) and returns plain data, so the pages, the printouts, the Excel import and the tests
share one set of rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, TypeVar

from .. import vn


class _Person(Protocol):
    full_name: str
    protocol_rank: int


P = TypeVar("P", bound=_Person)

ORDERS = {"protocol": "Theo thứ tự lễ tân", "name": "Theo tên (A → Z)"}

# Replies that mean a seat will be taken: the person comes, or sends someone in their place.
CONFIRMED_REPLIES = frozenset({"attending", "substitute"})

UNGROUPED = "Chưa phân nhóm"


# --------------------------------------------------------------------------------------------
# Order
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=20_000)
def _name_key(full_name: str) -> tuple:
    return vn.name_sort_key(full_name)


def protocol_key(person: _Person) -> tuple:
    """Most senior first (rank 1, 2, …); unranked (0) last, then by Vietnamese name order."""
    rank = person.protocol_rank or 0
    return (rank == 0, rank, _name_key(person.full_name))


def protocol_sections(people: Iterable[P], groups: Iterable) -> list[tuple[object, list[P]]]:
    """People by group in protocol order (Nghị định 145/2013/NĐ-CP, 111/2018/NĐ-CP): the groups
    in the officer's order (DelegateGroup.position — the presets give superiors, invited bodies,
    then the host), each group's people by protocol_key (ranked first, then by name); last
    (None, …) the delegates in no known group. Groups without people are left out.

    The one order of the MC's introduction, the giấy mời, the envelope labels and the register:
    a delegate without a rank keeps his group's place."""
    ordered_groups = sorted(groups, key=lambda g: (g.position, g.id))
    known = {g.id for g in ordered_groups}
    by_group: dict[object, list[P]] = {}
    for person in people:
        by_group.setdefault(person.group_id if person.group_id in known else None, []).append(
            person
        )
    sections = [(g, sorted(by_group[g.id], key=protocol_key)) for g in ordered_groups
                if g.id in by_group]  # fmt: skip
    if None in by_group:
        sections.append((None, sorted(by_group[None], key=protocol_key)))
    return sections


def protocol_order(people: Iterable[P], groups: Iterable) -> list[P]:
    """protocol_sections, one person after another."""
    return [person for _group, members in protocol_sections(people, groups) for person in members]


def sort_delegates(people: Iterable[P], order: str = "protocol") -> list[P]:
    """People in protocol order or in Vietnamese name order (tên, tên đệm, họ)."""
    if order == "name":
        return sorted(people, key=lambda p: _name_key(p.full_name))
    return sorted(people, key=protocol_key)


# --------------------------------------------------------------------------------------------
# Search — "nguyen" finds "Nguyễn"; "Nguyễn" finds only "Nguyễn"
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def fold_accents(text: str) -> str:
    """Lower case without tone or letter marks: "Nguyễn Đức Ánh" → "nguyen duc anh".

    Officers often type without the Vietnamese keyboard on; the search must still find people.
    """
    decomposed = unicodedata.normalize("NFD", vn.nfc(text).casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=50_000)
def _exact(text: str) -> str:
    return vn.nfc(text).casefold()


_NOT_A_LETTER = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    """ " word word …": punctuation becomes space, so each word can be found by its beginning."""
    return " " + _NOT_A_LETTER.sub(" ", text).strip()


@dataclass(frozen=True)
class SearchQuery:
    """What was typed in the search box: words that must each begin a word of the delegate's
    name, unit or position ("an" finds "An", "Ánh", "Ẩn", not "Tân").

    A word typed without any mark matches with or without marks ("nguyen" finds "Nguyễn" and
    "Nguyên"); a word typed with marks must match them ("Nguyễn" does not find "Nguyên").
    """

    words: tuple[tuple[str, bool], ...]  # (" word", accent_insensitive)

    @classmethod
    def parse(cls, text: str | None) -> SearchQuery:
        words = []
        for word in _words(_exact(vn.clean_text(text))).split():
            folded = fold_accents(word)
            words.append((" " + folded, True) if folded == word else (" " + word, False))
        return cls(tuple(words))

    def __bool__(self) -> bool:
        return bool(self.words)

    def matches(self, *texts: str) -> bool:
        """True when every word begins a word of one of the texts (name, unit, position …)."""
        if not self.words:
            return True
        exact = _words(" ".join(_exact(t) for t in texts if t))
        folded = fold_accents(exact)
        return all((w in folded) if loose else (w in exact) for w, loose in self.words)


def search_delegates(people: Iterable[P], query: SearchQuery) -> list[P]:
    """The people whose name, unit or position contains every word of the query."""
    if not query:
        return list(people)
    return [p for p in people if query.matches(p.full_name, p.unit, p.position)]


# --------------------------------------------------------------------------------------------
# Phone numbers — Vietnamese numbering plan since 2018 (Thông tư 22/2014/TT-BTTTT, as amended:
# 10-digit mobile numbers 03x, 05x, 07x, 08x, 09x; 11-digit fixed lines 02x(x) with area code)
# --------------------------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]+")
_MOBILE = re.compile(r"0[35789]\d{8}")
_FIXED = re.compile(r"02\d{9}")
_SERVICE = re.compile(r"1[89]00\d{4,6}")
# Excel drops the leading 0 of a number typed as a number: 912345678 was 0912 345 678.
_MOBILE_WITHOUT_ZERO = re.compile(r"[35789]\d{8}")
_FIXED_WITHOUT_ZERO = re.compile(r"2\d{9}")

PHONE_HINT = (
    "hãy nhập số di động 10 chữ số (ví dụ 0912 345 678) hoặc số cố định có mã vùng "
    "(ví dụ 028 3822 1234)"
)


def normalise_phone(text: str | None) -> str:
    """A phone number written the one way the lists print it; "" stays "".

    Accepted: 0912 345 678, 0912.345.678, 0912-345-678, +84 912 345 678, 84912345678,
    (028) 3822 1234, 0236 3822 123, 912345678 (Excel dropped the 0), 1900 1234.
    Written: mobile "0912 345 678"; fixed line in Hà Nội and TP. Hồ Chí Minh "028 3822 1234",
    elsewhere "0236 3822 123"; service numbers "1900 1234".
    Raises ValueError with a Vietnamese message for anything else.
    """
    raw = vn.clean_text(text)
    if not raw:
        return ""
    digits = _PHONE_SEPARATORS.sub("", raw)
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("84"):
            raise ValueError(
                f"Số điện thoại “{raw}” không phải số Việt Nam (+84): chỉ nhận số trong nước."
            )
        digits = "0" + digits[2:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"Số điện thoại “{raw}” có ký tự không phải chữ số: {PHONE_HINT}.")
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif _MOBILE_WITHOUT_ZERO.fullmatch(digits) or _FIXED_WITHOUT_ZERO.fullmatch(digits):
        digits = "0" + digits
    if _MOBILE.fullmatch(digits):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if _FIXED.fullmatch(digits):
        if digits[:3] in ("024", "028"):  # Hà Nội, TP. Hồ Chí Minh: 2-digit area code
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
    if _SERVICE.fullmatch(digits):
        return f"{digits[:4]} {digits[4:]}"
    if len(digits) == 11 and digits.startswith("01"):
        raise ValueError(
            f"Số “{raw}” là đầu số di động 11 số cũ (đã chuyển sang 10 số từ năm 2018): "
            "hãy nhập số mới."
        )
    raise ValueError(f"Số điện thoại “{raw}” không hợp lệ: {PHONE_HINT}.")


# --------------------------------------------------------------------------------------------
# Who is already on the list
# --------------------------------------------------------------------------------------------


def identity_key(full_name: str, unit: str) -> tuple[str, str]:
    """Two rows with the same key are the same person: name and unit, case and spacing ignored.

    Marks are kept ("Nguyễn Văn An" and "Nguyễn Văn Ân" are two people).
    """
    return (_exact(vn.clean_text(full_name)), _exact(vn.clean_text(unit)))


def group_key(name: str) -> str:
    """Two group names with the same key are the same group (case and spacing ignored)."""
    return _exact(vn.clean_text(name))


# --------------------------------------------------------------------------------------------
# Counts per group: planned, invited, confirmed
# --------------------------------------------------------------------------------------------


class _Group(Protocol):
    id: int
    name: str
    planned: int


def is_invited(person) -> bool:
    """An invitation was sent (the date it went out is filled in)."""
    return person.invitation_sent_on is not None


def is_confirmed(person) -> bool:
    """The person replied that they come, or that someone comes in their place."""
    return person.reply in CONFIRMED_REPLIES


@dataclass
class GroupTally:
    """One line of the table "planned vs invited vs confirmed"; group_id None = ungrouped."""

    group_id: int | None
    name: str
    planned: int
    listed: int = 0
    invited: int = 0
    confirmed: int = 0
    pending: int = 0

    @property
    def short_of_invitations(self) -> int:
        """How many more invitations the planned count still calls for."""
        return max(0, self.planned - self.invited)


@dataclass
class Tally:
    groups: list[GroupTally]
    ungrouped: GroupTally
    total: GroupTally = field(init=False)

    def __post_init__(self) -> None:
        rows = [*self.groups, self.ungrouped]
        self.total = GroupTally(
            group_id=None,
            name="Tổng cộng",
            planned=sum(r.planned for r in rows),
            listed=sum(r.listed for r in rows),
            invited=sum(r.invited for r in rows),
            confirmed=sum(r.confirmed for r in rows),
            pending=sum(r.pending for r in rows),
        )

    def rows(self) -> list[GroupTally]:
        """The groups, then "Chưa phân nhóm" when somebody is in it."""
        return [*self.groups, *([self.ungrouped] if self.ungrouped.listed else [])]


def tally(groups: Sequence[_Group], people: Iterable) -> Tally:
    """Planned, listed, invited, confirmed and pending counts per group and in total.

    `people` need group_id, invitation_sent_on and reply. A person whose group is not among
    `groups` counts as ungrouped.
    """
    lines = {g.id: GroupTally(group_id=g.id, name=g.name, planned=g.planned) for g in groups}
    ungrouped = GroupTally(group_id=None, name=UNGROUPED, planned=0)
    for person in people:
        line = lines.get(person.group_id, ungrouped)
        line.listed += 1
        if person.invitation_sent_on is not None:
            line.invited += 1
        if person.reply in CONFIRMED_REPLIES:
            line.confirmed += 1
        elif person.reply == "pending":
            line.pending += 1
    return Tally(groups=[lines[g.id] for g in groups], ungrouped=ungrouped)


# A blank left to fill in: "…" or "..." standing on its own ("ông …", "Số …/…", "(...)"), not
# the "…" that ends a list right after its last word ("người lao động trực tiếp...", seed 004).
_PLACEHOLDER = re.compile(r"(?<!\w)(?:…|\.{3,})")


def has_placeholder(text: str | None) -> bool:
    """True when the text still has a blank to fill ("…" or "..." not attached to a word)."""
    # Most texts have neither "…" nor "...", and NFC never makes one (U+2026 has no canonical
    # decomposition): the check over a thousand delegates' fields skips the normalising.
    if not text or ("…" not in text and "..." not in text):
        return False
    return _PLACEHOLDER.search(vn.nfc(text)) is not None


def shorten(text: str, length: int = 60) -> str:
    """The text cut to at most `length` characters, at a word, with "…" (long group names in
    lists and on the dashboard card)."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut[length // 2 :] and not text[length - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


# --------------------------------------------------------------------------------------------
# The planned total and its breakdown
# --------------------------------------------------------------------------------------------
#
# One source for each fact: the conference's "Số đại biểu dự kiến" (Conference.planned_delegates)
# is the planned total, used wherever a planned total is shown or computed (dashboard card,
# delegates page, plan, budget quantities). The groups' planned counts are its breakdown. While
# they add up to another figure every place that shows the total says so, the delegates page
# offers to reconcile, and the pre-signature check blocks the plan.


@dataclass(frozen=True)
class PlannedTotal:
    """The conference's planned total and what its groups' planned counts add up to."""

    total: int  # Conference.planned_delegates
    groups_sum: int  # sum of DelegateGroup.planned
    counted_groups: int  # groups with a planned count (> 0)

    @property
    def agrees(self) -> bool:
        """True when the groups are a breakdown of the total. Groups without any count (all 0)
        are only a list of kinds of delegates and contradict nothing."""
        return self.counted_groups == 0 or self.groups_sum == self.total

    @property
    def difference_text(self) -> str:
        """ "Các nhóm cộng lại 100, khác số dự kiến 120" ("" when they agree)."""
        if self.agrees:
            return ""
        return (
            f"Các nhóm cộng lại {vn.format_number(self.groups_sum)}, "
            f"khác số dự kiến {vn.format_number(self.total)}"
        )


def planned_total(total: int, groups: Iterable[_Group]) -> PlannedTotal:
    counts = [g.planned or 0 for g in groups]
    return PlannedTotal(
        total=total, groups_sum=sum(counts), counted_groups=sum(1 for c in counts if c > 0)
    )


def scale_to_total(planned: Sequence[int], total: int) -> list[int]:
    """The groups' counts scaled in proportion so that they add up to `total` exactly.

    Largest remainder (Hamilton) rounding: each group gets the whole part of its share, the
    seats left go to the largest remainders, earlier groups first on a tie. A group with no
    count keeps none. Raises ValueError when no group has a count (nothing to scale).
    """
    whole = sum(planned)
    if whole <= 0:
        raise ValueError("Không có thành phần nào có số dự kiến để chia lại.")
    shares = [(total * n) // whole for n in planned]
    remainders = [(total * n) % whole for n in planned]
    left = total - sum(shares)
    for index in sorted(range(len(planned)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares


@dataclass(frozen=True)
class Progress:
    """What the dashboard card says about the delegates."""

    percent: int
    confirmed: int
    planned: int
    todo: list[str]


def progress(counts: Tally, planned: PlannedTotal, max_lines: int = 4) -> Progress:
    """Confirmed out of the conference's planned total, and what is left to do in at most
    `max_lines` lines, most pressing first: the groups adding up to another figure than the
    total, invitations not sent, replies not in, people in no group, then the groups not yet
    invited in full."""
    total = counts.total
    percent = min(100, round(100 * total.confirmed / planned.total)) if planned.total else 0
    todo: list[str] = []
    if not planned.agrees:
        todo.append(planned.difference_text)
    if total.listed == 0:
        todo.append("Chưa có đại biểu nào: thêm từng người hoặc nhập từ tệp Excel.")
    else:
        not_invited = total.listed - total.invited
        if not_invited:
            todo.append(f"Còn {vn.format_number(not_invited)} đại biểu chưa gửi giấy mời")
        if total.pending:
            todo.append(f"Còn {vn.format_number(total.pending)} đại biểu chưa phản hồi")
        if counts.ungrouped.listed:
            todo.append(f"{vn.format_number(counts.ungrouped.listed)} đại biểu chưa phân nhóm")
    short = [g for g in counts.groups if g.short_of_invitations]
    room = max(1, max_lines - len(todo))
    if len(short) <= room:
        shown = short
    else:
        shown = short[: room - 1]
    for line in shown:
        todo.append(
            f"Thành phần “{shorten(line.name, 45)}”: mời {vn.format_number(line.invited)}/"
            f"{vn.format_number(line.planned)}"
        )
    if len(short) > len(shown):
        others = len(short) - len(shown)
        todo.append(
            f"… và {others} thành phần khác chưa mời đủ"
            if shown
            else f"{others} thành phần chưa mời đủ số dự kiến"
        )
    if not todo:
        todo.append("Đã mời đủ và mọi đại biểu đã phản hồi.")
    return Progress(percent=percent, confirmed=total.confirmed, planned=planned.total, todo=todo)


# Abbreviations officials write for a body, folded (fold_accents): "UBND" and "Ủy ban nhân
# dân" name one body, so "Chủ tịch Ủy ban MTTQ Việt Nam phường" already holds the unit "Ủy ban
# Mặt trận Tổ quốc Việt Nam phường".
_ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "mttqvn": "mặt trận tổ quốc việt nam",
    "mttq": "mặt trận tổ quốc",
    "ub": "ủy ban",
    "vn": "việt nam",
    "tp": "thành phố",
    "bch": "ban chấp hành",
    "ldld": "liên đoàn lao động",
}
# A position that names a whole body where it is ("Chủ tịch Hội Nông dân xã", "Phó Chủ tịch
# UBND phường") takes a comma before another unit; a title alone ("Phó Giám đốc", "Giáo viên")
# reads straight into it: "Phó Giám đốc Sở Nội vụ tỉnh".
_PLACE_WORDS = (
    "xa", "phuong", "thi tran", "huyen", "quan", "thi xa", "tinh", "thanh pho", "viet nam",
    "uy ban nhan dan", "hoi dong nhan dan", "mat tran to quoc",
)  # fmt: skip


def _body_words(text: str, folded: bool = True) -> list[str]:
    """Words with abbreviations spelt out: "Ủy ban MTTQ" → uy ban mat tran to quoc; folded
    (no accents) to find a unit inside a position, with accents to join words the two share
    ("trưởng" is not "Trường")."""
    words = []
    for word in re.findall(r"\w+", vn.nfc(text).casefold().replace("uỷ", "ủy")):
        expanded = _ABBREVIATIONS.get(fold_accents(word), word)
        words += (fold_accents(expanded) if folded else expanded).split()
    return words


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _names_a_body(position: str) -> bool:
    words = _body_words(position)
    return any(_contains(words, place.split()) for place in _PLACE_WORDS)


@lru_cache(maxsize=4096)
def role_of(position: str, unit: str) -> str:
    """Chức vụ and đơn vị as officials write them after a name, the same body never twice.

    "Chủ tịch" + "UBND xã Tân Hòa" → "Chủ tịch UBND xã Tân Hòa" (a bare title reads straight
    into its unit); words the two share are written once: "Trưởng phòng" + "Phòng Văn hóa - Xã
    hội" → "Trưởng phòng Văn hóa - Xã hội", "Bí thư Đảng ủy" + "Đảng ủy xã Tân Hòa" → "Bí thư
    Đảng ủy xã Tân Hòa"; a position that already names its unit — compared without accents and
    with abbreviations spelt out ("Ủy ban MTTQ" = "Ủy ban Mặt trận Tổ quốc") — is kept alone;
    a position naming another body takes a comma: "Chủ tịch Hội Nông dân xã, Ủy ban MTTQ Việt
    Nam xã".
    """
    position, unit = vn.clean_text(position), vn.clean_text(unit)
    if not unit:
        return position
    if not position:
        return unit
    p_body, u_body = _body_words(position), _body_words(unit)
    if _contains(p_body, u_body):
        return position
    p_words, u_words = position.split(), unit.split()
    for k in range(len(p_words), 0, -1):
        tail = _body_words(" ".join(p_words[-k:]), folded=False)
        for j in range(1, len(u_words)):
            if _body_words(" ".join(u_words[:j]), folded=False) == tail:
                return " ".join(p_words + u_words[j:])
    if _names_a_body(position):
        return f"{position}, {unit}"
    return f"{position} {unit}"


def introduction_lines(people: Iterable) -> list[str]:
    """The delegates the MC introduces, in protocol order (Nghị định 145/2013, 111/2018):
    the ranked delegates and the Đoàn Chủ tịch who come — absent ones left out, a substitute
    introduced in place of the person they stand in for.

    "Đồng chí Nguyễn Văn A, Chủ tịch UBND xã Tân Hòa"; "Đồng chí Trần Thị B, dự thay ông …".
    """
    lines = []
    for person in sort_delegates(
        p for p in people if (p.protocol_rank or p.presidium) and p.reply != "absent"
    ):
        role = role_of(person.position, person.unit)
        if person.reply == "substitute" and vn.clean_text(person.substitute_name):
            lines.append(
                f"Đồng chí {vn.clean_text(person.substitute_name)}, dự thay "
                f"{person.honorific.lower()} "
                f"{person.full_name}" + (f", {role}" if role else "")
            )
        else:
            lines.append(f"{person.honorific} {person.full_name}" + (f", {role}" if role else ""))
    return lines
