"""The first view after a change recomputes only what the change reached (issue 19): results
keyed on their own input (readmodel.per_content, the title block laid out by its arguments), and
what the pages computed without showing cut. Counted, never timed; and never stale: a change to
the input gives the new figure on the next view."""

from __future__ import annotations

import sqlite3

import pytest

from kehoach_app import readmodel
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.decor import logic as decor_logic
from kehoach_app.delegates import reading


def database_file(app) -> str:
    with app.app_context():
        return db.engine.url.database


def write(app, sql: str, *parameters) -> None:
    """A change committed by another connection (as the command line or sqlite3 would)."""
    connection = sqlite3.connect(database_file(app))
    connection.execute(sql, parameters)
    connection.commit()
    connection.close()


@pytest.fixture()
def fresh(monkeypatch):
    """Nothing kept from another test (the results keyed on content are the process's)."""
    monkeypatch.setattr(readmodel, "_CONTENT", {})
    decor_logic.generated_title_block.cache_clear()


@pytest.fixture()
def built(monkeypatch):
    """Counts what the reader builds: frozen rows (per read) and seating's people (per row)."""
    calls = {"rows": 0, "seating": 0, "award": 0}
    rows_of, seating_person, award_person = (
        reading._rows_of,
        reading.seating_person,
        reading.award_person,
    )

    def count_rows(raw):
        calls["rows"] += 1
        return rows_of(raw)

    def count_seating(row):
        calls["seating"] += 1
        return seating_person(row)

    def count_award(row):
        calls["award"] += 1
        return award_person(row)

    monkeypatch.setattr(reading, "_rows_of", count_rows)
    monkeypatch.setattr(reading, "seating_person", count_seating)
    monkeypatch.setattr(reading, "award_person", count_award)
    return calls


def test_an_edit_elsewhere_reuses_the_delegates_built(app, client, demo_id, fresh, built):
    dashboard = f"/hoi-nghi/{demo_id}"
    assert client.get(dashboard).status_code == 200
    assert built["rows"] == 1
    people = built["seating"]
    with app.app_context():
        everyone = len(reading.delegate_rows(demo_id))
    assert people == everyone > 0  # each of the demo's delegates made seating's Person once
    assert built["rows"] == 1  # read again outside the request, the same content: reused
    # Another connection edits the conference's notes: the next view is the first after a
    # change (nothing kept by the state of the database), yet the delegates' rows come back
    # as they were and what was built from them is reused.
    write(app, "UPDATE conferences SET notes = notes || ' ' WHERE id = ?", demo_id)
    assert client.get(dashboard).status_code == 200
    assert client.get(f"/hoi-nghi/{demo_id}/kiem-tra").status_code == 200
    assert built["rows"] == 1 and built["seating"] == people


def test_an_edit_of_a_delegate_is_never_served_stale(app, client, demo_id, fresh, built):
    seating_page = f"/hoi-nghi/{demo_id}/cho-ngoi"
    page = client.get(seating_page).get_data(as_text=True)
    with app.app_context():
        first = reading.delegate_rows(demo_id)[0]
    assert first.full_name in page
    write(app, "UPDATE delegates SET full_name = ? WHERE id = ?", "Lương Thế Vinh", first.id)
    page = client.get(seating_page).get_data(as_text=True)
    assert "Lương Thế Vinh" in page and first.full_name not in page
    assert built["rows"] == 2  # a new content: built again


