# The platform's image: one image for the web processes and the workers (compose.yaml).
# The same settings run without containers: see docs/deployment.md.
FROM python:3.11-slim-bookworm

# WeasyPrint's Pango and the Arabic fonts the PDFs embed; pg_dump for `learningcity backup`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-noto-core fonts-hosny-amiri \
       postgresql-client gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --home /srv/learningcity --uid 1000 learningcity
WORKDIR /srv/learningcity
COPY pyproject.toml requirements.lock README.md ./
COPY learningcity ./learningcity
RUN pip install --no-cache-dir -c requirements.lock . \
    && cd learningcity && django-admin compilemessages --ignore "static/*" >/dev/null

ENV DJANGO_ENV=production \
    LEARNINGCITY_DATA_DIR=/var/lib/learningcity \
    LOG_FORMAT=json \
    PYTHONUNBUFFERED=1
RUN mkdir -p /var/lib/learningcity && chown learningcity /var/lib/learningcity
USER learningcity
# collectstatic needs the settings, which need the production secrets: the image collects with
# throw-away values (static files do not depend on them).
RUN SECRET_KEY=build ALLOWED_HOSTS=build CREDENTIAL_SIGNING_KEY=Jq3v0kVYbJ1dAe0m9w9f7mDq1b0Qk3oP2x6rT8uVwXs \
    learningcity collectstatic --no-input -v 0

EXPOSE 8000
CMD ["gunicorn", "learningcity.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
