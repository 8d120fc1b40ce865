"""Delegate pages: the list (search, filter, sort, bulk edit), groups, Excel import and export,
printing invitations for all, a group or the selected delegates, and the dashboard card.

Every change takes an undo snapshot first and is flashed with Hoàn tác. Everything works
without JavaScript; static/js/delegates.js only adds "select all" and a count of the selected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlencode

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy.orm.exc import StaleDataError

from .. import vn
from ..conferences.forms import MAX_DELEGATES
from ..conferences.models import Conference
from ..db import db
from ..lazy import lazy_module
from ..parts import Card, undo_notice
from ..printouts import MIME_TYPES, get_printout, safe_filename
from . import operations, uploads
from .forms import DelegateForm, GroupForm, group_choices
from .logic import (
    ORDERS,
    UNGROUPED,
    group_key,
    planned_total,
    progress,
    role_of,
    shorten,
    sort_delegates,
)
from .models import REPLIES

# isort: split

bp = Blueprint("delegates", __name__)
# ReportLab and openpyxl load at the first printout or workbook, not at start (kehoach_app/lazy.py).
printout = lazy_module("kehoach_app.delegates.printout")
spreadsheet = lazy_module("kehoach_app.delegates.spreadsheet")


def role_filter(person) -> str:
    """Chức vụ, đơn vị as one phrase, the same body never twice (logic.role_of)."""
    if isinstance(person, dict):  # a row of the import's preview
        return role_of(person.get("position") or "", person.get("unit") or "")
    return role_of(person.position or "", person.unit or "")


PAGE_SIZE = 100
INVITATION_FILTERS = {"da-gui": "Đã gửi giấy mời", "chua-gui": "Chưa gửi giấy mời"}
# The delegates' printouts in the catalogue (kehoach_app/delegates/printout.py), shown as buttons.
PRINTOUT_KEYS = (
    "danh-sach-dai-bieu",
    "so-theo-doi-giay-moi",
    "danh-sach-ky-nhan",
    "giay-moi",
    "nhan-phong-bi",
)
NO_GROUP = "0"  # the value that means "Chưa phân nhóm" in filters, selections and bulk edit


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


# SQLite integers are 64-bit: a longer id typed in the address cannot name a row.
MAX_ID = 2**63 - 1


def _conference(conference_id: int) -> Conference:
    if conference_id > MAX_ID:
        abort(404)
    conference = db.session.get(Conference, conference_id)
    if conference is None or conference.deleted_at is not None:
        abort(404)
    return conference


def _notice(text: str, conference: Conference | None = None, category: str = "success") -> None:
    """A flash message; with the conference, it carries the Hoàn tác button."""
    message: dict = {"text": text}
    if conference is not None:
        message["action_url"] = url_for("conferences.undo", conference_id=conference.id)
        message["action_label"] = "Hoàn tác"
    flash(message, category)


def _list_url(conference: Conference) -> str:
    return url_for("delegates.index", conference_id=conference.id)


def _back(conference: Conference) -> str:
    """Where to go after an action: the list page the officer came from (filters kept)."""
    target = request.values.get("back", "")
    base = _list_url(conference)
    # Only this list page, and only a URL as the page wrote it (no spaces or line breaks that
    # could end up in the Location header).
    if (target == base or target.startswith(base + "?")) and target.isprintable():
        if " " not in target and "\\" not in target:
            return target
    return base


def _number(text: str | None) -> int | None:
    """A row id or page number typed in a URL or form: plain digits only, else None.

    ("²".isdigit() is true and int("9" * 5000) fails; neither may reach int() or SQLite.)
    """
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 12:
        return int(text)
    return None


def _ids(values) -> list[int]:
    """Delegate ids from a form or query: ids=1&ids=2 or ids=1,2 (anything else ignored)."""
    ids = []
    for item in values.getlist("ids"):
        for part in item.split(","):
            number = _number(part)
            if number is not None:
                ids.append(number)
    return ids


def _group_name(conference: Conference, group_id: int | None) -> str:
    if group_id is None:
        return UNGROUPED
    group = operations.get_group(conference, group_id)
    return group.name if group else UNGROUPED


# --------------------------------------------------------------------------------------------
# The list
# --------------------------------------------------------------------------------------------


@dataclass
class ListFilters:
    """The list page's query: what was searched, which group and reply, the order, the page."""

    q: str = ""
    group: str = ""  # "" all, "0" ungrouped, else a group id
    reply: str = ""
    invitation: str = ""
    order: str = "protocol"
    page: int = 1

    @classmethod
    def from_args(cls, args, group_ids: set[int]) -> ListFilters:
        group = args.get("nhom", "")
        if group != NO_GROUP and _number(group) not in group_ids:
            group = ""
        reply = args.get("phan_hoi", "")
        invitation = args.get("giay_moi", "")
        order = args.get("sap_xep", "protocol")
        page = args.get("trang", "1")
        return cls(
            q=vn.clean_text(args.get("q", ""))[:200],
            group=group,
            reply=reply if reply in REPLIES else "",
            invitation=invitation if invitation in INVITATION_FILTERS else "",
            order=order if order in ORDERS else "protocol",
            page=min(max(_number(page) or 1, 1), 100_000),
        )

    def args(self, **changes) -> dict:
        """The query arguments (only those set), with `changes` applied."""
        values = {
            "q": self.q,
            "nhom": self.group,
            "phan_hoi": self.reply,
            "giay_moi": self.invitation,
            "sap_xep": self.order if self.order != "protocol" else "",
            "trang": str(self.page) if self.page != 1 else "",
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None)}

    @property
    def active(self) -> bool:
        return bool(self.q or self.group or self.reply or self.invitation)

    def query(self) -> operations.ListQuery:
        """The page asked of the database (operations.list_page: filters, search, order in SQL)."""
        return operations.ListQuery(
            group_id=int(self.group) if self.group and self.group != NO_GROUP else None,
            ungrouped=self.group == NO_GROUP,
            reply=self.reply,
            invited=(self.invitation == "da-gui") if self.invitation else None,
            search=self.q,
            order=self.order,
            page=self.page,
            size=PAGE_SIZE,
        )


