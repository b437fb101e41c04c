from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from learningcity.core.decorators import manager_required
from learningcity.core.params import id_params
from learningcity.indicators import selectors, services
from learningcity.indicators.forms import ReturnForm
from learningcity.indicators.models import Measurement, MeasurementStatus


@manager_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.verification_queue(), 50).get_page(request.GET.get("page"))
    return render(request, "indicators/verification.html", {"page": page, "return_form": ReturnForm()})


@manager_required
@require_POST
def verification_decide(request: HttpRequest) -> HttpResponse:
    ids = id_params(request.POST.getlist("measurement"))
    measurements = list(
        Measurement.objects.filter(pk__in=ids, status=MeasurementStatus.SUBMITTED).select_related("indicator")
    )
    if not measurements:
        messages.error(request, _("Choose at least one value."))
        return redirect("indicators:verification")
    if request.POST.get("decision") == "return":
        try:
            count = services.measurement_return(
                measurements=measurements, reason=request.POST.get("reason", ""), by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("indicators:verification")
        messages.success(
            request,
            ngettext(
                "%(count)s value was returned for correction.",
                "%(count)s values were returned for correction.",
                count,
            )
            % {"count": count},
        )
    else:
        count = services.measurements_verify(measurements=measurements, by=request.user)
        messages.success(
            request,
            ngettext("%(count)s value was verified.", "%(count)s values were verified.", count)
            % {"count": count},
        )
    return redirect("indicators:verification")
