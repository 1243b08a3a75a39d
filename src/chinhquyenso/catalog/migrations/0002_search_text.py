from django.db import migrations, models

from chinhquyenso.catalog.search import fold


def fill_search_text(apps, schema_editor):
    ProcedureVersion = apps.get_model("catalog", "ProcedureVersion")
    for version in ProcedureVersion.objects.select_related("procedure").iterator(chunk_size=500):
        version.search_text = fold(f"{version.procedure.national_code} {version.name}")
        version.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedureversion",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
