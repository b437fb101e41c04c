"""Pages for bulk data: templates, imports (check, then import) with their history, and
exports of every dataset as CSV, XLSX or JSON."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from learningcity.core.decorators import staff_required
from learningcity.core.forms import form_status
from learningcity.exchange import services
from learningcity.exchange.datasets import DATASETS
from learningcity.exchange.exports import FORMATS, csv_lines, json_chunks, records, xlsx_tempfile
from learningcity.exchange.forms import ImportForm
from learningcity.exchange.models import ExportJob, ImportRun, JobStatus

# Larger lists are exported as a background job the user can follow; smaller ones stream.
STREAM_LIMIT = 20_000


def _dataset(kind: str):
    dataset = DATASETS.get(kind)
    if dataset is None:
        raise Http404
    return dataset


@staff_required
def exchange_home(request: HttpRequest) -> HttpResponse:
    datasets = [
        {"dataset": dataset, "may_import": dataset.may_import(request.user)} for dataset in DATASETS.values()
    ]
    runs = ImportRun.objects.filter(created_by=request.user).order_by("-created_at")[:5]
    return render(request, "exchange/home.html", {"datasets": datasets, "runs": runs, "formats": FORMATS})


@staff_required
def template_download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """An empty table with the kind's columns, headed in the page's language."""
    dataset = _dataset(kind)
    language = request.LANGUAGE_CODE
    filename = f"{kind}-template-{language}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            "".join(csv_lines(dataset, iter(()), language)), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = FileResponse(
            xlsx_tempfile(dataset, iter(()), language),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "json":
        import json

        response = HttpResponse(
            json.dumps(dataset.schema.descriptor(), ensure_ascii=False, indent=2),
            content_type="application/json",
        )
        filename = f"{kind}.schema.json"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def export_dataset(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    dataset = _dataset(kind)
    if fmt not in FORMATS:
        raise Http404
    queryset = dataset.export_queryset(request.user)
    language = request.LANGUAGE_CODE
    if queryset.count() > STREAM_LIMIT or request.GET.get("job"):
        job = services.export_start(kind=kind, fmt=fmt, language=language, by=request.user)
        return redirect("exchange:export_job", pk=job.pk)
    filename = f"{kind}.{fmt}"
    if fmt == "xlsx":
        response = FileResponse(
            xlsx_tempfile(dataset, records(dataset, queryset), language),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(dataset, records(dataset, queryset), language), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            json_chunks(dataset, records(dataset, queryset)), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ExportJob, pk=pk, created_by=request.user)
    if request.GET.get("download") and job.status == JobStatus.DONE:
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"{job.kind}.{job.format}")
    template = "exchange/_export_progress.html" if request.htmx else "exchange/export_job.html"
    return render(request, template, {"job": job})


@staff_required
def import_start(request: HttpRequest) -> HttpResponse:
    kinds = [(kind, dataset.label) for kind, dataset in DATASETS.items() if dataset.may_import(request.user)]
    if not kinds:
        raise PermissionDenied
    form = ImportForm(
        request.POST or None, request.FILES or None, kinds=kinds, max_mb=settings.MAX_IMPORT_MB,
        initial={"kind": request.GET.get("kind")},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        run = services.import_check_start(
            kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], language=request.LANGUAGE_CODE,
            by=request.user,
        )  # fmt: skip
        return redirect("exchange:import_run", pk=run.pk)
    return render(request, "exchange/import_start.html", {"form": form}, status=form_status(request, form))


def _own_run(request: HttpRequest, pk: int) -> ImportRun:
    run = get_object_or_404(ImportRun, pk=pk)
    if run.created_by_id != request.user.pk and not request.user.is_programme_manager:
        raise PermissionDenied
    return run


@staff_required
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = _own_run(request, pk)
    errors = Paginator(run.report.get("errors", []), 100).get_page(request.GET.get("page"))
    template = "exchange/_import_report.html" if request.htmx else "exchange/import_run.html"
    return render(request, template, {"run": run, "errors": errors, "dataset": DATASETS[run.kind]})


@require_POST
@staff_required
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a file that passed its check (the same stored file; nothing uploaded again)."""
    check = _own_run(request, pk)
    try:
        run = services.import_commit(check=check, language=request.LANGUAGE_CODE, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("exchange:import_run", pk=check.pk)
    return redirect("exchange:import_run", pk=run.pk)


@staff_required
def import_history(request: HttpRequest) -> HttpResponse:
    runs = ImportRun.objects.select_related("created_by")
    if not request.user.is_programme_manager:
        runs = runs.filter(created_by=request.user)
    page = Paginator(runs, 50).get_page(request.GET.get("page"))
    return render(request, "exchange/import_history.html", {"page": page})
