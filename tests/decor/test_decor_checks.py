"""Kiểm tra trước khi trình ký — decoration against the budget: one test per rule (message,
severity, link) and the demo tripping none."""

from __future__ import annotations

from sqlalchemy import select

from kehoach_app.budget import operations as budget_operations
from kehoach_app.budget.models import BudgetLine
from kehoach_app.checks import WARN, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.decor.models import DecorItem


def _problems(app, cid):
    with app.test_request_context():
        found = [
            p for p in run_checks(db.session.get(Conference, cid)) if p.key.startswith("decor.")
        ]
        assert not db.session.dirty and not db.session.new  # checks never write
        return found


def _flag_line(app, cid):
    """The demo's first Quốc kỳ (on the stage) and its line in the estimate, synced."""
    with app.app_context():
        conference = db.session.get(Conference, cid)
        budget_operations.sync_derived(conference)
        db.session.commit()
        item = db.session.scalar(
            select(DecorItem).where(
                DecorItem.conference_id == cid,
                DecorItem.item == "Quốc kỳ",
                DecorItem.area == "san_khau",
            )
        )
        line = db.session.scalar(
            select(BudgetLine).where(
                BudgetLine.conference_id == cid, BudgetLine.derived_key == "decor:quốc kỳ"
            )
        )
        return item.id, line.id


def _override(app, line_id, quantity_milli, unit_price):
    with app.app_context():
        line = db.session.get(BudgetLine, line_id)
        line.quantity_milli, line.unit_price, line.overridden = quantity_milli, unit_price, True
        db.session.commit()


def test_demo_trips_no_decoration_rule(app, demo_id):
    assert _problems(app, demo_id) == []


def test_an_overridden_line_other_than_the_item_warns(app, demo_id):
    item_id, line_id = _flag_line(app, demo_id)
    _override(app, line_id, 2000, 200_000)  # 2 × 200.000 typed in the estimate
    [problem] = _problems(app, demo_id)
    assert problem.key == "decor.cost_differs"
    assert problem.severity == WARN
    assert problem.message == (
        "Dòng “Quốc kỳ (sân khấu)” của dự toán ghi 400.000 đồng (số nhập tay) nhưng dự kiến chi "
        "của hạng mục ở phần Trang trí là 150.000 đồng."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/trang-tri/{item_id}/sua"
    assert problem.printouts == ("du-toan",)


def test_an_overridden_line_without_its_item_warns(app, demo_id):
    with app.app_context():
        statue = db.session.scalar(
            select(DecorItem).where(
                DecorItem.conference_id == demo_id, DecorItem.item == "Tượng Bác Hồ"
            )
        )
        statue.unit_cost = 500_000
        statue_id = statue.id
        db.session.commit()
        budget_operations.sync_derived(db.session.get(Conference, demo_id))
        db.session.commit()
        line_id = db.session.scalar(
            select(BudgetLine.id).where(BudgetLine.derived_key == "decor:tượng bác hồ")
        )
    _override(app, line_id, 1000, 600_000)
    with app.app_context():
        db.session.delete(db.session.get(DecorItem, statue_id))
        db.session.commit()
    [problem] = _problems(app, demo_id)
    assert problem.key == "decor.line_without_item"
    assert problem.severity == WARN
    assert problem.message == (
        "Dòng “Tượng Bác Hồ” của dự toán (600.000 đồng, số nhập tay) không còn hạng mục trang "
        "trí có dự kiến chi nào tương ứng."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/du-toan/{line_id}/sua"


def test_deleting_one_of_two_twins_leaves_the_override_on_the_other(app, demo_id):
    """Keys go by name and rank (decor:quốc kỳ, decor:quốc kỳ#2), so that keys made before
    places were named stay valid. The price of it: deleting the first of two twins hands its
    override to the second — which the rule above then shows."""
    item_id, line_id = _flag_line(app, demo_id)
    _override(app, line_id, 1000, 200_000)
    with app.app_context():
        db.session.delete(db.session.get(DecorItem, item_id))
        db.session.commit()
    [problem] = _problems(app, demo_id)
    assert problem.key == "decor.cost_differs"
    assert problem.message == (
        "Dòng “Quốc kỳ” của dự toán ghi 200.000 đồng (số nhập tay) nhưng dự kiến chi của hạng "
        "mục ở phần Trang trí là 150.000 đồng."
    )
