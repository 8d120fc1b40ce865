"""The wiring of the budget estimate (dự toán) and the spending norms: its pages' addresses, bound
to its views by name and loaded at their first request, and its registrations
(kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..checks import register_check_module
from ..conferences.operations import register_organiser_hook
from ..conferences.presetting import register_preset_part
from ..demo import register_demo_part
from ..lazy import lazy_function
from ..parts import register_card
from ..printout_registry import Printout, register_printout
from ..transfer import register_file_part as register_conference_file
from ..wiring import FORM, POST, add_routes, route

bp = Blueprint("budget", __name__)
VIEWS = "kehoach_app.budget.views"
DEMO = "kehoach_app.budget.demo"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/du-toan", "estimate"),
        route("/hoi-nghi/<int:conference_id>/du-toan/them", "add", FORM),
        route("/hoi-nghi/<int:conference_id>/du-toan/<int:line_id>/sua", "edit", FORM),
        route("/hoi-nghi/<int:conference_id>/du-toan/<int:line_id>/xoa", "delete", POST),
        route(
            "/hoi-nghi/<int:conference_id>/du-toan/<int:line_id>/xuong",
            "move",
            POST,
            defaults={"step": 1},
        ),
        route(
            "/hoi-nghi/<int:conference_id>/du-toan/<int:line_id>/len",
            "move",
            POST,
            defaults={"step": -1},
        ),
        route("/hoi-nghi/<int:conference_id>/du-toan/<int:line_id>/tinh-lai", "reset", POST),
        route("/hoi-nghi/<int:conference_id>/du-toan/them-tu-tinh", "add_derived", POST),
        route("/hoi-nghi/<int:conference_id>/du-toan/thiet-lap", "settings", FORM),
        route("/dinh-muc-chi", "norms"),
        route("/dinh-muc-chi/muc/<int:norm_id>/doi-chieu", "norm_confirm", POST),
        route("/dinh-muc-chi/<int:profile_id>/sua", "profile_form", FORM),
        route("/dinh-muc-chi/them", "profile_form", FORM, defaults={"profile_id": None}),
        route("/dinh-muc-chi/<int:profile_id>/muc/<int:norm_id>/sua", "norm_form", FORM),
        route(
            "/dinh-muc-chi/<int:profile_id>/muc/them", "norm_form", FORM, defaults={"norm_id": None}
        ),
        route("/dinh-muc-chi/<int:profile_id>/muc/<int:norm_id>/xoa", "norm_delete", POST),
    ),
)


def register() -> None:
    register_printout(
        Printout(
            key="du-toan",
            title="Dự toán kinh phí tổ chức Hội nghị",
            description="Dự toán theo mục chi, cộng từng mục, tổng cộng bằng số và bằng chữ; bản "
            "Excel giữ công thức để cơ quan thẩm định dự toán làm tiếp.",
            describe=lazy_function(VIEWS, "estimate_description"),
            formats=("pdf", "docx", "xlsx"),
            build=lazy_function(VIEWS, "build_estimate"),
            missing=lazy_function(VIEWS, "printout_missing"),
            order=70,
        )
    )
    register_card("budget", lazy_function(VIEWS, "dashboard_card"))
    register_preset_part(lazy_function(VIEWS, "from_preset"))
    register_organiser_hook(lazy_function(VIEWS, "follow_organiser"))
    register_demo_part(lazy_function(DEMO, "add_demo_budget"))
    register_demo_part(lazy_function(DEMO, "demo_lines_stored"), last=True)
    register_conference_file("budget", "kehoach_app.budget.conference_file", next_edition=False)
    register_check_module("kehoach_app.budget.checks")


@bp.record_once
def _seed_norms(state) -> None:
    """The national norms (presets/norms.toml) stored when the app starts, as the award
    catalogue is: reading the norms or the estimate never writes (issue 19)."""
    from sqlalchemy.exc import OperationalError

    from ..db import db
    from . import operations

    with state.app.app_context():
        try:
            operations.ensure_national_norms()
            db.session.commit()
        except OperationalError:  # tables not created yet (AUTO_MIGRATE off): seeded on use
            db.session.rollback()
