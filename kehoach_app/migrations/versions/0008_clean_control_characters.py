"""control characters out of every stored text

Revision ID: 0008
Revises: 0007

Issue 18: the forms accepted NUL and the vertical tab (Word's soft line break, pasted), which an
.xlsx or .docx cannot hold — the delegates workbook answered 500 until the row was fixed. The
forms now strip them; this cleans what was saved before, in every text column of every table,
by the forms' rule (kept here, not imported: a migration must not change with later code): the
line-like ones (\\v, \\f, NEL, U+2028, U+2029) become a line break in a long text (TEXT) and a
space in a short one (VARCHAR); every other C0/C1 control except tab, line feed and carriage
return is removed.
"""
import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_LINE_LIKE = re.compile('[\x0b\x0c\x85\u2028\u2029]')
_CONTROL = re.compile('[\x00-\x08\x0e-\x1f\x7f-\x9f]')
_ANY = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]')


def _clean(text, multiline):
    return _CONTROL.sub('', _LINE_LIKE.sub('\n' if multiline else ' ', text))


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def upgrade():
    connection = op.get_bind()
    tables = [
        row[0]
        for row in connection.execute(
            sa.text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name <> 'alembic_version'"
            )
        )
    ]
    for table in tables:
        columns = {
            row[1]: (row[2] or '').upper()
            for row in connection.execute(sa.text(f'PRAGMA table_info({_quote(table)})'))
        }
        texts = [
            name for name, kind in columns.items()
            if any(word in kind for word in ('CHAR', 'TEXT', 'CLOB'))
        ]
        if not texts:
            continue
        listed = ', '.join(_quote(name) for name in texts)
        rows = connection.execute(sa.text(f'SELECT rowid, {listed} FROM {_quote(table)}'))
        changes = []
        for row in rows:
            values = {}
            for name, value in zip(texts, row[1:], strict=True):
                if isinstance(value, str) and _ANY.search(value):
                    values[name] = _clean(value, multiline='TEXT' in columns[name])
            if values:
                changes.append((row[0], values))
        for rowid, values in changes:
            assignments = ', '.join(f'{_quote(name)} = :v{i}' for i, name in enumerate(values))
            parameters = {f'v{i}': value for i, value in enumerate(values.values())}
            parameters['rowid'] = rowid
            connection.execute(
                sa.text(f'UPDATE {_quote(table)} SET {assignments} WHERE rowid = :rowid'),
                parameters,
            )


def downgrade():
    pass  # the characters removed carried no meaning; nothing to put back
