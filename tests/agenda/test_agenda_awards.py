"""The programme's award items kept in step with the ceremony, worked by hand.

A xã conference from its preset (07:30, half a day; 15 items, 166 minutes, three award
placeholders of 10 + 10 + 15 minutes at items 9–11) gets a Cờ thi đua for one collective and
six Bằng khen for individuals, in batches of at most 5, 3 minutes a batch:

    Cờ thi đua của Ủy ban nhân dân tỉnh   1 tập thể   → 1 batch  →  3 minutes
    Bằng khen của Chủ tịch UBND tỉnh      6 cá nhân   → 3 + 3    →  6 minutes

so the programme has 15 − 3 + 2 = 14 items and lasts 166 − 35 + 9 = 140 minutes: 07:30 – 09:50.
The first eight items take 15+10+20+15+7+7+7+15 = 96 minutes, so the Cờ runs 09:06 – 09:09 and
the Bằng khen 09:09 – 09:15. The Đoàn Chủ tịch (rank 1, rank 2, both of the province, the
level that issues these forms) present the batches in turn: batch 1 (the Cờ) rank 1, batch 2
rank 2, batch 3 rank 1.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kehoach_app.agenda import operations as agenda_ops
from kehoach_app.agenda.logic import compute_schedule
from kehoach_app.agenda.models import AgendaItem
from kehoach_app.awards import operations as award_ops
from kehoach_app.awards.models import Award, AwardForm
from kehoach_app.conferences import operations as conference_ops
from kehoach_app.conferences.models import Conference
from kehoach_app.conferences.presetting import apply_preset_parts
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from kehoach_app.presets import get_preset
from tests.awards.conftest import CONFERENCE
from tests.conftest import post

CO = "Công bố quyết định và trao Cờ thi đua của Ủy ban nhân dân tỉnh cho 01 tập thể"
BANG_KHEN = "Công bố quyết định và trao Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 06 cá nhân"
THANH = "Nguyễn Văn Thạnh, Phó Chủ tịch Ủy ban nhân dân tỉnh"
DUC = "Trương Minh Đức, Giám đốc Sở Nội vụ"


def page(cid: int) -> str:
    return f"/hoi-nghi/{cid}/chuong-trinh"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows(app, cid: int) -> list[tuple]:
    """(time range, title, presenter, minutes, derived_key, edited) of every item, in order."""
    with app.app_context():
        conference = db.session.get(Conference, cid)
        items = agenda_ops.items_of(conference)
        schedule = compute_schedule(
            [agenda_ops.entry_of(i) for i in items], conference.start_time, conference.length
        )
        return [
            (t.time_range, i.title, i.presenter, i.minutes, i.derived_key, i.edited)
            for i, t in zip(items, schedule.items, strict=True)
        ]


def end_of(app, cid: int) -> str:
    return rows(app, cid)[-1][0].split(" – ")[1]


def award_values(code: str, name: str, kind: str = "individual", **extra) -> dict:
    form = db.session.scalar(select(AwardForm).where(AwardForm.code == code))
    values = {
        "form_id": form.id,
        "recipient_kind": kind,
        "name": name,
        "unit": "",
        "job_title": "",
        "decision_number": "3417/QĐ-UBND",
        "decision_date": CONFERENCE["date"].replace(year=2026, month=12, day=21),
        "receiver_delegate_id": None,
        "receiver_name": "",
        "notes": "",
    }
    values.update(extra)
    return values


@pytest.fixture()
def cid(app):
    """The xã preset's conference with two presidium leaders and no awards yet."""
    with app.app_context():
        from kehoach_app.awards import catalogue

        conference = conference_ops.create_conference(dict(CONFERENCE))
        apply_preset_parts(conference, get_preset("tong_ket.xa"))
        for name, position, rank in (
            ("Nguyễn Văn Thạnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh", 1),
            ("Trương Minh Đức", "Giám đốc Sở Nội vụ", 2),
        ):
            db.session.add(
                Delegate(
                    conference_id=conference.id,
                    honorific="Đồng chí",
                    full_name=name,
                    position=position,
                    protocol_rank=rank,
                    presidium=True,
                )
            )
        catalogue.ensure_catalogue()
        db.session.commit()
        return conference.id


def add_flag_and_six(app, cid: int) -> None:
    with app.app_context():
        conference = db.session.get(Conference, cid)
        award_ops.save_settings(conference, 5, [])
        award_ops.add_award(
            conference, award_values("co_thi_dua_tinh", "Trường Tiểu học Tân Hòa", "collective")
        )
        award_ops.import_awards(
            conference,
            [award_values("bang_khen_tinh", f"Người nhận {n}") for n in range(1, 7)],
        )
        db.session.commit()


