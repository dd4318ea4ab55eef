"""A small portfolio for the service review's tests: four tasks of Vei og park.

Built on ``world.build_project_world``; each task's levels are ``kind: (yearly cost, FTEs,
quality)``. Gatelys is statutory at KEEP and its REMOVE level saves the most, so a plan that
breaks the minimum would choose it first.
"""

from __future__ import annotations

from trepart.development.models import LevelKind, Task
from trepart.development.tests.world import ProjectWorld, task_make

R, L, K, H = LevelKind.REMOVE, LevelKind.LOWER, LevelKind.KEEP, LevelKind.RAISE


def portfolio_make(world: ProjectWorld) -> dict[str, Task]:
    project = world.project
    return {
        "brøyting": task_make(
            project,
            "Brøyting",
            {R: (0, "0", 0), L: (1_900_000, "2.8", 6), K: (2_400_000, "3.5", 8)},
            unit=world.unit,
        ),
        "gatelys": task_make(
            project,
            "Gatelys",
            {R: (0, "0", 0), K: (3_000_000, "1", 7), H: (3_300_000, "1.2", 9)},
            statutory_minimum=K,
        ),
        "klipping": task_make(
            project,
            "Gressklipping",
            {R: (0, "0", 0), L: (500_000, "0.8", 4), K: (800_000, "1.2", 6)},
        ),
        "feiing": task_make(
            project,
            "Feiing",
            {L: (350_000, "0.5", 3), K: (600_000, "0.9", 5)},
        ),
    }
