"""In phôi: the database side (docs/awards.md, "In phôi").

- A conference's layouts: a saved row wins, else the shipped layout of the form's code, else
  the common one. Saving or going back to the shipped layout takes an undo snapshot first, and
  the layouts travel in the conference file (part "certificates"): the office's measurements
  are kept with the conference and copied by Nhân bản.
- The printers' offsets are the machine's (no undo, like the award catalogue; version-checked).
- The scan of a blank form is a file in the data folder (`phoi/<form code>.png|jpg`), checked
  and size-limited; it is shown under the boxes only, never printed.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from sqlalchemy import delete, select

from .. import transfer, vn
from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..db import db
from ..lazy import lazy_module
from . import logic
from .certificates_models import CertificateLayout, PrinterOffset
from .operations import AwardsState, StaleEdit

# The certificates' drawing loads ReportLab: on first use, not at start (kehoach_app/lazy.py).
certificates = lazy_module("kehoach_app.awards.certificates")

PART_KEY = "certificates"
MAX_SCAN_BYTES = 5 * 1024 * 1024
MAX_SCAN_PIXELS = 12000
_CODE = re.compile(r"^[a-z0-9_]{1,60}$")


# --------------------------------------------------------------------------- layouts


def _row(conference: Conference, code: str) -> CertificateLayout | None:
    return db.session.scalar(
        select(CertificateLayout).where(
            CertificateLayout.conference_id == conference.id, CertificateLayout.form_code == code
        )
    )


def _from_row(row: CertificateLayout, name: str) -> certificates.Layout:
    layout, errors = certificates.check_layout(
        {
            "paper": row.paper,
            "orientation": row.orientation,
            "fields": json.loads(row.fields_json or "{}"),
            "texts": json.loads(row.texts_json or "{}"),
        }
    )
    if layout is None:  # rows are written checked; a damaged one falls back to the shipped
        return None
    return replace(layout, code=row.form_code, name=name, source="saved", version=row.version)


def layout_for(conference: Conference, code: str, form_name: str) -> certificates.Layout:
    row = _row(conference, code)
    layout = _from_row(row, form_name) if row is not None else None
    if layout is None:
        layout = certificates.shipped_layout(code, form_name, conference.year_reviewed)
        texts = dict(layout.texts)
        texts["place"] = texts.get("place") or conference.place_name or ""
        layout = replace(layout, texts=texts)
    return layout


def layouts_of(
    conference: Conference, forms: list[logic.FormRule]
) -> dict[str, certificates.Layout]:
    """The layout of each form given, by code, read in one query."""
    rows = {
        row.form_code: row
        for row in db.session.scalars(
            select(CertificateLayout).where(CertificateLayout.conference_id == conference.id)
        )
    }
    found = {}
    for form in forms:
        row = rows.get(form.code)
        layout = _from_row(row, form.name) if row is not None else None
        if layout is None:
            layout = certificates.shipped_layout(form.code, form.name, conference.year_reviewed)
            texts = dict(layout.texts)
            texts["place"] = texts.get("place") or conference.place_name or ""
            layout = replace(layout, texts=texts)
        found[form.code] = layout
    return found


def save_layout(conference: Conference, layout: certificates.Layout, version: int | None) -> bool:
    """Save a checked layout for its form; False when nothing changed. StaleEdit when the row
    was saved in another window since the page was opened (`version` 0: no row then)."""
    row = _row(conference, layout.code)
    if (row.version if row else 0) != (version or 0):
        raise StaleEdit
    data = layout.to_dict()
    fields_json = json.dumps(data["fields"], ensure_ascii=False, sort_keys=True)
    texts_json = json.dumps(data["texts"], ensure_ascii=False, sort_keys=True)
    if row is not None and (row.paper, row.orientation, row.fields_json, row.texts_json) == (
        layout.paper,
        layout.orientation,
        fields_json,
        texts_json,
    ):
        return False
    take_snapshot(conference, "awards", f"Sửa bố cục in phôi “{layout.name}”")
    if row is None:
        row = CertificateLayout(conference_id=conference.id, form_code=layout.code)
        db.session.add(row)
    row.paper, row.orientation = layout.paper, layout.orientation
    row.fields_json, row.texts_json = fields_json, texts_json
    db.session.flush()
    return True


def reset_layout(conference: Conference, code: str, name: str) -> bool:
    """Back to the shipped layout (the saved row deleted); False when there was none."""
    row = _row(conference, code)
    if row is None:
        return False
    take_snapshot(conference, "awards", f"Đưa bố cục in phôi “{name}” về bố cục có sẵn")
    db.session.delete(row)
    db.session.flush()
    return True


# --------------------------------------------------------------------------- what to print


def scopes(state: AwardsState) -> list[tuple[str, str]]:
    """(value, label) of what can be printed: all, one form, one batch, in ceremony order."""
    batches = state.ceremony.batches
    found = [("tat-ca", f"Tất cả ({vn.format_count(len(state.recipients))} tờ)")]
    seen: list[int] = []
    for batch in batches:
        if batch.form.id not in seen:
            seen.append(batch.form.id)
            count = sum(len(b.recipients) for b in batches if b.form.id == batch.form.id)
            found.append((f"hinh-thuc-{batch.form.id}", f"{batch.form.name} ({count} tờ)"))
    for batch in batches:
        found.append(
            (
                f"dot-{batch.sequence}",
                f"Đợt {batch.sequence}: {batch.form.name} ({batch.count_text})",
            )
        )
    return found


def sheets_for(
    conference: Conference, state: AwardsState, scope: str
) -> list[certificates.Sheet] | None:
    """The certificates of `scope` ("tat-ca", "hinh-thuc-<form id>", "dot-<n>") in the
    ceremony's order (batch after batch, each in stage order); None for an unknown scope."""
    batches = state.ceremony.batches
    if scope == "tat-ca":
        chosen = batches
    elif match := re.fullmatch(r"hinh-thuc-(\d+)", scope or ""):
        chosen = [b for b in batches if b.form.id == int(match.group(1))]
    elif match := re.fullmatch(r"dot-(\d+)", scope or ""):
        chosen = [b for b in batches if b.sequence == int(match.group(1))]
    else:
        return None
    if scope != "tat-ca" and not chosen:
        return None
    forms = {b.form.code: b.form for b in chosen}
    layouts = layouts_of(conference, list(forms.values()))
    sheets = []
    for batch in chosen:
        layout = layouts[batch.form.code]
        for recipient in batch.recipients:
            sheets.append(
                certificates.Sheet(layout, certificates.certificate_values(recipient, layout))
            )
    return sheets


