"""The accounts page (quản trị only, lan.py sees to it): create, change role, reset password,
remove."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from ..db import db
from . import operations
from .forms import AccountForm, ResetPasswordForm, RoleForm
from .logic import ROLE_HINTS, ROLES
from .models import Account

bp = Blueprint("accounts", __name__)


def _get(account_id: int) -> Account:
    account = db.session.get(Account, account_id)
    if account is None:
        abort(404)
    return account


def _page(form: AccountForm, status: int = 200):
    return (
        render_template(
            "accounts/index.html",
            accounts=operations.all_accounts(),
            form=form,
            roles=ROLES,
            hints=ROLE_HINTS,
        ),
        status,
    )


def _not_for_owner(account: Account, what: str):
    flash(
        {
            "text": f"Không {what} tài khoản của chủ máy: chủ máy luôn là quản trị, mật "
            "khẩu do chủ máy đặt khi khởi động chế độ mạng nội bộ."
        },
        "error",
    )
    return redirect(url_for(".index"))


@bp.route("/tai-khoan", methods=["GET", "POST"])
def index():
    form = AccountForm()
    if form.validate_on_submit():
        if operations.by_username(form.username.data) is not None:
            form.username.errors = [*form.username.errors, "Tên đăng nhập này đã có người dùng."]
        else:
            account = operations.create_account(
                form.username.data, form.display_name.data, form.role.data, form.password.data
            )
            db.session.commit()
            flash(
                {
                    "text": f"Đã tạo tài khoản “{account.username}” ({ROLES[account.role]}) cho "
                    f"{account.display_name}. Hãy báo mật khẩu ban đầu cho người đó."
                },
                "success",
            )
            return redirect(url_for(".index"))
    if form.is_submitted():
        flash({"text": "Chưa tạo: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        return _page(form, 422)
    return _page(form)


@bp.post("/tai-khoan/<int:account_id>/quyen")
def change_role(account_id: int):
    account = _get(account_id)
    if account.is_owner:
        return _not_for_owner(account, "đổi quyền")
    form = RoleForm()
    if not form.validate_on_submit():
        flash({"text": "Quyền không hợp lệ — hãy chọn một mục trong danh sách."}, "error")
        return redirect(url_for(".index"))
    operations.change_role(account, form.role.data)
    db.session.commit()
    flash({"text": f"{account.display_name} nay có quyền {ROLES[account.role]}."}, "success")
    return redirect(url_for(".index"))


@bp.post("/tai-khoan/<int:account_id>/mat-khau")
def reset_password(account_id: int):
    account = _get(account_id)
    if account.is_owner:
        return _not_for_owner(account, "đặt lại mật khẩu cho")
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        message = " ".join(form.password.errors) or "Mật khẩu mới không hợp lệ."
        flash({"text": f"Chưa đặt lại mật khẩu: {message}"}, "error")
        return redirect(url_for(".index"))
    operations.set_password(account, form.password.data)
    db.session.commit()
    flash(
        {
            "text": f"Đã đặt mật khẩu mới cho {account.display_name}; các phiên đang mở của "
            "tài khoản này đã kết thúc."
        },
        "success",
    )
    return redirect(url_for(".index"))


@bp.post("/tai-khoan/<int:account_id>/xoa")
def remove(account_id: int):
    account = _get(account_id)
    if account.is_owner:
        return _not_for_owner(account, "xóa")
    name = account.display_name
    operations.remove_account(account)
    db.session.commit()
    flash({"text": f"Đã xóa tài khoản của {name}; người đó không đăng nhập được nữa."}, "success")
    return redirect(url_for(".index"))
