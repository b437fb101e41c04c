"""Report pages: choose a place and a period and download the city report (PDF in Arabic or
English, Excel workbook); one initiative's report; the GNLC biennial pack with its narratives;
the archive of generated reports and the monthly-report subscriptions."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.coordination.minutes import minutes_diff
from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import form_status, model_form_values
from learningcity.core.pdf import render_pdf
from learningcity.programme import selectors as programme_selectors
from learningcity.programme.models import Initiative
from learningcity.reports import documents, gnlc, services
from learningcity.reports.city import city_report
from learningcity.reports.forms import GnlcReportForm, ReportScopeForm, SubscriptionForm
from learningcity.reports.models import ArchivedReport, GnlcReport, ReportSubscription


def _language(request: HttpRequest) -> str:
    language = request.GET.get("language") or request.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _file(content: bytes, filename: str, media_type: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _index(
    request: HttpRequest, form: ReportScopeForm, status: int = 200, gnlc_form: GnlcReportForm | None = None
) -> HttpResponse:
    user = request.user
    if gnlc_form is None and user.is_programme_manager:
        gnlc_form = GnlcReportForm(auto_id="gnlc_%s")
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "gnlc_reports": GnlcReport.objects.select_related("learning_city", "region")[:20],
            "gnlc_form": gnlc_form,
            "subscriptions": ReportSubscription.objects.filter(user=user).select_related(
                "region", "learning_city"
            ),
            "subscription_form": SubscriptionForm(user=user, auto_id="subscription_%s"),
            "archive": ArchivedReport.objects.select_related("learning_city")[:10],
        },
        status=status,
    )


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    return _index(request, ReportScopeForm(auto_id="report_%s"))


def _scope_or_errors(request: HttpRequest) -> tuple[object, HttpResponse | None]:
    form = ReportScopeForm(request.GET, auto_id="report_%s")
    if not form.is_valid():
        return None, _index(request, form, status=400)
    scope = form.scope()
    if scope is None:
        raise Http404
    return scope, None


# PDF opens in the browser; the workbook downloads.
FORMATS = {
    "pdf": ("application/pdf", True, documents.city_report_pdf, documents.gnlc_pdf),
    "xlsx": (documents.XLSX_MEDIA_TYPE, False, documents.city_report_xlsx, documents.gnlc_xlsx),
}


def _city_report_file(request: HttpRequest, fmt: str) -> HttpResponse:
    scope, errors = _scope_or_errors(request)
    if errors:
        return errors
    language = _language(request)
    media_type, inline, render, _gnlc = FORMATS[fmt]
    content = render(city_report(scope), language)
    response = _file(
        content, f"city-report-{scope.start}-{scope.end}-{language}.{fmt}", media_type, inline=inline
    )
    return _say_ready(request, response)


READY_TOKEN = re.compile(r"^[A-Za-z0-9]{8,32}$")


def _say_ready(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A report takes seconds to draw and a download leaves the page where it is: the page said
    "being prepared" (app.js) and learns the file arrived from this cookie, named by its token."""
    token = request.GET.get("ready", "")
    if READY_TOKEN.match(token):
        response.set_cookie("report_ready", token, max_age=60, samesite="Lax", secure=request.is_secure())
    return response


@staff_required
def city_pdf(request: HttpRequest) -> HttpResponse:
    return _city_report_file(request, "pdf")


@staff_required
def city_xlsx(request: HttpRequest) -> HttpResponse:
    return _city_report_file(request, "xlsx")


@staff_required
def initiative_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        initiative = programme_selectors.initiative_detail(pk=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    language = _language(request)
    content = render_pdf(
        "reports/initiative_report_pdf.html",
        {
            "initiative": initiative,
            "beneficiaries": programme_selectors.beneficiary_totals(initiative.beneficiary_reports.all()),
            "funding_total": sum(f.amount for f in initiative.funding.all()),
            **documents.pdf_context(language),
        },
        language=language,
    )
    return _file(content, f"initiative-{initiative.code}-{language}.pdf", "application/pdf", inline=True)


# --- GNLC biennial report pack ----------------------------------------------------------------


@manager_required
@require_POST
def gnlc_create(request: HttpRequest) -> HttpResponse:
    form = GnlcReportForm(request.POST, auto_id="gnlc_%s")
    if not form.is_valid():
        return _index(
            request, ReportScopeForm(auto_id="report_%s"), status=form_status(request, form), gnlc_form=form
        )
    values = model_form_values(form)
    region = values.pop("region")  # set by the form's clean_place, even when it asks for none
    if region is None:
        raise Http404
    report = services.gnlc_report_create(region=region, data=values, by=request.user)
    return redirect("reports:gnlc_detail", pk=report.pk)


@staff_required
def gnlc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(GnlcReport.objects.select_related("learning_city", "region"), pk=pk)
    if request.method == "POST":
        if not request.user.is_programme_manager:
            raise PermissionDenied
        narratives = {
            key: {language: request.POST.get(f"{key}__{language}", "") for language in ("ar", "en")}
            for key in gnlc.narrative_keys()
        }
        version = services.gnlc_narratives_save(report=report, narratives=narratives, by=request.user)
        if version:
            messages.success(
                request, _("Narratives saved as version %(number)s.") % {"number": version.number}
            )
        else:
            messages.info(request, _("Nothing changed since the last version."))
        return redirect("reports:gnlc_detail", pk=report.pk)
    return render(
        request,
        "reports/gnlc_detail.html",
        {"pack": gnlc.build_pack(report), "report": report, "can_edit": request.user.is_programme_manager},
    )


def _gnlc_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = get_object_or_404(GnlcReport.objects.select_related("learning_city", "region"), pk=pk)
    language = _language(request)
    media_type, inline, _city, render = FORMATS[fmt]
    content = render(report, language)
    return _file(
        content, f"gnlc-report-{report.pk}-v{report.version}-{language}.{fmt}", media_type, inline=inline
    )


@staff_required
def gnlc_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _gnlc_file(request, pk, "pdf")


@staff_required
def gnlc_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _gnlc_file(request, pk, "xlsx")


@staff_required
def gnlc_versions(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(GnlcReport, pk=pk)
    versions = list(report.versions.select_related("saved_by"))
    selected = None
    changes = []
    number = request.GET.get("version")
    if number and number.isdigit():
        selected = next((v for v in versions if v.number == int(number)), None)
    if selected is not None:
        previous = next((v for v in versions if v.number < selected.number), None)
        changes = minutes_diff(
            gnlc.version_text(previous.narratives) if previous else "", gnlc.version_text(selected.narratives)
        )
    return render(
        request,
        "reports/gnlc_versions.html",
        {"report": report, "versions": versions, "selected": selected, "changes": changes},
    )


# --- Archive and subscriptions ----------------------------------------------------------------


@staff_required
def archive(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    reports = ArchivedReport.objects.select_related("learning_city", "generated_by")
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(request, "reports/archive.html", {"page": page})


@staff_required
def archive_download(request: HttpRequest, pk: int) -> FileResponse:
    report = get_object_or_404(ArchivedReport, pk=pk)
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.filename())


@staff_required
@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST, user=request.user, auto_id="subscription_%s")
    if form.is_valid():
        services.subscription_create(
            user=request.user,
            region=form.cleaned_data["region"],
            learning_city=form.cleaned_data["learning_city"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("You will receive this report every month."))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("reports:index")


@staff_required
@require_POST
def unsubscribe(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(ReportSubscription, pk=pk, user=request.user)
    services.subscription_delete(subscription=subscription, by=request.user)
    messages.success(request, _("You will no longer receive this report."))
    return redirect("reports:index")
