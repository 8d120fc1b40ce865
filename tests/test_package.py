"""The PyInstaller one-folder build: build it, start it, fetch the home page and a PDF, stop it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import urllib.request
import zipfile

import pytest

from kehoach_app import create_app
from kehoach_app.db import db
from tests.server import ROOT, running_server

pytestmark = pytest.mark.slow

EXECUTABLE = ROOT / "dist" / "KeHoachHoiNghi" / "KeHoachHoiNghi"


@pytest.fixture(scope="module")
def frozen_program():
    result = subprocess.run(
        ["bash", str(ROOT / "build" / "build.sh")],
        cwd=ROOT,
        # PyInstaller runs in the interpreter of the tests, which has the app's requirements
        # (a `python` on PATH may be another one, or none on a python3-only machine)
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert EXECUTABLE.exists()
    return EXECUTABLE


def test_frozen_build_serves_pages_and_pdfs(frozen_program, tmp_path):
    data = tmp_path / "data"
    app = create_app(data_dir=data)
    with app.app_context():
        from kehoach_app.demo import create_demo_conference

        conference_id = create_demo_conference().id
        db.session.commit()
        db.engine.dispose()

    helpers = {"KEHOACH_PRINT_HELPERS": "1"}
    with app.app_context():
        from kehoach_app.printouts import all_printouts

        expected_files = sum(len(p.formats) for p in all_printouts())
    with running_server(data, command=[str(frozen_program)]) as (base, _process):
        with urllib.request.urlopen(base + "/") as response:
            assert "Hội nghị tổng kết" in response.read().decode("utf-8")
        url = f"{base}/hoi-nghi/{conference_id}/in/thong-tin-hoi-nghi.pdf"
        with urllib.request.urlopen(url) as response:
            pdf = response.read()
        assert pdf.startswith(b"%PDF")
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout
        assert "THÔNG TIN HỘI NGHỊ" in text.decode("utf-8")
        with urllib.request.urlopen(base + "/hoi-nghi/moi/tong_ket.xa") as response:
            assert "Tên cơ quan ban hành" in response.read().decode("utf-8")
    # The complete set with a helper process: the frozen program starts itself as the helper
    # (multiprocessing.freeze_support), never as a second server.
    with running_server(data, command=[str(frozen_program)], env=helpers) as (base, process):
        with urllib.request.urlopen(f"{base}/hoi-nghi/{conference_id}/in/tat-ca.zip") as response:
            archive = zipfile.ZipFile(io.BytesIO(response.read()))
        names = archive.namelist()
        assert len(names) == expected_files
        assert all(archive.read(n)[:4] in (b"%PDF", b"PK\x03\x04") for n in names)
        process.terminate()
        output = process.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert output.count("đã sẵn sàng") == 1, output
    # Nothing was written inside the bundle.
    assert not (EXECUTABLE.parent / "instance").exists()
