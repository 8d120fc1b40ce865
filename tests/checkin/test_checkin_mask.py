"""The QR mask of each check-in code, worked out once when the code is given and stored with it
(delegates.check_in_mask, migration 0021): printing passes it, and segno no longer scores the
eight masks of every code in every process that prints; a code without one still prints."""

from __future__ import annotations

import importlib.util
import io

import pdfplumber
import pytest
import segno
import segno.encoder
from sqlalchemy import select, text

from kehoach_app import transfer
from kehoach_app.checkin.qrmask import make_symbol, mask_of
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from tests.checkin.test_checkin_qr import _decode
from tests.conftest import post


def _masks(conference_id: int) -> dict[str, int | None]:
    """code → stored mask."""
    return dict(
        db.session.execute(
            select(Delegate.check_in_code, Delegate.check_in_mask).where(
                Delegate.conference_id == conference_id
            )
        ).all()
    )


def _segno_choice(code: str) -> int:
    """The mask segno picks itself, by the call the printouts made before masks were stored."""
    return segno.make_qr(code, error="m", boost_error=False).mask


@pytest.fixture()
def choices(monkeypatch):
    """Counts segno's mask evaluations (a symbol made without a mask given) and clears the
    drawing's per-process cache, so that a printout encodes its codes again."""
    from kehoach_app.checkin import qr

    real = segno.encoder.find_and_apply_best_mask
    calls = []

    def counted(matrix, width, height, proposed_mask=None):
        if proposed_mask is None:
            calls.append(width)
        return real(matrix, width, height, proposed_mask)

    monkeypatch.setattr(segno.encoder, "find_and_apply_best_mask", counted)
    qr._rectangles.cache_clear()
    qr._operators.cache_clear()
    yield calls
    qr._rectangles.cache_clear()
    qr._operators.cache_clear()


def test_the_masks_are_segnos_own_choice_worked_by_hand():
    # segno 1.6.1 scores the eight masks of each by ISO/IEC 18004 7.8.3 (N1…N4); these are its
    # picks, noted once: the stored mask must be exactly that, or the symbol would change
    assert [mask_of(code) for code in ("K7MQ4X", "MJSFQ5", "999999", "BBBBBB")] == [4, 5, 2, 4]
    assert mask_of("") is None
    # a value that is no mask (a hand-edited backup restored) is passed over: segno chooses
    assert make_symbol("K7MQ4X", 42).mask == make_symbol("K7MQ4X", -1).mask == 4
    for code in ("K7MQ4X", "MJSFQ5", "999999", "HX3TZ9"):
        # the symbol with the mask given is the symbol segno chose, module for module
        assert make_symbol(code, mask_of(code)).matrix == make_symbol(code).matrix


def test_new_delegates_get_their_codes_mask(app, small):
    conference_id, codes = small
    with app.app_context():
        masks = _masks(conference_id)
        assert sorted(masks) == sorted(codes.values())
        assert masks == {code: _segno_choice(code) for code in masks}
    # a delegate added by the form gets his with his code
    post(
        app.test_client(),
        f"/hoi-nghi/{conference_id}/dai-bieu/them",
        {"honorific": "Ông", "full_name": "Trương Văn Mới", "reply": "pending"},
        page=f"/hoi-nghi/{conference_id}/dai-bieu",
    )
    with app.app_context():
        person = db.session.scalar(select(Delegate).filter_by(full_name="Trương Văn Mới"))
        assert person.check_in_mask == _segno_choice(person.check_in_code)
        # a code set on a row gets its mask worked out again
        person.check_in_code = "K7MQ4X"
        db.session.commit()
        assert db.session.get(Delegate, person.id).check_in_mask == 4