def index(conference_id: int):
    conference = _conference(conference_id)
    groups = operations.groups_of(conference)
    # Only the page shown is loaded; the counts are SQL aggregates (issue 19: the page costs the
    # same at 250 and at 5,000 delegates).
    counts = operations.list_tally(conference, groups)
    planned = planned_total(conference.planned_delegates, groups)
    filters = ListFilters.from_args(request.args, {g.id for g in groups})
    shown = operations.list_page(conference, filters.query())
    filters.page = shown.page
    printouts = [p for p in (get_printout(k) for k in PRINTOUT_KEYS) if p is not None]
    return render_template(
        "delegates/index.html",
        conference=conference,
        groups=groups,
        group_labels={g.id: (f"{g.position}. {shorten(g.name, 36)}", g.name) for g in groups},
        row_base=_list_url(conference),
        back_query=urlencode({"back": request.full_path.rstrip("?")}),
        counts=counts,
        planned=planned,
        reconcile=_reconcile_choices(planned),
        filters=filters,
        people=shown.rows,
        found=shown.found,
        first=shown.first,
        pages=shown.pages,
        replies=REPLIES,
        orders=ORDERS,
        invitation_filters=INVITATION_FILTERS,
        printouts=printouts,
        back=request.full_path.rstrip("?"),
        no_group=NO_GROUP,
    )


# --------------------------------------------------------------------------------------------
# One delegate
# --------------------------------------------------------------------------------------------


def _delegate_form_page(conference, form, person, status=200):
    return (
        render_template(
            "delegates/form.html",
            conference=conference,
            form=form,
            person=person,
            back=_back(conference),
        ),
        status,
    )


def add(conference_id: int):
    conference = _conference(conference_id)
    groups = operations.groups_of(conference)
    form = DelegateForm()
    form.group_id.choices = group_choices(groups)
    if request.method == "GET" and _number(request.args.get("nhom")):
        form.group_id.data = request.args["nhom"]
    if form.validate_on_submit():
        person = operations.add_delegate(conference, form.delegate_values())
        db.session.commit()
        _notice(f"Đã thêm đại biểu {person.full_name}.", conference)
        if request.form.get("next") == "more":
            return redirect(
                url_for("delegates.add", conference_id=conference.id, nhom=person.group_id or "")
            )
        return redirect(_back(conference))
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return _delegate_form_page(conference, form, None)


