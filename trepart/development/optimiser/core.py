"""The exact model behind ``solve``, ``curve`` and ``alternatives``.

Before HiGHS sees anything the model is made small and tight:

1. levels a plan may not choose (statutory minimums, locks) and levels another level of
   the same task beats on every count are dropped (``table.undominated``);
2. each task keeps its cheapest-in-objective level as a base, and the other levels become
   "switch to" variables with at most one per task, so the choice rows are ``≤ 1`` and the
   objective coefficients are all non-negative;
3. the LP relaxation (HiGHS) gives the dual prices of the saving and FTE rows, a rounding
   of it (repaired and polished, ``heuristics``) gives a feasible plan, and every level
   whose Lagrangian reduced cost alone exceeds the distance between that plan and the
   bound, less one step of the objective, is fixed out (reduced-cost fixing). On the
   synthetic portfolios a few dozen of 1,000 tasks are left open;
4. what is left is solved exactly by a dynamic programme over the objective's steps
   (``dp``) when there is no FTE limit, and otherwise by ``scipy.optimize.milp`` with
   sparse matrices. Under an FTE limit the plan without it is tried first: when it keeps
   the limit, it is the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from trepart.development.optimiser.dp import least_objective
from trepart.development.optimiser.heuristics import Rules, polish, round_relaxation
from trepart.development.optimiser.table import Bools, Floats, Ints, Table, undominated

INF = float("inf")


@dataclass(frozen=True)
class Outcome:
    """The chosen column per row (None: no plan), its objective value and a proven bound."""

    columns: Ints | None
    value: float
    bound: float

    @property
    def gap(self) -> float:
        if self.columns is None:
            return 0.0
        difference = max(0.0, self.value - self.bound)
        if difference <= 1e-9 * max(1.0, abs(self.value)):
            return 0.0
        return difference / max(abs(self.value), 1e-9)


def optimise(
    table: Table,
    *,
    objective: Floats,
    target: float | None,
    fte_limit: float | None,
    gap: float = 0.0,
    time_limit: float | None = None,
    candidates: Bools | None = None,
    cuts: list[Ints] | None = None,
    start: Ints | None = None,
) -> Outcome:
    """The columns minimising ``objective`` with saving ≥ ``target`` (None: any) and FTE
    reduction ≤ ``fte_limit`` (None: any), among ``candidates`` (default: the allowed
    levels). ``cuts`` are plans (a column per row) that must not be chosen again;
    ``start`` is a feasible plan known beforehand, if any."""
    allowed = table.allowed if candidates is None else candidates & table.allowed
    if fte_limit is not None and not cuts:
        # The best plan without the FTE limit, when it keeps the limit anyway, is the
        # best plan with it; without the limit the quick exact programme often applies.
        free = optimise(
            table,
            objective=objective,
            target=target,
            fte_limit=None,
            gap=gap,
            time_limit=time_limit,
            candidates=allowed,
        )
        if free.columns is None:
            return free
        if table.totals(free.columns)[2] <= fte_limit + 1e-9:
            return free
    if not cuts:
        allowed = allowed & undominated_in(table, allowed, objective, fte_limit is not None)
    model = Model(table, objective, allowed, target, fte_limit, cuts or [])
    if model.empty:
        return Outcome(None, INF, INF)
    lower, upper_plan = model.relaxation()
    if lower is None:
        return Outcome(None, INF, INF)
    if start is not None and model.feasible(start):
        known = polish(model.rules, start)
        if upper_plan is None or model.value(known) < model.value(upper_plan):
            upper_plan = known
    if upper_plan is not None:
        model = model.fixed(upper_plan)
    return model.solve(gap=gap, time_limit=time_limit, fallback=upper_plan)


def granularity(values: Floats) -> float:
    """The step all ``values`` are whole multiples of (1, 0.1 or 0.01), or 0."""
    for step in (1.0, 0.1, 0.01):
        scaled = values / step
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-6):
            return step
    return 0.0


def undominated_in(table: Table, allowed: Bools, objective: Floats, with_fte: bool) -> Bools:
    return undominated(
        Table(table.saving, table.lost, table.reduction, allowed, table.kinds),
        objective=objective,
        with_fte=with_fte,
    )


class Model:
    """The base-and-switch model over the candidate levels (see the module docstring)."""

    def __init__(
        self,
        table: Table,
        objective: Floats,
        allowed: Bools,
        target: float | None,
        fte_limit: float | None,
        cuts: list[Ints],
        base: Ints | None = None,
    ) -> None:
        self.table, self.objective, self.allowed = table, objective, allowed
        self.target, self.fte_limit, self.cuts = target, fte_limit, cuts
        self.empty = not bool(allowed.any(axis=1).all())
        if self.empty:
            return
        rows = np.arange(table.size)
        if base is None:
            base = np.where(allowed, objective, INF).argmin(axis=1)
        self.base = base
        switch = allowed.copy()
        switch[rows, base] = False
        self.rows, self.cols = np.nonzero(switch)
        b = base[self.rows]
        self.d_obj = objective[self.rows, self.cols] - objective[self.rows, b]
        self.d_save = table.saving[self.rows, self.cols] - table.saving[self.rows, b]
        self.d_red = table.reduction[self.rows, self.cols] - table.reduction[self.rows, b]
        self.const_obj = float(objective[rows, base].sum())
        self.const_save = float(table.saving[rows, base].sum())
        self.const_red = float(table.reduction[rows, base].sum())

    @property
    def rules(self) -> Rules:
        return Rules(self.table, self.objective, self.allowed, self.target, self.fte_limit)

    def _constraints(self) -> tuple[sparse.csr_array, Floats, Floats]:
        n_vars = len(self.rows)
        used_rows, row_of = np.unique(self.rows, return_inverse=True)
        blocks = [
            sparse.csr_array(
                (np.ones(n_vars), (row_of, np.arange(n_vars))), shape=(len(used_rows), n_vars)
            )
        ]
        lower = [np.full(len(used_rows), -INF)]
        upper = [np.ones(len(used_rows))]
        if self.target is not None:
            blocks.append(sparse.csr_array(self.d_save.reshape(1, -1)))
            lower.append(np.array([self.target - self.const_save]))
            upper.append(np.array([INF]))
        if self.fte_limit is not None:
            blocks.append(sparse.csr_array(self.d_red.reshape(1, -1)))
            lower.append(np.array([-INF]))
            upper.append(np.array([self.fte_limit - self.const_red]))
        for plan in self.cuts:
            # At least one task differs from ``plan``: Σ_{i} [x_i == plan_i] ≤ n - 1.
            same = self.cols == plan[self.rows]
            on_base = plan == self.base
            coefficients = np.where(same, 1.0, 0.0)
            # A task on its base level in ``plan`` is "the same" when none of its
            # switches is taken: 1 - Σ y_i; move the constant to the right-hand side.
            base_rows = on_base[self.rows]
            coefficients = np.where(base_rows, -1.0, coefficients)
            blocks.append(sparse.csr_array(coefficients.reshape(1, -1)))
            lower.append(np.array([-INF]))
            upper.append(np.array([self.table.size - 1.0 - float(on_base.sum())]))
        matrix = sparse.vstack(blocks, format="csr")
        return matrix, np.concatenate(lower), np.concatenate(upper)

    def plan(self, y: Floats) -> Ints:
        """Columns of the rounded choice ``y`` (the largest switch above one half)."""
        columns = self.base.copy()
        taken = y > 0.5
        columns[self.rows[taken]] = self.cols[taken]
        return columns

    def feasible(self, columns: Ints) -> bool:
        saving, _lost, reduction = self.table.totals(columns)
        if self.target is not None and saving < self.target - 1e-6:
            return False
        if self.fte_limit is not None and reduction > self.fte_limit + 1e-9:
            return False
        return not any(np.array_equal(columns, plan) for plan in self.cuts)

    def value(self, columns: Ints) -> float:
        return float(self.objective[np.arange(self.table.size), columns].sum())

    def relaxation(self) -> tuple[Floats | None, Ints | None]:
        """Solve the LP relaxation: the Lagrangian reduced costs (None: infeasible), and
        a feasible plan rounded from it if one is found."""
        if len(self.rows) == 0:
            columns = self.base.copy()
            if not self.feasible(columns):
                return None, None
            self._lp_bound, self._reduced = self.value(columns), np.zeros(0)
            return np.zeros(0), columns
        matrix, lower, upper = self._constraints()
        finite_upper = np.isfinite(upper)
        # linprog wants A_ub x ≤ b: the ≥ rows are negated.
        a_ub = sparse.vstack([matrix[finite_upper], -matrix[~finite_upper]], format="csr")
        b_ub = np.concatenate([upper[finite_upper], -lower[~finite_upper]])
        result = linprog(self.d_obj, A_ub=a_ub, b_ub=b_ub, bounds=(0, 1), method="highs")
        if result.status != 0:
            return None, None
        duals = -np.asarray(result.ineqlin.marginals)
        # Lagrangian prices of the saving and FTE rows, from where they sit in ``a_ub``.
        index = np.arange(len(upper))
        position = np.empty(len(upper), dtype=int)
        position[index[finite_upper]] = np.arange(int(finite_upper.sum()))
        position[index[~finite_upper]] = int(finite_upper.sum()) + np.arange(
            int((~finite_upper).sum())
        )
        n_choice = len(np.unique(self.rows))
        price_save = max(0.0, duals[position[n_choice]]) if self.target is not None else 0.0
        extra = n_choice + (1 if self.target is not None else 0)
        price_red = max(0.0, duals[position[extra]]) if self.fte_limit is not None else 0.0
        reduced = self.d_obj - price_save * self.d_save + price_red * self.d_red
        y = np.asarray(result.x)
        share = np.zeros(self.allowed.shape)
        taken = np.zeros(self.table.size)
        np.add.at(taken, self.rows, y)
        share[np.arange(self.table.size), self.base] = np.maximum(0.0, 1.0 - taken)
        share[self.rows, self.cols] = y
        plan = round_relaxation(self.rules, share)
        if plan is not None and not self.feasible(plan):
            plan = None
        # The Lagrangian bound for these prices: valid whatever the prices are, and
        # equal to the LP bound when they are the LP's duals and no cuts are present.
        per_row = np.zeros(self.table.size)
        np.minimum.at(per_row, self.rows, reduced)
        bound = float(per_row.sum()) + self.const_obj
        if self.target is not None:
            bound += price_save * (self.target - self.const_save)
        if self.fte_limit is not None:
            bound -= price_red * (self.fte_limit - self.const_red)
        self._lp_bound = bound
        self._reduced = reduced
        return reduced, plan

    def fixed(self, upper_plan: Ints) -> Model:
        """The model with every level fixed out whose reduced cost alone is more than
        the gap between ``upper_plan`` and the LP bound."""
        # Only plans better than ``upper_plan`` matter, and when the objective moves in
        # steps (weights with one decimal, whole quality points) that means at least a
        # step better.
        step = granularity(self.objective[self.allowed])
        room = self.value(upper_plan) - self._lp_bound - step
        room += 1e-7 * max(1.0, abs(self.value(upper_plan)))
        reduced = np.full(self.allowed.shape, INF)
        reduced[np.arange(self.table.size), self.base] = 0.0
        reduced[self.rows, self.cols] = self._reduced
        cheapest = reduced.min(axis=1, keepdims=True)
        keep = self.allowed & (reduced - cheapest <= room)
        keep[np.arange(self.table.size), upper_plan] = True
        smaller = Model(self.table, self.objective, keep, self.target, self.fte_limit, self.cuts)
        smaller._lp_bound = self._lp_bound
        return smaller

    def _programme(self, fallback: Ints | None) -> Outcome | None:
        """The exact dynamic programme (``dp``) when it applies: a target, no FTE limit,
        no cuts, an objective in steps, a known plan to stay under."""
        if self.fte_limit is not None or self.cuts or self.target is None or fallback is None:
            return None
        step = granularity(self.objective[self.allowed])
        chosen = least_objective(
            rows=self.rows,
            d_obj=self.d_obj,
            d_save=self.d_save,
            need=self.target - self.const_save,
            ceiling=self.value(fallback) - self.const_obj,
            step=step,
        )
        if chosen is None:
            return None
        y = np.zeros(len(self.rows))
        y[chosen] = 1.0
        columns = self.plan(y)
        if not self.feasible(columns):
            return None
        value = self.value(columns)
        return Outcome(columns, value, value)

    def solve(
        self,
        *,
        gap: float,
        time_limit: float | None,
        fallback: Ints | None,
    ) -> Outcome:
        bound = getattr(self, "_lp_bound", -INF)
        if len(self.rows) == 0:
            columns = self.base.copy()
            if not self.feasible(columns):
                return Outcome(None, INF, INF)
            value = self.value(columns)
            return Outcome(columns, value, value)
        exact = self._programme(fallback)
        if exact is not None:
            return exact
        matrix, low, high = self._constraints()
        options: dict[str, float | bool] = {"mip_rel_gap": gap, "presolve": True}
        if time_limit is not None:
            options["time_limit"] = time_limit
        result = milp(
            self.d_obj,
            constraints=LinearConstraint(matrix, low, high),
            integrality=np.ones(len(self.rows)),
            bounds=Bounds(0, 1),
            options=options,
        )
        if result.x is None:
            if fallback is None:
                return Outcome(None, INF, INF)
            return Outcome(fallback, self.value(fallback), bound)
        columns = self.plan(np.asarray(result.x))
        value = self.value(columns)
        dual = getattr(result, "mip_dual_bound", None)
        if result.status == 0 and gap == 0.0:
            bound = value
        elif dual is not None and np.isfinite(dual):
            bound = max(bound, float(dual) + self.const_obj)
        if fallback is not None and self.value(fallback) < value:
            columns, value = fallback, self.value(fallback)
        return Outcome(columns, value, min(bound, value))
