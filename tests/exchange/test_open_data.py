"""Open data: public only, a valid Frictionless Data Package, a DCAT catalogue, and
opportunities as Open Referral HSDS 3 services that validate against HSDS's JSON Schemas."""

import csv
import io
import json
import re
from pathlib import Path

import frictionless
import jsonschema
import pyshacl
import pytest
import rdflib
from django.core.management import call_command
from django.utils import timezone
from rdflib.namespace import SH

from learningcity.indicators.models import Measurement
from tests.factories import (
    EntityFactory,
    IndicatorFactory,
    InitiativeFactory,
    OpportunityFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

HSDS = Path(__file__).resolve().parents[1] / "standards" / "hsds"
DCAT_AP = Path(__file__).resolve().parents[1] / "standards" / "dcat_ap"
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def public_world(entity_a):
    published = OpportunityFactory(provider=entity_a, title_ar="منشورة", latitude=24.47, longitude=39.61, venue_ar="القاعة",
                                   online_url="https://learn.example.sa/x", sign_language=True)  # fmt: skip
    published.age_groups.create(age_group="15-24")
    SessionFactory(opportunity=published)
    OpportunityFactory(provider=entity_a, title_ar="مسودة", status="draft")
    InitiativeFactory(owner_entity=entity_a)
    EntityFactory(status="inactive", name_ar="جهة غير نشطة")
    indicator = IndicatorFactory(is_public=True, code="PUB-1")
    hidden = IndicatorFactory(is_public=False, code="HID-1")
    region = published.learning_city.region
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - timezone.timedelta(days=1)).replace(day=1)
    for code, target, status, period in (
        ("v", indicator, "verified", this_month), ("s", indicator, "submitted", last_month), ("h", hidden, "verified", this_month),
    ):  # fmt: skip
        Measurement.objects.create(
            indicator=target, period_start=period, region=region,
            scope=f"region:{region.pk}", value=5, status=status, comment=code,
        )  # fmt: skip
    return published


def rows(client, kind):
    response = client.get(f"/open-data/data/{kind}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def test_only_public_records_are_published(client, public_world):
    assert [row["title_ar"] for row in rows(client, "opportunities")] == ["منشورة"]
    assert "جهة غير نشطة" not in [row["name_ar"] for row in rows(client, "partners")]
    assert [row["comment"] for row in rows(client, "measurements")] == ["v"]
    assert client.get("/open-data/data/attendance.csv").status_code == 404  # personal data is never open


def test_the_data_package_is_valid_frictionless(tmp_path, public_world):
    call_command("open_data_package", str(tmp_path / "package"))
    report = frictionless.validate(str(tmp_path / "package" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((tmp_path / "package" / "datapackage.json").read_text())
    assert {resource["name"] for resource in package["resources"]} == {
        "partners",
        "initiatives",
        "opportunities",
        "measurements",
        "skills",
    }


def test_the_served_package_points_at_the_csv_files(client, public_world):
    package = client.get("/open-data/datapackage.json").json()
    assert package["profile"] == "tabular-data-package" and package["licenses"][0]["name"] == "CC-BY-4.0"
    opportunities = next(r for r in package["resources"] if r["name"] == "opportunities")
    assert opportunities["path"].endswith("/open-data/data/opportunities.csv")
    assert [field["name"] for field in opportunities["schema"]["fields"]][:3] == [
        "external_id",
        "title_ar",
        "title_en",
    ]


def dcat_ap_violations(catalog: dict) -> list[str]:
    """SEMICeu's DCAT-AP 3.0.0 SHACL shapes (mandatory properties and ranges), run by pySHACL."""
    data = rdflib.Graph().parse(data=json.dumps(catalog), format="json-ld")
    shapes = rdflib.Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(DCAT_AP / name, format="turtle")
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return sorted(
        f"{results.value(result, SH.resultPath)}: {results.value(result, SH.resultMessage)}"
        for result in results.subjects(SH.resultSeverity, SH.Violation)
    )


def test_the_dcat_catalogue_conforms_to_dcat_ap_3(client, public_world):
    response = client.get("/open-data/catalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalog = response.json()
    assert dcat_ap_violations(catalog) == []
    for dataset in catalog["dcat:dataset"]:
        distribution = dataset["dcat:distribution"][0]
        assert distribution["dcat:downloadURL"]["@id"].endswith(
            f"/open-data/data/{dataset['dct:identifier']}.csv"
        )
        titles = {title["@language"]: title["@value"] for title in dataset["dct:title"]}
        assert ARABIC.search(titles["ar"]) and not ARABIC.search(titles["en"]), (
            titles
        )  # each tagged as what it is
    without_description = {name: value for name, value in catalog.items() if name != "dct:description"}
    assert any("description" in violation for violation in dcat_ap_violations(without_description))


def _hsds(name: str) -> dict:
    return json.loads((HSDS / name).read_text())


def hsds_errors(schema: dict, document: dict) -> list[str]:
    """Open Referral's compiled HSDS 3.0.1 schemas are self-contained JSON Schema 2020-12."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return sorted(
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)
    )


def test_opportunities_validate_as_hsds_3_services(client, public_world):
    services = client.get("/open-data/hsds/services.json").json()
    assert len(services) == 1
    service = services[0]
    assert hsds_errors(_hsds("service.json"), service) == []
    assert service["status"] == "active" and service["organization"]["name"]
    assert {location["location"]["location_type"] for location in service["service_at_locations"]} == {
        "physical",
        "virtual",
    }
    assert service["schedules"] and service["minimum_age"] == 15 and service["maximum_age"] == 24
    assert hsds_errors(_hsds("service.json"), {**service, "id": "lc-service-1"})  # ids are UUIDs
    assert hsds_errors(_hsds("service.json"), {**service, "status": "open"})  # the schema does check
    again = client.get("/open-data/hsds/services.json").json()[0]
    assert again["id"] == service["id"]  # the same record keeps its id in every export


def test_the_paged_services_follow_the_hsds_api(client, public_world):
    """HSDS 3's `GET /services`: its `Page` (openapi.json) around `service_list` items."""
    page_schema = _hsds("openapi.json")["components"]["schemas"]["Page"]
    body = client.get("/open-data/hsds/services", {"page": 1, "per_page": 10}).json()
    assert hsds_errors({**page_schema, "required": list(page_schema["properties"])}, body) == []
    assert (body["total_items"], body["total_pages"], body["size"]) == (1, 1, 1)
    assert body["first_page"] and body["last_page"] and not body["empty"]
    for item in body["contents"]:
        assert hsds_errors(_hsds("service_list.json"), item) == []
        assert "schedules" not in item
    beyond = client.get("/open-data/hsds/services", {"page": 2, "per_page": 10}).json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["page_number"] == 2
    for wrong in ({"page": "0"}, {"per_page": "501"}, {"page": "abc"}):
        assert client.get("/open-data/hsds/services", wrong).status_code == 400


def test_open_data_pages_need_no_sign_in(client, public_world):
    page = client.get("/ar/open-data/").content.decode()
    assert "datapackage.json" in page and "HSDS" in page
