"""The awards pages through Flask's test client: the list, add, edit, delete, reorder, refused
input, stale saves, undo, the ceremony plan, the LED page, the catalogue."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from kehoach_app.agenda.models import AgendaItem
from kehoach_app.awards import catalogue
from kehoach_app.awards.models import Award, AwardForm, BaseSalary, CeremonyBatch
from kehoach_app.db import db
from tests.awards.conftest import add_awards, awards_of, delegate_id, form_id, make_conference
from tests.conftest import post


def url(cid: int, tail: str = "") -> str:
    return f"/hoi-nghi/{cid}/khen-thuong{tail}"


def text(response) -> str:
    return response.get_data(as_text=True)


def award_form(app, **overrides) -> dict:
    data = {
        "form_id": str(form_id(app, "bang_khen_tinh")),
        "recipient_kind": "individual",
        "name": "Nguyễn Thị Kiều Oanh",
        "job_title": "Hiệu trưởng",
        "unit": "Trường Trung học cơ sở Tân Hòa",
        "decision_number": "3417/QĐ-UBND",
        "decision_date": "21/12/2026",
        "receiver_delegate_id": "",
        "receiver_name": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_catalogue_is_seeded_once_and_keeps_the_officers_edits(app, client):
    with app.app_context():
        assert db.session.scalar(select(func.count(AwardForm.id))) == 14
        assert db.session.scalar(select(func.count(BaseSalary.id))) == 3
        form = db.session.scalar(
            select(AwardForm).where(AwardForm.code == "giay_khen_chu_tich_ubnd_xa")
        )
        form.coefficient_milli = 150
        db.session.delete(db.session.scalar(select(BaseSalary).order_by(BaseSalary.amount.desc())))
        db.session.commit()
        assert catalogue.ensure_catalogue() is False  # nothing missing: nothing re-added
        db.session.commit()
        assert db.session.scalar(select(func.count(AwardForm.id))) == 14
        assert db.session.scalar(select(func.count(BaseSalary.id))) == 2
        form = db.session.scalar(
            select(AwardForm).where(AwardForm.code == "giay_khen_chu_tich_ubnd_xa")
        )
        assert form.coefficient_milli == 150
    page = text(client.get("/danh-muc-khen-thuong"))
    assert "Huân chương Lao động hạng Ba" in page and "Nghị định 152/2025/NĐ-CP" in page
    assert "Làm tròn lên bội số của 10.000 đồng" in page


def test_an_empty_list_says_what_to_do(app, client):
    cid = make_conference(app)
    page = text(client.get(url(cid)))
    assert "Chưa có khen thưởng nào" in page
    assert "Nhập từ Excel" in page
    card = text(client.get(f"/hoi-nghi/{cid}"))
    assert "Chưa có danh sách khen thưởng" in card


def test_add_an_award_shows_its_money_and_can_be_undone(app, client):
    cid = make_conference(app)
    response = post(client, url(cid, "/them"), award_form(app), page=url(cid, "/them"))
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "Đã thêm khen thưởng “Nguyễn Thị Kiều Oanh”." in page
    assert "Hoàn tác" in page
    # 1,5 × 2.530.000 = 3.795.000 → 3.800.000 (decision of 21/12/2026)
    assert "3.800.000" in page
    assert "Ba triệu tám trăm nghìn đồng" in page
    (award,) = awards_of(app, cid)
    assert award.decision_date.isoformat() == "2026-12-21"
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=url(cid))
    assert awards_of(app, cid) == []


def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(app, client):
    cid = make_conference(app)
    flag = form_id(app, "co_thi_dua_chinh_phu")
    data = award_form(app, form_id=str(flag), name="", decision_date="31/02/2026")
    response = post(client, url(cid, "/them"), data, page=url(cid, "/them"))
    assert response.status_code == 400
    page = text(response)
    assert "Cờ thi đua của Chính phủ không tặng cho cá nhân: chỉ tặng cho tập thể." in page
    assert "Vui lòng nhập họ và tên." in page
    assert 'value="31/02/2026"' in page  # what was typed stays
    assert 'value="Trường Trung học cơ sở Tân Hòa"' in page
    response = post(client, url(cid, "/them"), award_form(app, form_id=""), page=url(cid, "/them"))
    assert "Vui lòng chọn hình thức khen thưởng." in text(response)
    assert awards_of(app, cid) == []


def test_a_delegate_who_receives_is_linked_not_typed_twice(app, client):
    cid = make_conference(app)
    chairman = delegate_id(app, cid, "Lê Quốc Hưng")
    data = award_form(app, name="", job_title="", unit="", receiver_delegate_id=str(chairman))
    response = post(client, url(cid, "/them"), data, page=url(cid, "/them"))
    assert response.status_code == 302
    (award,) = awards_of(app, cid)
    assert (award.name, award.job_title, award.unit) == (
        "Lê Quốc Hưng",
        "Chủ tịch Ủy ban nhân dân xã",
        "Ủy ban nhân dân xã Tân Hòa",
    )
    assert award.receiver_delegate_id == chairman
    # a collective's representative chosen from the delegates
    school = award_form(
        app,
        recipient_kind="collective",
        name="Trường Tiểu học Tân Hòa",
        job_title="",
        receiver_delegate_id=str(delegate_id(app, cid, "Châu Văn Út")),
    )
    post(client, url(cid, "/them"), school, page=url(cid, "/them"))
    page = text(client.get(url(cid)))
    assert "Châu Văn Út (Trưởng ấp Mỹ Lộc)" in page and "đại biểu" in page


def test_edit_refuses_a_stale_save_and_keeps_what_was_typed(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"])
    (award,) = awards_of(app, cid)
    edit = url(cid, f"/{award.id}/sua")
    stale = award_form(app, name="Trần Văn Đức (sửa ở cửa sổ 1)", version=str(award.version))
    fresh = award_form(
        app, name="Trần Văn Đức", unit="Ủy ban nhân dân xã", version=str(award.version)
    )
    assert post(client, edit, fresh, page=edit).status_code == 302
    response = post(client, edit, stale, page=edit)
    assert response.status_code == 409
    page = text(response)
    assert "vừa được sửa ở cửa sổ khác" in page
    assert "Trần Văn Đức (sửa ở cửa sổ 1)" in page
    (award,) = awards_of(app, cid)
    assert award.name == "Trần Văn Đức" and award.unit == "Ủy ban nhân dân xã"


def test_delete_and_reorder_within_a_form(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", ["An", "Bình", "Chi"])
    first, second, third = awards_of(app, cid)
    post(client, url(cid, f"/{third.id}/len"), page=url(cid))
    html = text(client.get(url(cid)))
    assert html.index(">Chi<") < html.index(">Bình<")
    response = post(client, url(cid, f"/{first.id}/len"), page=url(cid))
    assert "đã ở đầu hoặc cuối" in text(client.get(response.headers["Location"]))
    # moving does not bump versions: a page opened before the move still deletes
    response = post(client, url(cid, f"/{second.id}/xoa"), {"version": "1"}, page=url(cid))
    assert "Đã xóa khen thưởng “Bình”." in text(client.get(response.headers["Location"]))
    assert [a.name for a in awards_of(app, cid)] == ["An", "Chi"]
    # a delete from a stale page is refused
    response = post(client, url(cid, f"/{first.id}/xoa"), {"version": "99"}, page=url(cid))
    assert "chưa xóa" in text(client.get(response.headers["Location"]))
    assert len(awards_of(app, cid)) == 2


def test_batching_by_form_calls_a_forms_recipients_up_together_and_the_programme_follows(
    app, client
):
    """20 Giấy khen (4 tập thể, 16 cá nhân), 10 a batch: 3 batches by form and kind, 2 by
    form; the programme's item lasts batches × 3 minutes."""
    cid = make_conference(app)
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", [f"Tập thể {i}" for i in range(1, 5)],
               kind="collective", receiver_name="Đại diện")  # fmt: skip
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", [f"Cá nhân {i}" for i in range(1, 17)])
    ceremony_url = f"/hoi-nghi/{cid}/trao-thuong"

    def save(group_by: str, version: str) -> None:
        data = {"batch_size": "10", "minutes_per_batch": "3", "group_by": group_by}
        data["version"] = version
        assert post(client, ceremony_url, data, page=ceremony_url).status_code == 302

    def programme_minutes() -> list[int]:
        with app.app_context():
            return [
                item.minutes
                for item in db.session.scalars(
                    select(AgendaItem).where(
                        AgendaItem.conference_id == cid,
                        AgendaItem.derived_key == "awards:giay_khen_chu_tich_ubnd_xa",
                    )
                )
            ]

    def words(response) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())

    page = words(client.get(ceremony_url))
    assert "tập thể và cá nhân lên riêng" in page  # the setting, at its default
    save("form_kind", "0")  # nothing changes: no row, but the programme is not synced either
    save("form", "0")
    page = words(client.get(ceremony_url))
    assert "2 đợt" in page and "Đợt 3" not in page
    assert "Tập thể và cá nhân 04 tập thể, 06 cá nhân · 10 người lên sân khấu" in page
    assert programme_minutes() == [6]
    save("form_kind", "1")
    page = words(client.get(ceremony_url))
    assert "Đợt 3 — Giấy khen" in page and "Đợt 4" not in page
    assert programme_minutes() == [9]
    refused = post(
        client,
        ceremony_url,
        {"batch_size": "10", "minutes_per_batch": "3", "group_by": "kind", "version": "2"},
        page=ceremony_url,
    )
    assert refused.status_code == 400
    assert "Lựa chọn không hợp lệ" in words(refused)


