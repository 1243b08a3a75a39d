"""edXML packages (QCVN 102:2016/BTTTT, domain.md §4.9): build and read document and status packages.

Layout written (the form the Government Office's national axis accepts)::

    <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
      <edXML:edXMLEnvelope xmlns:edXML="…same namespace…">
        <edXML:edXMLHeader>
          <edXML:MessageHeader> From, To*, Code, PromulgationInfo, DocumentType, Subject, Content, SignerInfo,
                                DueDate, OtherInfo, SteeringType, DocumentId, ResponseFor? </edXML:MessageHeader>
            or <edXML:MessageStatus> ResponseFor, From, StatusCode, Description, Timestamp, StaffInfo </…>
          <edXML:TraceHeaderList> TraceHeader, Bussiness </edXML:TraceHeaderList>
        </edXML:edXMLHeader>
        <edXML:edXMLBody><edXML:edXMLManifest> Reference* </edXML:edXMLManifest></edXML:edXMLBody>
      </edXML:edXMLEnvelope>
      <AttachmentEncoded><Attachment> ContentType, ContentId, Description, ContentTransferEncoded, AttachmentName
      </Attachment>*</AttachmentEncoded>
    </edXML>

Strictness: every element inside the envelope must carry the ``edXML:`` prefix (the national axis rejects the
rest); dates are ``YYYY/MM/DD``; attachments are base64. ``read_package`` raises ``EdxmlError`` with a one-line
reason for anything else: not XML, a DTD, a wrong or missing prefix, a missing required element, bad base64, a
bad date or an unknown status code.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _
from lxml import etree

from chinhquyenso.core.errors import ApplicationError

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XLINK = "http://www.w3.org/1999/xlink"
PREFIX = "edXML"

STATUS_CODES = {
    "01": "arrived",
    "02": "rejected or returned",
    "03": "accepted",
    "04": "assigned",
    "05": "in process",
    "06": "completed",
    "13": "request to take back or recall",
    "15": "recall or update accepted",
    "16": "recall or update refused",
}
DOCUMENT_TYPE_OFFICIAL_LETTER = 18  # công văn, the SDK default
PRIORITY_NORMAL = 0
_DATE = re.compile(r"^(\d{4})/(\d{2})/(\d{2})$")
_TIMESTAMP = "%Y/%m/%d %H:%M:%S"


class EdxmlError(ApplicationError):
    status = 422
    code = "edxml_invalid"
    default_message = _("The edXML package is not valid.")


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes
    content_type: str = "application/octet-stream"
    description: str = ""


@dataclass(frozen=True)
class EdxmlDocument:
    """A document package: the metadata of one outgoing document and its files."""

    from_organ_id: str
    from_organ_name: str
    to_organ_ids: tuple[str, ...]
    code_number: str  # "05": numbers below 10 keep their leading zero
    code_notation: str  # "QĐ-UBND"
    promulgation_place: str
    promulgation_date: date
    document_type: int  # DocumentType/Type code; 18 = công văn
    subject: str
    signer_full_name: str
    signer_position: str
    document_id: str  # "{from organ},{YYYY/MM/DD},{number}/{notation}", see make_document_id
    due_date: date | None = None
    priority: int = PRIORITY_NORMAL
    document_type_name: str = ""
    signer_competence: str = ""  # TM., KT., TL., TUQ.
    content: str = ""
    response_for_document_id: str | None = None
    attachments: tuple[Attachment, ...] = field(default=())


@dataclass(frozen=True)
class EdxmlStatus:
    """A status package: what happened to a document at its recipient (codes 01–06, 13, 15, 16)."""

    from_organ_id: str
    from_organ_name: str
    response_for_organ_id: str  # the sender of the document, who receives this status
    response_for_code_number: str
    response_for_code_notation: str
    response_for_promulgation_date: date
    response_for_document_id: str
    status_code: str
    timestamp: datetime  # Vietnam local time, to the second
    description: str = ""
    staff_department: str = ""
    staff_name: str = ""


def make_document_id(from_organ_id: str, promulgation_date: date, code_number: str, code_notation: str) -> str:
    return f"{from_organ_id},{promulgation_date:%Y/%m/%d},{code_number}/{code_notation}"


# --- writing ---------------------------------------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _add(parent, name: str, text: str | None = None, **attributes: str):
    element = etree.SubElement(parent, _q(name), attributes)
    if text is not None:
        element.text = text
    return element


def _date_text(value: date) -> str:
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def _envelope():
    root = etree.Element(_q("edXML"), nsmap={None: NS})
    # The prefix is declared on the envelope, so everything inside it is written as edXML:…, and the
    # attachments after it stay unprefixed, as the axis expects.
    envelope = etree.SubElement(root, _q("edXMLEnvelope"), nsmap={PREFIX: NS, "xlink": XLINK})
    header = _add(envelope, "edXMLHeader")
    return root, envelope, header


def _organ(parent, name: str, organ_id: str, organ_name: str | None = None):
    organ = _add(parent, name)
    _add(organ, "OrganId", organ_id)
    if organ_name is not None:
        _add(organ, "OrganName", organ_name)
    return organ


def _trace(header, organ_id: str, at: datetime) -> None:
    traces = _add(header, "TraceHeaderList")
    trace = _add(traces, "TraceHeader")
    _add(trace, "OrganId", organ_id)
    _add(trace, "Timestamp", at.strftime(_TIMESTAMP))
    business = _add(traces, "Bussiness")  # sic: the standard's spelling
    _add(business, "BussinessDocType", "0")


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def write_package(document: EdxmlDocument, *, now: datetime | None = None) -> bytes:
    """The edXML document package of ``document``, attachments base64-encoded, as UTF-8 bytes."""
    if not document.to_organ_ids:
        raise EdxmlError(_("A document package needs at least one recipient organ."))
    root, envelope, header = _envelope()
    message = _add(header, "MessageHeader")
    _organ(message, "From", document.from_organ_id, document.from_organ_name)
    for organ_id in document.to_organ_ids:
        _organ(message, "To", organ_id)
    code = _add(message, "Code")
    _add(code, "CodeNumber", document.code_number)
    _add(code, "CodeNotation", document.code_notation)
    promulgation = _add(message, "PromulgationInfo")
    _add(promulgation, "Place", document.promulgation_place)
    _add(promulgation, "PromulgationDate", _date_text(document.promulgation_date))
    doc_type = _add(message, "DocumentType")
    _add(doc_type, "Type", str(document.document_type))
    _add(doc_type, "TypeName", document.document_type_name)
    _add(message, "Subject", document.subject)
    _add(message, "Content", document.content)
    signer = _add(message, "SignerInfo")
    _add(signer, "Competence", document.signer_competence)
    _add(signer, "Position", document.signer_position)
    _add(signer, "FullName", document.signer_full_name)
    if document.due_date is not None:
        _add(message, "DueDate", _date_text(document.due_date))
    other = _add(message, "OtherInfo")
    _add(other, "Priority", str(document.priority))
    _add(message, "SteeringType", "0")
    _add(message, "DocumentId", document.document_id)
    if document.response_for_document_id is not None:
        response = _add(message, "ResponseFor")
        _add(response, "DocumentId", document.response_for_document_id)
    _trace(header, document.from_organ_id, now or datetime.now())  # noqa: DTZ005 - the standard's local time

    manifest = _add(_add(envelope, "edXMLBody"), "edXMLManifest", version="1.0")
    encoded = etree.SubElement(root, _q("AttachmentEncoded"))
    for number, attachment in enumerate(document.attachments, start=1):
        content_id = str(number)
        reference = etree.SubElement(manifest, _q("Reference"), {f"{{{XLINK}}}href": f"cid:{content_id}"})
        _add(reference, "AttachmentName", attachment.name)
        _add(reference, "ContentType", attachment.content_type)
        _add(reference, "ContentId", content_id)
        _add(reference, "Description", attachment.description)
        item = etree.SubElement(encoded, _q("Attachment"))
        for name, value in (
            ("ContentType", attachment.content_type),
            ("ContentId", content_id),
            ("Description", attachment.description),
            ("ContentTransferEncoded", base64.b64encode(attachment.content).decode("ascii")),
            ("AttachmentName", attachment.name),
        ):
            etree.SubElement(item, _q(name)).text = value
    return _serialise(root)


def write_status(status: EdxmlStatus) -> bytes:
    """The edXML status package of ``status``."""
    if status.status_code not in STATUS_CODES:
        raise EdxmlError(_("Unknown status code %(code)s.") % {"code": status.status_code})
    root, envelope, header = _envelope()
    message = _add(header, "MessageStatus")
    response = _organ(message, "ResponseFor", status.response_for_organ_id)
    code = _add(response, "Code")
    _add(code, "CodeNumber", status.response_for_code_number)
    _add(code, "CodeNotation", status.response_for_code_notation)
    _add(response, "PromulgationDate", _date_text(status.response_for_promulgation_date))
    _add(response, "DocumentId", status.response_for_document_id)
    _organ(message, "From", status.from_organ_id, status.from_organ_name)
    _add(message, "StatusCode", status.status_code)
    _add(message, "Description", status.description)
    _add(message, "Timestamp", status.timestamp.strftime(_TIMESTAMP))
    staff = _add(message, "StaffInfo")
    _add(staff, "Department", status.staff_department)
    _add(staff, "Staff", status.staff_name)
    _trace(header, status.from_organ_id, status.timestamp)
    _add(_add(envelope, "edXMLBody"), "edXMLManifest", version="1.0")
    return _serialise(root)


# --- reading ---------------------------------------------------------------------------------------------------


def _fail(message, **values):
    raise EdxmlError(message % values if values else message)


def _parse(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        _fail(_("Not well-formed XML: %(error)s"), error=str(error).splitlines()[0] if str(error) else "")
    if root.getroottree().docinfo.doctype:
        _fail(_("A document type declaration (DTD) is not allowed in an edXML package."))
    return root


def _check_prefixes(envelope) -> None:
    for element in envelope.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        local = etree.QName(element).localname
        if etree.QName(element).namespace != NS:
            _fail(_("Element %(name)s is not in the edXML namespace."), name=local)
        if element.prefix != PREFIX:
            _fail(_("Element %(name)s must carry the edXML: prefix."), name=local)


class _Reader:
    def __init__(self, context):
        self.context = context

    @staticmethod
    def _path(path: str) -> str:
        return "/".join(f"{{{NS}}}{part}" for part in path.split("/"))

    def element(self, path: str, *, required: bool = True):
        found = self.context.find(self._path(path))
        if found is None and required:
            _fail(_("Required element %(path)s is missing."), path=path)
        return found

    def text(self, path: str, *, required: bool = True) -> str | None:
        found = self.element(path, required=required)
        if found is None:
            return None
        value = found.text or ""
        if required and value == "":
            _fail(_("Required element %(path)s is empty."), path=path)
        return value

    def date(self, path: str, *, required: bool = True) -> date | None:
        value = self.text(path, required=required)
        if value is None:
            return None
        match = _DATE.match(value)
        try:
            if not match:
                raise ValueError
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            _fail(_("%(path)s is not a date in YYYY/MM/DD form: %(value)s"), path=path, value=value[:40])

    def integer(self, path: str, *, required: bool = True, default: int = 0) -> int:
        value = self.text(path, required=required)
        if value is None or value == "":
            return default
        if not re.fullmatch(r"[0-9]{1,4}", value):
            _fail(_("%(path)s must be a whole number: %(value)s"), path=path, value=value[:40])
        return int(value)


def _attachments(root, envelope) -> tuple[Attachment, ...]:
    references = envelope.findall(f"{{{NS}}}edXMLBody/{{{NS}}}edXMLManifest/{{{NS}}}Reference")
    encoded = root.find(f"{{{NS}}}AttachmentEncoded")
    items = [] if encoded is None else encoded.findall(f"{{{NS}}}Attachment")
    for child in [encoded, *items] if encoded is not None else []:
        if child.prefix is not None:
            _fail(_("AttachmentEncoded and its content are written without a prefix."))
    if len(references) != len(items):
        _fail(
            _("The manifest lists %(refs)d attachments but the package carries %(items)d."),
            refs=len(references),
            items=len(items),
        )
    attachments = []
    for number, item in enumerate(items, start=1):
        reader = _Reader(item)
        name = reader.text("AttachmentName")
        raw = reader.text("ContentTransferEncoded", required=False) or ""
        try:
            content = base64.b64decode("".join(raw.split()), validate=True)
        except (binascii.Error, ValueError):
            _fail(_("Attachment %(number)d (%(name)s) is not valid base64."), number=number, name=name[:60])
        attachments.append(
            Attachment(
                name=name,
                content=content,
                content_type=reader.text("ContentType", required=False) or "application/octet-stream",
                description=reader.text("Description", required=False) or "",
            )
        )
    return tuple(attachments)


def read_package(data: bytes) -> EdxmlDocument | EdxmlStatus:
    """Parse an edXML document or status package strictly; ``EdxmlError`` with a one-line reason otherwise."""
    root = _parse(data)
    if root.tag != _q("edXML"):
        _fail(_("The root element must be edXML in the namespace %(ns)s."), ns=NS)
    envelope = root.find(_q("edXMLEnvelope"))
    if envelope is None:
        if any(etree.QName(child).localname == "edXMLEnvelope" for child in root if isinstance(child.tag, str)):
            _fail(_("Element edXMLEnvelope is not in the edXML namespace."))
        _fail(_("Required element edXMLEnvelope is missing."))
    _check_prefixes(envelope)
    header = _Reader(envelope).element("edXMLHeader")
    message = header.find(_q("MessageHeader"))
    if message is not None:
        return _read_document(root, envelope, _Reader(message))
    status = header.find(_q("MessageStatus"))
    if status is not None:
        return _read_status(_Reader(status))
    _fail(_("Required element edXMLHeader/MessageHeader (or MessageStatus) is missing."))


def _read_document(root, envelope, r: _Reader) -> EdxmlDocument:
    to_organs = r.context.findall(_q("To"))
    if not to_organs:
        _fail(_("Required element To is missing."))
    to_ids = tuple(_Reader(organ).text("OrganId") for organ in to_organs)
    response_for = r.text("ResponseFor/DocumentId", required=False)
    return EdxmlDocument(
        from_organ_id=r.text("From/OrganId"),
        from_organ_name=r.text("From/OrganName"),
        to_organ_ids=to_ids,
        code_number=r.text("Code/CodeNumber"),
        code_notation=r.text("Code/CodeNotation"),
        promulgation_place=r.text("PromulgationInfo/Place"),
        promulgation_date=r.date("PromulgationInfo/PromulgationDate"),
        document_type=r.integer("DocumentType/Type"),
        document_type_name=r.text("DocumentType/TypeName", required=False) or "",
        subject=r.text("Subject"),
        content=r.text("Content", required=False) or "",
        signer_competence=r.text("SignerInfo/Competence", required=False) or "",
        signer_position=r.text("SignerInfo/Position"),
        signer_full_name=r.text("SignerInfo/FullName"),
        due_date=r.date("DueDate", required=False),
        priority=r.integer("OtherInfo/Priority", required=False, default=PRIORITY_NORMAL),
        document_id=r.text("DocumentId"),
        response_for_document_id=response_for,
        attachments=_attachments(root, envelope),
    )


def _read_status(r: _Reader) -> EdxmlStatus:
    code = r.text("StatusCode")
    if code not in STATUS_CODES:
        _fail(_("Unknown status code %(code)s (known: %(known)s)."), code=code[:10], known=", ".join(STATUS_CODES))
    stamp = r.text("Timestamp")
    try:
        timestamp = datetime.strptime(stamp, _TIMESTAMP)  # noqa: DTZ007 - the standard's local time, no zone
    except ValueError:
        _fail(_("Timestamp is not in yyyy/MM/dd HH:mm:ss form: %(value)s"), value=stamp[:40])
    return EdxmlStatus(
        from_organ_id=r.text("From/OrganId"),
        from_organ_name=r.text("From/OrganName"),
        response_for_organ_id=r.text("ResponseFor/OrganId"),
        response_for_code_number=r.text("ResponseFor/Code/CodeNumber"),
        response_for_code_notation=r.text("ResponseFor/Code/CodeNotation"),
        response_for_promulgation_date=r.date("ResponseFor/PromulgationDate"),
        response_for_document_id=r.text("ResponseFor/DocumentId"),
        status_code=code,
        timestamp=timestamp,
        description=r.text("Description", required=False) or "",
        staff_department=r.text("StaffInfo/Department", required=False) or "",
        staff_name=r.text("StaffInfo/Staff", required=False) or "",
    )


def package_summary(package: EdxmlDocument | EdxmlStatus) -> dict:
    """The flat JSON view printed by ``chinhquyenso edxml read`` (dates as YYYY-MM-DD, null where absent)."""
    if isinstance(package, EdxmlDocument):
        return {
            "kind": "document",
            "from_organ_id": package.from_organ_id,
            "from_organ_name": package.from_organ_name,
            "to_organ_ids": list(package.to_organ_ids),
            "code_number": package.code_number,
            "code_notation": package.code_notation,
            "promulgation_place": package.promulgation_place,
            "promulgation_date": package.promulgation_date.isoformat(),
            "document_type": package.document_type,
            "subject": package.subject,
            "signer_full_name": package.signer_full_name,
            "signer_position": package.signer_position,
            "due_date": package.due_date.isoformat() if package.due_date else None,
            "priority": package.priority,
            "document_id": package.document_id,
            "attachment_names": [a.name for a in package.attachments],
            "status_code": None,
            "response_for_document_id": package.response_for_document_id,
        }
    return {
        "kind": "status",
        "from_organ_id": package.from_organ_id,
        "from_organ_name": package.from_organ_name,
        "to_organ_ids": [package.response_for_organ_id],
        "code_number": package.response_for_code_number,
        "code_notation": package.response_for_code_notation,
        "promulgation_place": None,
        "promulgation_date": package.response_for_promulgation_date.isoformat(),
        "document_type": None,
        "subject": None,
        "signer_full_name": None,
        "signer_position": None,
        "due_date": None,
        "priority": None,
        "document_id": None,
        "attachment_names": [],
        "status_code": package.status_code,
        "response_for_document_id": package.response_for_document_id,
    }
