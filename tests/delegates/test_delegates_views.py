"""The delegate pages through Flask's test client: list, search, filter, add, edit, delete, bulk,
groups, printing invitations, undo, stale saves, refused input and CSRF."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pdfplumber
from sqlalchemy import event

from kehoach_app.conferences.models import ConferenceRevision
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from tests.conftest import post
from tests.delegates.conftest import AWARDED, LEADERS, group_id, groups, make_conference, people


def url(cid: int, tail: str = "") -> str:
    return f"/hoi-nghi/{cid}/dai-bieu{tail}"


def delegate_form(**overrides) -> dict:
    data = {
        "honorific": "Bà",
        "full_name": "Lê Thị Hồng Nhung",
        "position": "Chủ tịch Hội Liên hiệp Phụ nữ xã",
        "unit": "Hội Liên hiệp Phụ nữ xã Tân Hòa",
        "group_id": "",
        "protocol_rank": "5",
        "phone": "+84 987.654.321",
        "invitation_sent_on": "",
        "reply": "pending",
        "substitute_name": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def listed_names(html: str) -> list[str]:
    return re.findall(r'<label for="pick-\d+" class="person">.*?<strong>(.*?)</strong>', html)


def text(response) -> str:
    return response.get_data(as_text=True)


# --------------------------------------------------------------------------------------------
# The list
# --------------------------------------------------------------------------------------------


def test_list_shows_counts_per_group_and_in_total(client, conference_id):
    html = text(client.get(url(conference_id)))
    assert "<h1>Đại biểu</h1>" in html
    assert re.search(r'stat-num">14</span> dự kiến', html)
    assert re.search(r'stat-num">3</span> trong danh sách', html)
    assert re.search(r'stat-num">1</span> đã mời', html)
    assert re.search(r'stat-num">1</span> xác nhận dự', html)
    assert re.search(r'stat-num">2</span> chưa phản hồi', html)
    row = re.search(rf">{LEADERS}</a></td>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r'class="num[^"]*"[^>]*>(\d+)</td>', row) == ["4", "2", "1", "1"]
    assert listed_names(html) == ["Nguyễn Văn An", "Trần Thị Ánh", "Đặng Quốc Dũng"]
    assert "ĐCT" in html  # Đoàn Chủ tịch


def test_search_is_accent_insensitive_and_filters_combine(client, conference_id):
    assert listed_names(text(client.get(url(conference_id, "?q=nguyen")))) == ["Nguyễn Văn An"]
    assert listed_names(text(client.get(url(conference_id, "?q=dang+quoc")))) == ["Đặng Quốc Dũng"]
    assert listed_names(text(client.get(url(conference_id, "?q=Phó+chủ+tịch")))) == ["Trần Thị Ánh"]
    assert listed_names(text(client.get(url(conference_id, "?q=My+loc")))) == ["Đặng Quốc Dũng"]
    leaders = group_id(client.application, conference_id, LEADERS)
    html = text(client.get(url(conference_id, f"?nhom={leaders}&phan_hoi=pending")))
    assert listed_names(html) == ["Trần Thị Ánh"]
    html = text(client.get(url(conference_id, "?giay_moi=chua-gui&sap_xep=name")))
    assert listed_names(html) == ["Trần Thị Ánh", "Đặng Quốc Dũng"]  # Ánh before Dũng
    html = text(client.get(url(conference_id, "?q=không+có+ai")))
    assert "Không có đại biểu nào khớp điều kiện lọc." in html


def test_nonsense_filters_are_ignored_not_errors(client, conference_id):
    response = client.get(url(conference_id, "?nhom=abc&phan_hoi=x&sap_xep=y&trang=-3&giay_moi=z"))
    assert response.status_code == 200
    assert len(listed_names(text(response))) == 3


def test_the_list_pages_by_100_with_a_fixed_number_of_queries(app, client, conference_id):
    def queries_for(page: str) -> int:
        statements = []
        with app.app_context():
            engine = db.engine

        def count(*_args):
            statements.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(page).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    few = queries_for(url(conference_id))
    with app.app_context():
        db.session.add_all(
            Delegate(conference_id=conference_id, full_name=f"Lê Văn Tâm {i:03d}", unit="Ấp")
            for i in range(247)
        )
        db.session.commit()
    many = queries_for(url(conference_id))
    assert many == few  # no query per delegate
    html = text(client.get(url(conference_id, "?trang=3")))
    assert len(listed_names(html)) == 50  # 250 people: 100, 100, 50
    assert "dòng 201–250" in html
    assert "Trang sau" not in html and "Trang trước" in html


# --------------------------------------------------------------------------------------------
# Add, edit, delete — with undo
# --------------------------------------------------------------------------------------------


def test_add_stores_normalised_phone_and_nfc_name_and_can_be_undone(app, client, conference_id):
    leaders = group_id(app, conference_id, LEADERS)
    nfd = unicodedata.normalize("NFD", "Lê Thị Hồng Nhung")
    response = post(
        client,
        url(conference_id, "/them"),
        delegate_form(full_name=f"  {nfd} ", group_id=str(leaders)),
        page=url(conference_id),
    )
    assert response.status_code == 302
    person = people(app, conference_id)["Lê Thị Hồng Nhung"]
    assert person.phone == "0987 654 321"
    assert person.protocol_rank == 5
    assert person.group_id == leaders
    html = text(client.get(url(conference_id)))
    assert "Đã thêm đại biểu Lê Thị Hồng Nhung." in html
    assert f'action="/hoi-nghi/{conference_id}/hoan-tac"' in html  # the Hoàn tác button
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=url(conference_id))
    assert "Lê Thị Hồng Nhung" not in people(app, conference_id)
    assert len(people(app, conference_id)) == 3


def test_bad_input_is_refused_with_messages_and_kept_as_typed(app, client, conference_id):
    bad = delegate_form(
        full_name="",
        phone="0912 34",
        protocol_rank="hai",
        invitation_sent_on="31/02/2027",
        reply="substitute",
        group_id="999",
    )
    response = post(client, url(conference_id, "/them"), bad, page=url(conference_id))
    assert response.status_code == 200
    html = text(response)
    assert "Vui lòng nhập họ và tên đại biểu." in html
    assert "Số điện thoại “0912 34” không hợp lệ" in html
    assert "“hai” không phải là số nguyên" in html
    assert "chỉ có 28 ngày" in html
    assert "Vui lòng nhập họ tên người dự thay." in html
    assert "Hãy chọn thành phần trong danh sách." in html
    assert 'value="0912 34"' in html and 'value="31/02/2027"' in html
    assert "Chưa lưu" in html
    assert len(people(app, conference_id)) == 3


def test_substitute_reply_needs_a_name_then_saves(app, client, conference_id):
    person = people(app, conference_id)["Trần Thị Ánh"]
    page = url(conference_id, f"/{person.id}/sua")
    data = delegate_form(
        full_name="Trần Thị Ánh", reply="substitute", substitute_name="", version=person.version
    )
    assert "Vui lòng nhập họ tên người dự thay." in text(post(client, page, data, page=page))
    data["substitute_name"] = "Phạm Văn Lâm"
    assert post(client, page, data, page=page).status_code == 302
    saved = people(app, conference_id)["Trần Thị Ánh"]
    assert (saved.reply, saved.substitute_name) == ("substitute", "Phạm Văn Lâm")
    # Another reply drops the substitute's name: it no longer means anything.
    data.update(reply="attending", version=saved.version)
    post(client, page, data, page=page)
    saved = people(app, conference_id)["Trần Thị Ánh"]
    assert (saved.reply, saved.substitute_name) == ("attending", "")


def test_edit_then_undo(app, client, conference_id):
    person = people(app, conference_id)["Đặng Quốc Dũng"]
    page = url(conference_id, f"/{person.id}/sua")
    form = text(client.get(page))
    assert (
        'value="Đặng Quốc Dũng"' in form
        and f'name="version" type="hidden" value="{person.version}"' in form
    )
    data = delegate_form(
        full_name="Đặng Quốc Dũng",
        unit="Hợp tác xã Mỹ Lộc",
        phone="(028) 3822 1234",
        version=person.version,
    )
    response = post(client, page, data, page=page)
    assert response.status_code == 302
    saved = people(app, conference_id)["Đặng Quốc Dũng"]
    assert (saved.unit, saved.phone, saved.version) == ("Hợp tác xã Mỹ Lộc", "028 3822 1234", 2)
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=url(conference_id))
    restored = people(app, conference_id)["Đặng Quốc Dũng"]
    assert (restored.unit, restored.phone) == ("Tổ hợp tác lúa Mỹ Lộc", "")


def test_stale_edit_is_refused_and_keeps_what_was_typed(app, client, conference_id):
    person = people(app, conference_id)["Đặng Quốc Dũng"]
    page = url(conference_id, f"/{person.id}/sua")
    data = delegate_form(full_name="Đặng Quốc Dũng", unit="Từ cửa sổ cũ", version="0")
    response = post(client, page, data, page=page)
    assert response.status_code == 409
    html = text(response)
    assert "vừa được sửa ở cửa sổ khác" in html
    assert 'value="Từ cửa sổ cũ"' in html
    assert people(app, conference_id)["Đặng Quốc Dũng"].unit == "Tổ hợp tác lúa Mỹ Lộc"


def test_delete_then_undo(app, client, conference_id):
    person = people(app, conference_id)["Trần Thị Ánh"]
    response = post(
        client,
        url(conference_id, f"/{person.id}/xoa"),
        page=url(conference_id, f"/{person.id}/sua"),
    )
    assert response.status_code == 302
    assert "Trần Thị Ánh" not in people(app, conference_id)
    assert "Đã xóa đại biểu Trần Thị Ánh." in text(client.get(url(conference_id)))
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=url(conference_id))
    assert "Trần Thị Ánh" in people(app, conference_id)


def test_another_conferences_delegate_is_not_found(app, client, conference_id):
    with app.app_context():
        other = make_conference(" (khác)")
        db.session.commit()
    person = people(app, other)["Nguyễn Văn An"]
    assert client.get(url(conference_id, f"/{person.id}/sua")).status_code == 404
    response = post(client, url(conference_id, f"/{person.id}/xoa"), page=url(conference_id))
    assert response.status_code == 404
    assert "Nguyễn Văn An" in people(app, other)
    assert client.get("/hoi-nghi/999/dai-bieu").status_code == 404


def test_posts_without_csrf_token_are_refused(app, client, conference_id):
    person = people(app, conference_id)["Trần Thị Ánh"]
    assert client.post(url(conference_id, "/them"), data=delegate_form()).status_code == 400
    assert client.post(url(conference_id, f"/{person.id}/xoa")).status_code == 400
    response = client.post(
        url(conference_id, "/hang-loat"), data={"ids": person.id, "action": "delete"}
    )
    assert response.status_code == 400
    assert "Yêu cầu bị từ chối" in text(response)
    assert len(people(app, conference_id)) == 3


# --------------------------------------------------------------------------------------------
# Many at once
# --------------------------------------------------------------------------------------------


def test_bulk_sets_group_reply_and_invitation_date_for_the_selected(app, client, conference_id):
    everyone = people(app, conference_id)
    awarded = group_id(app, conference_id, AWARDED)
    chosen = [everyone["Trần Thị Ánh"].id, everyone["Nguyễn Văn An"].id]
    back = url(conference_id, "?q=tran")
    response = post(
        client,
        url(conference_id, "/hang-loat"),
        {
            "ids": chosen,
            "bulk_group": str(awarded),
            "bulk_reply": "absent",
            "mark_sent": "1",
            "action": "apply",
            "back": back,
        },
        page=url(conference_id),
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    after = people(app, conference_id)
    for name in ("Trần Thị Ánh", "Nguyễn Văn An"):
        assert after[name].group_id == awarded
        assert after[name].reply == "absent"
        assert after[name].invitation_sent_on == dt.date.today()
        assert after[name].version == 2
    assert after["Đặng Quốc Dũng"].reply == "pending"  # not selected
    html = text(client.get(url(conference_id)))
    assert f"Đã ghi thành phần “{AWARDED}”, phản hồi “Vắng”" in html
    assert "cho 2 đại biểu." in html
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=url(conference_id))
    assert people(app, conference_id)["Nguyễn Văn An"].reply == "attending"


def test_bulk_can_move_to_no_group_and_delete(app, client, conference_id):
    everyone = people(app, conference_id)
    post(
        client,
        url(conference_id, "/hang-loat"),
        {"ids": [everyone["Đặng Quốc Dũng"].id], "bulk_group": "0", "action": "apply"},
        page=url(conference_id),
    )
    assert people(app, conference_id)["Đặng Quốc Dũng"].group_id is None
    post(
        client,
        url(conference_id, "/hang-loat"),
        {
            "ids": f"{everyone['Đặng Quốc Dũng'].id},{everyone['Trần Thị Ánh'].id}",
            "action": "delete",
        },
        page=url(conference_id),
    )
    assert list(people(app, conference_id)) == ["Nguyễn Văn An"]
    assert "Đã xóa 2 đại biểu." in text(client.get(url(conference_id)))


def test_bulk_refuses_substitute_nothing_selected_and_foreign_ids(app, client, conference_id):
    everyone = people(app, conference_id)
    ids = [p.id for p in everyone.values()]
    post(
        client,
        url(conference_id, "/hang-loat"),
        {"ids": ids, "bulk_reply": "substitute", "action": "apply"},
        page=url(conference_id),
    )
    assert "mỗi người cần ghi tên người dự thay" in text(client.get(url(conference_id)))
    post(
        client, url(conference_id, "/hang-loat"), {"bulk_reply": "absent"}, page=url(conference_id)
    )
    assert "Chưa chọn đại biểu nào" in text(client.get(url(conference_id)))
    post(client, url(conference_id, "/hang-loat"), {"ids": ids}, page=url(conference_id))
    assert "Chưa chọn thay đổi" in text(client.get(url(conference_id)))
    assert [p.reply for p in people(app, conference_id).values()].count("pending") == 2
    with app.app_context():
        other = make_conference(" (khác)")
        db.session.commit()
    foreign = [p.id for p in people(app, other).values()]
    post(
        client,
        url(conference_id, "/hang-loat"),
        {"ids": foreign, "action": "delete"},
        page=url(conference_id),
    )
    assert len(people(app, other)) == 3  # another conference's delegates are never touched


def test_bulk_form_works_without_javascript(client, conference_id):
    html = text(client.get(url(conference_id)))
    form = re.search(r'<form method="post" action="[^"]*/hang-loat".*?</form>', html, re.S).group(0)
    assert 'name="csrf_token"' in form
    assert len(re.findall(r'type="checkbox" name="ids"', form)) == 3
    assert (
        'name="mark_sent"' in form and 'name="bulk_group"' in form and 'name="bulk_reply"' in form
    )
    assert 'formaction="/hoi-nghi/' in form  # "In giấy mời…" for the selected rows
    assert "<script src=" in html and "onclick" not in html


# --------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------


def test_add_edit_and_reorder_groups(app, client, conference_id):
    page = url(conference_id, "/thanh-phan")
    response = post(client, page, {"name": "Phóng viên báo, đài", "planned": "3"}, page=page)
    assert response.status_code == 302
    assert [g.name for g in groups(app, conference_id)] == [LEADERS, AWARDED, "Phóng viên báo, đài"]
    refused = post(client, page, {"name": "  phóng viên BÁO,  đài ", "planned": "-1"}, page=page)
    assert "Hội nghị đã có thành phần tên này." in text(refused)
    assert "Số dự kiến phải từ 0 đến 10.000." in text(refused)
    press = groups(app, conference_id)[2]
    post(client, url(conference_id, f"/thanh-phan/{press.id}/chuyen"), {"huong": "len"}, page=page)
    assert [g.name for g in groups(app, conference_id)] == [LEADERS, "Phóng viên báo, đài", AWARDED]
    assert [g.position for g in groups(app, conference_id)] == [1, 2, 3]
    edit = url(conference_id, f"/thanh-phan/{press.id}/sua")
    version = groups(app, conference_id)[1].version  # moving it saved it once more
    assert version == 2
    post(client, edit, {"name": "Phóng viên", "planned": "4", "version": version}, page=edit)
    assert groups(app, conference_id)[1].name == "Phóng viên"
    stale = post(client, edit, {"name": "Cũ", "planned": "4", "version": version}, page=edit)
    assert stale.status_code == 409 and "Cũ</textarea>" in text(stale)
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=page)  # undo the rename
    assert groups(app, conference_id)[1].name == "Phóng viên báo, đài"


def test_deleting_a_group_with_delegates_asks_then_moves_them_to_no_group(
    app, client, conference_id
):
    leaders = group_id(app, conference_id, LEADERS)
    page = url(conference_id, f"/thanh-phan/{leaders}/xoa")
    asked = post(client, page, page=url(conference_id, "/thanh-phan"))
    assert asked.status_code == 200
    assert "Thành phần này có <strong>2 đại biểu</strong>" in text(asked)
    assert len(groups(app, conference_id)) == 2  # nothing deleted yet
    post(client, page, {"confirm": "1"}, page=page)
    assert [g.name for g in groups(app, conference_id)] == [AWARDED]
    assert groups(app, conference_id)[0].position == 1
    everyone = people(app, conference_id)
    assert everyone["Nguyễn Văn An"].group_id is None and everyone["Trần Thị Ánh"].group_id is None
    html = text(client.get(url(conference_id, "/thanh-phan")))
    assert "2 đại biểu của thành phần này chuyển sang “Chưa phân nhóm”." in html
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=url(conference_id))
    assert people(app, conference_id)["Nguyễn Văn An"].group.name == LEADERS


def test_an_empty_group_is_deleted_at_once(app, client, conference_id):
    page = url(conference_id, "/thanh-phan")
    post(client, page, {"name": "Khách mời", "planned": "2"}, page=page)
    empty = group_id(app, conference_id, "Khách mời")
    response = post(client, url(conference_id, f"/thanh-phan/{empty}/xoa"), page=page)
    assert response.status_code == 302
    assert [g.name for g in groups(app, conference_id)] == [LEADERS, AWARDED]


def test_preset_brings_its_groups(app, client):
    page = "/hoi-nghi/moi/tong_ket.huyen"
    html = text(client.get(page))
    data = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', html)
    }
    data.update(issuer="Ủy ban nhân dân huyện Tân Hòa", place_name="Tân Hòa", kind="tong_ket")
    data.update(level="huyen", unit_type="huyen", unit_name="Tân Hòa", length="half_day")
    data["title"] = "Hội nghị tổng kết năm 2026"
    response = post(client, page, data, page=page)
    assert response.status_code == 302, text(response)[:3000]
    cid = int(response.headers["Location"].rsplit("/", 1)[-1])
    made = groups(app, cid)
    assert len(made) == 9
    assert made[0].planned == 4 and made[-1].name == "Phóng viên, cán bộ phục vụ Hội nghị"
    assert sum(g.planned for g in made) == 150


# --------------------------------------------------------------------------------------------
# Invitations for all, a group or the selected
# --------------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_invitations_for_a_group_the_selected_or_all(app, client, conference_id):
    leaders = group_id(app, conference_id, LEADERS)
    response = client.get(url(conference_id, f"/giay-moi.pdf?nhom={leaders}"))
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]
    printed = pdf_text(response.data)
    assert "Nguyễn Văn An" in printed and "Trần Thị Ánh" in printed
    assert "Đặng Quốc Dũng" not in printed
    dung = people(app, conference_id)["Đặng Quốc Dũng"].id
    printed = pdf_text(client.get(url(conference_id, f"/giay-moi.pdf?ids={dung}")).data)
    assert "Đặng Quốc Dũng" in printed and "Nguyễn Văn An" not in printed
    an = people(app, conference_id)["Nguyễn Văn An"].id
    both = client.get(url(conference_id, f"/giay-moi.pdf?ids={dung}&ids=abc,²,{10**30},{an}"))
    with pdfplumber.open(io.BytesIO(both.data)) as pdf:
        assert len(pdf.pages) == 2  # one page each; the nonsense ids are ignored
    labels = client.get(url(conference_id, "/nhan-phong-bi.pdf"))
    assert all(
        n in pdf_text(labels.data) for n in ("Nguyễn Văn An", "Trần Thị Ánh", "Đặng Quốc Dũng")
    )
    nobody = client.get(url(conference_id, "/giay-moi.pdf?nhom=0"))
    assert nobody.status_code == 302  # nobody is ungrouped: back to the chooser with a message


def test_print_page_offers_to_mark_the_invitations_sent_today(app, client, conference_id):
    everyone = people(app, conference_id)
    ids = [everyone["Trần Thị Ánh"].id, everyone["Đặng Quốc Dũng"].id]
    page = post(client, url(conference_id, "/in-giay-moi"), {"ids": ids}, page=url(conference_id))
    html = text(page)
    assert "2 đại biểu đã chọn: 2 người" in html
    assert f"giay-moi.pdf?ids={ids[0]}%2C{ids[1]}" in html
    assert "Đánh dấu đã gửi giấy mời hôm nay" in html
    nothing = post(client, url(conference_id, "/in-giay-moi"), {}, page=url(conference_id))
    assert nothing.status_code == 302
    assert "Chưa chọn đại biểu nào" in text(client.get(url(conference_id)))
    post(
        client,
        url(conference_id, "/da-gui-giay-moi"),
        {"ids": ",".join(map(str, ids))},
        page=url(conference_id),
    )
    after = people(app, conference_id)
    assert after["Trần Thị Ánh"].invitation_sent_on == dt.date.today()
    assert after["Đặng Quốc Dũng"].invitation_sent_on == dt.date.today()
    assert after["Nguyễn Văn An"].invitation_sent_on == dt.date(2027, 1, 5)
    html = text(client.get(url(conference_id)))
    assert f"Đã ghi ngày gửi giấy mời {dt.date.today():%d/%m/%Y} cho 2 đại biểu." in html
    with app.app_context():
        assert (
            db.session.query(ConferenceRevision).filter_by(conference_id=conference_id).count() == 1
        )


def test_print_page_for_a_group_and_for_everyone(app, client, conference_id):
    awarded = group_id(app, conference_id, AWARDED)
    html = text(client.get(url(conference_id, f"/in-giay-moi?nhom={awarded}")))
    assert f"Thành phần “{AWARDED}”: 1 người" in html
    assert f"giay-moi.pdf?nhom={awarded}" in html
    html = text(client.get(url(conference_id, "/in-giay-moi")))
    assert "Tất cả đại biểu: 3 người" in html
    assert client.get(url(conference_id, "/in-giay-moi?nhom=9999")).status_code == 404


# --------------------------------------------------------------------------------------------
# Dashboard and demo
# --------------------------------------------------------------------------------------------


def test_dashboard_card(client, conference_id):
    html = text(client.get(f"/hoi-nghi/{conference_id}"))
    card = re.search(r"<h2>Đại biểu</h2>(.*?)</article>", html, re.S).group(1)
    assert "Xác nhận dự 1/14 đại biểu dự kiến · đã mời 1" in card
    assert 'value="7"' in card  # 1 of 14 → 7 %
    assert "Còn 2 đại biểu chưa gửi giấy mời" in card
    assert "Còn 2 đại biểu chưa phản hồi" in card
    assert f"Thành phần “{LEADERS}”: mời 1/4" in card
    assert f"/hoi-nghi/{conference_id}/dai-bieu" in card


def test_demo_has_forty_realistic_delegates(app, demo_id):
    everyone = people(app, demo_id)
    assert 35 <= len(everyone) <= 45
    assert sum(p.presidium for p in everyone.values()) == 5
    assert {p.reply for p in everyone.values()} == {"pending", "attending", "absent", "substitute"}
    assert all(p.substitute_name for p in everyone.values() if p.reply == "substitute")
    assert len({p.group_id for p in everyone.values()}) >= 10
    ranks = sorted(p.protocol_rank for p in everyone.values() if p.protocol_rank)
    assert ranks == list(range(1, len(ranks) + 1))
    marks = set(unicodedata.normalize("NFD", " ".join(everyone)))
    for mark in "\u0300\u0301\u0309\u0303\u0323\u0306\u0302\u031b":  # 5 tones, ă â/ê/ô, ơ/ư
        assert mark in marks, hex(ord(mark))
    assert any("Đ" in name for name in everyone)
    assert all(name == unicodedata.normalize("NFC", name) for name in everyone)


def test_the_way_back_only_leads_to_this_list(app, client, conference_id):
    everyone = people(app, conference_id)
    ids = [p.id for p in everyone.values()]
    for back, expected in [
        (url(conference_id, "?q=an&trang=1"), url(conference_id, "?q=an&trang=1")),
        ("https://evil.example/", url(conference_id)),
        ("//evil.example" + url(conference_id), url(conference_id)),
        (url(conference_id, "?q=an\r\nSet-Cookie: x=1"), url(conference_id)),
        (f"/hoi-nghi/{conference_id}/dai-bieu-gia", url(conference_id)),
    ]:
        response = post(
            client,
            url(conference_id, "/hang-loat"),
            {"ids": ids, "bulk_reply": "absent", "back": back},
            page=url(conference_id),
        )
        assert response.status_code == 302
        assert response.headers["Location"] == expected, back
