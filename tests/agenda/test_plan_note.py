"""The plan's guidance on a programme item (agenda_items.plan_note, migration 0022): the Kế hoạch
prints it after the item's title as seed 004 does; the programme, the MC script and the pages the
hall sees never print it (docs/agenda.md "Yêu cầu nêu trong Kế hoạch")."""

from __future__ import annotations

import importlib.util
import io
import re
import unicodedata

import docx
import pdfplumber
import pytest
from sqlalchemy import text

from kehoach_app import transfer
from kehoach_app.agenda.conference_file import next_edition
from kehoach_app.agenda.models import AgendaItem
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.presets import all_presets, get_preset
from tests.conftest import post
from tests.plan.test_seed_plans import BASE, SEEDS

REPORT = "Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 2020 - 2025"
REPORT_NOTE = (
    "(Báo cáo phải nêu được những nét mới, sáng tạo, những phong trào thi đua đã phát động, bảo "
    "đảm thiết thực, hiệu quả, góp phần hoàn thành tốt nhiệm vụ chính trị của cơ quan, đơn vị, "
    "địa phương)"
)
TALKS = "Báo cáo tham luận của các điển hình tiên tiến (tập thể và cá nhân)"
TALKS_NOTE = "Chú trọng lựa chọn điển hình thật sự tiêu biểu trong 05 năm qua và có sức lan tỏa"
# What the presets wrote into the titles before 0022.
OLD_REPORT = f"{REPORT} {REPORT_NOTE}"
OLD_TALKS = f"{TALKS}. {TALKS_NOTE}"
GUIDANCE = ("phải nêu được", "Chú trọng lựa chọn", "nêu những nét mới")


def dai_hoi(app) -> int:
    """A conference made from the Đại hội Thi đua yêu nước preset (cấp tỉnh), seed 004's facts."""
    from kehoach_app.conferences.presetting import apply_preset_parts

    with app.test_request_context():
        conference = Conference(**{**BASE, **SEEDS["004"]["conference"]})
        db.session.add(conference)
        db.session.flush()
        apply_preset_parts(conference, get_preset("dai_hoi.tinh"))
        db.session.commit()
        return conference.id


def items(app, conference_id: int) -> list[AgendaItem]:
    with app.app_context():
        rows = db.session.scalars(
            db.select(AgendaItem)
            .where(AgendaItem.conference_id == conference_id)
            .order_by(AgendaItem.position)
        ).all()
        db.session.expunge_all()
        return list(rows)


