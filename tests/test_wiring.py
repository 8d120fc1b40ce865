"""The parts' wiring (kehoach_app/wiring.py): every page and every registration named by module
and function must exist, and the start must not import what they name."""

from __future__ import annotations

import functools
import importlib
import types

from kehoach_app import demo, parts, printout_registry, transfer, wiring
from kehoach_app.agenda.derived import derived_sources
from kehoach_app.conferences import operations as conference_operations
from kehoach_app.conferences import presetting


def _targets(value) -> list[tuple[str, str]]:
    """The (module, name) a lazily named callable stands for, through functools.partial."""
    # type(), not isinstance(): the templates' globals hold request proxies
    while type(value) is functools.partial:
        value = value.func
    if type(value) is not types.FunctionType:
        return []
    target = getattr(value, "lazy_target", None)
    return [target] if target else []


def _registered(app) -> dict[str, list]:
    printouts = printout_registry.all_printouts()
    return {
        "views": list(app.view_functions.values()),
        "printouts": [f for p in printouts for f in (p.build, p.missing, p.describe) if f],
        "cards": list(parts._CARDS.values()),
        "demo": [*demo._DEMO_PARTS, *demo._DEMO_LAST],
        "presets": list(presetting._PRESET_PARTS),
        "hooks": list(conference_operations._ORGANISER_HOOKS),
        "conference file": [
            f
            for part in transfer._PARTS
            for f in (part.export, part.validate, part.replace, part.next_edition)
            if f
        ],
        "derived": [source.expected for source in derived_sources()],
        "templates": [*app.jinja_env.filters.values(), *app.jinja_env.globals.values()],
    }


def test_every_name_the_wiring_gives_exists(app):
    seen = 0
    for kind, functions in _registered(app).items():
        for function in functions:
            for module, name in _targets(function):
                assert callable(getattr(importlib.import_module(module), name, None)), (
                    f"{kind}: {module}.{name} does not exist"
                )
                seen += 1
    # every part's pages and registrations are named this way (156 pages, ~90 registrations)
    assert seen > 200


def test_each_view_is_bound_to_the_function_of_its_endpoint_name(app):
    for endpoint, function in app.view_functions.items():
        for module, name in _targets(function):
            blueprint, _, view = endpoint.rpartition(".")
            assert view == name, endpoint
            assert module.startswith(f"kehoach_app.{blueprint}."), endpoint


def test_the_parts_are_wired_in_their_fixed_order(app):
    names = [bp for bp in app.blueprints if bp not in ("system", "lan", "accounts")]
    assert names == list(wiring.PARTS)
    # the demo builds delegates before the awards that name them, the awards before the
    # budget that prices them
    steps = [f.lazy_target[0] for f in demo._DEMO_PARTS]
    assert steps.index("kehoach_app.delegates.demo") < steps.index("kehoach_app.awards.demo")
    assert steps.index("kehoach_app.awards.demo") < steps.index("kehoach_app.budget.demo")


def test_demo_steps_and_conference_file_functions_live_where_every_part_keeps_them(app):
    """Demo data in <part>/demo.py; a part's file section in <part>/conference_file.py under
    export, validate, replace and next_edition (the certificates' layouts, a second section of
    the awards part, are the one named exception)."""
    for step in [*demo._DEMO_PARTS, *demo._DEMO_LAST]:
        module, _name = step.lazy_target
        assert module.endswith(".demo"), module
    for part in transfer._PARTS:
        functions = {"export": part.export, "validate": part.validate, "replace": part.replace}
        if part.next_edition:
            functions["next_edition"] = part.next_edition
        for role, function in functions.items():
            module, name = function.lazy_target
            if part.key == "certificates":
                assert module == "kehoach_app.awards.certificates_ops"
                continue
            assert (module.rsplit(".", 1)[-1], name) == ("conference_file", role), part.key


def test_load_views_imports_every_views_module_the_route_tables_name(app):
    loaded = wiring.load_views()
    assert "kehoach_app.awards.figure_views" in loaded
    assert "kehoach_app.tasks.calendar_views" in loaded
    named = {f.lazy_target[0] for f in app.view_functions.values() if _targets(f)}
    assert named == set(loaded)
