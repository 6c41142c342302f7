"""Sources, the passages quoted from them, and citations: what every fact in the knowledge base rests on.

A Citation is either a Passage (exact quote with character offsets, checked against the kept text,
also by a database trigger) or, for a fact entered by hand from a document the project does not keep,
the source with a locator ("p. 3", "answer 4"). The database refuses a citation that is neither.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from meldpunt.knowledge.partial_dates import PATTERN
from meldpunt.vocab.loader import concept


def _choices(concept_name: str) -> list[tuple[str, str | Promise]]:
    """The vocabulary's ids with their labels, translated when shown (`get_<field>_display`)."""
    return [(term.id, gettext_lazy(term.label)) for term in concept(concept_name).terms]


class Source(models.Model):
    kind = models.CharField(max_length=30, choices=_choices("source_kinds"))
    publisher = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True)
    date = models.CharField(max_length=10, blank=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    language = models.CharField(max_length=10, blank=True)
    text = models.TextField(blank=True, help_text="the document as read; empty for a reference only")
    content_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(date="") | Q(date__regex=PATTERN), name="source_partial_date"),
            models.UniqueConstraint(fields=["content_hash"], condition=~Q(content_hash=""), name="source_text_once"),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}"


class Passage(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="passages")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()

    class Meta:
        ordering = ["source_id", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="passage_not_empty"),
            models.UniqueConstraint(fields=["source", "start", "end"], name="passage_once"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id}[{self.start}:{self.end}]"


class Citation(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    passage = models.ForeignKey(Passage, on_delete=models.PROTECT, null=True, blank=True, related_name="citations")
    locator = models.CharField(max_length=200, blank=True, help_text="where in the source, for a hand-entered fact")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(passage__isnull=False) | ~Q(locator=""), name="citation_has_passage_or_locator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.locator or self.passage})"