def pdf_words(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return " ".join(w["text"] for page in document.pages for w in page.extract_words())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    # a span of years is joined by no-break spaces (printing.layout.clean): read as spaces
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")


def test_no_preset_puts_the_plans_guidance_in_a_title():
    for preset in all_presets():
        for item in preset.agenda:
            assert not any(g in item.title for g in GUIDANCE), (preset.key, item.title)
    notes = [i.plan_note for i in get_preset("dai_hoi.tinh").agenda if i.plan_note]
    assert notes == [REPORT_NOTE, TALKS_NOTE]
    notes = [i.plan_note for i in get_preset("tuyen_duong.xa").agenda if i.plan_note]
    assert notes == ["(nêu những nét mới, sáng tạo, những phong trào thi đua đã phát động)"]


def test_a_dai_hoi_conference_gets_titles_and_notes_apart(app):
    rows = items(app, dai_hoi(app))
    assert (rows[2].title, rows[2].plan_note) == (REPORT, REPORT_NOTE)
    assert (rows[3].title, rows[3].plan_note) == (TALKS, TALKS_NOTE)
    assert all(r.plan_note == "" for r in rows if r not in rows[2:4])


@pytest.mark.parametrize("key", ["chuong-trinh", "kich-ban-dieu-hanh"])
def test_the_programme_and_the_script_never_print_the_guidance(app, client, key):
    cid = dai_hoi(app)
    response = client.get(f"/hoi-nghi/{cid}/in/{key}.pdf")
    assert response.status_code == 200
    words = pdf_words(response.data)
    assert "Báo cáo đánh giá, biểu dương" in words and "2020 - 2025" in words  # the items
    assert "Báo cáo tham luận" in words and "(tập thể và cá nhân)" in words
    for guidance in GUIDANCE:
        assert guidance not in words, (key, guidance)
    printed = docx_text(client.get(f"/hoi-nghi/{cid}/in/{key}.docx").data)
    assert "Báo cáo tham luận của các điển hình tiên tiến" in printed
    for guidance in GUIDANCE:
        assert guidance not in printed, (key, guidance)


def test_the_programme_page_shows_the_title_alone_and_the_note_apart(app, client):
    cid = dai_hoi(app)
    html = client.get(f"/hoi-nghi/{cid}/chuong-trinh").get_data(as_text=True)
    titles = re.findall(r'<div class="item-title">([^<]*)</div>', html)
    assert titles[2] == REPORT and titles[3] == TALKS
    # the officer sees the note, marked as the plan's (and hidden when the page is printed)
    assert f"Yêu cầu nêu trong Kế hoạch: {TALKS_NOTE}</span>" in html


def test_the_plan_prints_the_guidance_in_its_programme_section(app, client):
    cid = dai_hoi(app)
    printed = docx_text(client.get(f"/hoi-nghi/{cid}/in/ke-hoach.docx").data)
    lines = printed.split("\n")
    section = lines.index("3. Nội dung Đại hội hoặc Hội nghị")
    assert lines[section + 3] == f"- {REPORT} {REPORT_NOTE};"  # as seed 004 writes it
    assert lines[section + 4] == f"- {TALKS}. {TALKS_NOTE};"
    assert lines[section + 9] == "- Tổng kết và bế mạc."
    words = pdf_words(client.get(f"/hoi-nghi/{cid}/in/ke-hoach.pdf").data)
    heading = words.index("3. Nội dung Đại hội hoặc Hội nghị")
    assert words.index(f"{REPORT} {REPORT_NOTE};") > heading
    assert words.index(f"{TALKS}. {TALKS_NOTE};") > heading


def test_the_form_saves_and_shows_the_note(app, client):
    cid = dai_hoi(app)
    item = items(app, cid)[1]  # Khai mạc
    url = f"/hoi-nghi/{cid}/chuong-trinh/{item.id}/sua"
    html = client.get(url).get_data(as_text=True)
    assert "Yêu cầu nêu trong Kế hoạch" in html and "Chỉ in trong Kế hoạch" in html
    version = re.search(r'name="version"[^>]*value="([^"]+)"', html).group(1)
    typed = unicodedata.normalize("NFD", "Diễn văn khai mạc ngắn gọn,\n  súc tích")
    data = {"kind": "khac", "title": "Khai mạc", "presenter": "", "presenter_unit": "",
            "minutes": "10", "mc_text": "", "notes": "", "plan_note": typed,
            "version": version}  # fmt: skip
    assert post(client, url, data, page=url).status_code == 302
    saved = items(app, cid)[1]
    assert saved.plan_note == "Diễn văn khai mạc ngắn gọn, súc tích"  # NFC, one line
    assert saved.title == "Khai mạc"
    assert "Diễn văn khai mạc ngắn gọn, súc tích</textarea>" in client.get(url).get_data(
        as_text=True
    )
    printed = docx_text(client.get(f"/hoi-nghi/{cid}/in/ke-hoach.docx").data)
    assert "- Khai mạc. Diễn văn khai mạc ngắn gọn, súc tích;" in printed
    # too long: refused with the field's message, nothing saved
    version = re.search(r'name="version"[^>]*value="([^"]+)"', client.get(url).text).group(1)
    response = post(client, url, {**data, "plan_note": "x" * 2001, "version": version}, page=url)
    assert response.status_code == 200
    assert "Yêu cầu nêu trong Kế hoạch" in response.get_data(as_text=True)
    assert items(app, cid)[1].plan_note == "Diễn văn khai mạc ngắn gọn, súc tích"


def test_a_new_item_can_carry_a_note(app, client):
    cid = dai_hoi(app)
    page = f"/hoi-nghi/{cid}/chuong-trinh"
    data = {"kind": "tham_luan", "title": "Tham luận của Hội Nông dân", "presenter": "",
            "presenter_unit": "", "minutes": "7", "after": "", "mc_text": "", "notes": "",
            "plan_note": "(chọn mô hình tiêu biểu)"}  # fmt: skip
    assert post(client, page + "/them", data, page=page).status_code == 302
    assert items(app, cid)[-1].plan_note == "(chọn mô hình tiêu biểu)"


def test_the_conference_file_round_trips_the_note_and_an_old_file_imports(app):
    cid = dai_hoi(app)
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, cid))
    agenda = document["agenda"]
    assert agenda[2]["plan_note"] == REPORT_NOTE and agenda[3]["plan_note"] == TALKS_NOTE
    assert "plan_note" not in agenda[0]  # written only when there is one
    with app.app_context():
        copy = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        copy_id = copy.id
    assert [(i.title, i.plan_note) for i in items(app, copy_id)] == [
        (i.title, i.plan_note) for i in items(app, cid)
    ]
    # a file written before the key: the guidance inside the title, as typed, and no note
    for row in agenda:
        row.pop("plan_note", None)
    agenda[2]["title"] = OLD_REPORT
    with app.app_context():
        older = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        older_id = older.id
    rows = items(app, older_id)
    assert rows[2].title == OLD_REPORT and all(r.plan_note == "" for r in rows)
    # the schema bounds it like the form
    agenda[3]["plan_note"] = "x" * 2001
    with app.app_context(), pytest.raises(transfer.ConferenceFileError):
        transfer.import_conference(transfer.dump_json(document))


def test_next_edition_moves_the_years_in_the_note():
    rows = [{"kind": "bao_cao", "title": "Báo cáo giai đoạn 2020 - 2025", "minutes": 30,
             "plan_note": "(nêu kết quả giai đoạn 2020 - 2025)"}]  # fmt: skip
    moved = next_edition(rows, {2020, 2025}, 5)
    assert moved[0]["title"] == "Báo cáo giai đoạn 2025 - 2030"
    assert moved[0]["plan_note"] == "(nêu kết quả giai đoạn 2025 - 2030)"


