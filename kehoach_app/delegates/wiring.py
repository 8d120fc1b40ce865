"""The wiring of the delegates (đại biểu), their groups, invitations and lists: its pages'
addresses, bound to its views by name and loaded at their first request, and its registrations
(kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..checks import register_check_module
from ..conferences.presetting import register_preset_part
from ..demo import register_demo_part
from ..lazy import lazy_function
from ..parts import register_card
from ..printout_registry import register_printout
from ..transfer import register_file_part as register_conference_file
from ..wiring import FORM, POST, add_routes, route
from . import print_catalogue

bp = Blueprint("delegates", __name__)
VIEWS = "kehoach_app.delegates.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/dai-bieu", "index"),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/them", "add", FORM),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/<int:delegate_id>/sua", "edit", FORM),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/<int:delegate_id>/xoa", "delete", POST),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/hang-loat", "bulk", POST),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/thanh-phan", "groups", FORM),
        route(
            "/hoi-nghi/<int:conference_id>/dai-bieu/thanh-phan/<int:group_id>/sua",
            "edit_group",
            FORM,
        ),
        route(
            "/hoi-nghi/<int:conference_id>/dai-bieu/thanh-phan/<int:group_id>/xoa",
            "delete_group",
            FORM,
        ),
        route(
            "/hoi-nghi/<int:conference_id>/dai-bieu/thanh-phan/<int:group_id>/chuyen",
            "move_group",
            POST,
        ),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/doi-chieu-du-kien", "reconcile", POST),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/in-giay-moi", "print_invitations", FORM),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/giay-moi.pdf", "invitations_pdf"),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/nhan-phong-bi.pdf", "envelope_labels_pdf"),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/da-gui-giay-moi", "mark_sent", POST),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/mau-nhap-dai-bieu.xlsx", "template"),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/danh-sach.xlsx", "export_excel"),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/nhap-excel", "import_excel", FORM),
        route("/hoi-nghi/<int:conference_id>/dai-bieu/nhap-excel/xac-nhan", "confirm_import", POST),
    ),
)


def register() -> None:
    register_card("delegates", lazy_function(VIEWS, "dashboard_card"))
    register_preset_part(lazy_function("kehoach_app.delegates.presetting", "add_preset_groups"))
    register_demo_part(lazy_function("kehoach_app.delegates.demo", "add_demo_delegates"))
    register_conference_file(
        "delegates", "kehoach_app.delegates.conference_file", order=10, next_edition=False
    )
    register_check_module("kehoach_app.delegates.checks")
    # The delegates' printouts: their entries are print_catalogue's (a light module; the
    # drawing, printout.py, loads at the first one built).
    for printout in print_catalogue.PRINTOUTS:
        register_printout(printout)


bp.add_app_template_filter(lazy_function(VIEWS, "role_filter"), "role")
