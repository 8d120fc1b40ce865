"""Issue 18, item 6: lost updates on the forms that edit a shared row.

The attack: open the norm profile, norm item, base salary or plan paragraph form in two tabs, save
the first, then the second: the second silently overwrote the first. Now the second save answers
409 with a Vietnamese message, the page keeps what was typed in the second tab, the first save is
kept; saving the second tab again (it now carries the current version) overwrites on purpose.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from kehoach_app.db import db

STALE = "vừa được sửa ở cửa sổ khác"


class _Fields(HTMLParser):
    """The values a browser would post from the page's forms (the last form wins a name)."""

    def __init__(self, action: str | None = None):
        super().__init__()
        self.action, self.fields, self._in, self._textarea, self._select = (
            action,
            {},
            False,
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in = self.action is None or attrs.get("action") == self.action
        if not self._in:
            return
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "checkbox"):
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif (
            tag == "option"
            and self._select
            and ("selected" in attrs or self._select not in self.fields)
        ):
            self.fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in = False

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += (
                data.removeprefix("\n") if not self.fields[self._textarea] else data
            )


def tab(client, page: str, action: str | None = None) -> dict:
    """Open `page` as a new tab: the fields its form would post."""
    response = client.get(page)
    assert response.status_code == 200, page
    parser = _Fields(action)
    parser.feed(response.get_data(as_text=True))
    assert "version" in parser.fields and "csrf_token" in parser.fields, parser.fields
    return parser.fields


def two_tabs_save(client, page: str, field: str, first: str, second: str, action=None):
    """Both tabs open, the first saves `first`, the second `second`: the second is refused."""
    url = action or page
    one, two = tab(client, page, action), tab(client, page, action)
    saved = client.post(url, data=one | {field: first})
    assert saved.status_code in (302, 303), saved.get_data(as_text=True)[:2000]
    refused = client.post(url, data=two | {field: second})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert STALE in html
    assert second in html  # what the second tab typed is still on the page
    return refused


def _fields_of(html: str, action: str | None = None) -> dict:
    parser = _Fields(action)
    parser.feed(html)
    return parser.fields


def test_norm_profile_form_refuses_the_second_tab(app, client):
    from kehoach_app.budget.models import NormProfile

    with app.app_context():
        profile = NormProfile(name="Nghị quyết 15/2025/NQ-HĐND", kind="province", notes="")
        db.session.add(profile)
        db.session.commit()
        profile_id = profile.id
    page = f"/dinh-muc-chi/{profile_id}/sua"
    refused = two_tabs_save(client, page, "notes", "Ghi chú của tab một", "Ghi chú của tab hai")
    with app.app_context():
        assert db.session.get(NormProfile, profile_id).notes == "Ghi chú của tab một"
    # saved again from the refused page (it carries the current version): on purpose, kept
    again = client.post(page, data=_fields_of(refused.get_data(as_text=True)))
    assert again.status_code == 302
    with app.app_context():
        assert db.session.get(NormProfile, profile_id).notes == "Ghi chú của tab hai"


def test_norm_form_refuses_the_second_tab(app, client):
    from kehoach_app.budget.models import Norm, NormProfile

    with app.app_context():
        profile = NormProfile(name="Quy chế chi tiêu nội bộ", kind="unit", notes="")
        norm = Norm(
            profile=profile,
            code="drinks",
            name="Nước uống",
            category="nuoc_uong",
            unit="người/ngày",
            amount=40_000,
            effective_from=dt.date(2025, 7, 1),
            legal_basis="Quyết định 01/QĐ ngày 02/01/2025, Điều 5.",
        )
        db.session.add_all([profile, norm])
        db.session.commit()
        profile_id, norm_id = profile.id, norm.id
    page = f"/dinh-muc-chi/{profile_id}/muc/{norm_id}/sua"
    two_tabs_save(client, page, "amount", "45.000", "38.000")
    with app.app_context():
        assert db.session.get(Norm, norm_id).amount == 45_000


def test_base_salary_form_refuses_the_second_tab(app, client):
    from kehoach_app.awards.models import BaseSalary

    with app.app_context():
        salary = BaseSalary(
            amount=2_900_000, effective_from=dt.date(2031, 1, 1), legal_basis="Nghị định 73/2024"
        )
        db.session.add(salary)
        db.session.commit()
        salary_id = salary.id
    page = f"/danh-muc-khen-thuong/luong-co-so/{salary_id}/sua"
    two_tabs_save(client, page, "legal_basis", "Nghị định 73/2024/NĐ-CP", "Căn cứ của tab hai")
    with app.app_context():
        assert db.session.get(BaseSalary, salary_id).legal_basis == "Nghị định 73/2024/NĐ-CP"


def test_plan_paragraph_refuses_the_second_tab(app, client, demo_id):
    from kehoach_app.conferences.models import Conference
    from kehoach_app.plan.operations import edits_of

    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    action = f"{page}/doan/purposes"
    # never edited before: both tabs carry version 0; the first save creates the edit
    two_tabs_save(client, page, "text", "Mục đích của tab một.", "Mục đích của tab hai.", action)
    with app.app_context():
        assert edits_of(db.session.get(Conference, demo_id))["purposes"][0] == (
            "Mục đích của tab một."
        )
    # edited already: the same once more, over version 1
    refused = two_tabs_save(client, page, "text", "Lần hai, tab một.", "Lần hai, tab hai.", action)
    with app.app_context():
        assert edits_of(db.session.get(Conference, demo_id))["purposes"][0] == "Lần hai, tab một."
    # the refused page shows the second tab's text in the paragraph's open form
    assert _fields_of(refused.get_data(as_text=True), action)["text"] == "Lần hai, tab hai."


def test_plan_recipients_refuse_the_second_tab(app, client, demo_id):
    """Nơi nhận is a field of the shared conference row: the same attack, the same refusal."""
    from kehoach_app.conferences.models import Conference

    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    action = f"{page}/noi-nhan"
    one, two = _fields_of(client.get(page).get_data(as_text=True), action), None
    two = dict(one)
    assert "original" in one
    saved = client.post(action, data=one | {"recipients": "UBND tỉnh\nLưu: VT, VHXH"})
    assert saved.status_code == 302
    refused = client.post(action, data=two | {"recipients": "Sở Nội vụ\nLưu: VT, tab hai"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "Nơi nhận vừa được sửa ở cửa sổ khác" in html
    assert _fields_of(html, action)["recipients"] == "Sở Nội vụ\nLưu: VT, tab hai"
    with app.app_context():
        assert db.session.get(Conference, demo_id).recipients == "UBND tỉnh\nLưu: VT, VHXH"
