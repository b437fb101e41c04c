import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
application = get_wsgi_application()

# Load every view now, then move everything loaded so far out of the garbage collector's way:
# a full collection otherwise walks these ~130,000 long-lived objects again and again, which
# paused every tenth API request for ~100 ms (bench/bench_lists.py). With gunicorn's preload
# the workers also share these pages instead of copying them.
get_resolver().url_patterns  # noqa: B018 - imported for its side effect
gc.freeze()
