"""Seating computed on small halls worked out by hand (docs/seating.md has the picture).

Seats are numbered from the audience's left. On the stage the Đoàn Chủ tịch faces the hall, so
No. 1's right hand is the audience's left (lower numbers); in the hall people face the stage,
so No. 1's right hand is the audience's right (higher numbers).
"""

from __future__ import annotations

import pytest

from kehoach_app.seating import logic
from kehoach_app.seating.logic import (
    HallLayout,
    LayoutError,
    Person,
    assign_seats,
    layout_to_data,
    parse_layout,
)

# No. 1, No. 2, … → seat number, for a stage row exactly as wide as the number of leaders,
# No. 2 at No. 1's right hand (= the audience's left). Worked out by hand.
STAGE_RIGHT = {
    1: [1],
    2: [2, 1],
    3: [2, 1, 3],
    4: [3, 2, 4, 1],
    5: [3, 2, 4, 1, 5],
    6: [4, 3, 5, 2, 6, 1],
    7: [4, 3, 5, 2, 6, 1, 7],
    8: [5, 4, 6, 3, 7, 2, 8, 1],
    9: [5, 4, 6, 3, 7, 2, 8, 1, 9],
}
# The same with No. 2 at No. 1's left hand (= the audience's right).
STAGE_LEFT = {
    1: [1],
    2: [1, 2],
    3: [2, 3, 1],
    4: [2, 3, 1, 4],
    5: [3, 4, 2, 5, 1],
    6: [3, 4, 2, 5, 1, 6],
    7: [4, 5, 3, 6, 2, 7, 1],
    8: [4, 5, 3, 6, 2, 7, 1, 8],
    9: [5, 6, 4, 7, 3, 8, 2, 9, 1],
}
# k leaders on a stage row of 9 seats: they take the centre.
NINE_RIGHT = [5, 4, 6, 3, 7, 2, 8, 1, 9]


def leaders(n: int, **extra) -> list[Person]:
    return [
        Person(
            id=i,
            full_name=f"Lãnh đạo Số {i}",
            protocol_rank=i,
            presidium=True,
            reply="attending",
            **extra,
        )
        for i in range(1, n + 1)
    ]


def stage_only(seats: int) -> HallLayout:
    return parse_layout({"stage": {"rows": [{"seats": seats}]}, "blocks": []})


def numbers_in_rank_order(result, count: int) -> list[int]:
    seat_of = result.seat_of
    return [int(seat_of[i].split("-")[-1]) for i in range(1, count + 1)]


@pytest.mark.parametrize("n", range(1, 10))
def test_stage_row_as_wide_as_the_leaders_second_on_the_right_hand(n):
    result = assign_seats(stage_only(n), leaders(n), second_side="right")
    assert numbers_in_rank_order(result, n) == STAGE_RIGHT[n]


@pytest.mark.parametrize("n", range(1, 10))
def test_stage_row_as_wide_as_the_leaders_second_on_the_left_hand(n):
    result = assign_seats(stage_only(n), leaders(n), second_side="left")
    assert numbers_in_rank_order(result, n) == STAGE_LEFT[n]


@pytest.mark.parametrize("n", range(1, 10))
def test_fewer_leaders_than_stage_seats_take_the_centre(n):
    result = assign_seats(stage_only(9), leaders(n), second_side="right")
    assert numbers_in_rank_order(result, n) == NINE_RIGHT[:n]
    assert result.warnings == []


def test_the_hall_front_row_mirrors_the_stage():
    # A delegate in the hall faces the stage: their right hand is the audience's right.
    layout = parse_layout(
        {"stage": {"rows": []}, "blocks": [{"rows": 2, "seats": 4}], "side_aisles": False}
    )
    people = [
        Person(id=i, full_name=f"Người {i}", protocol_rank=i, reply="attending")
        for i in range(1, 7)
    ]
    result = assign_seats(layout, people, second_side="right")
    assert [result.seat_of[i] for i in range(1, 7)] == [
        "B1-A-02",
        "B1-A-03",
        "B1-A-01",
        "B1-A-04",
        "B1-B-02",  # rows fill front to back, the next row again from the centre
        "B1-B-03",
    ]
    result = assign_seats(layout, people, second_side="left")
    assert [result.seat_of[i] for i in range(1, 5)] == ["B1-A-03", "B1-A-02", "B1-A-04", "B1-A-01"]


