"""Reading the budget writes nothing (issue 19): the page, the dashboard card, the printouts and
the plan show the derived lines brought up to date in memory; the next change of the estimate
stores them as they were shown (docs/budget.md)."""

from __future__ import annotations

import html as html_module
import io
import re
import sqlite3
from pathlib import Path
from urllib.parse import unquote_plus

import pdfplumber
from sqlalchemy import select

from kehoach_app.budget.models import BudgetLine, BudgetSettings
from kehoach_app.db import db
from tests.conftest import post


def _dump(app) -> list[str]:
    connection = sqlite3.connect(Path(app.config["DATA_DIR"]) / "kehoach.sqlite3")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _stored(app, cid):
    with app.app_context():
        return [
            (line.derived_key, line.quantity_milli, line.unit_price, line.overridden)
            for line in db.session.scalars(
                select(BudgetLine)
                .where(BudgetLine.conference_id == cid)
                .order_by(BudgetLine.position)
            )
        ]


def _set_planned(app, cid, planned):
    from kehoach_app.conferences.models import Conference

    with app.app_context():
        db.session.get(Conference, cid).planned_delegates = planned
        db.session.commit()


def test_every_reader_shows_the_new_count_and_nothing_is_stored(app, client, conference_id):
    cid = conference_id
    page = f"/hoi-nghi/{cid}/du-toan"
    post(client, f"/hoi-nghi/{cid}/du-toan/them-tu-tinh", {"key": "drinks"}, page=page)
    assert _stored(app, cid) == [("drinks", 150_000, 40_000, False)]  # 150 × 40.000 = 6.000.000
    _set_planned(app, cid, 180)
    before = _dump(app)
    html = client.get(page).get_data(as_text=True)
    assert "7.200.000" in html and "6.000.000" not in html  # 180 người × 40.000 đồng
    card = client.get(f"/hoi-nghi/{cid}").get_data(as_text=True)
    assert "Tổng cộng: 7.200.000 đồng" in card
    response = client.get(f"/hoi-nghi/{cid}/in/du-toan.pdf")
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "7.200.000" in text and "6.000.000" not in text
    plan = client.get(f"/hoi-nghi/{cid}/ke-hoach").get_data(as_text=True)
    assert "7.200.000" in plan
    assert _dump(app) == before  # four readers, not one row written
    assert _stored(app, cid) == [("drinks", 150_000, 40_000, False)]
    # the next change of the estimate stores the line as shown, then applies itself
    post(
        client,
        f"/hoi-nghi/{cid}/du-toan/them",
        {"category": "khac", "content": "Văn phòng phẩm", "unit": "gói", "quantity": "1",
         "unit_price": "500.000", "norm_code": "", "notes": ""},
        page=page,
    )  # fmt: skip
    assert _stored(app, cid) == [("drinks", 180_000, 40_000, False), (None, 1000, 500_000, False)]
    assert "7.700.000" in client.get(page).get_data(as_text=True)  # 7.200.000 + 500.000


def test_a_budget_not_started_is_read_with_its_defaults_and_started_by_a_change(
    app, client, conference_id
):
    cid = conference_id
    before = _dump(app)
    settings = client.get(f"/hoi-nghi/{cid}/du-toan/thiet-lap").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in settings
    client.get(f"/hoi-nghi/{cid}/du-toan")
    client.get("/dinh-muc-chi")
    assert _dump(app) == before
    with app.app_context():
        assert db.session.get(BudgetSettings, cid) is None
    response = post(
        client,
        f"/hoi-nghi/{cid}/du-toan/thiet-lap",
        {"norm_profile_id": "", "days": "1", "meal_location": "", "available_amount": "2.000.000",
         "version": "1"},
        page=f"/hoi-nghi/{cid}/du-toan/thiet-lap",
    )  # fmt: skip
    assert response.status_code == 302  # the form opened on defaults saves without a 409
    with app.app_context():
        assert db.session.get(BudgetSettings, cid).available_amount == 2_000_000


def test_an_automatic_line_not_stored_yet_is_edited_from_the_page(app, client, conference_id):
    from kehoach_app.awards.models import Award, AwardForm

    cid = conference_id
    page = f"/hoi-nghi/{cid}/du-toan"
    with app.app_context():
        form = db.session.scalar(
            select(AwardForm).where(AwardForm.code == "giay_khen_chu_tich_ubnd_xa")
        )
        db.session.add(
            Award(conference_id=cid, form_id=form.id, position=1, recipient_kind="individual",
                  name="Nguyễn Văn An")
        )  # fmt: skip
        db.session.commit()
    html = client.get(page).get_data(as_text=True)
    assert _stored(app, cid) == []
    links = re.findall(r'href="(/hoi-nghi/\d+/du-toan/0/sua\?dong=[^"]+)"', html)
    item_link = html_module.unescape(next(link for link in links if "award_items" in link))
    form_page = client.get(item_link)
    assert form_page.status_code == 200 and 'value="1"' in form_page.get_data(as_text=True)
    key = unquote_plus(item_link.split("dong=")[1])
    response = post(
        client,
        item_link,
        {"category": "hien_vat", "content": "Khung giấy khen", "unit": "cái", "quantity": "1",
         "unit_price": "80.000", "norm_code": "", "notes": "", "version": "1"},
        page=item_link,
    )  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    stored = {k: (q, p, o) for k, q, p, o in _stored(app, cid)}
    assert stored[key] == (1000, 80_000, False)  # 1 khung × 80.000, still automatic
    assert any(k.startswith("award_money:") for k in stored)  # stored with it, as shown
    assert "80.000" in client.get(page).get_data(as_text=True)
