"""The thesaurus programme managers keep (models.SynonymGroup), ready for parsing queries:
each member as its sequence of index terms, so that a query's words are looked up exactly as
they are indexed. Kept in each process until a group changes (search/local.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max

from learningcity.catalogue.search.local import LocalValue
from learningcity.core.morphology import index_terms

LONGEST_MEMBER = 4  # words


@dataclass
class Thesaurus:
    # A member's terms → every member of its groups, each as space-joined index terms.
    groups: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Thesaurus:
        return cls()

    @classmethod
    def build(cls, groups: list[list[str]]) -> Thesaurus:
        members_of: dict[tuple[str, ...], list[str]] = {}
        for group in groups:
            members = [tuple(index_terms(member)) for member in group]
            members = [member for member in members if 0 < len(member) <= LONGEST_MEMBER]
            phrases = list(dict.fromkeys(" ".join(member) for member in members))
            for member in members:
                known = members_of.setdefault(member, [])
                known.extend(phrase for phrase in phrases if phrase not in known)
        return cls({member: tuple(phrases) for member, phrases in members_of.items()})

    def longest_match(self, terms: list[str], start: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest member beginning at `terms[start]`: (its length in terms, its group)."""
        for length in range(min(LONGEST_MEMBER, len(terms) - start), 0, -1):
            members = self.groups.get(tuple(terms[start : start + length]))
            if members:
                return length, members
        return None


def _version() -> tuple:
    from learningcity.catalogue.models import SynonymGroup

    return tuple(SynonymGroup.objects.aggregate(count=Count("pk"), latest=Max("updated_at")).values())


def _build(_previous: Thesaurus | None, _version: object) -> Thesaurus:
    from learningcity.catalogue.models import SynonymGroup

    return Thesaurus.build([group.members() for group in SynonymGroup.objects.all()])


_thesaurus = LocalValue(_version, _build)
thesaurus = _thesaurus.get
forget = _thesaurus.forget
