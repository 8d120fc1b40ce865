"""The preset files shipped in kehoach_app/presets: they load and follow the seed plans."""

from __future__ import annotations

import dataclasses
import importlib.resources
import re
import unicodedata
from collections.abc import Iterator

import pytest

from kehoach_app.conferences.vocab import (
    AGENDA_KINDS,
    BUDGET_CATEGORIES,
    DECOR_AREAS,
    KINDS,
    LENGTHS,
    LEVELS,
)
from kehoach_app.presets import (
    DELEGATES,
    PLACEHOLDERS,
    RECIPIENTS,
    Preset,
    all_presets,
    get_preset,
)

PRESETS = all_presets()
KEYS = [preset.key for preset in PRESETS]
PACKAGE = importlib.resources.files("kehoach_app.presets")
PRESET_FILES = sorted(
    entry
    for entry in PACKAGE.iterdir()
    if entry.name.endswith(".toml") and entry.name.count(".") == 2
)


def texts(value: object) -> Iterator[str]:
    """Every string inside a preset (dataclasses, tuples, strings)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from texts(item)


def kinds(preset: Preset) -> list[str]:
    return [item.kind for item in preset.agenda]


def collapse(sequence: list[str]) -> list[str]:
    """Drop consecutive repeats: a run of tham luận or trao thưởng counts once."""
    out: list[str] = []
    for item in sequence:
        if not out or out[-1] != item:
            out.append(item)
    return out


# ------------------------------------------------------------------ loading and coverage


def test_every_shipped_file_loads_as_a_preset() -> None:
    assert len(PRESET_FILES) == len(PRESETS)
    assert sorted(entry.name[: -len(".toml")] for entry in PRESET_FILES) == sorted(KEYS)


def test_every_kind_at_tinh_and_xa_and_tong_ket_huyen() -> None:
    expected = {f"{kind}.{level}" for kind in KINDS for level in ("tinh", "xa")}
    expected.add("tong_ket.huyen")
    assert expected <= set(KEYS)


def test_sorted_by_kinds_then_levels() -> None:
    order = [(list(KINDS).index(p.kind), list(LEVELS).index(p.level)) for p in PRESETS]
    assert order == sorted(order)
    assert KEYS[0] == "tong_ket.tinh"


def test_all_presets_is_cached_and_returns_a_fresh_list() -> None:
    first, second = all_presets(), all_presets()
    assert first == second and first is not second
    assert first[0] is second[0]


def test_get_preset() -> None:
    preset = get_preset("tong_ket.xa")
    assert (preset.key, preset.kind, preset.level) == ("tong_ket.xa", "tong_ket", "xa")
    with pytest.raises(KeyError):
        get_preset("tong_ket.quan")


def test_presets_are_frozen() -> None:
    preset = get_preset("tong_ket.tinh")
    with pytest.raises(dataclasses.FrozenInstanceError):
        preset.name = "x"  # type: ignore[misc]
    assert isinstance(preset.agenda, tuple) and isinstance(preset.conference.recipients, tuple)


# ------------------------------------------------------------------ codes and numbers


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_codes_are_in_the_vocabulary(preset: Preset) -> None:
    assert preset.kind in KINDS and preset.level in LEVELS
    assert preset.key == f"{preset.kind}.{preset.level}"
    assert preset.conference.length in LENGTHS
    assert all(item.kind in AGENDA_KINDS for item in preset.agenda)
    assert all(item.area in DECOR_AREAS for item in preset.decor)
    assert all(line.category in BUDGET_CATEGORIES for line in preset.budget)
    assert all(re.fullmatch(r"00[0-4]", source) for source in preset.sources)


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_delegate_groups_add_up(preset: Preset) -> None:
    assert preset.delegate_groups
    total = sum(group.planned for group in preset.delegate_groups)
    assert total == preset.conference.planned_delegates


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_conference_defaults(preset: Preset) -> None:
    conf = preset.conference
    assert conf.doc_symbol == "KH-UBND"
    assert re.fullmatch(r"\d\d:\d\d", conf.start_time)
    assert 1 <= conf.typical_month <= 12
    assert conf.signer_authority == "TM. ỦY BAN NHÂN DÂN"
    assert conf.signer_title in {"PHÓ CHỦ TỊCH", "CHỦ TỊCH"}
    assert (conf.signer_deputy == "KT. CHỦ TỊCH") == (conf.signer_title == "PHÓ CHỦ TỊCH")
    assert conf.recipients and conf.recipients[-1].startswith("Lưu: VT")
    assert conf.closing.startswith("Trên đây là Kế hoạch") and conf.closing.endswith("./.")
    assert preset.purposes and preset.legal_bases


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_agenda_minutes_follow_the_seeds(preset: Preset) -> None:
    assert all(item.minutes > 0 for item in preset.agenda)
    assert kinds(preset)[-1] == "be_mac"
    for item in preset.agenda:
        if item.kind == "tham_luan":
            assert item.minutes <= 7  # clips of at most 07 minutes (001)
        if item.kind == "phong_su":
            assert 10 <= item.minutes <= 25  # 15-25 minute video (001, 003)
        if item.kind == "nghi_giai_lao":
            assert item.minutes == 15
    limit = {"session": 240, "half_day": 240, "full_day": 480}[preset.conference.length]
    assert sum(item.minutes for item in preset.agenda) <= limit


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_tasks_and_deadlines(preset: Preset) -> None:
    for task in preset.tasks:
        assert (task.days_before is None) == task.month_before
        assert task.days_before is None or task.days_before >= 0
    if preset.plan_levels:  # Đại hội các cấp (seed 004): no hall, no invitation of its own
        return
    invitation = [t for t in preset.tasks if "phát hành giấy mời" in t.title.lower()]
    assert invitation and all(t.days_before == 5 for t in invitation)
    decoration = [t for t in preset.tasks if "trang trí" in t.title.lower()]
    assert decoration and all(t.days_before == 1 for t in decoration)
    if "tham_luan" in kinds(preset):
        sent = [t for t in preset.tasks if t.title.startswith("Gửi") and "tham luận" in t.title]
        assert [t.days_before for t in sent] == [7]
    if "phong_su" in kinds(preset):
        video = [t for t in preset.tasks if "phóng sự" in t.title and t.days_before == 15]
        assert video


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_decoration_protocol(preset: Preset) -> None:
    if preset.plan_levels:  # Đại hội các cấp (seed 004): no hall is dressed by this plan
        assert not preset.decor
        return
    stage = {item.item: item for item in preset.decor if item.area == "san_khau"}
    assert "phía trái sân khấu" in stage["Quốc kỳ"].placement
    assert "dưới ngôi sao" in stage["Tượng Bác Hồ"].placement
    title = next(item for item in preset.decor if item.item.startswith("Tiêu đề"))
    assert title.text.startswith("{issuer}\n") and "{place}, ngày" in title.text
    outside = [item for item in preset.decor if item.area == "ngoai_hoi_truong"]
    assert any(item.item == "Quốc kỳ" for item in outside)
    banner = next(item for item in outside if item.item == "Băng khẩu hiệu")
    assert banner.text.startswith("Chào mừng")
    assert all(item.days_before == 1 for item in preset.decor)


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_budget_lines(preset: Preset) -> None:
    if preset.plan_levels:  # Đại hội các cấp (seed 004): each level's event has its own budget
        assert not preset.budget
        return
    for line in preset.budget:
        assert line.quantity in (DELEGATES, RECIPIENTS) or (
            isinstance(line.quantity, int) and line.quantity > 0
        )
        assert isinstance(line.unit_price, int) and line.unit_price >= 0
        expected = {DELEGATES: 123, RECIPIENTS: 18}.get(line.quantity, line.quantity)
        assert line.quantity_for(123, 18) == expected
        # the flowers handed on stage follow the award recipients
        if line.content.startswith("Hoa tặng") and line.unit == "bó":
            assert line.quantity == RECIPIENTS
    water = [line for line in preset.budget if line.category == "nuoc_uong"]
    assert [(w.quantity, w.unit_price) for w in water] == [(DELEGATES, 40000)]


# ------------------------------------------------------------------ agenda order from the seeds


def test_tong_ket_tinh_follows_000_and_002() -> None:
    sequence = collapse([k for k in kinds(get_preset("tong_ket.tinh")) if k != "nghi_giai_lao"])
    assert sequence == [
        "van_nghe",
        "tuyen_bo_ly_do",
        "bao_cao",
        "phong_su",
        "tham_luan",
        "trao_thuong",
        "phat_bieu_chi_dao",
        "phat_dong",
        "huong_ung",
        "be_mac",
    ]


def test_trao_thuong_tinh_has_the_002_order() -> None:
    agenda = get_preset("trao_thuong.tinh").agenda
    assert [item.kind for item in agenda] == [
        "van_nghe",
        "tuyen_bo_ly_do",
        "phong_su",
        "trao_thuong",
        "trao_thuong",
        "nghi_giai_lao",
        "trao_thuong",
        "phat_bieu_chi_dao",
        "be_mac",
    ]
    assert "Huân chương" in agenda[3].title
    assert "Cờ thi đua của Chính phủ" in agenda[4].title
    assert "Bằng khen của Thủ tướng Chính phủ" in agenda[6].title
    assert agenda[5].minutes == 15


def test_giao_uoc_has_ky_ket_and_dai_hoi_has_chao_co() -> None:
    for key in ("giao_uoc.tinh", "giao_uoc.xa"):
        assert "ky_ket" in kinds(get_preset(key))
    for key in ("dai_hoi.tinh", "dai_hoi.xa"):
        sequence = kinds(get_preset(key))
        # seed 004 "Chào cờ (Đại hội)" first, before "Khai mạc" or the tuyên bố lý do
        assert sequence[0] == "chao_co" or sequence.index("chao_co") < sequence.index(
            "tuyen_bo_ly_do"
        )


def test_seed_sizes() -> None:
    assert get_preset("giao_uoc.tinh").conference.planned_delegates == 350  # 001
    assert get_preset("trao_thuong.tinh").conference.planned_delegates == 180  # 002
    assert get_preset("tong_ket.huyen").conference.planned_delegates == 150  # 003
    assert get_preset("giao_uoc.tinh").conference.length == "session"  # 001: 01 buổi
    assert get_preset("tong_ket.tinh").conference.length == "half_day"  # 000: ½ ngày
    xa = [p.conference.planned_delegates for p in PRESETS if p.level == "xa"]
    assert max(xa) < 150


# ------------------------------------------------------------------ text rules


@pytest.mark.parametrize(
    "preset",
    [p for p in PRESETS if p.level != "huyen"],
    ids=[p.key for p in PRESETS if p.level != "huyen"],
)
def test_no_huyen_in_tinh_and_xa_presets(preset: Preset) -> None:
    for text in texts(preset):
        assert "huyện" not in text.lower(), text


@pytest.mark.parametrize("entry", PRESET_FILES, ids=[e.name for e in PRESET_FILES])
def test_files_are_nfc_and_tinh_xa_files_never_say_huyen(entry) -> None:
    raw = entry.read_bytes().decode("utf-8")
    assert unicodedata.is_normalized("NFC", raw)
    if not entry.name.endswith(".huyen.toml"):
        assert "huyện" not in raw.lower()


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_every_text_is_nfc_and_uses_known_placeholders(preset: Preset) -> None:
    for text in texts(preset):
        assert unicodedata.is_normalized("NFC", text), text
        for name in re.findall(r"\{([^{}]*)\}", text):
            assert name in PLACEHOLDERS, text


@pytest.mark.parametrize("preset", PRESETS, ids=KEYS)
def test_no_fixed_years_or_seed_places(preset: Preset) -> None:
    seed_places = ("Thái Bình", "Bình Thuận", "An Giang", "Ninh Hòa", "Khánh Hòa", "Phan Thiết")
    for text in texts(preset):
        assert not any(place in text for place in seed_places), text
    conf = preset.conference
    dated = [conf.title, conf.closing, *preset.purposes]
    dated += [item.title for item in preset.agenda] + [task.title for task in preset.tasks]
    dated += [item.text for item in preset.decor]
    for text in dated:  # the years come from {year_reviewed} / {year_launched}
        assert not re.search(r"\b(19|20)\d\d\b", text), text


def test_xa_presets_use_the_commune_bodies() -> None:
    for preset in (p for p in PRESETS if p.level == "xa"):
        units = {t.lead for t in preset.tasks} | {s for t in preset.tasks for s in t.support}
        assert "Phòng Văn hóa - Xã hội" in units, preset.key
        assert "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân" in units, preset.key
        assert "Phòng Nội vụ" not in units


def test_tinh_presets_use_the_provincial_bodies() -> None:
    for preset in (p for p in PRESETS if p.level == "tinh" and not p.plan_levels):
        units = {t.lead for t in preset.tasks} | {s for t in preset.tasks for s in t.support}
        # The province's word is a placeholder: "tỉnh", or "thành phố" for Đà Nẵng (issue 16).
        assert {"Sở Nội vụ", "Văn phòng Ủy ban nhân dân {province_kind}"} <= units, preset.key
        assert not any("Ban Thi đua - Khen thưởng" in unit for unit in units)


def test_legal_bases_cite_the_2022_law_and_decree_152() -> None:
    for preset in (p for p in PRESETS if p.level != "huyen"):
        joined = " ".join(preset.legal_bases)
        assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in joined
        assert "152/2025/NĐ-CP" in joined and "98/2023" not in joined
