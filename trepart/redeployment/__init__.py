"""The stillingsbank: redundant employees kept until other suitable work is found."""
