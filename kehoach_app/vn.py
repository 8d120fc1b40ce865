"""Vietnamese formatting: text, numbers, money in words, dates, document lines, name order.

Pure functions, no Flask: the forms, the printouts and the pages all word things through here so
that a number, a date or a name reads the same everywhere.

Sources of the rules:

- Numbers: dot for thousands, comma for decimals — Luật Kế toán 2015, Điều 11.
- Money in words: the formal reading used on budgets and vouchers ("Bằng chữ: …"); see
  ``number_in_words``.
- Dates and the "Số:" line: Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I.
- Alphabetical order: Unicode CLDR collation for "vi" (the Vietnamese alphabet, tones compared
  only after the letters).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

__all__ = [
    "amount_in_words",
    "clean_text",
    "clerk_phrase",
    "collation_key",
    "date_line",
    "document_number_line",
    "format_date_long",
    "format_date_short",
    "format_date_with_weekday",
    "format_count",
    "format_decimal",
    "format_money",
    "format_number",
    "format_time",
    "format_time_short",
    "name_sort_key",
    "nfc",
    "number_in_words",
    "parse_date",
    "parse_integer",
    "parse_time",
    "upper_vn",
    "weekday_name",
]


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


def nfc(text: str | None) -> str:
    """Return ``text`` in Unicode NFC (composed) form; ``None`` becomes ``""``.

    Vietnamese typed on some keyboards (or pasted from PDFs) arrives decomposed: "ễ" as
    e + U+0302 + U+0303. It looks the same but compares unequal and may print as loose marks, so
    everything stored or compared is composed, the precomposed letters of TCVN 6909:2001 — the
    Unicode code set that Nghị định 30/2020/NĐ-CP, Phụ lục I prescribes for documents.
    """
    if text is None:
        return ""
    return unicodedata.normalize("NFC", text)


# Horizontal white space: tab and every Unicode space separator (the no-break spaces that Word
# and web pages paste in are collapsed like ordinary spaces).
_HORIZONTAL_SPACE = re.compile(r"[\t\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str | None) -> str:
    """Normalise user-typed text: NFC, line ends, runs of spaces, surrounding white space.

    - NFC (see ``nfc``); ``None`` becomes ``""``;
    - ``\\r\\n`` and lone ``\\r`` become ``\\n`` (newlines are kept: addresses, lists);
    - inside each line a run of spaces/tabs (including no-break spaces) becomes one space, and
      the line's trailing spaces are removed;
    - the whole text is stripped.
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_HORIZONTAL_SPACE.sub(" ", line).rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def upper_vn(text: str | None) -> str:
    """Upper-case Vietnamese text correctly, for titles printed in capitals.

    ``str.upper()`` maps every precomposed Vietnamese letter (ạ → Ạ, ữ → Ữ, đ → Đ) because
    Unicode's Latin Extended Additional block has the capital of each one. Decomposed input
    would come out as a capital base letter followed by loose combining marks, so the text is
    composed before and after: NFC(upper(NFC(text))). "Hội nghị tổng kết" → "HỘI NGHỊ TỔNG KẾT".
    """
    return nfc(nfc(text).upper())


# --------------------------------------------------------------------------------------------
# Numbers — Luật Kế toán 2015, Điều 11: "." separates thousands, "," separates decimals
# --------------------------------------------------------------------------------------------


def _require_int(n: object, what: str) -> int:
    # bool is a subclass of int, but True is never a sum of money or a count of delegates.
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{what} expects an int, got {type(n).__name__}: {n!r}")
    return n


