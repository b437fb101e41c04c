"""schema.org JSON-LD for opportunity pages, so search engines and city portals can list
them: a Course with CourseInstances for courses and e-learning, an EducationEvent per
session for everything else (workshops, lectures, visits…)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from learningcity.catalogue.models import AudienceSex, Opportunity, OpportunityType, Session, SessionStatus
from learningcity.core.addresses import absolute_url

COURSE_TYPES = {OpportunityType.COURSE, OpportunityType.ELEARNING}
IN_LANGUAGE = {"ar": "ar", "en": "en", "ar-en": ["ar", "en"], "sgn": "sgn-SA"}


def _place(opportunity: Opportunity) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "Place",
        "name": opportunity.venue or opportunity.provider.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": opportunity.address,
            "addressLocality": opportunity.governorate.name,
            "addressCountry": "SA",
        },
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


def _offer(opportunity: Opportunity, url: str) -> dict[str, Any]:
    return {
        "@type": "Offer",
        "price": f"{opportunity.fee:.2f}",
        "priceCurrency": "SAR",
        "category": "Free" if opportunity.is_free else "Paid",
        "url": url,
    }


def _audience(audience: str) -> dict[str, Any]:
    audience_value: dict[str, Any] = {"@type": "PeopleAudience"}
    if audience == AudienceSex.MEN:
        audience_value["requiredGender"] = "Male"
    elif audience == AudienceSex.WOMEN:
        audience_value["requiredGender"] = "Female"
    return audience_value


def _event(opportunity: Opportunity, session: Session, url: str) -> dict[str, Any]:
    return {
        "@type": "EducationEvent",
        "name": opportunity.title,
        "startDate": timezone.localtime(session.starts_at).isoformat(),
        "endDate": timezone.localtime(session.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if session.status == SessionStatus.CANCELLED
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if opportunity.online_url and not opportunity.venue_ar
        else "https://schema.org/OfflineEventAttendanceMode",
        "location": _location(opportunity),
        "organizer": {"@type": "Organization", "name": opportunity.provider.name},
        "maximumAttendeeCapacity": session.capacity,
        "audience": _audience(session.audience),
        "offers": _offer(opportunity, url),
        "inLanguage": IN_LANGUAGE.get(opportunity.language, "ar"),
        "isAccessibleForFree": opportunity.is_free,
    }


def opportunity_json_ld(
    opportunity: Opportunity, sessions: list[Session], request: HttpRequest
) -> dict[str, Any]:
    url = absolute_url(opportunity.get_absolute_url())
    skills = [skill.name for skill in opportunity.skills.all()]
    if opportunity.opportunity_type in COURSE_TYPES:
        course: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": opportunity.title,
            "description": opportunity.description,
            "url": url,
            "provider": {"@type": "Organization", "name": opportunity.provider.name},
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
        instances = []
        for session in sessions:
            instance = {
                "@type": "CourseInstance",
                "courseMode": "online" if opportunity.online_url and not opportunity.venue_ar else "onsite",
                "startDate": timezone.localtime(session.starts_at).isoformat(),
                "endDate": timezone.localtime(session.ends_at).isoformat(),
                "location": _location(opportunity),
            }
            if opportunity.hours:
                instance["courseWorkload"] = f"PT{int(opportunity.hours)}H"
            instances.append(instance)
        if not instances and opportunity.online_url:
            instances.append(
                {"@type": "CourseInstance", "courseMode": "online", "location": _location(opportunity)}
            )
        course["hasCourseInstance"] = instances
        return course
    events = [_event(opportunity, session, url) for session in sessions]
    if len(events) == 1:
        return {"@context": "https://schema.org", **events[0]}
    return (
        {"@context": "https://schema.org", "@graph": events}
        if events
        else {
            "@context": "https://schema.org",
            "@type": "EducationEvent",
            "name": opportunity.title,
            "description": opportunity.description,
            "url": url,
            "location": _location(opportunity),
            "organizer": {"@type": "Organization", "name": opportunity.provider.name},
        }
    )
