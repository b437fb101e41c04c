"""Backing up and restoring the whole platform: the database and the uploaded files, in one
archive with a manifest of every table's row count and checksum.

    learningcity backup  [--output FILE]   # a .tar.gz archive
    learningcity restore FILE              # replaces the data, then checks it against the manifest

SQLite is copied with its online backup API (readers and writers carry on meanwhile);
PostgreSQL with pg_dump / pg_restore (custom format). The manifest's figures are taken in the
same snapshot as the copy — one read transaction on SQLite, an exported snapshot shared with
pg_dump on PostgreSQL — so a restore can prove it brought back exactly what was saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILE_ROOTS = {"media": "MEDIA_ROOT", "private": "PRIVATE_FILES_ROOT"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with the reason in plain words."""


@dataclass
class RestoreResult:
    tables: int
    rows: int
    mismatches: dict[str, tuple[Any, Any]]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _plain(value: Any) -> str:
    """One stable text for a value, whichever database it was read from."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return repr(value)


def table_fingerprints(cursor: Any = None) -> dict[str, dict[str, Any]]:
    """Every table the models keep (many-to-many links included): its row count and a SHA-256
    over its rows in primary-key order, as the database driver returns them. `cursor` reads
    another copy of the database (the backup file) with the same queries."""
    if cursor is None:
        with connection.cursor() as own:
            return table_fingerprints(own)
    fingerprints = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy:
            continue
        columns = [field.attname for field in meta.concrete_fields]
        sql, params = model._base_manager.order_by("pk").values_list(*columns).query.sql_with_params()
        assert not params  # no filter, so the same text runs on any connection
        cursor.execute(sql)
        digest = hashlib.sha256()
        rows = 0
        while chunk := cursor.fetchmany(5000):
            for row in chunk:
                digest.update("\x1f".join(map(_plain, row)).encode())
                digest.update(b"\x1e")
            rows += len(chunk)
        fingerprints[meta.db_table] = {"rows": rows, "sha256": digest.hexdigest()}
    return fingerprints


def _pg_arguments() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump / pg_restore from the settings."""
    database = connection.settings_dict
    arguments = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        arguments += ["--host", database["HOST"]]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", database["USER"]]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()[:2000]}")


def _copy_database(target: Path) -> dict[str, dict[str, Any]]:
    """Write the database to `target` and return the fingerprints of the same snapshot."""
    vendor = connection.vendor
    if vendor == "sqlite":
        # The backup API copies a consistent database however busy it is; the figures are
        # then taken from the copy itself.
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return _fingerprints_of_copy(target)
    if vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            fingerprints = table_fingerprints()
            arguments, environment = _pg_arguments()
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *arguments,
                ],
                environment,
            )
        return fingerprints
    raise BackupError(f"Backups are not supported on {vendor}.")


def _fingerprints_of_copy(path: Path) -> dict[str, dict[str, Any]]:
    # With the converters Django registers (dates, decimals), so values read as on the live database.
    copy = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        return table_fingerprints(copy.cursor())
    finally:
        copy.close()


def backup(output: Path) -> dict[str, Any]:
    """Write the archive to `output`; returns its manifest."""
    vendor = connection.vendor
    with tempfile.TemporaryDirectory() as work:
        database_file = Path(work) / DATABASE_FILES.get(vendor, "database")
        fingerprints = _copy_database(database_file)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": vendor,
            "tables": fingerprints,
        }
        manifest_file = Path(work) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_file, MANIFEST)
            archive.add(database_file, database_file.name)
            for name, setting in FILE_ROOTS.items():
                root = Path(getattr(settings, setting))
                if root.is_dir():
                    archive.add(root, name)
        partial.replace(output)  # never a half-written archive under the real name
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read().decode("utf-8")) if member else None
    except (KeyError, ValueError) as exc:
        raise BackupError("This file is not a platform backup: it has no readable manifest.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This backup was made by another version of the platform and cannot be read.")
    return manifest


def _restore_files(work: Path) -> None:
    for name, setting in FILE_ROOTS.items():
        root = Path(getattr(settings, setting))
        saved = work / name
        if root.exists():
            shutil.rmtree(root)
        if saved.is_dir():
            shutil.copytree(saved, root)


def restore(source: Path) -> RestoreResult:
    """Replace the database and the files with the archive's, then compare every table with
    the manifest."""
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{source} cannot be read as a backup archive: {exc}") from exc
    with archive, tempfile.TemporaryDirectory() as work_dir:
        manifest = _read_manifest(archive)
        vendor = connection.vendor
        if manifest.get("vendor") != vendor:
            raise BackupError(
                f"This backup holds a {manifest.get('vendor')} database; restore it into {manifest.get('vendor')}, "
                f"not {vendor}."
            )
        archive.extractall(work_dir, filter="data")  # refuses absolute paths, links out, devices
        work = Path(work_dir)
        database_file = work / DATABASE_FILES[vendor]
        if not database_file.is_file():
            raise BackupError("The archive has no database copy.")
        if vendor == "sqlite":
            connection.ensure_connection()
            saved = sqlite3.connect(database_file)
            try:
                saved.backup(connection.connection)
            finally:
                saved.close()
        else:
            connection.close()  # pg_restore drops and recreates the tables
            arguments, environment = _pg_arguments()
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *arguments,
                    str(database_file),
                ],
                environment,
            )
        _restore_files(work)
    now = table_fingerprints()
    expected = manifest["tables"]
    mismatches = {
        table: (expected.get(table), now.get(table))
        for table in sorted(set(expected) | set(now))
        if expected.get(table) != now.get(table)
    }
    return RestoreResult(
        tables=len(now), rows=sum(table["rows"] for table in now.values()), mismatches=mismatches
    )
