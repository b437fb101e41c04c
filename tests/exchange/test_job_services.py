"""The services that start imports and exports refuse what the pages refuse, so a caller that
is not a page (a command, the API, a future view) cannot get around them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from learningcity.exchange import services
from learningcity.exchange.models import ImportRun

pytestmark = pytest.mark.django_db

CSV = b"external_id,name_ar,sector,entity_type\nS-1,\xd8\xac\xd9\x87\xd8\xa9,government,school\n"


def test_an_import_is_checked_first_and_committed_only_by_its_owner_or_a_manager(
    manager, coordinator_a, coordinator_b
):
    check = services.import_check_start(
        kind="partners", upload=SimpleUploadedFile("p.csv", CSV), language="ar", by=manager
    )
    check.refresh_from_db()
    assert check.mode == "check" and check.status == "done"
    with pytest.raises(PermissionDenied):
        services.import_commit(check=check, language="ar", by=coordinator_b)
    run = services.import_commit(check=check, language="ar", by=manager)
    assert run.checked_by == check and run.mode == "commit"
    with pytest.raises(ValidationError):
        services.import_commit(check=run, language="ar", by=manager)  # not a check
    assert ImportRun.objects.count() == 2


def test_a_learner_starts_no_export(learner):
    with pytest.raises(PermissionDenied):
        services.export_start(kind="partners", fmt="csv", language="ar", by=learner)
