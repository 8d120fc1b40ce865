"""The check-in page and its answers, over the app's test client: by code, by name, twice,
unknown, declined, undone, in someone's place; the live count and the MC's line; LAN roles."""

from __future__ import annotations

import io

import pdfplumber
from sqlalchemy import select

from kehoach_app.db import db
from tests.checkin.conftest import scan
from tests.conftest import post


def test_every_delegate_has_a_code_unique_in_the_conference(app, small):
    conference_id, codes = small
    assert len(codes) == 8 and len(set(codes.values())) == 8
    from kehoach_app.checkin.logic import is_code

    assert all(is_code(c) for c in codes.values())


def test_check_in_by_code_then_the_second_scan_warns(app, client, small):
    conference_id, codes = small
    code = codes["Lê Quốc Hưng"]
    first = scan(client, conference_id, code.lower()[:3] + "-" + code.lower()[3:])
    assert first["status"] == "new"
    assert first["person"]["name"] == "Ông Lê Quốc Hưng"
    assert first["person"]["group"] == "Lãnh đạo tỉnh"
    assert first["person"]["role"] == "Phó Giám đốc Sở Nội vụ tỉnh"
    assert first["counts"]["text"] == "01/08"
    again = scan(client, conference_id, code, point="Cửa phụ")
    assert again["status"] == "again"
    assert again["message"].startswith("Ông Lê Quốc Hưng đã điểm danh lúc ")
    assert again["message"].endswith("tại Cửa chính.")  # where the first scan was
    assert again["at"] == first["at"]
    assert again["counts"]["text"] == "01/08"


def test_unknown_code_and_declined_delegate_are_said(app, client, small):
    conference_id, codes = small
    unknown = scan(client, conference_id, "BBBBBB")
    assert unknown["status"] == "unknown"
    assert "Mã BBBBBB không thuộc đại biểu nào" in unknown["message"]
    declined = scan(client, conference_id, codes["Trần Văn Bình"])
    assert declined["status"] == "new" and declined["declined"] is True
    assert "đã báo vắng" in declined["message"]


def test_a_name_typed_without_marks_lists_the_matches(app, client, small):
    conference_id, codes = small
    # "an" without marks begins "An" and "Ánh" alike: several matches, the usher picks
    answer = scan(client, conference_id, "nguyen an")
    assert answer["status"] == "matches"
    assert answer["person"] is None
    assert [m["full_name"] for m in answer["matches"]] == ["Nguyễn Văn An", "Nguyễn Thị Ánh"]
    # "nguyen" alone: both Nguyễn, in name order; nothing recorded yet
    answer = scan(client, conference_id, "nguyen")
    assert [m["full_name"] for m in answer["matches"]] == ["Nguyễn Văn An", "Nguyễn Thị Ánh"]
    assert answer["counts"]["present"] == 0
    # the live search the page calls while typing
    found = client.get(f"/hoi-nghi/{conference_id}/diem-danh/tim?q=pham duc").get_json()
    assert [m["code"] for m in found["matches"]] == [codes["Phạm Đức Ân"]]
    assert scan(client, conference_id, "không ai tên này")["status"] == "none"
    assert answer["counts"]["present"] == 0


def test_a_name_with_one_match_is_checked_in_by_enter(app, client, small):
    """The hint says "Enter để điểm danh": one match is that delegate, checked in at once."""
    conference_id, codes = small
    answer = scan(client, conference_id, "nguyen van an")
    assert answer["status"] == "new"
    assert answer["person"]["code"] == codes["Nguyễn Văn An"]
    assert answer["message"].startswith("Đã điểm danh Ông Nguyễn Văn An lúc ")
    assert answer["counts"]["present"] == 1
    # with marks, "Ánh" finds only Ánh: checked in too; typed again, "đã điểm danh"
    assert scan(client, conference_id, "Ánh")["status"] == "new"
    again = scan(client, conference_id, "nguyen thi anh")
    assert again["status"] == "again"
    assert again["counts"]["present"] == 2


def test_undo_then_check_in_again(app, client, small):
    conference_id, codes = small
    code = codes["Hồ Sỹ Khải"]
    scan(client, conference_id, code)
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    undone = post(
        client, page + "/huy", {"ma": code}, page=page, headers={"X-Requested-With": "fetch"}
    ).get_json()
    assert undone["status"] == "undone" and undone["counts"]["present"] == 0
    nothing = post(
        client, page + "/huy", {"ma": code}, page=page, headers={"X-Requested-With": "fetch"}
    ).get_json()
    assert nothing["status"] == "unknown"
    again = scan(client, conference_id, code)
    assert again["status"] == "new" and again["counts"]["present"] == 1


