"""Awards in the conference file: export → import round trip, delegates found again by name and
unit (or kept as names), forms carried to another machine, refused files, undo and Nhân bản."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from sqlalchemy import select

from kehoach_app import transfer
from kehoach_app.awards.models import AwardForm, CeremonyBatch, CeremonySettings
from kehoach_app.conferences import operations as conference_operations
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from tests.awards.conftest import add_awards, awards_of, delegate_id, form_id, make_conference
from tests.conftest import post


def setup_conference(app) -> int:
    cid = make_conference(app)
    chau = delegate_id(app, cid, "Châu Văn Út")
    add_awards(
        app,
        cid,
        "bang_khen_tinh",
        ["Ban Nhân dân ấp Mỹ Lộc"],
        kind="collective",
        unit="ấp Mỹ Lộc",
        receiver_delegate_id=chau,
        receiver_name="Châu Văn Út",
        decision_number="3417/QĐ-UBND",
        decision_date=dt.date(2026, 12, 21),
    )
    add_awards(
        app,
        cid,
        "giay_khen_chu_tich_ubnd_xa",
        ["Lê Thị Ửng", "A & B <C>"],
        job_title="Chi hội trưởng",
        notes="ghi chú",
    )
    with app.app_context():
        db.session.add(
            CeremonySettings(conference_id=cid, batch_size=7, breaks_after="bang_khen_tinh")
        )
        db.session.add(
            CeremonyBatch(
                conference_id=cid,
                form_id=form_id(app, "bang_khen_tinh"),
                number=1,
                presenter_delegate_id=chau,
                presenter_name="Châu Văn Út",
                music_cue="Khúc khải hoàn",
            )
        )
        db.session.commit()
    return cid


def exported(app, cid: int) -> dict:
    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, cid))


def test_round_trip_through_the_file_keeps_everything_and_links_delegates(app):
    cid = setup_conference(app)
    document = exported(app, cid)
    part = document["awards"]
    assert part["settings"] == {
        "batch_size": 7,
        "breaks_after": ["bang_khen_tinh"],
        "minutes_per_batch": 3,
        "group_by": "form_kind",
    }
    assert [f["code"] for f in part["forms"]] == ["bang_khen_tinh", "giay_khen_chu_tich_ubnd_xa"]
    assert part["awards"][0]["receiver_delegate"] == {
        "full_name": "Châu Văn Út",
        "unit": "ấp Mỹ Lộc",
    }
    assert part["batches"][0]["presenter_delegate"]["full_name"] == "Châu Văn Út"
    with app.app_context():
        conference = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        new_id = conference.id
    assert exported(app, new_id)["awards"] == part
    school = awards_of(app, new_id)[0]
    new_chau = delegate_id(app, new_id, "Châu Văn Út")
    assert school.receiver_delegate_id == new_chau != delegate_id(app, cid, "Châu Văn Út")


def test_a_delegate_that_cannot_be_found_keeps_its_name(app):
    cid = setup_conference(app)
    part = exported(app, cid)["awards"]
    with app.app_context():
        other = conference_operations.create_conference(
            {k: v for k, v in db.session.get(Conference, cid).values().items()}
        )
        db.session.flush()
        checked = transfer.validate_parts({"awards": part})
        transfer.replace_parts(other, checked)  # the other conference has no delegates
        db.session.commit()
        other_id = other.id
    school = awards_of(app, other_id)[0]
    assert school.receiver_delegate_id is None and school.receiver_name == "Châu Văn Út"
    with app.app_context():
        batch = db.session.scalar(
            select(CeremonyBatch).where(CeremonyBatch.conference_id == other_id)
        )
        assert batch.presenter_delegate_id is None and batch.presenter_name == "Châu Văn Út"


def test_forms_unknown_here_come_from_the_file_and_local_figures_are_kept(app):
    cid = setup_conference(app)
    document = exported(app, cid)
    document["awards"]["forms"].append(
        {
            "code": "ky_niem_chuong_tinh",
            "name": "Kỷ niệm chương của tỉnh",
            "level": "tinh",
            "for_individual": True,
            "for_collective": False,
            "coefficient_milli": 600,
            "collective_multiplier_milli": 1000,
            "precedence": 95,
            "physical_item": "Kỷ niệm chương",
            "legal_basis": "Thử",
        }
    )
    document["awards"]["awards"].append(
        {"form": "ky_niem_chuong_tinh", "recipient_kind": "individual", "name": "Trần Văn Đức"}
    )
    document["awards"]["forms"][0]["coefficient_milli"] = 9999  # another machine's figure
    with app.app_context():
        conference = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        forms = {f.code: f for f in db.session.scalars(select(AwardForm))}
        assert forms["ky_niem_chuong_tinh"].coefficient_milli == 600
        assert forms["bang_khen_tinh"].coefficient_milli == 1500  # local catalogue wins
        assert len(awards_of(app, conference.id)) == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda p: p["awards"][0].update(form="khong_co"),
            "Khen thưởng 1: hình thức “khong_co” không có trong danh mục",
        ),
        (
            lambda p: p["awards"][0].update(
                form="co_thi_dua_chinh_phu", recipient_kind="individual"
            ),
            "Khen thưởng 1: Tập thể hay cá nhân: Cờ thi đua của Chính phủ không tặng cho cá nhân",
        ),
        (
            lambda p: p["awards"][1].update(decision_date="2026-02-30"),
            "Khen thưởng 2: Ngày quyết định:",
        ),
        (
            lambda p: p["batches"].append(dict(p["batches"][0])),
            "Đợt trao thưởng 2: trùng với một đợt trước.",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_item_and_field(app, change, message):
    cid = setup_conference(app)
    document = exported(app, cid)
    change(document["awards"])
    with app.app_context(), pytest.raises(transfer.ConferenceFileError) as error:
        transfer.read_conference_file(transfer.dump_json(document))
    assert any(m.startswith(message) for m in error.value.messages), error.value.messages


def test_the_schema_refuses_a_wrong_shape(app):
    cid = setup_conference(app)
    document = exported(app, cid)
    bad = copy.deepcopy(document)
    bad["awards"]["awards"][0]["recipient_kind"] = "household"
    with app.app_context(), pytest.raises(transfer.ConferenceFileError):
        transfer.read_conference_file(json.dumps(bad).encode())


def test_the_batch_grouping_travels_and_an_older_file_without_it_imports(app):
    cid = setup_conference(app)
    document = exported(app, cid)
    document["awards"]["settings"]["group_by"] = "form"
    with app.app_context():
        conference = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        new_id = conference.id
    assert exported(app, new_id)["awards"]["settings"]["group_by"] == "form"
    older = copy.deepcopy(document)
    del older["awards"]["settings"]["group_by"]
    with app.app_context():
        conference = transfer.import_conference(transfer.dump_json(older))
        db.session.commit()
        older_id = conference.id
    assert exported(app, older_id)["awards"]["settings"]["group_by"] == "form_kind"
    bad = copy.deepcopy(document)
    bad["awards"]["settings"]["group_by"] = "kind"
    with app.app_context(), pytest.raises(transfer.ConferenceFileError):
        transfer.read_conference_file(json.dumps(bad).encode())


def test_undo_after_a_delegate_edit_keeps_the_receiver_linked(app, client):
    cid = setup_conference(app)
    # any change takes a snapshot; undo replaces every part, delegates first, then awards
    with app.app_context():
        conference = db.session.get(Conference, cid)
        conference_operations.take_snapshot(conference, "delegates", "Sửa đại biểu")
        chau = db.session.get(Delegate, delegate_id(app, cid, "Châu Văn Út"))
        chau.position = "Trưởng ấp (đã sửa)"
        db.session.commit()
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=f"/hoi-nghi/{cid}/khen-thuong")
    school = awards_of(app, cid)[0]
    assert school.receiver_delegate_id == delegate_id(app, cid, "Châu Văn Út")
    with app.app_context():
        batch = db.session.scalar(select(CeremonyBatch).where(CeremonyBatch.conference_id == cid))
        assert batch.presenter_delegate_id == delegate_id(app, cid, "Châu Văn Út")


def test_nhan_ban_starts_next_year_with_an_empty_list_and_the_same_ceremony_settings(app):
    cid = setup_conference(app)
    with app.app_context():
        copy_ = conference_operations.duplicate_conference(db.session.get(Conference, cid))
        db.session.commit()
        copy_id = copy_.id
        settings = db.session.get(CeremonySettings, copy_id)
        assert (settings.batch_size, settings.breaks_after) == (7, "bang_khen_tinh")
        assert (
            db.session.scalars(
                select(CeremonyBatch).where(CeremonyBatch.conference_id == copy_id)
            ).all()
            == []
        )
    assert awards_of(app, copy_id) == []  # last year's recipients are not next year's
    assert len(awards_of(app, cid)) == 3
