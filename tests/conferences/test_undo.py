"""Undo by the tables a change writes (issue 19): each kind of change, then Hoàn tác, gives back
the conference file exactly as before; rows keep their ids; steps saved before 0020 still undo."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from sqlalchemy import delete, func, select

from kehoach_app import transfer
from kehoach_app.awards.models import Award
from kehoach_app.budget.models import BudgetLine
from kehoach_app.conferences import operations
from kehoach_app.conferences.models import Conference, ConferenceRevision
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate, DelegateGroup
from kehoach_app.seating.models import SeatAssignment
from tests.conftest import post


def exported(conference_id: int) -> str:
    """The conference file as the Xuất tệp button writes it, its time of writing left out."""
    db.session.expire_all()
    document = transfer.export_conference(db.session.get(Conference, conference_id))
    document.pop("exported_at")
    return transfer.dump_json(document).decode()


def undo_over_http(client, conference_id: int) -> None:
    page = f"/hoi-nghi/{conference_id}"
    response = post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=page)
    assert response.status_code == 302


def first(model, conference_id: int, *order):
    return db.session.scalars(
        select(model).where(model.conference_id == conference_id).order_by(*order, model.id)
    ).first()


def edit_one_delegate(conference):
    from kehoach_app.delegates import operations as delegates

    person = first(Delegate, conference.id)
    delegates.update_delegate(conference, person, {"full_name": "Nguyễn Văn Đổi Tên"})
    return Delegate, person.id


def delete_a_group(conference):
    from kehoach_app.delegates import operations as delegates

    group = first(DelegateGroup, conference.id, DelegateGroup.position)
    assert db.session.scalar(select(func.count()).where(Delegate.group_id == group.id)) > 0
    delegates.delete_group(conference, group)
    return DelegateGroup, group.id


def auto_seat(conference):
    from kehoach_app.seating import operations as seating

    result = seating.auto_assign(conference)
    assert result.seats
    return None, None


def edit_an_award(conference):
    from kehoach_app.awards import operations as awards

    award = first(Award, conference.id)
    assert awards.update_award(award, {"name": "Tập thể Đổi Tên", "unit": "Ấp Mỹ Lộc"})
    return Award, award.id


def edit_a_budget_line(conference):
    from kehoach_app.budget import operations as budget

    line = first(BudgetLine, conference.id, BudgetLine.position)
    values = {name: getattr(line, name) for name in budget.LINE_FIELDS}
    values["content"] = "Nước uống cho đại biểu (sửa)"
    values["unit_price"] = (line.unit_price or 0) + 5_000
    assert budget.update_line(conference, line, values, None)
    return BudgetLine, line.id


def edit_the_plan_outline(conference):
    from kehoach_app.plan.operations import add_free_section

    operations.take_snapshot(conference, "plan", "Thêm một mục tự viết vào Kế hoạch")
    add_free_section(conference, "", "PHÂN CÔNG NHIỆM VỤ", "Văn phòng chủ trì.", 1)
    return None, None


def edit_the_conference(conference):
    # the organiser's hooks re-word the programme and the budget inside the same step
    operations.update_conference(
        conference, {"title": "Hội nghị đổi tên", "unit_name": "Tân Bình", "issuer": "Ủy ban"}
    )
    return None, None


CHANGES = [
    edit_one_delegate,
    delete_a_group,
    auto_seat,
    edit_an_award,
    edit_a_budget_line,
    edit_the_plan_outline,
    edit_the_conference,
]


def _unseat_everyone(conference_id: int) -> None:
    """So that the automatic seating has something to change (the demo is seated already)."""
    db.session.execute(delete(SeatAssignment).where(SeatAssignment.conference_id == conference_id))
    db.session.commit()


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_a_change_then_undo_gives_back_the_conference_file(app, client, demo_id, change):
    with app.test_request_context():
        if change is auto_seat:
            _unseat_everyone(demo_id)
        before = exported(demo_id)
        model, row_id = change(db.session.get(Conference, demo_id))
        db.session.commit()
        assert exported(demo_id) != before
        revision = db.session.scalars(
            select(ConferenceRevision).order_by(ConferenceRevision.id.desc())
        ).first()
        assert revision.snapshot_kind == "tables"
        kept = set(json.loads(revision.snapshot)["tables"])
    undo_over_http(client, demo_id)
    with app.test_request_context():
        assert exported(demo_id) == before
        if model is not None:  # the row changed (or deleted) is back under its own id
            assert db.session.get(model, row_id) is not None
    # only the part(s) written were kept, never the whole conference
    assert "agenda_items" not in kept or change is edit_the_conference
    assert "tasks" not in kept


def test_auto_seating_keeps_the_seat_rows_alone(app, demo_id):
    with app.test_request_context():
        _unseat_everyone(demo_id)
        auto_seat(db.session.get(Conference, demo_id))
        db.session.commit()
        revision = db.session.scalars(
            select(ConferenceRevision).order_by(ConferenceRevision.id.desc())
        ).first()
        document = json.loads(revision.snapshot)
    assert list(document["tables"]) == ["seat_assignments"]
    assert document["tables"]["seat_assignments"]["rows"] == []  # nobody was seated before
    assert document["shared"] == {}


def test_undo_of_an_edit_keeps_every_id_and_gives_a_version_never_seen(app, client, demo_id):
    with app.test_request_context():
        ids = set(db.session.scalars(select(Delegate.id).where(Delegate.conference_id == demo_id)))
        versions = dict(
            db.session.execute(
                select(Delegate.id, Delegate.version).where(Delegate.conference_id == demo_id)
            ).all()
        )
        person = first(Delegate, demo_id)
        person_id, version = person.id, person.version
        edit_one_delegate(db.session.get(Conference, demo_id))
        db.session.commit()
        assert db.session.get(Delegate, person_id).version == version + 1
    undo_over_http(client, demo_id)
    with app.test_request_context():
        now = set(db.session.scalars(select(Delegate.id).where(Delegate.conference_id == demo_id)))
        assert now == ids
        # put back under a version above any it had: no form open on it can match by chance
        assert db.session.get(Delegate, person_id).version > version + 1
        # the rows the undone change did not write keep theirs
        after = dict(
            db.session.execute(
                select(Delegate.id, Delegate.version).where(Delegate.conference_id == demo_id)
            ).all()
        )
        assert {k: v for k, v in after.items() if k != person_id} == {
            k: v for k, v in versions.items() if k != person_id
        }


class _Fields(HTMLParser):
    """The fields of the first form holding a version field, as the browser would post them."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def test_an_open_edit_form_still_saves_after_undo_of_another_change(app, client, demo_id):
    with app.test_request_context():
        person_id = first(Delegate, demo_id).id
    url = f"/hoi-nghi/{demo_id}/dai-bieu/{person_id}/sua"
    page = _Fields()
    page.feed(client.get(url).get_data(as_text=True))  # the form opened in one tab
    assert "version" in page.fields and "full_name" in page.fields
    with app.test_request_context():  # in another tab: a budget line changed, then undone
        edit_a_budget_line(db.session.get(Conference, demo_id))
        db.session.commit()
    undo_over_http(client, demo_id)
    fields = dict(page.fields, full_name="Trần Thị Sửa Sau")
    response = client.post(url, data=fields)
    assert response.status_code == 302
    with app.test_request_context():
        assert db.session.get(Delegate, person_id).full_name == "Trần Thị Sửa Sau"