def test_undo_restores_the_note(app, client):
    cid = dai_hoi(app)
    item = items(app, cid)[3]
    url = f"/hoi-nghi/{cid}/chuong-trinh/{item.id}/sua"
    version = re.search(r'name="version"[^>]*value="([^"]+)"', client.get(url).text).group(1)
    data = {"kind": "tham_luan", "title": TALKS, "presenter": "", "presenter_unit": "",
            "minutes": "7", "mc_text": "", "notes": "", "plan_note": "",
            "version": version}  # fmt: skip
    assert post(client, url, data, page=url).status_code == 302
    assert items(app, cid)[3].plan_note == ""
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=f"/hoi-nghi/{cid}/chuong-trinh")
    assert items(app, cid)[3].plan_note == TALKS_NOTE


def _migration():
    spec = importlib.util.spec_from_file_location(
        "m0022", "kehoach_app/migrations/versions/0022_agenda_plan_note.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_splits_only_an_old_presets_exact_title():
    split = _migration().split_old_title
    assert split(OLD_REPORT) == (REPORT, REPORT_NOTE)
    assert split(OLD_TALKS) == (TALKS, TALKS_NOTE)
    assert split(unicodedata.normalize("NFD", OLD_TALKS)) == (TALKS, TALKS_NOTE)
    old_xa = (
        "Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 05 năm (nêu những "
        "nét mới, sáng tạo, những phong trào thi đua đã phát động)"
    )
    assert split(old_xa)[1].startswith("(nêu những nét mới")
    # the officer's own words stay as typed
    assert split(OLD_TALKS + ".") is None
    assert split(OLD_REPORT.replace("2020 - 2025", "2020-2025")) is None
    assert split(REPORT) is None


def test_the_migration_upgrades_a_database_at_0021(app):
    """0022 on a database at 0021: an item made by the old preset is split, an item whose
    title the officer typed with the same words is left alone."""
    from flask_migrate import downgrade, upgrade

    from kehoach_app import MIGRATIONS

    cid = dai_hoi(app)
    officer = f"{OLD_TALKS} (do Sở Nội vụ chọn)"
    with app.app_context():
        db.session.remove()
        downgrade(directory=str(MIGRATIONS), revision="0021")
        columns = [r[1] for r in db.session.execute(text("PRAGMA table_info(agenda_items)"))]
        assert "plan_note" not in columns
        # the downgrade puts the notes back into the titles, as the old program had them
        titles = [
            r[0]
            for r in db.session.execute(
                text("SELECT title FROM agenda_items WHERE conference_id = :c ORDER BY position"),
                {"c": cid},
            )
        ]
        assert titles[2:4] == [OLD_REPORT, OLD_TALKS]
        db.session.execute(
            text("UPDATE agenda_items SET title = :t WHERE conference_id = :c AND position = 5"),
            {"t": officer, "c": cid},
        )
        db.session.commit()
        db.session.remove()
        upgrade(directory=str(MIGRATIONS))
        db.session.remove()
    rows = items(app, cid)
    assert (rows[2].title, rows[2].plan_note) == (REPORT, REPORT_NOTE)
    assert (rows[3].title, rows[3].plan_note) == (TALKS, TALKS_NOTE)
    assert (rows[4].title, rows[4].plan_note) == (officer, "")
    assert all(r.version == 1 for r in rows[2:4])  # the split is not the officer's edit


def test_the_plans_line_joins_title_performer_and_note():
    from kehoach_app.plan.logic import PlanInputs, ProgrammeLine, _programme_block

    def block(*lines):
        return _programme_block(PlanInputs(values={}, programme=list(lines))).text.split("\n")

    assert block(
        ProgrammeLine(REPORT, note=REPORT_NOTE), ProgrammeLine(TALKS, note=TALKS_NOTE)
    ) == [
        f"- {REPORT} {REPORT_NOTE};",
        f"- {TALKS}. {TALKS_NOTE}.",
    ]
    # the performer stays with the title; a note's own full stop is not doubled
    assert block(ProgrammeLine("Báo cáo", "Sở Nội vụ", note="nêu kết quả.")) == [
        "- Báo cáo (Sở Nội vụ trình bày). Nêu kết quả."
    ]
    # beside a performer's bracket, a bracketed note is the next sentence: never two brackets
    # in a row (reviewer's walk: "… (Lãnh đạo Ủy ban nhân dân trình bày) (nêu những nét mới …)")
    assert block(
        ProgrammeLine(REPORT, "Lãnh đạo Ủy ban nhân dân trình bày", note=REPORT_NOTE)
    ) == [f"- {REPORT} (Lãnh đạo Ủy ban nhân dân trình bày). {REPORT_NOTE[1:2].upper()}"
          f"{REPORT_NOTE[2:-1]}."]  # fmt: skip
    # a title that already holds its note (an undo step saved before 0022) prints it once
    assert block(ProgrammeLine(OLD_TALKS, note=TALKS_NOTE)) == [f"- {OLD_TALKS}."]
