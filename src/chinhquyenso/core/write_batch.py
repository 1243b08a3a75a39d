"""Several inserts and updates sent to PostgreSQL as one statement.

A transition writes to five tables (the dossier, its events, the audit chain and its head, the portal outbox);
sent one by one that is five round trips, which dominate the cost of a write on a busy server. On PostgreSQL the
batch becomes a single statement of data-modifying ``WITH`` clauses; Django's foreign keys are deferred, so the
order of the clauses does not matter. Elsewhere (SQLite) the writes run one after the other, in the order queued.

Rows to insert must carry every value they need, primary keys included where others refer to them; only the ids
asked for (``set_ids``) are read back.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Model
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery, UpdateQuery

from chinhquyenso.core.prepared import prepared_cursor


class WriteBatch:
    def __init__(self, using: str = "default"):
        self.using = using
        self._writes: list[tuple[str, object]] = []

    @property
    def single_statement(self) -> bool:
        return connections[self.using].vendor == "postgresql"

    def insert(self, objs: list[Model], *, ignore_conflicts: bool = False, set_ids: bool = False) -> None:
        """Queues rows of one model. ``ignore_conflicts``: a row that breaks a unique constraint is skipped.
        ``set_ids``: the rows get the ids the database gives them (read back with the statement)."""
        if objs:
            self._writes.append(("insert", (list(objs), ignore_conflicts, set_ids)))

    def update(self, model: type[Model], pk, **values) -> None:
        self._writes.append(("update", (model, pk, values)))

    def execute(self) -> None:
        writes, self._writes = self._writes, []
        if not writes:
            return
        if not self.single_statement:
            for kind, args in writes:
                self._run_alone(kind, args)
            return
        clauses, params, returning = [], [], []
        for index, (kind, args) in enumerate(writes):
            sql, part = self._compile(kind, args)
            if kind == "insert" and args[2]:
                sql += f" RETURNING {connections[self.using].ops.quote_name(type(args[0][0])._meta.pk.column)}"
                returning.append(index)
            clauses.append(f"w{index} AS ({sql})")
            params.extend(part)
        # The ids asked for come back tagged with their clause, in insertion order within it.
        final = " UNION ALL ".join(f"SELECT {i}, * FROM w{i}" for i in returning) or "SELECT 1"  # noqa: S608
        with prepared_cursor(self.using) as cursor:
            cursor.execute(f"WITH {', '.join(clauses)} {final}", params)
            rows = cursor.fetchall() if returning else []
        ids: dict[int, list] = {}
        for index, pk in rows:
            ids.setdefault(index, []).append(pk)
        for index, (kind, args) in enumerate(writes):
            if kind == "insert":
                for position, obj in enumerate(args[0]):
                    if index in ids:
                        obj.pk = ids[index][position]
                    obj._state.adding, obj._state.db = False, self.using

    def _run_alone(self, kind: str, args) -> None:
        if kind == "insert":
            objs, ignore_conflicts, _set_ids = args  # bulk_create sets ids where the backend returns them
            type(objs[0])._base_manager.using(self.using).bulk_create(objs, ignore_conflicts=ignore_conflicts)
        else:
            model, pk, values = args
            model._base_manager.using(self.using).filter(pk=pk).update(**values)

    def _compile(self, kind: str, args) -> tuple[str, list]:
        connection = connections[self.using]
        if kind == "insert":
            objs, ignore_conflicts, _set_ids = args
            for obj in objs:
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
            return _insert_sql(connection, objs, ignore_conflicts)
        model, pk, values = args
        return _update_sql(connection, model, pk, values)


# Compiling a query costs Django more than the database spends running a small insert, and the text depends only
# on the write's shape (model, columns, one row or many: several rows go in as UNNEST arrays). Each shape is
# compiled once; later writes of that shape only convert their values. A shape is cached only after the values
# converted here were checked equal to the ones Django produced for it, so a field Django treats specially (a
# custom placeholder, an expression) keeps going through Django.
_shapes: dict[tuple, str | None] = {}


def _insert_sql(connection, objs: list[Model], ignore_conflicts: bool) -> tuple[str, list]:  # noqa: FBT001
    model = type(objs[0])
    with_pk = objs[0].pk is not None
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    key = ("insert", connection.alias, model, with_pk, ignore_conflicts, len(objs) > 1)
    rows = [[f.pre_save(obj, True) for f in fields] for obj in objs]  # pre_save fills auto_now fields
    plain = not _has_expression(value for row in rows for value in row)
    sql = _shapes.get(key)
    if sql is not None and plain:
        return sql, _insert_params(connection, fields, rows)
    query = InsertQuery(model, on_conflict=OnConflict.IGNORE if ignore_conflicts else None)
    query.insert_values(fields, objs)
    [(sql, django_params)] = query.get_compiler(connection=connection).as_sql()
    if plain and key not in _shapes:
        ours = _insert_params(connection, fields, [[getattr(obj, f.attname) for f in fields] for obj in objs])
        _shapes[key] = sql if _same(ours, list(django_params)) else None
    return sql, list(django_params)


def _insert_params(connection, fields, rows: list[list]) -> list:
    converted = [
        [field.get_db_prep_save(value, connection=connection) for field, value in zip(fields, row, strict=True)]
        for row in rows
    ]
    return [list(column) for column in zip(*converted, strict=True)] if len(rows) > 1 else converted[0]


def _update_sql(connection, model: type[Model], pk, values: dict) -> tuple[str, list]:
    key = ("update", connection.alias, model, tuple(values))
    plain = not _has_expression(values.values())
    sql = _shapes.get(key)
    if sql is not None and plain:
        return sql, _update_params(connection, model._meta, pk, values)
    query = UpdateQuery(model)
    query.add_update_values(values)
    query.add_filter("pk", pk)
    sql, django_params = query.get_compiler(connection=connection).as_sql()
    if plain and key not in _shapes:
        ours = _update_params(connection, model._meta, pk, values)
        _shapes[key] = sql if _same(ours, list(django_params)) else None
    return sql, list(django_params)


def _update_params(connection, meta, pk, values: dict) -> list:
    params = [meta.get_field(name).get_db_prep_save(value, connection=connection) for name, value in values.items()]
    params.append(meta.pk.get_db_prep_value(pk, connection=connection))
    return params


def _has_expression(values) -> bool:
    # An expression (F(), a function) is compiled into the SQL text itself: such a write always goes through
    # Django and never decides whether its shape can be cached.
    return any(hasattr(value, "resolve_expression") for value in values)


def _same(ours, django) -> bool:
    """Equal parameter lists; adapter wrappers (psycopg's Jsonb) compare by what they wrap."""
    if isinstance(ours, list) and isinstance(django, list | tuple):
        return len(ours) == len(django) and all(_same(a, b) for a, b in zip(ours, django, strict=True))
    if type(ours) is not type(django):
        return False
    return ours == django or (hasattr(ours, "obj") and ours.obj == django.obj)
