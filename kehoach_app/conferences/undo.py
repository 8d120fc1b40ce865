"""Undo by the tables a change writes (issue 19): the snapshot holds only what the change touches.

`take_snapshot` (conferences.operations) opens an undo step on the session. From then until the
transaction ends, the first time the change is about to write a table, the rows of that table
which belong to the conference are read from the database (still as they were) and kept in the
step; a table the change never writes costs nothing. Automatic seating therefore keeps the seat
rows only (~1,000 short rows), an edit of one delegate the delegates, an edit of the plan the
plan's paragraphs — never the whole conference file (~130 ms on a 1,000-delegate conference).

The moment is caught by SQLAlchemy's session events, so no operation has to say what it touches
and a new operation of any part is covered:

- `before_flush`: the ORM's inserts, updates and deletes (nothing is written yet);
- `do_orm_execute`: a bulk `delete()`/`update()`/`insert()` run through the session.

A delete also takes the conference's rows of every table that refers to the deleted table (the
database's ON DELETE CASCADE / SET NULL change them without the ORM knowing). Tables without a
`conference_id` (halls, the award catalogue, norms: shared by every conference) keep the rows the
change updates or deletes, by primary key; rows it adds there stay (a new hall stays in the list
of halls, as before).

Undo puts each kept table back row for row, ids included: rows the change added are deleted,
changed rows are updated back, deleted rows are put back with their own ids. Only a deleted row
whose id has since been taken by another conference gets a new id (and the kept rows that refer
to it follow).

Every row undo puts back gets a `version` no edit form can carry (`_fresh_version`): above both
the version it had before and the one it has now, and at least the clock in milliseconds. Putting
the old number back would let a stale form through: a form opened on the undone change (version
2) would save over the next edit (undo → 1, edit → 2 again); and a form opened on a row added
under a freed id (SQLite gives the highest freed id out again; version 1) would save into the
deleted row that undo brings back under that id, also at version 1. The clock covers the second
case, where the versions of the row that held the id meanwhile are no longer anywhere to be read.
The price: a form opened before the undone change is refused once too (it keeps what was typed
and carries the new version, so the second save goes through). Rows whose values (the version
aside) are as kept are not written, so a form open on a row the undone change did not write
still saves.

Writes outside the session (a raw DBAPI cursor) are not seen; the program has none.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, attributes

from ..db import db

KIND = "tables"
_KEY = "kehoach_undo"
# Never part of an undo step: the steps themselves, the accounts, Alembic's bookkeeping.
_NOT_UNDONE = {"conference_revisions", "accounts", "alembic_version"}


# --------------------------------------------------------------------------- the schema


@dataclass
class _Schema:
    tables: dict[str, sa.Table]
    # tables holding one conference's rows (a conference_id column referring to conferences)
    per_conference: set[str]
    # table name -> the per-conference tables whose foreign keys refer to it (transitively)
    referring: dict[str, set[str]]
    # tables no foreign key refers to (their changed rows are deleted and inserted again,
    # which keeps unique constraints such as "one seat, one delegate" from tripping midway)
    leaves: set[str]
    order: list[str]  # parents before children
    # table name -> its optimistic-lock column (the mapper's version_id_col), where it has one
    versions: dict[str, str] = field(default_factory=dict)


_schema_cache: dict[int, _Schema] = {}


def _schema() -> _Schema:
    metadata = db.metadata
    cached = _schema_cache.get(id(metadata))
    if cached is not None and len(cached.tables) == len(metadata.tables):
        return cached
    tables = dict(metadata.tables)
    per_conference = {
        name
        for name, table in tables.items()
        if name not in _NOT_UNDONE
        and "conference_id" in table.c
        and any(fk.column.table.name == "conferences" for fk in table.c.conference_id.foreign_keys)
    }
    direct: dict[str, set[str]] = {name: set() for name in tables}
    referenced: set[str] = set()
    for name, table in tables.items():
        for fk in table.foreign_keys:
            target = fk.column.table.name
            referenced.add(target)
            if name in per_conference and target != "conferences":
                direct[target].add(name)
    referring: dict[str, set[str]] = {}
    for name in tables:
        seen: set[str] = set()
        todo = list(direct[name])
        while todo:
            child = todo.pop()
            if child not in seen:
                seen.add(child)
                todo.extend(direct[child])
        referring[name] = seen
    versions = {
        mapper.local_table.name: mapper.version_id_col.name
        for mapper in db.Model.registry.mappers
        if mapper.version_id_col is not None and mapper.local_table is not None
    }
    schema = _Schema(
        tables=tables,
        per_conference=per_conference,
        referring=referring,
        leaves={name for name in tables if name not in referenced},
        order=[t.name for t in metadata.sorted_tables],
        versions=versions,
    )
    _schema_cache[id(metadata)] = schema
    return schema


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    return value


def _decoder(column: sa.Column):
    kind = column.type
    if isinstance(kind, sa.DateTime):
        return dt.datetime.fromisoformat
    if isinstance(kind, sa.Date):
        return dt.date.fromisoformat
    if isinstance(kind, sa.Time):
        return dt.time.fromisoformat
    return None


def _pk_names(table: sa.Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


# --------------------------------------------------------------------------- taking a step


@dataclass
class _Step:
    revision: Any
    conference_id: int
    tables: dict[str, dict] = field(default_factory=dict)  # per-conference tables + conferences
    shared: dict[str, dict] = field(default_factory=dict)  # name -> {"columns", "rows": {pk: row}}
    changed: bool = True

    def document(self) -> dict:
        return {
            "conference_id": self.conference_id,
            "tables": self.tables,
            "shared": {
                name: {"columns": part["columns"], "rows": list(part["rows"].values())}
                for name, part in self.shared.items()
            },
        }

    def write(self) -> None:
        """Put what was kept into the revision's text (only when something was added)."""
        if self.changed:
            self.revision.snapshot = json.dumps(self.document(), ensure_ascii=False)
            self.changed = False


