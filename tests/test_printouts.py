"""The printout catalogue and safe download names."""

from __future__ import annotations

from kehoach_app.printouts import all_printouts, safe_filename


def test_download_names_are_safe_on_windows_and_keep_vietnamese():
    assert safe_filename("Thông tin hội nghị - 2027", "pdf") == "Thông tin hội nghị - 2027.pdf"
    assert safe_filename('Kịch bản: "A/B" <C>|D?*', "docx") == "Kịch bản A B C D.docx"
    assert safe_filename("CON", "pdf") == "tai-lieu CON.pdf"
    assert safe_filename("lpt1.txt", "pdf") == "tai-lieu lpt1.txt.pdf"
    assert safe_filename("   ...  ", "pdf") == "tai-lieu.pdf"
    assert safe_filename("Tên rất dài " * 30, "xlsx").endswith(".xlsx")
    assert len(safe_filename("Tên rất dài " * 30, "xlsx")) <= 125
    decomposed = "Danh sa\u0301ch"
    assert safe_filename(decomposed, "pdf") == "Danh sách.pdf"


def test_every_printout_has_a_vietnamese_title_and_known_formats(app):
    printouts = all_printouts()
    assert printouts, "the catalogue is empty"
    for printout in printouts:
        assert printout.title and printout.description
        assert set(printout.formats) <= {"pdf", "docx", "xlsx"}
    keys = [p.key for p in printouts]
    assert len(keys) == len(set(keys))