def test_the_preset_brings_placeholders_until_awards_are_entered(app, cid):
    programme = rows(app, cid)
    assert len(programme) == 15 and end_of(app, cid) == "10:16"  # 07:30 + 166 minutes
    placeholders = [r for r in programme if r[4] == "awards:placeholder"]
    assert [r[1] for r in placeholders] == [
        "Công bố quyết định và trao khen thưởng của cấp trên cho tập thể, cá nhân trên địa bàn "
        "(nếu có)",
        "Công bố quyết định và trao Giấy khen của Chủ tịch Ủy ban nhân dân cho các tập thể",
        "Công bố quyết định và trao Giấy khen của Chủ tịch Ủy ban nhân dân cho các cá nhân",
    ]


def test_adding_awards_adds_batches_and_programme_time(app, client, cid):
    add_flag_and_six(app, cid)
    programme = rows(app, cid)
    assert len(programme) == 14
    assert programme[8] == ("09:06 – 09:09", CO, THANH, 3, "awards:co_thi_dua_tinh", False)
    assert programme[9] == (
        "09:09 – 09:15",
        BANG_KHEN,
        f"{DUC}; {THANH}",
        6,
        "awards:bang_khen_tinh",
        False,
    )
    assert not any(r[4] == "awards:placeholder" for r in programme)
    assert end_of(app, cid) == "09:50"
    html = client.get(page(cid)).get_data(as_text=True)
    assert "tự động theo khen thưởng" in html and "chưa khớp" not in html
    # the plan lists the programme's items: it follows (plan/operations reads the rows)
    plan = text_of(client.get(f"/hoi-nghi/{cid}/ke-hoach").get_data(as_text=True))
    assert CO in plan and "(nếu có)" not in plan

    # 5 minutes a batch and a break after the Cờ, saved on the ceremony page: the Cờ lasts
    # 1 × 5, the Bằng khen 2 × 5, the break 15
    response = post(
        client,
        f"/hoi-nghi/{cid}/trao-thuong",
        {"batch_size": "5", "minutes_per_batch": "5", "version": "1",
         "breaks_after": ["co_thi_dua_tinh"]},
        page=f"/hoi-nghi/{cid}/trao-thuong",
    )  # fmt: skip
    assert response.status_code == 302
    programme = rows(app, cid)
    assert [r[1:4] for r in programme[8:11]] == [
        (CO, THANH, 5),
        ("Nghỉ giải lao", "", 15),
        (BANG_KHEN, f"{DUC}; {THANH}", 10),
    ]
    assert programme[9][4] == "awards:break:co_thi_dua_tinh"
    assert end_of(app, cid) == "10:11"  # 166 − 35 + 5 + 15 + 10 = 161 minutes after 07:30


def test_the_setting_is_checked(app, client, cid):
    response = post(
        client,
        f"/hoi-nghi/{cid}/trao-thuong",
        {"batch_size": "5", "minutes_per_batch": "31", "version": "0"},
        page=f"/hoi-nghi/{cid}/trao-thuong",
    )
    assert response.status_code == 400
    assert "Số phút mỗi đợt trao thưởng phải từ 1 đến 30." in response.get_data(as_text=True)
    page_text = text_of(client.get(f"/hoi-nghi/{cid}/trao-thuong").get_data(as_text=True))
    assert "Số phút mỗi đợt trao thưởng" in page_text


def test_a_higher_form_goes_first_and_removing_awards_removes_their_items(app, client, cid):
    add_flag_and_six(app, cid)
    with app.app_context():
        conference = db.session.get(Conference, cid)
        award_ops.add_award(conference, award_values("bang_khen_thu_tuong", "Lê Thị Ngọc Hân"))
        db.session.commit()
    keys = [r[4] for r in rows(app, cid) if r[4]]
    assert keys == ["awards:bang_khen_thu_tuong", "awards:co_thi_dua_tinh", "awards:bang_khen_tinh"]
    with app.app_context():
        for award in db.session.scalars(select(Award).where(Award.conference_id == cid)).all():
            award_ops.delete_award(award)
        db.session.commit()
    programme = rows(app, cid)
    assert not any(r[4] for r in programme)
    assert len(programme) == 12 and end_of(app, cid) == "09:41"  # 166 − 35 = 131 minutes
    # one Hoàn tác puts the last award and its item back
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=page(cid))
    assert len(rows(app, cid)) == 13


