"""In phôi against hostile input (attack review of issue 20): ids beyond SQLite's integers in
the query string and the form, texts the fonts cannot draw, a layout printing no name, a PNG
whose header lies, deleting a printer that is not there — a Vietnamese message, never a 500,
nothing saved."""

from __future__ import annotations

import io
import struct
import zlib

from sqlalchemy import select

from kehoach_app.awards.certificates_models import CertificateLayout, PrinterOffset
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.awards.test_certificates import CODE, _form_of, _layout, _printer, _twenty
from tests.conftest import post

HUGE = "9223372036854775808"  # 2**63: one past SQLite's largest integer


def _printers(app):
    with app.app_context():
        return [(r.name, r.dx_tenths) for r in db.session.scalars(select(PrinterOffset))]


def test_ids_past_sqlites_integers_are_no_printer_not_a_500(app, client):
    cid = _twenty(app)
    for url in (
        f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?may-in={HUGE}",
        f"/hoi-nghi/{cid}/in-phoi/luoi-can-chinh.pdf?bo-cuc={CODE}&may-in={HUGE}",
        f"/hoi-nghi/{cid}/in-phoi/giay-khen.pdf?may-in=%C2%B2",  # "²": isdigit, not int()
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.data.startswith(b"%PDF")
    page = f"/hoi-nghi/{cid}/in-phoi"
    response = post(
        client,
        page + "/may-in",
        {"printer_id": "99999999999999999999999", "name": "Canon", "dx": "1", "dy": "1"},
        page,
    )
    assert response.status_code == 302
    assert "Máy in này không còn" in client.get(page).get_data(as_text=True)
    assert _printers(app) == []  # not added as a new printer either


def test_deleting_a_printer_that_is_not_there_says_so(app, client):
    cid = _twenty(app)
    page = f"/hoi-nghi/{cid}/in-phoi"
    response = post(client, page + "/may-in/4242/xoa", {}, page)
    assert response.status_code == 302
    assert "Máy in này không còn" in client.get(page).get_data(as_text=True)


def test_a_printer_name_with_an_emoji_or_too_long_is_refused(app, client):
    cid = _twenty(app)
    _printer(client, cid, name="Canon 🖨")
    html = client.get(f"/hoi-nghi/{cid}/in-phoi").get_data(as_text=True)
    assert "Tên máy in: Có ký tự không in được" in html
    _printer(client, cid, name="Canon " * 20)
    html = client.get(f"/hoi-nghi/{cid}/in-phoi").get_data(as_text=True)
    assert "Tên máy in: tối đa 100 ký tự (đã nhập 119)" in html
    assert _printers(app) == []


def test_layout_texts_the_fonts_cannot_draw_and_a_layout_without_the_name(app, client):
    cid = _twenty(app)
    url = f"/hoi-nghi/{cid}/in-phoi/bo-cuc/{CODE}"
    form = _form_of(_layout(app, cid))
    form.update({"achievement": "Hoàn thành xuất sắc 🎉", "signer_name": "Lê Quốc Hưng ✍"})
    response = post(client, url, form, url)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Thành tích (in trên mọi tờ của hình thức này): Có ký tự không in được" in html
    assert "Họ tên người ký: Có ký tự không in được" in html
    form = _form_of(_layout(app, cid))
    for key in list(form):
        if key.endswith("-enabled"):
            del form[key]  # every field unticked, the name included
    response = post(client, url, form, url)
    assert response.status_code == 422
    assert "Ô Tên tập thể / Họ và tên phải được in" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(CertificateLayout)).all() == []
        assert db.session.get(Conference, cid).revisions == []


def _lying_png() -> bytes:
    """A PNG whose header says 12000×12000 and whose pixel data stops after a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 12000, 12000, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 36001)[:40]  # a row and a half, cut
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_png_whose_data_is_cut_is_refused(app, client):
    cid = _twenty(app)
    url = f"/hoi-nghi/{cid}/in-phoi/bo-cuc/{CODE}"
    post(client, f"{url}/anh-phoi", {"scan": (io.BytesIO(_lying_png()), "phoi.png")}, url,
         content_type="multipart/form-data")  # fmt: skip
    html = client.get(url).get_data(as_text=True)
    assert "Ảnh phôi quá lớn (12.000 × 12.000 điểm ảnh)" in html
    from kehoach_app.awards import certificates_ops

    small = _lying_png().replace(struct.pack(">II", 12000, 12000), struct.pack(">II", 3000, 2000))
    small = small.replace(  # the IHDR's CRC, recomputed for the new size
        small[29:33], struct.pack(">I", zlib.crc32(small[12:29]))
    )
    assert certificates_ops.check_scan(small) == (
        "",
        "Không đọc được ảnh phôi (tệp hỏng hoặc không phải ảnh).",
    )
