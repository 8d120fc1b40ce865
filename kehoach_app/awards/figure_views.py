"""Pages for the award money's legal figures (issue 16, docs/legal-figures.md): an award form's
dated rates, the rounding rules, and the officer's "Đã đối chiếu với văn bản" on every figure of
the catalogue (base salary, rate, rounding).

The figures are shared by every conference on the machine, so there is no undo snapshot; each
form and each confirm button carries the row's version, and a save or a confirmation over a row
changed meanwhile is refused. Registered on the awards blueprint (imported at the end of
views.py).
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField, StringField, TextAreaField

from .. import legal, vn
from ..db import db
from ..forms import BaseForm, Length, NumberRange, Required, VNDateField, VNIntegerField
from ..lan import current_author
from . import catalogue, figures
from .models import AwardForm, AwardRate, BaseSalary, RoundingRule

STALE_FIGURE = "Số liệu này vừa được sửa ở cửa sổ khác: hãy xem lại bản mới nhất rồi làm lại."
KINDS = {"luong-co-so": BaseSalary, "he-so": AwardRate, "lam-tron": RoundingRule}
ANCHORS = {"luong-co-so": "luong-co-so", "lam-tron": "lam-tron"}


# --------------------------------------------------------------------------- context


def catalogue_context() -> dict:
    """What the catalogue page shows beside the forms: the rounding rules and each form's
    rates, with their status."""
    return {
        "roundings": catalogue.all_roundings(),
        "rates": catalogue.all_rates(),
        "status_text": legal.status_text,
        "period_text": legal.period_text,
        "is_unverified": legal.is_unverified,
    }


def money_context(state) -> dict:
    """What the awards page shows about the figures its money uses: unverified ones (a mark),
    the dates no stored period covers (a message), the rounding rule applied."""
    from ..demo import is_demo

    return {
        "unverified_uses": figures.unverified_uses(state.money),
        "figure_gaps": state.money.gaps,
        "rounding_statements": figures.rounding_statements(state.money),
        "is_demo": is_demo(state.conference),
        "unverified_mark": legal.UNVERIFIED_MARK,
    }


# --------------------------------------------------------------------------- confirm


def _anchor(kind: str, row) -> str:
    if kind == "he-so":
        return f"hinh-thuc-{row.form_id}"
    return ANCHORS[kind]


def figure_name(kind: str, row) -> str:
    if kind == "luong-co-so":
        return figures.salary_text(catalogue.salary_data(row))
    if kind == "he-so":
        return figures.rate_text(catalogue.form_rule(row.form), catalogue.rate_data(row), True)
    return figures.rounding_text(catalogue.rounding_data(row))


def confirm_figure(kind: str, row_id: int):
    model = KINDS.get(kind)
    if model is None:
        abort(404)
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    target = url_for(".catalogue_page") + f"#{_anchor(kind, row)}"
    if request.form.get("version") != str(row.version):
        flash({"text": STALE_FIGURE}, "error")
        return redirect(target)
    name = figure_name(kind, row)
    try:
        catalogue.confirm_figure(row, dt.date.today(), current_author())
        db.session.commit()
    except catalogue.CannotConfirm as error:
        db.session.rollback()
        flash({"text": f"Chưa xác nhận {name}: {error}"}, "error")
        return redirect(target)
    except StaleDataError:
        db.session.rollback()
        flash({"text": STALE_FIGURE}, "error")
        return redirect(target)
    flash(
        {
            "text": f"Đã ghi nhận: {name} đã được đối chiếu với văn bản ngày "
            f"{vn.format_date_short(dt.date.today())}."
        },
        "success",
    )
    return redirect(target)


# --------------------------------------------------------------------------- rates


class RateForm(BaseForm):
    coefficient = StringField(
        "Hệ số (lần mức lương cơ sở)", validators=[Required("Vui lòng nhập hệ số.")]
    )
    collective_multiplier = StringField(
        "Tập thể gấp (lần mức của cá nhân)",
        validators=[Required("Vui lòng nhập số lần (1 nếu mức đã là mức của tập thể).")],
    )
    effective_from = VNDateField(
        "Áp dụng từ ngày", validators=[Required("Vui lòng nhập ngày bắt đầu áp dụng.")]
    )
    effective_to = VNDateField("Áp dụng đến ngày (bỏ trống: đến khi có mức mới)")
    legal_basis = TextAreaField(
        "Căn cứ (văn bản, điều, khoản)",
        validators=[Required("Vui lòng nhập căn cứ."), Length(5000)],
        description="Ví dụ: Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1.",
    )
    version = HiddenField()

    def values(self) -> dict:
        return {
            "coefficient_milli": self._coefficient,
            "collective_multiplier_milli": self._multiplier,
            "effective_from": self.effective_from.data,
            "effective_to": self.effective_to.data,
            "legal_basis": self.legal_basis.data or "",
        }

    def validate_coefficient(self, field):
        try:
            self._coefficient = catalogue.parse_coefficient(field.data or "")
        except ValueError as error:
            raise _invalid(str(error)) from None

    def validate_collective_multiplier(self, field):
        try:
            self._multiplier = catalogue.parse_coefficient(field.data or "")
        except ValueError as error:
            raise _invalid(str(error)) from None


class RoundingForm(BaseForm):
    unit = VNIntegerField(
        "Làm tròn lên bội số của (đồng; 1 = không làm tròn)",
        kind="money",
        validators=[
            Required("Vui lòng nhập đơn vị làm tròn."),
            NumberRange(1, 1_000_000, "Đơn vị làm tròn từ 1 đến 1.000.000 đồng."),
        ],
    )
    effective_from = VNDateField(
        "Áp dụng từ ngày", validators=[Required("Vui lòng nhập ngày bắt đầu áp dụng.")]
    )
    effective_to = VNDateField("Áp dụng đến ngày (bỏ trống: đến khi có quy tắc mới)")
    legal_basis = TextAreaField(
        "Căn cứ (văn bản, điều, khoản)",
        validators=[Required("Vui lòng nhập căn cứ."), Length(5000)],
    )
    version = HiddenField()

    def values(self) -> dict:
        return {
            "unit": self.unit.data,
            "effective_from": self.effective_from.data,
            "effective_to": self.effective_to.data,
            "legal_basis": self.legal_basis.data or "",
        }


def _invalid(message: str):
    from wtforms.validators import ValidationError

    return ValidationError(message)


def _stale(form, row) -> bool:
    return row is not None and form.version.data != str(row.version)


def edit_rate(form_id: int, rate_id: int | None = None):
    form = db.session.get(AwardForm, form_id)
    if form is None:
        abort(404)
    rate = db.session.get(AwardRate, rate_id) if rate_id else None
    if rate_id and (rate is None or rate.form_id != form.id):
        abort(404)
    entry = RateForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        source = rate or (catalogue.rates_of(form) or [None])[-1]
        if source is not None:
            entry.coefficient.data = catalogue.coefficient_text(source.coefficient_milli)
            entry.collective_multiplier.data = catalogue.coefficient_text(
                source.collective_multiplier_milli
            )
        if rate is not None:
            entry.effective_from.data = rate.effective_from
            entry.effective_to.data = rate.effective_to
            entry.legal_basis.data = rate.legal_basis
            entry.version.data = str(rate.version)
    elif entry.validate_on_submit():
        values = entry.values()
        others = [r for r in catalogue.rates_of(form) if r is not rate]
        problem = catalogue.overlap_message(
            others, values["effective_from"], values["effective_to"]
        )
        if problem:
            entry.effective_from.errors.append(problem)
        elif _stale(entry, rate):
            flash({"text": STALE_FIGURE}, "error")
            entry.version.data = str(rate.version)
            return _rate_page(form, rate, entry, 409)
        else:
            catalogue.save_rate(form, rate, values)
            db.session.commit()
            flash({"text": f"Đã lưu hệ số của “{form.name}”."}, "success")
            return redirect(url_for(".catalogue_page") + f"#hinh-thuc-{form.id}")
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        return _rate_page(form, rate, entry, 400)
    return _rate_page(form, rate, entry, 200)


def _rate_page(form, rate, entry, status: int):
    title = "Sửa hệ số theo thời gian" if rate else "Thêm hệ số theo thời gian"
    return render_template(
        "awards/figure_form.html",
        title=f"{title} — {form.name}",
        form=entry,
        anchor=f"hinh-thuc-{form.id}",
        fields=("coefficient", "collective_multiplier", "effective_from", "effective_to"),
    ), status


def delete_rate(rate_id: int):
    rate = db.session.get(AwardRate, rate_id)
    if rate is None:
        abort(404)
    form = rate.form
    if len(catalogue.rates_of(form)) == 1:
        flash({"text": "Không xóa được: mỗi hình thức cần ít nhất một hệ số."}, "error")
        return redirect(url_for(".catalogue_page") + f"#hinh-thuc-{form.id}")
    db.session.delete(rate)
    db.session.flush()
    catalogue.mirror_latest_rate(form)
    db.session.commit()
    flash({"text": f"Đã xóa một hệ số của “{form.name}”."}, "success")
    return redirect(url_for(".catalogue_page") + f"#hinh-thuc-{form.id}")


# --------------------------------------------------------------------------- rounding


def edit_rounding(rule_id: int | None = None):
    rule = db.session.get(RoundingRule, rule_id) if rule_id else None
    if rule_id and rule is None:
        abort(404)
    entry = RoundingForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET" and rule is not None:
        entry.unit.data = rule.unit
        entry.effective_from.data = rule.effective_from
        entry.effective_to.data = rule.effective_to
        entry.legal_basis.data = rule.legal_basis
        entry.version.data = str(rule.version)
    elif request.method == "POST" and entry.validate_on_submit():
        values = entry.values()
        others = [r for r in catalogue.all_roundings() if r is not rule]
        problem = catalogue.overlap_message(
            others, values["effective_from"], values["effective_to"]
        )
        if problem:
            entry.effective_from.errors.append(problem)
        elif _stale(entry, rule):
            flash({"text": STALE_FIGURE}, "error")
            entry.version.data = str(rule.version)
            return _rounding_page(rule, entry, 409)
        else:
            if rule is None:
                rule = RoundingRule(status=legal.UNVERIFIED)
                db.session.add(rule)
            else:
                legal.reset_when_changed(rule, values, catalogue.ROUNDING_FIELDS)
            for name, value in values.items():
                setattr(rule, name, value)
            db.session.commit()
            flash({"text": "Đã lưu quy tắc làm tròn tiền thưởng."}, "success")
            return redirect(url_for(".catalogue_page") + "#lam-tron")
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        return _rounding_page(rule, entry, 400)
    return _rounding_page(rule, entry, 200)


def _rounding_page(rule, entry, status: int):
    return render_template(
        "awards/figure_form.html",
        title="Sửa quy tắc làm tròn" if rule else "Thêm quy tắc làm tròn",
        form=entry,
        anchor="lam-tron",
        fields=("unit", "effective_from", "effective_to"),
    ), status
