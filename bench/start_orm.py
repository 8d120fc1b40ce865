"""Reference program 2 of bench/bench_start.py: the hello world plus Flask-SQLAlchemy.

One model (the `conferences` table, two columns) on the demo database of the data folder
(KEHOACH_DATA_DIR), and a home page answered with one query. Started like the package's
launcher (build/launcher.py): freeze_support, no garbage collection while the modules load,
gc.freeze once they are — so it differs from the package only in what it loads.
"""

import argparse
import gc
import multiprocessing
import os
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    from flask import Flask
    from flask_sqlalchemy import SQLAlchemy
    from markupsafe import escape
    from sqlalchemy import String, select
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
    from waitress import serve

    class Base(DeclarativeBase):
        pass

    db = SQLAlchemy(model_class=Base)

    class Conference(db.Model):
        __tablename__ = "conferences"
        id: Mapped[int] = mapped_column(primary_key=True)
        title: Mapped[str] = mapped_column(String(500))

    database = Path(os.environ["KEHOACH_DATA_DIR"]) / "kehoach.sqlite3"
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{database.as_posix()}"
    db.init_app(app)

    @app.get("/")
    def home():
        titles = db.session.scalars(select(Conference.title).order_by(Conference.id)).all()
        return "<ul>" + "".join(f"<li>{escape(title)}</li>" for title in titles) + "</ul>"

    gc.freeze()
    gc.enable()
    print("ready", flush=True)
    serve(app, host="127.0.0.1", port=args.port, threads=6)
    return 0


if __name__ == "__main__":
    multiprocessing.freeze_support()
    gc.disable()
    sys.exit(main())
