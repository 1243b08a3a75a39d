"""Seeds the document types and, on PostgreSQL, the diacritic-insensitive search: the ``unaccent`` and
``pg_trgm`` extensions and GIN trigram indexes on the folded ``search_text`` columns."""

from django.db import migrations


def seed_types(apps, schema_editor):
    from chinhquyenso.documents.seed import ensure_document_types

    ensure_document_types(apps.get_model("documents", "DocumentType"))


def postgres_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches the same folded column with a plain LIKE
    for statement in (
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX IF NOT EXISTS outgoing_search_trgm ON documents_outgoingdocument "
        "USING gin (search_text gin_trgm_ops)",
        "CREATE INDEX IF NOT EXISTS incoming_search_trgm ON documents_incomingdocument "
        "USING gin (search_text gin_trgm_ops)",
    ):
        schema_editor.execute(statement)


def drop_postgres_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS outgoing_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS incoming_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.RunPython(seed_types, migrations.RunPython.noop),
        migrations.RunPython(postgres_search, drop_postgres_search),
    ]
