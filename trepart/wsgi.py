"""WSGI entry point for gunicorn, waitress or any other WSGI server."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trepart.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their libraries) lives as long as the process:
# move it out of the garbage collector's reach, so a full collection during a request scans
# only that request's objects (tens of milliseconds less at the tail of large pages).
gc.collect()
gc.freeze()
