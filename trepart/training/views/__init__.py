"""The course's pages under ``/kurs/``: one module per topic."""
