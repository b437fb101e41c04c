"""Back-office building blocks: role-based access and an audit entry for every change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from learningcity.core.audit import audit_created, audit_deleted, audit_record, diff, snapshot
from learningcity.core.models import AuditAction, AuditEntry, Governorate, LearningCity, Region


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date and time boxes with a name each (axe-core found neither had one): the
    field's label names the date box, as it did before Django 4.0 stopped pointing it at any
    box, and the time box is named "Time" (Django writes "Time:" beside it as plain text)."""

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else id_

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["subwidgets"][1]["attrs"]["aria-label"] = _("Time")
        return context


class ManagerAdmin(admin.ModelAdmin):
    """Programme managers (and superusers) manage these records; nobody else sees them."""

    formfield_overrides = {models.DateTimeField: {"widget": LabelledSplitDateTime}}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_programme_manager

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    has_add_permission = has_module_permission

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


class AuditedAdmin(ManagerAdmin):
    """Writes the same audit entries as the services for changes made in the back office."""

    def _m2m_names(self, obj: models.Model) -> list[str]:
        return [field.name for field in obj._meta.many_to_many]

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        before = {}
        if change:
            before = snapshot(type(obj)._default_manager.get(pk=obj.pk), self._m2m_names(obj))
        request._audit_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        changes = diff(getattr(request, "_audit_before", {}), snapshot(obj, self._m2m_names(obj)))
        if changes or not change:
            audit_record(
                actor=request.user,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                instance=obj,
                changes=changes,
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Records added, changed or deleted in an inline are audited as the parent is."""
        before = {
            inline_form.instance.pk: snapshot(
                type(inline_form.instance)._default_manager.get(pk=inline_form.instance.pk)
            )
            for inline_form in formset.initial_forms
            if inline_form.instance.pk and inline_form.has_changed()
        }
        deleted = [inline_form.instance for inline_form in formset.deleted_forms if inline_form.instance.pk]
        for obj in deleted:
            audit_deleted(actor=request.user, instance=obj)
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_created(actor=request.user, instance=obj)
        for obj, _fields in formset.changed_objects:
            changes = diff(before.get(obj.pk, {}), snapshot(obj))
            if changes:
                audit_record(actor=request.user, action=AuditAction.UPDATE, instance=obj, changes=changes)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        audit_deleted(actor=request.user, instance=obj, m2m=self._m2m_names(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        for obj in queryset:
            audit_deleted(actor=request.user, instance=obj, m2m=self._m2m_names(obj))
        super().delete_queryset(request, queryset)


class ReadOnlyAdmin(ManagerAdmin):
    """Records managers read in the back office but never change there: the audit log, and
    records changed only through the platform's pages (and so through its services)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ("name_ar", "name_en", "code", "population")
    search_fields = ("name_ar", "name_en", "code")


@admin.register(Governorate)
class GovernorateAdmin(AuditedAdmin):
    list_display = ("name_ar", "name_en", "region", "population", "sort_order")
    list_filter = ("region",)
    list_select_related = ("region",)
    search_fields = ("name_ar", "name_en", "code")


@admin.register(LearningCity)
class LearningCityAdmin(AuditedAdmin):
    list_display = ("name_ar", "name_en", "governorate", "gnlc_member_since", "population")
    list_select_related = ("governorate",)
    search_fields = ("name_ar", "name_en", "code")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the log is evidence, so not even a superuser edits it here."""

    list_display = ("timestamp", "actor_label", "action", "content_type", "object_label", "channel")
    list_filter = ("action", "channel", "content_type")
    search_fields = ("actor_label", "object_label", "object_id", "request_id")
    list_select_related = ("content_type",)
    date_hierarchy = "timestamp"
