"""The wiring of the decoration (trang trí khánh tiết): its pages' addresses, bound to its views by
name and loaded at their first request, and its registrations (kehoach_app/wiring.py).
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

bp = Blueprint("decor", __name__)
VIEWS = "kehoach_app.decor.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/trang-tri", "checklist"),
        route("/hoi-nghi/<int:conference_id>/trang-tri/them", "add", FORM),
        route("/hoi-nghi/<int:conference_id>/trang-tri/<int:item_id>/sua", "edit", FORM),
        route("/hoi-nghi/<int:conference_id>/trang-tri/<int:item_id>/xoa", "delete", POST),
        route(
            "/hoi-nghi/<int:conference_id>/trang-tri/<int:item_id>/xuong",
            "move",
            POST,
            defaults={"direction": "xuong"},
        ),
        route(
            "/hoi-nghi/<int:conference_id>/trang-tri/<int:item_id>/len",
            "move",
            POST,
            defaults={"direction": "len"},
        ),
        route("/hoi-nghi/<int:conference_id>/trang-tri/<int:item_id>/xong", "tick", POST),
        route("/hoi-nghi/<int:conference_id>/trang-tri/phong", "backdrop", FORM),
        route("/hoi-nghi/<int:conference_id>/trang-tri/phong/tao-lai", "regenerate", POST),
    ),
)


def register() -> None:
    register_printout(
        Printout(
            key="bang-kiem-trang-tri",
            title="Bảng kiểm trang trí khánh tiết",
            description="Các hạng mục trang trí theo khu vực, ô đánh dấu, vị trí đặt, người làm, "
            "hạn hoàn thành và chỗ ký của người kiểm tra.",
            formats=("pdf",),
            build=lazy_function(VIEWS, "build_checklist"),
            missing=lazy_function(VIEWS, "missing_items"),
        )
    )
    register_printout(
        Printout(
            key="phong-san-khau",
            title="Phông sân khấu",
            description="Phác thảo phông theo tỷ lệ: Quốc kỳ, tượng Bác Hồ, màn hình LED, tiêu đề, "
            "pano, cây cảnh, kích thước.",
            formats=("pdf",),
            build=lazy_function(VIEWS, "build_backdrop"),
            missing=lazy_function(VIEWS, "missing_size"),
        )
    )
    register_printout(
        Printout(
            key="noi-dung-in",
            title="Nội dung in băng rôn, phông",
            description="Tiêu đề phông, băng chào mừng và chữ in trên các hạng mục, mỗi nội dung "
            "một trang, đúng ngắt dòng và khổ in, để gửi cơ sở in.",
            formats=("pdf",),
            build=lazy_function(VIEWS, "build_print_texts"),
        )
    )
    register_card("decor", lazy_function(VIEWS, "dashboard_card"))
    register_preset_part(lazy_function("kehoach_app.decor.operations", "apply_preset"))
    register_demo_part(lazy_function("kehoach_app.decor.demo", "add_demo_data"))
    register_conference_file("decor", "kehoach_app.decor.conference_file")
    register_check_module("kehoach_app.decor.checks")


bp.add_app_template_filter(lazy_function(VIEWS, "metres_filter"), "metres")
