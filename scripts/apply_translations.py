#!/usr/bin/env python3
"""Merge translations into the catalogues, then fill the English catalogue.

Usage: scripts/apply_translations.py [mapping.py ...]

Each mapping file defines T = {msgid or (msgctxt, msgid): Arabic} and optionally
P = {msgid: [six Arabic plural forms]}. Entries already translated are left alone unless a
mapping gives them again. The English catalogue gets msgstr = msgid for every entry, so
both catalogues are complete (scripts/check_translations.py checks that).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "learningcity" / "locale"


def main(mapping_files: list[str]) -> None:
    singular: dict = {}
    plural: dict = {}
    for path in mapping_files:
        namespace = runpy.run_path(path)
        singular.update(namespace.get("T", {}))
        plural.update(namespace.get("P", {}))
    arabic = polib.pofile(str(LOCALE / "ar/LC_MESSAGES/django.po"))
    for entry in arabic:
        key = (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
        if entry.msgid_plural and entry.msgid in plural:
            entry.msgstr_plural = dict(enumerate(plural[entry.msgid]))
        elif key in singular:
            entry.msgstr = singular[key]
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    arabic.metadata["Language"] = "ar"
    arabic.save()
    english = polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po"))
    for entry in english:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    english.metadata["Language"] = "en"
    english.save()


if __name__ == "__main__":
    main(sys.argv[1:])