def open_step(session: Session, revision, conference_id: int) -> None:
    """From now on, keep each table's rows as the change first writes it (take_snapshot)."""
    close_step(session)
    revision.snapshot_kind = KIND
    step = _Step(revision=revision, conference_id=conference_id)
    step.write()
    session.info[_KEY] = step


def close_step(session: Session) -> None:
    step = session.info.pop(_KEY, None)
    if step is not None:
        step.write()


def _keep_table(session: Session, step: _Step, name: str) -> None:
    if name in step.tables:
        return
    table = _schema().tables[name]
    if name == "conferences":
        where = table.c.id == step.conference_id
    else:
        where = table.c.conference_id == step.conference_id
    rows = session.connection().execute(select(table).where(where))
    step.tables[name] = {
        "columns": [c.name for c in table.columns],
        "rows": [[_plain(v) for v in row] for row in rows],
    }
    step.changed = True


def _keep_shared(session: Session, step: _Step, name: str, where) -> None:
    table = _schema().tables[name]
    part = step.shared.setdefault(name, {"columns": [c.name for c in table.columns], "rows": {}})
    keys = _pk_names(table)
    index = [part["columns"].index(k) for k in keys]
    for row in session.connection().execute(select(table).where(where)):
        values = [_plain(v) for v in row]
        pk = json.dumps([values[i] for i in index])
        if pk not in part["rows"]:  # the first image is the one before the change
            part["rows"][pk] = values
            step.changed = True


def _touch(session: Session, step: _Step, name: str, how: str, where=None) -> None:
    """The change is about to write table `name` (`how`: insert, update, delete)."""
    schema = _schema()
    if name in _NOT_UNDONE or name not in schema.tables:
        return
    if name == "conferences":
        if how == "update":
            _keep_table(session, step, name)
        return
    if name in schema.per_conference:
        _keep_table(session, step, name)
    elif how in ("update", "delete") and where is not None:
        _keep_shared(session, step, name, where)
    if how == "delete":
        for child in schema.referring[name]:
            _keep_table(session, step, child)


