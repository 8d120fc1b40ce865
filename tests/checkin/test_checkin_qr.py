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


def _zbar_or_skip() -> None:
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have zbarimg (.ci/run installs zbar-tools)")
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools)")


def _pages_at(pdf: bytes, tmp_path, dpi: int) -> list:
    path = tmp_path / "all.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), path, tmp_path / "p"], check=True)
    return sorted(tmp_path.glob("p-*.png"))


def _zbar(png) -> list[str]:
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", png], capture_output=True, text=True, check=False
    )
    return done.stdout.split()


def _demo_codes_in_order(app, demo_id) -> list[str]:
    """The demo's delegates given fixed codes (a seeded draw from the codes' alphabet: the
    test reads the same 40 symbols every run), in the order they are printed."""
    import random

    from sqlalchemy import select

    from kehoach_app.checkin.logic import ALPHABET, CODE_LENGTH
    from kehoach_app.conferences.models import Conference
    from kehoach_app.db import db
    from kehoach_app.delegates.models import Delegate
    from kehoach_app.delegates.printout import conference_delegates, invitation_data

    draw = random.Random(21)
    with app.app_context():
        rows = db.session.scalars(
            select(Delegate).where(Delegate.conference_id == demo_id).order_by(Delegate.id)
        )
        for delegate in rows:
            delegate.check_in_code = "".join(draw.choice(ALPHABET) for _ in range(CODE_LENGTH))
        db.session.commit()
        conference = db.session.get(Conference, demo_id)
        guests = invitation_data(conference, conference_delegates(conference)).guests
        return [g.code for g in guests]


def test_every_demo_invitation_reads_back_at_150_dpi(app, client, demo_id, tmp_path):
    """A 150-dpi office scan of every giấy mời of the demo: each page gives its own code (the
    modules are 0,62 mm; at 0,48 mm 4 of 40 pages did not read)."""
    _zbar_or_skip()
    codes = _demo_codes_in_order(app, demo_id)
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/giay-moi.pdf").data
    pages = _pages_at(pdf, tmp_path, 150)
    assert len(pages) == len(codes) == 40
    assert [_zbar(png) for png in pages] == [[code] for code in codes]


def test_every_demo_envelope_label_reads_back_at_150_dpi(app, client, demo_id, tmp_path):
    """Each label of the demo's sheets, cut out as the scanner sees one envelope, at 150 dpi
    gives its delegate's code (0,61 mm modules; at 0,48 mm 7 of 40 did not read)."""
    from PIL import Image

    from kehoach_app.delegates.printout import ENVELOPE_LABELS_14

    _zbar_or_skip()
    codes = _demo_codes_in_order(app, demo_id)
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/nhan-phong-bi.pdf").data
    pages = _pages_at(pdf, tmp_path, 150)
    scale = 150 / 72
    read = []
    for png in pages:
        with Image.open(png) as image:
            for i, (x, y, w, h) in enumerate(ENVELOPE_LABELS_14.boxes()):
                if len(read) == len(codes):
                    break
                top = image.height - (y + h) * scale
                box = (round(x * scale), round(top), round((x + w) * scale), round(top + h * scale))
                label = tmp_path / f"{png.stem}-{i}.png"
                image.crop(box).save(label)
                read.append(_zbar(label))
    assert len(pages) == 3
    assert read == [[code] for code in codes]


def _symbol_clearance(page, area, bounds=None) -> tuple[float, bool]:
    """The QR symbol drawn inside `area` (x0, top, x1, bottom in pdfplumber's points): its
    module in millimetres, and whether 4 modules around it are white (no letter, no other
    drawing) and inside `bounds` (the page, or the label it stands in; `area` by default)."""
    x0, top, x1, bottom = area
    inside = [
        r for r in page.rects if r["x0"] >= x0 and r["x1"] <= x1 and r["top"] >= top
        and r["bottom"] <= bottom
    ]  # fmt: skip
    assert inside, "no QR symbol where it belongs"
    sx0, sx1 = min(r["x0"] for r in inside), max(r["x1"] for r in inside)
    stop, sbottom = min(r["top"] for r in inside), max(r["bottom"] for r in inside)
    assert abs((sx1 - sx0) - (sbottom - stop)) < 0.5  # square: the finder patterns span it
    module = (sx1 - sx0) / 21
    zone = (sx0 - 4 * module, stop - 4 * module, sx1 + 4 * module, sbottom + 4 * module)
    others = [o for o in [*page.chars, *page.rects] if o not in inside]
    clear = all(
        o["x1"] <= zone[0] or o["x0"] >= zone[2] or o["bottom"] <= zone[1] or o["top"] >= zone[3]
        for o in others
    )
    bx0, btop, bx1, bbottom = bounds or area
    within = zone[0] >= bx0 and zone[2] <= bx1 and zone[1] >= btop and zone[3] <= bbottom
    return module * 25.4 / 72, clear and within


def test_the_modules_are_big_and_the_quiet_zone_white(client, small):
    """Modules of at least 0,6 mm (0,48 mm read badly at 150 dpi) with the standard's 4 modules
    of white around the symbol — on the giấy mời in the bottom margin (no letter of the text
    within 4 modules), on a label inside the label."""
    import io

    import pdfplumber

    from kehoach_app.delegates.printout import ENVELOPE_LABELS_14

    conference_id, _ = small
    mm = 72 / 25.4
    pdf = client.get(f"/hoi-nghi/{conference_id}/in/giay-moi.pdf").data
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        margin = (0, page.height - 20 * mm, page.width, page.height)
        module, clear = _symbol_clearance(page, margin, (0, 0, page.width, page.height))
    assert 0.6 <= module <= 0.7 and clear
    pdf = client.get(f"/hoi-nghi/{conference_id}/in/nhan-phong-bi.pdf").data
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        for x, y, w, h in ENVELOPE_LABELS_14.boxes()[:8]:  # the 8 delegates' labels
            label = (x, page.height - y - h, x + w, page.height - y)
            module, clear = _symbol_clearance(page, label)
            assert 0.6 <= module <= 0.7 and clear
