"""The course's forms: a run, enrolling someone, the mandatory setting and a list upload."""
