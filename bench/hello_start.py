"""The baseline of bench/bench_start.py: a Flask + waitress hello world, frozen like the app.

It takes the app's own command line (`--port N --no-browser`) and, like build/launcher.py,
calls multiprocessing.freeze_support(), so the two programs differ only in what they load.
"""

import argparse
import multiprocessing
import sys

from flask import Flask
from waitress import serve


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    app = Flask(__name__)

    @app.get("/")
    def home():
        return "Xin chào"

    print("ready", flush=True)
    serve(app, host="127.0.0.1", port=args.port, threads=6)
    return 0


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
