from __future__ import annotations

import pytest

from kehoach_app.printing import Document, register_fonts
from tests.printing.printing_samples import sample_document


@pytest.fixture(scope="session")
def fonts():
    return register_fonts()


@pytest.fixture(scope="session")
def document() -> Document:
    return sample_document()
