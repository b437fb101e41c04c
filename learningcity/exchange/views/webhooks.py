"""Pages of the data exchange: webhook subscriptions and their deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from learningcity.core.decorators import staff_required
from learningcity.core.forms import apply_service_errors, form_status
from learningcity.exchange import webhooks
from learningcity.exchange.forms import WebhookForm, entities_for
from learningcity.exchange.models import WebhookSubscription
from learningcity.exchange.views.tokens import may_keep_tokens
from learningcity.partners.permissions import can_edit_entity


@never_cache
@staff_required
def webhook_list(request: HttpRequest) -> HttpResponse:
    if not may_keep_tokens(request.user):
        raise PermissionDenied
    form = WebhookForm(request.POST or None, user=request.user)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = webhooks.subscription_create(
                entity=form.cleaned_data["entity"],
                url=form.cleaned_data["url"],
                event_names=form.cleaned_data["events"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            form = WebhookForm(user=request.user)
    subscriptions = WebhookSubscription.objects.filter(entity__in=entities_for(request.user)).select_related(
        "entity"
    )
    return render(
        request,
        "exchange/webhook_list.html",
        {"form": form, "subscriptions": subscriptions, "created": created},
        status=form_status(request, form),
    )


def _own_subscription(request: HttpRequest, pk: int) -> WebhookSubscription:
    subscription = get_object_or_404(WebhookSubscription.objects.select_related("entity"), pk=pk)
    if not can_edit_entity(request.user, subscription.entity_id):
        raise PermissionDenied
    return subscription


@staff_required
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _own_subscription(request, pk)
    deliveries = Paginator(subscription.deliveries.all(), 50).get_page(request.GET.get("page"))
    return render(request, "exchange/webhook_detail.html", {"subscription": subscription, "page": deliveries})


@require_POST
@staff_required
def webhook_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _own_subscription(request, pk)
    webhooks.subscription_set_active(
        subscription=subscription, active=not subscription.is_active, by=request.user
    )
    return redirect("exchange:webhook_detail", pk=subscription.pk)


@require_POST
@staff_required
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _own_subscription(request, pk)
    webhooks.subscription_delete(subscription=subscription, by=request.user)
    messages.success(request, _("The webhook was deleted."))
    return redirect("exchange:webhook_list")
