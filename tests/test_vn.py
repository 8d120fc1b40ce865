"""Tests for kehoach_app.vn — every expected value below was worked out by hand from the rules
(DOMAIN.md "Names, numbers, words"; Nghị định 30/2020/NĐ-CP, Phụ lục I; CLDR "vi")."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, time
from decimal import Decimal

import pytest

from kehoach_app import vn

# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert decomposed != "Nguyễn"  # the test would prove nothing otherwise
    assert len(decomposed) == 8  # N g u y e ◌̂ ◌̃ n
    assert vn.nfc(decomposed) == "Nguyễn"
    assert len(vn.nfc(decomposed)) == 6


def test_nfc_none_is_empty():
    assert vn.nfc(None) == ""
    assert vn.nfc("") == ""


def test_clean_text():
    decomposed = unicodedata.normalize("NFD", "Hội   nghị")
    assert vn.clean_text(f"  {decomposed}\t tổng  kết  ") == "Hội nghị tổng kết"
    assert vn.clean_text("Dòng 1   \r\nDòng\t\t2  \r\n\r\nDòng 3\n") == "Dòng 1\nDòng 2\n\nDòng 3"
    assert vn.clean_text("a\rb") == "a\nb"
    assert vn.clean_text("số\u00a0\u00a0nhà") == "số nhà"
    assert vn.clean_text(None) == ""
    assert vn.clean_text(" \n \t ") == ""


def test_upper_vn():
    assert vn.upper_vn("Ủy ban nhân dân tỉnh An Giang") == "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    assert vn.upper_vn("hội nghị tổng kết công tác thi đua, khen thưởng") == (
        "HỘI NGHỊ TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG"
    )
    assert vn.upper_vn("ạ ặ ậ ẹ ệ ị ọ ộ ợ ụ ự ỵ đ ữ ỹ") == "Ạ Ặ Ậ Ẹ Ệ Ị Ọ Ộ Ợ Ụ Ự Ỵ Đ Ữ Ỹ"
    decomposed = unicodedata.normalize("NFD", "tiếng Việt")
    result = vn.upper_vn(decomposed)
    assert result == "TIẾNG VIỆT"
    assert unicodedata.is_normalized("NFC", result)
    assert vn.upper_vn(None) == ""


# --------------------------------------------------------------------------------------------
# Numbers in figures — Luật Kế toán 2015, Điều 11
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1_000, "1.000"),
        (15_000, "15.000"),
        (150_000, "150.000"),
        (1_234_567, "1.234.567"),
        (2_340_000, "2.340.000"),
        (-1_234_567, "-1.234.567"),
        (-500, "-500"),
        (1_000_000_000_000, "1.000.000.000.000"),
    ],
)
def test_format_number(n, text):
    assert vn.format_number(n) == text


def test_format_number_refuses_float():
    with pytest.raises(TypeError):
        vn.format_number(1.5)


@pytest.mark.parametrize(
    ("x", "places", "text"),
    [
        (1.5, None, "1,5"),
        (Decimal("1234.25"), None, "1.234,25"),
        (1234.25, None, "1.234,25"),
        (Decimal("2.50"), None, "2,5"),
        (3.0, None, "3"),
        (Decimal("1000.000"), None, "1.000"),
        (12, None, "12"),
        (1_234_567, None, "1.234.567"),
        (0.1, None, "0,1"),
        (-1234.5, None, "-1.234,5"),
        (Decimal("4.5"), 2, "4,50"),
        (Decimal("2.345"), 2, "2,35"),  # làm tròn 5 lên
        (Decimal("2.5"), 0, "3"),
        (1234567.891, 1, "1.234.567,9"),
        (12, 2, "12,00"),
        (-0.001, 2, "0,00"),  # no "-0,00"
        (Decimal("1E+3"), None, "1.000"),
    ],
)
def test_format_decimal(x, places, text):
    assert vn.format_decimal(x, places) == text


def test_format_decimal_refuses_nan():
    with pytest.raises(ValueError):
        vn.format_decimal(float("nan"))


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 đồng"),
        (40_000, "40.000 đồng"),
        (1_234_567, "1.234.567 đồng"),
        (12_345_000, "12.345.000 đồng"),
        (-200_000, "-200.000 đồng"),
    ],
)
def test_format_money(n, text):
    assert vn.format_money(n) == text


def test_format_money_refuses_float():
    with pytest.raises(TypeError):
        vn.format_money(1500.0)
    with pytest.raises(TypeError):
        vn.format_money(True)


# --------------------------------------------------------------------------------------------
# Numbers in words
# --------------------------------------------------------------------------------------------

# Worked out by hand: groups of three from the right; every group after the first read in full
# ("không trăm", "linh"); all-zero groups skipped; mười / mươi; mốt after 2–9 tens; lăm after any
# tens; bốn everywhere; nghìn, triệu, tỷ; above a tỷ the number of tỷ read on its own.
NUMBER_WORDS = [
    (0, "không"),
    (1, "một"),
    (2, "hai"),
    (3, "ba"),
    (4, "bốn"),
    (5, "năm"),
    (6, "sáu"),
    (7, "bảy"),
    (8, "tám"),
    (9, "chín"),
    (10, "mười"),
    (11, "mười một"),
    (12, "mười hai"),
    (13, "mười ba"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (16, "mười sáu"),
    (17, "mười bảy"),
    (18, "mười tám"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (31, "ba mươi mốt"),
    (44, "bốn mươi bốn"),
    (45, "bốn mươi lăm"),
    (55, "năm mươi lăm"),
    (95, "chín mươi lăm"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (200, "hai trăm"),
    (999, "chín trăm chín mươi chín"),
    (1_000, "một nghìn"),
    (1_001, "một nghìn không trăm linh một"),
    (1_010, "một nghìn không trăm mười"),
    (1_015, "một nghìn không trăm mười lăm"),
    (1_100, "một nghìn một trăm"),
    (2_024, "hai nghìn không trăm hai mươi bốn"),
    (2_025, "hai nghìn không trăm hai mươi lăm"),
    (10_000, "mười nghìn"),
    (11_011, "mười một nghìn không trăm mười một"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (40_000, "bốn mươi nghìn"),
    (100_005, "một trăm nghìn không trăm linh năm"),
    (150_000, "một trăm năm mươi nghìn"),
    (1_000_000, "một triệu"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_001_001, "một triệu không trăm linh một nghìn không trăm linh một"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (2_024_000, "hai triệu không trăm hai mươi bốn nghìn"),
    (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
    (3_500_000, "ba triệu năm trăm nghìn"),
    (12_345_000, "mười hai triệu ba trăm bốn mươi lăm nghìn"),
    (100_000_000, "một trăm triệu"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_001, "một tỷ không trăm linh một"),
    (1_000_001_000, "một tỷ không trăm linh một nghìn"),
    (1_005_000_000, "một tỷ không trăm linh năm triệu"),
    (
        1_234_567_890,
        "một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi",
    ),
    (15_000_000_000, "mười lăm tỷ"),
    (10**12, "một nghìn tỷ"),
    (10**12 + 5, "một nghìn tỷ không trăm linh năm"),
    (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
    (5 * 10**12, "năm nghìn tỷ"),
    (10**15, "một triệu tỷ"),
    (
        999_999_999_999_999,
        "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ "
        "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
    ),
    (
        10**18 - 1,
        "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ "
        "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
    ),
    (-5, "âm năm"),
    (-2_024, "âm hai nghìn không trăm hai mươi bốn"),
]


def test_number_table_is_large_enough():
    assert len(NUMBER_WORDS) >= 45


@pytest.mark.parametrize(("n", "words"), NUMBER_WORDS)
def test_number_in_words(n, words):
    assert vn.number_in_words(n) == words


@pytest.mark.parametrize(("n", "words"), NUMBER_WORDS)
def test_amount_in_words_matches_number_in_words(n, words):
    assert vn.amount_in_words(n) == words[0].upper() + words[1:] + " đồng"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "Không đồng"),
        (1_000, "Một nghìn đồng"),
        (2_024_000, "Hai triệu không trăm hai mươi bốn nghìn đồng"),
        (12_345_000, "Mười hai triệu ba trăm bốn mươi lăm nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (-5_000, "Âm năm nghìn đồng"),
    ],
)
def test_amount_in_words(n, text):
    assert vn.amount_in_words(n) == text


def test_words_limits_and_types():
    with pytest.raises(ValueError):
        vn.number_in_words(10**18)
    with pytest.raises(ValueError):
        vn.number_in_words(-(10**18))
    with pytest.raises(TypeError):
        vn.number_in_words(2.5)
    with pytest.raises(TypeError):
        vn.amount_in_words(1000.0)


# --------------------------------------------------------------------------------------------
# Dates and times — Nghị định 30/2020/NĐ-CP, Phụ lục I
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (date(2024, 1, 18), "ngày 18 tháng 01 năm 2024"),
        (date(2020, 3, 27), "ngày 27 tháng 3 năm 2020"),
        (date(2026, 12, 9), "ngày 09 tháng 12 năm 2026"),
        (date(2025, 9, 1), "ngày 01 tháng 9 năm 2025"),
        (date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
        (date(2025, 11, 30), "ngày 30 tháng 11 năm 2025"),
    ],
)
def test_format_date_long(d, text):
    assert vn.format_date_long(d) == text


def test_format_date_short():
    assert vn.format_date_short(date(2025, 2, 5)) == "05/02/2025"
    assert vn.format_date_short(date(2020, 3, 27)) == "27/03/2020"
    assert vn.format_date_short(date(2026, 12, 9)) == "09/12/2026"


@pytest.mark.parametrize(
    ("d", "name"),
    [
        (date(2024, 1, 15), "Thứ Hai"),
        (date(2024, 1, 16), "Thứ Ba"),
        (date(2024, 1, 17), "Thứ Tư"),
        (date(2024, 1, 18), "Thứ Năm"),
        (date(2024, 1, 19), "Thứ Sáu"),
        (date(2024, 1, 20), "Thứ Bảy"),
        (date(2024, 1, 21), "Chủ nhật"),
        (date(2026, 11, 22), "Chủ nhật"),
        (date(2025, 9, 2), "Thứ Ba"),  # Quốc khánh 2025
    ],
)
def test_weekday_name(d, name):
    assert vn.weekday_name(d) == name


def test_format_date_with_weekday():
    assert vn.format_date_with_weekday(date(2024, 1, 19)) == "Thứ Sáu, ngày 19 tháng 01 năm 2024"
    assert vn.format_date_with_weekday(date(2026, 11, 22)) == "Chủ nhật, ngày 22 tháng 11 năm 2026"


def test_date_line():
    assert vn.date_line("An Giang", date(2025, 2, 5)) == "An Giang, ngày 05 tháng 02 năm 2025"
    assert vn.date_line("Cà Mau", date(2020, 3, 27), year=1999) == (
        "Cà Mau, ngày 27 tháng 3 năm 2020"
    )
    assert vn.date_line("An Giang", None, 2025) == "An Giang, ngày      tháng      năm 2025"
    assert vn.date_line("An Giang", None) == "An Giang, ngày      tháng      năm 20…"
    assert vn.date_line("", date(2025, 2, 5)) == "ngày 05 tháng 02 năm 2025"


def test_format_time():
    assert vn.format_time(time(7, 30)) == "07 giờ 30"
    assert vn.format_time(time(14, 0)) == "14 giờ 00"
    assert vn.format_time_short(time(7, 30)) == "07:30"
    assert vn.format_time_short(time(14, 5)) == "14:05"


@pytest.mark.parametrize(
    "text",
    ["2025-02-05", "05/02/2025", "5/2/2025", "05-02-2025", "05.02.2025", " 5/02/2025 "],
)
def test_parse_date_good(text):
    assert vn.parse_date(text) == date(2025, 2, 5)


def test_parse_date_leap_day():
    assert vn.parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2025", "tháng 2 năm 2025 chỉ có 28 ngày"),
        ("29/02/2025", "chỉ có 28 ngày"),
        ("31/04/2025", "tháng 4 năm 2025 chỉ có 30 ngày"),
        ("05/13/2025", "tháng phải từ 1 đến 12"),
        ("2025-02-30", "không hợp lệ"),
        ("00/01/2025", "không hợp lệ"),
        ("hôm nay", "Không đọc được ngày"),
        ("05/02/25", "Không đọc được ngày"),
        ("05/02-2025", "Không đọc được ngày"),
        ("", "Chưa nhập ngày"),
    ],
)
def test_parse_date_bad(text, message):
    with pytest.raises(ValueError, match=message):
        vn.parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("7H30", time(7, 30)),
        ("07h", time(7, 0)),
        ("7 giờ 30", time(7, 30)),
        ("7 giờ 30 phút", time(7, 30)),
        ("7g30", time(7, 30)),
        ("14:00", time(14, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("13h45", time(13, 45)),
        ("07:30:00", time(7, 30)),
    ],
)
def test_parse_time_good(text, expected):
    assert vn.parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", "giờ phải từ 0 đến 23"),
        ("24:00", "giờ phải từ 0 đến 23"),
        ("7:60", "phút phải từ 0 đến 59"),
        ("7h75", "phút phải từ 0 đến 59"),
        ("abc", "Không đọc được giờ"),
        ("7", "Không đọc được giờ"),
        ("7:5", "Không đọc được giờ"),
        ("", "Chưa nhập giờ"),
    ],
)
def test_parse_time_bad(text, message):
    with pytest.raises(ValueError, match=message):
        vn.parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("150", 150),
        ("1.500", 1_500),
        ("12.345.678", 12_345_678),
        ("0", 0),
        ("05", 5),
        (" 350 ", 350),
        ("-1.500", -1_500),
        ("1\u00a0500\u00a0000", 1_500_000),
    ],
)
def test_parse_integer_good(text, expected):
    assert vn.parse_integer(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,5", "số thập phân"),
        ("12.34", "số thập phân"),
        ("1.5", "số thập phân"),
        ("abc", "không phải là số nguyên"),
        ("150 người", "không phải là số nguyên"),
        ("1.500,50", "không phải là số nguyên"),
        ("1.50.000", "không phải là số nguyên"),
        ("1.500.00", "không phải là số nguyên"),
        ("1234.567", "số thập phân"),
        (".500", "không phải là số nguyên"),
        ("-", "không phải là số nguyên"),
        ("", "Chưa nhập số"),
        ("   ", "Chưa nhập số"),
    ],
)
def test_parse_integer_bad(text, message):
    with pytest.raises(ValueError, match=message):
        vn.parse_integer(text)


# --------------------------------------------------------------------------------------------
# "Số:" line — Nghị định 30/2020/NĐ-CP, Phụ lục I
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "symbol", "line"),
    [
        ("5", "KH-UBND", "Số: 05/KH-UBND"),
        (5, "KH-UBND", "Số: 05/KH-UBND"),
        ("05", "KH-UBND", "Số: 05/KH-UBND"),
        (12, "KH-UBND", "Số: 12/KH-UBND"),
        ("123", "KH-UBND", "Số: 123/KH-UBND"),
        (None, "KH-UBND", "Số:       /KH-UBND"),
        ("", "KH-UBND", "Số:       /KH-UBND"),
        ("  ", "KH-UBND", "Số:       /KH-UBND"),
        ("7", "/KH-BTĐKT", "Số: 07/KH-BTĐKT"),
    ],
)
def test_document_number_line(number, symbol, line):
    assert vn.document_number_line(number, symbol) == line


# --------------------------------------------------------------------------------------------
# Alphabetical order — CLDR "vi"
# --------------------------------------------------------------------------------------------


def _assert_sorted_order(words, key):
    shuffled = list(words)
    random.Random(2024).shuffle(shuffled)
    assert sorted(shuffled, key=key) == list(words)
    assert sorted(reversed(words), key=key) == list(words)


def test_alphabet_order_of_letters():
    # The 29 letters of the Vietnamese alphabet, upper and lower case mixed.
    alphabet = "a Ă â B c D đ E ê G h I k L m N o Ô ơ P q R s T u Ư v X y".split()
    _assert_sorted_order(alphabet, vn.collation_key)


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ặ", "â", "ầ", "ậ", "b"],  # a/ă/â and the tones
        ["A", "Ă", "Â"],
        ["d", "dz", "đ", "đa", "e"],  # đ after every d…, before e
        ["Dương", "Đào", "Ê"],
        ["o", "ò", "ọ", "ô", "ồ", "ơ", "ợ", "p"],
        ["u", "ù", "ụ", "ư", "ừ", "ự", "v"],
        ["e", "é", "ê", "ế", "f", "g"],  # f between ê and g, as in the Latin alphabet
        ["y", "ỳ", "ỹ", "ý", "ỵ", "z"],
        ["ban", "bàn", "bán", "bạn", "bàng", "bâng"],  # tones only after all the letters
        ["An", "An Bình", "Anh", "Ánh", "Ân"],
        ["Hà", "Hạ", "Hải"],
        ["Long", "Lộc", "Lợi"],
        ["Tuấn", "Tùng", "Tư"],
        ["1", "2", "a"],  # digits before letters
    ],
)
def test_collation_order(ordered):
    _assert_sorted_order(ordered, vn.collation_key)


def test_collation_ignores_case_and_normalisation():
    assert vn.collation_key("An") == vn.collation_key("an") == vn.collation_key("AN")
    assert vn.collation_key("Đặng") == vn.collation_key("đặng")
    composed = "Nguyễn Thị Ánh"
    assert vn.collation_key(unicodedata.normalize("NFD", composed)) == vn.collation_key(composed)
    # "Ð" (U+00D0, eth) left behind by old font converters sorts as "Đ".
    assert vn.collation_key("\u00d0ào") == vn.collation_key("Đào")


def test_collation_tone_differs_only_at_second_level():
    # Same letters: the keys differ, but not in the letters part.
    assert vn.collation_key("Hà")[0] == vn.collation_key("Hạ")[0]
    assert vn.collation_key("Hà") < vn.collation_key("Hạ")
    assert vn.collation_key("An")[0] != vn.collation_key("Ân")[0]


def test_name_sort_key_example_from_brief():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê An", "Phạm Ánh", "Đỗ Văn Ba", "Bùi Anh"]
    # By hand: tên An, An < Anh < Ánh < Ba < Bình; the two "An": no tên đệm first.
    assert sorted(names, key=vn.name_sort_key) == [
        "Lê An",
        "Nguyễn Thị An",
        "Bùi Anh",
        "Phạm Ánh",
        "Đỗ Văn Ba",
        "Trần Văn Bình",
    ]


def test_name_sort_key_realistic_list():
    # Worked out by hand: tên first (An < Anh < Ánh < Ân < Bích < Bình < Dũng < Dương < Đào <
    # Đức < Hà < Hạ < Hải < Long < Lộc < Lợi < Mai < Tuấn < Tùng < Tư), then tên đệm
    # (Ngọc < Thị; none before any), then họ (Lê < Trần).
    expected = [
        "Lê An",
        "Nguyễn Văn An",
        "Lê Hoàng Anh",
        "Trần Thị Ánh",
        "Phạm Thị Ân",
        "Hoàng Thị Bích",
        "Đặng Văn Bình",
        "Võ Minh Dũng",
        "Bùi Văn Dương",
        "Đỗ Thị Đào",
        "Trương Văn Đức",
        "Ngô Thị Hà",
        "Dương Thị Hạ",
        "Lý Văn Hải",
        "Phan Văn Long",
        "Mai Xuân Lộc",
        "Hồ Đức Lợi",
        "Nguyễn Ngọc Mai",
        "Lê Thị Mai",
        "Trần Thị Mai",
        "Nguyễn Văn Tuấn",
        "Lê Thanh Tùng",
        "Vũ Văn Tư",
    ]
    _assert_sorted_order(expected, vn.name_sort_key)


def test_name_sort_key_same_given_and_middle_name_orders_by_family_name():
    expected = ["Dương Văn Nam", "Đinh Văn Nam", "Lê Văn Nam", "Ông Văn Nam"]
    _assert_sorted_order(expected, vn.name_sort_key)


def test_name_sort_key_is_tolerant_of_spacing_and_normalisation():
    assert vn.name_sort_key("  Nguyễn   Thị  An ") == vn.name_sort_key("Nguyễn Thị An")
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert vn.name_sort_key(decomposed) == vn.name_sort_key("Nguyễn Thị Ánh")


def test_name_sort_key_single_word_and_ties():
    # A one-word name has no họ: it comes before the same tên with a họ.
    _assert_sorted_order(["An", "Lê An"], vn.name_sort_key)
    # Names equal apart from case are still put in a fixed order (the exact string breaks ties).
    assert vn.name_sort_key("lê an") != vn.name_sort_key("Lê An")
    assert sorted(["lê an", "Lê An"], key=vn.name_sort_key) == ["Lê An", "lê an"]
    assert vn.name_sort_key("") < vn.name_sort_key("An")
