"""The delegates in the conference file: out and back in identically; bad values refused with the
form's messages naming the item; nothing imported when anything is wrong."""

from __future__ import annotations

import io

import pytest

from kehoach_app import transfer
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from tests.conftest import csrf_token, post
from tests.delegates.conftest import AWARDED, LEADERS, people


def exported(app, conference_id: int) -> dict:
    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, conference_id))


def snapshot_of_part(app, conference_id: int) -> list[tuple]:
    return sorted(
        (
            p.group.name if p.group else "",
            *(
                getattr(p, f)
                for f in Delegate.FIELDS
                if f not in ("group_id", "invitation_sent_on")
            ),
            str(p.invitation_sent_on),
        )
        for p in people(app, conference_id).values()
    )


def test_the_file_holds_groups_by_name_and_people(app, conference_id):
    part = exported(app, conference_id)["delegates"]
    assert part["groups"] == [
        {"name": LEADERS, "planned": 4, "notes": ""},
        {"name": AWARDED, "planned": 10, "notes": ""},
    ]
    an = part["people"][0]
    assert an == {
        "group": LEADERS,
        "honorific": "Ông",
        "full_name": "Nguyễn Văn An",
        "position": "Chủ tịch Ủy ban nhân dân xã",
        "unit": "Ủy ban nhân dân xã Tân Hòa",
        "protocol_rank": 1,
        "presidium": True,
        "phone": "0912 345 678",
        "invitation_sent_on": "2027-01-05",
        "reply": "attending",
        "substitute_name": "",
        "notes": "",
    }


def test_round_trip_of_the_demo_conference(app, demo_id):
    document = exported(app, demo_id)
    with app.app_context():
        copy = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        copy_id = copy.id
    assert snapshot_of_part(app, copy_id) == snapshot_of_part(app, demo_id)
    assert exported(app, copy_id)["delegates"] == document["delegates"]


def test_copy_into_next_year_keeps_the_delegates(app, client, demo_id):
    post(client, f"/hoi-nghi/{demo_id}/nhan-ban", page=f"/hoi-nghi/{demo_id}")
    with app.app_context():
        copy_id = db.session.query(Conference.id).filter(Conference.id != demo_id).scalar()
    assert snapshot_of_part(app, copy_id) == snapshot_of_part(app, demo_id)


def _person(**changes) -> dict:
    person = {"group": LEADERS, "full_name": "Lê Văn Tám", "reply": "pending"}
    person.update(changes)
    return person


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["people"].append(_person(group="Khách VIP")),
            "Đại biểu 4: thành phần “Khách VIP” không có trong danh sách thành phần của tệp.",
        ),
        (
            lambda d: d["people"].append(_person(phone="0912 34")),
            "Đại biểu 4: Điện thoại: Số điện thoại “0912 34” không hợp lệ",
        ),
        (
            lambda d: d["people"].append(_person(reply="substitute")),
            "Đại biểu 4: Người dự thay: Vui lòng nhập họ tên người dự thay.",
        ),
        (
            lambda d: d["people"].append(_person(invitation_sent_on="2027-02-31")),
            "Đại biểu 4: Ngày gửi giấy mời: Ngày “2027-02-31” không hợp lệ",
        ),
        (
            lambda d: d["people"].append(_person(full_name="   ")),
            "Đại biểu 4: Họ và tên: Vui lòng nhập họ và tên đại biểu.",
        ),
        (
            lambda d: d["groups"].append({"name": " lãnh đạo ỦY BAN nhân dân", "planned": 1}),
            "Thành phần 3: Tên thành phần: Hội nghị đã có thành phần tên này.",
        ),
        (lambda d: d["people"].append(_person(protocol_rank=-1)), "ngoài khoảng cho phép"),
        (lambda d: d["people"].append(_person(reply="maybe")), "không thuộc danh sách"),
        (lambda d: d["people"].append({"group": LEADERS}), "Thiếu mục “full_name”"),
        (lambda d: d["groups"][0].update(planned=20000), "ngoài khoảng cho phép"),
    ],
)
def test_bad_delegates_refuse_the_whole_file(app, conference_id, mutate, message):
    document = exported(app, conference_id)
    mutate(document["delegates"])
    with app.app_context():
        with pytest.raises(transfer.ConferenceFileError) as caught:
            transfer.import_conference(transfer.dump_json(document))
        db.session.rollback()
        assert any(message in m for m in caught.value.messages), caught.value.messages
        assert db.session.query(Conference).count() == 1
        assert db.session.query(Delegate).count() == 3


def test_every_problem_is_listed_not_just_the_first(app, conference_id):
    document = exported(app, conference_id)
    document["delegates"]["people"][0]["phone"] = "abc"
    document["delegates"]["people"][2]["substitute_name"] = ""
    document["delegates"]["people"][2]["reply"] = "substitute"
    with app.app_context():
        with pytest.raises(transfer.ConferenceFileError) as caught:
            transfer.validate_parts({"delegates": document["delegates"]})
    assert [m.split(":")[0] for m in caught.value.messages] == ["Đại biểu 1", "Đại biểu 3"]


def test_the_import_page_shows_delegate_problems(app, client, conference_id):
    document = exported(app, conference_id)
    document["delegates"]["people"][1]["phone"] = "12"
    response = client.post(
        "/nhap-tep",
        data={
            "csrf_token": csrf_token(client, "/nhap-tep"),
            "file": (io.BytesIO(transfer.dump_json(document)), "hoi-nghi.kehoach.json"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Đại biểu 2: Điện thoại: Số điện thoại “12” không hợp lệ" in response.get_data(
        as_text=True
    )