@event.listens_for(Session, "before_flush")
def _before_flush(session, flush_context, instances) -> None:
    step = session.info.get(_KEY)
    if step is None:
        return
    for how, objects in (
        ("insert", session.new),
        ("update", [o for o in session.dirty if session.is_modified(o, include_collections=False)]),
        ("delete", session.deleted),
    ):
        for obj in list(objects):
            state = inspect(obj)
            table = state.mapper.local_table
            if table.name == "conferences" and state.identity != (step.conference_id,):
                continue
            where = None
            if how != "insert" and state.identity is not None:
                where = sa.and_(
                    *(
                        c == v
                        for c, v in zip(table.primary_key.columns, state.identity, strict=True)
                    )
                )
            _touch(session, step, table.name, how, where)
    step.write()


@event.listens_for(Session, "do_orm_execute")
def _before_bulk_write(orm_execute_state) -> None:
    step = orm_execute_state.session.info.get(_KEY)
    if step is None:
        return
    state = orm_execute_state
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    statement = state.statement
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    if name is None:
        return
    how = "insert" if state.is_insert else "update" if state.is_update else "delete"
    where = None
    if how != "insert":
        where = statement.whereclause if statement.whereclause is not None else sa.true()
    _touch(state.session, step, name, how, where)
    if step.changed:
        # written into the revision at the next flush (the commit's at the latest)
        attributes.flag_modified(step.revision, "snapshot")


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _end(session) -> None:
    session.info.pop(_KEY, None)


# --------------------------------------------------------------------------- undoing a step


def _decoded(table: sa.Table, part: dict) -> tuple[list[str], list[list]]:
    columns = [c for c in part["columns"] if c in table.c]  # a column dropped since: forgotten
    decoders = {c: _decoder(table.c[c]) for c in columns}
    positions = {c: i for i, c in enumerate(part["columns"])}
    rows = []
    for raw in part["rows"]:
        row = []
        for c in columns:
            value = raw[positions[c]]
            decode = decoders[c]
            row.append(decode(value) if decode is not None and value is not None else value)
        rows.append(row)
    return columns, rows


def _fresh_version(floor: int, *known: int | None) -> int:
    """A version no open form carries: above every version the row is known to have had, and at
    least `floor` (the clock in milliseconds at the undo; see the module's docstring)."""
    return max(floor, *(version + 1 for version in known if version is not None))


def _same(a: list, b: list, version_at: int | None) -> bool:
    """The same values, the version aside (a row the undone change did not write is left alone,
    its version with it)."""
    if version_at is None:
        return a == b
    return all(x == y for i, (x, y) in enumerate(zip(a, b, strict=True)) if i != version_at)


