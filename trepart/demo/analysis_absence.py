from trepart.organisation.models import Municipality


def absence_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    """(Filled in by the absence work.)"""
