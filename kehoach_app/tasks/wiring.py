"""The wiring of the tasks (phân công nhiệm vụ) and the calendar's days: its pages' addresses,
bound to its views by name and loaded at their first request, and its registrations
(kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..checks import register_check_module
from ..conferences.presetting import register_preset_part
from ..demo import register_demo_part
from ..lazy import lazy_function
from ..parts import register_card
from ..printout_registry import Printout, register_printout
from ..transfer import register_file_part as register_conference_file
from ..wiring import FORM, POST, add_routes, route

bp = Blueprint("tasks", __name__)
VIEWS = "kehoach_app.tasks.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/nhiem-vu", "index"),
        route("/hoi-nghi/<int:conference_id>/nhiem-vu/them", "add", FORM),
        route("/hoi-nghi/<int:conference_id>/nhiem-vu/<int:task_id>/sua", "edit", FORM),
        route("/hoi-nghi/<int:conference_id>/nhiem-vu/<int:task_id>/xoa", "delete", POST),
        route("/hoi-nghi/<int:conference_id>/nhiem-vu/<int:task_id>/di-chuyen", "move", POST),
        route(
            "/hoi-nghi/<int:conference_id>/nhiem-vu/<int:task_id>/ngay-lam-viec",
            "to_working_day",
            POST,
        ),
        route(
            "/hoi-nghi/<int:conference_id>/nhiem-vu/<int:task_id>/tinh-trang", "set_status", POST
        ),
    ),
)

add_routes(
    bp,
    "kehoach_app.tasks.calendar_views",
    (
        route("/ngay-nghi", "days_off"),
        route("/ngay-nghi/them", "add_day_off", POST),
        route("/ngay-nghi/<int:day_id>/sua", "edit_day_off", FORM),
        route("/ngay-nghi/<int:day_id>/xoa", "delete_day_off", POST),
    ),
)


def register() -> None:
    register_card("tasks", lazy_function(VIEWS, "dashboard_card"))
    register_printout(
        Printout(
            key="phan-cong-nhiem-vu",
            title="Phân công nhiệm vụ",
            description="Mỗi đơn vị một trang: việc chủ trì, việc phối hợp và thời hạn, "
            "để gửi đơn vị.",
            formats=("pdf",),
            build=lazy_function(VIEWS, "build_assignments"),
            missing=lazy_function(VIEWS, "printout_missing"),
            order=60,
        )
    )
    register_printout(
        Printout(
            key="tien-do-nhiem-vu",
            title="Tiến độ theo thời hạn",
            description="Mọi nhiệm vụ xếp theo thời hạn: hạn, việc, chủ trì, phối hợp, tình trạng.",
            formats=("pdf",),
            build=lazy_function(VIEWS, "build_timeline"),
            missing=lazy_function(VIEWS, "printout_missing"),
            order=61,
        )
    )
    register_printout(
        Printout(
            key="danh-sach-nhiem-vu",
            title="Danh sách nhiệm vụ",
            description="Danh sách nhiệm vụ dạng Excel: lọc, sắp xếp theo đơn vị, hạn, tình trạng.",
            formats=("xlsx",),
            build=lazy_function(VIEWS, "build_task_list"),
            missing=lazy_function(VIEWS, "printout_missing"),
            order=62,
        )
    )
    register_conference_file("tasks", "kehoach_app.tasks.conference_file")
    register_preset_part(lazy_function("kehoach_app.tasks.operations", "create_preset_tasks"))
    register_demo_part(lazy_function("kehoach_app.tasks.demo", "add_demo_progress"))
    register_check_module("kehoach_app.tasks.checks")
