"""Nobody in: every state-changing route refuses a POST without a valid CSRF token (found by
walking the URL map, not listed by hand), a foreign Host header is refused."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from werkzeug.routing import AnyConverter, IntegerConverter

from kehoach_app.db import db

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def database_fingerprint(app) -> str:
    """A digest of every row of every table: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    with app.app_context():
        connection = db.session.connection()
        tables = [
            row[0]
            for row in connection.execute(
                text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            )
        ]
        for table in tables:
            for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')):
                digest.update(repr(tuple(row)).encode())
        db.session.rollback()
    return digest.hexdigest()


def state_changing_urls(app, conference_id: int) -> list[tuple[str, str]]:
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            methods = (rule.methods or set()) & STATE_CHANGING
            if not methods or rule.endpoint == "static":
                continue
            values = {}
            for argument in rule.arguments:
                converter = rule._converters.get(argument)
                if converter is None:  # given by the rule's defaults
                    values[argument] = (rule.defaults or {})[argument]
                    continue
                if isinstance(converter, IntegerConverter):
                    values[argument] = conference_id
                elif isinstance(converter, AnyConverter):
                    values[argument] = sorted(converter.items)[0]
                else:
                    values[argument] = "x"
            path = rule.build(values, append_unknown=False)[1]
            urls.extend((method, path) for method in sorted(methods))
    return urls


def test_the_walk_finds_the_routes(app, demo_id):
    urls = state_changing_urls(app, demo_id)
    paths = {path for _method, path in urls}
    assert f"/hoi-nghi/{demo_id}/xoa" in paths
    assert "/nhap-tep" in paths
    assert len(urls) >= 10


@pytest.mark.parametrize("token", [None, "sai-token", ""])
def test_every_state_changing_route_refuses_a_bad_token(app, client, demo_id, token):
    client.get("/")  # a session, as a browser would have
    before = database_fingerprint(app)
    for method, path in state_changing_urls(app, demo_id):
        data = {} if token is None else {"csrf_token": token}
        response = client.open(path, method=method, data=data)
        assert response.status_code == 400, (method, path, response.status_code)
    assert database_fingerprint(app) == before


@pytest.mark.parametrize(
    "host", ["evil.example", "192.168.1.5:8765", "127.0.0.1.nip.io", "localhost.evil.example"]
)
def test_foreign_host_header_is_refused(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