def restore(session: Session, conference_id: int, text: str) -> None:
    """Put back every table the step kept, row for row and id for id, each row put back under a
    version never seen (`_fresh_version`)."""
    close_step(session)
    session.flush()
    document = json.loads(text)
    schema = _schema()
    connection = session.connection()
    floor = int(time.time() * 1000)
    kept = {
        name: _decoded(schema.tables[name], part)
        for name, part in document.get("tables", {}).items()
        if name in schema.tables
    }
    order = [name for name in schema.order if name in kept]

    def where_of(table):
        if table.name == "conferences":
            return table.c.id == conference_id
        return table.c.conference_id == conference_id

    def key_of(columns, row, keys):
        return tuple(row[columns.index(k)] for k in keys)

    def version_at(name, columns):
        version = schema.versions.get(name)
        return columns.index(version) if version in columns else None

    # the versions the rows have now, before any is deleted below (a leaf's changed row is
    # deleted and inserted again: its new version must be above the one it has now)
    versions_now: dict[str, dict] = {}

    # 1. children first: rows the change added (and, in leaf tables, rows it changed) go
    for name in reversed(order):
        table = schema.tables[name]
        columns, rows = kept[name]
        keys = _pk_names(table)
        at = version_at(name, columns)
        wanted = {key_of(columns, row, keys): row for row in rows}
        current = connection.execute(select(*[table.c[c] for c in columns]).where(where_of(table)))
        gone = []
        seen = versions_now[name] = {}
        for row in current:
            row = list(row)
            key = key_of(columns, row, keys)
            if at is not None:
                seen[key] = row[at]
            if key not in wanted or (name in schema.leaves and not _same(wanted[key], row, at)):
                gone.append(key)
        _delete(connection, table, keys, gone)

    # 2. parents first: changed rows updated back, missing rows put back with their ids
    for position, name in enumerate(order):
        table = schema.tables[name]
        columns, rows = kept[name]
        keys = _pk_names(table)
        at = version_at(name, columns)
        current = {
            key_of(columns, list(row), keys): list(row)
            for row in connection.execute(
                select(*[table.c[c] for c in columns]).where(where_of(table))
            )
        }
        missing = []
        for row in rows:
            key = key_of(columns, row, keys)
            if key not in current:
                if at is not None:
                    row[at] = _fresh_version(floor, row[at], versions_now[name].get(key))
                missing.append(row)
            elif not _same(current[key], row, at):
                values = dict(zip(columns, row, strict=True))
                if at is not None:
                    values[columns[at]] = _fresh_version(floor, row[at], current[key][at])
                connection.execute(
                    table.update()
                    .where(*(table.c[k] == v for k, v in zip(keys, key, strict=True)))
                    .values(values)
                )
        if missing:
            _renumber_taken(connection, table, columns, missing, kept, order[position + 1 :])
            connection.execute(
                table.insert(), [dict(zip(columns, r, strict=True)) for r in missing]
            )

    # 3. shared rows (a hall's layout, a catalogue entry) back as they were
    for name, part in document.get("shared", {}).items():
        table = schema.tables.get(name)
        if table is None:
            continue
        columns, rows = _decoded(table, part)
        keys = _pk_names(table)
        at = version_at(name, columns)
        for row in rows:
            key = key_of(columns, row, keys)
            match = sa.and_(*(table.c[k] == v for k, v in zip(keys, key, strict=True)))
            now = connection.execute(select(*[table.c[c] for c in columns]).where(match)).first()
            if now is not None and _same(list(now), row, at):
                continue
            values = dict(zip(columns, row, strict=True))
            if at is not None:
                values[columns[at]] = _fresh_version(
                    floor, row[at], now[at] if now is not None else None
                )
            if now is not None:
                connection.execute(table.update().where(match).values(values))
            else:
                connection.execute(table.insert().values(values))
    session.expire_all()


def _delete(connection, table: sa.Table, keys: list[str], gone: list[tuple]) -> None:
    if not gone:
        return
    if len(keys) == 1:
        column = table.c[keys[0]]
        for start in range(0, len(gone), 500):
            chunk = [k[0] for k in gone[start : start + 500]]
            connection.execute(table.delete().where(column.in_(chunk)))
    else:
        for key in gone:
            connection.execute(
                table.delete().where(*(table.c[k] == v for k, v in zip(keys, key, strict=True)))
            )


def _renumber_taken(connection, table, columns, missing, kept, later) -> None:
    """A row to put back whose id another conference's row has taken since gets a new id; the
    kept rows of later tables that refer to it follow."""
    keys = _pk_names(table)
    if keys != ["id"] or "id" not in columns:
        return
    at = columns.index("id")
    ids = [row[at] for row in missing]
    taken = set()
    for start in range(0, len(ids), 500):
        taken.update(
            connection.execute(
                select(table.c.id).where(table.c.id.in_(ids[start : start + 500]))
            ).scalars()
        )
    if not taken:
        return
    top = connection.execute(select(sa.func.max(table.c.id))).scalar() or 0
    top = max(top, *ids)
    renumbered = {}
    for row in missing:
        if row[at] in taken:
            top += 1
            renumbered[row[at]] = top
            row[at] = top
    schema = _schema()
    for name in later:
        child = schema.tables[name]
        child_columns, child_rows = kept[name]
        for fk in child.foreign_keys:
            if fk.column.table is table and fk.parent.name in child_columns:
                i = child_columns.index(fk.parent.name)
                for row in child_rows:
                    if row[i] in renumbered:
                        row[i] = renumbered[row[i]]
