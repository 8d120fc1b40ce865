"""Hostile uploads: XML entity tricks inside an .xlsx are never expanded (the parser refuses
them or leaves them unresolved), zip bombs are refused before unpacking, and nothing is
imported by the upload itself."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from tests.conftest import post
from tests.security.test_csrf_and_hosts import database_fingerprint

IMPORTS = ["/hoi-nghi/{id}/dai-bieu/nhap-excel", "/hoi-nghi/{id}/khen-thuong/nhap-excel"]

SHEET = (
    b'<?xml version="1.0"?>{doctype}<worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan</t></is></c>'
    b'</row><row r="2"><c r="A2" t="inlineStr"><is><t>{value}</t></is></c></row>'
    b"</sheetData></worksheet>"
)
BILLION_LAUGHS = SHEET.replace(
    b"{doctype}",
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
).replace(b"{value}", b"&lol3;")
EXTERNAL_ENTITY = SHEET.replace(
    b"{doctype}", b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
).replace(b"{value}", b"&xxe;")


def workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Đơn vị"])
    sheet.append(["Nguyễn Văn An", "Xã Tân Hòa"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(raw: bytes, name: str, data: bytes) -> bytes:
    """The same .xlsx with one part replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        target.writestr(name, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A small .xlsx that unpacks to 300 MB of one sheet."""
    return with_part(workbook_bytes(), "xl/worksheets/sheet2.xml", b"\0" * (300 * 1024 * 1024))


@pytest.mark.parametrize("path", IMPORTS)
@pytest.mark.parametrize("kind", ["billion_laughs", "external_entity", "zip_bomb"])
def test_hostile_workbooks_are_refused(app, client, demo_id, path, kind):
    raw = {
        "billion_laughs": lambda: with_part(
            workbook_bytes(), "xl/sharedStrings.xml", BILLION_LAUGHS
        ),
        "external_entity": lambda: with_part(
            workbook_bytes(), "xl/sharedStrings.xml", EXTERNAL_ENTITY
        ),
        "zip_bomb": zip_bomb,
    }[kind]()
    url = path.format(id=demo_id)
    before = database_fingerprint(app)
    response = post(
        client,
        url,
        {"file": (io.BytesIO(raw), "danh-sach.xlsx")},
        page=url,
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code < 500
    assert "root:" not in html  # nothing of /etc/passwd ever shows
    assert "lollol" not in html  # no entity was ever expanded
    if kind == "zip_bomb":  # refused before anything is unpacked
        text = " ".join(html.split())
        assert "Không đọc được tệp" in text or "Không nhập được tệp" in text
    assert database_fingerprint(app) == before
