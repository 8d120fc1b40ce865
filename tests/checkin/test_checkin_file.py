"""The check-in data in the conference file and through undo: codes stay, arrivals are kept,
an older file imports (its delegates get new codes), the migration's data step."""

from __future__ import annotations

import importlib.util
import json

from sqlalchemy import select, text

from kehoach_app import transfer
from kehoach_app.checkin.models import Arrival
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.checkin.conftest import codes_of, scan
from tests.conftest import post


def _export(app, conference_id: int) -> dict:
    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, conference_id))


def test_codes_and_arrivals_travel_in_the_conference_file(app, client, small):
    conference_id, codes = small
    scan(client, conference_id, codes["Lê Quốc Hưng"], point="Cửa chính")
    scan(client, conference_id, codes["Phạm Đức Ân"])
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    post(client, page + "/huy", {"ma": codes["Lê Quốc Hưng"]}, page=page)
    document = _export(app, conference_id)
    part = document["check_in"]
    assert [c["code"] for c in part["codes"]] == [codes[p["full_name"]] for p in
                                                   document["delegates"]["people"]]  # fmt: skip
    by_code = {a["code"]: a for a in part["arrivals"]}
    assert by_code[codes["Lê Quốc Hưng"]]["undone_at"] is not None
    assert by_code[codes["Phạm Đức Ân"]]["substitute_name"] == "Phạm Văn Tài"
    with app.app_context():
        imported = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        new_id = imported.id
        assert codes_of(new_id) == codes
        arrivals = {
            a.code: a for a in db.session.scalars(select(Arrival).filter_by(conference_id=new_id))
        }
        assert arrivals[codes["Lê Quốc Hưng"]].undone_at is not None
        assert arrivals[codes["Lê Quốc Hưng"]].point == "Cửa chính"
        assert arrivals[codes["Phạm Đức Ân"]].undone_at is None
    figures = client.get(f"/hoi-nghi/{new_id}/diem-danh/so-lieu").get_json()
    assert figures["text"] == "01/08" and figures["substitutes"] == 1


def test_a_file_written_before_check_in_imports_with_new_codes(app, small):
    conference_id, codes = small
    document = _export(app, conference_id)
    del document["check_in"]
    with app.app_context():
        imported = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        new_codes = codes_of(imported.id)
    assert sorted(new_codes) == sorted(codes)
    assert len(set(new_codes.values())) == 8 and all(new_codes.values())


def test_a_file_with_a_bad_or_doubled_code_is_refused_whole(app, small):
    import pytest

    conference_id, codes = small
    document = _export(app, conference_id)
    document["check_in"]["codes"][1]["code"] = document["check_in"]["codes"][0]["code"]
    document["check_in"]["arrivals"] = [{"code": "ZZZZZZ", "arrived_at": "2027-01-15T07:40:00"}]
    with app.app_context():
        with pytest.raises(transfer.ConferenceFileError) as refused:
            transfer.import_conference(transfer.dump_json(document))
    assert any("dùng cho hai đại biểu" in m for m in refused.value.messages)
    assert any("“ZZZZZZ” không thuộc đại biểu nào" in m for m in refused.value.messages)
    document["check_in"]["codes"][0]["code"] = "AAAAAA"  # vowels: never a code
    with app.app_context():
        with pytest.raises(transfer.ConferenceFileError):
            transfer.import_conference(transfer.dump_json(document))


def test_undoing_a_delegate_edit_keeps_the_codes_and_later_arrivals(app, client, small):
    """Hoàn tác of an edit made before the door opened must not lose who came since."""
    from kehoach_app.conferences.operations import take_snapshot
    from kehoach_app.delegates.models import Delegate

    conference_id, codes = small
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        take_snapshot(conference, "edit", "Sửa điện thoại")
        person = db.session.scalar(select(Delegate).filter_by(full_name="Võ Thị Lan"))
        person.phone = "0912345678"
        db.session.commit()
    scan(client, conference_id, codes["Nguyễn Văn An"])
    scan(client, conference_id, codes["Võ Thị Lan"])
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", {}, page=page)
    with app.app_context():
        assert codes_of(conference_id) == codes  # the delegates' rows were replaced
        person = db.session.scalar(select(Delegate).filter_by(full_name="Võ Thị Lan"))
        assert person.phone == ""  # the edit is undone …
    assert client.get(page + "/so-lieu").get_json()["text"] == "02/08"  # … the arrivals stay


def test_next_edition_gets_new_codes_and_no_arrivals(app, small):
    conference_id, _codes = small
    document = _export(app, conference_id)
    assert transfer.PartTransfer  # the part is registered with its next_edition
    from kehoach_app.checkin.conference_file import next_edition

    assert next_edition(document["check_in"], {2026}, 1) == {"codes": [], "arrivals": []}


def test_the_migration_gives_every_delegate_already_there_a_code(app, demo_id):
    """0019's data step on delegates without a code (as they were before it)."""
    spec = importlib.util.spec_from_file_location(
        "m0019", "kehoach_app/migrations/versions/0019_check_in.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with app.app_context():
        connection = db.session.connection()
        connection.execute(text("DROP INDEX uq_delegates_check_in_code"))
        connection.execute(text("UPDATE delegates SET check_in_code = ''"))
        module._give_codes(connection)
        rows = connection.execute(
            text("SELECT conference_id, check_in_code FROM delegates")
        ).fetchall()
        db.session.rollback()
    assert len(rows) == 40
    assert len({code for _, code in rows}) == 40
    from kehoach_app.checkin.logic import is_code

    assert all(is_code(code) for _, code in rows)


def test_export_follows_the_schema(app, small):
    import jsonschema

    conference_id, _ = small
    document = json.loads(transfer.dump_json(_export(app, conference_id)))
    jsonschema.Draft202012Validator(transfer._schema()).validate(document)
