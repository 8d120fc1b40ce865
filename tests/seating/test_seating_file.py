"""The seating in the conference file: out and back in (halls by name, people by name and unit),
copied with "Nhân bản", refused with Vietnamese messages when wrong; the schema fragment."""

from __future__ import annotations

import json

import jsonschema
import pytest

from kehoach_app import transfer
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.seating import demo, operations
from kehoach_app.seating.models import Hall


def _export(app, cid: int) -> dict:
    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, cid))


def _placed(app, cid: int) -> dict[str, tuple[str, bool]]:
    with app.app_context():
        conference = db.session.get(Conference, cid)
        state = operations.load(conference)
        return {
            code: (state.person_by_id[pid].full_name, pinned)
            for code, (pid, pinned) in state.assignments.items()
        }


def test_export_matches_the_schema_fragment(app, demo_id, seating_schema):
    document = _export(app, demo_id)
    part = document["seating"]
    assert part["hall"]["name"] == demo.DEMO_HALL
    assert part["second_side"] == "right"
    assert part["zone_groups"]["ld"]  # group names, not ids
    assert all(isinstance(n, str) for n in part["zone_groups"]["ld"])
    first = part["assignments"][0]
    assert set(first) == {"seat", "delegate", "pinned"}
    assert set(first["delegate"]) == {"full_name", "unit"}
    jsonschema.Draft202012Validator(seating_schema).validate(document)


def test_round_trip_through_the_file(app, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        state = operations.load(conference)
        code = next(iter(state.assignments))
        operations.toggle_pin(conference, code)
        db.session.commit()
    before = _placed(app, demo_id)
    raw = transfer.dump_json(_export(app, demo_id))
    with app.app_context():
        copy = transfer.import_conference(raw)
        db.session.commit()
        new_id = copy.id
        assert db.session.query(Hall).count() == 1  # the same hall, found by its name
    assert _placed(app, new_id) == before


def test_nhan_ban_copies_the_seating(app, client, demo_id):
    from tests.conftest import post

    before = _placed(app, demo_id)
    post(client, f"/hoi-nghi/{demo_id}/nhan-ban", {}, page=f"/hoi-nghi/{demo_id}")
    with app.app_context():
        newest = max(c.id for c in db.session.query(Conference).all())
    assert newest != demo_id
    assert _placed(app, newest) == before


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda s: s["assignments"].append(
                {"seat": "B9-Z-99", "delegate": {"full_name": "Ai Đó", "unit": ""}}
            ),
            "ghế “B9-Z-99” không có trong sơ đồ hội trường",
        ),
        (lambda s: s["assignments"].append(dict(s["assignments"][0])), "được xếp hai lần"),
        (
            lambda s: s["hall"]["layout"]["zones"].append(
                dict(s["hall"]["layout"]["zones"][0], key="x")
            ),
            "chồng lên khu",
        ),
        (
            lambda s: s["hall"]["layout"]["zones"][0].update(rows=[1, 40]),
            "Khu 1: các hàng phải từ 1 đến 6",
        ),
        (
            lambda s: s["zone_groups"].update({"khong-co": ["Khách"]}),
            "khu “khong-co” không có trong sơ đồ",
        ),
    ],
)
def test_bad_seating_refuses_the_whole_file(app, demo_id, change, message):
    document = _export(app, demo_id)
    change(document["seating"])
    with app.app_context():
        before = db.session.query(Conference).count()
        with pytest.raises(transfer.ConferenceFileError) as error:
            transfer.import_conference(json.dumps(document, ensure_ascii=False).encode())
        db.session.rollback()
        assert db.session.query(Conference).count() == before
    assert any(message in m for m in error.value.messages), error.value.messages


def test_a_conference_without_seating_exports_null(app, demo_id):
    from kehoach_app.seating.models import SeatAssignment, SeatingPlan

    with app.app_context():
        db.session.query(SeatAssignment).filter_by(conference_id=demo_id).delete()
        db.session.query(SeatingPlan).filter_by(conference_id=demo_id).delete()
        db.session.commit()
    document = _export(app, demo_id)
    assert document["seating"] is None
    with app.app_context():
        copy = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        assert operations.plan_of(copy) is None
