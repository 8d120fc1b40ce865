"""The wiring of the plan (Kế hoạch): its pages' addresses, bound to its views by name and loaded
at their first request, and its registrations (kehoach_app/wiring.py).
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
from ..wiring import POST, add_routes, route

bp = Blueprint("plan", __name__)
VIEWS = "kehoach_app.plan.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/ke-hoach", "show"),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/doan/<key>", "edit", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/doan/<key>/tu-dong", "reset", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/noi-nhan", "recipients", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/muc/<path:key>/<action>", "section", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/muc-moi", "add_section", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/dan-y/mac-dinh", "outline_default", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/cac-cap", "levels"),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/cac-cap/them", "add_level", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/cac-cap/<int:index>/<action>", "level", POST),
        route("/hoi-nghi/<int:conference_id>/ke-hoach/cac-cap/lan-thu", "ordinal", POST),
    ),
)


def register() -> None:
    register_card("plan", lazy_function(VIEWS, "dashboard_card"))
    register_printout(
        Printout(
            key="ke-hoach",
            title="Kế hoạch tổ chức Hội nghị",
            description="Văn bản Kế hoạch theo thể thức Nghị định 30/2020: mục đích, chương trình, "
            "thành phần, kinh phí, phân công nhiệm vụ, trang trí; để trình ký.",
            formats=("docx", "pdf"),
            build=lazy_function(VIEWS, "build_plan"),
            missing=lazy_function(VIEWS, "printout_missing"),
            order=10,
        )
    )
    register_conference_file("plan", "kehoach_app.plan.conference_file", next_edition=False)
    register_demo_part(lazy_function("kehoach_app.plan.demo", "add_demo_legal_bases"))
    register_preset_part(lazy_function(VIEWS, "outline_from_preset"))
    register_check_module("kehoach_app.plan.checks")
