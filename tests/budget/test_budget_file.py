"""The budget in the conference file: export, check, replace (import, copy, undo)."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from kehoach_app.budget import conference_file, operations
from kehoach_app.budget.models import BudgetLine, BudgetSettings, Norm, NormProfile
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.transfer import ConferenceFileError
from tests.budget.conftest import make_conference


def _setup(app, cid):
    with app.app_context():
        operations.ensure_national_norms()
        profile = NormProfile(name="NQ 15/2025 tỉnh An Giang", kind="province")
        profile.norms.append(
            Norm(code="drinks", name="Nước uống", category="nuoc_uong", unit="người/ngày",
                 amount=30_000, effective_from=dt.date(2025, 7, 1), legal_basis="NQ 15/2025")
        )  # fmt: skip
        db.session.add(profile)
        db.session.flush()
        db.session.add(
            BudgetSettings(conference_id=cid, norm_profile_id=profile.id, days_milli=1500,
                           meal_location="xa", available_amount=50_000_000)
        )  # fmt: skip
        db.session.add(
            BudgetLine(conference_id=cid, position=1, category="nuoc_uong", content="Nước uống",
                       unit="người/ngày", quantity_milli=225_000, unit_price=30_000,
                       derived_key="drinks", overridden=True, norm_code="drinks")
        )  # fmt: skip
        db.session.commit()


def test_round_trip_to_another_machine(app, conference_id):
    _setup(app, conference_id)
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        data = conference_file.export(conference)
        jsonschema.validate(data, conference_file.SCHEMA_FRAGMENT)
        empty = conference_file.export(db.session.get(Conference, make_conference(app)))
        jsonschema.validate(empty, conference_file.SCHEMA_FRAGMENT)
        assert conference_file.validate(empty) is None
        assert data["settings"]["norm_profile"] == "NQ 15/2025 tỉnh An Giang"
        assert data["norms"][0]["amount"] == 30_000
        assert data["lines"][0]["derived_key"] == "drinks" and data["lines"][0]["overridden"]
        # "another machine": the profile is gone, the file brings it back
        db.session.delete(db.session.get(BudgetSettings, conference_id))
        db.session.query(BudgetLine).delete()
        db.session.query(NormProfile).filter_by(kind="province").delete()
        db.session.commit()
        checked = conference_file.validate(data)
        conference_file.replace(conference, checked)
        db.session.commit()
        settings = db.session.get(BudgetSettings, conference_id)
        profile = db.session.get(NormProfile, settings.norm_profile_id)
        assert profile.name == "NQ 15/2025 tỉnh An Giang" and profile.norms[0].amount == 30_000
        assert settings.days_milli == 1500 and settings.available_amount == 50_000_000
        [line] = operations.lines_of(conference)
        assert (line.quantity_milli, line.unit_price, line.overridden) == (225_000, 30_000, True)


def test_bad_file_values_are_listed_in_vietnamese(app):
    data = {
        "settings": {"norm_profile": None, "days_milli": 1000, "meal_location": "",
                     "available_amount": 0},
        "norms": [],
        "lines": [
            {"category": "khac", "content": "Giấy", "unit": "bộ", "quantity_milli": 1500,
             "unit_price": 1000},
            {"category": "khac", "content": "", "unit": "gói", "quantity_milli": 1000,
             "unit_price": 1000},
            {"category": "khac", "content": "Quá lớn", "unit": "gói", "quantity_milli": 1000,
             "unit_price": 10**13},
        ],
    }  # fmt: skip
    with app.test_request_context(), pytest.raises(ConferenceFileError) as error:
        conference_file.validate(data)
    messages = error.value.messages
    assert any("dòng số 1" in m and "chỉ nhận số nguyên" in m for m in messages)
    assert any("dòng số 2" in m and "nội dung" in m for m in messages)
    assert any("dòng số 3" in m and "quá lớn" in m for m in messages)


def test_copy_of_the_conference_keeps_the_budget_and_plan_total(app, conference_id):
    from kehoach_app.budget.operations import budget_total as conference_budget_total
    from kehoach_app.conferences.operations import duplicate_conference

    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        assert conference_budget_total(conference) is None
    _setup(app, conference_id)
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        assert conference_budget_total(conference) == 6_750_000  # 225 × 30.000 (overridden)
        copy = duplicate_conference(conference)
        db.session.commit()
        [line] = operations.lines_of(copy)
        assert (line.derived_key, line.overridden, line.unit_price) == ("drinks", True, 30_000)
        assert db.session.get(BudgetSettings, copy.id).available_amount == 50_000_000
