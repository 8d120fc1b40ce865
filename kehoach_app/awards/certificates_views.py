"""Pages of In phôi (issue 20; docs/awards.md, "In phôi"): what to print and on which printer,
the layout of each award form (a form per field, the preview over the blank form), the scan of
the office's blank form, the printers' offsets, the certificates and the calibration sheet.
Registered on the awards blueprint (imported at the end of views.py)."""

from __future__ import annotations

from io import BytesIO

from flask import abort, current_app, redirect, render_template, request, send_file, url_for
from sqlalchemy.orm.exc import StaleDataError

from .. import vn
from ..conferences.models import Conference
from ..db import db
from ..lazy import lazy_module
from ..parts import conference_or_404
from ..printouts import MIME_TYPES, safe_filename
from . import certificates_ops, operations
from .operations import StaleEdit
from .views import STALE, _notice

# The certificates' drawing loads ReportLab: on first use, not at start (kehoach_app/lazy.py).
certificates = lazy_module("kehoach_app.awards.certificates")


def _form_rule(state: operations.AwardsState, code: str):
    form = next((f for f in state.forms if f.code == code), None)
    if form is None:
        abort(404)
    return form


def _printer_id() -> int | None:
    # bounded as <int:…> ids are: 2**63 in the query string is no printer, not a 500
    return vn.row_id(request.args.get("may-in"))


def _pdf(data: bytes, name: str):
    return send_file(
        BytesIO(data),
        mimetype=MIME_TYPES["pdf"],
        # downloaded, as every printout (conferences.printout); ?xem opens it in the browser
        as_attachment=request.args.get("xem") is None,
        download_name=safe_filename(name, "pdf"),
    )


def certificates_page(conference_id: int):
    conference = conference_or_404(conference_id)
    state = operations.load(conference)
    used = state.used_forms()
    layouts = certificates_ops.layouts_of(conference, used)
    shown = {f.code for f in used}
    # forms of the catalogue with a shipped layout, for an office measuring before the list
    others = [
        f for f in state.forms if f.code in certificates.shipped_codes() and f.code not in shown
    ]
    return render_template(
        "awards/certificates.html",
        conference=conference,
        state=state,
        used=used,
        others=others,
        layouts=layouts,
        # forms not printed on a blank here, with the reason (a Nhà nước award, a flag)
        unprinted=dict(
            (f.code, reason) for f, reason in certificates_ops.unprinted(conference, used)
        ),
        scopes=certificates_ops.scopes(state),
        printers=certificates_ops.printers(),
        mm=certificates.mm_text,
    )


def certificates_pdf(conference_id: int):
    conference = conference_or_404(conference_id)
    state = operations.load(conference)
    scope = request.args.get("pham-vi", "tat-ca")
    sheets = certificates_ops.sheets_for(conference, state, scope)
    if not sheets:
        _notice(
            "Không có tờ nào để in: chưa có khen thưởng, hoặc đợt/hình thức đã chọn không còn.",
            "error",
        )
        return redirect(url_for(".certificates_page", conference_id=conference.id))
    printer = certificates_ops.printer(_printer_id())
    dx, dy = certificates_ops.offset_mm(printer)
    data = certificates.certificates_pdf(sheets, f"In phôi — {conference.title}", dx, dy)
    return _pdf(data, f"In phôi - {scope} - {conference.year_launched}")


def calibration_pdf(conference_id: int):
    conference = conference_or_404(conference_id)
    state = operations.load(conference)
    code = request.args.get("bo-cuc", "")
    layout = None
    if code:
        form = _form_rule(state, code)
        layout = certificates_ops.layout_for(conference, code, form.name)
        page = layout.page_mm
        paper_text = layout.paper_text
    else:
        paper, _, orientation = request.args.get("kho", "A4-landscape").partition("-")
        if paper not in certificates.PAPERS or orientation not in certificates.ORIENTATIONS:
            abort(404)
        probe = certificates.Layout("", "", paper, orientation, {})
        page, paper_text = probe.page_mm, probe.paper_text
    printer = certificates_ops.printer(_printer_id())
    dx, dy = certificates_ops.offset_mm(printer)
    data = certificates.calibration_pdf(
        page,
        certificates.calibration_marks(layout, page),
        paper_text,
        dx,
        dy,
        printer.name if printer else "",
    )
    return _pdf(data, f"Trang căn chỉnh máy in - {paper_text}")


# --------------------------------------------------------------------------- the layout page


def _sample_values(state, form, layout: certificates.Layout) -> dict[str, str]:
    first = next((b.recipients[0] for b in state.ceremony.batches if b.form.id == form.id), None)
    if first is not None:
        values = certificates.certificate_values(first, layout)
    else:
        values = {key: "" for key, _ in certificates.FIELDS}
        values.update(certificates.SAMPLE)
        values.update(
            achievement=layout.texts.get("achievement", ""),
            place_date=vn.date_line(layout.texts.get("place", ""), None, None)
            if layout.texts.get("place")
            else "",
            signer_title=layout.texts.get("signer_title", ""),
            signer=layout.texts.get("signer_name", "") or "Nguyễn Văn An",
            decision_date="20/12/2026",
        )
    return values


