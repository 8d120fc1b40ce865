"""Pure logic of the delegates part: phone numbers, search, order, counts per group, the card."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import pytest

from kehoach_app.delegates.logic import (
    SearchQuery,
    fold_accents,
    has_placeholder,
    identity_key,
    normalise_phone,
    planned_total,
    progress,
    protocol_key,
    scale_to_total,
    search_delegates,
    shorten,
    sort_delegates,
    tally,
)


@dataclass
class Person:
    full_name: str
    protocol_rank: int = 0
    unit: str = ""
    position: str = ""
    group_id: int | None = None
    invitation_sent_on: dt.date | None = None
    reply: str = "pending"


@dataclass
class Group:
    id: int
    name: str
    planned: int


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "0912 345 678"),
        ("0912.345.678", "0912 345 678"),
        ("0912-345-678", "0912 345 678"),
        ("0912345678", "0912 345 678"),
        ("+84 912 345 678", "0912 345 678"),
        ("+84912345678", "0912 345 678"),
        ("84912345678", "0912 345 678"),
        ("0084 912 345 678", "0912 345 678"),
        ("912345678", "0912 345 678"),  # Excel dropped the leading 0
        ("  0387\u00a0654\u00a0321 ", "0387 654 321"),  # no-break spaces pasted from Word
        ("(028) 3822 1234", "028 3822 1234"),
        ("028.3822.1234", "028 3822 1234"),
        ("+84 28 3822 1234", "028 3822 1234"),
        ("(024) 3825 3536", "024 3825 3536"),
        ("0236 3822 123", "0236 3822 123"),
        ("(0276) 3822 456", "0276 3822 456"),
        ("2838221234", "028 3822 1234"),
        ("1900 1234", "1900 1234"),
        ("1800.599.920", "1800 599920"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_phone_numbers_in_every_common_format_are_stored_one_way(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "không phải chữ số"),
        ("0912 345 67x", "không phải chữ số"),
        ("12345", "không hợp lệ"),
        ("0912 345 6789", "không hợp lệ"),
        ("0612 345 678", "không hợp lệ"),  # 06x is not a mobile prefix
        ("+1 202 555 0100", "không phải số Việt Nam"),
        ("01688 123 456", "đầu số di động 11 số cũ"),
        ("０９１２３４５６７８", "không phải chữ số"),  # full-width digits
    ],
)
def test_bad_phone_numbers_are_refused_with_a_vietnamese_message(typed, message):
    with pytest.raises(ValueError) as caught:
        normalise_phone(typed)
    assert message in str(caught.value)
    assert (
        "0912 345 678" in str(caught.value)
        or "+84" in str(caught.value)
        or "2018" in str(caught.value)
    )


# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------

PEOPLE = [
    Person("Nguyễn Văn An", unit="Ủy ban nhân dân xã Tân Hòa", position="Chủ tịch"),
    Person("Nguyên Thị Bình", unit="Trường Tiểu học Mỹ Lộc", position="Hiệu trưởng"),
    Person("Trần Đức Ánh", unit="Công an xã Tân Hòa", position="Trưởng Công an xã"),
    Person("Lê Thị Hồng", unit="Hội Liên hiệp Phụ nữ xã", position="Chủ tịch Hội"),
    Person("Đặng Quốc Dũng", unit="Đảng ủy xã", position="Bí thư Đảng ủy"),
]


def names(found) -> list[str]:
    return [p.full_name for p in found]


def test_fold_accents_removes_tones_and_letter_marks():
    assert fold_accents("Nguyễn Đức Ánh") == "nguyen duc anh"
    assert fold_accents(unicodedata.normalize("NFD", "Ủy ban")) == "uy ban"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen", ["Nguyễn Văn An", "Nguyên Thị Bình"]),  # without marks: both
        ("Nguyễn", ["Nguyễn Văn An"]),  # with marks: only the exact one
        ("NGUYỄN", ["Nguyễn Văn An"]),  # case does not matter
        ("dang", ["Đặng Quốc Dũng"]),  # đ found by d
        ("tan hoa", ["Nguyễn Văn An", "Trần Đức Ánh"]),  # unit, every word
        ("chủ tịch", ["Nguyễn Văn An", "Lê Thị Hồng"]),  # position
        ("an tân hòa", ["Nguyễn Văn An", "Trần Đức Ánh"]),  # "an" begins "Ánh" too
        ("an", ["Nguyễn Văn An", "Trần Đức Ánh"]),  # words beginning so: not "Tân", "Đảng"
        ("uy ban", ["Nguyễn Văn An"]),
        ("(ủy", ["Nguyễn Văn An", "Đặng Quốc Dũng"]),  # punctuation is not part of a word
        ("hiệu trưởng mỹ", ["Nguyên Thị Bình"]),
        ("không có ai", []),
        ("", names(PEOPLE)),
    ],
)
def test_search_by_name_unit_and_position(query, expected):
    assert names(search_delegates(PEOPLE, SearchQuery.parse(query))) == expected


def test_search_typed_decomposed_finds_composed():
    query = SearchQuery.parse(unicodedata.normalize("NFD", "Hồng"))
    assert names(search_delegates(PEOPLE, query)) == ["Lê Thị Hồng"]


# --------------------------------------------------------------------------------------------
# Order
# --------------------------------------------------------------------------------------------

# A realistic list; the expected orders were worked out by hand.
LIST = [
    Person("Nguyễn Thị Ánh", 0),
    Person("Trần Văn Ân", 7),
    Person("Lê An", 0),
    Person("Phạm Thị An", 3),
    Person("Đỗ Văn Bình", 1),
    Person("Hoàng Minh Đức", 0),
    Person("Vũ Duy Dũng", 2),
    Person("Bùi Thị Ăn", 0),
    Person("Huỳnh Văn Anh", 0),
    Person("Đặng Thị Hà", 0),
]


def test_name_order_is_by_given_name_then_middle_then_family():
    assert names(sort_delegates(LIST, "name")) == [
        "Lê An",  # An, no middle name, first
        "Phạm Thị An",  # An
        "Huỳnh Văn Anh",  # a-n-h after a-n
        "Nguyễn Thị Ánh",  # same letters as Anh: the tone decides, none before sắc
        "Bùi Thị Ăn",  # ă after every a…
        "Trần Văn Ân",  # â after ă
        "Đỗ Văn Bình",
        "Vũ Duy Dũng",  # d
        "Hoàng Minh Đức",  # đ after d
        "Đặng Thị Hà",
    ]


def test_protocol_order_puts_ranked_first_then_unranked_by_name():
    assert names(sort_delegates(LIST, "protocol")) == [
        "Đỗ Văn Bình",  # 1
        "Vũ Duy Dũng",  # 2
        "Phạm Thị An",  # 3
        "Trần Văn Ân",  # 7
        "Lê An",  # unranked, by name
        "Huỳnh Văn Anh",
        "Nguyễn Thị Ánh",
        "Bùi Thị Ăn",
        "Hoàng Minh Đức",
        "Đặng Thị Hà",
    ]
    assert protocol_key(Person("A", 0)) > protocol_key(Person("B", 99))


def test_same_person_key_ignores_case_and_spacing_but_not_marks():
    assert identity_key("Nguyễn  Văn An", "UBND xã") == identity_key("nguyễn văn an ", "ubnd xã")
    assert identity_key("Nguyễn Văn An", "UBND") != identity_key("Nguyễn Văn Ân", "UBND")
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn An")
    assert identity_key(nfd, "") == identity_key("Nguyễn Văn An", "")


# --------------------------------------------------------------------------------------------
# Counts per group and the dashboard card
# --------------------------------------------------------------------------------------------

DAY = dt.date(2027, 1, 5)
GROUPS = [Group(1, "Lãnh đạo Ủy ban nhân dân", 4), Group(2, "Các tập thể được khen thưởng", 10)]


def counted():
    people = [
        Person("A", group_id=1, invitation_sent_on=DAY, reply="attending"),
        Person("B", group_id=1, invitation_sent_on=DAY, reply="substitute"),
        Person("C", group_id=1, invitation_sent_on=DAY, reply="absent"),
        Person("D", group_id=1, reply="pending"),
        Person("E", group_id=2, invitation_sent_on=DAY, reply="pending"),
        Person("F", group_id=2, invitation_sent_on=DAY, reply="attending"),
        Person("G", group_id=None, reply="pending"),
        Person("H", group_id=99, invitation_sent_on=DAY, reply="attending"),  # unknown group
    ]
    return tally(GROUPS, people)


def test_planned_invited_confirmed_per_group_and_in_total():
    counts = counted()
    leaders, awarded = counts.groups
    assert (leaders.planned, leaders.listed, leaders.invited, leaders.confirmed) == (4, 4, 3, 2)
    assert leaders.pending == 1
    assert (awarded.planned, awarded.listed, awarded.invited, awarded.confirmed) == (10, 2, 2, 1)
    assert awarded.short_of_invitations == 8
    assert (counts.ungrouped.listed, counts.ungrouped.invited, counts.ungrouped.confirmed) == (
        2,
        1,
        1,
    )
    total = counts.total
    assert (total.planned, total.listed, total.invited, total.confirmed, total.pending) == (
        14,
        8,
        6,
        4,
        3,
    )
    assert [r.name for r in counts.rows()][-1] == "Chưa phân nhóm"


def test_card_progress_and_todo_lines():
    # The conference plans 14, as its groups do (4 + 10).
    summary = progress(counted(), planned_total(14, GROUPS), max_lines=5)
    assert summary.percent == 29  # 4 confirmed of 14
    assert summary.planned == 14
    assert summary.todo == [
        "Còn 2 đại biểu chưa gửi giấy mời",
        "Còn 3 đại biểu chưa phản hồi",
        "2 đại biểu chưa phân nhóm",
        "Thành phần “Lãnh đạo Ủy ban nhân dân”: mời 3/4",
        "Thành phần “Các tập thể được khen thưởng”: mời 2/10",
    ]
    # Four lines on the dashboard: the groups are summed up.
    assert progress(counted(), planned_total(14, GROUPS)).todo[3] == (
        "2 thành phần chưa mời đủ số dự kiến"
    )


def test_card_counts_against_the_conference_total_and_says_when_groups_differ():
    # The conference plans 150; its groups add up to 14: the card counts 4 of 150 (2,67 → 3 %)
    # and says first that the groups differ.
    summary = progress(counted(), planned_total(150, GROUPS))
    assert (summary.planned, summary.confirmed, summary.percent) == (150, 4, 3)
    assert summary.todo[0] == "Các nhóm cộng lại 14, khác số dự kiến 150"


def test_planned_total_agrees_only_when_the_groups_add_up_to_it():
    assert planned_total(14, GROUPS).agrees
    assert planned_total(14, GROUPS).difference_text == ""
    assert not planned_total(120, GROUPS).agrees
    assert planned_total(1200, GROUPS).difference_text == (
        "Các nhóm cộng lại 14, khác số dự kiến 1.200"
    )
    # No group, or groups without any count (a list of kinds only): nothing to contradict.
    assert planned_total(120, []).agrees
    assert planned_total(120, [Group(1, "Báo chí", 0)]).agrees


def test_scale_to_total_keeps_proportions_and_adds_up_exactly():
    # 120 over 2 + 6 + 4 + 8 + 5 + 10 + 10 + 20 + 30 + 5 (= 100): × 1,2 gives 2,4 7,2 4,8 9,6 6
    # 12 12 24 36 6 → whole parts 2 7 4 9 6 12 12 24 36 6 = 118; the two seats left go to the
    # largest remainders, 4,8 and 9,6 (0,8 and 0,6) → 5 and 10.
    demo = [2, 6, 4, 8, 5, 10, 10, 20, 30, 5]
    assert scale_to_total(demo, 120) == [2, 7, 5, 10, 6, 12, 12, 24, 36, 6]
    assert sum(scale_to_total(demo, 120)) == 120
    # A tie goes to the earlier group; a group without a count keeps none.
    assert scale_to_total([1, 1, 0], 3) == [2, 1, 0]
    assert scale_to_total([4, 10], 14) == [4, 10]
    with pytest.raises(ValueError):
        scale_to_total([0, 0], 10)


def test_placeholder_is_a_blank_not_a_list_ending_in_dots():
    assert has_placeholder("Ông …")
    assert has_placeholder("Quyết định số …/…/QĐ-UBND")
    assert has_placeholder("Đại diện (...)")
    assert not has_placeholder("đại biểu nữ, người lao động trực tiếp...")  # seed 004: "etc."
    assert not has_placeholder("Lãnh đạo Ủy ban nhân dân")
    assert not has_placeholder("")


def test_shorten_cuts_at_a_word():
    assert shorten("Lãnh đạo Ủy ban nhân dân", 60) == "Lãnh đạo Ủy ban nhân dân"
    assert shorten("Thường trực Đảng ủy, Thường trực Hội đồng nhân dân", 30) == (
        "Thường trực Đảng ủy, Thường…"
    )
    assert shorten("Mộtchữrấtdàikhôngcókhoảngtrắng", 10) == "Mộtchữrất…"
    assert len(shorten("a b " * 40, 36)) <= 36


def test_card_without_groups_uses_the_conference_planned_count():
    summary = progress(tally([], []), planned_total(150, []))
    assert summary.percent == 0 and summary.planned == 150
    assert summary.todo == ["Chưa có đại biểu nào: thêm từng người hoặc nhập từ tệp Excel."]


def test_card_lists_a_few_short_groups_then_counts_the_rest():
    groups = [Group(i, f"Thành phần số {i}", 5) for i in range(1, 9)]
    people = [Person("X", group_id=1, invitation_sent_on=DAY, reply="attending")]
    todo = progress(tally(groups, people), planned_total(40, groups)).todo
    assert todo == [
        "Thành phần “Thành phần số 1”: mời 1/5",
        "Thành phần “Thành phần số 2”: mời 0/5",
        "Thành phần “Thành phần số 3”: mời 0/5",
        "… và 5 thành phần khác chưa mời đủ",
    ]
    long = [Group(1, "Lãnh đạo các trường học, trạm y tế, đơn vị sự nghiệp, doanh nghiệp trên "
                     "địa bàn", 10)]  # fmt: skip
    assert progress(tally(long, []), planned_total(10, long)).todo[1] == (
        "Thành phần “Lãnh đạo các trường học, trạm y tế, đơn vị…”: mời 0/10"
    )


def test_the_mc_introduces_ranked_delegates_in_protocol_order():
    from types import SimpleNamespace

    from kehoach_app.delegates.logic import introduction_lines

    def person(
        name,
        rank,
        reply="attending",
        presidium=False,
        substitute="",
        position="",
        unit="",
        honorific="Đồng chí",
    ):
        return SimpleNamespace(
            full_name=name,
            protocol_rank=rank,
            reply=reply,
            presidium=presidium,
            substitute_name=substitute,
            position=position,
            unit=unit,
            honorific=honorific,
        )

    people = [
        person("Lê Văn Cường", 3, position="Chủ tịch", unit="Ủy ban MTTQ Việt Nam xã"),
        person("Nguyễn Văn An", 1, position="Bí thư Đảng ủy", unit="Đảng ủy xã Tân Hòa"),
        person(
            "Phạm Thị Dung",
            2,
            reply="substitute",
            substitute="Hoàng Văn Em",
            position="Phó Giám đốc",
            unit="Sở Nội vụ",
            honorific="Bà",
        ),
        person("Trần Văn Giàu", 4, reply="absent"),
        person("Đỗ Thị Hoa", 0),  # not ranked, not in the presidium: not introduced by name
        person("Vũ Văn Khoa", 0, presidium=True, position="Phó Chủ tịch UBND xã"),
    ]
    assert introduction_lines(people) == [
        "Đồng chí Nguyễn Văn An, Bí thư Đảng ủy xã Tân Hòa",
        "Đồng chí Hoàng Văn Em, dự thay bà Phạm Thị Dung, Phó Giám đốc Sở Nội vụ",
        "Đồng chí Lê Văn Cường, Chủ tịch Ủy ban MTTQ Việt Nam xã",
        "Đồng chí Vũ Văn Khoa, Phó Chủ tịch UBND xã",
    ]
