"""The forms of the accounts page and of one's own password."""

from __future__ import annotations

from wtforms import PasswordField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..forms import BaseForm, Length, Required, VNSelectField
from .logic import ROLES, normalise_username, password_problem, username_problem

_ROLE_CHOICES = [SelectChoice(key, label) for key, label in ROLES.items()]


def _password_rule(form, field):
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class AccountForm(BaseForm):
    """A colleague's new account: login name, the name shown in the change log, role, password."""

    username = StringField(
        "Tên đăng nhập",
        validators=[Required(), Length(40)],
        filters=[normalise_username],
        description="Chữ không dấu, ví dụ: lan.nguyen — người đó gõ tên này khi đăng nhập.",
    )
    display_name = StringField(
        "Họ tên",
        validators=[Required(), Length(100)],
        description="Tên hiện trong nhật ký thay đổi của hội nghị.",
    )
    role = VNSelectField("Quyền", choices=_ROLE_CHOICES)
    password = PasswordField("Mật khẩu ban đầu", validators=[Required(), _password_rule])

    def validate_username(self, field):
        problem = username_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class RoleForm(BaseForm):
    role = VNSelectField("Quyền", choices=_ROLE_CHOICES)


class ResetPasswordForm(BaseForm):
    password = PasswordField("Mật khẩu mới", validators=[Required(), _password_rule])


class OwnPasswordForm(BaseForm):
    current = PasswordField("Mật khẩu hiện tại", validators=[Required()])
    password = PasswordField("Mật khẩu mới", validators=[Required(), _password_rule])
    again = PasswordField("Nhập lại mật khẩu mới", validators=[Required()])

    def validate_again(self, field):
        if field.data != self.password.data:
            raise ValidationError("Hai lần nhập mật khẩu mới không giống nhau.")
