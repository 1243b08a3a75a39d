import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chinhquyenso.catalog.serialize import catalog_document
from chinhquyenso.catalog.services import catalog_import
from chinhquyenso.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Import or export the procedure catalogue in the chinhquyenso.catalog/1 JSON format."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument("file", nargs="?", help="JSON file to import; export writes to stdout without it")

    def handle(self, *args, **options):
        if options["action"] == "export":
            text = json.dumps(catalog_document(), ensure_ascii=False, indent=2)
            if options["file"]:
                Path(options["file"]).write_text(text + "\n", encoding="utf-8")
            else:
                sys.stdout.write(text + "\n")
            return
        if not options["file"]:
            raise CommandError("catalog import needs a FILE", returncode=2)
        try:
            document = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read {options['file']}: {error}", returncode=2) from None
        try:
            result = catalog_import(actor=None, document=document)
        except ApplicationError as error:
            lines = [str(error.message)] + [f"  {path}: {'; '.join(msgs)}" for path, msgs in error.fields.items()]
            raise CommandError("\n".join(lines), returncode=2) from None
        self.stdout.write(f"published {len(result.published)}, unchanged {len(result.unchanged)}")
