"""Validation rules: the list, a manager's form, and the report of which rules fail where."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from learningcity.core.decorators import manager_required, staff_required
from learningcity.core.forms import form_status
from learningcity.core.service_views import run_service
from learningcity.indicators import geography, services
from learningcity.indicators.forms import RuleForm, RuleReportForm
from learningcity.indicators.models import ValidationRule
from learningcity.indicators.selectors.rule_report import rule_failures

FAILURES_SHOWN = 300


@staff_required
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = ValidationRule.objects.select_related("indicator").order_by("-is_active", "pk")
    return render(request, "indicators/rule_list.html", {"rules": rules})


@manager_required
def rule_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    rule = get_object_or_404(ValidationRule, pk=pk) if pk else None
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.rule_save(data=form.rule_data(), rule=rule, by=request.user),
        _("The rule was saved."),
    ):
        return redirect("indicators:rules")
    return render(
        request, "indicators/rule_form.html", {"form": form, "rule": rule}, status=form_status(request, form)
    )


@manager_required
def rule_report(request: HttpRequest) -> HttpResponse:
    form = RuleReportForm(request.GET or None)
    since, until = form.span()
    rules, failures = rule_failures(since=since, until=until, scopes=form.scopes())
    geo = geography.geography()
    counts: dict[int, int] = {}
    for failure in failures:
        counts[failure.rule.pk] = counts.get(failure.rule.pk, 0) + 1
    shown = [(failure, geo.place(failure.scope)) for failure in failures[:FAILURES_SHOWN]]
    return render(
        request,
        "indicators/rule_report.html",
        {
            "form": form,
            "since": since,
            "until": until,
            "summary": [(rule, counts.get(rule.pk, 0)) for rule in rules],
            "failures": shown,
            "total": len(failures),
        },
    )
