"""The decoration pages through Flask's test client: add, edit, delete, reorder, tick, bad input,
undo, stale edits, the backdrop's size and texts, the card, the preset and the conference file."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from kehoach_app import transfer
from kehoach_app.conferences.models import Conference, ConferenceRevision
from kehoach_app.db import db
from kehoach_app.decor import logic
from kehoach_app.decor.models import Backdrop, DecorItem
from kehoach_app.decor.operations import decor_costs, items_of, resolved_texts
from tests.conftest import post


def url(conference_id: int, rest: str = "") -> str:
    return f"/hoi-nghi/{conference_id}/trang-tri{rest}"


def items(app, conference_id: int) -> list[DecorItem]:
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        found = items_of(conference)
        for item in found:
            db.session.expunge(item)
        return found


def find(app, conference_id: int, name: str) -> DecorItem:
    return next(i for i in items(app, conference_id) if i.item == name)


def revisions(app, conference_id: int) -> int:
    with app.app_context():
        return db.session.query(ConferenceRevision).filter_by(conference_id=conference_id).count()


def backdrop(app, conference_id: int) -> Backdrop | None:
    with app.app_context():
        found = db.session.get(Backdrop, conference_id)
        if found is not None:
            db.session.expunge(found)
        return found


def item_form(**overrides) -> dict:
    data = {
        "area": "ngoai_hoi_truong",
        "item": "Băng rôn tuyên truyền",
        "quantity": "2",
        "unit": "băng",
        "placement": "Hai bên cổng chính",
        "text": "Nhiệt liệt chào mừng",
        "responsible": "Trung tâm Văn hóa – Thông tin",
        "days_before": "3",
        "status": "todo",
        "unit_cost": "1.500.000",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_checklist_page_shows_the_presets_items_and_rules(client, demo_id):
    html = client.get(url(demo_id)).get_data(as_text=True)
    assert "Trang trí khánh tiết" in html
    assert "Treo trên phông, phía trái sân khấu (nhìn từ phía dưới lên)" in html
    assert "Đặt trên bục cao, dưới ngôi sao của Quốc kỳ" in html
    assert "Sân khấu" in html and "Ngoài hội trường, sảnh" in html
    assert "Hạn: Thứ" in html
    assert 'name="csrf_token"' in html
    assert "style=" not in html  # the Content-Security-Policy forbids inline styles


def test_add_an_item_with_a_cost_typed_the_vietnamese_way(app, client, demo_id):
    before = len(items(app, demo_id))
    page = url(demo_id, "/them")
    response = post(client, page, item_form(), page=page)
    assert response.status_code == 302
    item = find(app, demo_id, "Băng rôn tuyên truyền")
    assert (item.quantity, item.unit_cost, item.days_before) == (2, 1_500_000, 3)
    assert len(items(app, demo_id)) == before + 1
    assert revisions(app, demo_id) == 1
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã thêm hạng mục “Băng rôn tuyên truyền”." in html
    assert f"/hoi-nghi/{demo_id}/hoan-tac" in html and "Hoàn tác" in html
    assert "3.000.000" in html  # 2 × 1.500.000


def test_blank_deadline_means_one_day_before(app, client, demo_id):
    page = url(demo_id, "/them")
    post(client, page, item_form(days_before="", unit_cost=""), page=page)
    item = find(app, demo_id, "Băng rôn tuyên truyền")
    assert (item.days_before, item.unit_cost) == (1, 0)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quantity", "-2", "Số lượng phải từ 0 đến 100.000 (không được âm)."),
        ("quantity", "hai", "không phải là số nguyên"),
        ("unit_cost", "1tr5", "“1tr5” không phải là số nguyên"),
        ("unit_cost", "-5.000", "Đơn giá phải từ 0 đồng trở lên (không được âm)."),
        ("unit_cost", "1,5", "là số thập phân"),
        ("days_before", "-1", "Số ngày phải từ 0 đến 365 (không được âm"),
        ("item", "   ", "Vui lòng nhập tên hạng mục"),
        ("area", "san_truoc", "“san_truoc” không thuộc danh sách cho phép."),
    ],
)
def test_bad_item_input_is_refused_and_nothing_is_saved(
    app, client, demo_id, field, value, message
):
    before = len(items(app, demo_id))
    page = url(demo_id, "/them")
    response = post(client, page, item_form(**{field: value}), page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    if field != "area":
        assert message in html
    assert "Chưa lưu" in html
    if value.strip():
        assert value in html  # what was typed is kept
    assert len(items(app, demo_id)) == before
    assert revisions(app, demo_id) == 0


def test_edit_an_item_then_undo(app, client, demo_id):
    flag = find(app, demo_id, "Quốc kỳ")
    page = url(demo_id, f"/{flag.id}/sua")
    html = client.get(page).get_data(as_text=True)
    assert f'name="version" type="hidden" value="{flag.version}"' in html
    data = item_form(
        area=flag.area, item="Quốc kỳ", quantity="1", unit="lá", version=str(flag.version)
    )
    data["placement"] = "Treo trên phông, phía trái sân khấu (nhìn từ phía dưới lên), 3,3 × 2,2 m"
    response = post(client, page, data, page=page)
    assert response.status_code == 302
    assert find(app, demo_id, "Quốc kỳ").placement.endswith("3,3 × 2,2 m")
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=url(demo_id))
    assert find(app, demo_id, "Quốc kỳ").placement == flag.placement


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(app, client, demo_id):
    flag = find(app, demo_id, "Quốc kỳ")
    page = url(demo_id, f"/{flag.id}/sua")
    # another window saves first
    first = item_form(area="san_khau", item="Quốc kỳ", version=str(flag.version))
    post(client, page, first, page=page)
    stale = item_form(
        area="san_khau", item="Quốc kỳ", placement="Bản cũ của tôi", version=str(flag.version)
    )
    response = post(client, page, stale, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "vừa được sửa ở cửa sổ khác" in html
    assert "Bản cũ của tôi" in html
    assert find(app, demo_id, "Quốc kỳ").placement == "Hai bên cổng chính"


def test_editing_an_item_removed_in_another_window_keeps_the_input(app, client, demo_id):
    flag = find(app, demo_id, "Quốc kỳ")
    page = url(demo_id, f"/{flag.id}/sua")
    client.get(page)
    post(client, url(demo_id, f"/{flag.id}/xoa"), page=url(demo_id))
    data = item_form(item="Quốc kỳ mới", version=str(flag.version))
    response = post(client, page, data, page=url(demo_id))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Quốc kỳ mới" in html and "không còn" in html
    assert f'action="/hoi-nghi/{demo_id}/trang-tri/them"' in html


def test_delete_with_undo(app, client, demo_id):
    before = [i.item for i in items(app, demo_id)]
    target = find(app, demo_id, "Cờ chuỗi")
    response = post(client, url(demo_id, f"/{target.id}/xoa"), page=url(demo_id))
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã xóa hạng mục “Cờ chuỗi”." in html
    assert "Cờ chuỗi" not in [i.item for i in items(app, demo_id)]
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=url(demo_id))
    assert [i.item for i in items(app, demo_id)] == before


def test_reorder_up_and_down_within_an_area(app, client, demo_id):
    stage = [i.item for i in items(app, demo_id) if i.area == "san_khau"]
    second = find(app, demo_id, stage[1])
    post(client, url(demo_id, f"/{second.id}/len"), page=url(demo_id))
    now = [i.item for i in items(app, demo_id) if i.area == "san_khau"]
    assert now[:2] == [stage[1], stage[0]]
    post(client, url(demo_id, f"/{second.id}/xuong"), page=url(demo_id))
    assert [i.item for i in items(app, demo_id) if i.area == "san_khau"] == stage
    # the first of an area cannot go up; nothing changes and no undo step is kept
    first = find(app, demo_id, stage[0])
    count = revisions(app, demo_id)
    response = post(client, url(demo_id, f"/{first.id}/len"), page=url(demo_id))
    assert "đã ở đầu hoặc cuối" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert revisions(app, demo_id) == count
    positions = [i.position for i in items(app, demo_id)]
    assert positions == list(range(1, len(positions) + 1))


def test_quick_tick_from_the_list_and_undo(app, client, demo_id):
    target = find(app, demo_id, "Cờ chuỗi")
    assert target.status == "todo"
    response = post(client, url(demo_id, f"/{target.id}/xong"), {"done": "1"}, page=url(demo_id))
    assert response.headers["Location"].endswith(f"#muc-{target.id}")
    assert find(app, demo_id, "Cờ chuỗi").status == "done"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã đánh dấu xong: “Cờ chuỗi”." in html
    post(client, url(demo_id, f"/{target.id}/xong"), {}, page=url(demo_id))
    assert find(app, demo_id, "Cờ chuỗi").status == "todo"
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=url(demo_id))
    assert find(app, demo_id, "Cờ chuỗi").status == "done"


def test_unknown_items_and_conferences(client, demo_id):
    assert client.get(url(demo_id, "/99999/sua")).status_code == 404
    assert client.get(url(99999)).status_code == 404
    response = post(client, url(demo_id, "/99999/xoa"), page=url(demo_id))
    assert "không còn" in client.get(response.headers["Location"]).get_data(as_text=True)


# --------------------------------------------------------------------------- the backdrop


def backdrop_form(**overrides) -> dict:
    data = {"width_m": "12,5", "height_m": "5", "title_block": "", "welcome_banner": ""}
    data.update(overrides)
    return data


def version_of(client, page: str) -> str:
    html = client.get(page).get_data(as_text=True)
    return re.search(r'name="version" type="hidden" value="([^"]*)"', html).group(1)


def test_backdrop_page_draws_the_flag_at_the_left_as_inline_svg(client, demo_id):
    html = client.get(url(demo_id, "/phong")).get_data(as_text=True)
    svg = html[html.index("<svg xmlns") : html.index("</svg>") + 6]
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    backdrop_rect = root.find("s:rect[@data-label='Phông sân khấu']", ns)
    flag = root.find("s:rect[@class='flag']", ns)
    left = float(backdrop_rect.get("x"))
    width = float(backdrop_rect.get("width"))
    assert (width, float(backdrop_rect.get("height"))) == (900, 400)  # 9 × 4 m in cm
    assert float(flag.get("x")) + float(flag.get("width")) / 2 < left + width / 2
    assert float(flag.get("width")) / float(flag.get("height")) == pytest.approx(1.5)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "HỘI NGHỊ" in texts and "9,0 m" in texts and "4,0 m" in texts
    assert "href" not in svg  # no external images
    assert "Phông 9,0 m × 4,0 m" in html


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        ("0", "5", "Chiều rộng phông phải từ 2 đến 50 m."),
        ("100", "5", "Chiều rộng phông phải từ 2 đến 50 m."),
        ("mười hai", "5", "không phải là số mét"),
        ("12", "0", "Chiều cao phông phải từ 1 đến 20 m."),
        ("3", "8", "cao hơn gấp đôi chiều rộng"),
        ("", "5", "Vui lòng nhập chiều rộng phông"),
    ],
)
def test_bad_backdrop_sizes_are_refused(app, client, demo_id, width, height, message):
    page = url(demo_id, "/phong")
    data = backdrop_form(width_m=width, height_m=height, version=version_of(client, page))
    response = post(client, page, data, page=page)
    html = response.get_data(as_text=True)
    assert message in html
    assert backdrop(app, demo_id).width_m == 9.0
    assert revisions(app, demo_id) == 0


def test_save_size_keeps_the_generated_texts_generated(app, client, demo_id):
    page = url(demo_id, "/phong")
    html = client.get(page).get_data(as_text=True)
    shown = re.search(r'<textarea[^>]*name="title_block"[^>]*>\n?(.*?)</textarea>', html, re.S)
    title_text = shown.group(1).replace("&amp;", "&")
    data = backdrop_form(title_block=title_text, version=version_of(client, page))
    response = post(client, page, data, page=page)
    assert response.status_code == 302
    saved = backdrop(app, demo_id)
    assert (saved.width_m, saved.height_m) == (12.5, 5.0)
    assert saved.title_block == "" and saved.welcome_banner == ""
    html = client.get(page).get_data(as_text=True)
    assert "Đã lưu phông sân khấu." in html and "Phông 12,5 m × 5,0 m" in html


def test_own_title_text_is_kept_then_regenerated(app, client, demo_id):
    page = url(demo_id, "/phong")
    own = "ỦY BAN NHÂN DÂN XÃ TÂN HÒA\nHỘI NGHỊ\nTỔNG KẾT THI ĐUA\nTân Hòa, tháng 01 năm 2027"
    post(client, page, backdrop_form(title_block=own, version=version_of(client, page)), page=page)
    assert backdrop(app, demo_id).title_block == own
    html = client.get(page).get_data(as_text=True)
    assert "Đã sửa riêng" in html and "TỔNG KẾT THI ĐUA" in html
    post(client, url(demo_id, "/phong/tao-lai?noi-dung=title_block"), page=page)
    assert backdrop(app, demo_id).title_block == ""
    # Generated (stored empty), the title block carries the conference's full date.
    with app.app_context():
        day = db.session.get(Conference, demo_id).date
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    html = client.get(page).get_data(as_text=True)
    assert f"Tân Hòa, ngày {day.day:02d} tháng {month} năm {day.year}" in html
    assert "Tân Hòa, ngày … tháng" not in html
    # "Để trống ngày": the day left blank for an officer whose day is not fixed yet, kept.
    post(client, url(demo_id, "/phong/tao-lai?noi-dung=title_block&ngay=trong"), page=page)
    assert f"Tân Hòa, ngày … tháng {month} năm {day.year}" in backdrop(app, demo_id).title_block
    html = client.get(page).get_data(as_text=True)
    assert "Dòng ngày tháng còn để trống ngày" in html
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=page)
    assert backdrop(app, demo_id).title_block == ""


def test_a_stale_backdrop_save_is_refused(app, client, demo_id):
    page = url(demo_id, "/phong")
    old = version_of(client, page)
    post(client, page, backdrop_form(version=old), page=page)
    response = post(client, page, backdrop_form(width_m="20", version=old), page=page)
    assert response.status_code == 409
    assert 'value="20"' in response.get_data(as_text=True)
    assert backdrop(app, demo_id).width_m == 12.5


def test_a_conference_without_a_backdrop_says_so(app, client, demo_id):
    with app.app_context():
        db.session.delete(db.session.get(Backdrop, demo_id))
        db.session.commit()
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    assert "Chưa có kích thước phông" in html
    page = url(demo_id, "/phong")
    html = client.get(page).get_data(as_text=True)
    assert "kích thước giả định" in html and "Phông 12,0 m × 5,0 m" in html
    # the blank day is written into a stored text: the backdrop's size must be saved first
    response = post(
        client, url(demo_id, "/phong/tao-lai?noi-dung=title_block&ngay=trong"), page=page
    )
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Hãy nhập và lưu kích thước phông trước khi để trống ngày." in html
    assert backdrop(app, demo_id) is None and revisions(app, demo_id) == 0


# --------------------------------------------------------------------------- card, preset, file


def test_dashboard_card_shows_progress_and_whats_left(app, client, demo_id):
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    card = html[html.index("<h2>Trang trí khánh tiết</h2>") :]
    card = card[: card.index("</article>")]
    total = len(items(app, demo_id))
    assert f'value="{round(100 * 3 / total)}"' in card
    assert "Hạn Thứ" in card and "Tiêu đề Hội nghị" in card
    assert url(demo_id) in card


def test_a_new_conference_from_the_province_preset_gets_the_decoration(app, client):
    from tests.conferences.test_views import valid_form

    page = "/hoi-nghi/moi/tong_ket.tinh"
    data = valid_form(
        preset_key="tong_ket.tinh",
        level="tinh",
        issuer="Ủy ban nhân dân tỉnh Thái Bình",
        place_name="Thái Bình",
    )
    post(client, page, data, page=page)
    with app.app_context():
        conference = db.session.query(Conference).one()
        found = items_of(conference)
        names = [i.item for i in found]
        assert names[:4] == ["Quốc kỳ", "Tượng Bác Hồ", "Màn hình LED", "Tiêu đề Hội nghị"]
        assert "Pano" in names
        title = next(i for i in found if i.item == "Tiêu đề Hội nghị")
        assert title.text == logic.TEXT_FROM_TITLE_BLOCK
        banner = next(i for i in found if i.item == "Băng khẩu hiệu")
        assert banner.text == logic.TEXT_FROM_WELCOME_BANNER
        assert all(i.days_before == 1 and i.status == "todo" for i in found)
        assert found[0].responsible == "Sở Nội vụ"  # the lead of the preset's decoration task
        assert db.session.get(Backdrop, conference.id) is None
        assert decor_costs(conference) == []
        conference_id = conference.id
    html = client.get(url(conference_id)).get_data(as_text=True)
    assert "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH" in html  # the title item shows the generated text


def test_resolved_texts_for_the_plan(app, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        texts = resolved_texts(conference)
        by_name = {i.item: texts[i.id] for i in items_of(conference)}
    assert by_name["Băng khẩu hiệu"].startswith("Chào mừng đại biểu về dự Hội nghị tổng kết")
    assert by_name["Tiêu đề Hội nghị"].split("\n")[:2] == ["ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "HỘI NGHỊ"]
    assert by_name["Quốc kỳ"] == ""


def test_decor_costs_for_the_budget(app, demo_id):
    with app.app_context():
        lines = decor_costs(db.session.get(Conference, demo_id))
    # Only what no package line of the preset's estimate pays for (docs/budget.md): the flags
    # and the plants, each in its place.
    assert [(c.item, c.quantity, c.unit, c.unit_cost, c.area) for c in lines] == [
        ("Quốc kỳ", 1, "lá", 150_000, "san_khau"),
        ("Cây cảnh", 6, "chậu", 80_000, "san_khau"),
        ("Quốc kỳ", 1, "lá", 150_000, "ngoai_hoi_truong"),
        ("Cây cảnh", 4, "chậu", 80_000, "ngoai_hoi_truong"),
    ]


def test_conference_file_round_trip_carries_the_decoration(app, demo_id):
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, demo_id))
        decor = document["decor"]
        assert decor["backdrop"] == {
            "width_m": 9.0,
            "height_m": 4.0,
            "title_block": "",
            "welcome_banner": "",
        }
        assert decor["items"][0]["placement"].startswith("Treo trên phông, phía trái")
        copy = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        assert transfer.export_conference(copy)["decor"] == decor


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["items"][1].update(item="   "),
            "Trang trí, mục 2: Hạng mục: Vui lòng nhập tên hạng mục",
        ),
        (
            lambda d: d["items"][4].update(quantity=-1),
            "decor/items/4/quantity nằm ngoài khoảng cho phép",
        ),
        (lambda d: d["backdrop"].update(width_m=1), "Trang trí, phông sân khấu: Chiều rộng"),
        (
            lambda d: d["backdrop"].update(width_m=3, height_m=8),
            "Trang trí, phông sân khấu: Chiều cao phông (m): Phông cao hơn gấp đôi",
        ),
        (lambda d: d["items"][0].update(status="xong"), "không thuộc danh sách"),
    ],
)
def test_bad_decoration_in_a_file_is_refused_naming_the_item(app, demo_id, mutate, message):
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, demo_id))
        mutate(document["decor"])
        count = db.session.query(Conference).count()
        with pytest.raises(transfer.ConferenceFileError) as error:
            transfer.import_conference(transfer.dump_json(document))
        db.session.rollback()
        assert any(message in m for m in error.value.messages), error.value.messages
        assert db.session.query(Conference).count() == count


def test_a_file_may_leave_out_optional_item_fields_and_the_backdrop(app, demo_id):
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, demo_id))
        document["decor"] = {"items": [{"area": "san_khau", "item": "Quốc kỳ"}]}
        copy = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        (item,) = items_of(copy)
        assert (item.quantity, item.days_before, item.status, item.unit_cost) == (1, 1, "todo", 0)
        assert db.session.get(Backdrop, copy.id) is None


def test_copy_to_next_year_brings_the_decoration_with_years_moved(app, client, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        reviewed, launched = conference.year_reviewed, conference.year_launched
        db.session.get(
            Backdrop, demo_id
        ).title_block = (
            f"HỘI NGHỊ\nTỔNG KẾT NĂM {reviewed}\nTân Hòa, ngày 15 tháng 01 năm {launched}"
        )
        db.session.commit()
    response = post(client, f"/hoi-nghi/{demo_id}/nhan-ban", page=f"/hoi-nghi/{demo_id}")
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.query(Conference).order_by(Conference.id.desc()).first()
        assert copy.id != demo_id
        copied = items_of(copy)
        assert [i.item for i in copied] == [i.item for i in items(app, demo_id)]
        assert {i.status for i in copied} == {"todo"}  # everything to do again next year
        copied_backdrop = db.session.get(Backdrop, copy.id)
        assert copied_backdrop.width_m == 9.0
        assert copied_backdrop.title_block == (
            f"HỘI NGHỊ\nTỔNG KẾT NĂM {reviewed + 1}\nTân Hòa, ngày 15 tháng 01 năm {launched + 1}"
        )
    # the original is untouched
    assert {i.status for i in items(app, demo_id)} >= {"done"}


def test_undo_from_the_flash_returns_to_the_decoration_page(app, client, demo_id):
    target = find(app, demo_id, "Cờ chuỗi")
    response = post(client, url(demo_id, f"/{target.id}/xong"), {"done": "1"}, page=url(demo_id))
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'name="next" value="{url(demo_id)}"' in html
    response = post(
        client, f"/hoi-nghi/{demo_id}/hoan-tac", {"next": url(demo_id)}, page=url(demo_id)
    )
    assert response.headers["Location"] == url(demo_id)
    assert find(app, demo_id, "Cờ chuỗi").status == "todo"


def test_deadline_shown_on_the_edit_page(app, client, demo_id):
    flag = find(app, demo_id, "Quốc kỳ")
    with app.app_context():
        day = db.session.get(Conference, demo_id).date
    html = client.get(url(demo_id, f"/{flag.id}/sua")).get_data(as_text=True)
    assert logic.deadline_label(day, 1) in html
    assert isinstance(day, dt.date)
