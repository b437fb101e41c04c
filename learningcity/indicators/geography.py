"""Places and how values roll up through them: governorate → learning city → region."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.functional import cached_property

from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.indicators import calc
from learningcity.indicators.models import scope_key


class Inside(NamedTuple):
    """A place inside another, as its roll-up reads it."""

    scope: str
    population: Decimal | None
    nested: bool  # places lie inside it in turn
    only: str | None  # the one place inside it, when it holds exactly one


@dataclass
class Geography:
    """Every region's places and how they nest: governorate → learning city → region. The
    platform may serve several regions; the first one registered is the place shown when
    nobody chose one (the administration that runs the platform)."""

    regions: list[Region]
    cities: list[LearningCity]
    governorates: list[Governorate]
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _population: dict[str, Decimal | None] = field(default_factory=dict, repr=False)
    _places: dict[str, Region | LearningCity | Governorate] = field(default_factory=dict, repr=False)
    _roll_up: dict[str, tuple[Inside, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Worked out once: every roll-up walks these lists thousands of times.
        for region in self.regions:
            cities = [c for c in self.cities if c.region_id == region.pk]
            covered = {city.governorate_id for city in cities}
            self._children[scope_key(region.pk, None, None)] = [f"city:{c.pk}" for c in cities] + [
                f"governorate:{g.pk}"
                for g in self.governorates
                if g.region_id == region.pk and g.pk not in covered
            ]
        for city in self.cities:
            self._children[f"city:{city.pk}"] = [
                f"governorate:{g.pk}" for g in self.governorates if g.pk == city.governorate_id
            ]
        for place in (*self.regions, *self.cities, *self.governorates):
            scope = place_scope(place)
            self._places[scope] = place
            self._population[scope] = Decimal(place.population) if place.population else None
        # What value_at reads for each place, worked out once: a region scorecard rolls up
        # 200 indicators × 12 periods, and asking for each child's children and population
        # on every roll-up was a third of its time (bench/bench_indicators.py).
        for scope, children in self._children.items():
            self._roll_up[scope] = tuple(
                Inside(
                    child,
                    self._population.get(child),
                    bool(self._children.get(child)),
                    inside[0] if len(inside := self._children.get(child, [])) == 1 else None,
                )
                for child in children
            )

    @cached_property
    def fingerprint(self) -> str:
        """What every roll-up depends on besides the values — which places lie in which, and
        their populations (the weights) — as a short digest: a roll-up kept under it stays
        right while it holds (indicators/selectors/kept_series.py)."""
        return hashlib.blake2b(repr(sorted(self._roll_up.items())).encode(), digest_size=8).hexdigest()

    @property
    def default_region(self) -> Region:
        # The regions are in the order core.places.default_region reads them (by pk).
        return self.regions[0]

    def children(self, scope: str) -> list[str]:
        return self._children.get(scope, [])

    def roll_up(self, scope: str) -> tuple[Inside, ...]:
        return self._roll_up.get(scope, ())

    def population(self, scope: str) -> Decimal | None:
        return self._population.get(scope)

    def place(self, scope: str) -> Region | LearningCity | Governorate | None:
        return self._places.get(scope)

    def within(self, scope: str) -> list[str]:
        """The place and every place inside it."""
        inside = [scope]
        for child in self.children(scope):
            inside += self.within(child)
        return inside

    def region_of(self, scope: str) -> Region | None:
        """The region a place lies in (a region is its own)."""
        place = self.place(scope)
        if place is None or isinstance(place, Region):
            return place
        return next(r for r in self.regions if r.pk == place.region_id)

    def scope_choices(self) -> list[tuple[str, str]]:
        """Each region, then its learning cities and its governorates."""
        choices = []
        for region in self.regions:
            choices.append((scope_key(region.pk, None, None), region.name))
            choices += [(f"city:{c.pk}", c.name) for c in self.cities if c.region_id == region.pk]
            choices += [
                (f"governorate:{g.pk}", g.name) for g in self.governorates if g.region_id == region.pk
            ]
        return choices


def place_scope(place: Region | LearningCity | Governorate) -> str:
    if isinstance(place, Governorate):
        return scope_key(None, None, place.pk)
    if isinstance(place, LearningCity):
        return scope_key(None, place.pk, None)
    return scope_key(place.pk, None, None)


def geography() -> Geography | None:
    regions = list(Region.objects.order_by("pk"))
    if not regions:
        return None
    return Geography(
        regions=regions,
        cities=list(LearningCity.objects.all()),
        governorates=list(Governorate.objects.all()),
    )


def value_at(scope: str, cells: dict[str, calc.Point], geo: Geography, rule: str) -> Decimal | None:
    """The value of a place: reported for it directly, or rolled up from the places inside it
    (each weighted by its own denominator, else its population)."""
    cell = cells.get(scope)
    if cell is not None:
        return cell.value
    points = []
    for child in geo.roll_up(scope):
        cell = cells.get(child.scope)
        if cell is not None:  # reported: no need to walk further (the scorecard's usual case)
            points.append(calc.Point(cell.value, cell.weight or child.population))
        elif child.only is not None and (only := cells.get(child.only)) is not None:
            # A learning city of one reported governorate is that governorate's value (any
            # rule), weighted by the city's population — what the walk below would give, a
            # third of the region scorecard's calls fewer.
            points.append(calc.Point(only.value, child.population))
        elif child.nested and (value := value_at(child.scope, cells, geo, rule)) is not None:
            points.append(calc.Point(value, child.population))
    return calc.combine_places(points, rule)


def scope_choices(geo: Geography | None) -> list[tuple[str, str]]:
    return geo.scope_choices() if geo is not None else []
