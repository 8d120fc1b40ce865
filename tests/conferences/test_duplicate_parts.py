"""'Nhân bản' carries every part into next year; Hoàn tác returns to the page it was clicked on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kehoach_app.agenda.models import AgendaItem
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.tasks.models import Task
from tests.conftest import post


def test_copy_moves_years_in_programme_and_fixed_deadlines_and_resets_statuses(
    app, client, demo_id
):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        launched = conference.year_launched
        reviewed = conference.year_reviewed
        task = db.session.scalars(select(Task).where(Task.conference_id == demo_id)).first()
        task.deadline_kind, task.days_before = "fixed", None
        task.deadline_date = dt.date(reviewed, 12, 20)
        task.status = "done"
        db.session.commit()
    post(client, f"/hoi-nghi/{demo_id}/nhan-ban", page=f"/hoi-nghi/{demo_id}")
    with app.app_context():
        copy = db.session.scalars(select(Conference).where(Conference.id != demo_id)).one()
        items = db.session.scalars(
            select(AgendaItem).where(AgendaItem.conference_id == copy.id)
        ).all()
        report = next(i for i in items if i.kind == "bao_cao")
        assert f"năm {reviewed + 1}" in report.title and f"năm {launched + 1}" in report.title
        tasks = db.session.scalars(
            select(Task).where(Task.conference_id == copy.id).order_by(Task.position)
        ).all()
        assert tasks[0].deadline_date == dt.date(reviewed + 1, 12, 20)
        assert {t.status for t in tasks} == {"todo"}
        original = db.session.scalars(select(Task).where(Task.conference_id == demo_id)).all()
        assert len(original) == len(tasks)


def test_undo_goes_back_to_the_page_it_was_clicked_on(client, demo_id):
    page = f"/hoi-nghi/{demo_id}/sua"
    response = post(
        client,
        f"/hoi-nghi/{demo_id}/hoan-tac",
        {"next": f"/hoi-nghi/{demo_id}/chuong-trinh"},
        page=page,
    )
    assert response.headers["Location"] == f"/hoi-nghi/{demo_id}/chuong-trinh"
    response = post(client, f"/hoi-nghi/{demo_id}/hoan-tac", {"next": "//evil.example/"}, page=page)
    assert response.headers["Location"] == f"/hoi-nghi/{demo_id}"
