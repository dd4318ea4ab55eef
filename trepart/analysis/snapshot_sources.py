"""The analyses that can be frozen into a snapshot (``platform.snapshots``).

The platform imports this module once the apps are ready; importing the modules below
registers their ``@snapshot_source`` builders: the survey results, the sick-leave dashboard
and the 10-FAKTOR profile.
"""

from trepart.analysis import absence_display, factors_display, results_display  # noqa: F401