def _group_thousands(digits: str) -> str:
    """'1234567' → '1.234.567' (Luật Kế toán 2015, Điều 11: dot between groups of three)."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def format_number(n: int) -> str:
    """An integer with dots between thousands: 1234567 → "1.234.567", -1500 → "-1.500".

    Luật Kế toán 2015, Điều 11. Only ``int`` is accepted; use ``format_decimal`` for fractions.
    """
    n = _require_int(n, "format_number")
    sign = "-" if n < 0 else ""
    return sign + _group_thousands(str(abs(n)))


def format_count(n: int, noun: str = "") -> str:
    """A head count as plans write it: below 10 with a leading zero, "02 đại biểu", "01 lãnh
    đạo", "120 đại biểu", "1.100 đại biểu"; without a noun the figure alone ("05").

    The seeds write every count of people or things this way (Kế hoạch 000: "mỗi đơn vị 01 lãnh
    đạo"; 001: "01 công chức"), like the document number of Nghị định 30/2020/NĐ-CP, Phụ lục I.
    """
    n = _require_int(n, "format_count")
    figure = f"{n:02d}" if 0 <= n < 10 else format_number(n)
    return f"{figure} {noun}" if noun else figure


def _to_decimal(x: Decimal | float | int) -> Decimal:
    if isinstance(x, bool):
        raise TypeError(f"format_decimal expects a number, got bool: {x!r}")
    if isinstance(x, Decimal):
        value = x
    elif isinstance(x, int):
        value = Decimal(x)
    elif isinstance(x, float):
        # repr() is the shortest text that round-trips, so 0.1 becomes Decimal("0.1") and not
        # the binary 0.1000000000000000055511151231257827…
        value = Decimal(repr(x))
    else:
        raise TypeError(f"format_decimal expects Decimal, float or int, got {type(x).__name__}")
    if not value.is_finite():
        raise ValueError(f"Không thể viết số {x!r} (không phải là một số hữu hạn).")
    return value


def format_decimal(x: Decimal | float | int, places: int | None = None) -> str:
    """A number with a decimal comma and thousands dots: 1.5 → "1,5", 1234.25 → "1.234,25".

    Luật Kế toán 2015, Điều 11. With ``places=None`` trailing zeros are dropped (Decimal("2.50")
    → "2,5", 3.0 → "3"); with ``places`` the value is rounded half up ("làm tròn 5 lên") to that
    many decimals and they are all shown (format_decimal(4.5, 2) → "4,50").
    """
    value = _to_decimal(x)
    if places is not None:
        if places < 0:
            raise ValueError("places must be >= 0")
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(abs(value), "f")  # never scientific notation
    whole, _, fraction = text.partition(".")
    if places is None:
        fraction = fraction.rstrip("0")
    sign = "-" if value < 0 and (whole.strip("0") or fraction.strip("0")) else ""
    result = sign + _group_thousands(whole)
    return f"{result},{fraction}" if fraction else result


def format_money(n: int) -> str:
    """A sum of money in figures: 1234567 → "1.234.567 đồng".

    Money is a whole number of đồng (the đồng has no smaller unit in use), so a float is refused
    with TypeError rather than silently rounded; round the amount where it is computed.
    """
    if isinstance(n, float):
        raise TypeError(f"format_money expects whole đồng as int, got float {n!r}")
    return f"{format_number(_require_int(n, 'format_money'))} đồng"


# --------------------------------------------------------------------------------------------
# Numbers in words — the formal reading written after "Bằng chữ:" on budgets and vouchers
# --------------------------------------------------------------------------------------------

_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9
_WORDS_LIMIT = 10**18  # "một tỷ tỷ" and beyond are not read


def _units_after_tens(units: int, tens: int) -> str:
    """The units digit after a non-zero tens digit.

    5 is "lăm" after any tens (15 mười lăm, 25 hai mươi lăm); 1 is "mốt" after twenty and up
    (21 hai mươi mốt) but "một" after mười (11 mười một); 4 stays "bốn" (the optional "tư" is not
    used, so that every amount reads the same way).
    """
    if units == 5:
        return "lăm"
    if units == 1 and tens >= 2:
        return "mốt"
    return _DIGIT_WORDS[units]


def _read_group(group: int, full: bool) -> list[str]:
    """Read one group of three digits (0 < group < 1000).

    ``full`` is True for every group after the first: its hundreds are read even when zero
    ("không trăm") and a zero tens digit before a units digit is read "linh"
    (1.005.000 → "một triệu không trăm linh năm nghìn").
    """
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units:
            # "linh" only stands between a hundreds word and the units (105, 1.005); a leading
            # group of one digit is just that digit (5 → "năm").
            words += ["linh", _DIGIT_WORDS[units]] if words else [_DIGIT_WORDS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append(_units_after_tens(units, tens))
    else:
        words += [_DIGIT_WORDS[tens], "mươi"]
        if units:
            words.append(_units_after_tens(units, tens))
    return words


def _read_below_billion(n: int, leading: bool) -> list[str]:
    """Read 0 < n < 10^9 as triệu / nghìn / units groups; all-zero groups are skipped."""
    words: list[str] = []
    first = leading
    for group, scale in ((n // 10**6, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if group == 0:
            continue  # 1.000.005 → "một triệu không trăm linh năm": no "không nghìn"
        words += _read_group(group, full=not first)
        if scale:
            words.append(scale)
        first = False
    return words


def _read_positive(n: int) -> list[str]:
    """Read 0 < n < 10^18. Above a tỷ the number of tỷ is read on its own, recursively:
    10^12 → "một nghìn tỷ", 10^15 → "một triệu tỷ" (not "một trăm nghìn tỷ")."""
    if n < _BILLION:
        return _read_below_billion(n, leading=True)
    billions, rest = divmod(n, _BILLION)
    words = _read_positive(billions) + ["tỷ"]
    if rest:
        words += _read_below_billion(rest, leading=False)
    return words


def number_in_words(n: int) -> str:
    """The formal Vietnamese reading of an integer, in lower case.

    2024000 → "hai triệu không trăm hai mươi bốn nghìn"; 0 → "không"; -5 → "âm năm".
    Every group of three digits after the first is read in full ("không trăm", "linh"); groups
    that are all zeros are skipped; scale words nghìn, triệu, tỷ, then "nghìn tỷ", "triệu tỷ".
    Supports |n| < 10^18; beyond that raises ValueError.
    """
    n = _require_int(n, "number_in_words")
    if abs(n) >= _WORDS_LIMIT:
        raise ValueError(f"Số quá lớn để đọc thành chữ (tối đa {format_number(_WORDS_LIMIT - 1)}).")
    if n == 0:
        return _DIGIT_WORDS[0]
    words = _read_positive(abs(n))
    if n < 0:
        words.insert(0, "âm")
    return " ".join(words)


def amount_in_words(n: int) -> str:
    """A sum of money in words for "Bằng chữ:", first letter capital, ending "đồng".

    2024000 → "Hai triệu không trăm hai mươi bốn nghìn đồng".
    """
    if isinstance(n, float):
        raise TypeError(f"amount_in_words expects whole đồng as int, got float {n!r}")
    words = number_in_words(n)
    return f"{words[0].upper()}{words[1:]} đồng"


# --------------------------------------------------------------------------------------------
# Dates and times — Nghị định 30/2020/NĐ-CP, Phụ lục I (địa danh và thời gian ban hành)
# --------------------------------------------------------------------------------------------

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

# How officials leave a date to be filled in by hand after signing.
_BLANK_DAY_MONTH = " " * 6
_BLANK_YEAR = "20…"


def format_date_long(d: date) -> str:
    """The date in a document: "ngày 05 tháng 02 năm 2025", "ngày 27 tháng 3 năm 2020".

    Nghị định 30/2020/NĐ-CP, Phụ lục I: a day below 10 and the months 1 and 2 are written with a
    leading 0; the other months are written without one ("tháng 3", "tháng 12").
    """
    month = f"{d.month:02d}" if d.month in (1, 2) else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_date_short(d: date) -> str:
    """Short date "05/02/2025": day and month always two digits (tables, lists, forms)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def weekday_name(d: date) -> str:
    """Day of the week: "Thứ Hai" … "Thứ Bảy", "Chủ nhật" (programmes: "Thứ Sáu, ngày …")."""
    return _WEEKDAYS[d.weekday()]


def format_date_with_weekday(d: date) -> str:
    """Day of the week and date: "Thứ Sáu, ngày 19 tháng 01 năm 2024"."""
    return f"{weekday_name(d)}, {format_date_long(d)}"


def date_line(place: str, d: date | None, year: int | None = None) -> str:
    """The địa danh line under the national motto: "An Giang, ngày 05 tháng 02 năm 2025".

    Nghị định 30/2020/NĐ-CP, Phụ lục I. When ``d`` is None the day and month are left blank for
    the văn thư to fill in after signing, as drafts are printed:
    "An Giang, ngày      tháng      năm 2025" (year from ``year``; "năm 20…" when that is None
    too). ``year`` is ignored when ``d`` is given. An empty place gives the date part alone.
    """
    if d is not None:
        when = format_date_long(d)
    else:
        year_text = str(year) if year is not None else _BLANK_YEAR
        when = f"ngày{_BLANK_DAY_MONTH}tháng{_BLANK_DAY_MONTH}năm {year_text}"
    place = clean_text(place)
    return f"{place}, {when}" if place else when


def format_time(t: time) -> str:
    """Time as written in a Kế hoạch or giấy mời: "07 giờ 30", "14 giờ 00"."""
    return f"{t.hour:02d} giờ {t.minute:02d}"


def format_time_short(t: time) -> str:
    """Short time "07:30", for programme tables and form fields."""
    return f"{t.hour:02d}:{t.minute:02d}"


# ASCII digits only: \d would also accept Arabic-Indic and other digits.
_ISO_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_DMY_DATE = re.compile(r"(?P<d>[0-9]{1,2})(?P<sep>[/.\-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})")


def parse_date(text: str) -> date:
    """Read a date typed as "05/02/2025", "5/2/2025", "05-02-2025", "05.02.2025" (day first, as
    in Vietnam) or "2025-02-05" (what a browser's date picker sends).

    Raises ValueError with a Vietnamese message for a bad format or an impossible date.
    """
    raw = clean_text(text)
    if not raw:
        raise ValueError("Chưa nhập ngày.")
    match = _ISO_DATE.fullmatch(raw) or _DMY_DATE.fullmatch(raw)
    if match is None:
        raise ValueError(
            f"Không đọc được ngày “{raw}”: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2025."
        )
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    if not 1 <= year <= 9999:
        raise ValueError(f"Ngày “{raw}” không hợp lệ: năm {year} không có thật.")
    if not 1 <= month <= 12:
        raise ValueError(f"Ngày “{raw}” không hợp lệ: tháng phải từ 1 đến 12.")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise ValueError(
            f"Ngày “{raw}” không hợp lệ: tháng {month} năm {year} chỉ có {days_in_month} ngày."
        )
    return date(year, month, day)


_COLON_TIME = re.compile(r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?")
# "7h30", "07h", "7g30", "7 giờ 30", "7 giờ 30 phút", "7h30p"
_WORD_TIME = re.compile(r"(?P<h>[0-9]{1,2}) ?(?:giờ|h|g) ?(?:(?P<m>[0-9]{1,2}) ?(?:phút|ph|p)?)?")


def parse_time(text: str) -> time:
    """Read a time of day typed as "07:30", "7:30", "7h30", "07h", "7g30" or "7 giờ 30".

    "07:30:00" (what some browsers send) is accepted too. Raises ValueError with a Vietnamese
    message for a bad format ("abc") or an impossible time ("25:00", "7:60").
    """
    raw = clean_text(text)
    if not raw:
        raise ValueError("Chưa nhập giờ.")
    lowered = raw.lower()
    match = _COLON_TIME.fullmatch(lowered) or _WORD_TIME.fullmatch(lowered)
    if match is None:
        raise ValueError(
            f"Không đọc được giờ “{raw}”: hãy nhập theo dạng 07:30, 7h30 hoặc 7 giờ 30."
        )
    hour = int(match["h"])
    minute = int(match["m"] or 0)
    second = int(match.groupdict().get("s") or 0)
    if hour > 23:
        raise ValueError(f"Giờ “{raw}” không hợp lệ: giờ phải từ 0 đến 23.")
    if minute > 59 or second > 59:
        raise ValueError(f"Giờ “{raw}” không hợp lệ: phút phải từ 0 đến 59.")
    return time(hour, minute, second)


_MINUS_SIGNS = "-\u2212"  # hyphen-minus and the typographic minus sign


SQLITE_MAX_INTEGER = 2**63 - 1  # the largest id SQLite stores; the URL converter's bound too


def whole_number(text: str | None) -> int | None:
    """A small whole number typed by the officer in a form box (a year, "lần thứ", an id from a
    select), or None when the box holds anything else (empty included; callers say why).

    The rule, the same everywhere a form's number is read: NFKC first — full-width "２０２５"
    and the superscripts "²⁰²⁵" become the digits they are drawn as — then only decimal digits
    (Arabic-Indic digits, which int() reads, stay accepted), at most 19 of them (row_id bounds
    them to SQLite's integer). `str.isdigit` accepts "²", which int() refuses: a 500 before.
    """
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text or len(text) > 19 or not text.isdecimal():
        return None
    return int(text)


def row_id(text: str | None) -> int | None:
    """A row id from a query string or a form: ASCII digits (ids are written by the program, not
    typed: "²" is no id) from 1 to SQLite's largest integer (as `<int:…>` in addresses), else
    None — never a ValueError in int() nor an OverflowError in SQLite."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    value = int(text)
    return value if 1 <= value <= SQLITE_MAX_INTEGER else None


# The examples a refusal gives, by the kind of number the box holds: a count of people or
# things must not be answered with a sum of money (issue 17 walk: "1OO" đại biểu → "1.500.000").
# (example, the same or another plainly, one with a thousands dot)
NUMBER_EXAMPLES = {
    "money": ("1.500.000", "1500000", "1.500.000"),
    "count": ("150", "1.200", "1.200"),
    "year": ("2025", "2025", "1.200"),
}


def parse_integer(text: str, kind: str = "money") -> int:
    """Read a whole number typed by a person; `kind` ("money", "count", "year") picks the
    example the refusal gives (NUMBER_EXAMPLES).

    Accepted: "1500000"; the Vietnamese "1.500.000" (Luật Kế toán 2015, Điều 11); "1 500 000";
    and the English "1,500,000". A separator is taken as a thousands separator only when one kind
    is used throughout and every group after the first has exactly three digits, so "1,5" and
    "12.34" are refused as decimals instead of being misread as 15 or 1234. A leading "-" is
    allowed. Raises ValueError with a Vietnamese message for anything else (letters, decimals,
    empty input).
    """
    raw = clean_text(text)
    if not raw:
        raise ValueError("Chưa nhập số.")
    body = raw
    sign = 1
    if body[0] in _MINUS_SIGNS:
        sign, body = -1, body[1:].lstrip()
    elif body[0] == "+":
        body = body[1:].lstrip()
    separators = {ch for ch in body if ch in ". ,"}
    example, other, thousands = NUMBER_EXAMPLES.get(kind, NUMBER_EXAMPLES["money"])
    examples = example if other == example else f"{example} hoặc {other}"
    not_a_number = ValueError(
        f"“{raw}” không phải là số nguyên: chỉ nhập chữ số, ví dụ {examples}."
    )
    if not body or any(not ("0" <= ch <= "9") for ch in body if ch not in separators):
        raise not_a_number
    if not separators:
        return sign * int(body)
    if len(separators) > 1:
        raise not_a_number
    separator = separators.pop()
    groups = body.split(separator)
    if 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:]):
        return sign * int("".join(groups))
    if separator != " " and len(groups) == 2 and groups[0] and groups[1]:
        raise ValueError(
            f"“{raw}” là số thập phân: ở đây chỉ nhập số nguyên "
            f"(dấu chấm phân cách hàng nghìn, ví dụ {thousands})."
        )
    raise not_a_number


# --------------------------------------------------------------------------------------------
# Document lines — Nghị định 30/2020/NĐ-CP, Phụ lục I
# --------------------------------------------------------------------------------------------

# Space left for the number, which the văn thư writes in by hand when the document is issued.
_BLANK_NUMBER = " " * 6


def document_number_line(number: str | int | None, symbol: str) -> str:
    """The "Số:" line: ("5", "KH-UBND") → "Số: 05/KH-UBND"; (12, "KH-UBND") → "Số: 12/KH-UBND".

    Nghị định 30/2020/NĐ-CP, Phụ lục I: the number is in Arabic digits and a number below 10 gets
    a leading 0. No number (None or "") leaves a blank for the văn thư: "Số:       /KH-UBND".
    A number that is not all digits (e.g. "12a") is printed as typed; a "/" typed before the
    symbol is not doubled; an empty symbol prints the number alone.
    """
    if isinstance(number, bool):
        raise TypeError(f"document_number_line expects a number or text, got bool: {number!r}")
    if isinstance(number, int):
        if number <= 0:
            raise ValueError(f"Số văn bản phải là số dương, nhận được {number}.")
        number_text = f"{number:02d}"
    else:
        number_text = clean_text(number)
        if number_text.isascii() and number_text.isdigit() and len(number_text) == 1:
            number_text = f"0{number_text}"
    symbol = clean_text(symbol).lstrip("/").strip()
    if not number_text:
        number_text = _BLANK_NUMBER
    line = f"Số: {number_text}"
    return f"{line}/{symbol}" if symbol else line.rstrip()


# --------------------------------------------------------------------------------------------
# Alphabetical order — Unicode CLDR collation "vi"
# --------------------------------------------------------------------------------------------

# The Vietnamese alphabet (29 letters), with f, j, w, z placed where the Latin alphabet has them
# so that foreign names still sort sensibly. ă, â, đ, ê, ô, ơ, ư are letters of their own
# (primary differences in CLDR "vi"): "Ân" comes after every "An…", "Đ" after every "D".
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {unicodedata.normalize("NFD", letter): rank for rank, letter in enumerate(_ALPHABET)}

# Marks that make a different LETTER (a → ă, â; o → ô, ơ; u → ư; e → ê).
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn
# Tone marks, compared only after all letters (secondary level), in CLDR "vi" order:
# no tone < huyền < hỏi < ngã < sắc < nặng.
_TONE_RANK = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}

# Primary classes, in CLDR order: white space < punctuation and symbols < digits < letters.
_SPACE, _PUNCTUATION, _DIGIT, _LETTER, _OTHER_LETTER = range(5)


def _split_graphemes(decomposed: str) -> list[tuple[str, str]]:
    """'việt' in NFD → [('v', ''), ('i', ''), ('e', '\\u0302\\u0323'), ('t', '')]."""
    units: list[tuple[str, str]] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            if units:  # a mark with no base letter before it carries no weight
                base, marks = units[-1]
                units[-1] = (base, marks + ch)
        elif unicodedata.category(ch) not in ("Cf", "Cc") or ch.isspace():
            units.append((ch, ""))
    return units


@lru_cache(maxsize=8192)
def _collation_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, ...], ...]]:
    # Case-insensitive: fold case before anything else. U+00D0 "Ð" (Icelandic eth), which old
    # font-conversion tools put in place of "Đ" and which looks the same, is read as đ.
    folded = nfc(text).casefold().replace("ð", "đ")
    primary: list[tuple[int, int]] = []
    secondary: list[tuple[int, ...]] = []
    for base, marks in _split_graphemes(unicodedata.normalize("NFD", folded)):
        letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
        tone = max((_TONE_RANK[m] for m in marks if m in _TONE_RANK), default=0)
        other_marks = [ord(m) for m in marks if m not in _TONE_RANK]
        if base + letter_marks in _LETTER_RANK:
            weight = (_LETTER, _LETTER_RANK[base + letter_marks])
            other_marks = [ord(m) for m in marks if m not in _TONE_RANK and m not in _LETTER_MARKS]
        elif base in _LETTER_RANK:  # e.g. "ĉ": a Latin letter with a mark Vietnamese lacks
            weight = (_LETTER, _LETTER_RANK[base])
        elif base.isspace():
            weight = (_SPACE, 0)
        elif unicodedata.decimal(base, None) is not None:
            weight = (_DIGIT, unicodedata.decimal(base))
        elif base.isalpha():
            weight = (_OTHER_LETTER, ord(base))
        else:
            weight = (_PUNCTUATION, ord(base))
        primary.append(weight)
        secondary.append((tone, *sorted(other_marks)))
    return tuple(primary), tuple(secondary)


def collation_key(text: str) -> tuple:
    """A sort key giving Vietnamese alphabetical order (Unicode CLDR collation "vi").

    - Primary level, letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f, j, w,
      z where the Latin alphabet has them). Each character is decomposed with unicodedata; the
      breve, circumflex and horn belong to the letter (ă, â, ê, ô, ơ, ư) and đ is its own letter.
      White space < punctuation < digits < letters.
    - Secondary level, tones, compared only when all letters are equal: none < huyền < hỏi < ngã
      < sắc < nặng, so a < à < ả < ã < á < ạ < ă and "ban" < "bàn" < "bán" < "bạn" < "bàng".
    - Case is ignored: collation_key("An") == collation_key("an"). Decomposed and composed
      spellings give the same key.
    """
    return _collation_key(nfc(text))


@lru_cache(maxsize=8192)
def name_sort_key(full_name: str) -> tuple:
    """Sort key for people as officials list them: by tên, then tên đệm, then họ.

    "Nguyễn Thị An" → tên "An", tên đệm ("Thị",), họ "Nguyễn". Each part is compared with
    ``collation_key`` (letters first, then tones, within that part). A name with no tên đệm comes
    before the same tên with one ("Lê An" before "Nguyễn Thị An"). Equal keys fall back to the
    whole name, then to the exact string, so the order is always the same.
    """
    name = clean_text(full_name)
    words = name.split()
    if not words:
        given, middle, family = "", [], ""
    elif len(words) == 1:
        given, middle, family = words[0], [], ""
    else:
        given, middle, family = words[-1], words[1:-1], words[0]
    return (
        collation_key(given),
        tuple(collation_key(word) for word in middle),
        collation_key(family),
        collation_key(name),
        name,
    )


# --------------------------------------------------------------------------------------------
# Notes to the clerk
# --------------------------------------------------------------------------------------------

# Words that speak to the officer preparing a document, not to its reader: a reference figure to
# replace, a point still to check, illustrative data, a blank resolution number. They belong on
# the screen and in the pre-signature check, never on a signed document (issue 15). Compared
# without case, in NFC.
CLERK_PHRASES = (
    "cần kiểm tra",
    "cần đối chiếu",
    "cần thay",
    "thay bằng mức",
    "thay bằng nghị quyết",
    "thường gặp",
    "mức tham chiếu",
    "minh họa)",
    "minh hoạ)",
    "dữ liệu minh họa",
    "số liệu minh họa",
)
# A blank resolution number ("Nghị quyết số …/2025/NQ-HĐND") is not in the list: it is a blank
# to fill, which prints and blocks signing (budget/checks.blanks_in_print) — stronger than
# leaving it out.


def clerk_phrase(text: str | None) -> str:
    """The first note-to-the-clerk phrase in ``text`` ("cần kiểm tra"), or "" when none.

    "(minh họa)" counts, "hình ảnh minh họa" (a photo report's content) does not.
    """
    folded = nfc(text).casefold()
    return next((phrase for phrase in CLERK_PHRASES if phrase in folded), "")
