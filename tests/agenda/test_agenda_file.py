"""The programme in the conference file: exported in order, imported back, bad items refused."""

from __future__ import annotations

import pytest

from kehoach_app import transfer
from kehoach_app.agenda.conference_file import next_edition, validate
from kehoach_app.agenda.models import AgendaItem
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db


def exported(app, conference_id: int) -> dict:
    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, conference_id))


def agenda_rows(app, conference_id: int) -> list[dict]:
    with app.app_context():
        items = db.session.scalars(
            db.select(AgendaItem)
            .where(AgendaItem.conference_id == conference_id)
            .order_by(AgendaItem.position)
        ).all()
        return [
            {name: getattr(item, name) for name in (*AgendaItem.FIELDS, "derived_key", "edited")}
            for item in items
        ]


def test_the_file_holds_the_programme_in_order(app, demo_id):
    document = exported(app, demo_id)
    agenda = document["agenda"]
    assert len(agenda) == 18  # the preset's 15, its 3 award placeholders → 5 forms and a break
    assert agenda[0] == {
        "kind": "van_nghe",
        "title": "Văn nghệ chào mừng",
        "presenter": "Đội văn nghệ do Phòng Văn hóa - Xã hội chuẩn bị",
        "presenter_unit": "",
        "minutes": 15,
        "mc_text": "",
        "notes": "",
    }
    assert agenda[-1]["kind"] == "be_mac"
    assert "derived_key" not in agenda[0]  # the officer's own item
    # the award items say what keeps them in step, so import, undo and copy keep them kept
    assert agenda[8]["derived_key"] == "awards:bang_khen_thu_tuong"
    assert agenda[8]["edited"] is False
    assert agenda[11]["derived_key"] == "awards:break:tap_the_lao_dong_xuat_sac"


def test_round_trip_keeps_the_programme(app, demo_id):
    with app.app_context():
        item = db.session.scalars(
            db.select(AgendaItem).where(AgendaItem.conference_id == demo_id)
        ).first()
        item.presenter = "Nguyễn Văn A & B <C>"
        item.mc_text = "Dòng một\nDòng hai"
        item.notes = "Ghi chú “đặc biệt”"
        db.session.commit()
    raw = transfer.dump_json(exported(app, demo_id))
    with app.app_context():
        copy = transfer.import_conference(raw)
        db.session.commit()
        copy_id = copy.id
    assert copy_id != demo_id
    assert agenda_rows(app, copy_id) == agenda_rows(app, demo_id)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda a: a[2].update(minutes=0), "Giá trị 0 tại agenda/2/minutes nằm ngoài khoảng"),
        (lambda a: a[2].update(minutes=1000), "agenda/2/minutes nằm ngoài khoảng cho phép"),
        (lambda a: a[2].update(minutes="15"), "agenda/2/minutes phải là số nguyên"),
        (lambda a: a[2].update(kind="tiec"), "“tiec” tại agenda/2/kind không thuộc danh sách"),
        (lambda a: a[2].pop("title"), "Thiếu mục “title” tại agenda/2"),
        (
            lambda a: a[2].update(title="   "),
            "Chương trình, mục 3: Nội dung: Vui lòng nhập nội dung của mục.",
        ),
    ],
)
def test_a_bad_programme_item_is_refused_and_nothing_is_imported(app, demo_id, mutate, message):
    document = exported(app, demo_id)
    mutate(document["agenda"])
    with app.app_context():
        before = (db.session.query(Conference).count(), db.session.query(AgendaItem).count())
        with pytest.raises(transfer.ConferenceFileError) as caught:
            transfer.import_conference(transfer.dump_json(document))
        db.session.rollback()
        assert any(message in m for m in caught.value.messages), caught.value.messages
        after = (db.session.query(Conference).count(), db.session.query(AgendaItem).count())
        assert after == before


def test_validation_uses_the_forms_rules_and_names_each_item(app):
    rows = [
        {"kind": "bao_cao", "title": "Báo cáo", "minutes": 20},
        {"kind": "khac", "title": "Quá dài", "minutes": 1000},
        {"kind": "khong_co", "title": "", "minutes": -1},
        "not an item",
    ]
    with app.test_request_context():
        with pytest.raises(transfer.ConferenceFileError) as caught:
            validate(rows)
    messages = caught.value.messages
    assert "Chương trình, mục 2: Thời lượng (phút): Thời lượng phải từ 1 đến 240 phút (một mục " \
        "dài nhất 4 giờ)." in messages  # fmt: skip
    assert any(m.startswith("Chương trình, mục 3: Loại nội dung:") for m in messages)
    assert "Chương trình, mục 3: Nội dung: Vui lòng nhập nội dung của mục." in messages
    assert any(m.startswith("Chương trình, mục 3: Thời lượng (phút):") for m in messages)
    assert any(m.startswith("Chương trình, mục 4:") for m in messages)
    assert not any("mục 1:" in m for m in messages)
    with app.test_request_context():
        checked = validate(rows[:1])
    assert checked == [
        {
            "kind": "bao_cao",
            "title": "Báo cáo",
            "presenter": "",
            "presenter_unit": "",
            "minutes": 20,
            "mc_text": "",
            "notes": "",
            "plan_note": "",  # a file written before the key: no note
            "derived_key": None,
            "edited": False,
        }
    ]


def test_import_page_names_the_bad_item(app, client, demo_id):
    from io import BytesIO

    from tests.conftest import post

    document = exported(app, demo_id)
    document["agenda"][4]["title"] = " \t "
    response = post(
        client,
        "/nhap-tep",
        {"file": (BytesIO(transfer.dump_json(document)), "hoi-nghi.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Chương trình, mục 5: Nội dung: Vui lòng nhập nội dung của mục." in (
        response.get_data(as_text=True)
    )


def test_next_edition_moves_the_years_in_the_programme():
    rows = [
        {"kind": "bao_cao", "title": "Báo cáo tổng kết năm 2026, phương hướng năm 2027",
         "minutes": 20, "mc_text": "Theo Nghị định 98/2023/NĐ-CP, năm 2026 …", "notes": ""},
    ]  # fmt: skip
    moved = next_edition(rows, {2026, 2027}, 1)
    assert moved[0]["title"] == "Báo cáo tổng kết năm 2027, phương hướng năm 2028"
    assert moved[0]["mc_text"] == "Theo Nghị định 98/2023/NĐ-CP, năm 2027 …"
    assert rows[0]["title"].endswith("2027")  # the original is left alone
