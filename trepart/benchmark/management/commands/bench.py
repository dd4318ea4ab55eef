"""``trepart bench``: how fast the main pages and API endpoints are on this database."""

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

# Imported for what it does: it sets the process up as the WSGI entry point does for a
# server (it freezes what was loaded at start out of the garbage collector's reach).
import trepart.wsgi  # noqa: F401
from trepart.benchmark.runner import (
    NothingToMeasure,
    PageResult,
    bench_context,
    bench_run,
    steps_run,
)
from trepart.benchmark.serve import WORKERS, serve_bench
from trepart.meetings.bench import public_meeting_url
from trepart.organisation.models import Body, Membership, Person, Unit


class Command(BaseCommand):
    help = (
        "Request every main page and API endpoint as the demo logins, against the database "
        "in use, and print p50/p95 times, query counts and status codes. Build data first "
        "with `trepart demo` or `trepart generate`. With --serve: start gunicorn on "
        "127.0.0.1 (a free port, the project's WSGI app, 2 sync workers), load the public "
        "page of the meeting with the longest agenda and a bare Django view from this "
        "process with --threads threads for --seconds each, and print requests per second "
        "for both and their ratio."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repeat", type=int, default=10, help="timed requests per page (default 10)"
        )
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument(
            "--serve",
            action="store_true",
            help="measure throughput under gunicorn instead (public meeting page vs a bare view)",
        )
        parser.add_argument(
            "--threads", type=int, default=4, help="--serve: concurrent clients (default 4)"
        )
        parser.add_argument(
            "--seconds", type=float, default=10, help="--serve: seconds per page (default 10)"
        )

    def handle(self, *args: Any, repeat: int, json: bool, **options: Any) -> None:
        if options["serve"]:
            self._serve(threads=options["threads"], seconds=options["seconds"])
            return
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        try:
            context = bench_context()
        except NothingToMeasure as error:
            raise CommandError(str(error)) from error
        if settings.DEBUG:
            self.stderr.write(
                "Warning: DEBUG is on; pages are slower than in production and the "
                "figures mean little."
            )
        results = bench_run(context=context, repeat=repeat)
        results += steps_run(context=context, repeat=repeat)
        municipality = context.municipality
        sizes = {
            "units": Unit.objects.filter(municipality=municipality).count(),
            "people": Person.objects.filter(municipality=municipality).count(),
            "bodies": Body.objects.filter(municipality=municipality).count(),
            "memberships": Membership.objects.filter(municipality=municipality).count(),
        }
        if json:
            self.stdout.write(_json(municipality.name, sizes, repeat, results))
        else:
            self.stdout.write(_table(municipality.name, sizes, repeat, results))

    def _serve(self, *, threads: int, seconds: float) -> None:
        if threads < 1 or seconds <= 0:
            raise CommandError("--threads must be at least 1 and --seconds above 0.")
        try:
            context = bench_context()
        except NothingToMeasure as error:
            raise CommandError(str(error)) from error
        page = public_meeting_url(context)
        if page is None:
            raise CommandError("No public meeting to load: run `trepart demo` first.")
        measured, bare = serve_bench(page=page, threads=threads, seconds=seconds)
        self.stdout.write(
            f"gunicorn, {WORKERS} sync workers, {threads} threads, {seconds:g} s each "
            f"({connection.vendor}):"
        )
        for label, result in (("Public meeting page", measured), ("Bare Django view", bare)):
            self.stdout.write(
                f"  {label:<20} {result.path:<28} {result.per_second:8.1f} req/s "
                f"({result.requests} answered, {result.errors} errors)"
            )
        ratio = measured.per_second / bare.per_second if bare.per_second else 0.0
        self.stdout.write(f"  Meeting page / bare view: {ratio:.0%}")


def _json(name: str, sizes: dict[str, int], repeat: int, results: list[PageResult]) -> str:
    return json.dumps(
        {
            "municipality": name,
            "sizes": sizes,
            "database": connection.vendor,
            "debug": settings.DEBUG,
            "repeat": repeat,
            "pages": [result.as_dict() for result in results],
        },
        ensure_ascii=False,
        indent=2,
    )


def _table(name: str, sizes: dict[str, int], repeat: int, results: list[PageResult]) -> str:
    header = ("Page", "URL", "User", "p50 ms", "p95 ms", "Queries", "Status")
    rows = [
        (
            r.name,
            r.url,
            r.user or "(visitor)",
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
            str(r.queries),
            str(r.status),
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {3, 4, 5, 6}

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    summary = ", ".join(f"{count} {what}" for what, count in sizes.items())
    notes = [r.note for r in results]
    return "\n".join(
        [
            f"{name}: {summary}. {connection.vendor}, {repeat} timed requests per page.",
            line(header),
            line(tuple("-" * w for w in widths)),
            # A computation's note (its gap, its ratio to a baseline) follows its timing.
            *(f"{line(row)}  {note}".rstrip() for row, note in zip(rows, notes, strict=True)),
        ]
    )
