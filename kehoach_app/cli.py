"""The command line: `flask --app kehoach_app demo | export-conference | import-conference |
print-all`.

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
