"""The programme pages through Flask's test client: add, edit, delete, move, break, refuse, undo."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kehoach_app.agenda.models import AgendaItem
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conftest import post


def page_of(conference_id: int) -> str:
    return f"/hoi-nghi/{conference_id}/chuong-trinh"


def programme(app, conference_id: int) -> list[tuple[str, int, str]]:
    """(title, minutes, kind) of each item, in order."""
    with app.app_context():
        items = db.session.scalars(
            db.select(AgendaItem)
            .where(AgendaItem.conference_id == conference_id)
            .order_by(AgendaItem.position)
        ).all()
        return [(i.title, i.minutes, i.kind) for i in items]


def item_ids(app, conference_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(AgendaItem.id)
                .where(AgendaItem.conference_id == conference_id)
                .order_by(AgendaItem.position)
            )
        )


def positions(app, conference_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                db.select(AgendaItem.position)
                .where(AgendaItem.conference_id == conference_id)
                .order_by(AgendaItem.position)
            )
        )


def token_on(client, url: str) -> str:
    """The version an edit page's form carries."""
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="([^"]+)"', html).group(1)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture()
def conf(app, demo_id):
    """The demo conference on a fixed day: Friday 15/01/2027 at 07:30, half a day."""
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        conference.date = dt.date(2027, 1, 15)
        conference.start_time = dt.time(7, 30)
        conference.length = "half_day"
        db.session.commit()
    return demo_id


def new_item(**overrides) -> dict:
    data = {
        "kind": "tham_luan",
        "title": "Tham luận của Hợp tác xã Nông nghiệp Tân Hòa",
        "presenter": "Nguyễn Văn A & B <C>",
        "presenter_unit": "Hợp tác xã Nông nghiệp Tân Hòa",
        "minutes": "7",
        "after": "",
        "mc_text": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_programme_page_shows_the_preset_programme_with_times(client, conf):
    html = client.get(page_of(conf)).get_data(as_text=True)
    text = text_of(html)
    assert "Chương trình hội nghị" in text
    assert "07:30 – 07:45" in text and "Văn nghệ chào mừng" in text
    # the demo's programme: the preset's 15 items, its 3 award placeholders replaced by the 5
    # forms of the demo's awards and the break after the Tập thể lao động xuất sắc (18 items)
    assert "10:12 – 10:17" in text and "Bế mạc Hội nghị" in text
    assert "Kết thúc 10:17" in text
    assert "Chương trình vừa thời lượng đã định." in text
    assert 'name="csrf_token"' in html
    assert "/in/chuong-trinh.pdf" in html and "/in/kich-ban-dieu-hanh.pdf" in html
    assert "/in/chuong-trinh.docx" in html and "/in/kich-ban-dieu-hanh.docx" in html


def test_a_new_conference_gets_its_presets_programme(app, client):
    from tests.conferences.test_views import NEW, valid_form

    post(client, NEW, valid_form(), page=NEW)
    with app.app_context():
        conference = db.session.query(Conference).one()
        cid, year = conference.id, conference.year_reviewed
    items = programme(app, cid)
    assert len(items) == 15
    assert items[0] == ("Văn nghệ chào mừng", 15, "van_nghe")
    assert items[2][0] == (
        f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {year} và phương hướng, nhiệm vụ "
        f"năm {year + 1}"
    )
    assert positions(app, cid) == list(range(1, 16))


def test_add_an_item_at_the_end(app, client, conf):
    response = post(client, page_of(conf) + "/them", new_item(), page=page_of(conf))
    assert response.status_code == 302
    items = programme(app, conf)
    assert len(items) == 19
    assert items[-1] == ("Tham luận của Hợp tác xã Nông nghiệp Tân Hòa", 7, "tham_luan")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã thêm mục 19" in html
    assert "Hoàn tác" in html and f"/hoi-nghi/{conf}/hoan-tac" in html
    assert "10:17 – 10:24" in text_of(html)  # the old end is the new item's start
    assert "Nguyễn Văn A &amp; B &lt;C&gt;" in html  # escaped, printed as typed


def test_add_an_item_after_a_chosen_item_and_at_the_top(app, client, conf):
    ids = item_ids(app, conf)
    post(client, page_of(conf) + "/them", new_item(title="Sau mục 2", after=str(ids[1])),
         page=page_of(conf))  # fmt: skip
    post(client, page_of(conf) + "/them", new_item(title="Đầu tiên", after="0"),
         page=page_of(conf))  # fmt: skip
    titles = [title for title, _, _ in programme(app, conf)]
    assert titles[0] == "Đầu tiên"
    assert titles[3] == "Sau mục 2"
    assert positions(app, conf) == list(range(1, 21))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"minutes": "-5"}, "Thời lượng phải từ 1 đến 240 phút"),
        ({"minutes": "0"}, "Thời lượng phải từ 1 đến 240 phút"),
        ({"minutes": "1000"}, "Thời lượng phải từ 1 đến 240 phút"),
        ({"minutes": "mười lăm"}, "không phải là số phút"),
        ({"minutes": "1,5"}, "số phút nguyên"),
        ({"minutes": ""}, "Vui lòng nhập thời lượng"),
        ({"title": "   "}, "Vui lòng nhập nội dung của mục."),
        ({"kind": "khong_co"}, "Loại nội dung không hợp lệ"),
        ({"after": "999999"}, "không còn trong chương trình"),
        ({"title": "x" * 2001}, "Quá dài: tối đa 2000 ký tự"),
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_is_saved(app, client, conf, overrides,
                                                               message):  # fmt: skip
    before = programme(app, conf)
    response = post(client, page_of(conf) + "/them", new_item(**overrides), page=page_of(conf))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert "Chưa thêm mục" in html
    assert 'aria-invalid="true"' in html
    assert programme(app, conf) == before
    if "minutes" in overrides and overrides["minutes"]:
        assert f'value="{overrides["minutes"]}"' in html  # kept as typed


