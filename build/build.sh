#!/usr/bin/env bash
# Build the one-folder package: dist/KeHoachHoiNghi/. PyInstaller builds for the system it runs
# on: run this on Windows (Git Bash) for the Windows package, on Linux for a Linux one.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/work build/kehoach.spec
echo "Đã đóng gói: dist/KeHoachHoiNghi/"
