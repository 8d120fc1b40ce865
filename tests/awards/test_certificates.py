"""In phôi (issue 20, part 1): certificates printed onto pre-printed forms.

Read back with pdfplumber: every field's words inside its box after the printer's offset, in the
ceremony's order, long names inside their boxes, nothing of the blank form printed; the
calibration sheet's crosses where the layout says; the layout page's posts (saved and undone,
refused with messages and nothing saved); printers; the scan of the blank form; the conference
file."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from sqlalchemy import select

from kehoach_app import transfer
from kehoach_app.awards import certificates
from kehoach_app.awards.certificates_models import CertificateLayout, PrinterOffset
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.awards.conftest import add_awards, form_id, make_conference
from tests.conftest import post

MM = 72 / 25.4
CODE = "giay_khen_chu_tich_ubnd_xa"
DECISION = {"decision_number": "125/QĐ-UBND", "decision_date": dt.date(2026, 12, 20)}
# 60 characters: a name long enough to shrink and wrap in the name box
LONG_NAME = "Công ty Trách nhiệm hữu hạn Một thành viên Xây dựng Tân Hưng"
INDIVIDUALS = [f"Nguyễn Văn Cá Nhân {i:02d}" for i in range(1, 16)] + [
    "Tôn Nữ Thị Huyền Trang Phương Thảo Diệu Linh Ngọc Bích Thanh"  # 60 characters
]
COLLECTIVES = ["Trường Tiểu học Tân Hòa", "Trạm Y tế xã Tân Hòa", "Ấp Mỹ Lộc", LONG_NAME]


def _twenty(app) -> int:
    """20 Giấy khen (4 tập thể, 16 cá nhân) — the individuals typed first: the ceremony calls
    the collectives up first, so the certificates must come out collectives first."""
    cid = make_conference(app)
    add_awards(
        app, cid, CODE, INDIVIDUALS, job_title="Chuyên viên", unit="Văn phòng UBND", **DECISION
    )
    add_awards(app, cid, CODE, COLLECTIVES, kind="collective", unit="xã Tân Hòa", **DECISION)
    return cid


def _printer(client, cid, name="Canon phòng Văn hóa", dx="2", dy="-1,5"):
    page = f"/hoi-nghi/{cid}/in-phoi"
    return post(client, f"/hoi-nghi/{cid}/in-phoi/may-in", {"name": name, "dx": dx, "dy": dy}, page)


def _printer_id(app, name="Canon phòng Văn hóa") -> int:
    with app.app_context():
        return db.session.scalar(select(PrinterOffset.id).where(PrinterOffset.name == name))


def _layout(app, cid) -> certificates.Layout:
    from kehoach_app.awards import certificates_ops

    with app.app_context():
        return certificates_ops.layout_for(db.session.get(Conference, cid), CODE, "Giấy khen")


def _words_inside(page, box: certificates.Box, slack: float = 0.6) -> str:
    """The text of the words lying wholly inside the box (points, with a hair of slack)."""
    bbox = (
        box.x * MM - slack,
        box.y * MM - slack,
        (box.x + box.width) * MM + slack,
        (box.y + box.height) * MM + slack,
    )
    inside = page.within_bbox(bbox)
    return " ".join(w["text"] for w in inside.extract_words(keep_blank_chars=False))


def test_twenty_certificates_each_field_inside_its_box_after_the_offset(app, client):
    cid = _twenty(app)
    assert _printer(client, cid).status_code == 302
    pid = _printer_id(app)
    fid = form_id(app, CODE)
    # the office's form has a narrow name line: 120 mm, so the 60-letter names must wrap
    url = f"/hoi-nghi/{cid}/in-phoi/bo-cuc/{CODE}"
    form = _form_of(_layout(app, cid))
    form.update({"name-x": "88,5", "name-width": "120"})
    assert post(client, url, form, url).status_code == 302
    response = client.get(
        f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?pham-vi=hinh-thuc-{fid}&may-in={pid}"
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    layout = _layout(app, cid)
    expected_order = COLLECTIVES + INDIVIDUALS  # the ceremony's: collectives first
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        assert len(pdf.pages) == 20
        for page, name in zip(pdf.pages, expected_order, strict=True):
            assert (round(page.width), round(page.height)) == (842, 595)  # A4 landscape
            # nothing of the blank: no frame, no rule, no emblem — only words
            assert not page.lines and not page.rects and not page.curves
            collective = name in COLLECTIVES
            values = {
                "name": name,
                "job_title": "" if collective else "Chuyên viên",
                "unit": "xã Tân Hòa" if collective else "Văn phòng UBND",
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2026",
                "decision_number": "125/QĐ-UBND",
                "decision_date": "20/12/2026",
                "place_date": "Tân Hòa, ngày 20 tháng 12 năm 2026",
                "signer_title": "CHỦ TỊCH",
            }
            counted = 0
            for key, text in values.items():
                box = layout.fields[key].shifted(2.0, -1.5)  # the printer's offset
                assert _words_inside(page, box) == text, (name, key)
                counted += len(text.split())
            # every word on the page lies in one of the boxes
            assert len(page.extract_words()) == counted, name
            if len(name) == 60:  # shrunk to the floor, then wrapped on two lines
                box = layout.fields["name"].shifted(2.0, -1.5)
                words = page.within_bbox(
                    (box.x * MM, box.y * MM, (box.x + box.width) * MM, (box.y + box.height) * MM)
                ).extract_words()
                assert len({round(w["top"]) for w in words}) == 2, name


def test_the_offset_moves_every_word_by_the_measured_millimetres(app, client):
    cid = _twenty(app)
    _printer(client, cid)
    pid = _printer_id(app)
    plain = client.get(f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?pham-vi=dot-1").data
    moved = client.get(f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?pham-vi=dot-1&may-in={pid}").data
    with pdfplumber.open(io.BytesIO(plain)) as a, pdfplumber.open(io.BytesIO(moved)) as b:
        assert len(a.pages) == len(b.pages) == 4  # batch 1: the four collectives
        for before, after in zip(
            a.pages[0].extract_words(), b.pages[0].extract_words(), strict=True
        ):
            assert before["text"] == after["text"]
            assert after["x0"] - before["x0"] == pytest.approx(2.0 * MM, abs=0.01)
            assert after["top"] - before["top"] == pytest.approx(-1.5 * MM, abs=0.01)


def test_long_names_shrink_to_the_floor_then_wrap_never_cut():
    assert len(LONG_NAME) == len(INDIVIDUALS[-1]) == 60
    assert certificates.fit(LONG_NAME, certificates.Box(35, 82, 227, 14, 22, bold=True)).size == 22
    # 180 mm: one line, shrunk (22 → 17,5 pt, above the floor of 15 pt)
    fitted = certificates.fit(LONG_NAME, certificates.Box(35, 82, 180, 14, 22, bold=True))
    assert fitted.lines == [LONG_NAME] and fitted.size == 17.5
    assert certificates.floor_size(22) == 15
    narrow = certificates.Box(35, 82, 90, 14, 22, bold=True)
    fitted = certificates.fit(LONG_NAME, narrow)
    # 90 mm: at the floor it still does not fit one line, so it wraps at the floor
    assert len(fitted.lines) == 2 and " ".join(fitted.lines) == LONG_NAME
    assert fitted.size == 15
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for line in fitted.lines:
        assert stringWidth(line, fitted.font, fitted.size) <= narrow.width * MM
    assert len(fitted.lines) * fitted.size * certificates.LEADING <= narrow.height * MM + 0.01
    # a word wider than a tiny box at the smallest size still prints whole, letter by letter
    tiny = certificates.Box(0, 0, 5, 30, 12)
    fitted = certificates.fit("Nghiêngnghiêngnghiêng", tiny)
    assert "".join(fitted.lines) == "Nghiêngnghiêngnghiêng"


def test_one_batch_all_and_unknown_scopes(app, client):
    cid = _twenty(app)
    with pdfplumber.open(
        io.BytesIO(client.get(f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf").data)
    ) as pdf:
        assert len(pdf.pages) == 20
    with pdfplumber.open(
        io.BytesIO(client.get(f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?pham-vi=dot-3").data)
    ) as pdf:
        # batches: 4 collectives | 8 + 8 individuals (16 at 10 a batch, cut evenly)
        assert len(pdf.pages) == 8
        assert "Nguyễn Văn Cá Nhân 09" in pdf.pages[0].extract_text()
    response = client.get(f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?pham-vi=dot-99")
    assert response.status_code == 302


def test_calibration_sheet_crosses_where_the_layout_says(app, client):
    cid = _twenty(app)
    _printer(client, cid)
    pid = _printer_id(app)
    layout = _layout(app, cid)
    data = client.get(f"/hoi-nghi/{cid}/in-phoi/luoi-can-chinh.pdf?bo-cuc={CODE}&may-in={pid}").data
    expected = [(20, 20), (277, 20), (20, 190), (277, 190), (148.5, 105)] + [
        (box.x, box.y) for box in layout.fields.values() if box.enabled
    ]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        red = [
            line
            for line in page.lines
            if tuple(round(c, 2) for c in (line.get("stroking_color") or ())) == (0.8, 0.0, 0.0)
        ]
        across = [
            ((line["x0"] + line["x1"]) / 2 / MM, line["top"] / MM)
            for line in red
            if abs(line["top"] - line["bottom"]) < 0.01
        ]
        found = sorted((round(x - 2.0, 1), round(y + 1.5, 1)) for x, y in across)
        assert found == sorted((float(x), float(y)) for x, y in expected)
        text = page.extract_text()
        assert "(20; 20)" in text and "(277; 190)" in text and "(148,5; 105)" in text
        assert "Tên tập thể / Họ và tên (35; 82)" in text
        assert "Canon phòng Văn hóa" in text


def test_layout_page_saves_a_valid_layout_and_undoes_it(app, client):
    cid = _twenty(app)
    url = f"/hoi-nghi/{cid}/in-phoi/bo-cuc/{CODE}"
    page = client.get(url).get_data(as_text=True)
    assert (
        "Bố cục có sẵn" in page and "<svg" in page and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    )
    form = _form_of(_layout(app, cid))
    form.update({"name-x": "40,5", "name-size": "24", "signer_name": "Lê Quốc Hưng"})
    response = post(client, url, form, url)
    assert response.status_code == 302
    layout = _layout(app, cid)
    assert layout.source == "saved" and layout.fields["name"].x == 40.5
    assert layout.fields["name"].size == 24 and layout.texts["signer_name"] == "Lê Quốc Hưng"
    page = client.get(url).get_data(as_text=True)
    assert 'value="40,5"' in page and 'class="cert-box" x="40.5"' in page
    assert "Lê Quốc Hưng" in page  # the sample signer in the preview
    post(client, f"/hoi-nghi/{cid}/hoan-tac", {}, url)
    assert _layout(app, cid).source == "shipped"


def test_layout_page_refuses_bad_values_with_messages_and_saves_nothing(app, client):
    cid = _twenty(app)
    url = f"/hoi-nghi/{cid}/in-phoi/bo-cuc/{CODE}"
    form = _form_of(_layout(app, cid))
    form.update({"name-x": "ba mươi", "unit-width": "300", "achievement-size": "100"})
    response = post(client, url, form, url)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Tên tập thể / Họ và tên: Cách mép trái (x) phải là một số mi-li-mét" in html
    assert "Đơn vị: ô vượt mép phải của giấy (x + rộng = 335 mm" in html
    assert "Thành tích: Cỡ chữ phải từ 6 đến 72 pt." in html
    assert 'value="ba mươi"' in html  # what was typed stays in the form
    with app.app_context():
        assert db.session.scalars(select(CertificateLayout)).all() == []
        assert db.session.get(Conference, cid).revisions == []
    # a save from a stale window is refused too
    form = _form_of(_layout(app, cid))
    form["version"] = "7"
    assert post(client, url, form, url).status_code == 409


def test_printers_are_checked(app, client):
    cid = _twenty(app)
    response = _printer(client, cid, name="", dx="5cm", dy="80")
    assert response.status_code == 302
    html = client.get(f"/hoi-nghi/{cid}/in-phoi").get_data(as_text=True)
    assert "Tên máy in: hãy nhập tên máy in" in html
    assert "Độ lệch x phải là một số mi-li-mét" in html
    assert "Độ lệch y phải trong khoảng từ -50 đến 50 mm." in html
    with app.app_context():
        assert db.session.scalars(select(PrinterOffset)).all() == []
    _printer(client, cid)
    assert _printer(client, cid).status_code == 302  # the same name twice: refused
    with app.app_context():
        rows = db.session.scalars(select(PrinterOffset)).all()
        assert [(r.name, r.dx_tenths, r.dy_tenths) for r in rows] == [
            ("Canon phòng Văn hóa", 20, -15)
        ]


def _png(size=(297, 210)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (250, 245, 230)).save(buffer, "PNG")
    return buffer.getvalue()


def test_scan_of_the_blank_form_is_checked_stored_and_shown(app, client):
    cid = _twenty(app)
    url = f"/hoi-nghi/{cid}/in-phoi/bo-cuc/{CODE}"
    upload = f"{url}/anh-phoi"

    def send(data: bytes, name: str):
        return post(client, upload, {"scan": (io.BytesIO(data), name)}, url,
                    content_type="multipart/form-data")  # fmt: skip

    send(b"\x89PNG\r\n\x1a\nnot really", "phoi.png")
    assert "Không đọc được ảnh phôi" in client.get(url).get_data(as_text=True)
    send(b"GIF89a" + b"\0" * 100, "phoi.gif")
    assert "Ảnh phôi phải là tệp PNG hoặc JPEG." in client.get(url).get_data(as_text=True)
    send(b"\x89PNG\r\n\x1a\n" + b"\0" * (5 * 1024 * 1024), "phoi.png")
    assert "Ảnh phôi quá lớn: tối đa 5 MB" in client.get(url).get_data(as_text=True)
    folder = Path(app.config["DATA_DIR"]) / "phoi"
    assert not folder.exists() or not any(folder.iterdir())  # nothing refused was kept
    send(_png(), "phoi.png")
    html = client.get(url).get_data(as_text=True)
    assert "Nền là ảnh phôi của cơ quan." in html and f"/in-phoi/anh-phoi/{CODE}" in html
    image = client.get(f"/in-phoi/anh-phoi/{CODE}")
    assert image.status_code == 200 and image.mimetype == "image/png"
    # the scan is never printed
    with pdfplumber.open(
        io.BytesIO(client.get(f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf").data)
    ) as pdf:
        assert not pdf.pages[0].images
    assert client.get("/in-phoi/anh-phoi/..%2Fsecret").status_code == 404


def test_layouts_travel_in_the_conference_file(app, client):
    cid = _twenty(app)
    url = f"/hoi-nghi/{cid}/in-phoi/bo-cuc/{CODE}"
    form = _form_of(_layout(app, cid))
    form["name-y"] = "90"
    post(client, url, form, url)
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, cid))
        assert document["certificates"]["layouts"][0]["fields"]["name"]["y"] == 90
        raw = json.dumps(document, ensure_ascii=False).encode()
        copy = transfer.import_conference(raw)
        db.session.commit()
        new_id = copy.id
        # an older file without the part still imports
        del document["certificates"]
        transfer.import_conference(json.dumps(document, ensure_ascii=False).encode())
        db.session.rollback()
        bad = json.loads(raw)
        bad["certificates"]["layouts"][0]["fields"]["name"]["width"] = 500
        with pytest.raises(transfer.ConferenceFileError) as error:
            transfer.read_conference_file(json.dumps(bad, ensure_ascii=False).encode())
        assert any(
            "Bố cục in phôi 1: Tên tập thể / Họ và tên: ô vượt mép phải" in m
            for m in error.value.messages
        )
    assert _layout(app, new_id).fields["name"].y == 90


def test_the_shipped_layouts_are_valid_and_cover_the_common_forms():
    codes = certificates.shipped_codes()
    assert {"giay_khen_chu_tich_ubnd_xa", "bang_khen_tinh", "giay_khen_chu_tich_ubnd_huyen"} <= set(
        codes
    )
    assert certificates.shipped_layout("bang_khen_tinh").paper_text == "A3 ngang"
    assert certificates.shipped_layout("lao_dong_tien_tien").source == "default"


def _form_of(layout: certificates.Layout) -> dict:
    """The layout page's fields as the browser posts them."""
    form = {
        "paper": layout.paper,
        "orientation": layout.orientation,
        "version": str(layout.version),
        **{key: layout.texts.get(key, "") for key, _, _ in certificates.TEXTS},
    }
    for key, box in layout.fields.items():
        for name in ("x", "y", "width", "height", "size"):
            form[f"{key}-{name}"] = certificates.mm_text(getattr(box, name))
        form[f"{key}-align"] = box.align
        for flag in ("bold", "italic", "enabled"):
            if getattr(box, flag):
                form[f"{key}-{flag}"] = "1"
    return form