# --------------------------------------------------------------------------- printers


def printers() -> list[PrinterOffset]:
    return list(db.session.scalars(select(PrinterOffset).order_by(PrinterOffset.name)))


def printer(printer_id: int | None) -> PrinterOffset | None:
    return db.session.get(PrinterOffset, printer_id) if printer_id else None


def save_printer(
    printer_id: int | None, name: str, dx_text: str, dy_text: str, version: int | None
) -> tuple[PrinterOffset | None, list[str]]:
    """Add or edit a printer; (row, []) or (None, messages) with nothing saved."""
    errors = []
    name = vn.clean_text(name)
    if not name:
        errors.append("Tên máy in: hãy nhập tên máy in (ví dụ: Canon LBP phòng Văn hóa).")
    elif len(name) > 100:
        errors.append("Tên máy in: tối đa 100 ký tự.")
    dx, dx_error = certificates.parse_offset(dx_text, "Độ lệch x")
    dy, dy_error = certificates.parse_offset(dy_text, "Độ lệch y")
    errors.extend(e for e in (dx_error, dy_error) if e)
    row = printer(printer_id) if printer_id else None
    if printer_id and row is None:
        errors.append("Máy in này không còn (đã bị xóa ở cửa sổ khác).")
    same_name = db.session.scalar(select(PrinterOffset).where(PrinterOffset.name == name))
    if name and same_name is not None and same_name is not row:
        errors.append(f"Tên máy in: đã có máy in “{name}”.")
    if row is not None and version is not None and row.version != version:
        errors.append("Máy in này vừa được sửa ở cửa sổ khác: hãy xem lại rồi lưu lại.")
    if errors:
        return None, errors
    if row is None:
        row = PrinterOffset(name=name)
        db.session.add(row)
    row.name, row.dx_tenths, row.dy_tenths = name, dx, dy
    db.session.flush()
    return row, []


def offset_mm(row: PrinterOffset | None) -> tuple[float, float]:
    return (row.dx_tenths / 10, row.dy_tenths / 10) if row is not None else (0.0, 0.0)


# --------------------------------------------------------------------------- scans


def scan_dir(data_dir: str | Path) -> Path:
    return Path(data_dir) / "phoi"


def scan_path(data_dir: str | Path, code: str) -> Path | None:
    """The stored scan of the form `code`'s blank form, if any."""
    if not _CODE.match(code or ""):
        return None
    for extension in ("png", "jpg"):
        path = scan_dir(data_dir) / f"{code}.{extension}"
        if path.is_file():
            return path
    return None


