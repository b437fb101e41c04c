#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the browser tests, Arabic fonts for real
# rendering, poppler-utils for PDF text checks, gettext for the translation tools,
# postgresql-client for `learningcity backup` / `restore` on PostgreSQL, a Java runtime for the
# Nu HTML Checker (tests/test_html_conformance.py).
# Installs only what is missing, and only when it can (as root); otherwise says what to install.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Naskh Arabic" || missing+=(fonts-noto-core)
fc-list 2>/dev/null | grep -qi "Amiri" || missing+=(fonts-hosny-amiri)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]} — install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
