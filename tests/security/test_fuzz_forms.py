"""Hostile input: random and adversarial values posted to every form of the app (found from the
URL map and the pages' own fields) never give a 5xx, and a refused post writes nothing."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import csrf_token
from tests.security.test_csrf_and_hosts import database_fingerprint, state_changing_urls

ADVERSARIAL = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "100000",
    "10000000000000000000000",
    "1e309",
    "NaN",
    "1,5",
    "1.500.000",
    "1,500,000",
    "25:00",
    "7h60",
    "31/02/2027",
    "2027-13-45",
    "00/00/0000",
    "<script>alert(1)</script>",
    "Nguyễn Văn A & B <C>",
    "&amp;",
    "\x00",
    "\u202e",
    "🙂",
    "'; DROP TABLE conferences; --",
    "../../etc/passwd",
    "x" * 20000,
    unicodedata.normalize("NFD", "Nguyễn Thị Phương Thảo"),
    "true",
    "on",
    "null",
]

FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"', re.S)
SKIP_FIELDS = {"csrf_token"}


_FIELDS: dict[str, list[str]] = {}


def form_fields(client, path: str) -> list[str]:
    """The fields the page at `path` offers, read once (the page changes as the fuzz runs)."""
    if path not in _FIELDS:
        _FIELDS[path] = _read_fields(client, path)
    return _FIELDS[path]


def _read_fields(client, path: str) -> list[str]:
    response = client.get(path)
    if response.status_code != 200:
        return []
    names = FIELD.findall(response.get_data(as_text=True))
    return sorted({n for n in names if n not in SKIP_FIELDS})


values = st.one_of(st.sampled_from(ADVERSARIAL), st.text(max_size=300))


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_posts_never_break_the_app(app, client, demo_id, data):
    routes = [(m, p) for m, p in state_changing_urls(app, demo_id) if m == "POST"]
    method, path = data.draw(st.sampled_from(routes), label="route")
    fields = form_fields(client, path) or ["title", "name", "file", "ids", "status"]
    payload = {name: data.draw(values, label=name) for name in fields}
    payload["csrf_token"] = csrf_token(client, "/")
    before = database_fingerprint(app)
    response = client.open(path, method=method, data=payload)
    assert response.status_code < 500, (path, payload, response.status_code)
    if response.status_code not in (301, 302, 303):
        assert database_fingerprint(app) == before, (path, "a refused post changed data")
