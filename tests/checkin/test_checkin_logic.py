"""The pure rules of the check-in: codes, what was typed, the count and the MC's sentence."""

from __future__ import annotations

from kehoach_app.checkin import logic


def test_codes_avoid_vowels_look_alikes_and_input_method_letters():
    for letter in "AEIOUY01LDW":
        assert letter not in logic.ALPHABET
    assert len(set(logic.ALPHABET)) == len(logic.ALPHABET) == 25
    codes = {logic.new_code() for _ in range(2000)}
    assert all(len(c) == 6 and set(c) <= set(logic.ALPHABET) for c in codes)
    assert len(codes) > 1990  # random, not a sequence


def test_a_new_code_is_never_one_already_taken():
    taken = set()
    for _ in range(3000):
        code = logic.new_code(taken)
        assert code not in taken
        taken.add(code)


def test_what_was_typed_is_read_as_a_code_or_as_a_name():
    assert logic.normalize_code(" k7m-q4x ") == "K7MQ4X"
    assert logic.normalize_code("K7M Q4X") == "K7MQ4X"
    assert logic.looks_like_code("k7mq4x")
    # an input method left a mark on a letter: still the code
    assert logic.normalize_code("K7MQ4Ẍ") == "K7MQ4X"
    assert not logic.looks_like_code("Nguyễn An")
    assert not logic.looks_like_code("nguyen")  # six letters, but vowels: a name
    assert not logic.looks_like_code("K7MQ4")  # too short
    assert not logic.looks_like_code("K7MQ4O")  # O is never in a code


def test_attendance_by_group_worked_by_hand():
    # group 1: 3 convened, 2 present; group 2: 5 convened, 3 present (one substitute);
    # one delegate in no group, present; an empty group 3 is left out
    people = [
        (1, True, False), (1, True, False), (1, False, False),
        (2, True, False), (2, True, True), (2, False, False), (2, True, False), (2, False, False),
        (None, True, False),
    ]  # fmt: skip
    counts = logic.attendance(people, [(1, "Lãnh đạo tỉnh"), (2, "Đại biểu xã"), (3, "Trống")])
    assert [(g.name, g.present, g.total) for g in counts.groups] == [
        ("Lãnh đạo tỉnh", 2, 3),
        ("Đại biểu xã", 3, 5),
        ("Đại biểu khác", 1, 1),
    ]
    assert (counts.present, counts.total, counts.substitutes) == (6, 9, 1)
    assert logic.count_text(6, 9) == "06/09"
    assert logic.count_text(212, 230) == "212/230"
    assert logic.count_text(1000, 1200) == "1.000/1.200"


def test_the_mc_line_has_the_figures_once_someone_arrived_and_blanks_before():
    counts = logic.attendance([(1, True, False)] * 212 + [(1, False, False)] * 18, [(1, "A")])
    assert logic.mc_line("Hội nghị", counts) == ("Hội nghị có mặt 212/230 đại biểu được triệu tập.")
    nobody = logic.attendance([(1, False, False)] * 5, [(1, "A")])
    assert logic.mc_line("Đại hội", nobody) == "Đại hội có mặt ……/…… đại biểu được triệu tập."
