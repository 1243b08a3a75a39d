"""Excel import/export of the catalogue at the size of a province's catalogue, against the JSON format.

.venv/bin/python bench/catalog_workbook.py [procedures]      (default 2000; no database needed)

Builds a document of N procedures by repeating the demo catalogue under new codes, then times writing the
workbook and reading it back through the cleaner, and the same trip through JSON as the baseline. Prints both
and their ratio; the machine is shared, so compare ratios rather than seconds.
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chinhquyenso.conf.settings")


def _timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main(count: int) -> list[str]:
    import django

    django.setup()
    from chinhquyenso.catalog.demo.loader import demo_document
    from chinhquyenso.catalog.exchange import clean_document
    from chinhquyenso.catalog.spreadsheet import workbook_bytes, workbook_document

    demo = demo_document()
    procedures = [
        {**demo["procedures"][i % len(demo["procedures"])], "national_code": f"{i % 9 + 1}.{i:06d}"}
        for i in range(count)
    ]
    document = {"format": demo["format"], "fields": demo["fields"], "procedures": procedures}
    data, write = _timed(lambda: workbook_bytes(document))
    back, read = _timed(lambda: workbook_document(data))
    assert back["procedures"] == procedures, "the workbook did not give the document back"
    text, json_write = _timed(lambda: json.dumps(document, ensure_ascii=False))
    _result, json_read = _timed(lambda: clean_document(json.loads(text)))
    rows = sum(1 + len(p["components"]) + len(p["fees"]) + len(p["steps"]) + len(p["eform"]) for p in procedures)
    return [
        f"catalogue workbook: {count} procedures, {rows} rows, {len(data) / 1e6:.1f} MB",
        f"  write {write:.2f} s, read and check {read:.2f} s",
        f"  JSON baseline: write {json_write:.2f} s, read and check {json_read:.2f} s",
        f"  ratio to JSON: write x{write / json_write:.0f}, read x{read / json_read:.1f}",
    ]


if __name__ == "__main__":
    print("\n".join(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
