"""Issue 15: the backdrop's title box on the page showed "…KHEN THƯỞNG NĂ": one printed line per
line, no soft wrap, so a long line ran past the box. The box now carries fit-N (its longest
line is at most N em wide) and the CSS sizes the letters to the box's width over N."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from kehoach_app.decor.drawing import face_for, fit_class, line_width_em
from kehoach_app.decor.logic import TextStyle

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "decor.css"
LONG = "TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2026"


def test_fit_class_holds_the_longest_line():
    width = line_width_em(LONG)
    assert 27 < width < 28  # measured in the serif the box uses (Times New Roman's metrics)
    assert fit_class(f"HỘI NGHỊ\n{LONG}\nTân Hòa") == "fit-28"
    assert fit_class("HỘI NGHỊ") == "fit-16"  # short lines keep the normal size
    assert fit_class("") == "fit-16"
    assert fit_class("A" * 300) == "fit-64"  # past 64 em the box scrolls sideways


def test_every_fit_class_has_its_rule():
    css = CSS.read_text(encoding="utf-8")
    assert ".text-lines { container-type: inline-size; }" in css
    for n in range(16, 66, 2):
        size = f"min(.95rem, calc((100cqi - 1.6rem) / {n}))"
        assert f".text-lines.fit-{n} textarea {{ font-size: {size}; }}" in css


def test_the_page_scales_the_title_box_and_the_svg_title_fits_the_backdrop(client, demo_id):
    html = client.get(f"/hoi-nghi/{demo_id}/trang-tri/phong").get_data(as_text=True)
    box = re.search(r'<div class="field text-lines (fit-\d+)\s*">', html)
    assert box, "the title field carries its fit class"
    textarea = re.search(r'<textarea[^>]*id="title_block"[^>]*>(.*?)</textarea>', html, re.S)
    lines = textarea.group(1).strip("\n").splitlines()
    widest = max(line_width_em(line) for line in lines)
    n = int(box.group(1).split("-")[1])
    assert widest <= n and n - widest < 2 + 1e-9  # the smallest step that holds the line
    assert any("KHEN THƯỞNG NĂM" in line for line in lines)
    # the drawing: every title line sits inside the backdrop (it is measured for its font)
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" viewBox') :]
    backdrop = re.search(
        r'<rect x="(-?[\d.]+)" y="[\d.-]+" width="([\d.]+)"[^>]*data-label="Phông sân khấu"', svg
    )
    left, width = float(backdrop.group(1)), float(backdrop.group(2))
    titles = re.findall(
        r'<text x="([\d.-]+)" y="[\d.-]+" font-size="([\d.]+)" text-anchor="middle" '
        r'fill="[^"]+"( font-weight="bold")?[^>]*class="title-line"[^>]*>([^<]+)</text>',
        svg,
    )
    assert len(titles) >= 4
    for x, size, bold, text in titles:
        face = face_for(TextStyle(bold=bool(bold)))
        half = stringWidth(text, face, float(size)) / 2
        assert left <= float(x) - half and float(x) + half <= left + width, text
