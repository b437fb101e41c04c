"""What the catalogue's search keeps besides the opportunities' own index columns: the
thesaurus programme managers keep, the opportunities' sentence embeddings, and the searches
learners asked to be told about."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from learningcity.catalogue.models.learners import Learner
from learningcity.catalogue.models.opportunities import Opportunity

_SEPARATORS = re.compile(r"[,،;؛\n]+")


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to people searching (كمبيوتر = حاسب = computer).

    A query word found in a group is also searched as every other member of it; the group
    itself is never shown to the public."""

    terms = models.TextField(
        _("equivalent words"),
        help_text=_("Arabic and English words or phrases that mean the same, separated by commas or lines."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search thesaurus")

    def __str__(self) -> str:
        return "، ".join(self.members()[:4])

    def members(self) -> list[str]:
        return [part.strip() for part in _SEPARATORS.split(self.terms) if part.strip()]


class OpportunityEmbedding(models.Model):
    """An opportunity's sentence embedding (catalogue/search/semantic.py): L2-normalised
    float32 values, little-endian, one per dimension. `text_hash` says which text it was
    computed from, so that an unchanged text is never embedded again."""

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=60)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("opportunity embedding")

    def __str__(self) -> str:
        return f"{self.opportunity_id} ({self.model})"


class SavedSearch(models.Model):
    """ "Tell me when something like this opens": a learner's search, run against each newly
    published opportunity (services/saved_searches.py)."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="saved_searches")
    query = models.CharField(_("search"), max_length=200)
    language = models.CharField(max_length=5, default="ar")
    created_at = models.DateTimeField(auto_now_add=True)
    last_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        constraints = [models.UniqueConstraint(fields=["learner", "query"], name="saved_search_once")]

    def __str__(self) -> str:
        return self.query
