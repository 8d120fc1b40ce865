"""Tasks in the conference file: exported per the schema, imported back identically, refused whole
when one task breaks the form's rules; copied by "Nhân bản"."""

from __future__ import annotations

import datetime as dt
import io
import json

import jsonschema
import pytest

from kehoach_app import transfer
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conftest import post
from tests.tasks.task_helpers import TORTURE_UNIT, make_conference, tasks_in

FIELDS = ("title", "lead_unit", "support_units", "deadline_kind", "days_before", "deadline_date",
          "status", "notes")  # fmt: skip


@pytest.fixture()
def filed(app):
    return make_conference(
        app,
        dt.date(2099, 1, 15),
        [
            {
                "title": "Giấy mời",
                "lead_unit": "Văn phòng",
                "support_units": f"{TORTURE_UNIT}\nCông an",
                "deadline_kind": "days_before",
                "days_before": 5,
                "status": "doing",
            },
            {"title": "Báo cáo", "lead_unit": "Phòng Nội vụ", "deadline_kind": "month_before"},
            {
                "title": "Tham luận",
                "lead_unit": "Phòng Nội vụ",
                "deadline_kind": "fixed",
                "deadline_date": dt.date(2099, 1, 8),
                "notes": "Ba đơn vị & <một> tập thể",
            },
            {
                "title": "Quyết toán",
                "lead_unit": "Văn phòng",
                "deadline_kind": "fixed",
                "deadline_date": dt.date(2099, 2, 20),
                "status": "done",
            },
            {"title": "Đưa tin", "lead_unit": "Đài Truyền thanh", "deadline_kind": "none"},
        ],  # fmt: skip
    )


def exported(app, conference_id: int) -> dict:
    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, conference_id))


def rows(app, conference_id: int) -> list[tuple]:
    return [tuple(getattr(t, name) for name in FIELDS) for t in tasks_in(app, conference_id)]


def test_export_follows_the_schema(app, filed):
    document = exported(app, filed)
    schema = json.loads(transfer.dump_json(transfer._schema()))
    jsonschema.Draft202012Validator(schema).validate(document)
    first, _, third, _, last = document["tasks"]
    assert first == {
        "title": "Giấy mời",
        "lead_unit": "Văn phòng",
        "support_units": [TORTURE_UNIT, "Công an"],
        "deadline_kind": "days_before",
        "days_before": 5,
        "deadline_date": None,
        "deadline_words": "",
        "status": "doing",
        "notes": "",
    }
    assert third["deadline_date"] == "2099-01-08" and third["days_before"] is None
    assert last["deadline_kind"] == "none"


def test_round_trip(app, filed):
    raw = transfer.dump_json(exported(app, filed))
    with app.app_context():
        copy = transfer.import_conference(raw)
        db.session.commit()
        copy_id = copy.id
    assert copy_id != filed
    assert rows(app, copy_id) == rows(app, filed)
    assert [t.position for t in tasks_in(app, copy_id)] == [1, 2, 3, 4, 5]


def test_import_through_the_page(app, client, filed):
    raw = transfer.dump_json(exported(app, filed))
    response = post(
        client,
        "/nhap-tep",
        {"file": (io.BytesIO(raw), "hoi-nghi.kehoach.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        newest = db.session.query(Conference).order_by(Conference.id.desc()).first().id
    assert rows(app, newest) == rows(app, filed)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda t: t.update(title="  "), "Nhiệm vụ 4 (Nội dung công việc): Vui lòng nhập nội dung"),
        (lambda t: t.update(lead_unit=" "), "Nhiệm vụ 4 (Đơn vị chủ trì): Vui lòng nhập đơn vị"),
        (
            lambda t: t.update(deadline_date="2099-02-31"),
            "Nhiệm vụ 4 (Ngày hoàn thành): Ngày “2099-02-31” không hợp lệ",
        ),
        (
            lambda t: t.update(deadline_kind="days_before", days_before=None),
            "Nhiệm vụ 4 (Số ngày trước ngày tổ chức): Vui lòng nhập số ngày",
        ),
        (lambda t: t.update(deadline_kind="days_before", days_before=400), "ngoài khoảng cho phép"),
        (lambda t: t.update(deadline_kind="days_before", days_before=-1), "ngoài khoảng cho phép"),
        (lambda t: t.update(deadline_date="20/02/2099"), "sai định dạng"),
        (lambda t: t.update(support_units=["Văn phòng"]), "Nhiệm vụ 4 (Đơn vị phối hợp)"),
        (lambda t: t.update(status="finished"), "không thuộc danh sách"),
        (lambda t: t.pop("lead_unit"), "Thiếu mục “lead_unit”"),
    ],  # fmt: skip
)
def test_a_bad_task_refuses_the_whole_file(app, filed, mutate, message):
    document = exported(app, filed)
    mutate(document["tasks"][3])
    with app.app_context():
        with pytest.raises(transfer.ConferenceFileError) as caught:
            transfer.import_conference(transfer.dump_json(document))
        db.session.rollback()
        assert any(message in m for m in caught.value.messages), caught.value.messages
        assert db.session.query(Conference).count() == 1
    assert len(tasks_in(app, filed)) == 5


def test_every_bad_task_is_named(app, filed):
    document = exported(app, filed)
    document["tasks"][0]["title"] = "   "  # passes the schema's minLength, not the form
    document["tasks"][2]["lead_unit"] = "\u00a0"
    with app.app_context(), pytest.raises(transfer.ConferenceFileError) as caught:
        transfer.import_conference(transfer.dump_json(document))
    assert caught.value.messages == [
        "Nhiệm vụ 1 (Nội dung công việc): Vui lòng nhập nội dung công việc.",
        "Nhiệm vụ 3 (Đơn vị chủ trì): Vui lòng nhập đơn vị chủ trì.",
    ]


def test_a_late_fixed_date_in_a_file_is_accepted(app, filed):
    # The file's tasks are checked before its conference exists; a date after the day is a
    # warning in the form (confirmed there), never a reason to refuse a file.
    assert rows(app, filed)[3][5] == dt.date(2099, 2, 20)
    with app.app_context():
        copy = transfer.import_conference(transfer.dump_json(exported(app, filed)))
        db.session.commit()
        assert tasks_in(app, copy.id)[3].deadline_date == dt.date(2099, 2, 20)


def test_duplicate_copies_the_tasks(app, client, filed):
    response = post(client, f"/hoi-nghi/{filed}/nhan-ban", page=f"/hoi-nghi/{filed}")
    assert response.status_code == 302
    with app.app_context():
        copy = db.session.query(Conference).order_by(Conference.id.desc()).first()
        assert copy.id != filed and copy.date == dt.date(2100, 1, 15)
        copy_id = copy.id
    copied = tasks_in(app, copy_id)
    assert [t.title for t in copied] == [
        "Giấy mời",
        "Báo cáo",
        "Tham luận",
        "Quyết toán",
        "Đưa tin",
    ]
    assert copied[0].days_before == 5 and copied[1].deadline_kind == "month_before"
    # relative deadlines follow the new date with nothing to change
    html = client.get(f"/hoi-nghi/{copy_id}/nhiem-vu").get_data(as_text=True)
    assert "10/01/2100" in html and "31/12/2099" in html