def edit(conference_id: int, delegate_id: int):
    conference = _conference(conference_id)
    person = operations.get_delegate(conference, delegate_id)
    if person is None:
        abort(404)
    form = DelegateForm(obj=person if request.method == "GET" else None)
    form.group_id.choices = group_choices(operations.groups_of(conference))
    if request.method == "GET":
        form.version.data = str(person.version)
        form.group_id.data = str(person.group_id) if person.group_id else ""
    if form.validate_on_submit():
        if form.version.data != str(person.version):
            flash(
                {
                    "text": "Đại biểu này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn "
                    "bên dưới; hãy xem lại bản mới nhất (mở trang trong cửa sổ khác) rồi lưu lại."
                },
                "error",
            )
            form.version.data = str(person.version)
            return _delegate_form_page(conference, form, person, 409)
        try:
            changed = operations.update_delegate(conference, person, form.delegate_values())
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            abort(409)
        if changed:
            _notice(f"Đã lưu thông tin đại biểu {person.full_name}.", conference)
        else:
            _notice("Không có gì thay đổi.", category="info")
        return redirect(_back(conference))
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return _delegate_form_page(conference, form, person)


def delete(conference_id: int, delegate_id: int):
    conference = _conference(conference_id)
    person = operations.get_delegate(conference, delegate_id)
    if person is None:
        abort(404)
    name = person.full_name
    operations.delete_delegates(conference, [person.id])
    db.session.commit()
    _notice(f"Đã xóa đại biểu {name}.", conference)
    return redirect(_back(conference))


# --------------------------------------------------------------------------------------------
# Many delegates at once
# --------------------------------------------------------------------------------------------


def bulk(conference_id: int):
    conference = _conference(conference_id)
    back = _back(conference)
    ids = _ids(request.form)
    if not ids:
        _notice("Chưa chọn đại biểu nào: hãy đánh dấu ô ở đầu các dòng cần sửa.", category="error")
        return redirect(back)
    if request.form.get("action") == "delete":
        deleted = operations.delete_delegates(conference, ids)
        db.session.commit()
        _notice(f"Đã xóa {deleted} đại biểu.", conference)
        return redirect(back)

    changes: dict = {}
    group = request.form.get("bulk_group", "")
    if group == NO_GROUP:
        changes["group_id"] = None
    elif group:
        number = _number(group)
        target = operations.get_group(conference, number) if number is not None else None
        if target is None:
            abort(400)
        changes["group_id"] = target.id
    reply = request.form.get("bulk_reply", "")
    if reply == "substitute":
        _notice(
            "Không đặt “Cử người dự thay” cho nhiều người một lúc được: mỗi người cần ghi tên "
            "người dự thay. Hãy sửa từng đại biểu.",
            category="error",
        )
        return redirect(back)
    if reply:
        if reply not in REPLIES:
            abort(400)
        changes["reply"] = reply
    if request.form.get("mark_sent"):
        changes["invitation_sent_on"] = dt.date.today()
    if not changes:
        _notice(
            "Chưa chọn thay đổi: hãy chọn thành phần, phản hồi hoặc đánh dấu đã gửi giấy mời.",
            category="info",
        )
        return redirect(back)
    changed = operations.bulk_update(conference, ids, **changes)
    db.session.commit()
    what = []
    if "group_id" in changes:
        what.append(f"thành phần “{_group_name(conference, changes['group_id'])}”")
    if "reply" in changes:
        what.append(f"phản hồi “{REPLIES[changes['reply']]}”")
    if "invitation_sent_on" in changes:
        what.append(f"ngày gửi giấy mời {vn.format_date_short(changes['invitation_sent_on'])}")
    _notice(f"Đã ghi {', '.join(what)} cho {changed} đại biểu.", conference)
    return redirect(back)


# --------------------------------------------------------------------------------------------
# Groups (thành phần)
# --------------------------------------------------------------------------------------------


def _taken(groups, except_id: int | None = None) -> frozenset[str]:
    return frozenset(group_key(g.name) for g in groups if g.id != except_id)


def _groups_page(conference, form, status=200):
    groups = operations.groups_of(conference)
    counts = operations.list_tally(conference, groups)
    planned = planned_total(conference.planned_delegates, groups)
    return (
        render_template(
            "delegates/groups.html",
            conference=conference,
            groups=groups,
            counts=counts,
            planned=planned,
            reconcile=_reconcile_choices(planned),
            form=form,
        ),
        status,
    )