def test_post_without_csrf_token_is_refused(app, client, conf):
    before = programme(app, conf)
    ids = item_ids(app, conf)
    for url in (
        page_of(conf) + "/them",
        f"{page_of(conf)}/{ids[0]}/xoa",
        f"{page_of(conf)}/{ids[1]}/len",
        f"{page_of(conf)}/{ids[1]}/chen-nghi",
    ):
        response = client.post(url, data=new_item())
        assert response.status_code == 400
        assert "Yêu cầu bị từ chối" in response.get_data(as_text=True)
    assert programme(app, conf) == before


def test_edit_an_item(app, client, conf):
    item_id = item_ids(app, conf)[2]
    url = f"{page_of(conf)}/{item_id}/sua"
    html = client.get(url).get_data(as_text=True)
    assert "Sửa mục 3 của chương trình" in html
    assert "07:55 – 08:15" in html
    assert "dùng lời mặc định" in html
    # the default words are shown, as placeholder and in full
    assert "Tiếp theo chương trình là nội dung: Báo cáo tổng kết" in html
    version = token_on(client, url)
    data = new_item(
        kind="bao_cao",
        title="Báo cáo tóm tắt tổng kết",
        presenter="Trần Thị Bích",
        presenter_unit="",
        minutes="25",
        mc_text="Xin trân trọng kính mời đồng chí Trần Thị Bích.",
        version=version,
    )
    del data["after"]
    response = post(client, url, data, page=url)
    assert response.status_code == 302
    assert programme(app, conf)[2] == ("Báo cáo tóm tắt tổng kết", 25, "bao_cao")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã lưu mục 3" in page and "Hoàn tác" in page
    assert "07:55 – 08:20" in page and "lời dẫn riêng" in page
    again = client.get(url).get_data(as_text=True)
    assert "đang dùng <strong>lời dẫn riêng</strong>" in again


def test_edit_with_nothing_changed(app, client, conf):
    item_id = item_ids(app, conf)[0]
    url = f"{page_of(conf)}/{item_id}/sua"
    version = token_on(client, url)
    data = {
        "version": version,
        "kind": "van_nghe",
        "title": "Văn nghệ chào mừng",
        "presenter": "Đội văn nghệ do Phòng Văn hóa - Xã hội chuẩn bị",
        "presenter_unit": "",
        "minutes": "15",
        "mc_text": "",
        "notes": "",
    }
    response = post(client, url, data, page=url, follow_redirects=True)
    assert "Không có gì thay đổi." in response.get_data(as_text=True)


