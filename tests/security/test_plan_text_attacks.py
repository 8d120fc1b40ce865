"""The plan's own forms read the request themselves: they refuse what BaseForm refuses (a
character the fonts cannot draw would vanish from the PDF), and a free section saved from two
windows keeps the first save (issue 18, found by the attack review)."""

from __future__ import annotations

import json
import re

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.plan.operations import outline_of
from tests.conftest import post

EMOJI = "Mục đích 🎉 vui vẻ"


def _plan(client, cid) -> str:
    return client.get(f"/hoi-nghi/{cid}/ke-hoach").get_data(as_text=True)


def test_an_emoji_in_a_plan_paragraph_is_refused_and_nothing_saved(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    key = re.search(r'action="/hoi-nghi/\d+/ke-hoach/doan/([^"/]+)"', _plan(client, demo_id))[1]
    response = post(client, f"{page}/doan/{key}", {"text": EMOJI, "version": "0"}, page=page)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Có ký tự không in được bằng phông chữ của văn bản: “🎉” (U+1F389)" in html
    assert EMOJI in html  # what was typed stays in the form
    with app.app_context():
        from kehoach_app.plan.models import PlanParagraph

        assert db.session.query(PlanParagraph).count() == 0


def test_an_emoji_in_nơi_nhận_or_a_new_section_is_refused(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    with app.app_context():
        before = db.session.get(Conference, demo_id).recipients
    response = post(
        client, f"{page}/noi-nhan", {"recipients": "- Như trên;\n- Lưu: VT 🗂.", "original": ""},
        page=page,
    )  # fmt: skip
    assert response.status_code == 422
    assert "“🗂” (U+1F5C2)" in response.get_data(as_text=True)
    response = post(client, f"{page}/muc-moi", {"title": "PHỤ LỤC ✅", "text": "x"}, page=page)
    assert response.status_code == 302
    assert "“✅” (U+2705)" in client.get(response.location).get_data(as_text=True)
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        assert conference.recipients == before
        assert not [e for e in outline_of(conference) if "PHỤ LỤC" in (e.title or "")]


def test_a_conference_file_with_an_emoji_in_the_plan_is_refused(app, client, demo_id):
    exported = json.loads(client.get(f"/hoi-nghi/{demo_id}/xuat-tep").data)
    exported["conference"]["recipients"] = "- Như trên;\n- Lưu: VT 🗂."
    with app.app_context():
        count = db.session.query(Conference).count()
    response = post(
        client,
        "/nhap-tep",
        {"file": (__import__("io").BytesIO(json.dumps(exported).encode()), "x.kehoach.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert "“🗂” (U+1F5C2)" in html and "conference/recipients" in html
    with app.app_context():
        assert db.session.query(Conference).count() == count


def test_a_free_section_saved_from_two_windows_keeps_the_first(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    post(client, f"{page}/muc-moi", {"title": "PHỤ LỤC", "text": "Bản đầu."}, page=page)
    with app.app_context():
        key = next(e.key for e in outline_of(db.session.get(Conference, demo_id)) if e.text)
    url = f"{page}/muc/{key}/text"
    shown = {"original_title": "PHỤ LỤC", "original_text": "Bản đầu."}
    first = post(client, url, {**shown, "title": "PHỤ LỤC", "text": "Cửa sổ một."}, page=page)
    assert first.status_code == 302
    second = post(client, url, {**shown, "title": "PHỤ LỤC", "text": "Cửa sổ hai."}, page=page)
    assert second.status_code == 302
    assert "vừa được sửa ở cửa sổ khác" in client.get(second.location).get_data(as_text=True)
    with app.app_context():
        stored = next(e for e in outline_of(db.session.get(Conference, demo_id)) if e.key == key)
        assert stored.text == "Cửa sổ một."
