from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

FORMS = ("01", "02", "03", "04", "05", "06")


class Command(BaseCommand):
    help = (
        "Printed one-stop forms. `printing sample --form 01 --out x.pdf` writes a form filled with sample data; "
        "`printing bench` times the rendering."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sample", "bench"])
        parser.add_argument("--form", choices=FORMS, default="01", help="form number, 01 to 06")
        parser.add_argument("--out", help="PDF file to write (sample)")
        parser.add_argument("--rows", type=int, default=40, help="register rows for form 06 (sample)")
        parser.add_argument("--repeats", type=int, default=20, help="Form 01 renders to time (bench)")

    def handle(self, *args, **options):
        # Imported here: WeasyPrint is slow to import and other commands should not pay for it.
        if options["action"] == "bench":
            from chinhquyenso.printing.benchmark import report, run

            self.stdout.write("\n".join(report(run(options["repeats"]))))
            return
        from dataclasses import replace

        from chinhquyenso.printing.render import render
        from chinhquyenso.printing.samples import sample_form, sample_register_rows

        if not options["out"]:
            raise CommandError("printing sample needs --out FILE.pdf", returncode=2)
        data = sample_form(options["form"])
        if options["form"] == "06":
            data = replace(data, rows=sample_register_rows(max(1, options["rows"])))
        pdf = render(data)
        try:
            Path(options["out"]).write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"cannot write {options['out']}: {error}", returncode=2) from None
        self.stdout.write(f"wrote {options['out']} ({len(pdf)} bytes)")
