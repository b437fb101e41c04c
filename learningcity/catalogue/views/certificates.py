"""Certificates: the public verification page, the PDF and the Open Badges credential."""

from __future__ import annotations

import io
import json
import uuid as uuid_module

import segno
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from learningcity.catalogue import credentials, selectors
from learningcity.catalogue.forms import CertificateLookupForm
from learningcity.catalogue.models import Certificate
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.core.addresses import absolute_url
from learningcity.core.pdf import render_pdf

NOT_FOUND = gettext_lazy(
    "No certificate has this number. Check it against the one printed under the QR code."
)


@require_GET
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """Type a certificate number, see the certificate: for a verifier who holds the paper."""
    form = CertificateLookupForm(request.GET if "number" in request.GET else None)
    if form.is_bound and form.is_valid():
        try:
            certificate = selectors.certificate_detail(uuid=form.cleaned_data["number"])
        except Certificate.DoesNotExist:
            form.add_error("number", NOT_FOUND)
        else:
            return redirect(certificate)
    return _lookup_page(request, form)


def _lookup_page(request: HttpRequest, form: CertificateLookupForm) -> HttpResponse:
    status = 404 if form.is_bound and form.errors else 200
    return render(request, "catalogue/certificate_lookup.html", {"form": form}, status=status)


def _certificate_or_404(uuid: str) -> Certificate:
    try:
        return selectors.certificate_detail(uuid=uuid_module.UUID(str(uuid)))
    except (ValueError, Certificate.DoesNotExist) as exc:
        raise Http404 from exc


def _may_download(request: HttpRequest, certificate: Certificate) -> bool:
    """The learner, the provider's coordinators and managers: the files carry the full record."""
    user = request.user
    if not user.is_authenticated:
        return False
    return certificate.registration.learner.user_id == user.pk or can_edit_opportunity(
        user, certificate.registration.session.opportunity
    )


def _verify_url(certificate: Certificate) -> str:
    with translation.override("ar"):
        return absolute_url(reverse("catalogue:certificate_verify", args=[certificate.uuid]))


@require_GET
def certificate_verify(request: HttpRequest, uuid: str) -> HttpResponse:
    try:
        certificate = _certificate_or_404(uuid)
    except Http404:
        # Not a bare "not found": the number as it came, why, and where to type another.
        form = CertificateLookupForm({"number": uuid})
        if form.is_valid():
            form.add_error("number", NOT_FOUND)
        return _lookup_page(request, form)
    return render(
        request,
        "catalogue/certificate_verify.html",
        {
            "certificate": certificate,
            "opportunity": certificate.registration.session.opportunity,
            "can_download": _may_download(request, certificate),
        },
    )


def _qr_svg(link: str) -> str:
    """The QR code as inline SVG; its <title> is the figure's alternative text in the PDF."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(
        buffer,
        kind="svg",
        scale=4,
        dark="#0b5d4b",
        light="#ffffff",
        xmldecl=False,
        title=_("QR code linking to the certificate's verification page: %(link)s") % {"link": link},
    )
    return buffer.getvalue().decode("utf-8")


@require_GET
def certificate_pdf(request: HttpRequest, uuid: str) -> HttpResponse:
    certificate = _certificate_or_404(uuid)
    if not _may_download(request, certificate):
        raise PermissionDenied
    language = request.GET.get("language", request.LANGUAGE_CODE)
    language = language if language in ("ar", "en") else "ar"
    link = _verify_url(certificate)
    with translation.override(language):
        qr_svg = _qr_svg(link)
    pdf = render_pdf(
        "catalogue/certificate_pdf.html",
        {
            "certificate": certificate,
            "qr_svg": qr_svg,
            "verify_url": link,
            "session": certificate.registration.session,
        },
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.uuid}-{language}.pdf"'
    return response


@require_GET
def certificate_credential(request: HttpRequest, uuid: str) -> HttpResponse:
    """The Open Badges 3.0 credential: the signed VC-JWT (`?format=jwt`, what a wallet imports
    and a verifier checks), or the same credential as JSON to read."""
    certificate = _certificate_or_404(uuid)
    if not _may_download(request, certificate):
        raise PermissionDenied
    credential = credentials.achievement_credential(certificate)
    if request.GET.get("format") == "jwt":
        response = HttpResponse(credentials.sign(credential), content_type="application/vc+jwt")
        response["Content-Disposition"] = f'attachment; filename="credential-{certificate.uuid}.jwt"'
        return response
    response = HttpResponse(
        json.dumps(credential, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.uuid}.json"'
    return response