def test_bad_edit_is_refused_and_keeps_what_was_typed(app, client, conf):
    item_id = item_ids(app, conf)[0]
    url = f"{page_of(conf)}/{item_id}/sua"
    data = new_item(minutes="1000", title="Tên mới", version="1")
    response = post(client, url, data, page=url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Thời lượng phải từ 1 đến 240 phút" in html
    assert "Tên mới" in html and 'value="1000"' in html
    assert programme(app, conf)[0][0] == "Văn nghệ chào mừng"


def test_stale_edit_is_refused_with_what_was_typed(app, client, conf):
    item_id = item_ids(app, conf)[0]
    url = f"{page_of(conf)}/{item_id}/sua"
    version = token_on(client, url)
    first = new_item(title="Sửa ở cửa sổ thứ nhất", version=version)
    assert post(client, url, first, page=url).status_code == 302
    second = new_item(title="Sửa ở cửa sổ cũ", version=version)
    response = post(client, url, second, page=url)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "vừa được sửa ở cửa sổ khác" in html
    assert "Sửa ở cửa sổ cũ" in html
    assert token_on(client, url).startswith("2.")
    assert f'value="{token_on(client, url)}"' in html  # a second save will go through
    assert programme(app, conf)[0][0] == "Sửa ở cửa sổ thứ nhất"


def test_moving_items_does_not_make_an_open_edit_stale(app, client, conf):
    ids = item_ids(app, conf)
    url = f"{page_of(conf)}/{ids[2]}/sua"
    version = token_on(client, url)
    # another tab moves the item up twice and inserts a break before it
    post(client, f"{page_of(conf)}/{ids[2]}/len", page=page_of(conf))
    post(client, f"{page_of(conf)}/{ids[2]}/len", page=page_of(conf))
    post(client, f"{page_of(conf)}/{ids[2]}/chen-nghi", page=page_of(conf))
    data = new_item(kind="bao_cao", title="Báo cáo đã sửa", minutes="20", version=version)
    assert post(client, url, data, page=url).status_code == 302
    assert programme(app, conf)[0] == ("Báo cáo đã sửa", 20, "bao_cao")


def test_move_up_and_down(app, client, conf):
    ids = item_ids(app, conf)
    response = post(client, f"{page_of(conf)}/{ids[1]}/len", page=page_of(conf))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#muc-{ids[1]}")
    assert item_ids(app, conf)[:2] == [ids[1], ids[0]]
    html = client.get(page_of(conf)).get_data(as_text=True)
    assert "Đã chuyển mục 2 thành mục 1" in html
    assert "07:30 – 07:40" in text_of(html)  # the 10-minute item now opens the programme
    post(client, f"{page_of(conf)}/{ids[1]}/xuong", page=page_of(conf))
    assert item_ids(app, conf) == ids
    # the first item cannot go up: said, nothing saved
    response = post(client, f"{page_of(conf)}/{ids[0]}/len", page=page_of(conf),
                    follow_redirects=True)  # fmt: skip
    assert "đã ở đầu chương trình" in response.get_data(as_text=True)
    assert item_ids(app, conf) == ids
    assert positions(app, conf) == list(range(1, 19))


def test_reorder_with_a_whole_new_order(app, client, conf):
    ids = item_ids(app, conf)
    order = [ids[-1], *ids[:-1]]
    response = post(client, page_of(conf) + "/sap-xep", {"order": ",".join(map(str, order))},
                    page=page_of(conf))  # fmt: skip
    assert response.status_code == 302
    assert item_ids(app, conf) == order
    # an order that does not match the programme (changed in another tab) is refused
    stale = order[:-1]
    response = post(client, page_of(conf) + "/sap-xep", {"order": ",".join(map(str, stale))},
                    page=page_of(conf))  # fmt: skip
    assert response.status_code == 409
    assert "thứ tự mới chưa được lưu" in response.get_data(as_text=True)
    assert item_ids(app, conf) == order
    response = post(client, page_of(conf) + "/sap-xep", {"order": "a,b"}, page=page_of(conf))
    assert response.status_code == 409


def test_insert_a_break_after_an_item(app, client, conf):
    ids = item_ids(app, conf)
    response = post(client, f"{page_of(conf)}/{ids[2]}/chen-nghi", page=page_of(conf))
    assert response.status_code == 302
    items = programme(app, conf)
    assert items[3] == ("Nghỉ giải lao", 15, "nghi_giai_lao")
    assert len(items) == 19
    html = client.get(page_of(conf)).get_data(as_text=True)
    text = text_of(html)
    assert "Đã chèn nghỉ giải lao 15 phút (mục 4) sau mục 3." in text
    # 07:55–08:15 is item 3; the break runs 08:15–08:30 and the rest moves 15 minutes later
    assert "08:15 – 08:30 Nghỉ giải lao" in text
    assert "Kết thúc 10:32" in text


def test_delete_then_undo(app, client, conf):
    before = programme(app, conf)
    ids = item_ids(app, conf)
    response = post(client, f"{page_of(conf)}/{ids[3]}/xoa", page=page_of(conf))
    assert response.status_code == 302
    after = programme(app, conf)
    assert after == before[:3] + before[4:]
    assert positions(app, conf) == list(range(1, 18))
    html = client.get(page_of(conf)).get_data(as_text=True)
    assert "Đã xóa mục 4" in html and "Hoàn tác" in html
    # deleting what is already gone (a second tab) says so, it does not fail
    response = post(client, f"{page_of(conf)}/{ids[3]}/xoa", page=page_of(conf),
                    follow_redirects=True)  # fmt: skip
    assert response.status_code == 200
    assert "không còn trong chương trình" in response.get_data(as_text=True)
    assert programme(app, conf) == after
    response = post(client, f"/hoi-nghi/{conf}/hoan-tac", page=page_of(conf))
    assert response.status_code == 302
    assert programme(app, conf) == before
    # undo puts the item back under its own id (docs/architecture.md, "Cheap undo")
    assert item_ids(app, conf) == ids


def test_every_change_can_be_undone(app, client, conf):
    before = programme(app, conf)
    ids = item_ids(app, conf)
    post(client, page_of(conf) + "/them", new_item(), page=page_of(conf))
    post(client, f"{page_of(conf)}/{ids[0]}/xuong", page=page_of(conf))
    post(client, f"{page_of(conf)}/{ids[5]}/chen-nghi", page=page_of(conf))
    for _ in range(3):
        post(client, f"/hoi-nghi/{conf}/hoan-tac", page=page_of(conf))
    assert programme(app, conf) == before


def test_items_of_another_conference_are_not_reachable(app, client, conf):
    with app.app_context():
        from kehoach_app.demo import create_demo_conference

        other = create_demo_conference()
        db.session.commit()
        other_id = other.id
    foreign = item_ids(app, other_id)[0]
    response = client.get(f"{page_of(conf)}/{foreign}/sua", follow_redirects=True)
    assert "không còn trong chương trình" in response.get_data(as_text=True)
    post(client, f"{page_of(conf)}/{foreign}/xoa", page=page_of(conf))
    assert len(programme(app, other_id)) == 18
    assert client.get("/hoi-nghi/99999/chuong-trinh").status_code == 404


def test_empty_programme_is_warned(app, client, conf):
    for item_id in item_ids(app, conf):
        post(client, f"{page_of(conf)}/{item_id}/xoa", page=page_of(conf))
    text = text_of(client.get(page_of(conf)).get_data(as_text=True))
    assert "Chương trình chưa có mục nào: hãy thêm các nội dung của hội nghị." in text
    card = text_of(client.get(f"/hoi-nghi/{conf}").get_data(as_text=True))
    assert "Chưa có mục nào trong chương trình" in card


def test_overrun_is_warned_on_the_page_and_the_dashboard(app, client, conf):
    with app.app_context():
        db.session.get(Conference, conf).length = "session"
        db.session.get(Conference, conf).start_time = dt.time(9, 15)
        db.session.commit()
    # 09:15 + 167 min = 12:02
    text = text_of(client.get(page_of(conf)).get_data(as_text=True))
    assert "Chương trình kết thúc lúc 12:02, quá giờ buổi sáng (11:30) 32 phút." in text
    card = text_of(client.get(f"/hoi-nghi/{conf}").get_data(as_text=True))
    assert "Chương trình kết thúc lúc 12:02, quá giờ buổi sáng (11:30)" in card


def test_dashboard_card_links_to_the_programme(client, conf):
    html = client.get(f"/hoi-nghi/{conf}").get_data(as_text=True)
    assert "<h2>Chương trình</h2>" in html
    assert f'href="/hoi-nghi/{conf}/chuong-trinh"' in html
    # 18 items that fit, every one named, no MC words written: 40 + 30 + 15 = 85
    assert 'aria-label="Tiến độ Chương trình">85%' in html
    assert "18 mục, 07:30 – 10:17 (2 giờ 47 phút), vừa thời lượng nửa ngày." in text_of(html)


def test_duplicate_copies_the_programme(app, client, conf):
    before = programme(app, conf)
    post(client, f"/hoi-nghi/{conf}/nhan-ban", page=f"/hoi-nghi/{conf}")
    with app.app_context():
        copy = db.session.query(Conference).filter(Conference.id != conf).one()
        copy_id = copy.id
    copied = programme(app, copy_id)
    assert len(copied) == len(before)
    assert [kind for _, _, kind in copied] == [kind for _, _, kind in before]


def test_an_edit_page_left_open_on_a_deleted_item_does_not_edit_its_successor(app, client, conf):
    last = max(item_ids(app, conf))  # the newest row (SQLite reuses the highest id only)
    with app.app_context():
        db.session.get(AgendaItem, last).updated_at = dt.datetime(2026, 1, 2, 3, 4, 5)
        db.session.commit()
    url = f"{page_of(conf)}/{last}/sua"
    old = token_on(client, url)
    post(client, f"{page_of(conf)}/{last}/xoa", page=page_of(conf))
    post(client, page_of(conf) + "/them", new_item(title="Mục mới"), page=page_of(conf))
    assert item_ids(app, conf)[-1] == last  # SQLite gave the new row the freed id
    response = post(client, url, new_item(title="Từ trang cũ", version=old), page=page_of(conf))
    assert response.status_code == 409
    assert programme(app, conf)[-1][0] == "Mục mới"
