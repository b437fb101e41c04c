"""The schema.org JSON-LD on opportunity pages, judged by schema.org's own SHACL shapes
(tests/schema_org.py) and by what Google's rich-result documentation asks of a Course
(developers.google.com/search/docs/appearance/structured-data/course-info: every instance
has a courseMode and a courseWorkload or courseSchedule; offers carry a category) and of an
Event (…/structured-data/event: a startDate, a location with a name and an address;
recommended: offers with availability, an organizer with a url, an image). Google publishes
those as prose, so the second half is checked here as the documentation words it."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from learningcity.catalogue.services.registrations import registration_create
from tests import schema_org
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def json_ld(client, opportunity) -> list[dict[str, Any]]:
    """The page's JSON-LD, as every node it describes at the top."""
    body = client.get(f"/ar/opportunities/{opportunity.pk}/").content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    if match is None:
        return []
    data = json.loads(match.group(1))
    return [{"@context": data["@context"], **node} for node in data["@graph"]] if "@graph" in data else [data]


def empty_values(node: Any, path: str = "") -> list[str]:
    """Every property whose value says nothing: an empty text or an empty list."""
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in empty_values(value, f"{path}.{key}")]
    if isinstance(node, list):
        if not node:
            return [path]
        return [found for item in node for found in empty_values(item, path)]
    return [path] if node == "" else []


def _png() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0b5d4b").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


@pytest.fixture
def pages(opportunity, client):
    """One of each kind the catalogue publishes, the way providers fill them in."""
    provider = opportunity.provider
    provider.logo.save("logo.png", _png())
    on_site = opportunity  # a course with a session, no street address typed
    SessionFactory(opportunity=on_site)
    online = OpportunityFactory(provider=provider, online_url="https://meet.example.sa/course", hours=6)
    unscheduled = OpportunityFactory(provider=provider, hours=0)
    workshop = OpportunityFactory(
        provider=provider,
        opportunity_type="workshop",
        venue_ar="قاعة الملك سلمان",
        address="طريق الملك عبدالله",
    )
    full = SessionFactory(opportunity=workshop, capacity=1)
    registration_create(learner=LearnerFactory(), session=full)
    SessionFactory(opportunity=workshop, starts_at=timezone.now() + dt.timedelta(days=14))
    lecture = OpportunityFactory(
        provider=provider, opportunity_type="lecture", latitude=24.47, longitude=39.61
    )
    SessionFactory(opportunity=lecture)
    undated = OpportunityFactory(provider=provider, opportunity_type="visit")
    return {
        name: json_ld(client, page)
        for name, page in {
            "on_site": on_site,
            "online": online,
            "unscheduled": unscheduled,
            "workshop": workshop,
            "lecture": lecture,
            "undated": undated,
        }.items()
    }


def test_every_page_passes_schema_orgs_own_shapes(pages):
    documents = [node for nodes in pages.values() for node in nodes]
    assert len(documents) == 6  # two courses and an unscheduled one, three events
    assert schema_org.violations(*documents) == []


def test_the_shapes_catch_a_wrong_range():
    wrong = {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        "name": "ورشة",
        "maximumAttendeeCapacity": "كثير",
        "organizer": "جهة",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    found = "\n".join(schema_org.violations(wrong))
    for path in ("maximumAttendeeCapacity", "organizer", "eventStatus"):
        assert f"EducationEvent.{path}:" in found, path


def test_no_property_is_published_empty(pages):
    empty = {name: [path for node in nodes for path in empty_values(node)] for name, nodes in pages.items()}
    assert {name: paths for name, paths in empty.items() if paths} == {}


def test_every_course_instance_says_how_it_is_taken_and_how_long(pages):
    instances = [
        instance
        for name in ("on_site", "online", "unscheduled")
        for course in pages[name]
        for instance in course.get("hasCourseInstance", [])
    ]
    assert len(instances) == 2  # the unscheduled course without hours has nothing to claim
    assert all(
        i["courseMode"] in ("onsite", "online") and re.fullmatch(r"PT\d+H(\d+M)?", i["courseWorkload"])
        for i in instances
    )
    (online,) = pages["online"]
    assert online["hasCourseInstance"][0]["courseMode"] == "online"
    assert online["hasCourseInstance"][0]["courseWorkload"] == "PT6H"
    assert "hasCourseInstance" not in pages["unscheduled"][0]
    assert all(
        course["offers"]["category"] in ("Free", "Paid")
        for name in ("on_site", "online")
        for course in pages[name]
    )


def test_every_event_has_its_start_place_places_left_and_organiser(pages, client):
    events = pages["workshop"] + pages["lecture"]
    assert len(events) == 3 and pages["undated"] == []  # no session, no date, no event
    for event in events:
        assert event["startDate"] and event["endDate"]
        place = event["location"]
        assert (
            place["name"]
            and place["address"]["addressLocality"]
            and place["address"]["addressCountry"] == "SA"
        )
        assert event["image"].endswith(".png") and event["organizer"]["url"]
        assert client.get(urlsplit(event["organizer"]["url"]).path).status_code == 200
    availability = [event["offers"]["availability"]["@id"] for event in pages["workshop"]]
    assert availability == ["https://schema.org/SoldOut", "https://schema.org/InStock"]
    assert pages["workshop"][0]["location"]["address"]["streetAddress"] == "طريق الملك عبدالله"
    assert "streetAddress" not in pages["lecture"][0]["location"]["address"]
