"""Issue 17, loose end: the preset's title follows the place chosen in the form (B's finding: a
tỉnh Đại hội các cấp created from the form was titled "… các cấp tỉnh tiến tới …", the form
having filled {place} before the place was chosen), until the officer edits the title."""

from __future__ import annotations

from sqlalchemy import select

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conferences.test_undo import _Fields
from tests.conftest import post

NEW = "/hoi-nghi/moi/dai_hoi.tinh"
PLACELESS = "Đại hội Thi đua yêu nước các cấp tỉnh tiến tới Đại hội Thi đua yêu nước toàn quốc"
HUNG_YEN = (
    "Đại hội Thi đua yêu nước các cấp tỉnh Hưng Yên tiến tới Đại hội Thi đua yêu nước toàn quốc"
)


def _form(client, url: str) -> dict:
    page = _Fields()
    page.feed(client.get(url).get_data(as_text=True))
    fields = dict(page.fields)
    for name, value in fields.items():  # the browser drops a textarea's first newline
        if value.startswith("\r\n"):
            fields[name] = value[2:]
        elif value.startswith("\n"):
            fields[name] = value[1:]
    fields.pop("csrf_token", None)
    return fields


def _create(client, **changes) -> None:
    fields = _form(client, NEW)
    assert fields["title"] == PLACELESS  # offered before the place is known
    fields.update(province="Hưng Yên", unit_type="tinh", unit_name="", issuer="", place_name="")
    fields.update(changes)
    response = post(client, NEW, fields, page=NEW)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def _latest(app) -> Conference:
    with app.app_context():
        conference = db.session.scalars(select(Conference).order_by(Conference.id.desc())).first()
        db.session.expunge(conference)
        return conference


def test_the_title_takes_the_place_chosen_in_the_form(app, client):
    _create(client)
    conference = _latest(app)
    assert conference.place_name == "Hưng Yên"
    assert conference.title == HUNG_YEN
    # the closing, written from the preset once the conference exists, agrees
    assert "các cấp tỉnh Hưng Yên tiến tới" in conference.closing


def test_a_title_the_officer_typed_stays_his(app, client):
    own = "Đại hội Thi đua yêu nước các cấp của tỉnh năm 2025"
    _create(client, title=own)
    assert _latest(app).title == own


def test_the_title_follows_a_new_place_on_the_edit_form_until_edited(app, client):
    _create(client)
    conference_id = _latest(app).id
    edit = f"/hoi-nghi/{conference_id}/sua"
    fields = _form(client, edit)
    assert fields["title"] == HUNG_YEN
    fields["place_name"] = "Phố Hiến"
    assert post(client, edit, fields, page=edit).status_code == 302
    assert _latest(app).title == HUNG_YEN.replace("Hưng Yên", "Phố Hiến")
    # once the officer edits it, a later change of place leaves it alone
    fields = _form(client, edit)
    fields["title"] = "Đại hội Thi đua yêu nước các cấp tỉnh Hưng Yên"
    assert post(client, edit, fields, page=edit).status_code == 302
    fields = _form(client, edit)
    fields["place_name"] = "Hưng Yên"
    assert post(client, edit, fields, page=edit).status_code == 302
    assert _latest(app).title == "Đại hội Thi đua yêu nước các cấp tỉnh Hưng Yên"
