"""Forms for meetings, by topic: planning.py (the plan, one meeting), agenda.py (items),
documents.py, conduct.py (attendance, stands, motions, outcomes), follow_up.py, minutes.py
and portal.py (the public calendar's filters).

Forms check the shape of the input; the services enforce the rules (closure needs a legal
basis, proposals must come from the body's inbox) and their messages are put on the fields,
so a page keeps whatever was typed.
"""
