"""The seating chart's links are built from one url_for (issue 19); each seat's link read from
the page must be exactly what url_for gives for that seat, on the chart (no seat chosen, a seat
chosen) and in the hall editor (nothing picked, seats picked), and the seat shows the given name
under the initials of the other words."""

from __future__ import annotations

import html
import re

from flask import url_for

from kehoach_app.db import db
from kehoach_app.seating import operations, svg
from kehoach_app.seating.models import SeatAssignment


def links(page: str) -> dict[str, str]:
    """Seat code → the href of its link, as the browser reads it (entities decoded)."""
    found = {
        code: html.unescape(href)
        for href, code in re.findall(
            r'<a href="([^"]*)" class="seat[^"]*" data-code="([^"]+)"', page
        )
    }
    assert found, "no seat link on the page"
    return found


def seat_codes(app, cid: int) -> list[str]:
    with app.app_context():
        from kehoach_app.conferences.models import Conference

        state = operations.load(db.session.get(Conference, cid))
        return [s.code for s in state.layout.seats if not s.missing]


def expected(app, endpoint: str, cid: int, anchor: str = "", **args) -> str:
    with app.test_request_context():
        return url_for(endpoint, conference_id=cid, **args) + anchor


def test_every_seat_link_on_the_chart_is_what_url_for_gives(app, client, demo_id):
    codes = seat_codes(app, demo_id)
    assert len(codes) > 100  # the demo hall
    page = client.get(f"/hoi-nghi/{demo_id}/cho-ngoi").get_data(as_text=True)
    found = links(page)
    assert set(found) == set(codes)
    for code in codes:
        assert found[code] == expected(app, "seating.index", demo_id, "#ghe-chon", ghe=code)

    # one seat chosen: every other seat's link offers to swap with it (?ghe=B&tu=A)
    chosen = "DCT-1-4"
    page = client.get(f"/hoi-nghi/{demo_id}/cho-ngoi?ghe={chosen}").get_data(as_text=True)
    found = links(page)
    for code in codes:
        want = (
            expected(app, "seating.index", demo_id, "#ghe-chon", ghe=code)
            if code == chosen
            else expected(app, "seating.index", demo_id, "#ghe-chon", ghe=code, tu=chosen)
        )
        assert found[code] == want, code
    # by hand, one of them
    assert found["B1-A-01"] == f"/hoi-nghi/{demo_id}/cho-ngoi?ghe=B1-A-01&tu=DCT-1-4#ghe-chon"


def test_every_seat_link_in_the_hall_editor_is_what_url_for_gives(app, client, demo_id):
    codes = seat_codes(app, demo_id)
    for picked in ([], ["B1-A-01", "B1-A-02"]):
        query = f"?chon={','.join(picked)}" if picked else ""
        page = client.get(f"/hoi-nghi/{demo_id}/cho-ngoi/hoi-truong{query}").get_data(True)
        found = links(page)
        for code in codes:
            after = [c for c in picked if c != code] if code in picked else [*picked, code]
            assert found[code] == expected(app, "seating.hall", demo_id, chon=",".join(after)), code
    assert found["B1-A-03"] == (
        f"/hoi-nghi/{demo_id}/cho-ngoi/hoi-truong?chon=B1-A-01,B1-A-02,B1-A-03"
    )


def test_a_seat_shows_the_given_name_under_the_initials(app, client, demo_id):
    with app.app_context():
        from kehoach_app.delegates.models import Delegate

        row, person = next(
            (r, p)
            for r in db.session.query(SeatAssignment).filter_by(conference_id=demo_id)
            for p in [db.session.get(Delegate, r.delegate_id)]
            if p.reply != "substitute" and len(p.full_name.split()) >= 3
        )
        name, code = person.full_name, row.seat_code
    words = name.split()
    assert len(words) >= 2
    page = client.get(f"/hoi-nghi/{demo_id}/cho-ngoi").get_data(as_text=True)
    seat = re.search(rf'data-code="{code}"[^>]*>(.*?)</a>', page, re.S)[1]
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", seat)]
    assert texts == ["".join(f"{w[0].upper()}." for w in words[:-1]), words[-1]]
    assert svg.seat_label("Nguyễn Thị Hương") == ("N.T.", "Hương")
