"""The citizen committees' data: the committee profile on its body, the municipality's
settings, the yearly grants with their spending and receipts, and the dugnad entries."""

from trepart.community.models.committees import Committee, CommitteeKind, CommitteeProposal
from trepart.community.models.dugnad import DugnadEntry, HoursBasis
from trepart.community.models.grants import Grant, GrantYear, Receipt, Spending
from trepart.community.models.settings import CommunitySettings

__all__ = [
    "Committee",
    "CommitteeKind",
    "CommitteeProposal",
    "CommunitySettings",
    "DugnadEntry",
    "Grant",
    "GrantYear",
    "HoursBasis",
    "Receipt",
    "Spending",
]
