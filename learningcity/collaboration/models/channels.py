"""Track channels (قناة المسار): the permanent communication channel among the people of a
track's partner entities, beside the API for systems. Posts and their replies (one level of
thread), mentions that notify, attachments, and moderation by programme managers."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.core.arabic import search_document
from learningcity.core.files import private_document_field


class ChannelPost(models.Model):
    track = models.ForeignKey(
        "programme.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="channel_posts"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("in reply to"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="replies",
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The entity the author wrote for (none for a programme manager).
    entity = models.ForeignKey(
        "partners.Entity", verbose_name=_("entity"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    text = models.TextField(_("message"), max_length=8000)
    attachment = private_document_field(_("attachment"), "channels/%Y/", blank=True)
    mentioned_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    mentioned_entities = models.ManyToManyField("partners.Entity", related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    search_document = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["track", "parent", "created_at"], name="channel_post_thread")]
        verbose_name = _("channel post")
        verbose_name_plural = _("channel posts")

    def __str__(self) -> str:
        return self.text[:60]

    def save(self, *args, **kwargs) -> None:
        self.search_document = search_document(self.text, self.attachment.name if self.attachment else "")
        super().save(*args, **kwargs)

    @property
    def attachment_filename(self) -> str:
        return PurePosixPath(self.attachment.name or "").name if self.attachment else ""

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
