"""A whole work file exported to PDF (WeasyPrint) and to XML, its documents in chronological order.

The XML uses the App. VI Part II element names (FileCode, DocOrdinal, TypeName, CodeNumber …). The PDF has the
file's metadata, its index and one section per document with its metadata and trail; each document's own files
are embedded in the PDF as attachments, so the export is the whole file.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from xml.etree import ElementTree as ET

from django.template.loader import render_to_string
from django.utils import timezone

from chinhquyenso.documents.models import OutgoingDocument, WorkFile

# Liberation Serif 2.x has every Vietnamese letter and the metrics of Times New Roman (App. I's font).
FONT_FAMILY = '"Liberation Serif", "Times New Roman", serif'


def document_day(document) -> date | None:
    if isinstance(document, OutgoingDocument):
        return document.issued_date or timezone.localdate(document.created_at)
    return document.arrival_date or document.issued_date or timezone.localdate(document.created_at)


def _moment(document):
    when = document.numbered_at if isinstance(document, OutgoingDocument) else document.arrived_at
    return (document_day(document), when or document.created_at, document.pk)


def documents_in_order(work_file: WorkFile) -> list:
    entries = work_file.entries.select_related("outgoing", "incoming").order_by("ordinal")
    documents = [entry.outgoing or entry.incoming for entry in entries]
    return sorted(documents, key=_moment)


def _text(parent, tag: str, value) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if value is None:
        return element
    element.text = value.isoformat() if isinstance(value, date) else str(value)
    return element


def _file_code(parent, work_file: WorkFile) -> None:
    code = ET.SubElement(parent, "FileCode")
    _text(code, "OrganId", work_file.catalogue.agency.identifier)
    _text(code, "FileCatalog", work_file.catalogue.year)
    _text(code, "FileNotation", work_file.code)


def work_file_xml(work_file: WorkFile) -> bytes:
    documents = documents_in_order(work_file)
    root = ET.Element("WorkFile")
    _file_code(root, work_file)
    for tag, value in (
        ("Title", work_file.title),
        ("Maintenance", work_file.maintenance),
        ("Rights", work_file.rights),
        ("Creator", work_file.creator),
        ("Language", work_file.language),
        ("StartDate", work_file.start_date),
        ("EndDate", work_file.end_date),
        ("DocTotal", len(documents)),
        ("PageTotal", sum(d.page_amount or 0 for d in documents)),
        ("Description", work_file.description),
    ):
        _text(root, tag, value)
    listing = ET.SubElement(root, "Documents")
    for ordinal, document in enumerate(documents, start=1):
        outgoing = isinstance(document, OutgoingDocument)
        item = ET.SubElement(listing, "Document", direction="outgoing" if outgoing else "incoming")
        _file_code(item, work_file)
        for tag, value in (
            ("DocOrdinal", ordinal),
            ("TypeName", document.type_name),
            ("CodeNumber", document.number),
            ("CodeNotation", document.notation),
            ("IssuedDate", document.issued_date),
            ("OrganName", document.organ_name),
            ("Subject", document.subject),
            ("Language", document.language),
            ("PageAmount", document.page_amount),
            ("Description", document.description),
        ):
            _text(item, tag, value)
        signer = ET.SubElement(item, "SignerInfo")
        _text(signer, "Position", document.signer_position)
        _text(signer, "FullName", document.signer_full_name)
        if outgoing:
            for recipient in document.recipients.all():
                to = ET.SubElement(item, "To")
                _text(to, "OrganId", recipient.organ_id)
                _text(to, "OrganName", recipient.organ_name)
            _text(item, "Priority", document.priority)
            _text(item, "IssuedAmount", document.issued_amount)
        else:
            _text(item, "ArrivalDate", document.arrival_date)
            _text(item, "ArrivalNumber", document.arrival_number)
            _text(item, "Priority", document.priority)
            _text(item, "ToPlaces", document.to_places)
            _text(item, "TraceHeaderList", document.trace_header_list)
        _text(item, "DueDate", document.due_date)
        files = ET.SubElement(item, "Files")
        for stored in document.files.all().only("name", "sha256", "content_type", "size", "kind"):
            ET.SubElement(
                files,
                "File",
                name=stored.name,
                kind=stored.kind,
                contentType=stored.content_type,
                size=str(stored.size),
                sha256=stored.sha256,
            )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def work_file_pdf(work_file: WorkFile) -> bytes:
    from weasyprint import HTML, Attachment  # heavy import, only when a PDF is asked for

    documents = documents_in_order(work_file)
    sections = []
    attachments = []
    for ordinal, document in enumerate(documents, start=1):
        files = list(document.files.all())
        sections.append(
            {
                "ordinal": ordinal,
                "document": document,
                "outgoing": isinstance(document, OutgoingDocument),
                "day": document_day(document),
                "events": list(document.events.all()),
                "files": files,
            }
        )
        for stored in files:
            attachments.append(
                Attachment(
                    file_obj=BytesIO(bytes(stored.content)),
                    name=f"{ordinal:03d}-{stored.name}",
                    description=f"{document.number_notation or document.subject[:80]} — {stored.get_kind_display()}",
                )
            )
    html = render_to_string(
        "documents/work_file_pdf.html",
        {
            "work_file": work_file,
            "sections": sections,
            "page_total": sum(d.page_amount or 0 for d in documents),
            "font_family": FONT_FAMILY,
            "printed_at": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf(attachments=attachments)
