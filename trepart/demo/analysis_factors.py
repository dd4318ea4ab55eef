from trepart.organisation.models import Municipality


def factors_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    """(Filled in by the factors work.)"""