def test_substitute_is_marked_and_counted(app, client, small):
    conference_id, codes = small
    code = codes["Phạm Đức Ân"]
    answer = scan(client, conference_id, code)
    assert answer["person"]["substitute_name"] == "Phạm Văn Tài"  # the reply said so
    assert "Người dự thay: Phạm Văn Tài" in answer["message"]
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    other = codes["Võ Thị Lan"]
    refused = post(client, page + "/du-thay", {"ma": other, "ten": "Ai đó"}, page=page)
    assert "hãy điểm danh trước" in refused.get_data(as_text=True)
    scan(client, conference_id, other)
    post(client, page + "/du-thay", {"ma": other, "ten": "Trần Thị Mai"}, page=page)
    figures = client.get(page + "/so-lieu").get_json()
    assert figures["substitutes"] == 2
    assert figures["recent"][0]["substitute_name"] == "Trần Thị Mai"


def test_the_count_by_group_and_the_mc_line_worked_by_hand(app, client, small):
    conference_id, codes = small
    figures = client.get(f"/hoi-nghi/{conference_id}/diem-danh/so-lieu").get_json()
    assert figures["mc_line"] == "Hội nghị có mặt ……/…… đại biểu được triệu tập."
    for name in ("Lê Quốc Hưng", "Đặng Thị Thu Hương", "Nguyễn Văn An"):
        scan(client, conference_id, codes[name])
    figures = client.get(f"/hoi-nghi/{conference_id}/diem-danh/so-lieu").get_json()
    assert [(g["name"], g["text"]) for g in figures["groups"]] == [
        ("Lãnh đạo tỉnh", "02/03"),
        ("Đại biểu xã", "01/05"),
    ]
    assert figures["text"] == "03/08"
    assert figures["mc_line"] == "Hội nghị có mặt 03/08 đại biểu được triệu tập."
    html = client.get(f"/hoi-nghi/{conference_id}/diem-danh").get_data(as_text=True)
    assert "03/08" in html and "Hội nghị có mặt 03/08 đại biểu được triệu tập." in html


def _script_text(client, conference_id: int) -> str:
    data = client.get(f"/hoi-nghi/{conference_id}/in/kich-ban-dieu-hanh.pdf").data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_the_mc_script_reads_the_attendance_when_printed(app, client, small):
    conference_id, codes = small
    text = _script_text(client, conference_id)
    assert "Hội nghị có mặt ……/…… đại biểu được triệu tập." in text
    for name in ("Lê Quốc Hưng", "Nguyễn Văn An", "Hồ Sỹ Khải", "Võ Thị Lan", "Nguyễn Thị Ánh"):
        scan(client, conference_id, codes[name])
    text = _script_text(client, conference_id)
    assert "Hội nghị có mặt 05/08 đại biểu được triệu tập." in text
    # right after the introduction of the delegates, before the wishes of the Ban Tổ chức
    assert text.index("có mặt 05/08") < text.index("Thay mặt Ban Tổ chức, xin trân trọng kính chúc")
    assert text.index("trân trọng giới thiệu") < text.index("có mặt 05/08")


