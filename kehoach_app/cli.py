"""The command line: `flask --app kehoach_app demo | export-conference | import-conference |
print-all | import-awards | check`.

These names and options are the program's scripting interface; keep them stable (README).
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from .db import db


def _conference_or_fail(conference_id: int):
    from .conferences.models import Conference

    conference = db.session.get(Conference, conference_id)
    if conference is None:
        raise click.ClickException(f"Không có hội nghị số {conference_id}.")
    return conference


def register_commands(app: Flask) -> None:
    @app.cli.command("demo")
    def demo_command():
        """Tạo một hội nghị mẫu đầy đủ để xem thử; in ra số (id) của nó."""
        from .demo import create_demo_conference

        conference = create_demo_conference()
        db.session.commit()
        click.echo(conference.id)

    @app.cli.command("export-conference")
    @click.argument("conference_id", type=int)
    @click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
    def export_command(conference_id: int, file: Path):
        """Ghi một hội nghị (đầy đủ mọi phần) ra tệp JSON."""
        from . import transfer

        conference = _conference_or_fail(conference_id)
        file.write_bytes(transfer.dump_json(transfer.export_conference(conference)))
        click.echo(f"Đã ghi hội nghị {conference_id} vào {file}")

    @app.cli.command("import-conference")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_command(file: Path):
        """Nhập một hội nghị từ tệp JSON; tệp lỗi bị từ chối, không nhập gì."""
        from . import transfer
        from .backups.views import backup_before

        raw = file.read_bytes()
        backup_before("truoc-nhap")
        try:
            conference = transfer.import_conference(raw)
            db.session.commit()
        except transfer.ConferenceFileError as error:
            db.session.rollback()
            lines = "\n".join(f"  - {message}" for message in error.messages)
            raise click.ClickException(
                f"Không nhập được {file}; chưa có gì được lưu:\n{lines}"
            ) from None
        click.echo(conference.id)

    @app.cli.command("print-all")
    @click.argument("conference_id", type=int)
    @click.option(
        "--out",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Thư mục ghi các bản in (tạo mới nếu chưa có).",
    )
    def print_all_command(conference_id: int, out_dir: Path):
        """Ghi mọi bản in của một hội nghị vào một thư mục."""
        from .printouts import all_printouts, refusal_for, write_all

        conference = _conference_or_fail(conference_id)
        # What waits for the conference's day is left out, one line each on stderr (stdout
        # lists only the files written, for scripts): exit 0 — leaving it out is the rule
        # until the day is fixed (docs/planned-dates.md).
        for printout in all_printouts():
            reason = refusal_for(printout, conference)
            if reason:
                click.echo(f"Không in “{printout.title}”: {reason}", err=True)
        out_dir.mkdir(parents=True, exist_ok=True)

        def add(name: str, data: bytes) -> None:
            (out_dir / name).write_bytes(data)
            click.echo(str(out_dir / name))

        write_all(conference, add)

    @app.cli.command("import-awards")
    @click.argument("conference_id", type=int)
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option(
        "--form",
        "form_code",
        default=None,
        help="Mã hình thức khen thưởng, thay cho hình thức đọc được ở trích yếu.",
    )
    @click.option("--dry-run", is_flag=True, help="Chỉ in những gì sẽ nhập; không lưu gì.")
    @click.pass_context
    def import_awards_command(
        ctx: click.Context, conference_id: int, file: Path, form_code: str | None, dry_run: bool
    ):
        """Nhập danh sách khen thưởng từ quyết định (.docx) hoặc bảng tính (.xlsx): tất cả
        hoặc không gì; mã thoát 0 khi nhập được (hoặc --dry-run không có lỗi), 2 khi bị từ
        chối."""
        # every failure is a Vietnamese line and exit status 2 — never a traceback, whatever
        # the file holds (the readers refuse what they know; anything else lands here)
        try:
            _import_awards(ctx, conference_id, file, form_code, dry_run)
        except click.exceptions.Exit:
            raise
        except Exception:  # noqa: BLE001 — the last guard of the scripting interface
            db.session.rollback()
            click.echo(
                f"Không nhập được {file}: tệp có nội dung chương trình không đọc được. "
                "Chưa có gì được lưu.",
                err=True,
            )
            ctx.exit(2)

    def _import_awards(ctx, conference_id, file, form_code, dry_run) -> None:
        from .awards import decision_import, decision_import_ops, operations
        from .conferences.models import Conference

        def refuse(lines: list[str]) -> None:
            for line in lines:
                click.echo(line, err=True)
            ctx.exit(2)

        conference = db.session.get(Conference, conference_id)
        if conference is None or conference.deleted_at is not None:
            refuse([f"Không có hội nghị số {conference_id}."])
        with app.test_request_context():
            state = operations.load(conference)
            form = decision_import_ops.find_form(state.forms, form_code) if form_code else None
            if form_code and form is None:
                codes = ", ".join(f.code for f in state.forms if f.active)
                refuse([f"Không có hình thức khen thưởng mã “{form_code}”. Các mã: {codes}."])
            try:
                source = decision_import.read_file(file.read_bytes())
            except decision_import.DecisionFileError as error:
                refuse([f"Không đọc được {file}: {error} Chưa có gì được lưu."])
            preview = decision_import_ops.preview(conference, source, form=form, state=state)
            for line in decision_import.summary_lines(preview):
                click.echo(line)
            problems = preview.all_problems
            if not preview.ok:
                if not problems:
                    problems = ["Không có dòng khen thưởng nào để nhập."]
                refuse(
                    [f"Không nhập: {len(problems)} lỗi; chưa có gì được lưu:"]
                    + [f"  - {problem}" for problem in problems]
                )
            counts = preview.counts
            what = (
                f"{len(preview.rows)} khen thưởng ({counts['collective']} tập thể, "
                f"{counts['individual']} cá nhân)"
            )
            if dry_run:
                click.echo(f"Sẽ nhập {what}; chưa lưu gì (--dry-run).")
                return
            decision_import_ops.import_preview(conference, preview)
            db.session.commit()
            click.echo(f"Đã nhập {what} vào hội nghị {conference_id}.")

    @app.cli.command("check")
    @click.argument("conference_id", type=int)
    @click.pass_context
    def check_command(ctx: click.Context, conference_id: int):
        """Kiểm tra trước khi trình ký: in mỗi vấn đề một dòng; mã thoát 0 khi không có lỗi
        chặn, 1 khi có, 2 khi không có hội nghị này."""
        from . import checks
        from .conferences.models import Conference

        conference = db.session.get(Conference, conference_id)
        if conference is None or conference.deleted_at is not None:
            where = "" if conference is None else " (hội nghị này đang ở thùng rác)"
            click.echo(f"Không có hội nghị số {conference_id}{where}.", err=True)
            ctx.exit(2)
        # The rules build their links with url_for: a request context gives them one.
        with app.test_request_context():
            problems = checks.run_checks(conference)
        for line in check_lines(problems):
            click.echo(line)
        ctx.exit(1 if any(problem.blocking for problem in problems) else 0)


_SEVERITY_WORDS = {True: "CHẶN", False: "CẢNH BÁO"}


def check_lines(problems) -> list[str]:
    """One line per problem, then the count: "CHẶN      [Dự toán kinh phí] … — sửa tại /…"."""
    from .checks import part_title, summary

    width = max(len(word) for word in _SEVERITY_WORDS.values())
    lines = [
        f"{_SEVERITY_WORDS[p.blocking]:<{width}}  [{part_title(p.part)}] {p.message}"
        f" — sửa tại {p.fix_url}"
        for p in problems
    ]
    counts = summary(problems)
    lines.append(f"{counts.text}.")
    return lines
