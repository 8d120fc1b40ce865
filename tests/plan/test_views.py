"""The plan page: edit a paragraph, see it kept, flagged when data changes, printed in DOCX."""

from __future__ import annotations

import io
import re
from html import unescape

import docx
import pdfplumber

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conftest import post


def test_plan_page_and_edit_flow(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    html = client.get(page).get_data(as_text=True)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in html and "V. TỔ CHỨC THỰC HIỆN" in html
    response = post(
        client,
        f"{page}/doan/purposes",
        {"text": "1. Mục đích do cán bộ viết & <sửa>.", "version": "0"},
        page=page,
    )
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "1. Mục đích do cán bộ viết &amp; &lt;sửa&gt;." in html
    assert "Dữ liệu dưới đoạn này đã thay đổi" not in html
    # The conference's purposes change under the edited paragraph: the page says so.
    with app.app_context():
        db.session.get(Conference, demo_id).purposes = "Một mục đích mới."
        db.session.commit()
    html = client.get(page).get_data(as_text=True)
    assert "Dữ liệu dưới đoạn này đã thay đổi" in html
    assert "1. Mục đích do cán bộ viết" in html
    document = docx.Document(io.BytesIO(client.get(f"/hoi-nghi/{demo_id}/in/ke-hoach.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1. Mục đích do cán bộ viết & <sửa>." in text
    assert "KẾ HOẠCH" in text
    # Back to the generated text, then undo brings the edit back.
    post(client, f"{page}/doan/purposes/tu-dong", page=page)
    assert "Một mục đích mới." in client.get(page).get_data(as_text=True)
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=page)
    assert "Mục đích do cán bộ viết" in client.get(page).get_data(as_text=True)


def test_empty_or_unknown_paragraphs_are_refused(client, demo_id):
    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    html = post(
        client, f"{page}/doan/purposes", {"text": "   "}, page=page, follow_redirects=True
    ).get_data(as_text=True)
    assert "không được để trống" in html
    assert post(client, f"{page}/doan/khong-co", {"text": "x"}, page=page).status_code == 404


def test_recipients_are_edited_and_printed(client, demo_id):
    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    # the form carries the list it showed (the check against another tab's save, issue 18)
    shown = re.search(r'name="original" value="([^"]*)"', client.get(page).get_data(as_text=True))
    post(
        client,
        f"{page}/noi-nhan",
        {"recipients": "UBND tỉnh\n- Sở Nội vụ\nLưu: VT, VHXH", "original": unescape(shown[1])},
        page=page,
    )
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/ke-hoach.pdf").data
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "- UBND tỉnh;" in text and "- Sở Nội vụ;" in text and "- Lưu: VT, VHXH." in text


def test_the_plan_quotes_the_welcome_banner_as_it_will_be_printed(client, demo_id):
    data = client.get(f"/hoi-nghi/{demo_id}/in/ke-hoach.docx").data
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "“Chào mừng đại biểu về dự Hội nghị tổng kết công tác thi đua" in text
    assert "Theo nội dung" not in text