def test_a_form_post_without_script_shows_the_result_page(app, client, small):
    conference_id, codes = small
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    response = post(client, page, {"ma": codes["Nguyễn Văn An"], "diem": ""}, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Đã điểm danh Ông Nguyễn Văn An" in html and "01/08" in html
    response = post(client, page, {"ma": "nguyen", "diem": ""}, page=page)
    html = response.get_data(as_text=True)
    assert "Chọn đại biểu" in html and "Nguyễn Thị Ánh" in html


def test_clearing_the_arrivals_is_undone_by_hoan_tac(app, client, small):
    from kehoach_app.checkin.models import Arrival

    conference_id, codes = small
    for name in ("Lê Quốc Hưng", "Nguyễn Văn An"):
        scan(client, conference_id, codes[name])
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    refused = post(client, page + "/xoa", {}, page=page, follow_redirects=True)
    assert "Hãy đánh dấu ô xác nhận" in refused.get_data(as_text=True)
    post(client, page + "/xoa", {"xac-nhan": "co"}, page=page)
    assert client.get(page + "/so-lieu").get_json()["present"] == 0
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", {}, page=page)
    assert client.get(page + "/so-lieu").get_json()["text"] == "02/08"
    with app.app_context():
        rows = db.session.scalars(select(Arrival).where(Arrival.conference_id == conference_id))
        assert sorted(a.code for a in rows) == sorted(
            [codes["Lê Quốc Hưng"], codes["Nguyễn Văn An"]]
        )


def test_lan_viewer_reads_the_count_but_cannot_check_in(tmp_path):
    from kehoach_app.accounts.logic import EDITOR, VIEWER
    from tests.checkin.conftest import codes_of, make_small_conference
    from tests.security.test_lan_mode import add_account, colleague, make_lan_app, owner_client

    app = make_lan_app(tmp_path / "lan")
    try:
        with app.app_context():
            conference_id = make_small_conference()
            codes = codes_of(conference_id)
        owner = owner_client(app)
        add_account(owner, "xem1", VIEWER, "Người Xem")
        add_account(owner, "cua1", EDITOR, "Lễ tân Cửa 1")
        page = f"/hoi-nghi/{conference_id}/diem-danh"
        viewer = colleague(app, "xem1")
        html = viewer.get(page).get_data(as_text=True)
        assert "chỉ có quyền xem" in html and 'id="checkin-input"' not in html
        assert viewer.get(page + "/so-lieu").get_json()["text"] == "00/08"
        refused = post(viewer, page, {"ma": codes["Nguyễn Văn An"]}, page=page)
        assert refused.status_code == 403
        usher = colleague(app, "cua1", "192.168.1.21")
        answer = scan(usher, conference_id, codes["Nguyễn Văn An"], point="Cửa 1")
        assert answer["status"] == "new"
        from kehoach_app.checkin.models import Arrival

        with app.app_context():
            arrival = db.session.scalar(select(Arrival))
            assert (arrival.point, arrival.checked_by) == ("Cửa 1", "Lễ tân Cửa 1")
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _introduction(text: str) -> str:
    """The introduction of the delegates in the script: from "trân trọng giới thiệu:" to the
    attendance sentence."""
    start = text.index("trân trọng giới thiệu:")
    return text[start : text.index("đại biểu được triệu tập.", start)]


def test_the_mc_script_introduces_the_delegates_present(app, client, small):
    """Before any arrival the invited list (the declined Trần Văn Bình left out, Phạm Văn Tài
    standing in for Phạm Đức Ân as his reply says); once the door has checked people in, only
    those present, a substitute only while his arrival names him."""
    conference_id, codes = small
    before = _introduction(_script_text(client, conference_id))
    for name in ("Lê Quốc Hưng", "Đặng Thị Thu Hương", "Võ Thị Lan", "Hồ Sỹ Khải"):
        assert name in before
    assert "Đồng chí Phạm Văn Tài, dự thay ông Phạm Đức Ân" in before
    assert "Trần Văn Bình" not in before
    assert "có mặt ……/……" in before

    page = f"/hoi-nghi/{conference_id}/diem-danh"
    for name in ("Lê Quốc Hưng", "Phạm Đức Ân", "Trần Văn Bình", "Hồ Sỹ Khải"):
        scan(client, conference_id, codes[name])
    post(client, page + "/huy", {"ma": codes["Hồ Sỹ Khải"]}, page=page)  # a wrong scan
    after = _introduction(_script_text(client, conference_id))
    assert "Ông Lê Quốc Hưng" in after
    assert "Ông Trần Văn Bình" in after  # declined, yet he came: introduced
    assert "Đồng chí Phạm Văn Tài, dự thay ông Phạm Đức Ân" in after
    for name in ("Đặng Thị Thu Hương", "Nguyễn Văn An", "Nguyễn Thị Ánh", "Võ Thị Lan"):
        assert name not in after
    assert "Hồ Sỹ Khải" not in after  # his arrival was undone
    assert after.endswith("Hội nghị có mặt 03/08 ")
    # the whole introduction, group by group (the province's leaders before the commune's)
    assert after == (
        "trân trọng giới thiệu: - Ông Trần Văn Bình, Chánh Văn phòng Sở Nội vụ tỉnh; "
        "- Ông Lê Quốc Hưng, Phó Giám đốc Sở Nội vụ tỉnh; "
        "- Đồng chí Phạm Văn Tài, dự thay ông Phạm Đức Ân, Trưởng ấp Mỹ Lộc. "
        "Hội nghị có mặt 03/08 "
    )

    # the usher clears the substitute: Phạm Đức Ân came himself
    post(client, page + "/du-thay", {"ma": codes["Phạm Đức Ân"], "ten": ""}, page=page)
    after = _introduction(_script_text(client, conference_id))
    assert "Ông Phạm Đức Ân" in after and "Phạm Văn Tài" not in after and "dự thay" not in after
