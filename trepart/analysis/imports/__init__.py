"""CSV imports of Felles analyse (sick leave, 10-FAKTOR): parse, validate all, write all."""
