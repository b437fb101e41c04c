from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from learningcity.core.decorators import staff_required
from learningcity.core.models import LearningCity
from learningcity.programme import selectors
from learningcity.programme.models import Axis, InitiativeStatus


def _city(request: HttpRequest) -> LearningCity | None:
    code = request.GET.get("city")
    return LearningCity.objects.filter(code=code).first() if code else None


@staff_required
def roadmap(request: HttpRequest) -> HttpResponse:
    city = _city(request)
    return render(
        request,
        "programme/roadmap.html",
        {"axes": selectors.roadmap(learning_city=city), "cities": LearningCity.objects.all(), "city": city},
    )


@staff_required
def timeline(request: HttpRequest) -> HttpResponse:
    cities = list(LearningCity.objects.all())
    city = _city(request) or (cities[0] if cities else None)
    data = selectors.timeline(learning_city=city) if city else {"rows": []}
    return render(request, "programme/timeline.html", {"cities": cities, "city": city, **data})


@staff_required
def axis_board(request: HttpRequest, number: int) -> HttpResponse:
    axis = get_object_or_404(Axis, number=number)
    initiatives = selectors.initiative_list(filters={"axis": axis})
    behind = selectors.behind_schedule_ids(initiatives)
    columns = [
        {"status": status, "label": label, "initiatives": [i for i in initiatives if i.status == status]}
        for status, label in InitiativeStatus.choices
    ]
    return render(
        request,
        "programme/axis_board.html",
        {
            "axis": axis,
            "columns": columns,
            "behind": behind,
            "tracks": selectors.track_progress().filter(axis=axis),
        },
    )
