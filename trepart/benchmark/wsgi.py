"""The project's WSGI application as ``trepart bench --serve`` runs it under gunicorn: the
same application, with the bare reference view mounted beside the site's own addresses.

Only the bench server loads this module; the site itself never serves the bare view.
"""

from django.conf import settings

from trepart.wsgi import application

# Each request reads ROOT_URLCONF afresh, so setting it once here is enough.
settings.ROOT_URLCONF = "trepart.benchmark.serve_urls"

__all__ = ["application"]
