import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chinhquyenso.catalog.serialize import catalog_document
from chinhquyenso.catalog.services import catalog_import, catalog_import_workbook
from chinhquyenso.catalog.spreadsheet import workbook_bytes
from chinhquyenso.core.errors import ApplicationError


def _format(options) -> str:
    if options["format"]:
        return options["format"]
    return "xlsx" if options["file"] and options["file"].lower().endswith(".xlsx") else "json"


class Command(BaseCommand):
    help = (
        "Import or export the procedure catalogue: the chinhquyenso.catalog/1 JSON format, or an Excel workbook "
        "(chosen by --format or by a .xlsx file name)."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # "import --format xlsx FILE": plain argparse would give the optional FILE up before seeing it.
        parser.parse_args = parser.parse_intermixed_args
        return parser

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument("file", nargs="?", help="file to import; export writes JSON to stdout without it")
        parser.add_argument("--format", choices=["json", "xlsx"], help="default: xlsx for a .xlsx file, else json")

    def handle(self, *args, **options):
        kind = _format(options)
        if options["action"] == "export":
            self._export(options["file"], kind)
            return
        if not options["file"]:
            raise CommandError("catalog import needs a FILE", returncode=2)
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {options['file']}: {error}", returncode=2) from None
        try:
            if kind == "xlsx":
                result = catalog_import_workbook(actor=None, data=data)
            else:
                try:
                    document = json.loads(data.decode("utf-8"))
                except ValueError as error:
                    raise CommandError(f"cannot read {options['file']}: {error}", returncode=2) from None
                result = catalog_import(actor=None, document=document)
        except ApplicationError as error:
            lines = [str(error.message)] + [f"  {path}: {'; '.join(msgs)}" for path, msgs in error.fields.items()]
            raise CommandError("\n".join(lines), returncode=2) from None
        self.stdout.write(f"published {len(result.published)}, unchanged {len(result.unchanged)}")

    def _export(self, file, kind):
        if kind == "xlsx":
            if not file:
                raise CommandError("an Excel export needs a FILE", returncode=2)
            Path(file).write_bytes(workbook_bytes(catalog_document()))
            return
        text = json.dumps(catalog_document(), ensure_ascii=False, indent=2)
        if file:
            Path(file).write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
