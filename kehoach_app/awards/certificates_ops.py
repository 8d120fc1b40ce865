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
# decoded fully to be checked: an A3 sheet at 300 dpi is 17.4 million pixels (~52 MB in RGB)
MAX_SCAN_AREA = 25_000_000
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


# Who fills which blank (docs/awards.md, "In phôi — whose form"): a Huân chương, a Bằng khen of
# the Thủ tướng and every Nhà nước form arrive printed and signed from the centre with the
# decision, so the office has no blank of them to fill; a Cờ thi đua is a flag, not a sheet.
# Neither is ever printed here, not even on the common layout.
NATIONAL_REASON = "khen thưởng cấp Nhà nước, bằng do trung ương in, ký và gửi về cùng quyết định"
FLAG_REASON = "Cờ thi đua là lá cờ, không phải tờ giấy"
NO_LAYOUT_REASON = (
    "hình thức cấp trên chưa có bố cục phôi: nếu cơ quan được giao điền phôi của cấp trên, "
    "hãy đo và lưu bố cục trước khi in"
)


def _is_flag(form: logic.FormRule) -> bool:
    name = logic.fold(form.catalogue_name or form.name)
    return name.startswith("co thi dua") or logic.fold(form.physical_item).startswith("co thi dua")


def not_printed_reason(form: logic.FormRule, has_layout: bool = True) -> str:
    """Why `form`'s certificates are not printed on a blank here; "" when they are. A form of
    the province (its Bằng khen, A3) is printed only on a layout shipped or saved for it: the
    common layout is the office's own Giấy khen, never a superior's sheet."""
    if _is_flag(form):
        return FLAG_REASON
    if form.level == "nha_nuoc":
        return NATIONAL_REASON
    if form.level == "tinh" and not has_layout:
        return NO_LAYOUT_REASON
    return ""


def _province_place(conference: Conference) -> str:
    """The province's own name as its date lines write it ("Tây Ninh", "Hà Nội")."""
    name = vn.clean_text(conference.province)
    for prefix in ("tỉnh ", "thành phố "):
        if logic.fold(name).startswith(logic.fold(prefix)):
            return name[len(prefix) :].strip()
    return name


def issuing_place(conference: Conference, form: logic.FormRule) -> str:
    """The place of the form's issuing authority, for its "…, ngày … tháng … năm …" line: the
    province's for a provincial form (the Chủ tịch UBND tỉnh signs it in the province's
    capital's name: "Tây Ninh, ngày …"), the organiser's own (conference.place_name) for the
    forms its own chairman signs."""
    if form.level == "tinh":
        return _province_place(conference)
    return conference.place_name or ""


def issuing_signer_title(conference: Conference, form: logic.FormRule, fallback: str) -> str:
    """The signer's title of the form's issuing authority ("Chủ tịch Ủy ban nhân dân tỉnh" →
    "CHỦ TỊCH": a chairman's own award is signed in his own name, not "TM. ỦY BAN NHÂN DÂN");
    the layout's text when the catalogue does not name the authority."""
    authority = logic.decision_authority(
        form.name, "", conference.issuer, form.level, conference.organiser.province_title
    )
    for title in ("Chủ tịch", "Thủ tướng", "Giám đốc", "Bộ trưởng"):
        if authority.startswith(title) and not authority.startswith("Chủ tịch nước"):
            return vn.upper_vn(title)
    return fallback


def _for_form(conference: Conference, form: logic.FormRule, row) -> certificates.Layout | None:
    """The form's layout (saved, else shipped, else the common one for the office's own forms);
    None when the form is not printed on a blank here (not_printed_reason). A shipped or common
    layout takes the issuing authority's place and signer title; a saved one keeps what the
    office typed, the place filled from the authority when left empty."""
    layout = _from_row(row, form.name) if row is not None else None
    has_layout = layout is not None or form.code in certificates.shipped_codes()
    if not_printed_reason(form, has_layout):
        return None
    texts = dict(layout.texts) if layout is not None else {}
    if layout is None:
        layout = certificates.shipped_layout(form.code, form.name, conference.year_reviewed)
        texts = dict(layout.texts)
        texts["signer_title"] = issuing_signer_title(
            conference, form, texts.get("signer_title", "")
        )
    texts["place"] = texts.get("place") or issuing_place(conference, form)
    return replace(layout, texts=texts)