def _layout_page(conference: Conference, state, form, layout, errors=(), posted=None, status=200):
    scan = certificates_ops.scan_path(current_app.config["DATA_DIR"], form.code)
    scan_url = (
        url_for(".certificate_scan", code=form.code, v=int(scan.stat().st_mtime)) if scan else ""
    )
    svg = certificates.preview_svg(layout, _sample_values(state, form, layout), scan_url)
    return (
        render_template(
            "awards/certificate_layout.html",
            conference=conference,
            form=form,
            layout=layout,
            fields=certificates.FIELDS,
            texts=certificates.TEXTS,
            papers=certificates.PAPERS,
            orientations=certificates.ORIENTATIONS,
            aligns=certificates.ALIGNS,
            errors=list(errors),
            posted=posted,
            svg=svg,
            has_scan=scan is not None,
            mm=certificates.mm_text,
            printers=certificates_ops.printers(),
        ),
        status,
    )


def certificate_layout(conference_id: int, code: str):
    conference = conference_or_404(conference_id)
    state = operations.load(conference)
    form = _form_rule(state, code)
    layout = certificates_ops.layout_for(conference, code, form.name)
    if request.method == "GET":
        return _layout_page(conference, state, form, layout)
    new, errors = certificates.layout_from_form(request.form, layout)
    if new is None:
        return _layout_page(conference, state, form, layout, errors, request.form, 422)
    version = request.form.get("version", "")
    try:
        changed = certificates_ops.save_layout(
            conference, new, -1 if (number := vn.whole_number(version)) is None else number
        )
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        return _layout_page(conference, state, form, layout, [STALE], request.form, 409)
    if changed:
        _notice(f"Đã lưu bố cục in phôi “{form.name}”.", undo_of=conference)
    else:
        _notice("Bố cục không thay đổi.", "info")
    return redirect(url_for(".certificate_layout", conference_id=conference.id, code=code))


def certificate_layout_reset(conference_id: int, code: str):
    conference = conference_or_404(conference_id)
    form = _form_rule(operations.load(conference), code)
    if certificates_ops.reset_layout(conference, code, form.name):
        db.session.commit()
        _notice(f"Bố cục “{form.name}” đã về bố cục có sẵn.", undo_of=conference)
    else:
        _notice("Bố cục này đang là bố cục có sẵn.", "info")
    return redirect(url_for(".certificate_layout", conference_id=conference.id, code=code))


def certificate_scan_upload(conference_id: int, code: str):
    conference = conference_or_404(conference_id)
    form = _form_rule(operations.load(conference), code)
    upload = request.files.get("scan")
    data = upload.read(certificates_ops.MAX_SCAN_BYTES + 1) if upload else b""
    extension, error = certificates_ops.check_scan(data)
    if error:
        _notice(error, "error")
    else:
        certificates_ops.store_scan(current_app.config["DATA_DIR"], form.code, data, extension)
        _notice(f"Đã lưu ảnh phôi trắng của “{form.name}” (chỉ để xem, không được in ra).")
    return redirect(url_for(".certificate_layout", conference_id=conference.id, code=code))


def certificate_scan_delete(conference_id: int, code: str):
    conference = conference_or_404(conference_id)
    form = _form_rule(operations.load(conference), code)
    if certificates_ops.remove_scan(current_app.config["DATA_DIR"], form.code):
        _notice("Đã xóa ảnh phôi; bản xem trước dùng lại hình phôi vẽ sẵn.")
    return redirect(url_for(".certificate_layout", conference_id=conference.id, code=code))


def certificate_scan(code: str):
    path = certificates_ops.scan_path(current_app.config["DATA_DIR"], code)
    if path is None:
        abort(404)
    mimetype = "image/png" if path.suffix == ".png" else "image/jpeg"
    return send_file(path, mimetype=mimetype, max_age=0)


# --------------------------------------------------------------------------- printers


def save_printer(conference_id: int):
    conference = conference_or_404(conference_id)
    printer_id = request.form.get("printer_id", "")
    version = request.form.get("version", "")
    row, errors = certificates_ops.save_printer(
        # a number beyond any row (or garbage) is a printer that is not there, never a new one
        (vn.row_id(printer_id) or -1) if printer_id.strip() else None,
        request.form.get("name", ""),
        request.form.get("dx", ""),
        request.form.get("dy", ""),
        vn.whole_number(version),
    )
    if errors:
        db.session.rollback()
        for error in errors:
            _notice(error, "error")
    else:
        try:
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            _notice("Máy in này vừa được sửa ở cửa sổ khác: hãy xem lại rồi lưu lại.", "error")
        else:
            _notice(
                f"Đã lưu máy in “{row.name}”: lệch x {certificates.mm_text(row.dx_tenths / 10)} "
                f"mm, y {certificates.mm_text(row.dy_tenths / 10)} mm."
            )
    return redirect(url_for(".certificates_page", conference_id=conference.id) + "#may-in")


def delete_printer(conference_id: int, printer_id: int):
    conference = conference_or_404(conference_id)
    row = certificates_ops.printer(printer_id)
    if row is not None:
        name = row.name
        db.session.delete(row)
        db.session.commit()
        _notice(f"Đã xóa máy in “{name}”.")
    else:
        _notice("Máy in này không còn (có thể đã bị xóa ở cửa sổ khác); không xóa gì.", "error")
    return redirect(url_for(".certificates_page", conference_id=conference.id) + "#may-in")
