from trepart.organisation.models import Municipality


def surveys_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    """(Filled in by the surveys work.)"""
