"""PAdES B-T signatures on PDF documents, placed as Decree 30/2020 App. I says.

``sign_pdf`` adds one signature as an incremental update, so earlier signatures stay valid:

* ``PERSONAL`` — the competent official's signature with the blue signature image in ``box`` (the space between
  the position title and the name; default: the usual signature block area of the last page);
* ``ORGANISATION`` — the agency's signature with its red seal at real size over the left third of the personal
  signature image (found in the PDF; ``box`` overrides);
* ``ATTACHMENT`` — the agency's text-only stamp at the top right of page 1 of an attachment in a separate file:
  number and symbol of the main document, the agency, the signing time in ISO 8601 (Times New Roman 10, black);
* ``COPY`` — the same text-only stamp on an electronic copy: copy type (SAO Y, SAO LỤC, TRÍCH SAO), agency, time.

Every signature is a CAdES-detached CMS (``ETSI.CAdES.detached``) with SHA-256, RSASSA-PSS and a signature
timestamp from the configured TSA (PAdES B-T). The signer's certificate is checked against the trust roots before
signing (``check_signer=False`` skips that, for tests that need a signature from an unknown CA).
"""

from __future__ import annotations

import contextlib
import io
import logging
from datetime import datetime
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageFont
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.stamp import StaticStampStyle, TextStampStyle
from pyhanko_certvalidator.errors import PathError, ValidationError

from chinhquyenso.signing.credentials import AGENCY, PERSON, SigningIdentity
from chinhquyenso.signing.errors import NotAPdf, SigningError, TimestampUnavailable
from chinhquyenso.signing.event_loop import outside_event_loop
from chinhquyenso.signing.fonts import StampFontFactory, font_path
from chinhquyenso.signing.placement import Box, default_signature_box, seal_box, top_right_box
from chinhquyenso.signing.trust import validation_context
from chinhquyenso.signing.tsa import timestamper_from_settings

logger = logging.getLogger(__name__)
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CERTIFICATE_ERRORS = (PathError, ValidationError)
FIELD_PREFIX = "CQS"
STAMP_FONT_SIZE = 10
STAMP_LEADING = 12
STAMP_PADDING = 2
# Room for the CMS: two certificates, the signature and a timestamp token carrying the TSA's chain come to about
# 8 KB; a fixed reservation spares pyHanko a trial signature to estimate it.
BYTES_RESERVED = 16384


class SignatureKind(StrEnum):
    PERSONAL = "personal"
    ORGANISATION = "organisation"
    ATTACHMENT = "attachment"
    COPY = "copy"


COPY_TYPES = ("SAO Y", "SAO LỤC", "TRÍCH SAO")


def _reader(pdf_bytes: bytes) -> PdfFileReader:
    if not pdf_bytes.startswith(b"%PDF-"):
        raise NotAPdf()
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        reader.root  # noqa: B018 - parses the trailer and catalogue now
        return reader
    except (PdfError, ValueError, KeyError, IndexError):
        raise NotAPdf() from None


def _page_size(reader: PdfFileReader, page: int) -> tuple[float, float]:
    media_box = reader.find_page_for_modification(page)[0].get_object()
    x1, y1, x2, y2 = (float(v) for v in _inherited(media_box, "/MediaBox"))
    return x2 - x1, y2 - y1


def _inherited(page, key):
    node = page
    while node is not None:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return [0, 0, 595.28, 841.89]


def signature_fields(reader: PdfFileReader) -> list[tuple[str, int, Box]]:
    """Every visible signature widget of the document: (field name, page index, rectangle), in page order."""
    found = []
    for index in range(int(reader.root["/Pages"]["/Count"])):
        page = reader.find_page_for_modification(index)[0].get_object()
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            parent = annot["/Parent"].get_object() if "/Parent" in annot else {}
            field_type = annot.get("/FT") or parent.get("/FT")
            if annot.get("/Subtype") != "/Widget" or field_type != "/Sig":
                continue
            name = annot.get("/T") or parent.get("/T")
            x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
            if x1 != x2 and y1 != y2:
                found.append((str(name), index, Box(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))))
    return found


def _field_name(reader: PdfFileReader, kind: SignatureKind) -> str:
    existing = {name for name, _page, _box in signature_fields(reader)}
    with contextlib.suppress(PdfError, KeyError):
        existing |= {name for name, _value, _ref in fields.enumerate_sig_fields(reader, filled_status=None)}
    number = 1
    while f"{FIELD_PREFIX}_{kind}_{number}" in existing:
        number += 1
    return f"{FIELD_PREFIX}_{kind}_{number}"


@cache
def _stamp_font() -> StampFontFactory:
    return StampFontFactory(str(font_path()), font_size=STAMP_FONT_SIZE)


@cache
def _measure_font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), 1000)


def _text_width(line: str) -> float:
    return _measure_font().getlength(line) * STAMP_FONT_SIZE / 1000


def stamp_time(moment: datetime | None = None) -> str:
    """Signing time as App. I wants it: Vietnam time in ISO 8601, to the second (2026-03-05T09:15:30+07:00)."""
    return (moment or datetime.now(VN_TZ)).astimezone(VN_TZ).isoformat(timespec="seconds")


def _image(png: bytes | None, what: str) -> PdfImage:
    if not png:
        raise SigningError(_("No %(what)s image is on file for this signer.") % {"what": what}, code="no_image")
    image = Image.open(io.BytesIO(png))
    image.load()
    if image.mode != "RGBA":
        image = image.convert("RGBA")
    return PdfImage(image)


