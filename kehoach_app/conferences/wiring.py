"""The wiring of the conferences (list, create, edit, copy, bin, print centre, conference file):
its pages' addresses, bound to its views by name and loaded at their first request, and its
registrations (kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..checks import register_check_module
from ..conferences.presetting import register_preset_part
from ..lazy import lazy_function
from ..parts import register_card
from ..printout_registry import Printout, register_printout
from ..wiring import FORM, POST, add_routes, route

bp = Blueprint("conferences", __name__)
VIEWS = "kehoach_app.conferences.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/", "index"),
        route("/hoi-nghi/moi", "choose_preset"),
        route("/don-vi-hanh-chinh.json", "admin_units"),
        route("/hoi-nghi/moi/<preset_key>", "create", FORM),
        route("/hoi-nghi/<int:conference_id>", "show"),
        route("/hoi-nghi/<int:conference_id>/sua", "edit", FORM),
        route("/hoi-nghi/<int:conference_id>/hoan-tac", "undo", POST),
        route("/hoi-nghi/<int:conference_id>/nhan-ban", "duplicate", POST),
        route("/hoi-nghi/<int:conference_id>/xoa", "delete", FORM),
        route("/thung-rac", "recycle_bin"),
        route("/hoi-nghi/<int:conference_id>/khoi-phuc", "restore", POST),
        route("/hoi-nghi/<int:conference_id>/xoa-vinh-vien", "purge", FORM),
        route("/hoi-nghi/<int:conference_id>/in/<key>.<fmt>", "printout"),
        route("/hoi-nghi/<int:conference_id>/in", "print_centre"),
        route("/hoi-nghi/<int:conference_id>/in/tat-ca.zip", "print_all_zip"),
        route("/hoi-nghi/<int:conference_id>/xuat-tep", "export_file"),
        route("/nhap-tep", "import_file", FORM),
        route("/demo", "demo", POST),
    ),
)


def register() -> None:
    # the plan's texts, the first preset step as it has always been
    register_preset_part(
        lazy_function("kehoach_app.conferences.presetting", "plan_texts_from_preset")
    )
    register_card("info", lazy_function(VIEWS, "dashboard_card"))
    register_printout(
        Printout(
            key="thong-tin-hoi-nghi",
            title="Thông tin hội nghị",
            description="Bảng tóm tắt dùng nội bộ: thời gian, địa điểm, số kế hoạch, ngày ký, "
            "người ký, mục đích. Không có số, không ký.",
            formats=("pdf", "docx"),
            build=lazy_function(VIEWS, "build_summary"),
            missing=lazy_function(VIEWS, "missing_summary"),
            order=90,
        )
    )
    register_check_module("kehoach_app.conferences.checks")


for _name in ("countdown", "planned_date", "label"):
    bp.add_app_template_global(lazy_function(VIEWS, _name), _name)
