"""The QR code printed on a giấy mời, an envelope label and a table card reads back as the
delegate's code (zbarimg from Debian's zbar-tools; .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.checkin.conftest import codes_of


def _decode(pdf: bytes, tmp_path, first: int = 1, dpi: int = 200) -> list[str]:
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have zbarimg (.ci/run installs zbar-tools)")
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools)")
    path = tmp_path / "in.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first), "-l", str(first), path,
         tmp_path / "page"],
        check=True,
    )  # fmt: skip
    png = next(tmp_path.glob("page*.png"))
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", png], capture_output=True, text=True, check=False
    )
    return sorted(done.stdout.split())


def test_the_qr_on_an_invitation_page_reads_back_as_the_code(app, client, small, tmp_path):
    from kehoach_app.db import db

    conference_id, codes = small
    pdf = client.get(f"/hoi-nghi/{conference_id}/in/giay-moi.pdf").data
    with app.app_context():
        # the first page is the first delegate in protocol order
        from kehoach_app.conferences.models import Conference
        from kehoach_app.delegates.printout import conference_delegates, invitation_data

        conference = db.session.get(Conference, conference_id)
        first = invitation_data(conference, conference_delegates(conference)).guests[0]
    assert _decode(pdf, tmp_path) == [codes[first.full_name]]
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        words = page.extract_words()
        code_word = next(w for w in words if w["text"] == codes[first.full_name])
        # under the text frame: in the bottom margin (20 mm), right of the page's middle
        assert code_word["top"] > page.height - 20 * 72 / 25.4
        assert code_word["x0"] > page.width / 2
        mark = {"Mã", "điểm", "danh:", code_word["text"]}
        body_bottom = max(w["bottom"] for w in words if w["text"] not in mark)
        assert body_bottom < page.height - 20 * 72 / 25.4


def test_the_envelope_labels_carry_every_code(client, small, tmp_path):
    conference_id, codes = small
    pdf = client.get(f"/hoi-nghi/{conference_id}/in/nhan-phong-bi.pdf").data
    # 8 labels on the first sheet, read at the resolution of an office scan
    assert _decode(pdf, tmp_path, dpi=300) == sorted(codes.values())


def test_a_table_card_carries_its_delegates_code(app, client, demo_id, tmp_path):
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/bien-ten.pdf").data
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = [w["text"] for w in document.pages[0].extract_words()]
    with app.app_context():
        codes = codes_of(demo_id)
    decoded = _decode(pdf, tmp_path)
    assert len(decoded) == 1 and decoded[0] in codes.values()
    name = next(n for n, c in codes.items() if c == decoded[0])
    assert decoded[0] in words and name.split()[-1] in words  # the card's own delegate
