"""Pages for the organisation, by topic: home.py (the start page), units.py, bodies.py (a
body's page, editing it, its memberships), people.py (lists, the person picker, one person)
and structures.py (structure templates)."""
