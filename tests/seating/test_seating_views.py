"""The seating pages: build a hall from the form, adjust seats, assign, swap, pin, undo, refuse."""

from __future__ import annotations

import re

from kehoach_app.db import db
from kehoach_app.seating import operations
from kehoach_app.seating.models import Hall, SeatAssignment, SeatingPlan
from tests.conftest import post


def _url(conference_id: int, tail: str = "") -> str:
    return f"/hoi-nghi/{conference_id}/cho-ngoi{tail}"


def _seats(app, conference_id: int) -> dict[str, tuple[int, bool]]:
    with app.app_context():
        rows = db.session.query(SeatAssignment).filter_by(conference_id=conference_id).all()
        return {r.seat_code: (r.delegate_id, r.pinned) for r in rows}


def _new_conference_without_seating(app, client, demo_id) -> int:
    """The demo conference with its seating taken away (the demo seats everyone)."""
    with app.app_context():
        db.session.query(SeatAssignment).filter_by(conference_id=demo_id).delete()
        db.session.query(SeatingPlan).filter_by(conference_id=demo_id).delete()
        db.session.commit()
    return demo_id


def test_the_page_asks_for_a_hall_then_builds_one_from_the_form(app, client, demo_id):
    cid = _new_conference_without_seating(app, client, demo_id)
    page = client.get(_url(cid)).get_data(as_text=True)
    assert "Chưa chọn hội trường" in page
    assert "Tạo hội trường mới" in page
    # a mistake first: refused in Vietnamese, nothing saved
    response = post(
        client,
        _url(cid, "/hoi-truong/moi"),
        {
            "name": "",
            "blocks": "ba",
            "rows": "10",
            "seats": "8",
            "stage_seats": "7",
            "stage_rows": "1",
            "row_labels": "letters",
            "lectern": "right",
            "aisles": "y",
        },
        page=_url(cid),
    )
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Hãy đặt tên cho hội trường." in text
    assert "không phải" in text or "số" in text
    with app.app_context():
        assert db.session.query(Hall).filter_by(name="Hội trường Nhà văn hóa").count() == 0
    response = post(
        client,
        _url(cid, "/hoi-truong/moi"),
        {
            "name": "Hội trường Nhà văn hóa",
            "blocks": "3",
            "rows": "10",
            "seats": "8",
            "side_seats": "6",
            "stage_seats": "7",
            "stage_rows": "1",
            "row_labels": "letters",
            "lectern": "right",
            "aisles": "y",
        },
        page=_url(cid),
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "Đã tạo hội trường “Hội trường Nhà văn hóa” với 207 ghế" in text
    assert "Hoàn tác" in text
    # the seats are links (no script needed) and the editor's box lists what was clicked
    assert f'href="/hoi-nghi/{cid}/cho-ngoi/hoi-truong?chon=B1-A-01"' in text
    # the same name again is refused
    response = post(
        client,
        _url(cid, "/hoi-truong/moi"),
        {
            "name": "hội trường nhà văn hóa",
            "blocks": "1",
            "rows": "1",
            "seats": "1",
            "stage_rows": "1",
            "row_labels": "letters",
            "lectern": "none",
        },
        page=_url(cid),
    )
    assert response.status_code == 400
    assert "Đã có hội trường tên" in response.get_data(as_text=True)


def test_adjust_seats_mark_missing_and_set_a_zone_then_undo(app, client, demo_id):
    cid = demo_id
    hall_page = _url(cid, "/hoi-truong")
    response = post(
        client,
        _url(cid, "/hoi-truong/ghe"),
        {"codes": "B1-A-01, B1-A-02", "action": "missing"},
        page=hall_page,
        follow_redirects=True,
    )
    assert "Đã đổi 2 ghế" in response.get_data(as_text=True)
    with app.app_context():
        plan = db.session.get(SeatingPlan, cid)
        layout = operations.layout_of(db.session.get(Hall, plan.hall_id))
        assert {"B1-A-01", "B1-A-02"} <= layout.missing
    response = post(
        client,
        _url(cid, "/hoi-truong/ghe"),
        {
            "codes": "B3-A-01,B3-B-03",
            "action": "zone",
            "zone_kind": "van_nghe",
            "zone_label": "Đội văn nghệ",
        },
        page=hall_page,
        follow_redirects=True,
    )
    assert "Đã đặt khu “Đội văn nghệ”" in response.get_data(as_text=True)
    # a zone across two blocks is refused
    response = post(
        client,
        _url(cid, "/hoi-truong/ghe"),
        {"codes": "B1-C-01,B2-C-01", "action": "zone", "zone_kind": "chung", "zone_label": ""},
        page=hall_page,
    )
    assert response.status_code == 400
    assert "Một khu chỉ nằm trong một khối ghế" in response.get_data(as_text=True)
    # an unknown seat is refused
    response = post(
        client,
        _url(cid, "/hoi-truong/ghe"),
        {"codes": "Z9-Q-99", "action": "missing"},
        page=hall_page,
    )
    assert response.status_code == 400
    assert "Không có ghế Z9-Q-99" in response.get_data(as_text=True)
    # undo puts the zone back as it was
    post(client, f"/hoi-nghi/{cid}/hoan-tac", {}, page=hall_page)
    with app.app_context():
        plan = db.session.get(SeatingPlan, cid)
        layout = operations.layout_of(db.session.get(Hall, plan.hall_id))
        assert not any(z.kind == "van_nghe" for z in layout.zones)
        assert {"B1-A-01", "B1-A-02"} <= layout.missing


def test_bad_json_layout_is_refused_and_kept(app, client, demo_id):
    cid = demo_id
    page = client.get(_url(cid, "/hoi-truong")).get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    response = post(
        client,
        _url(cid, "/hoi-truong/json"),
        {"layout": '{"blocks": [{"rows": 0, "seats": 5}]}', "version": version},
        page=_url(cid, "/hoi-truong"),
    )
    assert response.status_code == 400
    assert "Số hàng của khối 1 phải từ 1 đến 60" in response.get_data(as_text=True)


def test_auto_assign_swap_pin_clear_and_put_back(app, client, demo_id):
    cid = demo_id
    before = _seats(app, cid)
    assert before  # the demo seats everyone
    response = post(client, _url(cid, "/tu-dong"), {}, page=_url(cid), follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Đã xếp chỗ tự động cho" in text and "Hoàn tác" in text
    seats = _seats(app, cid)
    assert seats == before  # the same rules give the same seats
    # the presidium: No. 1 in the centre of the row of 7, No. 2 at their right (seat 3)
    with app.app_context():
        from kehoach_app.delegates.models import Delegate

        first = db.session.query(Delegate).filter_by(conference_id=cid, protocol_rank=1).one()
        second = db.session.query(Delegate).filter_by(conference_id=cid, protocol_rank=2).one()
    assert seats["DCT-1-4"][0] == first.id
    assert seats["DCT-1-3"][0] == second.id

    # choosing two seats on the chart offers the swap (links, no script)
    page = client.get(_url(cid) + "?ghe=DCT-1-3&tu=DCT-1-4").get_data(as_text=True)
    assert "Đổi chỗ DCT-1-4 ↔ DCT-1-3" in page
    response = post(
        client,
        _url(cid, "/doi-cho"),
        {"seat_a": "DCT-1-4", "seat_b": "DCT-1-3"},
        page=_url(cid),
        follow_redirects=True,
    )
    assert "Đã đổi chỗ" in response.get_data(as_text=True)
    seats = _seats(app, cid)
    assert seats["DCT-1-3"][0] == first.id and seats["DCT-1-4"][0] == second.id

    # pin No. 1 where they are now; auto-assign keeps the pin and puts No. 2 elsewhere
    response = post(
        client, _url(cid, "/ghim"), {"seat": "DCT-1-3"}, page=_url(cid), follow_redirects=True
    )
    assert "Đã ghim" in response.get_data(as_text=True)
    post(client, _url(cid, "/tu-dong"), {}, page=_url(cid))
    seats = _seats(app, cid)
    assert seats["DCT-1-3"] == (first.id, True)
    assert seats["DCT-1-4"][0] == second.id  # the next seat in protocol order after the centre

    # move someone to a free seat; then clear a seat and put them back from the unseated list
    free = "B2-F-08"
    assert free not in seats
    response = post(
        client,
        _url(cid, "/doi-cho"),
        {"seat_a": "DCT-1-4", "seat_b": free},
        page=_url(cid),
        follow_redirects=True,
    )
    assert f"sang ghế {free}" in response.get_data(as_text=True)
    response = post(
        client, _url(cid, "/bo-trong"), {"seat": free}, page=_url(cid), follow_redirects=True
    )
    assert "chưa có chỗ" in response.get_data(as_text=True)
    page = client.get(_url(cid) + "?ghe=DCT-1-4").get_data(as_text=True)
    assert "Xếp vào ghế này" in page
    response = post(
        client,
        _url(cid, "/xep"),
        {"seat": "DCT-1-4", "delegate_id": str(second.id)},
        page=_url(cid),
        follow_redirects=True,
    )
    assert "vào ghế DCT-1-4" in response.get_data(as_text=True)
    # a taken seat is refused
    response = post(
        client,
        _url(cid, "/xep"),
        {"seat": "DCT-1-4", "delegate_id": str(first.id)},
        page=_url(cid),
        follow_redirects=True,
    )
    assert "đã có" in response.get_data(as_text=True)
    # a missing or unknown seat is refused
    response = post(
        client,
        _url(cid, "/doi-cho"),
        {"seat_a": "DCT-1-4", "seat_b": "X-1"},
        page=_url(cid),
        follow_redirects=True,
    )
    assert "Không có ghế “X-1”" in response.get_data(as_text=True)

    # undo the last change: the seat is empty again
    post(client, f"/hoi-nghi/{cid}/hoan-tac", {}, page=_url(cid))
    assert "DCT-1-4" not in _seats(app, cid)


def test_settings_second_side_and_zone_groups(app, client, demo_id):
    cid = demo_id
    post(client, _url(cid, "/cai-dat"), {"second_side": "left"}, page=_url(cid))
    post(client, _url(cid, "/tu-dong"), {}, page=_url(cid))
    with app.app_context():
        from kehoach_app.delegates.models import Delegate

        second = db.session.query(Delegate).filter_by(conference_id=cid, protocol_rank=2).one()
    assert _seats(app, cid)["DCT-1-5"][0] == second.id  # No. 1's left = the audience's right
    response = post(
        client,
        _url(cid, "/cai-dat"),
        {"second_side": "giữa"},
        page=_url(cid),
        follow_redirects=True,
    )
    assert "bên tay phải hoặc bên tay trái" in response.get_data(as_text=True)


def test_card_and_missing_lines(app, client, demo_id):
    cid = _new_conference_without_seating(app, client, demo_id)
    page = client.get(f"/hoi-nghi/{cid}").get_data(as_text=True)
    assert "Chưa chọn hội trường" in page
    with app.app_context():
        from kehoach_app.conferences.models import Conference
        from kehoach_app.printouts import get_printout, missing_for

        conference = db.session.get(Conference, cid)
        assert missing_for(get_printout("so-do-cho-ngoi"), conference) == ["chưa chọn hội trường"]
        hall = db.session.query(Hall).first()
        operations.choose_hall(conference, hall)
        db.session.commit()
        lines = missing_for(get_printout("bien-ten"), conference)
        assert len(lines) == 1 and re.fullmatch(r"chưa xếp chỗ cho \d+ đại biểu", lines[0])
    page = client.get(f"/hoi-nghi/{cid}").get_data(as_text=True)
    assert re.search(r"Chưa xếp chỗ cho \d+ đại biểu", page)


def test_no_inline_style_or_script_on_the_pages(client, demo_id):
    for url in (_url(demo_id), _url(demo_id, "/hoi-truong"), _url(demo_id) + "?ghe=B2-A-04"):
        html = client.get(url).get_data(as_text=True)
        assert " style=" not in html
        assert "<script>" not in html and "onclick" not in html


def test_choosing_a_hall_refuses_a_bad_id_and_warns_about_shared_halls(app, client, demo_id):
    response = post(
        client,
        _url(demo_id, "/hoi-truong/chon"),
        {"hall_id": "abc"},
        page=_url(demo_id),
        follow_redirects=True,
    )
    assert "Hãy chọn một hội trường trong danh sách." in response.get_data(as_text=True)
    # a second conference on the same hall: the editor says the hall is shared
    post(client, f"/hoi-nghi/{demo_id}/nhan-ban", {}, page=f"/hoi-nghi/{demo_id}")
    page = client.get(_url(demo_id, "/hoi-truong")).get_data(as_text=True)
    assert "cũng được 1 hội nghị khác dùng" in page
