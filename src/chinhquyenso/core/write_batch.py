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
        with connections[self.using].cursor() as cursor:
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
        if kind == "insert":
            objs, ignore_conflicts, _set_ids = args
            model = type(objs[0])
            for obj in objs:
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
            meta = model._meta
            fields = [f for f in meta.concrete_fields if not (f.primary_key and objs[0].pk is None)]
            query = InsertQuery(model, on_conflict=OnConflict.IGNORE if ignore_conflicts else None)
            query.insert_values(fields, objs)
            [(sql, params)] = query.get_compiler(using=self.using).as_sql()
            return sql, list(params)
        model, pk, values = args
        query = UpdateQuery(model)
        query.add_update_values(values)
        query.add_filter("pk", pk)
        sql, params = query.get_compiler(using=self.using).as_sql()
        return sql, list(params)
