from __future__ import annotations

import re
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

import kehoach_app
from kehoach_app.printing import fonts as font_module
from kehoach_app.printing.fonts import (
    BUNDLED_DIR,
    FONT_FAMILY_DOCX,
    SOURCE_BUNDLED,
    SOURCE_SYSTEM,
    find_times_new_roman,
    register_fonts,
)

# ReportLab's 14 standard fonts: none of them has Vietnamese glyphs.
BUILT_IN = re.compile(r"Helvetica|Courier|ZapfDingbats|Times-(Roman|Bold|Italic|BoldItalic)")


def test_register_fonts_is_cached_and_registers_four_faces(fonts):
    assert register_fonts() is fonts
    faces = {fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic}
    assert len(faces) == 4
    for face in faces:
        assert pdfmetrics.getFont(face).face.name  # a TrueType face, not a built-in
    assert fonts.source in (SOURCE_SYSTEM, SOURCE_BUNDLED)
    assert fonts.face(bold=True, italic=True) == fonts.bold_italic
    assert FONT_FAMILY_DOCX == "Times New Roman"


def test_registered_font_has_every_vietnamese_letter(fonts):
    face = pdfmetrics.getFont(fonts.regular).face
    letters = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
    for ch in letters + letters.lower():
        assert ord(ch) in face.charToGlyph, ch


def test_bundled_font_files_and_licence_are_shipped():
    for name in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert (BUNDLED_DIR / f"LiberationSerif-{name}.ttf").stat().st_size > 100_000
    licence = (BUNDLED_DIR / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert (BUNDLED_DIR / "README.md").exists()


def test_system_times_new_roman_needs_all_four_files(tmp_path: Path):
    for name in ("TIMES.TTF", "timesbd.ttf", "timesi.ttf"):
        (tmp_path / name).write_bytes(b"")
    assert find_times_new_roman([tmp_path / "missing", tmp_path]) is None
    (tmp_path / "timesbi.ttf").write_bytes(b"")
    found = find_times_new_roman([tmp_path / "missing", tmp_path])
    assert found is not None
    assert [p.name for p in found] == ["TIMES.TTF", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"]


def test_windows_font_folder_is_searched(monkeypatch):
    monkeypatch.setenv("WINDIR", r"D:\Win")
    dirs = [str(d) for d in font_module.system_font_dirs()]
    assert any("Windows" in d and "Fonts" in d for d in dirs)
    assert any(d.startswith("D:") for d in dirs)
    assert "/usr/share/fonts/truetype/msttcorefonts" in [d.replace("\\", "/") for d in dirs]


def test_no_built_in_font_name_in_the_package():
    root = Path(kehoach_app.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BUILT_IN.search(line)
    ]
    assert offenders == []


def test_reportlab_uses_its_c_accelerator():
    """rl-accel is a runtime requirement: without it ReportLab measures and writes every
    string in pure Python and the complete set of printouts takes twice as long."""
    import _rl_accel
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str is _rl_accel.fp_str
    assert rl_accel.instanceStringWidthTTF is _rl_accel.instanceStringWidthTTF