def _image_style(png: bytes | None, what: str) -> StaticStampStyle:
    return StaticStampStyle(
        background=_image(png, what),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


def _text_style() -> TextStampStyle:
    return TextStampStyle(
        stamp_text="%(body)s",
        border_width=0,
        text_box_style=TextBoxStyle(
            font=_stamp_font(),
            font_size=STAMP_FONT_SIZE,
            leading=STAMP_LEADING,
            text_color=(0, 0, 0),
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MAX,
                margins=layout.Margins.uniform(0),
            ),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins.uniform(STAMP_PADDING),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )


def stamp_lines(
    kind: SignatureKind, signer: SigningIdentity, *, document_code: str, copy_type: str, at: str
) -> list[str]:
    signed = _("Signed at: %(time)s") % {"time": at}
    if kind == SignatureKind.ATTACHMENT:
        if not document_code:
            raise SigningError(
                _("The number and symbol of the main document are required on an attachment."),
                code="document_code_required",
            )
        return [_("Number and symbol: %(code)s") % {"code": document_code}, signer.display_name, signed]
    if copy_type not in COPY_TYPES:
        raise SigningError(
            _("The copy type must be one of: %(types)s.") % {"types": ", ".join(COPY_TYPES)}, code="copy_type_invalid"
        )
    return [copy_type, signer.display_name, signed]


def sign_pdf(
    pdf_bytes: bytes,
    *,
    signer: SigningIdentity,
    kind: SignatureKind | str,
    page: int | None = None,
    box: Box | None = None,
    document_code: str = "",
    copy_type: str = "",
    reason: str | None = None,
    location: str | None = None,
    timestamper: TimeStamper | None = None,
    roots=None,
    check_signer: bool = True,
) -> bytes:
    """Sign ``pdf_bytes`` once more and return the new PDF (the input plus one incremental update).

    ``page`` counts from 0 (negative from the end); ``box`` is in PDF points; ``document_code`` is the main
    document's number and symbol (attachments), ``copy_type`` one of ``COPY_TYPES`` (copies). ``timestamper`` and
    ``roots`` default to the configured TSA and trust roots. See the module docstring for the kinds.
    """
    return outside_event_loop(
        _sign_pdf,
        pdf_bytes,
        signer=signer,
        kind=kind,
        page=page,
        box=box,
        document_code=document_code,
        copy_type=copy_type,
        reason=reason,
        location=location,
        timestamper=timestamper,
        roots=roots,
        check_signer=check_signer,
    )


def _sign_pdf(
    pdf_bytes: bytes,
    *,
    signer: SigningIdentity,
    kind: SignatureKind | str,
    page: int | None = None,
    box: Box | None = None,
    document_code: str = "",
    copy_type: str = "",
    reason: str | None = None,
    location: str | None = None,
    timestamper: TimeStamper | None = None,
    roots=None,
    check_signer: bool = True,
) -> bytes:
    kind = SignatureKind(kind)
    expected = PERSON if kind == SignatureKind.PERSONAL else AGENCY
    if signer.kind != expected:
        raise SigningError(
            _("This signature must be made with the key of a person.")
            if expected == PERSON
            else _("This signature must be made with the key of the organisation."),
            code="wrong_signer_kind",
        )
    reader = _reader(pdf_bytes)
    page_count = int(reader.root["/Pages"]["/Count"])
    field_name = _field_name(reader, kind)
    text_params = None

    if kind == SignatureKind.PERSONAL:
        index = _page_index(page if page is not None else -1, page_count)
        if box is None:
            box = default_signature_box(*_page_size(reader, index))
        style = _image_style(signer.image_png, _("signature"))
    elif kind == SignatureKind.ORGANISATION:
        if box is None:
            personal = [f for f in signature_fields(reader) if f[0].startswith(f"{FIELD_PREFIX}_personal_")]
            if not personal:
                raise SigningError(
                    _("The seal goes over the personal signature: sign personally first, or give the seal's box."),
                    code="personal_signature_missing",
                )
            _name, index, personal_box = personal[-1]
            box = seal_box(personal_box)
        else:
            index = _page_index(page if page is not None else -1, page_count)
        style = _image_style(signer.image_png, _("seal"))
    else:
        index = 0
        with translation.override("vi"):  # the stamp is part of the document: always Vietnamese
            lines = stamp_lines(kind, signer, document_code=document_code, copy_type=copy_type, at=stamp_time())
        width = max(_text_width(line) for line in lines) + 2 * STAMP_PADDING + 4
        height = STAMP_LEADING * len(lines) + 2 * STAMP_PADDING + 4
        box = box or top_right_box(*_page_size(reader, 0), width, height)
        style = _text_style()
        text_params = {"body": "\n".join(lines)}

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=signer.display_name,
        validation_context=validation_context(roots) if check_signer else None,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer.signer,
        timestamper=timestamper or timestamper_from_settings(),
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=index, box=box.as_tuple()),
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        output = pdf_signer.sign_pdf(writer, appearance_text_params=text_params, bytes_reserved=BYTES_RESERVED)
    except TimestampRequestError as error:
        logger.warning("time-stamping authority failed: %s", error)
        raise TimestampUnavailable() from None
    except (PyHankoSigningError, PdfError, *CERTIFICATE_ERRORS) as error:
        # pyHanko wraps the failed pre-signing check of the certificate in its own SigningError.
        if isinstance(error, CERTIFICATE_ERRORS) or isinstance(error.__cause__, CERTIFICATE_ERRORS):
            raise SigningError(
                _("The signer's certificate is not valid or not issued by a trusted authority; nothing was signed."),
                code="certificate_invalid",
            ) from None
        raise SigningError(_("The document could not be signed: %(error)s") % {"error": error}) from None
    return output.getvalue()


def _page_index(page: int, count: int) -> int:
    index = page + count if page < 0 else page
    if not 0 <= index < count:
        raise SigningError(_("The document has no page %(page)s.") % {"page": page + 1}, code="page_out_of_range")
    return index
