"""schema.org JSON-LD for opportunity pages, so search engines and city portals can list
them: a Course with CourseInstances for courses and e-learning, an EducationEvent per
session for everything else (workshops, lectures, visits…).

What Google's rich results ask of these types is met where the data allows: every course
instance says how long it takes (courseWorkload), an event always has its start, an address
says only what is known, an offer says whether places are left, the organiser has its page
and its logo is the image. Where the data cannot say it — an event with no session has no
date — nothing is claimed. tests/catalogue/test_structured_data.py runs schema.org's own
SHACL shapes on what the pages publish."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from learningcity.catalogue.models import AudienceSex, Opportunity, OpportunityType, Session, SessionStatus
from learningcity.core.addresses import absolute_url
from learningcity.partners.models import Entity

COURSE_TYPES = {OpportunityType.COURSE, OpportunityType.ELEARNING}
IN_LANGUAGE = {"ar": "ar", "en": "en", "ar-en": ["ar", "en"], "sgn": "sgn-SA"}


def _place(opportunity: Opportunity) -> dict[str, Any]:
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if opportunity.address:
        address["streetAddress"] = opportunity.address
    address.update(
        {
            "addressLocality": opportunity.governorate.name,
            "addressRegion": opportunity.governorate.region.name,
            "addressCountry": "SA",
        }
    )
    place: dict[str, Any] = {
        "@type": "Place",
        "name": opportunity.venue or opportunity.provider.name,
        "address": address,
    }
    if opportunity.latitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(opportunity.latitude),
            "longitude": float(opportunity.longitude),
        }
    return place


def _location(opportunity: Opportunity) -> Any:
    if opportunity.online_url and not (opportunity.venue_ar or opportunity.address):
        return {"@type": "VirtualLocation", "url": opportunity.online_url}
    if opportunity.online_url:
        return [_place(opportunity), {"@type": "VirtualLocation", "url": opportunity.online_url}]
    return _place(opportunity)


def _offer(opportunity: Opportunity, url: str, session: Session | None = None) -> dict[str, Any]:
    offer = {
        "@type": "Offer",
        "price": f"{opportunity.fee:.2f}",
        "priceCurrency": "SAR",
        "category": "Free" if opportunity.is_free else "Paid",
        "url": url,
    }
    if session is not None:
        offer["availability"] = _availability(session)
    return offer


def _availability(session: Session) -> dict[str, str]:
    """Places left, as the page counts them (selectors.session_list); a cancelled session
    offers none."""
    if session.status == SessionStatus.CANCELLED or getattr(session, "places_left", 1) <= 0:
        return _member("SoldOut")
    return _member("InStock")


def _member(name: str) -> dict[str, str]:
    """A member of a schema.org enumeration, as the node it is: schema.org's context leaves
    these properties untyped, so to a JSON-LD reader a bare address would be text, which the
    property's range (an enumeration) does not admit."""
    return {"@id": f"https://schema.org/{name}"}


def _organization(entity: Entity) -> dict[str, Any]:
    organization: dict[str, Any] = {
        "@type": "Organization",
        "name": entity.name,
        "url": absolute_url(reverse("catalogue:provider_detail", args=[entity.pk])),
    }
    if entity.logo:
        organization["logo"] = _image(entity)
    return organization


def _image(entity: Entity) -> str:
    return absolute_url(entity.logo.url)


def _workload(opportunity: Opportunity, session: Session | None) -> str | None:
    """ISO 8601 duration of the learning: the opportunity's hours, else the session's length."""
    if opportunity.hours:
        minutes = int(opportunity.hours * 60)
    elif session is not None:
        minutes = int((session.ends_at - session.starts_at) / dt.timedelta(minutes=1))
    else:
        return None
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


def _audience(audience: str) -> dict[str, Any]:
    audience_value: dict[str, Any] = {"@type": "PeopleAudience"}
    if audience == AudienceSex.MEN:
        audience_value["requiredGender"] = "Male"
    elif audience == AudienceSex.WOMEN:
        audience_value["requiredGender"] = "Female"
    return audience_value


def _event(opportunity: Opportunity, session: Session, url: str) -> dict[str, Any]:
    event = {
        "@type": "EducationEvent",
        "name": opportunity.title,
        "description": opportunity.description,
        "url": url,
        "startDate": timezone.localtime(session.starts_at).isoformat(),
        "endDate": timezone.localtime(session.ends_at).isoformat(),
        "eventStatus": _member(
            "EventCancelled" if session.status == SessionStatus.CANCELLED else "EventScheduled"
        ),
        "eventAttendanceMode": _member(
            "OnlineEventAttendanceMode"
            if opportunity.online_url and not opportunity.venue_ar
            else "OfflineEventAttendanceMode"
        ),
        "location": _location(opportunity),
        "organizer": _organization(opportunity.provider),
        "maximumAttendeeCapacity": session.capacity,
        "audience": _audience(session.audience),
        "offers": _offer(opportunity, url, session),
        "inLanguage": IN_LANGUAGE.get(opportunity.language, "ar"),
        "isAccessibleForFree": opportunity.is_free,
    }
    if opportunity.provider.logo:
        event["image"] = _image(opportunity.provider)
    return event


def opportunity_json_ld(
    opportunity: Opportunity, sessions: list[Session], request: HttpRequest
) -> dict[str, Any] | None:
    url = absolute_url(opportunity.get_absolute_url())
    skills = [skill.name for skill in opportunity.skills.all()]
    if opportunity.opportunity_type in COURSE_TYPES:
        course: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": opportunity.title,
            "description": opportunity.description,
            "url": url,
            "provider": _organization(opportunity.provider),
            "inLanguage": IN_LANGUAGE.get(opportunity.language, "ar"),
            "isAccessibleForFree": opportunity.is_free,
            "offers": _offer(opportunity, url),
            "audience": _audience(opportunity.audience_sex),
        }
        if skills:
            course["teaches"] = skills
        if opportunity.prerequisites:
            course["coursePrerequisites"] = opportunity.prerequisites
        if opportunity.credential != "none":
            course["educationalCredentialAwarded"] = opportunity.get_credential_display()
        if opportunity.provider.logo:
            course["image"] = _image(opportunity.provider)
        mode = "online" if opportunity.online_url and not opportunity.venue_ar else "onsite"
        instances = []
        for session in sessions:
            instance = {
                "@type": "CourseInstance",
                "courseMode": mode,
                "startDate": timezone.localtime(session.starts_at).isoformat(),
                "endDate": timezone.localtime(session.ends_at).isoformat(),
                "location": _location(opportunity),
                "courseWorkload": _workload(opportunity, session),
                "offers": _offer(opportunity, url, session),
            }
            instances.append(instance)
        workload = _workload(opportunity, None)
        if not instances and workload:
            # Self-paced, or not yet scheduled: one instance that says how long it takes.
            instances.append(
                {
                    "@type": "CourseInstance",
                    "courseMode": mode,
                    "location": _location(opportunity),
                    "courseWorkload": workload,
                }
            )
        if instances:  # an empty list tells a search engine nothing and it counts it an error
            course["hasCourseInstance"] = instances
        return course
    events = [_event(opportunity, session, url) for session in sessions]
    if not events:
        return None  # an event without a date is no event to a search engine or a calendar
    if len(events) == 1:
        return {"@context": "https://schema.org", **events[0]}
    return {"@context": "https://schema.org", "@graph": events}
