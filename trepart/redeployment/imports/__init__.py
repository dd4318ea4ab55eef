"""The stillingsbank's CSV imports, checked row by row before anything is written (the
platform's import plumbing in ``organisation.imports``)."""