def three_blocks(**extra) -> dict:
    data = {
        "stage": {"rows": [{"seats": 5, "table": True}], "lectern": "right"},
        "blocks": [
            {"name": "Khối trái", "rows": 3, "seats": 3, "aisle_after": True},
            {"name": "Khối giữa", "rows": 3, "seats": 4, "aisle_after": True},
            {"name": "Khối phải", "rows": 3, "seats": 3, "aisle_after": True},
        ],
        "row_labels": "letters",
        "side_aisles": True,
    }
    data.update(extra)
    return data


def test_seat_codes_and_geometry_of_a_three_block_hall():
    layout = parse_layout(three_blocks())
    codes = [s.code for s in layout.seats]
    assert codes[:5] == ["DCT-1-1", "DCT-1-2", "DCT-1-3", "DCT-1-4", "DCT-1-5"]
    assert codes[5:8] == ["B1-A-01", "B1-A-02", "B1-A-03"]
    assert "B2-C-04" in codes and "B3-C-03" in codes
    assert layout.capacity == 5 + 9 + 12 + 9
    seat = layout.seat_by_code["B2-A-01"]
    # side aisle 1.5 + block of 3 + aisle 1.5
    assert seat.x == pytest.approx(6.0)
    # the stage is centred over the hall: 1.5 + 3 + 1.5 + 4 + 1.5 + 3 + 1.5 = 16 wide
    assert layout.hall_width == pytest.approx(16.0)
    assert layout.seat_by_code["DCT-1-3"].x + 0.5 == pytest.approx(8.0)
    assert layout.aisle_distance(layout.seat_by_code["B2-B-02"]) == 1
    assert layout.aisle_distance(layout.seat_by_code["B1-B-01"]) == 0


def test_across_blocks_the_centre_of_the_hall_is_the_centre_of_the_front_row():
    layout = parse_layout(three_blocks(stage={"rows": []}))
    people = [
        Person(id=i, full_name=f"Người {i}", protocol_rank=i, reply="attending")
        for i in range(1, 12)
    ]
    result = assign_seats(layout, people)
    order = [result.seat_of[i] for i in range(1, 12)]
    # middle block of 4: No. 1 at seat 2 (No. 2 at their right hand, seat 3), then outwards;
    # the aisles do not stop the row: after the middle block come the side blocks' inner seats
    assert order[:4] == ["B2-A-02", "B2-A-03", "B2-A-01", "B2-A-04"]
    # No. 4 took the right-hand end of the middle block, so No. 5 is on the left-hand side
    assert order[4:6] == ["B1-A-03", "B3-A-01"]
    assert order[8:10] == ["B1-A-01", "B3-A-03"]
    assert order[10] == "B2-B-02"


def test_missing_seats_are_skipped_and_codes_stay_the_same():
    layout = parse_layout({"stage": {"rows": [{"seats": 5}]}, "blocks": [], "missing": ["DCT-1-3"]})
    result = assign_seats(layout, leaders(3))
    # a pillar in the centre: seats 2 and 4 are as near the centre; No. 1 takes seat 4 so that
    # No. 2 is at their right hand (seat 2, across the pillar), No. 3 at their left (seat 5)
    assert numbers_in_rank_order(result, 3) == [4, 2, 5]
    assert "DCT-1-3" not in result.seats
    assert layout.capacity == 4