def test_a_form_opened_after_the_change_is_refused_after_its_undo(app, client, demo_id):
    with app.test_request_context():
        person_id = first(Delegate, demo_id).id
        edit_one_delegate(db.session.get(Conference, demo_id))
        db.session.commit()
    url = f"/hoi-nghi/{demo_id}/dai-bieu/{person_id}/sua"
    page = _Fields()
    page.feed(client.get(url).get_data(as_text=True))
    undo_over_http(client, demo_id)
    response = client.post(url, data=dict(page.fields, full_name="Lê Văn Cửa Sổ Cũ"))
    assert response.status_code == 409  # it showed the edit that was undone
    with app.test_request_context():
        assert db.session.get(Delegate, person_id).full_name != "Lê Văn Cửa Sổ Cũ"


def _open_form(client, url: str) -> dict:
    page = _Fields()
    page.feed(client.get(url).get_data(as_text=True))
    assert "version" in page.fields and "full_name" in page.fields
    return page.fields


def test_a_form_opened_after_an_undone_change_is_refused_after_a_new_edit(app, client, demo_id):
    """Undo, then a new edit in another tab: the row's version must not come back to the one
    the form opened on the undone change carries (1 → 2, undo → 1, edit → 2 would let it
    overwrite the new edit unseen)."""
    from kehoach_app.delegates import operations as delegates

    with app.test_request_context():
        person_id = first(Delegate, demo_id).id
        edit_one_delegate(db.session.get(Conference, demo_id))
        db.session.commit()
    url = f"/hoi-nghi/{demo_id}/dai-bieu/{person_id}/sua"
    fields = _open_form(client, url)  # shows "Nguyễn Văn Đổi Tên"
    undo_over_http(client, demo_id)
    with app.test_request_context():  # another tab edits the delegate once more
        conference = db.session.get(Conference, demo_id)
        person = db.session.get(Delegate, person_id)
        assert delegates.update_delegate(conference, person, {"unit": "Hợp tác xã Tân Phú"})
        db.session.commit()
    response = client.post(url, data=dict(fields, full_name="Lê Văn Cửa Sổ Cũ"))
    assert response.status_code == 409
    assert "Lê Văn Cửa Sổ Cũ" in response.get_data(as_text=True)  # what was typed is kept
    with app.test_request_context():
        person = db.session.get(Delegate, person_id)
        assert person.unit == "Hợp tác xã Tân Phú" and person.full_name != "Lê Văn Cửa Sổ Cũ"


