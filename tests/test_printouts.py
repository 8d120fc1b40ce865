"""The printout catalogue and safe download names."""

from __future__ import annotations

import pytest

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


def _content(name: str, data: bytes) -> bytes:
    """What a file says, without the time stamps and ids that differ between two builds."""
    import io
    import subprocess
    import zipfile

    if name.endswith(".pdf"):
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        ).stdout
        assert text.strip(), f"{name}: no text"
        return text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(
            archive.read(n) for n in sorted(archive.namelist()) if n.startswith(("word/", "xl/"))
        )


def test_the_set_built_with_a_helper_process_is_the_set_built_alone(app):
    from kehoach_app.db import db
    from kehoach_app.demo import create_demo_conference
    from kehoach_app.printouts import build_set

    with app.app_context():
        conference = create_demo_conference()
        db.session.commit()
        alone = build_set(conference, helpers=0)
        helped = build_set(conference, helpers=1)
    assert [name for name, _ in helped] == [name for name, _ in alone]
    assert len(alone) == sum(len(p.formats) for p in all_printouts())
    for (name, data), (_, reference) in zip(helped, alone, strict=True):
        assert _content(name, data) == _content(name, reference), name


def test_the_set_is_built_heaviest_first_by_the_caller_and_the_helper_alike(app):
    """The caller and the feeding thread both take the heaviest printout left (the
    invitations and the envelope labels first, then the lists with a row per delegate or
    award, then the rest in the print centre's order), so the set ends on small printouts in
    every process; each printout is built exactly once."""
    from kehoach_app import print_helpers
    from kehoach_app.db import db
    from kehoach_app.demo import create_demo_conference

    with app.app_context():
        conference = create_demo_conference()
        db.session.commit()
        tasks = [(p, fmt) for p in all_printouts() for fmt in p.formats]
        ordered = print_helpers.heaviest_first(tasks)
        keys = [(p.key, fmt) for p, fmt in ordered]
        assert [p.key for p, _ in ordered[:2]] == ["giay-moi", "nhan-phong-bi"]
        weights = [p.weight for p, _ in ordered]
        assert weights == sorted(weights, reverse=True) and weights[-1] == 1
        heavy = [p.key for p, _ in ordered if p.weight == 2]
        assert {"kich-ban-trao-thuong", "ky-nhan-tien-thuong", "danh-sach-ky-nhan"} <= set(heavy)
        # within one weight, the print centre's order
        centre = [(p.key, fmt) for p, fmt in tasks]
        light = [k for k, (p, _) in zip(keys, ordered, strict=True) if p.weight == 1]
        assert light == [k for k in centre if k in set(light)]

        built_here = []
        real = {id(p): p.build for p, _ in tasks}

        class Counting:
            def __init__(self, printout):
                self.printout = printout
                self.key = printout.key
                self.weight = printout.weight

            def build(self, conf, fmt):
                built_here.append((self.key, fmt))
                return real[id(self.printout)](conf, fmt)

        wrapped = [(Counting(p), fmt) for p, fmt in tasks]
        results = print_helpers.build_with_helpers(conference, wrapped, 1)
    assert set(results) == set(centre)
    helped = [key for key in results if key not in built_here]
    assert helped, "the helper built nothing"
    assert len(built_here) + len(helped) == len(centre)
    # the caller took its printouts in the heaviest-first order, from the one list
    positions = [keys.index(k) for k in built_here]
    assert positions == sorted(positions)


def test_an_error_in_the_caller_stops_handing_out_printouts(app):
    from kehoach_app import print_helpers
    from kehoach_app.db import db
    from kehoach_app.demo import create_demo_conference

    with app.app_context():
        conference = create_demo_conference()
        db.session.commit()
        tasks = [(p, fmt) for p in all_printouts() for fmt in p.formats]

        class Broken:
            """Fails in this process; a helper builds the real printout by its key."""

            def __init__(self, printout):
                self.key, self.weight = printout.key, printout.weight

            def build(self, conf, fmt):
                raise ValueError("hỏng")

        broken = [(Broken(p), fmt) for p, fmt in tasks]
        with pytest.raises(ValueError):
            print_helpers.build_with_helpers(conference, broken, 1)


def test_helpers_are_used_only_for_a_big_conference_on_a_file_database(app, monkeypatch):
    from kehoach_app import print_helpers
    from kehoach_app.db import db
    from kehoach_app.demo import create_demo_conference

    with app.app_context():
        conference = create_demo_conference()
        db.session.commit()
        assert print_helpers.database_file().endswith("kehoach.sqlite3")
        app.config["PRINT_HELPERS"] = None
        monkeypatch.setattr(print_helpers.os, "cpu_count", lambda: 4)
        assert print_helpers.helper_count(conference) == 0  # the demo is small
        monkeypatch.setattr(print_helpers, "HELPERS_FROM_SIZE", 1)
        assert print_helpers.helper_count(conference) == 3
        monkeypatch.setattr(print_helpers.os, "cpu_count", lambda: 1)
        assert print_helpers.helper_count(conference) == 0
        app.config["PRINT_HELPERS"] = 0
        assert print_helpers.helper_count(conference) == 0
        # unsaved changes: helpers would not see them, so none is started
        conference.title = conference.title + " (sửa)"
        tasks = [(p, f) for p in all_printouts() for f in p.formats]
        assert print_helpers.build_with_helpers(conference, tasks, 1) == {}
        db.session.rollback()


def test_no_helpers_for_an_in_memory_database(tmp_path):
    from kehoach_app import create_app, print_helpers
    from kehoach_app.db import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}, tmp_path / "d")
    with app.app_context():
        assert print_helpers.database_file() is None
        app.config["PRINT_HELPERS"] = 2
        assert print_helpers.helper_count(None) == 0
        db.engine.dispose()


def test_a_set_is_built_at_pythons_pace_of_collection_and_the_servers_comes_back():
    """The server collects less often for its pages (memory.serve_pages); a printout
    set is built at Python's default pace, or its garbage piles up (memory of a set, issue 19)."""
    import gc

    from kehoach_app import memory

    before = gc.get_threshold()
    memory.serve_pages()
    try:
        with memory.default_collection():
            assert gc.get_threshold()[0] == memory.PYTHON_YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == memory.SERVER_YOUNG_THRESHOLD
    finally:
        gc.set_threshold(*before)
