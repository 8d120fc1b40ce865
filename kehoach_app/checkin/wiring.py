"""The wiring of the check-in (điểm danh) at the door: its pages' addresses, bound to its views by
name and loaded at their first request, and its registrations (kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..lazy import lazy_function
from ..printout_registry import Printout, register_printout
from ..transfer import register_file_part as register_conference_file
from ..wiring import POST, add_routes, route

bp = Blueprint("checkin", __name__)
VIEWS = "kehoach_app.checkin.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/diem-danh", "page"),
        route("/hoi-nghi/<int:conference_id>/diem-danh/so-lieu", "figures"),
        route("/hoi-nghi/<int:conference_id>/diem-danh/tim", "find"),
        route("/hoi-nghi/<int:conference_id>/diem-danh", "check_in", POST),
        route("/hoi-nghi/<int:conference_id>/diem-danh/huy", "undo", POST),
        route("/hoi-nghi/<int:conference_id>/diem-danh/du-thay", "substitute", POST),
        route("/hoi-nghi/<int:conference_id>/diem-danh/xoa", "clear", POST),
    ),
)


def register() -> None:
    register_printout(
        Printout(
            key="bao-cao-diem-danh",
            title="Báo cáo kết quả điểm danh",
            description=(
                "Sau hội nghị: số đại biểu được triệu tập, có mặt, vắng mặt theo thành phần; danh "
                "sách vắng mặt, người dự thay và đại biểu có mặt với giờ đến."
            ),
            formats=("pdf", "xlsx"),
            build=lazy_function("kehoach_app.checkin.printout", "build"),
            missing=lazy_function("kehoach_app.checkin.printout", "missing"),
            order=95,
            weight=2,
        )
    )
    register_conference_file("check_in", "kehoach_app.checkin.conference_file", order=60)