def test_a_form_on_a_row_added_under_a_freed_id_is_refused_after_the_undos(app, client, demo_id):
    """SQLite gives the highest freed id out again: the last delegate deleted, a new one added
    under its id and its form opened (version 1); undoing both puts the deleted delegate back
    under that id. The form must not save into it."""
    from kehoach_app.delegates import operations as delegates

    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        top = db.session.scalar(select(func.max(Delegate.id)))
        assert db.session.get(Delegate, top).conference_id == demo_id
        name = db.session.get(Delegate, top).full_name
        delegates.delete_delegates(conference, [top])
        db.session.commit()
        added = delegates.add_delegate(conference, {"full_name": "Đại Biểu Mới Thêm"})
        db.session.commit()
        assert added.id == top  # the freed id, reused
    url = f"/hoi-nghi/{demo_id}/dai-bieu/{top}/sua"
    fields = _open_form(client, url)
    undo_over_http(client, demo_id)  # the addition
    undo_over_http(client, demo_id)  # the deletion
    with app.test_request_context():
        assert db.session.get(Delegate, top).full_name == name
    response = client.post(url, data=dict(fields, full_name="Đại Biểu Mới (sửa)"))
    assert response.status_code == 409
    with app.test_request_context():
        assert db.session.get(Delegate, top).full_name == name


def test_a_form_opened_before_the_change_is_refused_once_after_its_undo(app, client, demo_id):
    """The price of the rule above: the row the undo put back has a new version, so a form
    opened before the undone change is refused once, keeps what was typed, and saves on the
    second try (it then carries the current version)."""
    with app.test_request_context():
        person_id = first(Delegate, demo_id).id
    url = f"/hoi-nghi/{demo_id}/dai-bieu/{person_id}/sua"
    fields = _open_form(client, url)
    with app.test_request_context():
        edit_one_delegate(db.session.get(Conference, demo_id))
        db.session.commit()
    undo_over_http(client, demo_id)
    response = client.post(url, data=dict(fields, full_name="Trần Thị Sửa Sau"))
    assert response.status_code == 409
    again = _Fields()
    again.feed(response.get_data(as_text=True))
    assert again.fields["full_name"] == "Trần Thị Sửa Sau"
    assert client.post(url, data=again.fields).status_code == 302
    with app.test_request_context():
        assert db.session.get(Delegate, person_id).full_name == "Trần Thị Sửa Sau"


