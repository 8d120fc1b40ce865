#!/usr/bin/env bash
# Build the one-folder package: dist/KeHoachHoiNghi/. PyInstaller builds for the system it runs
# on: run this on Windows (Git Bash) for the Windows package, on Linux for a Linux one.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Python that has the app's requirements: the one running the tests (PYTHON), else the
# virtual environment's of the README, else python3 (a machine may have no `python`).
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python
  elif [ -x .venv/Scripts/python.exe ]; then PYTHON=.venv/Scripts/python.exe  # Windows
  else PYTHON=python3; fi
fi
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/work build/kehoach.spec
echo "Đã đóng gói: dist/KeHoachHoiNghi/"