def groups(conference_id: int):
    conference = _conference(conference_id)
    form = GroupForm()
    form.taken_names = _taken(operations.groups_of(conference))
    if form.validate_on_submit():
        group = operations.add_group(conference, form.group_values())
        db.session.commit()
        _notice(f"Đã thêm thành phần “{group.name}”.", conference)
        return redirect(url_for("delegates.groups", conference_id=conference.id))
    if request.method == "POST":
        flash({"text": "Chưa thêm: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return _groups_page(conference, form)


def _group_or_404(conference, group_id):
    group = operations.get_group(conference, group_id)
    if group is None:
        abort(404)
    return group


def edit_group(conference_id: int, group_id: int):
    conference = _conference(conference_id)
    group = _group_or_404(conference, group_id)
    form = GroupForm(obj=group if request.method == "GET" else None)
    form.taken_names = _taken(operations.groups_of(conference), except_id=group.id)
    if request.method == "GET":
        form.version.data = str(group.version)

    def page(status=200):
        return render_template(
            "delegates/group_form.html", conference=conference, form=form, group=group
        ), status

    if form.validate_on_submit():
        if form.version.data != str(group.version):
            flash(
                {
                    "text": "Thành phần này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn "
                    "bên dưới; hãy xem lại bản mới nhất rồi lưu lại."
                },
                "error",
            )
            form.version.data = str(group.version)
            return page(409)
        try:
            changed = operations.update_group(conference, group, form.group_values())
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            abort(409)
        if changed:
            _notice(f"Đã lưu thành phần “{group.name}”.", conference)
        else:
            _notice("Không có gì thay đổi.", category="info")
        return redirect(url_for("delegates.groups", conference_id=conference.id))
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return page()


def delete_group(conference_id: int, group_id: int):
    """Delete a group. One that has delegates is deleted only after the officer confirms that
    they move to "Chưa phân nhóm"."""
    conference = _conference(conference_id)
    group = _group_or_404(conference, group_id)
    members = operations.count_in_group(group)
    if request.method == "GET" or (members and request.form.get("confirm") != "1"):
        return render_template(
            "delegates/confirm_delete_group.html",
            conference=conference,
            group=group,
            members=members,
        )
    name = group.name
    moved = operations.delete_group(conference, group)
    db.session.commit()
    text = f"Đã xóa thành phần “{name}”."
    if moved:
        text += f" {moved} đại biểu của thành phần này chuyển sang “{UNGROUPED}”."
    _notice(text, conference)
    return redirect(url_for("delegates.groups", conference_id=conference.id))


def move_group(conference_id: int, group_id: int):
    conference = _conference(conference_id)
    group = _group_or_404(conference, group_id)
    step = {"len": -1, "xuong": 1}.get(request.form.get("huong", ""))
    if step is None:
        abort(400)
    if operations.move_group(conference, group, step):
        db.session.commit()
        _notice(
            f"Đã chuyển thành phần “{group.name}” {'lên' if step < 0 else 'xuống'}.", conference
        )
    return redirect(url_for("delegates.groups", conference_id=conference.id))


# --------------------------------------------------------------------------------------------
# The planned total and the groups: say where they differ, offer to reconcile
# --------------------------------------------------------------------------------------------


def _reconcile_choices(planned) -> list[tuple[str, str]]:
    """The reconcile buttons the page offers while the groups and the total disagree: (value of
    the button, its label). Taking the groups' sum is offered only when it can be a total."""
    if planned.agrees:
        return []
    choices = []
    if 1 <= planned.groups_sum <= MAX_DELEGATES:
        choices.append(
            (
                operations.RECONCILE_TO_GROUPS,
                f"Lấy tổng các thành phần ({vn.format_number(planned.groups_sum)}) làm số "
                "đại biểu dự kiến",
            )
        )
    choices.append(
        (
            operations.RECONCILE_TO_TOTAL,
            f"Chia lại số dự kiến của các thành phần theo tỷ lệ cho đủ "
            f"{vn.format_number(planned.total)}",
        )
    )
    return choices


def reconcile(conference_id: int):
    conference = _conference(conference_id)
    how = request.form.get("cach", "")
    if how not in (operations.RECONCILE_TO_GROUPS, operations.RECONCILE_TO_TOTAL):
        abort(400)
    if request.form.get("trang") == "thanh-phan":  # posted from the groups page: back there
        back = url_for("delegates.groups", conference_id=conference.id)
    else:
        back = _back(conference)
    try:
        changed = operations.reconcile_planned(conference, how)
    except ValueError:
        db.session.rollback()
        _notice(
            "Không lấy tổng các thành phần làm số dự kiến được: số đại biểu dự kiến phải từ 1 "
            f"đến {vn.format_number(MAX_DELEGATES)}.",
            category="error",
        )
        return redirect(back)
    if not changed:
        _notice("Các thành phần đã cộng lại đúng số đại biểu dự kiến.", category="info")
        return redirect(back)
    db.session.commit()
    total = vn.format_number(conference.planned_delegates)
    if how == operations.RECONCILE_TO_GROUPS:
        text = f"Đã lấy tổng các thành phần làm số đại biểu dự kiến: {total} đại biểu."
    else:
        text = f"Đã chia lại số dự kiến của các thành phần, cộng lại {total} đại biểu."
    undo_notice(conference, text)
    return redirect(back)


# --------------------------------------------------------------------------------------------
# Invitations: for all, a group, or the selected delegates
# --------------------------------------------------------------------------------------------


@dataclass
class Selection:
    """Who the invitations are for, as the officer chose it, and the delegates it means."""

    label: str
    query: dict  # the arguments that select them again (nhom=… or ids=…)
    people: list

    @property
    def ids(self) -> list[int]:
        return [p.id for p in self.people]


def _selection(conference: Conference) -> Selection:
    ids = _ids(request.values)
    group = request.values.get("nhom", "")
    if ids:
        people = operations.delegates_by_ids(conference, ids)
        label = f"{len(people)} đại biểu đã chọn"
        query = {"ids": ",".join(str(p.id) for p in people)}
    elif group == NO_GROUP:
        people = operations.delegates_in_group(conference, None)
        label = f"đại biểu {UNGROUPED.lower()}"
        query = {"nhom": NO_GROUP}
    elif _number(group) is not None:
        target = _group_or_404(conference, _number(group))
        people = operations.delegates_in_group(conference, target.id)
        label = f"thành phần “{target.name}”"
        query = {"nhom": str(target.id)}
    else:
        people = operations.delegates_of(conference)
        label = "tất cả đại biểu"
        query = {}
    return Selection(label=label, query=query, people=sort_delegates(people, "protocol"))


def print_invitations(conference_id: int):
    """Who the invitations are for, the PDF buttons, then "Đánh dấu đã gửi giấy mời hôm nay"."""
    conference = _conference(conference_id)
    if request.method == "POST" and not _ids(request.form):  # "In giấy mời…" with no row ticked
        _notice(
            "Chưa chọn đại biểu nào: hãy đánh dấu ô ở đầu các dòng cần in giấy mời.",
            category="error",
        )
        return redirect(_back(conference))
    selection = _selection(conference)
    groups = operations.groups_of(conference)
    return render_template(
        "delegates/print.html",
        conference=conference,
        selection=selection,
        groups=groups,
        query=urlencode(selection.query),
        already_sent=sum(1 for p in selection.people if p.invitation_sent_on is not None),
        chosen_group=request.values.get("nhom", "") if not _ids(request.values) else None,
        no_group=NO_GROUP,
    )


def _pdf(conference: Conference, build, title: str):
    selection = _selection(conference)
    if not selection.people:
        _notice(f"Không có đại biểu nào ({selection.label}) để in.", category="error")
        return redirect(url_for("delegates.print_invitations", conference_id=conference.id))
    data = build(conference, selection.people)
    return send_file(
        BytesIO(data),
        mimetype=MIME_TYPES["pdf"],
        as_attachment=request.args.get("xem") is None,
        download_name=safe_filename(f"{title} - {conference.year_launched}", "pdf"),
    )


# Printing changes nothing, so the PDFs are plain links (GET): the selection travels as nhom=…
# or ids=… (the print page turns a POSTed selection of rows into such a link).
def invitations_pdf(conference_id: int):
    conference = _conference(conference_id)
    return _pdf(conference, printout.invitations_pdf, "Giấy mời")


def envelope_labels_pdf(conference_id: int):
    conference = _conference(conference_id)
    return _pdf(conference, printout.envelope_labels_pdf, "Nhãn phong bì")


def mark_sent(conference_id: int):
    conference = _conference(conference_id)
    ids = _ids(request.form)
    today = dt.date.today()
    changed = operations.mark_invitations_sent(conference, ids, today)
    db.session.commit()
    if changed:
        _notice(
            f"Đã ghi ngày gửi giấy mời {vn.format_date_short(today)} cho {changed} đại biểu.",
            conference,
        )
    else:
        _notice("Chưa có đại biểu nào được chọn.", category="error")
    return redirect(_back(conference))


# --------------------------------------------------------------------------------------------
# Excel: template, import (preview, then confirm), export
# --------------------------------------------------------------------------------------------


def _xlsx(data: bytes, name: str):
    return send_file(
        BytesIO(data), mimetype=MIME_TYPES["xlsx"], as_attachment=True, download_name=name
    )


def template(conference_id: int):
    conference = _conference(conference_id)
    data = spreadsheet.template_workbook(operations.groups_of(conference), conference.issuer)
    return _xlsx(data, "Mẫu nhập đại biểu.xlsx")


def export_excel(conference_id: int):
    conference = _conference(conference_id)
    data = spreadsheet.export_workbook(
        operations.groups_of(conference), operations.delegates_of(conference)
    )
    return _xlsx(
        data, safe_filename(f"Đại biểu (để nhập lại) - {conference.year_launched}", "xlsx")
    )


def _import_page(conference, report=None, token=None, filename="", status=200):
    return (
        render_template(
            "delegates/import.html",
            conference=conference,
            report=report,
            token=token,
            filename=filename,
            max_rows=spreadsheet.MAX_ROWS,
            max_megabytes=spreadsheet.MAX_BYTES // (1024 * 1024),
            preview_limit=PAGE_SIZE,
            groups=operations.groups_of(conference),
        ),
        status,
    )


def _read(conference, raw: bytes) -> spreadsheet.ImportReport:
    return spreadsheet.read_delegates(
        raw, operations.groups_of(conference), operations.identity_pairs(conference)
    )


def import_excel(conference_id: int):
    conference = _conference(conference_id)
    if request.method == "GET":
        return _import_page(conference)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash({"text": "Hãy chọn tệp Excel (.xlsx) danh sách đại biểu."}, "error")
        return _import_page(conference, status=400)
    raw = upload.stream.read(spreadsheet.MAX_BYTES + 1)
    report = _read(conference, raw)
    if not report.ok:
        flash({"text": "Không nhập được tệp; chưa có gì được lưu."}, "error")
        return _import_page(conference, report, filename=upload.filename, status=400)
    token = uploads.keep(current_app.config["DATA_DIR"], conference.id, raw)
    return _import_page(conference, report, token=token, filename=upload.filename)


def confirm_import(conference_id: int):
    conference = _conference(conference_id)
    data_dir = current_app.config["DATA_DIR"]
    token = request.form.get("token", "")
    raw = uploads.load(data_dir, conference.id, token)
    if raw is None:
        flash(
            {
                "text": "Tệp đã xem trước không còn (đã nhập rồi, hoặc đã quá một ngày). "
                "Hãy chọn lại tệp."
            },
            "error",
        )
        return redirect(url_for("delegates.import_excel", conference_id=conference.id))
    report = _read(conference, raw)  # the list may have changed since the preview
    if not report.ok:
        uploads.discard(data_dir, conference.id, token)
        flash({"text": "Không nhập được tệp; chưa có gì được lưu."}, "error")
        return _import_page(conference, report, status=400)
    count = operations.import_delegates(conference, [row.values for row in report.rows])
    db.session.commit()
    uploads.discard(data_dir, conference.id, token)
    _notice(f"Đã nhập {count} đại biểu từ tệp Excel.", conference)
    return redirect(_list_url(conference))


# --------------------------------------------------------------------------------------------
# The dashboard card
# --------------------------------------------------------------------------------------------


def dashboard_card(conference: Conference) -> Card:
    """Confirmed out of the conference's planned total (not the groups' sum); while the groups
    add up to another figure, the first line to do says so."""
    groups = operations.groups_of(conference)
    counts = operations.list_tally(conference, groups)
    summary = progress(counts, planned_total(conference.planned_delegates, groups))
    return Card(
        key="delegates",
        title="Đại biểu",
        description=(
            f"Xác nhận dự {vn.format_number(summary.confirmed)}/"
            f"{vn.format_number(summary.planned)} đại biểu dự kiến · đã mời "
            f"{vn.format_number(counts.total.invited)}"
        ),
        progress=summary.percent,
        todo=summary.todo,
        url=_list_url(conference),
        url_label="Mở danh sách đại biểu",
    )