def test_a_step_saved_as_the_whole_conference_still_undoes(app, client, demo_id):
    """As every step before 0020 was saved: the whole conference file, snapshot_kind left to
    its default."""
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        before = exported(demo_id)
        db.session.add(
            ConferenceRevision(
                conference_id=demo_id,
                action="delegates",
                description="Sửa thông tin đại biểu",
                snapshot=transfer.snapshot(conference),
            )
        )
        db.session.flush()
        person = first(Delegate, demo_id)
        person.full_name = "Phạm Văn Bản Cũ"
        db.session.delete(first(Award, demo_id))
        db.session.commit()
        assert db.session.scalars(select(ConferenceRevision.snapshot_kind)).all()[-1] == (
            "conference"
        )
        assert exported(demo_id) != before
    undo_over_http(client, demo_id)
    with app.test_request_context():
        assert exported(demo_id) == before


def test_two_changes_undo_one_at_a_time(app, client, demo_id):
    with app.test_request_context():
        first_state = exported(demo_id)
        edit_one_delegate(db.session.get(Conference, demo_id))
        db.session.commit()
        second_state = exported(demo_id)
        delete_a_group(db.session.get(Conference, demo_id))
        db.session.commit()
    undo_over_http(client, demo_id)
    with app.test_request_context():
        assert exported(demo_id) == second_state
    undo_over_http(client, demo_id)
    with app.test_request_context():
        assert exported(demo_id) == first_state


def test_a_deleted_row_whose_id_was_taken_comes_back_under_a_new_one(app, client, demo_id):
    """Another conference took the id of a deleted delegate (SQLite reuses the highest id): the
    delegate comes back with a new id, and the seat that pointed at it follows."""
    from kehoach_app.delegates import operations as delegates

    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        top = db.session.scalar(select(func.max(Delegate.id)))
        person = db.session.get(Delegate, top)
        assert person.conference_id == demo_id
        seat = db.session.scalar(
            select(SeatAssignment.seat_code).where(SeatAssignment.delegate_id == top)
        )
        before = exported(demo_id)
        delegates.delete_delegates(conference, [top])
        db.session.commit()
        other = Conference()
        other.set_values(conference.values())
        db.session.add(other)
        db.session.flush()
        db.session.add(Delegate(id=top, conference_id=other.id, full_name="Người Khác"))
        db.session.commit()
    undo_over_http(client, demo_id)
    with app.test_request_context():
        assert exported(demo_id) == before
        assert db.session.get(Delegate, top).full_name == "Người Khác"
        if seat is not None:
            back = db.session.scalar(
                select(SeatAssignment.delegate_id).where(
                    SeatAssignment.conference_id == demo_id, SeatAssignment.seat_code == seat
                )
            )
            assert back != top and db.session.get(Delegate, back).full_name == person.full_name


def test_a_change_to_the_shared_hall_is_undone(app, client, demo_id):
    from kehoach_app.seating import logic
    from kehoach_app.seating import operations as seating

    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        state = seating.load(conference)
        hall_id, layout = state.hall.id, state.hall.layout
        before = exported(demo_id)
        data = logic.layout_to_data(state.layout)
        data["blocks"][0]["rows"] += 2
        seating.save_layout(conference, state.hall, logic.parse_layout(data), "Thêm hai hàng ghế")
        db.session.commit()
        assert exported(demo_id) != before
    undo_over_http(client, demo_id)
    with app.test_request_context():
        from kehoach_app.seating.models import Hall

        assert db.session.get(Hall, hall_id).layout == layout
        assert exported(demo_id) == before


def test_only_the_last_steps_are_kept(app, demo_id):
    from kehoach_app.delegates import operations as delegates

    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        person = first(Delegate, demo_id)
        for n in range(operations.MAX_REVISIONS + 3):
            delegates.update_delegate(conference, person, {"full_name": f"Tên số {n}"})
            db.session.commit()
        count = db.session.scalar(
            select(func.count()).where(ConferenceRevision.conference_id == demo_id)
        )
    assert count == operations.MAX_REVISIONS