def test_zones_take_their_groups_and_the_rest_go_to_the_general_seats():
    layout = parse_layout(
        three_blocks(
            zones=[
                {
                    "key": "ld",
                    "kind": "lanh_dao",
                    "label": "Lãnh đạo các ngành",
                    "block": 2,
                    "rows": [1, 1],
                    "seats": [1, 4],
                },
                {
                    "key": "bc",
                    "kind": "bao_chi",
                    "label": "Báo chí",
                    "block": 3,
                    "rows": [3, 3],
                    "seats": [1, 3],
                },
            ]
        )
    )
    people = [
        Person(id=1, full_name="Lê Văn Một", protocol_rank=1, group_id=10, reply="attending"),
        Person(id=2, full_name="Lê Văn Hai", protocol_rank=2, group_id=10, reply="attending"),
        Person(id=3, full_name="Trần Thị Ba", protocol_rank=0, group_id=20, reply="attending"),
        Person(id=4, full_name="Phạm Văn Tư", protocol_rank=0, group_id=None, reply="pending"),
        Person(id=5, full_name="Vắng Mặt", protocol_rank=0, group_id=None, reply="absent"),
    ]
    result = assign_seats(layout, people, zone_groups={"ld": [10], "bc": []})
    assert result.seat_of[1] == "B2-A-02"
    assert result.seat_of[2] == "B2-A-03"
    # group 20 has no zone: the general seats start at the front row outside the zones
    # (block 2 row A is a zone; the nearest general seats are the side blocks' inner seats,
    # as near the centre each: No. 1 of the general seats takes the left one, so that No. 2 is
    # at their right hand)
    assert result.seat_of[3] == "B1-A-03"
    assert result.seat_of[4] == "B3-A-01"
    assert 5 not in result.seat_of  # absent people are left out
    # the press zone has no group: its seats stay free
    assert not any(code.startswith("B3-C") for code in result.seats)


def test_award_recipients_sit_together_by_batch_from_the_aisle():
    layout = parse_layout(
        three_blocks(
            zones=[
                {
                    "key": "kt",
                    "kind": "nhan_thuong",
                    "label": "Nhận khen thưởng",
                    "block": 1,
                    "rows": [1, 3],
                    "seats": [1, 3],
                }
            ]
        )
    )
    people = [
        Person(id=i, full_name=f"Người nhận {i}", reply="attending", group_id=7)
        for i in range(1, 6)
    ]
    result = assign_seats(layout, people, award_batches=[[3, 1], [5, 2, 4]], zone_groups={})
    # the stage steps' aisle is the one between blocks 1 and 2 (three_blocks: the two inner
    # aisles are as near the centre, the lectern is on the right, so the left one): block 1's
    # rows fill from seat 3; the second batch sits on the row behind the first
    assert [result.seat_of[i] for i in (3, 1, 5, 2, 4)] == [
        "B1-A-03",
        "B1-A-02",
        "B1-B-03",
        "B1-B-02",
        "B1-B-01",
    ]


def _recipients(count: int) -> list[Person]:
    return [
        Person(id=i, full_name=f"Người nhận {i}", reply="attending", group_id=7)
        for i in range(1, count + 1)
    ]


def test_each_award_batch_sits_together_in_one_block_by_the_steps_aisle_in_batch_order():
    """Worked by hand on three_blocks() (3 × 3 | 3 × 4 | 3 × 3 seats, aisles at x = 0,75, 5,25,
    10,75 and 15,25 of a hall 16 wide): the steps are at the stage's centre, the two inner
    aisles are 2,75 from it, the lectern is on the right, so recipients walk up the left inner
    aisle (5,25). The middle block is beside it and nearest the centre: its rows fill from
    seat 1; then block 1 from seat 3; block 3 last."""
    layout = parse_layout(three_blocks())
    assert layout.steps_aisle_x == pytest.approx(5.25)
    assert logic.award_block_order(layout) == [2, 1, 3]
    people = _recipients(14)
    batches = [[1, 2, 3, 4], [5, 6, 7], [8, 9, 10, 11, 12], [13, 14]]
    result = assign_seats(layout, people, award_batches=batches)
    seats = {pid: result.seat_of[pid] for pid in range(1, 15)}
    # batch 1: the middle block's front row from the aisle
    assert [seats[i] for i in batches[0]] == ["B2-A-01", "B2-A-02", "B2-A-03", "B2-A-04"]
    # batch 2: the row behind it
    assert [seats[i] for i in batches[1]] == ["B2-B-01", "B2-B-02", "B2-B-03"]
    # batch 3 (5) no longer fits in the middle block's row C (4 seats): block 1, from the aisle
    assert [seats[i] for i in batches[2]] == ["B1-A-03", "B1-A-02", "B1-A-01", "B1-B-03", "B1-B-02"]
    # batch 4 sits behind batch 3, in block 1's row C
    assert [seats[i] for i in batches[3]] == ["B1-C-03", "B1-C-02"]
    # nobody was spread over several blocks, so each batch leaves from one place
    for batch in batches:
        assert len({seats[i].split("-")[0] for i in batch}) == 1