def test_editing_a_derived_item_keeps_its_words_and_flags_it(app, client, cid):
    add_flag_and_six(app, cid)
    item_id = next(i for i in _ids(app, cid) if _key(app, i) == "awards:bang_khen_tinh")
    edit = f"{page(cid)}/{item_id}/sua"
    html = client.get(edit).get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="([^"]+)"', html).group(1)
    response = post(
        client,
        edit,
        {"kind": "trao_thuong", "title": "Trao Bằng khen của tỉnh", "presenter": THANH,
         "presenter_unit": "", "minutes": "6", "mc_text": "", "notes": "", "version": version},
        page=edit,
    )  # fmt: skip
    assert response.status_code == 302
    # five more Bằng khen: 11 people → 3 batches (4 + 4 + 3) → 9 minutes; words kept
    with app.app_context():
        award_ops.import_awards(
            db.session.get(Conference, cid),
            [award_values("bang_khen_tinh", f"Người nhận {n}") for n in range(7, 12)],
        )
        db.session.commit()
    item = next(r for r in rows(app, cid) if (r[4] or "").startswith("awards:bang_khen_tinh"))
    assert item[1:4] == ("Trao Bằng khen của tỉnh", THANH, 9)
    assert item[5] is True
    text = text_of(client.get(page(cid)).get_data(as_text=True))
    assert "đã sửa tay" in text
    assert "Nội dung tự động đã thay đổi từ khi bạn sửa mục này." in text
    assert (
        "Nội dung tự động hiện tại: “Công bố quyết định và trao Bằng khen của Chủ tịch Ủy ban "
        "nhân dân tỉnh cho 11 cá nhân”" in text
    )
    # back to the generated words
    response = post(client, f"{page(cid)}/{item_id}/noi-dung-tu-dong", page=page(cid))
    assert response.status_code == 302
    item = next(r for r in rows(app, cid) if r[4] == "awards:bang_khen_tinh")
    assert item[1] == BANG_KHEN.replace("06 cá nhân", "11 cá nhân")
    assert item[5] is False


def test_rewriting_a_placeholder_makes_it_the_officers_own(app, client, cid):
    first = next(i for i in _ids(app, cid) if _key(app, i) == "awards:placeholder")
    with app.app_context():
        item = db.session.get(AgendaItem, first)
        values = {name: getattr(item, name) for name in AgendaItem.FIELDS}
        agenda_ops.update_item(item, {**values, "title": "Trao kỷ niệm chương"})
        db.session.commit()
    add_flag_and_six(app, cid)
    titles = [r[1] for r in rows(app, cid)]
    assert "Trao kỷ niệm chương" in titles and CO in titles


def _ids(app, cid):
    with app.app_context():
        return [i.id for i in agenda_ops.items_of(db.session.get(Conference, cid))]


def _key(app, item_id):
    with app.app_context():
        return db.session.get(AgendaItem, item_id).derived_key


def test_the_demo_programme_follows_its_awards(app, demo_id):
    keys = [r[4] for r in rows(app, demo_id) if r[4]]
    assert keys == [
        "awards:bang_khen_thu_tuong",
        "awards:bang_khen_tinh",
        "awards:tap_the_lao_dong_xuat_sac",
        "awards:break:tap_the_lao_dong_xuat_sac",
        "awards:chien_si_thi_dua_co_so",  # the Chiến sĩ thi đua cơ sở has its item
        "awards:giay_khen_chu_tich_ubnd_xa",
    ]


def test_an_award_items_minutes_follow_the_batches_whatever_is_posted(app, client, cid):
    """The Bằng khen item lasts 2 batches × 3 minutes = 6: its edit form shows that read-only
    with its rule, and a posted 20 is not saved (the programme still ends at 09:50)."""
    add_flag_and_six(app, cid)
    assert end_of(app, cid) == "09:50"
    item_id = next(i for i in _ids(app, cid) if _key(app, i) == "awards:bang_khen_tinh")
    edit = f"{page(cid)}/{item_id}/sua"
    html = client.get(edit).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="minutes"[^>]*>', html).group(0)
    assert "readonly" in field and 'value="6"' in field
    text = text_of(html)
    assert "= số đợt × số phút mỗi đợt (2 × 3 = 6 phút), đổi ở trang Kế hoạch trao thưởng" in text
    assert f'href="/hoi-nghi/{cid}/trao-thuong"' in html
    version = re.search(r'name="version"[^>]*value="([^"]+)"', html).group(1)
    response = post(
        client,
        edit,
        {"kind": "trao_thuong", "title": BANG_KHEN, "presenter": THANH, "presenter_unit": "",
         "minutes": "20", "mc_text": "", "notes": "Chuẩn bị khay", "version": version},
        page=edit,
    )  # fmt: skip
    assert response.status_code == 302
    item = next(r for r in rows(app, cid) if (r[4] or "").startswith("awards:bang_khen_tinh"))
    assert item[3] == 6
    assert end_of(app, cid) == "09:50"
    text = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert (
        "Thời lượng của mục này không đổi ở đây nên vẫn là 6 phút: nó bằng số đợt trao thưởng "
        "nhân số phút mỗi đợt; muốn đổi, hãy đổi ở trang Kế hoạch trao thưởng." in text
    )
    # the officer's own items keep an editable minutes field
    own = next(i for i in _ids(app, cid) if _key(app, i) is None)
    field = re.search(
        r'<input[^>]*name="minutes"[^>]*>', client.get(f"{page(cid)}/{own}/sua").get_data(True)
    ).group(0)
    assert "readonly" not in field
