"""The course's reads: runs with their free places, a person's record, who is due, and
the completion figures."""
