"""The wiring of the awards (khen thưởng): recipients, ceremony, money, legal figures,
certificates, receipts, the decision import: its pages' addresses, bound to its views by name
and loaded at their first request, and its registrations (kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..agenda.derived import DerivedSource, register_derived_source
from ..checks import register_check_module
from ..conferences.operations import register_organiser_hook
from ..demo import register_demo_part
from ..lazy import lazy_function
from ..parts import register_card
from ..printout_registry import Printout, register_printout
from ..transfer import register_file_part as register_conference_file
from ..wiring import FORM, POST, add_routes, route

bp = Blueprint("awards", __name__)
VIEWS = "kehoach_app.awards.views"
RECEIPTS_VIEWS = "kehoach_app.awards.receipts_views"
RECEIPTS_KEY = "ky-nhan-tien-thuong"  # receipts.KEY (tests/test_lazy_start.py checks they agree)

add_routes(
    bp,
    VIEWS,
    (
        route("/hoi-nghi/<int:conference_id>/khen-thuong", "index"),
        route("/hoi-nghi/<int:conference_id>/khen-thuong/them", "add", FORM),
        route("/hoi-nghi/<int:conference_id>/khen-thuong/<int:award_id>/sua", "edit", FORM),
        route("/hoi-nghi/<int:conference_id>/khen-thuong/<int:award_id>/xoa", "delete", POST),
        route(
            "/hoi-nghi/<int:conference_id>/khen-thuong/<int:award_id>/<any(len, xuong):where>",
            "move",
            POST,
        ),
        route("/hoi-nghi/<int:conference_id>/khen-thuong/mau-nhap.xlsx", "template_file"),
        route("/hoi-nghi/<int:conference_id>/khen-thuong/danh-sach.xlsx", "export_file"),
        route("/hoi-nghi/<int:conference_id>/khen-thuong/nhap-excel", "import_excel", FORM),
        route(
            "/hoi-nghi/<int:conference_id>/khen-thuong/nhap-excel/xac-nhan", "import_confirm", POST
        ),
        route("/hoi-nghi/<int:conference_id>/trao-thuong", "ceremony", FORM),
        route("/hoi-nghi/<int:conference_id>/trao-thuong/dot/<int:sequence>", "save_batch", POST),
        route("/hoi-nghi/<int:conference_id>/trao-thuong/dat-lai", "reset_batches", POST),
        route("/hoi-nghi/<int:conference_id>/man-hinh-led", "led"),
        route("/danh-muc-khen-thuong", "catalogue_page"),
        route("/danh-muc-khen-thuong/<int:form_id>/sua", "edit_form_entry", FORM),
        route("/danh-muc-khen-thuong/them", "edit_form_entry", FORM),
        route("/danh-muc-khen-thuong/luong-co-so", "add_salary", POST),
        route("/danh-muc-khen-thuong/luong-co-so/<int:salary_id>/sua", "edit_salary", FORM),
        route("/danh-muc-khen-thuong/luong-co-so/<int:salary_id>/xoa", "delete_salary", POST),
    ),
)

add_routes(
    bp,
    "kehoach_app.awards.figure_views",
    (
        route("/danh-muc-khen-thuong/doi-chieu/<kind>/<int:row_id>", "confirm_figure", POST),
        route("/danh-muc-khen-thuong/<int:form_id>/he-so/<int:rate_id>/sua", "edit_rate", FORM),
        route("/danh-muc-khen-thuong/<int:form_id>/he-so/them", "edit_rate", FORM),
        route("/danh-muc-khen-thuong/he-so/<int:rate_id>/xoa", "delete_rate", POST),
        route("/danh-muc-khen-thuong/lam-tron/<int:rule_id>/sua", "edit_rounding", FORM),
        route("/danh-muc-khen-thuong/lam-tron/them", "edit_rounding", FORM),
    ),
)

add_routes(
    bp,
    "kehoach_app.awards.certificates_views",
    (
        route("/hoi-nghi/<int:conference_id>/in-phoi", "certificates_page"),
        route("/hoi-nghi/<int:conference_id>/in-phoi/giay-khen.pdf", "certificates_pdf"),
        route("/hoi-nghi/<int:conference_id>/in-phoi/luoi-can-chinh.pdf", "calibration_pdf"),
        route("/hoi-nghi/<int:conference_id>/in-phoi/bo-cuc/<code>", "certificate_layout", FORM),
        route(
            "/hoi-nghi/<int:conference_id>/in-phoi/bo-cuc/<code>/mac-dinh",
            "certificate_layout_reset",
            POST,
        ),
        route(
            "/hoi-nghi/<int:conference_id>/in-phoi/bo-cuc/<code>/anh-phoi",
            "certificate_scan_upload",
            POST,
        ),
        route(
            "/hoi-nghi/<int:conference_id>/in-phoi/bo-cuc/<code>/anh-phoi/xoa",
            "certificate_scan_delete",
            POST,
        ),
        route("/in-phoi/anh-phoi/<code>", "certificate_scan"),
        route("/hoi-nghi/<int:conference_id>/in-phoi/may-in", "save_printer", POST),
        route(
            "/hoi-nghi/<int:conference_id>/in-phoi/may-in/<int:printer_id>/xoa",
            "delete_printer",
            POST,
        ),
    ),
)

add_routes(
    bp,
    "kehoach_app.awards.decision_import_views",
    (
        route("/hoi-nghi/<int:conference_id>/khen-thuong/nhap-quyet-dinh", "import_decision", FORM),
        route(
            "/hoi-nghi/<int:conference_id>/khen-thuong/nhap-quyet-dinh/nhap",
            "import_decision_confirm",
            POST,
        ),
    ),
)


def register() -> None:
    register_card("awards", lazy_function(VIEWS, "dashboard_card"))
    register_printout(
        Printout(
            key="kich-ban-trao-thuong",
            title="Kịch bản trao thưởng",
            description="Lời dẫn cho từng đợt, quyết định được công bố, danh sách theo thứ tự lên "
            "sân khấu, nhạc; bản PDF có thêm một trang cho hậu trường mỗi đợt.",
            formats=("pdf", "docx"),
            build=lazy_function(VIEWS, "build_script"),
            missing=lazy_function(VIEWS, "missing_for_script"),
            order=40,
            weight=2,
        )
    )
    register_printout(
        Printout(
            key="tien-thuong",
            title="Danh sách khen thưởng và tiền thưởng",
            description="Theo hình thức khen thưởng: mức thưởng, thành tiền, tổng cộng, bằng chữ; "
            "hiện vật cần chuẩn bị.",
            formats=("pdf", "xlsx"),
            build=lazy_function(VIEWS, "build_money"),
            missing=lazy_function(VIEWS, "missing_for_money"),
            order=42,
            weight=2,
        )
    )
    register_printout(
        Printout(
            key="hien-vat-khen-thuong",
            title="Hiện vật khen thưởng cần chuẩn bị",
            description="Số bằng, giấy khen cần lồng khung, cờ, hộp đựng, khay — cho tổ chuẩn bị.",
            formats=("pdf", "docx"),
            build=lazy_function(VIEWS, "build_items"),
            missing=lazy_function(VIEWS, "missing_if_empty"),
            order=43,
        )
    )
    register_printout(
        Printout(
            key="man-hinh-led",
            title="Màn hình LED trao thưởng",
            description="Mỗi đợt một trang 16:9 nền đen: tên hình thức khen thưởng và tên "
            "người nhận.",
            formats=("pdf",),
            build=lazy_function(VIEWS, "build_led"),
            missing=lazy_function(VIEWS, "missing_if_empty"),
            order=41,
        )
    )
    register_printout(
        Printout(
            key=RECEIPTS_KEY,
            title="Danh sách ký nhận tiền thưởng",
            description="Mỗi quyết định khen thưởng một danh sách: họ tên, đơn vị, số tiền, cột ký "
            "nhận; tổng cộng bằng số và bằng chữ; người lập biểu, kế toán, thủ trưởng đơn vị.",
            formats=("pdf", "xlsx"),
            build=lazy_function(RECEIPTS_VIEWS, "build"),
            missing=lazy_function(RECEIPTS_VIEWS, "missing"),
            order=44,
            weight=2,
        )
    )
    register_conference_file("awards", "kehoach_app.awards.conference_file", order=50)
    register_conference_file(
        "certificates",
        "kehoach_app.awards.certificates_ops",
        order=120,
        export="export_part",
        validate="validate_part",
        replace="replace_part",
    )
    register_demo_part(lazy_function("kehoach_app.awards.demo", "add_demo_awards"))
    # The programme's award items name the forms as the conference does: re-worded when the
    # organiser changes (logic.form_title).
    register_organiser_hook(lazy_function("kehoach_app.awards.operations", "sync_programme"))
    register_derived_source(
        DerivedSource(
            prefix="awards:",
            placeholder_key="awards:placeholder",
            expected=lazy_function("kehoach_app.awards.operations", "expected_programme_items"),
            fix_endpoint="awards.ceremony",
        )
    )
    register_check_module("kehoach_app.awards.checks")


@bp.record_once
def _seed_catalogue(state) -> None:
    """Put the shipped award forms and base salaries in the database when the app starts."""
    from sqlalchemy.exc import OperationalError

    from ..db import db
    from . import catalogue

    with state.app.app_context():
        try:
            if catalogue.ensure_catalogue():
                db.session.commit()
        except OperationalError:  # tables not created yet (AUTO_MIGRATE off): seeded on use
            db.session.rollback()


bp.add_app_template_filter(lazy_function(VIEWS, "coefficient_filter"), "coefficient")
