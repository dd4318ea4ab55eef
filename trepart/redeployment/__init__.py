"""The stillingsbank: redundant employees, vacancies, matching, offers and preferential rights."""
