"""Citizen committees (grendeutvalg and byutvalg): their area and members, their proposals,
their yearly grant with spending and report, and the dugnad they organise."""
