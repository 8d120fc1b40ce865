"""Ngày ký: one signing date per conference, on the form, in the conference file, in undo and in
"Nhân bản" (cleared), and the one date line every signed document prints."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app import transfer
from kehoach_app.conferences import logic
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conferences.test_views import valid_form
from tests.conftest import post


def conference_of(app, conference_id: int) -> Conference:
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        db.session.expunge(conference)
        return conference


def edit(app, client, conference_id: int, **fields):
    page = f"/hoi-nghi/{conference_id}/sua"
    version = conference_of(app, conference_id).version
    return post(client, page, valid_form(version=str(version), **fields), page=page)


def test_signing_date_line_typed_or_left_for_the_signer():
    values = {"place_name": "Tân Hòa", "date": dt.date(2027, 1, 15), "signing_date": None}
    # Blank: day and month for the signer, the year of the conference's date.
    assert logic.signing_date_line(values) == "Tân Hòa, ngày … tháng … năm 2027"
    values["signing_date"] = dt.date(2026, 12, 28)
    assert logic.signing_date_line(values) == "Tân Hòa, ngày 28 tháng 12 năm 2026"
    values["signing_date"] = dt.date(2027, 1, 4)  # ND30: months 1 and 2 take a leading 0
    assert logic.signing_date_line(values) == "Tân Hòa, ngày 04 tháng 01 năm 2027"


def test_the_form_saves_the_signing_date_and_undo_puts_it_back(app, client, demo_id):
    form = client.get(f"/hoi-nghi/{demo_id}/sua").get_data(as_text=True)
    assert "Ngày ký văn bản" in form and 'name="signing_date"' in form
    response = edit(app, client, demo_id, signing_date="5/1/2027")
    assert response.status_code == 302
    assert conference_of(app, demo_id).signing_date == dt.date(2027, 1, 5)
    assert 'value="05/01/2027"' in client.get(f"/hoi-nghi/{demo_id}/sua").get_data(as_text=True)
    edit(app, client, demo_id, signing_date="")
    assert conference_of(app, demo_id).signing_date is None
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=f"/hoi-nghi/{demo_id}")
    assert conference_of(app, demo_id).signing_date == dt.date(2027, 1, 5)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("20/01/2027", "Ngày ký văn bản không được sau ngày tổ chức (15/01/2027)."),
        ("31/02/2027", "tháng 2 năm 2027 chỉ có 28 ngày"),
    ],
)
def test_a_wrong_signing_date_is_refused_in_vietnamese(app, client, demo_id, typed, message):
    before = conference_of(app, demo_id).signing_date
    response = edit(app, client, demo_id, signing_date=typed)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert typed in html  # what was typed is shown back
    assert conference_of(app, demo_id).signing_date == before


def test_the_conference_file_carries_it_and_an_older_file_still_imports(app, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        signed = conference.date - dt.timedelta(days=18)
        conference.signing_date = signed
        db.session.commit()
        document = transfer.export_conference(conference)
        assert document["conference"]["signing_date"] == signed.isoformat()
        copy = transfer.import_conference(transfer.dump_json(document))
        assert copy.signing_date == signed
        del document["conference"]["signing_date"]  # a file written before ngày ký existed
        older = transfer.import_conference(transfer.dump_json(document))
        assert older.signing_date is None
        document["conference"]["signing_date"] = None
        assert transfer.import_conference(transfer.dump_json(document)).signing_date is None
        late = conference.date + dt.timedelta(days=1)  # after the conference
        document["conference"]["signing_date"] = late.isoformat()
        with pytest.raises(transfer.ConferenceFileError) as refused:
            transfer.read_conference_file(transfer.dump_json(document))
        messages = refused.value.messages
        assert any("Ngày ký văn bản không được sau ngày tổ chức" in m for m in messages)
        db.session.rollback()


def test_nhan_ban_clears_the_signing_date_like_the_number(app, client, demo_id):
    with app.app_context():
        db.session.get(Conference, demo_id).signing_date = dt.date(2026, 12, 28)
        db.session.commit()
    post(client, f"/hoi-nghi/{demo_id}/nhan-ban", page=f"/hoi-nghi/{demo_id}")
    with app.app_context():
        copy = db.session.query(Conference).filter(Conference.id != demo_id).one()
        assert copy.signing_date is None and copy.doc_number == ""
        assert db.session.get(Conference, demo_id).signing_date == dt.date(2026, 12, 28)
