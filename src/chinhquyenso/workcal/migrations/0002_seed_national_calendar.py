"""Stores the national days off and make-up working days of 2000–2060 (from the pinned holidays.VN) as
version 1 of the national calendar, so deadlines never depend on a library upgrade."""

from django.db import migrations


def seed(apps, schema_editor):
    from chinhquyenso.workcal.seed import seed_days

    CalendarDay = apps.get_model("workcal", "CalendarDay")
    CalendarVersion = apps.get_model("workcal", "CalendarVersion")
    if CalendarVersion.objects.filter(agency__isnull=True).exists():
        return
    days = seed_days(range(2000, 2061))
    CalendarDay.objects.bulk_create(
        [CalendarDay(agency=None, day=d.date, kind=d.kind, name=d.name, legal_basis="holidays.VN") for d in days]
    )
    CalendarVersion.objects.create(
        agency=None,
        number=1,
        reason="seeded from holidays.VN",
        snapshot={"days": [[d.date.isoformat(), d.kind, d.name] for d in days], "sessions": None},
    )


def unseed(apps, schema_editor):
    apps.get_model("workcal", "CalendarVersion").objects.filter(agency__isnull=True, number=1).delete()
    apps.get_model("workcal", "CalendarDay").objects.filter(agency__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("workcal", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
