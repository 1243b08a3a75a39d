"""Anyone may check the digital signatures of a PDF (an electronic result, a signed document)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from chinhquyenso.portal.uploads import megabytes
from chinhquyenso.signing.errors import NotAPdf, SigningConfigurationError


def verify(request):
    context = {"file_mb": megabytes(settings.PORTAL_MAX_FILE_BYTES)}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        limit = settings.PORTAL_MAX_FILE_BYTES
        if upload is None:
            context["error"] = _("Choose a PDF file to check.")
        elif upload.size > limit:
            context["error"] = _("The file is larger than %(mb)s MB.") % {"mb": megabytes(limit)}
        else:
            from chinhquyenso.signing.pdf_verify import verify_pdf

            try:
                context["report"] = verify_pdf(upload.read())
                context["name"] = upload.name
            except NotAPdf:
                context["error"] = _("The file is not a readable PDF document.")
                status = 422
            except SigningConfigurationError:
                context["error"] = _("The signature check is not available at the moment.")
                status = 503
        if "error" in context and status == 200:
            status = 422
    return render(request, "portal/verify.html", context, status=status)
