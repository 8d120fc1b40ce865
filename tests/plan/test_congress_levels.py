"""Issue 17: the Đại hội các cấp plan's levels and ordinal, duty sub-items, seed 003's words."""

from __future__ import annotations

import json
from pathlib import Path

from kehoach_app import transfer
from kehoach_app.conferences.presetting import district_placeholders
from kehoach_app.db import db
from kehoach_app.plan.logic import (
    LevelLine,
    PlanInputs,
    level_blocks,
    roman,
    task_parts,
    with_ordinal,
)
from kehoach_app.plan.operations import levels_of, plan_sheet, set_ordinal

SEED_004 = Path(__file__).parent / "seeds" / "004.kehoach.json"


def test_roman_and_the_first_gap_only():
    assert [roman(n) for n in (1, 4, 8, 9, 11, 14)] == ["I", "IV", "VIII", "IX", "XI", "XIV"]
    text = "Đại hội … lần thứ … tiến tới Đại hội toàn quốc lần thứ …"
    assert with_ordinal(text, 8) == "Đại hội … lần thứ VIII tiến tới Đại hội toàn quốc lần thứ …"
    assert with_ordinal(text, None) == text


def test_levels_print_as_seed_004():
    inputs = PlanInputs(
        values={"ordinal": 8, "issuer": "Ủy ban nhân dân tỉnh Thái Bình", "kind": "dai_hoi"},
        levels=[
            LevelLine("Cấp xã", form="Tổ chức “Hội nghị”", size="120", duration="1/2 ngày",
                      quarter=1, year=2025),
            LevelLine("Đại hội tỉnh lần thứ …", quarter=3, year=2025,
                      time_text="có Kế hoạch riêng"),
            LevelLine("Cấp huyện", form="Hội nghị", time_text="hoàn thành trong quý II/2025"),
        ],
    )  # fmt: skip
    texts = [b.text for b in level_blocks(inputs, "2.")]
    assert texts == [
        "2.1. Cấp xã",
        "- Hình thức: Tổ chức “Hội nghị”.\n- Số lượng đại biểu: 120 đại biểu.\n"
        "- Thời gian tổ chức: 1/2 ngày, trong Quý I năm 2025.",
        "2.2. Đại hội tỉnh lần thứ VIII:",
        "Tổ chức vào Quý III năm 2025 (có Kế hoạch riêng).",
        "2.3. Cấp huyện",
        "- Hình thức: Hội nghị.\n- Thời gian tổ chức: hoàn thành trong quý II/2025.",
    ]


def test_a_duty_with_sub_items():
    head, subs = task_parts("Gửi tham luận, cụ thể như sau\n+ Giao Phòng A: 01 tập thể\n- Phòng B")
    assert head == "Gửi tham luận, cụ thể như sau"
    assert subs == ["Giao Phòng A: 01 tập thể", "Phòng B"]


def test_a_thi_xa_says_thi_uy_and_phuong():
    assert district_placeholders("Ủy ban nhân dân thị xã Ninh Hòa") == {
        "district": "thị xã",
        "district_party": "Thị ủy",
        "communes": "xã, phường",
    }
    assert district_placeholders("UBND huyện Đông Hưng")["communes"] == "xã, thị trấn"


def test_levels_and_ordinal_travel_in_the_file_and_an_older_file_has_none(app):
    document = json.loads(SEED_004.read_text(encoding="utf-8"))
    with app.app_context():
        conference = transfer.import_conference(json.dumps(document).encode())
        db.session.flush()
        assert conference.ordinal == 8 and len(levels_of(conference)) == 3
        again = transfer.export_conference(conference)["plan"]
        assert again["ordinal"] == 8 and again["levels"] == document["plan"]["levels"]
        del document["plan"]["levels"], document["plan"]["ordinal"]
        older = transfer.import_conference(json.dumps(document).encode())
        db.session.flush()
        assert older.ordinal is None and levels_of(older) == []


def test_the_ordinal_words_the_title_and_changes_it_again(app):
    document = json.loads(SEED_004.read_text(encoding="utf-8"))
    document["conference"]["title"] = "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ …"
    with app.app_context():
        conference = transfer.import_conference(json.dumps(document).encode())
        db.session.flush()
        set_ordinal(conference, 8)
        assert conference.title.endswith("lần thứ VIII")
        set_ordinal(conference, 9)
        assert conference.title.endswith("lần thứ IX")
        assert plan_sheet(conference).subtitle.endswith("lần thứ IX")


def test_levels_page_adds_refuses_and_undoes(app, client):
    from tests.conftest import post

    with app.app_context():
        conference = transfer.import_conference(SEED_004.read_bytes())
        db.session.commit()
        cid = conference.id
    page = f"/hoi-nghi/{cid}/ke-hoach/cac-cap"
    assert "Đối với các xã, phường, thị trấn" in client.get(page).get_data(as_text=True)
    response = post(client, page + "/them", {"name": "Cấp mới", "quarter": "2"}, page=page)
    assert response.status_code == 400  # the page again, with what was typed (issue 17 walk)
    with app.app_context():
        assert len(levels_of(db.session.get(type(conference), cid))) == 3  # refused: no year
    post(client, page + "/them", {"name": "Cấp mới", "quarter": "2", "year": "2025"}, page=page)
    with app.app_context():
        rows = levels_of(db.session.get(type(conference), cid))
        assert [r.name for r in rows][-1] == "Cấp mới" and rows[-1].quarter == 2
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=page)
    with app.app_context():
        assert len(levels_of(db.session.get(type(conference), cid))) == 3
