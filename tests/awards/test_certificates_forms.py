"""In phôi: whose blank the office fills (issue 20 review, docs/awards.md "In phôi — whose form").

A Nhà nước award (Huân chương, Bằng khen of the Thủ tướng) and a Cờ thi đua are never printed as
sheets, not even on the common layout: the page lists them as "Không in phôi" with the reason. The
province's Bằng khen (A3) carries the province's place and its own decision's date, the xã's
Giấy khen the xã's — never the conference's place for every form."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.awards.conftest import add_awards, make_conference


def _conference(app) -> int:
    cid = make_conference(app)
    with app.app_context():
        db.session.get(Conference, cid).province = "Tây Ninh"
        db.session.commit()
    xa = {"decision_number": "125/QĐ-UBND", "decision_date": dt.date(2026, 12, 20)}
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", ["Lê Văn Xã"], **xa)
    tinh = {"decision_number": "3012/QĐ-UBND", "decision_date": dt.date(2026, 11, 5)}
    add_awards(app, cid, "bang_khen_tinh", ["Trần Thị Tỉnh"], **tinh)
    ttg = {"decision_number": "88/QĐ-TTg", "decision_date": dt.date(2026, 10, 1)}
    add_awards(app, cid, "bang_khen_thu_tuong", ["Phạm Văn Thủ Tướng"], **ttg)
    ctn = {"decision_number": "77/QĐ-CTN", "decision_date": dt.date(2026, 9, 2)}
    add_awards(app, cid, "huan_chuong_lao_dong_hang_ba", ["Võ Văn Huân"], **ctn)
    add_awards(app, cid, "co_thi_dua_chinh_phu", ["Trường Cờ"], kind="collective", **ttg)
    return cid


def test_only_the_office_s_blanks_are_printed_each_with_its_authority_s_place_and_date(app, client):
    cid = _conference(app)
    response = client.get(f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?pham-vi=tat-ca")
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        pages = [
            ((round(p.width), round(p.height)), " ".join(p.extract_text().split()))
            for p in pdf.pages
        ]
    assert len(pages) == 2  # not 5: no Huân chương, no Thủ tướng's Bằng khen, no flag
    by_name = {("Tỉnh" in text): (size, text) for size, text in pages}
    size, text = by_name[True]  # the province's Bằng khen: A3 landscape, the province's place
    assert size == (1191, 842)
    assert "Tây Ninh, ngày 05 tháng 11 năm 2026" in text and "Tân Hòa" not in text
    assert "3012/QĐ-UBND" in text and "CHỦ TỊCH" in text
    size, text = by_name[False]  # the xã's Giấy khen: A4, the xã's place, its decision's date
    assert size == (842, 595)
    assert "Tân Hòa, ngày 20 tháng 12 năm 2026" in text and "Lê Văn Xã" in text
    for absent in ("Thủ Tướng", "Huân", "Cờ"):
        assert all(absent not in t for _, t in pages)


def test_the_page_lists_the_forms_not_printed_with_the_reason_and_a_missing_signer(app, client):
    cid = _conference(app)
    page = client.get(f"/hoi-nghi/{cid}/in-phoi").get_data(as_text=True)
    for code in ("bang_khen_thu_tuong", "huan_chuong_lao_dong_hang_ba"):
        row = page.split(f'data-unprinted="{code}"', 1)[1].split("</tr>", 1)[0]
        assert "Không in phôi" in row and "khen thưởng cấp Nhà nước, bằng do trung ương in" in row
    row = page.split('data-unprinted="co_thi_dua_chinh_phu"', 1)[1].split("</tr>", 1)[0]
    assert "Cờ thi đua là lá cờ" in row
    assert 'data-unprinted="bang_khen_tinh"' not in page
    assert 'data-unprinted="giay_khen_chu_tich_ubnd_xa"' not in page
    # no signer's name typed: the page says the name line stays blank (signed by hand)
    assert page.count('data-warning="signer-name"') == 2
    # what can be printed: 2 sheets, the national forms not offered
    options = page.split('id="pham-vi"', 1)[1].split("</select>", 1)[0]
    assert "Tất cả (02 tờ)" in options and "Thủ tướng" not in options
