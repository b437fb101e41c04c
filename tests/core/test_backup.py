"""learningcity backup / restore: a round trip brings back every table exactly (row counts and
checksums), and the uploaded files; a wrong or damaged archive is refused with the reason."""

import io
import json
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from learningcity.catalogue.models import Opportunity
from learningcity.core.backup import BackupError, restore, table_fingerprints
from learningcity.partners.models import Entity
from tests.factories import EntityFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_round_trip_restores_every_table_and_the_files(tmp_path, settings):
    entity = EntityFactory(name_ar="جمعية البر")
    SessionFactory(opportunity=OpportunityFactory(provider=entity, title_ar="دورة الخط العربي"))
    upload = settings.MEDIA_ROOT / "logos" / "logo.png"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\x89PNG saved")
    before = table_fingerprints()
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", "--output", str(archive), stdout=out)
    assert "Backed up" in out.getvalue() and archive.is_file()

    # Everything changes after the backup…
    Opportunity.objects.all().delete()
    Entity.objects.filter(pk=entity.pk).update(name_ar="اسم آخر")
    EntityFactory()
    upload.write_bytes(b"changed")
    (settings.MEDIA_ROOT / "stray.txt").write_text("added later")
    assert table_fingerprints() != before

    # …and the restore brings back exactly what was saved.
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "every table matches" in out.getvalue()
    assert table_fingerprints() == before
    assert Entity.objects.get(pk=entity.pk).name_ar == "جمعية البر"
    assert Opportunity.objects.get().title_ar == "دورة الخط العربي"
    assert upload.read_bytes() == b"\x89PNG saved" and not (settings.MEDIA_ROOT / "stray.txt").exists()


def test_the_manifest_lists_every_table_with_its_rows(tmp_path):
    EntityFactory.create_batch(3)
    archive = tmp_path / "b.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["vendor"] == connection.vendor
    assert manifest["tables"]["partners_entity"]["rows"] == 3
    assert "catalogue_opportunity_skills" in manifest["tables"]  # many-to-many links too


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(tmp_path):
    EntityFactory()
    before = table_fingerprints()
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="cannot be read as a backup archive"):
        call_command("restore", str(junk), "--yes")
    empty = tmp_path / "empty.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    with pytest.raises(BackupError, match="no readable manifest"):
        restore(empty)
    assert table_fingerprints() == before


def test_a_backup_of_another_database_kind_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = tmp_path / "other.tar.gz"
    manifest = json.dumps({"format": 1, "vendor": other, "tables": {}}).encode()
    with tarfile.open(archive, "w:gz") as opened:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        opened.addfile(info, io.BytesIO(manifest))
    with pytest.raises(BackupError, match=f"holds a {other} database"):
        restore(archive)
