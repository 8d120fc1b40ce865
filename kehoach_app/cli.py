"""The command line: `flask --app kehoach_app demo | export-conference | import-conference |
print-all | check`.

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
        from .printouts import write_all

        conference = _conference_or_fail(conference_id)
        out_dir.mkdir(parents=True, exist_ok=True)

        def add(name: str, data: bytes) -> None:
            (out_dir / name).write_bytes(data)
            click.echo(str(out_dir / name))

        write_all(conference, add)

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