def check_scan(data: bytes) -> tuple[str, str]:
    """(extension, "") for an acceptable PNG or JPEG, else ("", the reason)."""
    if not data:
        return "", "Chưa chọn tệp ảnh phôi."
    if len(data) > MAX_SCAN_BYTES:
        return "", "Ảnh phôi quá lớn: tối đa 5 MB (quét ở 100–150 dpi là đủ để xem)."
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        extension, kind = "png", "PNG"
    elif data.startswith(b"\xff\xd8\xff"):
        extension, kind = "jpg", "JPEG"
    else:
        return "", "Ảnh phôi phải là tệp PNG hoặc JPEG."
    try:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = MAX_SCAN_PIXELS * MAX_SCAN_PIXELS
        with Image.open(_bytes(data)) as image:
            if image.format != kind:
                return "", "Ảnh phôi phải là tệp PNG hoặc JPEG."
            width, height = image.size
            image.verify()
    except Exception:  # Pillow raises many kinds for a damaged file
        return "", "Không đọc được ảnh phôi (tệp hỏng hoặc không phải ảnh)."
    if max(width, height) > MAX_SCAN_PIXELS:
        return (
            "",
            f"Ảnh phôi quá lớn: tối đa {vn.format_number(MAX_SCAN_PIXELS)} điểm ảnh mỗi chiều.",
        )
    return extension, ""


def _bytes(data: bytes):
    import io

    return io.BytesIO(data)


def store_scan(data_dir: str | Path, code: str, data: bytes, extension: str) -> None:
    folder = scan_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for old in ("png", "jpg"):
        (folder / f"{code}.{old}").unlink(missing_ok=True)
    path = folder / f"{code}.{extension}"
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def remove_scan(data_dir: str | Path, code: str) -> bool:
    path = scan_path(data_dir, code)
    if path is None:
        return False
    path.unlink(missing_ok=True)
    return True


# --------------------------------------------------------------------------- conference file


def export_part(conference: Conference) -> dict:
    rows = db.session.scalars(
        select(CertificateLayout)
        .where(CertificateLayout.conference_id == conference.id)
        .order_by(CertificateLayout.form_code)
    )
    return {
        "layouts": [
            {
                "form": row.form_code,
                "paper": row.paper,
                "orientation": row.orientation,
                "fields": json.loads(row.fields_json or "{}"),
                "texts": json.loads(row.texts_json or "{}"),
            }
            for row in rows
        ]
    }


def validate_part(data: dict) -> dict:
    messages: list[str] = []
    layouts = []
    seen = set()
    for number, item in enumerate((data or {}).get("layouts", []), start=1):
        prefix = f"Bố cục in phôi {number}: "
        code = item.get("form", "")
        if not _CODE.match(code):
            messages.append(f"{prefix}mã hình thức “{code}” không hợp lệ.")
            continue
        if code in seen:
            messages.append(f"{prefix}hình thức “{code}” có hai bố cục.")
            continue
        seen.add(code)
        layout, errors = certificates.check_layout(item, prefix)
        if layout is None:
            messages.extend(errors)
            continue
        layouts.append(replace(layout, code=code).to_dict())
    if messages:
        raise transfer.ConferenceFileError(messages)
    return {"layouts": layouts}


def replace_part(conference: Conference, data: dict) -> None:
    db.session.execute(
        delete(CertificateLayout).where(CertificateLayout.conference_id == conference.id)
    )
    for item in data.get("layouts", []):
        db.session.add(
            CertificateLayout(
                conference_id=conference.id,
                form_code=item["form"],
                paper=item["paper"],
                orientation=item["orientation"],
                fields_json=json.dumps(item["fields"], ensure_ascii=False, sort_keys=True),
                texts_json=json.dumps(item["texts"], ensure_ascii=False, sort_keys=True),
            )
        )
    db.session.flush()


def next_edition(data: dict, years: set[int], offset: int) -> dict:
    """Nhân bản keeps the measurements (the office's blank forms do not change with the year);
    the achievement's year moves with the conference's."""
    layouts = []
    for item in (data or {}).get("layouts", []):
        texts = dict(item.get("texts", {}))
        achievement = texts.get("achievement", "")
        for year in sorted(years, reverse=True):
            achievement = re.sub(rf"\b{year}\b", str(year + offset), achievement)
        texts["achievement"] = achievement
        layouts.append({**item, "texts": texts})
    return {"layouts": layouts}


PART = transfer.PartTransfer(
    key=PART_KEY,
    export=export_part,
    validate=validate_part,
    replace=replace_part,
    next_edition=next_edition,
    order=120,
)