def test_the_steps_aisle_is_away_from_the_lectern_and_a_centre_aisle_wins():
    left_lectern = parse_layout(three_blocks(stage={"rows": [{"seats": 5}], "lectern": "left"}))
    assert left_lectern.steps_aisle_x == pytest.approx(10.75)
    assert logic.award_block_order(left_lectern) == [2, 3, 1]
    result = assign_seats(left_lectern, _recipients(3), award_batches=[[1, 2, 3]])
    # the middle block's row A from its right-hand seat (4), next to the right inner aisle
    assert [result.seat_of[i] for i in (1, 2, 3)] == ["B2-A-04", "B2-A-03", "B2-A-02"]

    two_blocks = parse_layout(
        {
            "stage": {"rows": [{"seats": 4}], "lectern": "right"},
            "blocks": [{"rows": 2, "seats": 3}, {"rows": 2, "seats": 3}],
            "side_aisles": True,
        }
    )
    # side aisle 1,5 + 3 + centre aisle 1,5 + 3 + 1,5 = 10.5: the centre aisle at 5.25
    assert two_blocks.steps_aisle_x == pytest.approx(5.25)
    result = assign_seats(two_blocks, _recipients(4), award_batches=[[1, 2], [3, 4]])
    assert [result.seat_of[i] for i in (1, 2, 3, 4)] == ["B1-A-03", "B1-A-02", "B1-B-03", "B1-B-02"]


def test_pinned_seats_are_kept_and_others_move_around_them():
    layout = stage_only(5)
    people = leaders(3)
    result = assign_seats(layout, people, pins={"DCT-1-3": 3})
    assert result.seat_of[3] == "DCT-1-3"
    assert result.pinned == {"DCT-1-3"}
    # No. 1 and No. 2 take the next best seats in protocol order: 2 then 4
    assert result.seat_of[1] == "DCT-1-2"
    assert result.seat_of[2] == "DCT-1-4"


def test_a_pinned_person_who_declined_is_warned_about():
    people = [Person(id=1, full_name="Hồ Sỹ Khải", presidium=True, reply="absent")]
    result = assign_seats(stage_only(3), people, pins={"DCT-1-2": 1})
    assert result.seat_of == {1: "DCT-1-2"}
    assert any("Hồ Sỹ Khải đã báo vắng" in w for w in result.warnings)


def test_a_hall_too_small_seats_the_confirmed_first_and_says_how_many_are_left():
    layout = parse_layout({"stage": {"rows": []}, "blocks": [{"rows": 1, "seats": 3}]})
    people = [
        Person(id=1, full_name="A", protocol_rank=1, reply="pending"),
        Person(id=2, full_name="B", protocol_rank=2, reply="attending"),
        Person(id=3, full_name="C", protocol_rank=3, reply="attending"),
        Person(id=4, full_name="D", protocol_rank=4, reply="attending"),
        Person(id=5, full_name="E", protocol_rank=5, reply="pending"),
    ]
    result = assign_seats(layout, people)
    assert set(result.seat_of) == {2, 3, 4}
    assert [p.id for p in result.unseated] == [1, 5]
    assert any("còn 2 người chưa có chỗ" in w for w in result.warnings)


def test_too_many_for_the_stage_go_down_to_the_hall():
    layout = parse_layout(
        {
            "stage": {"rows": [{"seats": 2}]},
            "blocks": [{"rows": 1, "seats": 3}],
            "side_aisles": False,
        }
    )
    result = assign_seats(layout, leaders(3))
    assert result.seat_of[3] == "B1-A-02"
    assert any("Sân khấu chỉ có 2 ghế" in w for w in result.warnings)


def test_a_zone_too_small_spills_over_and_warns():
    layout = parse_layout(
        {
            "stage": {"rows": []},
            "blocks": [{"rows": 2, "seats": 3}],
            "zones": [
                {
                    "key": "a",
                    "kind": "lanh_dao",
                    "label": "Khu A",
                    "block": 1,
                    "rows": [1, 1],
                    "seats": [1, 1],
                }
            ],
        }
    )
    people = [
        Person(id=i, full_name=f"P{i}", protocol_rank=i, group_id=1, reply="attending")
        for i in (1, 2)
    ]
    result = assign_seats(layout, people, zone_groups={"a": [1]})
    assert result.seat_of[1] == "B1-A-01"
    assert result.seat_of[2] == "B1-A-02"
    assert any("Khu “Khu A”: 2 đại biểu" in w for w in result.warnings)


