"""Whether uploaded bytes are an .xlsx workbook the program can open safely — one rule for every
Excel import (delegates, awards), with the reason an officer can act on.

The name of an upload may lie, so the content decides: an empty file, a file over the size
limit, the OLE container of an old .xls (or of a workbook protected by a password), bytes that
are no zip, a renamed .docx or .ods, and a zip that unpacks to more than the limit (a "zip
bomb") are refused before openpyxl opens anything.
"""

from __future__ import annotations

import io
import zipfile

from . import vn

MAX_BYTES = 5 * 1024 * 1024  # 5 MB: a list of 5.000 people with notes is well under 1 MB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what the .xlsx may hold unpacked
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def megabytes(size: int) -> str:
    return vn.format_decimal(round(size / (1024 * 1024), 1)) + " MB"


def refusal(raw: bytes, listing: str) -> str | None:
    """Why `raw` is not an .xlsx workbook we can open, or None when it looks like one.
    `listing` names what the file should hold ("Danh sách đại biểu", "Danh sách khen thưởng")."""
    if not raw:
        return "Tệp trống (0 byte)."
    if len(raw) > MAX_BYTES:
        return (
            f"Tệp nặng {megabytes(len(raw))}, vượt giới hạn {megabytes(MAX_BYTES)}. "
            f"{listing} thường chỉ vài trăm KB: hãy xóa hình ảnh, các trang tính không "
            "cần, hoặc chia danh sách thành nhiều tệp."
        )
    if raw[:8] == OLE_SIGNATURE:
        return (
            "Tệp là bảng tính Excel định dạng cũ (.xls) hoặc có đặt mật khẩu. Hãy mở bằng "
            "Excel, bỏ mật khẩu nếu có, chọn Lưu thành (Save As) kiểu “Excel Workbook (.xlsx)” "
            "rồi nhập lại."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return (
            "Tệp không phải bảng tính Excel (.xlsx) — có thể là tệp khác bị đổi đuôi, hoặc tệp "
            "bị hỏng. Hãy tải tệp mẫu và nhập danh sách vào đó."
        )
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            return (
                "Tệp là văn bản Word (.docx) được đổi tên, không phải bảng tính Excel. Hãy chép "
                "danh sách vào tệp mẫu Excel rồi nhập lại."
            )
        if "content.xml" in names:
            return (
                "Tệp là bảng tính OpenDocument (.ods). Hãy lưu lại theo kiểu Excel (.xlsx) rồi "
                "nhập lại."
            )
        return "Tệp không phải bảng tính Excel (.xlsx). Hãy dùng tệp mẫu."
    if unpacked > MAX_UNPACKED_BYTES:
        return "Tệp Excel có nội dung quá lớn khi giải nén; không thể đọc an toàn."
    return None