def test_the_ceremony_makes_a_person_only_of_whom_it_reads(app, client, demo_id, fresh, built):
    """The awards' ceremony reads the Đoàn Chủ tịch, the receivers and the chosen presenters:
    the check page makes the awards' Person of those alone, and the ceremony is the one the
    whole list of delegates gives."""
    from kehoach_app.awards import logic as awards_logic
    from kehoach_app.awards import operations as awards_operations

    assert client.get(f"/hoi-nghi/{demo_id}/kiem-tra").status_code == 200
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        rows = reading.delegate_rows(demo_id)
        state = awards_operations.load(conference)
        named = {a.receiver_delegate_id for a in state.awards} | {
            b.presenter_delegate_id for b in state.batches
        }
        wanted = [r for r in rows if r.presidium or r.id in named]
        assert 0 < len(wanted) < len(rows)
        assert built["award"] == len(wanted)
        everyone = {r.id: reading.award_person(r) for r in rows}
        whole = awards_logic.plan_ceremony(
            state.forms,
            [awards_operations.recipient(a, everyone) for a in state.awards],
            state.settings.batch_size,
            everyone.values(),
            [awards_operations.batch_edit(b, everyone) for b in state.batches],
            state.settings.breaks_after,
            state.settings.group_by,
            conference.level,
        )
        assert state.ceremony == whole
        assert any(batch.presenter for batch in whole.batches)


def test_the_title_block_is_laid_out_once_for_its_words(app, client, demo_id, fresh, monkeypatch):
    layouts = []
    real = decor_logic.layout_text_block

    def counted(*args, **kwargs):
        layouts.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(decor_logic, "layout_text_block", counted)
    # The demo's backdrop keeps no title of its own: the generated one is laid out for it.
    write(app, "UPDATE backdrops SET title_block = '' WHERE conference_id = ?", demo_id)
    dashboard = f"/hoi-nghi/{demo_id}"
    assert client.get(dashboard).status_code == 200
    assert len(layouts) == 1  # the check run quotes it through the plan
    write(app, "UPDATE conferences SET notes = notes || ' ' WHERE id = ?", demo_id)
    assert client.get(dashboard).status_code == 200
    assert client.get(f"/hoi-nghi/{demo_id}/ke-hoach").status_code == 200
    assert len(layouts) == 1  # the notes are not among its words
    write(app, "UPDATE conferences SET title = ? WHERE id = ?", "Hội nghị Lương Thế Vinh", demo_id)
    assert client.get(dashboard).status_code == 200
    assert len(layouts) == 2
    with app.test_request_context():
        from kehoach_app.decor import operations as decor_operations

        conference = db.session.get(Conference, demo_id)
        texts = decor_operations.resolved_texts(conference).values()
        assert any("LƯƠNG THẾ VINH" in text for text in texts)


def test_the_print_centre_reads_the_backdrop_size_without_drawing(app, client, demo_id, fresh):
    from kehoach_app.decor import operations as decor_operations

    def drawn(*args, **kwargs):
        raise AssertionError("the print centre laid the backdrop out")

    centre = f"/hoi-nghi/{demo_id}/in"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(decor_operations, "backdrop_plan", drawn)
        assert "Chưa có kích thước phông" not in client.get(centre).get_data(as_text=True)
        write(app, "DELETE FROM backdrops WHERE conference_id = ?", demo_id)
        assert "Chưa có kích thước phông" in client.get(centre).get_data(as_text=True)
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        assert decor_operations.backdrop_plan(conference).assumed_size  # the same flag


def test_the_conference_first_due_is_read_once_a_view(app, client, demo_id, monkeypatch):
    calls = []
    real = Conference._first_due

    def counted(self):
        calls.append(self.id)
        return real(self)

    monkeypatch.setattr(Conference, "_first_due", counted)
    assert client.get(f"/hoi-nghi/{demo_id}/in").status_code == 200
    assert calls == [demo_id]  # was once for each card, rule and printout that asks (~25)
    with app.app_context():  # outside a GET: read afresh every time
        conference = db.session.get(Conference, demo_id)
        assert conference.first_due == conference.first_due
    assert len(calls) == 3


