"""Pure computation of the check-in (điểm danh): codes, what was typed, counts and the MC's line.

No Flask, no database session: operations.py reads and writes, this module decides.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .. import vn

# A delegate's code: 6 symbols from consonants and digits only. No vowels (A E I O U Y): on a
# Vietnamese office computer the Telex or VNI input method is often on, and a USB scanner types
# like a keyboard — "AA" would become "Â", "A1" (VNI) "Á", "W" (Telex) "Ư", "DD" "Đ"; without a
# vowel no tone key can act, and D and W are left out too. No 0/O, 1/I/L look-alikes either.
# 25 symbols ** 6 = 244 million codes: a guess at the door finds nobody.
ALPHABET = "BCFGHJKMNPQRSTVXZ23456789"
CODE_LENGTH = 6
_CODE_SET = frozenset(ALPHABET)
# What people mistype or the input method leaves in: spaces, dashes, dots.
_SEPARATORS = re.compile(r"[\s\-._/:]+")


def new_code(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A random code not in `taken` (the conference's codes)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", vn.nfc(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_code(text: str | None) -> str:
    """What was typed or scanned, as a code would be written: capitals, no separators, marks an
    input method added dropped ("k7m-q4x" → "K7MQ4X"). Not necessarily a valid code."""
    return _SEPARATORS.sub("", _fold(vn.clean_text(text or ""))).upper()


def looks_like_code(text: str | None) -> bool:
    """True when the input can only be a code (no Vietnamese name is six consonants/digits)."""
    code = normalize_code(text)
    return len(code) == CODE_LENGTH and set(code) <= _CODE_SET


def is_code(value) -> bool:
    return isinstance(value, str) and len(value) == CODE_LENGTH and set(value) <= _CODE_SET


# ------------------------------------------------------------------------------ the count


@dataclass(frozen=True)
class GroupCount:
    name: str
    present: int
    total: int


@dataclass(frozen=True)
class Attendance:
    """Who is present, by group (the officer's order), and in all."""

    groups: tuple[GroupCount, ...]
    present: int
    total: int
    substitutes: int = 0

    @property
    def started(self) -> bool:
        return self.present > 0


OTHERS = "Đại biểu khác"


def attendance(
    people: Iterable[tuple[int | None, bool, bool]], groups: Iterable[tuple[int, str]]
) -> Attendance:
    """`people`: (group id, present, substitute) of every delegate; `groups`: (id, name) in the
    officer's order. Delegates in no known group are counted under "Đại biểu khác"; groups
    with nobody in them are left out.

    Every delegate on the list is one "được triệu tập", whatever his reply: a delegate who
    declined is absent with a reason, not outside the count (the credentials report of an Đại
    hội counts the same way)."""
    totals: dict[int | None, list[int]] = {}
    for group_id, present, substitute in people:
        count = totals.setdefault(group_id, [0, 0, 0])
        count[0] += 1
        count[1] += bool(present)
        count[2] += bool(present and substitute)
    return tally([(gid, *count) for gid, count in totals.items()], groups)


def tally(
    rows: Iterable[tuple[int | None, int, int, int]], groups: Iterable[tuple[int, str]]
) -> Attendance:
    """The same count from per-group totals (group id, convened, present, substitutes), as one
    SQL aggregate gives them (operations.attendance)."""
    order = list(groups)
    known = {gid for gid, _ in order}
    totals: dict[int | None, list[int]] = {}
    for group_id, total, present, substitutes in rows:
        key = group_id if group_id in known else None
        count = totals.setdefault(key, [0, 0, 0])
        count[0] += total
        count[1] += present
        count[2] += substitutes or 0
    lines = [
        GroupCount(name, totals[gid][1], totals[gid][0]) for gid, name in order if gid in totals
    ]
    if None in totals:
        lines.append(GroupCount(OTHERS, totals[None][1], totals[None][0]))
    return Attendance(
        groups=tuple(lines),
        present=sum(r.present for r in lines),
        total=sum(r.total for r in lines),
        substitutes=sum(count[2] for count in totals.values()),
    )


def count_text(present: int, total: int) -> str:
    """ "212/230" — the way the door and the MC say it; below 10 with its zero ("05/08")."""
    return f"{vn.format_count(present)}/{vn.format_count(total)}"


BLANK = "……"


def mc_line(event: str, counts: Attendance | None) -> str:
    """The MC's sentence on attendance, read from the check-in at the moment it is printed or
    shown: with the figures once someone has arrived, with blanks for the MC to fill otherwise
    (a script printed the day before)."""
    if counts is None or not counts.started:
        return f"{event} có mặt {BLANK}/{BLANK} đại biểu được triệu tập."
    return f"{event} có mặt {count_text(counts.present, counts.total)} đại biểu được triệu tập."
