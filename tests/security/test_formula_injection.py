"""Issue 18, item 3: what a user typed is exported as text, never as a live formula.

The attack: a delegate named ``=HYPERLINK("http://…","Bấm vào đây")`` or ``=cmd|' /C calc'!A0``
was written as a formula in seven exports. Here every workbook the program writes is downloaded
with hostile text in each kind of user field it carries; each such cell must hold the text as
typed, stored as text ("s", not "f"), with the quote prefix; the program's own sums stay formulas.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kehoach_app import xlsx_text
from kehoach_app.db import db
from tests.office import convert, has_calc

LINK = '=HYPERLINK("http://x.example","Bấm vào đây")'
DDE = "=cmd|' /C calc'!A0"
PLUS = "+84 912 345 678"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3"
ERROR = "#N/A"
HOSTILE = (LINK, DDE, PLUS, AT, MINUS, ERROR)


def _poison(app, conference_id: int) -> None:
    """Hostile text in every kind of user field the exports carry."""
    from kehoach_app.awards.models import Award, AwardForm
    from kehoach_app.budget.models import BudgetLine
    from kehoach_app.delegates.models import Delegate, DelegateGroup
    from kehoach_app.tasks.models import Task

    with app.app_context():
        people = db.session.scalars(
            select(Delegate).where(Delegate.conference_id == conference_id).order_by(Delegate.id)
        ).all()
        people[0].full_name, people[0].position, people[0].unit = LINK, DDE, AT
        people[0].phone, people[0].notes = PLUS, MINUS
        people[1].full_name, people[1].substitute_name = DDE, LINK
        people[2].full_name = ERROR
        group = db.session.scalars(
            select(DelegateGroup).where(DelegateGroup.conference_id == conference_id)
        ).first()
        group.name = AT
        line = db.session.scalars(
            select(BudgetLine).where(BudgetLine.conference_id == conference_id)
        ).first()
        line.content, line.unit, line.notes = LINK, PLUS, DDE
        award = db.session.scalars(
            select(Award).where(Award.conference_id == conference_id).order_by(Award.id)
        ).first()
        award.name, award.unit, award.decision_number, award.notes = DDE, LINK, MINUS, AT
        award.job_title = PLUS
        form = db.session.get(AwardForm, award.form_id)
        form.name, form.physical_item = LINK, DDE
        task = db.session.scalars(select(Task).where(Task.conference_id == conference_id)).first()
        task.title, task.lead_unit, task.notes = DDE, LINK, AT
        db.session.commit()


EXPORTS = {
    "danh sách đại biểu": "/hoi-nghi/{id}/in/danh-sach-dai-bieu.xlsx",
    "danh sách ký nhận": "/hoi-nghi/{id}/in/danh-sach-ky-nhan.xlsx",
    "sổ theo dõi giấy mời": "/hoi-nghi/{id}/in/so-theo-doi-giay-moi.xlsx",
    "đại biểu (để nhập lại)": "/hoi-nghi/{id}/dai-bieu/danh-sach.xlsx",
    "mẫu nhập đại biểu": "/hoi-nghi/{id}/dai-bieu/mau-nhap-dai-bieu.xlsx",
    "dự toán": "/hoi-nghi/{id}/in/du-toan.xlsx",
    "tiền thưởng": "/hoi-nghi/{id}/in/tien-thuong.xlsx",
    "danh sách khen thưởng": "/hoi-nghi/{id}/khen-thuong/danh-sach.xlsx",
    "mẫu nhập khen thưởng": "/hoi-nghi/{id}/khen-thuong/mau-nhap.xlsx",
    "danh sách nhiệm vụ": "/hoi-nghi/{id}/in/danh-sach-nhiem-vu.xlsx",
}

# Which hostile texts each export must carry (at least), to prove the field went through.
EXPECTED = {
    "danh sách đại biểu": {LINK, DDE, AT, ERROR},
    "danh sách ký nhận": {LINK, DDE, ERROR},
    "sổ theo dõi giấy mời": {LINK, DDE, AT, ERROR},
    "đại biểu (để nhập lại)": {LINK, DDE, AT, PLUS, MINUS, ERROR},
    "mẫu nhập đại biểu": {AT},
    "dự toán": {LINK, PLUS, DDE},
    "tiền thưởng": {LINK, DDE, PLUS, MINUS},
    "danh sách khen thưởng": {LINK, DDE, PLUS, MINUS, AT},
    "mẫu nhập khen thưởng": {LINK},
    "danh sách nhiệm vụ": {LINK, DDE, AT},
}


def _cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


@pytest.fixture()
def poisoned(app, demo_id):
    _poison(app, demo_id)
    return demo_id


def test_every_export_writes_hostile_text_as_text(client, poisoned):
    for name, url in EXPORTS.items():
        response = client.get(url.format(id=poisoned))
        assert response.status_code == 200, name
        found = set()
        formulas = []
        for cell in _cells(response.data):
            value = cell.value
            if cell.data_type == "f":
                formulas.append(value)
            if not isinstance(value, str):
                continue
            for text in HOSTILE:
                if value.startswith(text):
                    found.add(text)
                    # stored as the text typed: a shared string, never a formula or an error
                    assert cell.data_type == "s", (name, cell.coordinate, value)
                    if xlsx_text.risky(value):
                        assert cell.quotePrefix, (name, cell.coordinate, value)
        assert EXPECTED[name] <= found, (name, EXPECTED[name] - found)
        # the only formulas left are the program's own sums and roundings
        for formula in formulas:
            assert formula.startswith(("=SUM(", "=ROUND(", "=SUMPRODUCT(", "=0")), (name, formula)
            assert "HYPERLINK" not in formula and "cmd|" not in formula, (name, formula)


def test_the_programs_own_formulas_stay_formulas(client, poisoned):
    budget = list(_cells(client.get(f"/hoi-nghi/{poisoned}/in/du-toan.xlsx").data))
    assert any(c.data_type == "f" and str(c.value).startswith("=ROUND(") for c in budget)
    assert any(c.data_type == "f" and str(c.value).startswith("=SUM(") for c in budget)
    money = list(_cells(client.get(f"/hoi-nghi/{poisoned}/in/tien-thuong.xlsx").data))
    assert any(c.data_type == "f" and str(c.value).startswith("=SUMPRODUCT(") for c in money)


def test_the_helper_keeps_text_and_formulas_apart():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    xlsx_text.append(sheet, [LINK, "\t=1+1", "\r=2", "Bình thường", 5, xlsx_text.Formula("=1+1")])
    cells = list(sheet[1])
    assert [c.data_type for c in cells] == ["s", "s", "s", "s", "n", "f"]
    assert [c.quotePrefix for c in cells] == [True, True, True, False, False, False]
    # a named style set afterwards drops the quote prefix; seal puts it back before saving
    cells[0].style = "Normal"
    assert not cells[0].quotePrefix
    xlsx_text.seal(book)
    assert cells[0].quotePrefix


@pytest.mark.skipif(not has_calc(), reason="LibreOffice Calc is not installed")
def test_libreoffice_shows_the_name_as_typed(client, poisoned, tmp_path):
    """LibreOffice opens the delegate export and the sign-in sheet: the cells read exactly as
    typed (a formula would read as its result, or Err:…/#NAME?)."""
    texts = []
    for name in ("danh-sach-ky-nhan", "du-toan"):
        source = tmp_path / f"{name}.xlsx"
        source.write_bytes(client.get(f"/hoi-nghi/{poisoned}/in/{name}.xlsx").data)
        csv = convert(source, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76")
        texts.append(csv.read_text(encoding="utf-8"))
    sign_in, budget = texts
    # CSV doubles the quotes inside a quoted field
    assert '"' + LINK.replace('"', '""') in sign_in
    assert f",{ERROR}," in sign_in and f'"{DDE}\n(Dự thay: ' in sign_in
    assert '"' + LINK.replace('"', '""') + '"' in budget and DDE in budget and PLUS in budget
    # the program's ROUND and SUM were computed: the total is a number, not a formula text
    assert "=ROUND(" not in budget and "=SUM(" not in budget