def test_the_migration_gives_every_code_already_there_its_mask(app, demo_id):
    """0021 on a database at 0020: the column comes, filled for the 40 demo delegates."""
    from flask_migrate import downgrade, upgrade

    from kehoach_app import MIGRATIONS

    with app.app_context():
        codes = [c for c, _ in _masks(demo_id).items()]
        db.session.remove()
        downgrade(directory=str(MIGRATIONS), revision="0020")
        columns = [r[1] for r in db.session.execute(text("PRAGMA table_info(delegates)"))]
        assert "check_in_mask" not in columns and "check_in_code" in columns
        db.session.remove()
        upgrade(directory=str(MIGRATIONS))
        masks = _masks(demo_id)
        db.session.remove()
    assert len(masks) == 40 and sorted(masks) == sorted(codes)
    assert masks == {code: _segno_choice(code) for code in masks}


def test_the_migrations_data_step_leaves_a_row_without_a_code_alone(app, demo_id):
    spec = importlib.util.spec_from_file_location(
        "m0021", "kehoach_app/migrations/versions/0021_check_in_mask.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with app.app_context():
        connection = db.session.connection()
        connection.execute(text("UPDATE delegates SET check_in_mask = NULL"))
        first = connection.execute(text("SELECT min(id) FROM delegates")).scalar()
        connection.execute(
            text("UPDATE delegates SET check_in_code = '' WHERE id = :id"), {"id": first}
        )
        module._fill_masks(connection)
        rows = connection.execute(
            text("SELECT id, check_in_code, check_in_mask FROM delegates")
        ).fetchall()
        db.session.rollback()
    assert len(rows) == 40
    assert all(mask is None if i == first else mask == _segno_choice(c) for i, c, mask in rows)


@pytest.mark.parametrize("key", ["giay-moi", "nhan-phong-bi", "bien-ten"])
def test_printing_with_the_masks_stored_chooses_no_mask(client, demo_id, choices, key):
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/{key}.pdf").data
    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert document.pages[0].rects  # the QR is drawn …
    assert choices == []  # … and segno applied the stored mask straight away


def test_a_code_without_a_mask_still_prints_the_same_readable_symbol(
    app, client, small, choices, tmp_path
):
    conference_id, codes = small
    url = f"/hoi-nghi/{conference_id}/in/giay-moi.pdf"

    def symbol_rects(pdf: bytes) -> list[tuple]:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            rects = document.pages[0].rects
        return sorted(
            (round(r["x0"], 2), round(r["top"], 2), r["width"], r["height"]) for r in rects
        )

    stored = client.get(url).data
    assert choices == []
    with app.app_context():
        db.session.execute(text("UPDATE delegates SET check_in_mask = NULL"))
        db.session.commit()
    worked_out = client.get(url).data
    assert len(choices) == len(codes)  # chosen on the fly, as before 0021
    assert symbol_rects(worked_out) == symbol_rects(stored)
    assert _decode(worked_out, tmp_path, dpi=150)[0] in codes.values()


def test_an_imported_conference_stores_each_codes_mask_once(app, small, choices):
    conference_id, codes = small
    with app.app_context():
        document = transfer.export_conference(db.session.get(Conference, conference_id))
        raw = transfer.dump_json(document)
        imported = transfer.import_conference(raw)
        db.session.commit()
        masks = _masks(imported.id)
    assert sorted(masks) == sorted(codes.values())  # the file's codes …
    assert masks == {code: _segno_choice(code) for code in masks}  # … with their masks
    assert len(choices) == 2 * len(codes)  # once at the import, once for the check above
    del document["check_in"]  # a file written before check-in: new codes, masks with them
    with app.app_context():
        older = transfer.import_conference(transfer.dump_json(document))
        db.session.commit()
        masks = _masks(older.id)
    assert len(masks) == 8 and masks == {code: _segno_choice(code) for code in masks}


def test_undo_puts_a_deleted_delegate_back_with_his_mask(app, client, small):
    conference_id, codes = small
    code = codes["Võ Thị Lan"]
    with app.app_context():
        person = db.session.scalar(select(Delegate).filter_by(full_name="Võ Thị Lan"))
        person_id = person.id
    page = f"/hoi-nghi/{conference_id}/dai-bieu"
    post(client, f"{page}/{person_id}/xoa", {}, page=page)
    with app.app_context():
        assert code not in _masks(conference_id)
    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", {}, page=page)
    with app.app_context():
        assert _masks(conference_id)[code] == _segno_choice(code)
