"""Open data: the public datasets as CSV, described by a Frictionless Data Package and a DCAT
catalogue, and learning opportunities in the Open Referral HSDS 3 shape (for directories of
services). Only what is already public on the site is published: active partners, initiatives,
published opportunities and verified values of public indicators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from learningcity.catalogue.models import Opportunity, OpportunityStatus, SessionStatus
from learningcity.core.addresses import absolute_url
from learningcity.core.identifiers import stable_uuid
from learningcity.exchange.datasets import DATASETS, Dataset
from learningcity.exchange.exports import csv_lines, records

LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
LICENSE_DOCUMENT = {"@id": LICENSE["path"], "@type": "dct:LicenseDocument"}
DESCRIPTIONS = {
    "partners": (
        "الجهات الشريكة النشطة في برنامج مدن التعلم",
        "Active partner entities of the learning-city programme",
    ),
    "initiatives": ("مبادرات خارطة الطريق وحالتها", "The roadmap's initiatives and their status"),
    "opportunities": (
        "فرص التعلم المنشورة للمواطنين والمقيمين",
        "Published learning opportunities for citizens and residents",
    ),
    "measurements": (
        "القيم المعتمدة لمؤشرات الأداء العامة",
        "Verified values of the public performance indicators",
    ),
    "skills": (
        "قائمة المهارات التي تعلّمها فرص التعلم ويطلبها الشركاء",
        "The skills learning opportunities teach and partners ask for",
    ),
}


def public_datasets() -> list[Dataset]:
    return [
        dataset for dataset in DATASETS.values() if dataset.public and dataset.public_queryset() is not None
    ]


def csv_url(kind: str) -> str:
    return absolute_url(reverse("open_data_csv", args=[kind]))


def modified(queryset: QuerySet) -> str:
    field = "updated_at" if any(f.name == "updated_at" for f in queryset.model._meta.fields) else None
    moment = queryset.aggregate(latest=Max(field))["latest"] if field else None
    return (moment or timezone.now()).date().isoformat()


def open_csv(dataset: Dataset):  # an iterator of text chunks
    return csv_lines(dataset, records(dataset, dataset.public_queryset()), "en", machine=True)


def data_package(*, local: bool = False) -> dict[str, Any]:
    """A Frictionless Tabular Data Package; `local` gives file names instead of URLs (for
    writing the package to a folder)."""
    resources = []
    for dataset in public_datasets():
        resources.append(
            {
                "name": dataset.kind,
                "title": DESCRIPTIONS[dataset.kind][1],
                "description": DESCRIPTIONS[dataset.kind][0],
                "path": f"{dataset.kind}.csv" if local else csv_url(dataset.kind),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": dataset.schema.descriptor(),
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "learning-city-platform",
        "title": f"{settings.PLATFORM_ADMINISTRATION_NAME_EN} — learning-city open data",
        "description": settings.PLATFORM_ADMINISTRATION_NAME_AR,
        "homepage": absolute_url("/ar/open-data/"),
        "created": timezone.now().isoformat(timespec="seconds"),
        "licenses": [LICENSE],
        "resources": resources,
    }


def write_data_package(directory: Path) -> Path:
    """The package and its CSV files, written to `directory` (for a portal or an archive)."""
    import json

    directory.mkdir(parents=True, exist_ok=True)
    for dataset in public_datasets():
        with (directory / f"{dataset.kind}.csv").open("w", encoding="utf-8", newline="") as handle:
            for chunk in open_csv(dataset):
                handle.write(chunk)
    path = directory / "datapackage.json"
    path.write_text(json.dumps(data_package(local=True), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _in_language(text: Any, language: str) -> str:
    with translation.override(language):
        return str(text)


def dcat_catalog() -> dict[str, Any]:
    """The datasets as a DCAT catalogue in JSON-LD (for national and international portals)."""
    # Every object carries the class DCAT-AP's range shapes name (a validator does not infer
    # that a foaf:Organization is a foaf:Agent), and each value set is an IRI of its authority
    # list: the EU's file types, IANA's media types.
    publisher = {"@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": [
        {"@value": settings.PLATFORM_ADMINISTRATION_NAME_AR, "@language": "ar"},
        {"@value": settings.PLATFORM_ADMINISTRATION_NAME_EN, "@language": "en"},
    ]}  # fmt: skip
    datasets = []
    for dataset in public_datasets():
        description_ar, description_en = DESCRIPTIONS[dataset.kind]
        datasets.append(
            {
                "@id": absolute_url(f"/open-data/#{dataset.kind}"),
                "@type": "dcat:Dataset",
                "dct:identifier": dataset.kind,
                "dct:title": [
                    {"@value": _in_language(dataset.label, "ar"), "@language": "ar"},
                    {"@value": _in_language(dataset.label, "en"), "@language": "en"},
                ],
                "dct:description": [
                    {"@value": description_en, "@language": "en"},
                    {"@value": description_ar, "@language": "ar"},
                ],
                "dct:publisher": publisher,
                "dct:modified": {"@value": modified(dataset.public_queryset()), "@type": "xsd:date"},
                "dct:license": LICENSE_DOCUMENT,
                "dcat:keyword": [
                    {"@value": "learning city", "@language": "en"},
                    {"@value": "lifelong learning", "@language": "en"},
                    {"@value": "UNESCO GNLC", "@language": "en"},
                    {"@value": "مدن التعلم", "@language": "ar"},
                    {"@value": "التعلم مدى الحياة", "@language": "ar"},
                ],
                # The Madinah region in GeoNames.
                "dct:spatial": {"@id": "https://www.geonames.org/109224", "@type": "dct:Location"},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcat:accessURL": {"@id": csv_url(dataset.kind)},
                        "dcat:downloadURL": {"@id": csv_url(dataset.kind)},
                        "dcat:mediaType": {
                            "@id": "https://www.iana.org/assignments/media-types/text/csv",
                            "@type": "dct:MediaType",
                        },
                        "dct:format": {
                            "@id": "http://publications.europa.eu/resource/authority/file-type/CSV",
                            "@type": "dct:MediaTypeOrExtent",
                        },
                        "dct:conformsTo": {
                            "@id": absolute_url(reverse("open_data_package")),
                            "@type": "dct:Standard",
                        },
                        "dct:license": LICENSE_DOCUMENT,
                    }
                ],
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": absolute_url("/open-data/catalog.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": [
            {"@value": "بيانات مدن التعلم المفتوحة", "@language": "ar"},
            {"@value": "Learning cities open data", "@language": "en"},
        ],
        "dct:description": [
            {
                "@value": f"البيانات العامة لبرنامج مدن التعلم في {settings.PLATFORM_ADMINISTRATION_NAME_AR}: "
                "الشركاء والمبادرات والمؤشرات وفرص التعلم والمهارات، ملفات CSV موصوفة بحزمة بيانات Frictionless.",
                "@language": "ar",
            },
            {
                "@value": f"The learning-city programme's public data of the {settings.PLATFORM_ADMINISTRATION_NAME_EN}: "
                "partners, initiatives, indicators, learning opportunities and skills, as CSV files described "
                "by a Frictionless Data Package.",
                "@language": "en",
            },
        ],
        "dct:publisher": publisher,
        "dct:license": LICENSE_DOCUMENT,
        "dcat:dataset": datasets,
    }


# --- Open Referral HSDS 3 ------------------------------------------------------------------------

HSDS_LANGUAGES = {"ar": [("Arabic", "ar")], "en": [("English", "en")], "ar-en": [("Arabic", "ar"), ("English", "en")],
                  "sgn": [("Saudi Sign Language", "sdl")]}  # fmt: skip


def hsds_services() -> list[dict[str, Any]]:
    """Published opportunities as HSDS 3 services, each with its organization, location(s),
    schedules (its sessions), languages and cost."""
    return [hsds_service(opportunity) for opportunity in _published_for_hsds().iterator(chunk_size=500)]


def _published_for_hsds() -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)
        .select_related("provider", "governorate")
        .prefetch_related("sessions", "age_groups")
        .order_by("pk")
    )


def _hsds_id(kind: str, pk: Any) -> str:
    """HSDS wants a UUID for every record, the same in every export (core/identifiers.py)."""
    return str(stable_uuid(f"hsds-{kind}", pk))


# What HSDS's paged list of services (`service_list`) leaves out of a service: its arrays.
HSDS_LIST_LEAVES_OUT = ("service_at_locations", "schedules", "languages", "cost_options")
HSDS_MOST_PER_PAGE = 500


def hsds_services_page(*, page: int, per_page: int) -> dict[str, Any]:
    """One page of published services in the HSDS 3 API's paged shape (its `Page`: totals,
    page number, first/last/empty), each service without its nested arrays, as HSDS's
    `service_list` has them; the whole record of each is in `hsds_services()`."""
    opportunities = _published_for_hsds()
    total = opportunities.count()
    pages = max(1, -(-total // per_page))
    chosen = list(opportunities[(page - 1) * per_page : page * per_page])
    contents = [
        {name: value for name, value in hsds_service(opportunity).items() if name not in HSDS_LIST_LEAVES_OUT}
        for opportunity in chosen
    ]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def hsds_service(opportunity: Opportunity) -> dict[str, Any]:
    service_id = _hsds_id("service", opportunity.pk)
    provider = opportunity.provider
    url = absolute_url(f"/ar/opportunities/{opportunity.pk}/")
    locations = []
    if opportunity.venue_ar or opportunity.address or opportunity.latitude is not None:
        location = {
            "id": _hsds_id("location", opportunity.pk),
            "location_type": "physical",
            "organization_id": _hsds_id("organization", provider.pk),
            "name": opportunity.venue_ar or provider.name_ar,
            "description": ", ".join(
                part for part in (opportunity.address, opportunity.governorate.name_ar) if part
            ),
        }
        if opportunity.latitude is not None:
            location.update(latitude=float(opportunity.latitude), longitude=float(opportunity.longitude))
        locations.append(location)
    if opportunity.online_url:
        locations.append({"id": _hsds_id("online", opportunity.pk), "location_type": "virtual", "url": opportunity.online_url,
                          "name": opportunity.title_ar})  # fmt: skip
    schedules = []
    for session in opportunity.sessions.all():
        if session.status != SessionStatus.SCHEDULED:
            continue
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        schedules.append(
            {
                "id": _hsds_id("schedule", session.pk),
                "service_id": service_id,
                "valid_from": starts.date().isoformat(),
                "valid_to": ends.date().isoformat(),
                "dtstart": starts.date().isoformat(),
                "timezone": 3,
                "opens_at": starts.strftime("%H:%M+03:00"),
                "closes_at": ends.strftime("%H:%M+03:00"),
                "description": session.note_ar or session.get_audience_display(),
                "schedule_link": absolute_url(f"/ar/opportunities/sessions/{session.pk}/register/"),
            }
        )
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": _hsds_id("organization", provider.pk),
        "name": opportunity.title_ar,
        "alternate_name": opportunity.title_en,
        "description": opportunity.description_ar,
        "url": url,
        "status": "active",
        "application_process": "التسجيل عبر منصة مدن التعلم / Register on the Learning City Platform",
        "fees_description": "مجانية / Free" if opportunity.is_free else f"{opportunity.fee} SAR",
        "eligibility_description": opportunity.get_audience_sex_display(),
        "interpretation_services": "ترجمة بلغة الإشارة / Sign-language interpretation"
        if opportunity.sign_language
        else "",
        "assured_date": opportunity.updated_at.date().isoformat(),
        "organization": {
            "id": _hsds_id("organization", provider.pk),
            "name": provider.name_ar,
            "alternate_name": provider.name_en,
            "description": provider.description_ar or provider.name_ar,
        },
        "service_at_locations": [
            {
                "id": _hsds_id("service-at-location", location["id"]),
                "service_id": service_id,
                "location_id": location["id"],
                "location": location,
            }
            for location in locations
        ],
        "schedules": schedules,
        "languages": [
            {
                "id": _hsds_id(f"language-{code}", opportunity.pk),
                "service_id": service_id,
                "name": name,
                "code": code,
            }
            for name, code in HSDS_LANGUAGES.get(opportunity.language, [])
        ],
        "cost_options": [
            {
                "id": _hsds_id("cost", opportunity.pk),
                "service_id": service_id,
                "currency": "SAR",
                "amount": float(opportunity.fee),
                "option": "standard",
            }
        ],  # fmt: skip
    }
    if provider.website:
        service["organization"]["website"] = provider.website
    ages = sorted(group.age_group for group in opportunity.age_groups.all())
    if ages:
        bounds = [int(part) for age in ages for part in age.replace("+", "").split("-")]
        service["minimum_age"] = min(bounds)
        if "65+" not in ages:
            service["maximum_age"] = max(bounds)
    if not service["interpretation_services"]:
        del service["interpretation_services"]
    return service
