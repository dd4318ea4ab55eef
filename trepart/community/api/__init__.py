"""The citizen committees in the API (``/api/v1/community/...``): committees, grant figures
and dugnad figures for users of the municipality; registering dugnad for a committee's
members, with the same rules as the pages (``trepart.community.privacy``)."""

from trepart.community.api.routes import router

__all__ = ["router"]
