"""Open data pages (no sign-in): the catalogue, CSV files, the Data Package, DCAT and HSDS."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from learningcity.exchange import opendata
from learningcity.exchange.datasets import DATASETS

JSON = {"ensure_ascii": False, "indent": 2}


@require_GET
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
