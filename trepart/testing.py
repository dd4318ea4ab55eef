"""pytest plugin loaded before Django starts (see ``addopts`` in pyproject.toml).

It gives the test run the environment a server would have, so ``uv run pytest`` needs
nothing set.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("TREPART_DEMO_PASSWORD", "demo-passord-2026")
os.environ.setdefault("TREPART_BASE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("TREPART_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