def test_ceremony_plan_batches_breaks_and_a_presenter_per_batch(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_thu_tuong", ["Lê Thị Ngọc Hân"])
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", [f"Người nhận {i}" for i in range(1, 8)])
    page = text(client.get(f"/hoi-nghi/{cid}/trao-thuong"))
    assert "Đợt 1 — Bằng khen của Thủ tướng Chính phủ" in page
    # the xã's Bí thư (rank 1) presents the xã's Giấy khen; the Thủ tướng's Bằng khen waits for
    # a national or province leader (none in this Đoàn Chủ tịch)
    assert "Nguyễn Văn Thạnh, Bí thư Đảng ủy xã" in page
    assert 'Người trao: <span class="warning">chưa chọn</span>' in page
    assert "Đợt 3" not in page

    response = post(
        client,
        f"/hoi-nghi/{cid}/trao-thuong",
        {
            "batch_size": "3",
            "minutes_per_batch": "3",
            "breaks_after": ["bang_khen_thu_tuong"],
            "version": "0",
        },
        page=f"/hoi-nghi/{cid}/trao-thuong",
    )
    assert response.status_code == 302
    page = text(client.get(f"/hoi-nghi/{cid}/trao-thuong"))
    assert "Đã lưu cách chia đợt trao thưởng; các mục trao thưởng trong chương trình" in page
    assert "Đợt 4 — Giấy khen" in page and "Đợt 5" not in page  # 7 → 3 + 2 + 2
    assert "Nghỉ giải lao" in page

    refused = post(
        client,
        f"/hoi-nghi/{cid}/trao-thuong",
        {"batch_size": "0", "minutes_per_batch": "3", "version": "1"},
        page=f"/hoi-nghi/{cid}/trao-thuong",
    )
    assert refused.status_code == 400
    assert "Số người mỗi đợt phải từ 1 đến 100." in text(refused)

    chairman = delegate_id(app, cid, "Châu Văn Út")
    giay = form_id(app, "giay_khen_chu_tich_ubnd_xa")
    response = post(
        client,
        f"/hoi-nghi/{cid}/trao-thuong/dot/3",
        {
            "b3-form_id": str(giay),
            "b3-number": "2",
            "b3-sequence": "3",
            "b3-presenter": "Châu Văn Út — Trưởng ấp Mỹ Lộc",
            "b3-music_cue": "Khúc khải hoàn",
            "b3-notes": "Lễ tân đứng bên phải",
        },
        page=f"/hoi-nghi/{cid}/trao-thuong",
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(CeremonyBatch))
        assert (row.number, row.presenter_delegate_id, row.music_cue) == (
            2,
            chairman,
            "Khúc khải hoàn",
        )
    page = text(client.get(f"/hoi-nghi/{cid}/trao-thuong"))
    assert "Châu Văn Út, Trưởng ấp Mỹ Lộc" in page
    card = text(client.get(f"/hoi-nghi/{cid}"))
    assert "4 đợt trao thưởng" in card
    post(client, f"/hoi-nghi/{cid}/trao-thuong/dat-lai", page=f"/hoi-nghi/{cid}/trao-thuong")
    with app.app_context():
        assert db.session.scalar(select(func.count(CeremonyBatch.id))) == 0


def test_a_presenter_typed_by_name_links_the_delegate_other_text_stays_a_name(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", ["An", "Bình"])
    giay = form_id(app, "giay_khen_chu_tich_ubnd_xa")
    page = f"/hoi-nghi/{cid}/trao-thuong"
    for sequence, typed in ((1, "chau van ut"), (1, "Trần Văn Khách, Phó Chủ tịch UBND tỉnh")):
        post(
            client,
            f"{page}/dot/{sequence}",
            {
                "b1-form_id": str(giay),
                "b1-number": "1",
                "b1-sequence": "1",
                "b1-presenter": typed,
                "b1-music_cue": "",
                "b1-notes": "",
            },
            page=page,
        )
        with app.app_context():
            row = db.session.scalar(select(CeremonyBatch))
            if typed == "chau van ut":  # the full name without marks: the one delegate of that name
                assert row.presenter_delegate_id == delegate_id(app, cid, "Châu Văn Út")
            else:
                assert row.presenter_delegate_id is None and row.presenter_name == typed
    html = text(client.get(page))
    assert "Trần Văn Khách, Phó Chủ tịch UBND tỉnh" in html
    assert (
        '<datalist id="delegate-list">' in html and "Nguyễn Văn Thạnh — Bí thư Đảng ủy xã" in html
    )


def test_a_batch_edit_for_batches_that_moved_is_refused_keeping_the_input(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", ["An", "Bình"])
    giay = form_id(app, "giay_khen_chu_tich_ubnd_xa")
    response = post(
        client,
        f"/hoi-nghi/{cid}/trao-thuong/dot/2",
        {
            "b2-form_id": str(giay),
            "b2-number": "2",
            "b2-sequence": "2",
            "b2-presenter_name": "Ông Trưởng ban",
            "b2-music_cue": "",
            "b2-notes": "",
        },
        page=f"/hoi-nghi/{cid}/trao-thuong",
    )
    assert response.status_code == 409
    assert "Các đợt trao thưởng vừa thay đổi" in text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count(CeremonyBatch.id))) == 0


def test_led_page_has_every_batch_and_no_inline_script_or_style(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trường Tiểu học Tân Hòa"], kind="collective")
    add_awards(app, cid, "bang_khen_tinh", ["Lê Thị Ửng", "Thạch Sô Phênh"])
    response = client.get(f"/hoi-nghi/{cid}/man-hinh-led")
    html = text(response)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert html.count('class="led-slide led-batch') == 2
    assert html.count('class="led-slide led-single"') == 3
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html and "Thạch Sô Phênh" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # every script is a file
    assert " style=" not in html and "<style" not in html
    assert "http://" not in html and "https://" not in html  # nothing from outside


def test_catalogue_edits_are_checked_and_stale_saves_refused(app, client):
    client.get("/danh-muc-khen-thuong")
    gk = form_id(app, "giay_khen_chu_tich_ubnd_xa")
    edit = f"/danh-muc-khen-thuong/{gk}/sua"
    page = text(client.get(edit))
    assert 'value="0,3"' in page
    data = {
        "version": "1",
        "code": "giay_khen_chu_tich_ubnd_xa",
        "name": "Giấy khen của Chủ tịch Ủy ban nhân dân xã",
        "level": "xa",
        "for_collective": "y",
        "for_individual": "y",
        "coefficient": "0,35",
        "collective_multiplier": "2",
        "precedence": "120",
        "physical_item": "Giấy khen có khung",
        "legal_basis": "Quy định riêng của tỉnh (thử)",
        "active": "y",
    }
    bad = post(client, edit, dict(data, coefficient="0,3,5"), page=edit)
    assert bad.status_code == 400 and "không phải là hệ số" in text(bad)
    assert post(client, edit, data, page=edit).status_code == 302
    stale = post(client, edit, dict(data, coefficient="0,4"), page=edit)
    assert stale.status_code == 409
    with app.app_context():
        form = db.session.get(AwardForm, gk)
        assert form.coefficient_milli == 350 and form.legal_basis == "Quy định riêng của tỉnh (thử)"

    response = post(
        client,
        "/danh-muc-khen-thuong/luong-co-so",
        {"amount": "2.340.000", "effective_from": "01/07/2024", "legal_basis": ""},
        page="/danh-muc-khen-thuong",
    )
    assert response.status_code == 400
    assert "Đã có mức lương cơ sở áp dụng từ ngày này." in text(response)
    response = post(
        client,
        "/danh-muc-khen-thuong/luong-co-so",
        {"amount": "2.800.000", "effective_from": "01/07/2028", "legal_basis": "Thử"},
        page="/danh-muc-khen-thuong",
    )
    assert response.status_code == 302
    with app.app_context():
        assert (
            catalogue.salary_in_force(__import__("datetime").date(2028, 7, 1)).amount == 2_800_000
        )


def test_printouts_are_listed_and_built(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"])
    for key, fmt in [
        ("kich-ban-trao-thuong", "pdf"),
        ("kich-ban-trao-thuong", "docx"),
        ("tien-thuong", "pdf"),
        ("tien-thuong", "xlsx"),
        ("hien-vat-khen-thuong", "pdf"),
        ("man-hinh-led", "pdf"),
    ]:
        response = client.get(f"/hoi-nghi/{cid}/in/{key}.{fmt}")
        assert response.status_code == 200, key
        assert len(response.data) > 1000
    assert client.get(f"/hoi-nghi/{cid}/in/man-hinh-led.docx").status_code == 404


def test_awards_of_another_conference_cannot_be_reached(app, client):
    first = make_conference(app)
    second = make_conference(app, leaders=False)
    add_awards(app, first, "bang_khen_tinh", ["Trần Văn Đức"])
    (award,) = awards_of(app, first)
    assert client.get(url(second, f"/{award.id}/sua")).status_code == 404
    with app.app_context():
        assert db.session.get(Award, award.id) is not None


def test_the_code_of_a_form_in_use_cannot_change(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"])
    bk = form_id(app, "bang_khen_tinh")
    edit = f"/danh-muc-khen-thuong/{bk}/sua"
    data = {
        "version": "1",
        "code": "bang_khen_tinh_moi",
        "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "level": "tinh",
        "for_collective": "y",
        "for_individual": "y",
        "coefficient": "1,5",
        "collective_multiplier": "2",
        "precedence": "90",
        "physical_item": "Bằng khen có khung",
        "legal_basis": "",
        "active": "y",
    }
    response = post(client, edit, data, page=edit)
    assert response.status_code == 400
    assert "đang có trong danh sách khen thưởng nên không đổi mã được" in text(response)
    with app.app_context():
        assert db.session.get(AwardForm, bk).code == "bang_khen_tinh"


def test_the_print_centre_lists_the_awards_printouts_and_what_is_missing(app, client):
    cid = make_conference(app, leaders=False)
    add_awards(app, cid, "bang_khen_tinh", ["Trường Tiểu học Tân Hòa"], kind="collective")
    html = text(client.get(f"/hoi-nghi/{cid}/in"))
    for title in (
        "Kịch bản trao thưởng",
        "Danh sách khen thưởng và tiền thưởng",
        "Hiện vật khen thưởng cần chuẩn bị",
        "Màn hình LED trao thưởng",
    ):
        assert title in html
    assert "Chưa chọn người trao cho đợt 1" in html
    assert "1 khen thưởng tập thể chưa có người lên nhận" in html
