"""Chart specs as older versions froze them into snapshots, for the tests that check
``platform.charts.spec_repair`` still draws them."""

from __future__ import annotations

import copy
from typing import Any


def broken_units_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec of sick leave by unit as versions before the fix built and froze it: the
    units' rows at the top level, the bars and ticks reading Altair's empty placeholder."""
    old = copy.deepcopy(spec)
    if "values" not in old["layer"][0].get("data", {}):
        return old  # built that way already
    rows = old["layer"][0]["data"]["values"]
    for layer in old["layer"]:
        if layer["data"].get("values") == rows:
            layer["data"] = {"name": "empty"}
    old["datasets"] = {"empty": [{}]}
    old["data"] = {"values": rows}
    return old
