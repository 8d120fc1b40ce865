"""The conference file: export, import back identically, and refuse bad files importing nothing."""

from __future__ import annotations

import json

import pytest

from kehoach_app import transfer
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conftest import post


def exported(app, conference_id: int) -> dict:
    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, conference_id))


def test_export_import_round_trip(app, demo_id):
    document = exported(app, demo_id)
    assert document["format"] == "kehoach-hoi-nghi/conference"
    assert document["version"] == 1
    assert document["conference"]["start_time"] == "07:30"
    with app.app_context():
        copy = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        original = db.session.get(Conference, demo_id)
        assert copy.id != demo_id
        assert copy.values() == original.values()


def test_the_file_is_readable_utf8_json(app, demo_id):
    raw = transfer.dump_json(exported(app, demo_id))
    text = raw.decode("utf-8")
    assert "Tân Hòa" in text  # not \u escapes
    assert json.loads(text)["conference"]["place_name"] == "Tân Hòa"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "không phải tệp hội nghị"),
        (lambda d: d.update(version=99), "phiên bản định dạng 99"),
        (lambda d: d["conference"].pop("title"), "Thiếu mục “title”"),
        (lambda d: d["conference"].update(planned_delegates=0), "ngoài khoảng cho phép"),
        (lambda d: d["conference"].update(date="31/02/2027"), "sai định dạng"),
        (lambda d: d["conference"].update(date="2027-02-31"), "Ngày tổ chức"),
        (lambda d: d["conference"].update(start_time="25:00"), "sai định dạng"),
        (lambda d: d["conference"].update(level="quan"), "không thuộc danh sách"),
        (
            lambda d: d["conference"].update(year_reviewed=2030, year_launched=2027),
            "Năm phát động không được trước năm tổng kết",
        ),
        (lambda d: d.update(extra=1), "không được phép"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_imported(app, demo_id, mutate, message):
    document = exported(app, demo_id)
    mutate(document)
    with app.app_context():
        with pytest.raises(transfer.ConferenceFileError) as caught:
            transfer.import_conference(transfer.dump_json(document))
        db.session.rollback()
        assert any(message in m for m in caught.value.messages), caught.value.messages
        assert db.session.query(Conference).count() == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"{not json", "JSON"),
        (b"[1, 2, 3]", "không phải tệp hội nghị"),
        (b"", "JSON"),
    ],
)
def test_files_that_are_not_conference_files(app, raw, message):
    with app.app_context():
        with pytest.raises(transfer.ConferenceFileError) as caught:
            transfer.read_conference_file(raw)
    assert message in caught.value.messages[0]


def test_import_page_refuses_a_bad_file_with_the_reasons(app, client, demo_id):
    from io import BytesIO

    document = exported(app, demo_id)
    document["conference"]["planned_delegates"] = 100000
    response = post(
        client,
        "/nhap-tep",
        {"file": (BytesIO(transfer.dump_json(document)), "hoi-nghi.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Không nhập được tệp" in html
    assert "planned_delegates" in html


def test_import_page_accepts_a_good_file(app, client, demo_id):
    from io import BytesIO

    raw = transfer.dump_json(exported(app, demo_id))
    response = post(
        client,
        "/nhap-tep",
        {"file": (BytesIO(raw), "hoi-nghi.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.query(Conference).count() == 2


def test_schema_file_is_valid_json_schema():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(transfer._schema())
