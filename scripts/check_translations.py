#!/usr/bin/env python3
"""CI check of the interface catalogues (ar and en).

Fails when:
- the source has strings the catalogues lack (someone forgot `make messages`),
- an Arabic or English entry is untranslated or fuzzy,
- a compiled .mo file is missing or does not match its .po (forgot `make compile-messages`),
- a translation drops or invents a %(placeholder)s.
The catalogues are restored afterwards: this script never changes the tree.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "learningcity"
LANGUAGES = ("ar", "en")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _key(entry: polib.POEntry | polib.MOEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _extracted_msgids() -> dict[str, set]:
    """Run makemessages on the real tree, read what it found, and put the catalogues back."""
    backup = Path(tempfile.mkdtemp())
    locale = PACKAGE / "locale"
    shutil.copytree(locale, backup / "locale")
    try:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "learningcity.settings"}
        args = [sys.executable, "-m", "learningcity.manage", "makemessages", "--no-obsolete", "--no-location"]
        args += ["--ignore", "static/*"] + [f"--locale={code}" for code in LANGUAGES]
        subprocess.run(args, cwd=PACKAGE, env=env, check=True, capture_output=True)
        return {
            code: {_key(e) for e in polib.pofile(str(locale / code / "LC_MESSAGES/django.po"))}
            for code in LANGUAGES
        }
    finally:
        shutil.rmtree(locale)
        shutil.copytree(backup / "locale", locale)
        shutil.rmtree(backup)


def _placeholders_match(entry: polib.POEntry) -> bool:
    expected = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
    translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
    # Arabic's zero/one/two forms may spell the number out, so plurals need only a subset.
    if entry.msgid_plural:
        return all(set(PLACEHOLDER.findall(text)) <= expected for text in translations)
    return all(set(PLACEHOLDER.findall(text)) == expected for text in translations)


def main() -> int:
    problems: list[str] = []
    extracted = _extracted_msgids()
    for code in LANGUAGES:
        po_path = PACKAGE / "locale" / code / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(po_path))
        keys = {_key(entry) for entry in catalogue if not entry.obsolete}
        for missing in sorted(extracted[code] - keys, key=str):
            problems.append(f"{code}: not in the catalogue (run `make messages`): {missing[1]!r}")
        for entry in catalogue.untranslated_entries():
            problems.append(f"{code}: untranslated: {entry.msgid!r}")
        for entry in catalogue.fuzzy_entries():
            problems.append(f"{code}: fuzzy: {entry.msgid!r}")
        for entry in catalogue.translated_entries():
            if not _placeholders_match(entry):
                problems.append(f"{code}: placeholders differ: {entry.msgid!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{code}: {mo_path.relative_to(ROOT)} is missing (run `make compile-messages`)")
            continue
        compiled = {
            _key(entry): (entry.msgstr, entry.msgstr_plural)
            for entry in polib.mofile(str(mo_path))
            if entry.msgid
        }
        source = {
            _key(entry): (entry.msgstr, entry.msgstr_plural) for entry in catalogue.translated_entries()
        }
        if compiled != source:
            problems.append(
                f"{code}: {mo_path.relative_to(ROOT)} is out of date (run `make compile-messages`)"
            )
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} translation problem(s).")
        return 1
    print("Translations complete: " + ", ".join(LANGUAGES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
