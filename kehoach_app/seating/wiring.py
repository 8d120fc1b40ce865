"""The wiring of the seating plan (sơ đồ chỗ ngồi): its pages' addresses, bound to its views by
name and loaded at their first request, and its registrations (kehoach_app/wiring.py).
"""

from __future__ import annotations

import functools

from flask import Blueprint

from ..checks import register_check_module
from ..demo import register_demo_part
from ..lazy import lazy_function
from ..parts import register_card
from ..printout_registry import Printout, register_printout
from ..transfer import register_file_part as register_conference_file
from ..wiring import FORM, POST, add_routes, route

bp = Blueprint("seating", __name__)
VIEWS = "kehoach_app.seating.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/cho-ngoi", "index"),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/bien-ten.pdf", "table_cards"),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/hoi-truong/moi", "create_hall", FORM),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/hoi-truong/chon", "choose_hall", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/hoi-truong", "hall"),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/hoi-truong/ghe", "edit_seats", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/hoi-truong/json", "edit_layout", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/tu-dong", "auto_assign", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/xep", "put_in_seat", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/doi-cho", "swap", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/ghim", "pin", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/bo-trong", "clear_seat", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/xoa-het", "clear_all", POST),
        route("/hoi-nghi/<int:conference_id>/cho-ngoi/cai-dat", "settings", POST),
    ),
)


# The seating printouts: key, title, description, kind (printout.RENDERERS), print centre order.
PRINTOUTS = (
    (
        "so-do-cho-ngoi",
        "Sơ đồ chỗ ngồi",
        "Sơ đồ hội trường: sân khấu, Quốc kỳ, tượng Bác, Đoàn Chủ tịch, các khối ghế, lối đi, "
        "tên từng đại biểu ở chỗ ngồi, chú thích các khu (A4 hoặc A3 ngang).",
        "chart",
        40,
    ),
    (
        "so-do-doan-chu-tich",
        "Sơ đồ Đoàn Chủ tịch",
        "Chỗ ngồi của Đoàn Chủ tịch trên sân khấu, thứ tự lễ tân, họ tên và chức vụ.",
        "presidium",
        41,
    ),
    (
        "danh-sach-cho-ngoi",
        "Danh sách chỗ ngồi",
        "Danh sách cho lễ tân: mọi đại biểu theo thứ tự tên, khối, hàng, ghế.",
        "list",
        42,
    ),
    (
        "bien-ten",
        "Biển tên để bàn",
        "Biển tên gấp đôi khổ A4, họ tên và chức vụ in xuôi ở cả hai mặt: Đoàn Chủ tịch và "
        "đại biểu có thứ tự lễ tân (chọn thêm hàng ghế ở trang Sơ đồ chỗ ngồi).",
        "cards",
        43,
    ),
    (
        "nhan-ghe",
        "Nhãn ghế",
        "Nhãn dán lên ghế: mã ghế, họ tên, chức vụ (24 nhãn một trang A4).",
        "labels",
        44,
    ),
)


def register() -> None:
    for key, title, description, kind, order in PRINTOUTS:
        register_printout(
            Printout(
                key=key,
                title=title,
                description=description,
                formats=("pdf",),
                build=functools.partial(lazy_function(VIEWS, "build_printout"), kind),
                missing=functools.partial(lazy_function(VIEWS, "printout_missing"), kind),
                order=order,
                # the list and the seat labels have a row or a label for every seated delegate
                weight=2 if kind in ("list", "labels") else 1,
            )
        )
    register_card("seating", lazy_function(VIEWS, "dashboard_card"))
    register_demo_part(lazy_function("kehoach_app.seating.demo", "add_demo_seating"))
    register_conference_file("seating", "kehoach_app.seating.conference_file", next_edition=False)
    register_check_module("kehoach_app.seating.checks")