def test_no_delegates_no_seats_no_warnings():
    result = assign_seats(parse_layout(three_blocks()), [])
    assert result.seats == {} and result.unseated == [] and result.warnings == []


def test_a_substitute_keeps_the_delegate_row_and_prints_their_own_name():
    person = Person(
        id=1,
        full_name="Đặng Thị Thu Hương",
        position="Phó Trưởng ban",
        reply="substitute",
        substitute_name="Quách Ngọc Diễm",
    )
    result = assign_seats(parse_layout({"blocks": [{"rows": 1, "seats": 1}]}), [person])
    assert result.seat_of[1] == "B1-A-01"
    assert person.display_name == "Quách Ngọc Diễm"
    assert person.display_position == "Dự thay Đặng Thị Thu Hương, Phó Trưởng ban"


def test_layout_round_trips_and_bad_layouts_are_refused_in_vietnamese():
    layout = parse_layout(three_blocks(missing=["B1-A-01"]))
    assert parse_layout(layout_to_data(layout)) == layout
    with pytest.raises(LayoutError) as error:
        parse_layout(
            {"blocks": [{"rows": 0, "seats": "x"}], "zones": [{"block": 5, "kind": "vip"}]}
        )
    text = " ".join(error.value.messages)
    assert "Số hàng của khối 1 phải từ 1 đến 60" in text
    assert "Số ghế mỗi hàng của khối 1 phải là số nguyên" in text
    with pytest.raises(LayoutError) as error:
        parse_layout(three_blocks(missing=["B9-A-01"]))
    assert "Ghế “B9-A-01”" in error.value.messages[0]
    with pytest.raises(LayoutError) as error:
        parse_layout(
            three_blocks(
                zones=[
                    {"kind": "chung", "block": 1, "rows": [1, 2], "seats": [1, 2]},
                    {"kind": "bao_chi", "block": 1, "rows": [2, 3], "seats": [2, 3]},
                ]
            )
        )
    assert "chồng lên" in error.value.messages[0]
    with pytest.raises(LayoutError):
        parse_layout("{không phải json")
    with pytest.raises(LayoutError) as error:
        parse_layout({"stage": {"rows": []}, "blocks": []})
    assert "chưa có ghế nào" in error.value.messages[0]


def test_row_labels_letters_and_numbers():
    assert [logic.row_label(i, "letters") for i in (1, 2, 26, 27, 28)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
    ]
    assert logic.row_label(12, "numbers") == "12"
    layout = parse_layout(three_blocks(row_labels="numbers"))
    assert "B2-3-04" in layout.seat_by_code


def test_toggle_missing_and_set_zone_on_selected_seats():
    layout = parse_layout(three_blocks())
    layout = logic.toggle_missing(layout, ["B1-A-01", "B1-A-02"])
    assert layout.missing == {"B1-A-01", "B1-A-02"}
    layout = logic.toggle_missing(layout, ["B1-A-02"])
    assert layout.missing == {"B1-A-01"}
    layout = logic.set_zone(layout, ["B2-A-01", "B2-B-04"], "lanh_dao", "Lãnh đạo")
    zone = layout.zones[0]
    assert (zone.block, zone.rows, zone.seats) == (2, (1, 2), (1, 4))
    assert layout.seat_by_code["B2-B-03"].zone == zone.key
    layout = logic.set_zone(layout, ["B2-A-01"], None)
    assert layout.zones == ()
    with pytest.raises(LayoutError):
        logic.set_zone(layout, ["B1-A-01", "B2-A-01"], "chung")


def test_progress_and_missing_lines():
    assert logic.progress(False, 10, 0).todo == ["Chưa chọn hội trường"]
    p = logic.progress(True, 40, 28)
    assert p.percent == 70 and p.todo[0] == "Chưa xếp chỗ cho 12 đại biểu"
    assert logic.missing_lines(True, 40, 28) == ["chưa xếp chỗ cho 12 đại biểu"]
    assert logic.missing_lines(True, 40, 40) == []
