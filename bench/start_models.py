"""Reference program 3 of bench/bench_start.py: the hello world plus the app's models.

Imports kehoach_app.db and every part's models module (no views, no blueprints, no
create_app), configures the mappers, opens the demo database of the data folder
(KEHOACH_DATA_DIR) and answers its home page with one query of the conferences. Started like
the package's launcher (build/launcher.py): freeze_support, no garbage collection while the
modules load, gc.freeze once they are.

MODELS is checked against the files on disk by bench_start.py (`models_in_tree`): a part that
gains a models module must be added here, or the figure would flatter the package.
"""

import argparse
import gc
import importlib
import multiprocessing
import os
import sys
from pathlib import Path

MODELS = (
    "kehoach_app.accounts.models",
    "kehoach_app.agenda.models",
    "kehoach_app.awards.certificates_models",
    "kehoach_app.awards.decision_import_models",
    "kehoach_app.awards.models",
    "kehoach_app.budget.models",
    "kehoach_app.checkin.models",
    "kehoach_app.conferences.models",
    "kehoach_app.decor.models",
    "kehoach_app.delegates.models",
    "kehoach_app.plan.models",
    "kehoach_app.seating.models",
    "kehoach_app.tasks.models",
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    from flask import Flask
    from markupsafe import escape
    from sqlalchemy import select
    from sqlalchemy.orm import configure_mappers
    from waitress import serve

    from kehoach_app.db import db

    for name in MODELS:  # by name: PyInstaller is told of them (--hidden-import)
        importlib.import_module(name)
    configure_mappers()
    from kehoach_app.conferences.models import Conference

    database = Path(os.environ["KEHOACH_DATA_DIR"]) / "kehoach.sqlite3"
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{database.as_posix()}"
    db.init_app(app)

    @app.get("/")
    def home():
        conferences = db.session.scalars(select(Conference).order_by(Conference.id)).all()
        return "<ul>" + "".join(f"<li>{escape(c.title)}</li>" for c in conferences) + "</ul>"

    gc.freeze()
    gc.enable()
    print("ready", flush=True)
    serve(app, host="127.0.0.1", port=args.port, threads=6)
    return 0


if __name__ == "__main__":
    multiprocessing.freeze_support()
    gc.disable()
    sys.exit(main())