def layout_for(conference: Conference, code: str, form_name: str) -> certificates.Layout:
    """The layout the page edits for the form `code` (any form of the catalogue: the office
    may measure a superior's blank it is asked to fill)."""
    row = _row(conference, code)
    form = next((f for f in logic_forms() if f.code == code), None)
    if form is not None:
        form = replace(form, name=form_name or form.name)
        found = _for_form(conference, form, row)
        if found is not None:
            return found
    layout = _from_row(row, form_name) if row is not None else None
    if layout is None:
        layout = certificates.shipped_layout(code, form_name, conference.year_reviewed)
    texts = dict(layout.texts)
    texts["place"] = texts.get("place") or (
        issuing_place(conference, form) if form else conference.place_name or ""
    )
    return replace(layout, texts=texts)


def logic_forms() -> list[logic.FormRule]:
    from .catalogue import form_rules

    return form_rules()


def layouts_of(
    conference: Conference, forms: list[logic.FormRule]
) -> dict[str, certificates.Layout]:
    """The layout of each form given that is printed on a blank here, by code, read in one
    query; a form not printed (not_printed_reason) has no entry — see unprinted()."""
    rows = {
        row.form_code: row
        for row in db.session.scalars(
            select(CertificateLayout).where(CertificateLayout.conference_id == conference.id)
        )
    }
    found = {}
    for form in forms:
        layout = _for_form(conference, form, rows.get(form.code))
        if layout is not None:
            found[form.code] = layout
    return found


def unprinted(
    conference: Conference, forms: list[logic.FormRule]
) -> list[tuple[logic.FormRule, str]]:
    """(form, reason) of the forms given whose certificates are not printed on a blank here."""
    printed = layouts_of(conference, forms)
    saved = {
        code
        for code in db.session.scalars(
            select(CertificateLayout.form_code).where(
                CertificateLayout.conference_id == conference.id
            )
        )
    }
    return [
        (
            form,
            not_printed_reason(
                form, form.code in saved or form.code in certificates.shipped_codes()
            ),
        )
        for form in forms
        if form.code not in printed
    ]


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
    # the forms never printed here (a Nhà nước award, a flag) are not offered at all
    batches = [b for b in state.ceremony.batches if not not_printed_reason(b.form)]
    total = sum(len(b.recipients) for b in batches)
    found = [("tat-ca", f"Tất cả ({vn.format_count(total)} tờ)")]
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
        layout = layouts.get(batch.form.code)
        if layout is None:  # a form not printed on a blank here (not_printed_reason)
            continue
        for recipient in batch.recipients:
            sheets.append(
                certificates.Sheet(layout, certificates.certificate_values(recipient, layout))
            )
    return sheets


# --------------------------------------------------------------------------- printers


def printers() -> list[PrinterOffset]:
    return list(db.session.scalars(select(PrinterOffset).order_by(PrinterOffset.name)))


def printer(printer_id: int | None) -> PrinterOffset | None:
    # SQLite stores no integer past 2**63 - 1: a bigger id is no printer, not an OverflowError
    if not printer_id or not 0 < printer_id <= vn.SQLITE_MAX_INTEGER:
        return None
    return db.session.get(PrinterOffset, printer_id)


def save_printer(
    printer_id: int | None, name: str, dx_text: str, dy_text: str, version: int | None
) -> tuple[PrinterOffset | None, list[str]]:
    """Add or edit a printer; (row, []) or (None, messages) with nothing saved."""
    from ..forms import typed_line

    errors = []
    name, problem = typed_line(name, 100, "Tên máy in")  # one line, printable, not cut
    if not name:
        errors.append("Tên máy in: hãy nhập tên máy in (ví dụ: Canon LBP phòng Văn hóa).")
    elif problem:
        errors.append(problem)
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
            # the size the header claims is checked before any pixel is decoded ...
            if max(width, height) > MAX_SCAN_PIXELS or width * height > MAX_SCAN_AREA:
                return (
                    "",
                    f"Ảnh phôi quá lớn ({vn.format_number(width)} × {vn.format_number(height)} "
                    f"điểm ảnh): tối đa {vn.format_number(MAX_SCAN_PIXELS)} điểm ảnh mỗi chiều và "
                    "25 triệu điểm ảnh cả ảnh (quét ở 100–150 dpi là đủ để xem).",
                )
            # ... then the whole image is decoded: verify() reads no pixel, so a PNG claiming
            # 12000×12000 with truncated data passed it and broke the preview later
            image.load()
    except Exception:  # Pillow raises many kinds for a damaged file
        return "", "Không đọc được ảnh phôi (tệp hỏng hoặc không phải ảnh)."
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
