"""Fixtures of the tasks tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tasks.task_helpers import make_conference


@pytest.fixture()
def soon(app):
    """A conference 30 days from today with three tasks, one of them late."""
    today = dt.date.today()
    return make_conference(
        app,
        today + dt.timedelta(days=30),
        [
            {
                "title": "Phát hành Giấy mời",
                "lead_unit": "Văn phòng",
                "deadline_kind": "days_before",
                "days_before": 5,
                "support_units": "Phòng Nội vụ",
            },
            {
                "title": "Gửi báo cáo tham luận",
                "lead_unit": "Phòng Nội vụ",
                "deadline_kind": "fixed",
                "deadline_date": today - dt.timedelta(days=2),
            },
            {
                "title": "Bảo đảm an ninh",
                "lead_unit": "Công an",
                "deadline_kind": "days_before",
                "days_before": 1,
                "status": "done",
            },
        ],  # fmt: skip
    )
