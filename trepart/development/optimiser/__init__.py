"""The savings optimiser of the service review: pure numpy/scipy, no Django models.

``solve`` chooses one ambition level per task so that the saving reaches the target while
the weighted quality lost is least, within statutory minimums, locks and the FTE limit;
``Solution.as_json()`` is what a Plan stores. Around it: each party's view of a plan,
the next-best alternatives, the trade-off curve, the bench baselines and plain-Norwegian
explanations of a stored plan.
"""

from trepart.development.optimiser.alternatives import alternatives
from trepart.development.optimiser.baselines import greedy, plain_milp
from trepart.development.optimiser.curve import curve
from trepart.development.optimiser.model import (
    CAPPED,
    FTE_BLOCKED,
    INFEASIBLE,
    LEVELS,
    OPTIMAL,
    Choice,
    Item,
    Option,
    Problem,
    Solution,
    dominated,
)
from trepart.development.optimiser.party import party_views
from trepart.development.optimiser.solve import solve

__all__ = [
    "CAPPED",
    "FTE_BLOCKED",
    "INFEASIBLE",
    "LEVELS",
    "OPTIMAL",
    "Choice",
    "Item",
    "Option",
    "Problem",
    "Solution",
    "alternatives",
    "curve",
    "dominated",
    "greedy",
    "party_views",
    "plain_milp",
    "solve",
]
