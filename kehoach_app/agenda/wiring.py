"""The wiring of the programme (chương trình) and the MC script: its pages' addresses, bound to its
views by name and loaded at their first request, and its registrations (kehoach_app/wiring.py).
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

bp = Blueprint("agenda", __name__)
VIEWS = "kehoach_app.agenda.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/chuong-trinh", "programme"),
        route("/hoi-nghi/<int:conference_id>/chuong-trinh/them", "add", POST),
        route("/hoi-nghi/<int:conference_id>/chuong-trinh/<int:item_id>/sua", "edit", FORM),
        route("/hoi-nghi/<int:conference_id>/chuong-trinh/<int:item_id>/xoa", "delete", POST),
        route("/hoi-nghi/<int:conference_id>/chuong-trinh/<int:item_id>/len", "move_up", POST),
        route("/hoi-nghi/<int:conference_id>/chuong-trinh/<int:item_id>/xuong", "move_down", POST),
        route("/hoi-nghi/<int:conference_id>/chuong-trinh/sap-xep", "reorder", POST),
        route(
            "/hoi-nghi/<int:conference_id>/chuong-trinh/<int:item_id>/chen-nghi",
            "insert_break",
            POST,
        ),
        route(
            "/hoi-nghi/<int:conference_id>/chuong-trinh/<int:item_id>/noi-dung-tu-dong",
            "restore_generated",
            POST,
        ),
        route("/hoi-nghi/<int:conference_id>/chuong-trinh/cap-nhat-tu-dong", "refresh", POST),
    ),
)


def register() -> None:
    register_card("agenda", lazy_function(VIEWS, "dashboard_card"))
    register_demo_part(lazy_function("kehoach_app.agenda.demo", "add_demo_speaker"))
    register_printout(
        Printout(
            key="chuong-trinh",
            title="Chương trình hội nghị",
            description="Chương trình với thời gian từng mục, nội dung và người thực hiện.",
            formats=("pdf", "docx"),
            build=lazy_function(VIEWS, "build_programme"),
            missing=lazy_function(VIEWS, "printout_missing"),
        )
    )
    register_printout(
        Printout(
            key="kich-ban-dieu-hanh",
            title="Kịch bản điều hành",
            description="Kịch bản cho người dẫn chương trình: thời gian, nội dung, "
            "lời dẫn từng mục.",
            formats=("pdf", "docx"),
            build=lazy_function(VIEWS, "build_script"),
            missing=lazy_function(VIEWS, "printout_missing"),
            weight=2,  # a line for every award batch and its recipients
        )
    )
    register_preset_part(lazy_function("kehoach_app.agenda.presetting", "agenda_from_preset"))
    register_conference_file("agenda", "kehoach_app.agenda.conference_file")
    register_check_module("kehoach_app.agenda.checks")
