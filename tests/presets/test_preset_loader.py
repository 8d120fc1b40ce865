"""The preset loader on files written to a temporary folder: merge rule, fill(), error cases."""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kehoach_app.presets import (
    PresetError,
    fill,
    load_presets,
)

# ------------------------------------------------------------------ a tiny TOML writer


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(value)


def to_toml(data: dict[str, Any]) -> str:
    """Scalars and plain lists first, then tables, then arrays of tables."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    arrays: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays.append((key, value))
        else:
            lines.append(f"{key} = {_value(value)}")
    for key, table in tables:
        lines.append(f"\n[{key}]")
        lines += [f"{k} = {_value(v)}" for k, v in table.items()]
    for key, rows in arrays:
        for row in rows:
            lines.append(f"\n[[{key}]]")
            lines += [f"{k} = {_value(v)}" for k, v in row.items()]
    return "\n".join(lines) + "\n"


BASE: dict[str, Any] = {
    "format": 1,
    "kind": "tong_ket",
    "level": "xa",
    "name": "Tổng kết (cấp xã)",
    "description": "Một dòng mô tả.",
    "sources": ["003"],
    "purposes": ["Tổng kết năm {year_reviewed}."],
    "legal_bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
    "conference": {
        "title": "Hội nghị tổng kết năm {year_reviewed}",
        "issuer_example": "Ủy ban nhân dân xã Tân Hòa",
        "parent_body": "",
        "doc_symbol": "KH-UBND",
        "start_time": "07:30",
        "length": "half_day",
        "planned_delegates": 10,
        "venue": "Hội trường Ủy ban nhân dân xã",
        "funding_source": "Quỹ thi đua, khen thưởng",
        "typical_month": 1,
        "signer_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_deputy": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "closing": "Trên đây là Kế hoạch./.",
        "recipients": ["Như trên", "Lưu: VT, VHXH"],
    },
    "agenda": [
        {"kind": "van_nghe", "title": "Văn nghệ", "presenter": "", "minutes": 15},
        {"kind": "be_mac", "title": "Bế mạc", "presenter": "", "minutes": 5},
    ],
    "delegate_groups": [
        {"name": "Lãnh đạo", "planned": 4},
        {"name": "Khách mời", "planned": 6},
    ],
    "tasks": [
        {"title": "Phát hành Giấy mời", "lead": "Văn phòng", "support": [], "days_before": 5},
        {"title": "Lập dự toán", "lead": "Phòng Văn hóa - Xã hội", "month_before": True},
    ],
    "decor": [
        {
            "area": "san_khau",
            "item": "Quốc kỳ",
            "quantity": 1,
            "unit": "lá",
            "placement": "Trên phông, phía trái sân khấu",
        },
    ],
    "budget": [
        {
            "category": "nuoc_uong",
            "content": "Nước uống",
            "unit": "người/ngày",
            "quantity": "delegates",
            "unit_price": 40000,
            "note": "",
        },
    ],
}


def preset(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE with top-level keys changed (None removes the key)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write(folder: Path, name: str, data: dict[str, Any] | str) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else to_toml(data), encoding="utf-8")
    return path


def load_error(folder: Path) -> str:
    with pytest.raises(PresetError) as info:
        load_presets(folder)
    return str(info.value)


# ------------------------------------------------------------------ fill


def test_fill_replaces_known_placeholders() -> None:
    pattern = "Hội nghị tổng kết năm {year_reviewed} và phát động năm {year_launched}"
    assert fill(pattern, year_reviewed=2025, year_launched=2026) == (
        "Hội nghị tổng kết năm 2025 và phát động năm 2026"
    )
    assert fill("{issuer}\n{place}, ngày", issuer="UBND xã Tân Hòa", place="Tân Hòa") == (
        "UBND xã Tân Hòa\nTân Hòa, ngày"
    )


def test_fill_leaves_unknown_and_missing_placeholders_and_never_raises() -> None:
    assert fill("năm {year_reviewed} {ordinal}") == "năm {year_reviewed} {ordinal}"
    assert fill("{place} {0} {} {{x}} {a-b} {", place="X") == "X {0} {} {{x}} {a-b} {"
    assert fill("{place}", place=None) == "{place}"
    assert fill("lần thứ …", year_reviewed=2025) == "lần thứ …"


def test_fill_returns_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Tân Hòa")
    result = fill("{place}", place=decomposed)
    assert result == "Tân Hòa" and unicodedata.is_normalized("NFC", result)


# ------------------------------------------------------------------ loading a folder


def test_loads_a_folder_and_sorts_by_kinds_then_levels(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", BASE)
    write(tmp_path, "tong_ket.tinh.toml", preset(level="tinh"))
    write(tmp_path, "dai_hoi.xa.toml", preset(kind="dai_hoi"))
    write(tmp_path, "norms.toml", "[not_a_preset]\nx = 1\n")  # other catalogue: skipped
    write(tmp_path, "notes.txt", "not TOML")
    presets = load_presets(str(tmp_path))
    assert [p.key for p in presets] == ["tong_ket.tinh", "tong_ket.xa", "dai_hoi.xa"]
    xa = presets[1]
    assert xa.conference.recipients == ("Như trên", "Lưu: VT, VHXH")
    assert xa.tasks[0].days_before == 5 and not xa.tasks[0].month_before
    assert xa.tasks[1].days_before is None and xa.tasks[1].month_before
    assert xa.tasks[1].support == ()
    assert xa.decor[0].text == "" and xa.decor[0].days_before == 1  # defaults
    assert xa.budget[0].quantity_for(10) == 10


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(name=unicodedata.normalize("NFD", "Tổng kết")))
    (loaded,) = load_presets(tmp_path)
    assert loaded.name == "Tổng kết"


def test_extends_merges_tables_and_replaces_lists(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", BASE)
    child = {
        "format": 1,
        "kind": "giao_uoc",
        "level": "xa",
        "extends": "tong_ket.xa",
        "name": "Giao ước (cấp xã)",
        "description": "Con.",
        "sources": ["001"],
        "conference": {"title": "Hội nghị ký kết giao ước", "length": "session"},
        "agenda": [{"kind": "ky_ket", "title": "Ký kết", "presenter": "", "minutes": 15}],
    }
    write(tmp_path, "giao_uoc.xa.toml", child)
    loaded = {p.key: p for p in load_presets(tmp_path)}
    parent, merged = loaded["tong_ket.xa"], loaded["giao_uoc.xa"]
    # tables merge key by key
    assert merged.conference.title == "Hội nghị ký kết giao ước"
    assert merged.conference.length == "session"
    assert merged.conference.venue == parent.conference.venue
    assert merged.conference.recipients == parent.conference.recipients
    # lists are replaced whole, missing ones are inherited
    assert [a.kind for a in merged.agenda] == ["ky_ket"]
    assert merged.tasks == parent.tasks and merged.purposes == parent.purposes
    # own keys are the child's
    assert (merged.kind, merged.name, merged.sources) == ("giao_uoc", "Giao ước (cấp xã)", ("001",))


def test_extends_chain(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", BASE)
    own = {"format": 1, "description": "", "sources": ["004"]}
    write(
        tmp_path,
        "tuyen_duong.xa.toml",
        {
            **own,
            "kind": "tuyen_duong",
            "level": "xa",
            "name": "Tuyên dương",
            "extends": "tong_ket.xa",
            "conference": {"typical_month": 3},
        },
    )
    write(
        tmp_path,
        "dai_hoi.xa.toml",
        {
            **own,
            "kind": "dai_hoi",
            "level": "xa",
            "name": "Đại hội",
            "extends": "tuyen_duong.xa",
            "conference": {"title": "Đại hội"},
        },
    )
    loaded = {p.key: p for p in load_presets(tmp_path)}
    assert loaded["dai_hoi.xa"].conference.typical_month == 3
    assert loaded["dai_hoi.xa"].conference.title == "Đại hội"
    assert loaded["dai_hoi.xa"].conference.venue == BASE["conference"]["venue"]


# ------------------------------------------------------------------ error cases


def test_unknown_top_level_key(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(agendas=["x"]))
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and "'agendas'" in message and "unknown key" in message


def test_unknown_key_in_a_table(tmp_path: Path) -> None:
    data = preset()
    data["conference"]["colour"] = "đỏ"
    write(tmp_path, "tong_ket.xa.toml", data)
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and "conference.colour" in message


@pytest.mark.parametrize("missing", ["format", "kind", "name", "sources", "conference", "agenda"])
def test_missing_required_top_level_key(tmp_path: Path, missing: str) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(**{missing: None}))
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and f"'{missing}'" in message
    assert "missing required key" in message


def test_missing_key_in_conference(tmp_path: Path) -> None:
    data = preset()
    del data["conference"]["planned_delegates"]
    write(tmp_path, "tong_ket.xa.toml", data)
    message = load_error(tmp_path)
    assert "conference.planned_delegates" in message and "missing required key" in message


def test_own_keys_are_not_inherited(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", BASE)
    write(
        tmp_path,
        "giao_uoc.xa.toml",
        {
            "format": 1,
            "kind": "giao_uoc",
            "level": "xa",
            "extends": "tong_ket.xa",
            "description": "",
            "sources": [],
        },
    )
    message = load_error(tmp_path)
    assert "giao_uoc.xa.toml" in message and "'name'" in message


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("quan.xa.toml", preset(kind="quan"), "'kind'"),
        ("tong_ket.quan.toml", preset(level="quan"), "'level'"),
    ],
)
def test_kind_or_level_not_in_vocab(tmp_path: Path, name: str, data: dict, key: str) -> None:
    write(tmp_path, name, data)
    message = load_error(tmp_path)
    assert name in message and key in message and "unknown code" in message


@pytest.mark.parametrize(
    ("table", "row", "field", "value"),
    [
        ("agenda", 1, "kind", "khai_mac"),
        ("decor", 0, "area", "mai_nha"),
        ("budget", 0, "category", "qua_tang"),
    ],
)
def test_codes_not_in_vocab(tmp_path: Path, table: str, row: int, field: str, value: str) -> None:
    data = preset()
    data[table][row][field] = value
    write(tmp_path, "tong_ket.xa.toml", data)
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and f"{table}[{row}].{field}" in message
    assert repr(value) in message


def test_length_not_in_vocab(tmp_path: Path) -> None:
    data = preset()
    data["conference"]["length"] = "two_days"
    write(tmp_path, "tong_ket.xa.toml", data)
    assert "conference.length" in load_error(tmp_path)


def test_file_name_must_match_kind_and_level(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(level="tinh"))
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and "does not match" in message


@pytest.mark.parametrize("minutes", [0, -5])
def test_minutes_must_be_positive(tmp_path: Path, minutes: int) -> None:
    data = preset()
    data["agenda"][0]["minutes"] = minutes
    write(tmp_path, "tong_ket.xa.toml", data)
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and "agenda[0].minutes" in message
    assert "positive" in message


def test_minutes_must_be_an_integer(tmp_path: Path) -> None:
    data = preset()
    data["agenda"][0]["minutes"] = "15"
    write(tmp_path, "tong_ket.xa.toml", data)
    assert "agenda[0].minutes" in load_error(tmp_path)


def test_extends_cycle(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(extends="giao_uoc.xa"))
    write(tmp_path, "giao_uoc.xa.toml", preset(kind="giao_uoc", extends="tong_ket.xa"))
    message = load_error(tmp_path)
    assert "'extends'" in message and "cycle" in message
    assert "tong_ket.xa" in message and "giao_uoc.xa" in message


def test_extends_itself(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(extends="tong_ket.xa"))
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and "cycle" in message


def test_extends_a_missing_file(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(extends="tong_ket.huyen"))
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and "'extends'" in message and "tong_ket.huyen" in message


def test_delegate_groups_must_add_up(tmp_path: Path) -> None:
    data = preset()
    data["delegate_groups"][1]["planned"] = 7
    write(tmp_path, "tong_ket.xa.toml", data)
    message = load_error(tmp_path)
    assert "'delegate_groups'" in message and "11" in message and "10" in message


@pytest.mark.parametrize(
    "deadline",
    [{}, {"days_before": 5, "month_before": True}, {"month_before": False}],
    ids=["none", "both", "month_false"],
)
def test_task_needs_exactly_one_deadline(tmp_path: Path, deadline: dict) -> None:
    data = preset()
    data["tasks"] = [{"title": "Việc", "lead": "Văn phòng", **deadline}]
    write(tmp_path, "tong_ket.xa.toml", data)
    assert "tasks[0].days_before" in load_error(tmp_path)


def test_budget_quantity_is_a_number_or_delegates(tmp_path: Path) -> None:
    data = preset()
    data["budget"][0]["quantity"] = "đại biểu"
    write(tmp_path, "tong_ket.xa.toml", data)
    assert "budget[0].quantity" in load_error(tmp_path)


def test_bad_start_time_and_month(tmp_path: Path) -> None:
    data = preset()
    data["conference"]["start_time"] = "7h30"
    write(tmp_path, "tong_ket.xa.toml", data)
    assert "conference.start_time" in load_error(tmp_path)
    data["conference"]["start_time"] = "07:30"
    data["conference"]["typical_month"] = 13
    write(tmp_path, "tong_ket.xa.toml", data)
    assert "conference.typical_month" in load_error(tmp_path)


def test_unsupported_format(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", preset(format=2))
    assert "'format'" in load_error(tmp_path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    write(tmp_path, "tong_ket.xa.toml", 'name = "không đóng\n')
    message = load_error(tmp_path)
    assert "tong_ket.xa.toml" in message and "not valid TOML" in message