def test_the_receipts_missing_counts_as_the_lists_do(app, demo_id):
    """The print centre's "còn thiếu" of the Danh sách ký nhận tiền thưởng, counted on the
    recipients, says what the lists themselves say: a blank decision, the unpriced awards."""
    from kehoach_app.awards import operations as awards_operations
    from kehoach_app.awards import receipts, receipts_views
    from kehoach_app.awards.models import Award

    def from_lists(conference) -> list[str]:
        lists, state = receipts_views._lists(conference)
        found = []
        unpriced = sum(entry.unpriced for entry in lists)
        if unpriced:
            found.append(f"{unpriced} khen thưởng chưa tính được tiền")
        if any(entry.text == receipts.NO_DECISION for entry in lists):
            found.append("Có khen thưởng chưa nhập số, ngày quyết định")
        return found

    def both() -> tuple[list[str], list[str]]:
        with app.test_request_context():
            conference = db.session.get(Conference, demo_id)
            missing = receipts_views.missing(conference)
            return [m for m in missing if not m.startswith("Mức lương")], from_lists(conference)

    now, expected = both()
    assert now == expected
    with app.app_context():
        award = db.session.scalars(
            db.select(Award).where(Award.conference_id == demo_id).order_by(Award.id)
        ).first()
        award.decision_number, award.decision_date = "  ", None
        award_id = award.id
        db.session.commit()
    now, expected = both()
    assert now == expected and "Có khen thưởng chưa nhập số, ngày quyết định" in now
    with app.app_context():  # an award dated before any base salary in force: not priced
        import datetime as dt

        award = db.session.get(Award, award_id)
        award.decision_number, award.decision_date = "1/QĐ-UBND", dt.date(1990, 1, 1)
        db.session.commit()
        state = awards_operations.load(db.session.get(Conference, demo_id))
        unpriced = state.money.unpriced
    now, expected = both()
    assert now == expected
    assert unpriced == 1 and "1 khen thưởng chưa tính được tiền" in now


def test_one_view_schedules_the_tasks_and_reads_the_norms_once(app, client, demo_id, monkeypatch):
    """The dashboard's tasks card and the checks share one schedule; the estimate, its checks
    and the meal rule share one read of the norm profiles."""
    from kehoach_app.budget import operations as budget_operations
    from kehoach_app.tasks import logic as tasks_logic

    schedules, norms = [], []
    real_schedule, real_norms = tasks_logic.schedule, budget_operations._norm_profiles

    def schedule(*args, **kwargs):
        schedules.append(1)
        return real_schedule(*args, **kwargs)

    def norm_profiles(conference):
        norms.append(conference.id)
        return real_norms(conference)

    monkeypatch.setattr(tasks_logic, "schedule", schedule)
    monkeypatch.setattr(budget_operations, "_norm_profiles", norm_profiles)
    page = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    assert "Phân công nhiệm vụ" in page and "Dự toán kinh phí" in page
    assert len(schedules) == 1
    assert norms == [demo_id]


def test_the_award_money_is_kept_by_its_input(app, client, demo_id, fresh, monkeypatch):
    from kehoach_app.awards import logic as awards_logic

    priced = []
    real = awards_logic.money_by_form

    def counted(*args, **kwargs):
        priced.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(awards_logic, "money_by_form", counted)
    awards_page = f"/hoi-nghi/{demo_id}/khen-thuong"
    before = client.get(awards_page).get_data(as_text=True)
    assert len(priced) == 1
    write(app, "UPDATE conferences SET notes = notes || ' ' WHERE id = ?", demo_id)
    assert client.get(awards_page).get_data(as_text=True) == before
    assert client.get(f"/hoi-nghi/{demo_id}").status_code == 200
    assert len(priced) == 1  # the notes are not among its inputs
    # Every award's decision dated before any base salary in force: none can be priced.
    write(app, "UPDATE awards SET decision_date = '1990-01-01' WHERE conference_id = ?", demo_id)
    after = client.get(awards_page).get_data(as_text=True)
    assert len(priced) == 2 and after != before
    with app.test_request_context():
        from kehoach_app.awards import operations as awards_operations

        money = awards_operations.load(db.session.get(Conference, demo_id)).money
        assert money.total == 0 and money.unpriced == len(money.amounts) > 0
