"""Open data pages (no sign-in): the catalogue, CSV files, the Data Package, DCAT and HSDS."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from learningcity.catalogue.selectors import CATALOGUE_CACHE
from learningcity.core.params import id_param
from learningcity.core.public_pages import public_page
from learningcity.exchange import opendata
from learningcity.exchange.datasets import DATASETS
from learningcity.indicators.selectors import INDICATORS_CACHE
from learningcity.programme.selectors import PROGRAMME_CACHE

JSON = {"ensure_ascii": False, "indent": 2}


@require_GET
# What each public data set holds: the catalogue's (partners, opportunities, skills), the
# indicators' and the programme's data.
@public_page(CATALOGUE_CACHE, INDICATORS_CACHE, PROGRAMME_CACHE)
def open_data_home(request: HttpRequest) -> HttpResponse:
    datasets = [
        {
            "dataset": dataset,
            "description": opendata.DESCRIPTIONS[dataset.kind],
            "rows": dataset.public_queryset().count(),
        }
        for dataset in opendata.public_datasets()
    ]
    return render(request, "exchange/open_data.html", {"datasets": datasets})


@require_GET
@cache_control(public=True, max_age=300)
def open_data_csv(request: HttpRequest, kind: str) -> HttpResponse:
    dataset = DATASETS.get(kind)
    if dataset is None or dataset not in opendata.public_datasets():
        raise Http404
    response = StreamingHttpResponse(opendata.open_csv(dataset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{kind}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=300)
def open_data_package(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(opendata.data_package(), json_dumps_params=JSON)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=300)
def open_data_catalog(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        opendata.dcat_catalog(), json_dumps_params=JSON, content_type="application/ld+json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=300)
def open_data_hsds(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(opendata.hsds_services(), safe=False, json_dumps_params=JSON)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=300)
def open_data_hsds_services(request: HttpRequest) -> JsonResponse:
    """The HSDS 3 API's `GET /services`: `?page=` (from 1) and `?per_page=` (1 to 500)."""
    page = _positive(request.GET.get("page"), default=1)
    per_page = _positive(request.GET.get("per_page"), default=50)
    if page is None or per_page is None or per_page > opendata.HSDS_MOST_PER_PAGE:
        response = JsonResponse(
            {
                "detail": _("page and per_page are whole numbers from 1 (per_page at most %(most)d).")
                % {"most": opendata.HSDS_MOST_PER_PAGE}
            },
            status=400,
            json_dumps_params=JSON,
        )
    else:
        response = JsonResponse(
            opendata.hsds_services_page(page=page, per_page=per_page), json_dumps_params=JSON
        )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _positive(raw: str | None, *, default: int) -> int | None:
    """A page parameter: the default when absent, None when it is not a whole number ≥ 1."""
    if raw is None:
        return default
    number = id_param(raw)
    return number if number is not None and number < 10**9 else None
