"""The scripting interface: demo, export-conference, import-conference, print-all."""

from __future__ import annotations

import json

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_demo_prints_the_new_id(app):
    result = run(app, "demo")
    assert result.exit_code == 0, result.output
    conference_id = int(result.output.strip())
    with app.app_context():
        assert db.session.get(Conference, conference_id).signer_name == "Nguyễn Thị Hồng Nhung"


def test_export_then_import(app, tmp_path):
    conference_id = run(app, "demo").output.strip()
    file = tmp_path / "hoi-nghi.json"
    result = run(app, "export-conference", conference_id, str(file))
    assert result.exit_code == 0, result.output
    assert json.loads(file.read_text(encoding="utf-8"))["conference"]["place_name"] == "Tân Hòa"
    result = run(app, "import-conference", str(file))
    assert result.exit_code == 0, result.output
    assert int(result.output.strip()) != int(conference_id)


def test_import_of_a_bad_file_fails_clearly(app, tmp_path):
    file = tmp_path / "bad.json"
    file.write_text('{"format": "kehoach-hoi-nghi/conference", "version": 1}', encoding="utf-8")
    result = run(app, "import-conference", str(file))
    assert result.exit_code != 0
    assert "Không nhập được" in result.output
    assert "Thiếu mục “conference”" in result.output
    with app.app_context():
        assert db.session.query(Conference).count() == 0


def test_export_of_a_missing_conference(app, tmp_path):
    result = run(app, "export-conference", "42", str(tmp_path / "x.json"))
    assert result.exit_code != 0
    assert "Không có hội nghị số 42" in result.output


def test_print_all_writes_every_printout(app, tmp_path):
    conference_id = run(app, "demo").output.strip()
    out = tmp_path / "ban-in"
    result = run(app, "print-all", conference_id, "--out", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert any(n.startswith("Thông tin hội nghị") and n.endswith(".pdf") for n in names)
    assert any(n.endswith(".docx") for n in names)
    for path in out.iterdir():
        assert path.stat().st_size > 1000


def test_print_all_says_what_it_leaves_out_while_the_day_is_not_fixed(app, tmp_path):
    """Each printout waiting for the day: one Vietnamese line on stderr with its reason, exit 0;
    the envelope labels (no date on them) are written (issue 20 review)."""
    import datetime as dt

    from kehoach_app.conferences.logic import EXACT_DATE_PRINTOUTS
    from kehoach_app.printouts import all_printouts

    conference_id = run(app, "demo").output.strip()
    with app.app_context():
        conference = db.session.get(Conference, int(conference_id))
        conference.date_kind, conference.month_part = "month_part", "cuoi"
        conference.date = dt.date(2027, 2, 28)
        db.session.commit()
    out = tmp_path / "ban-in"
    result = run(app, "print-all", conference_id, "--out", str(out))
    assert result.exit_code == 0, result.output
    titles = {p.key: p.title for p in all_printouts()}
    left_out = [line for line in result.stderr.splitlines() if line.startswith("Không in “")]
    assert sorted(left_out) == sorted(
        line for line in left_out if "ngày tổ chức mới là “cuối tháng 02/2027”" in line
    )
    assert {line.split("”", 1)[0].removeprefix("Không in “") for line in left_out} == {
        titles[key] for key in EXACT_DATE_PRINTOUTS
    }
    assert "Không in" not in result.stdout  # stdout: the files written, nothing else
    names = [p.name for p in out.iterdir()]
    assert any(n.startswith(titles["nhan-phong-bi"]) for n in names)
    assert not any(n.startswith(titles["giay-moi"]) for n in names)
