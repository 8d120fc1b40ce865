"""An exact day still marked "dự kiến" (seed 003: "Dự kiến ngày 27/3/2020 (Có Giấy mời sau)")
reads the same on the dashboard and the list as in the plan (new user's walk, 04/12/2026: the
dashboard showed a plain day while the plan said "dự kiến")."""

from __future__ import annotations

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db


def test_a_tentative_exact_day_says_so_on_the_dashboard_and_the_list(app, client, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        conference.date_tentative = True
        conference.date_note = "Có Giấy mời sau"
        db.session.commit()
        day = conference.date
    dashboard = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    listing = client.get("/").get_data(as_text=True)
    expected = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    for page in (dashboard, listing):
        assert "Có Giấy mời sau" in page
        assert "ự kiến" in page  # "Dự kiến" / "dự kiến"
    assert expected in dashboard
