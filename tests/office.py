"""LibreOffice headless for the tests: open a workbook the program wrote as the finance office's
spreadsheet program would, let it recalculate every formula, and save the values.

    from tests.office import has_calc, recalculated

`recalculated(data, tmp_path)` returns the openpyxl workbook of the values LibreOffice computed
(data_only: each formula cell holds its result). One copy of this for every test that checks
a workbook's formulas by their results (awards, budget, receipts…).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook


def has_calc() -> bool:
    """soffice with its spreadsheet part (a Writer-only install cannot open a workbook)."""
    return bool(shutil.which("soffice")) and any(
        Path("/usr/lib/libreoffice/program").glob("libsclo*")
    )


def convert(source: Path, tmp_path: Path, to: str = "xlsx") -> Path:
    """`soffice --headless --convert-to <to>` of `source` into tmp_path/"out" (its own user
    profile under tmp_path, so parallel runs never share one); the converted file's path."""
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", to, "--outdir", str(out), str(source)],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    return out / f"{source.stem}.{to.split(':')[0]}"


def recalculated(data: bytes, tmp_path: Path, name: str = "workbook"):
    """The workbook `data` after LibreOffice recalculated and saved it, values only."""
    source = tmp_path / f"{name}.xlsx"
    source.write_bytes(data)
    return load_workbook(convert(source, tmp_path), data_only=True)
