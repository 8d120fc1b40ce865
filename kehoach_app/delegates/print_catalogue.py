"""The delegates' printouts in the catalogue: print buttons, the print centre, print-all.

Apart from printout.py, which loads ReportLab and openpyxl: the part's wiring reads these entries at
start, printout.py loads only when the first of them is built (issue 19: a lazy start).
Every entry prints every delegate of the conference.
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..conferences.models import Conference
from ..db import db
from ..lazy import lazy_module
from ..printout_registry import Printout
from .models import Delegate

printout = lazy_module("kehoach_app.delegates.printout")

NO_DELEGATES = "Chưa có đại biểu"


def missing_delegates(conference: Conference) -> list[str]:
    """What the print centre says while every delegates printout would print only its
    "Chưa có đại biểu …" page: never "Sẵn sàng" over a placeholder."""
    count = db.session.scalar(
        select(func.count()).select_from(Delegate).where(Delegate.conference_id == conference.id)
    )
    return [] if count else [NO_DELEGATES]


def _catalogue_entry(
    key, title, description, pdf: str, xlsx: str | None = None, weight: int = 2
) -> Printout:
    """An entry whose builders are printout.py's functions named `pdf` and `xlsx`."""

    def build(conference: Conference, fmt: str) -> bytes:
        delegates = printout.conference_delegates(conference)
        return getattr(printout, xlsx if fmt == "xlsx" else pdf)(conference, delegates)

    formats = ("pdf", "xlsx") if xlsx else ("pdf",)
    return Printout(
        key, title, description, formats, build, missing=missing_delegates, weight=weight
    )


# The delegates' printouts, registered by the part's wiring (delegates/wiring.py).
PRINTOUTS = (
    _catalogue_entry(
        "giay-moi",
        "Giấy mời",
        "Giấy mời từng đại biểu, mỗi người một trang A4, theo thứ tự lễ tân.",
        "invitations_pdf",
        weight=3,
    ),
    _catalogue_entry(
        "nhan-phong-bi",
        "Nhãn phong bì",
        "Nhãn dán phong bì giấy mời: khổ A4, 14 nhãn 99,1 × 38,1 mm (2 cột × 7 hàng).",
        "envelope_labels_pdf",
        weight=3,
    ),
    _catalogue_entry(
        "so-theo-doi-giay-moi",
        "Sổ theo dõi gửi giấy mời",
        "Ngày gửi, phản hồi, người dự thay và chỗ ký nhận của từng đại biểu.",
        "tracking_sheet_pdf",
        "tracking_sheet_xlsx",
    ),
    _catalogue_entry(
        "danh-sach-dai-bieu",
        "Danh sách đại biểu",
        "Đại biểu theo thành phần, số lượng từng thành phần và tổng số, theo thứ tự lễ tân.",
        "delegate_list_pdf",
        "delegate_list_xlsx",
    ),
    _catalogue_entry(
        "danh-sach-ky-nhan",
        "Danh sách ký nhận",
        "Danh sách đại biểu ký tên khi đến dự, xếp theo tên (A → Z), chỗ ký rộng.",
        "sign_in_sheet_pdf",
        "sign_in_sheet_xlsx",
    ),
)
