"""Refresh the vendored front-end files in ``trepart/static/vendor/`` (and ``tests/vendor/``).

Trepart runs without Node: the few front-end files it needs are committed as pinned static
files together with their licences. This script fetches each pinned package from the npm
registry with ``npm pack`` (a tarball download: no install, no package scripts), copies
the files we use and the package's licence files into ``trepart/static/vendor/<name>/``,
and records what it wrote in ``trepart/static/vendor/VERSIONS.json``. Files only the tests
use (axe-core) go to ``tests/vendor/<name>/`` instead, so they are never served.

Usage (from the repository root; needs ``npm`` and network access to the npm registry)::

    python scripts/refresh_vendor.py            # fetch the pinned versions, rewrite vendor/
    python scripts/refresh_vendor.py --check    # offline: vendored files match VERSIONS.json

How to bump a version:

1. Edit ``"version"`` for the package in ``trepart/static/vendor/VERSIONS.json`` (the file
   is the one place versions are pinned; pin exact versions, never ranges).
2. Run ``python scripts/refresh_vendor.py``. It fails if a file we copy is no longer in
   the package; then look at the new tarball (``npm pack <package>@<version>``) and fix
   the path in ``PACKAGES`` below.
3. Read the upstream changelog. For Designsystemet check that the class names and
   ``--ds-*`` tokens used in ``trepart/templates/`` and ``trepart/static/trepart/`` still
   exist, and that the theme still defines every token the component CSS uses.
4. Run the browser tests (they inject axe-core into every page), look at a few pages,
   and commit the vendor directory and VERSIONS.json together.

To add a package, add an entry to ``PACKAGES`` and to VERSIONS.json, and run the script.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENDOR = REPO / "trepart" / "static" / "vendor"
# Outside the package and outside every static folder: collectstatic never sees it.
TEST_VENDOR = REPO / "tests" / "vendor"
VERSIONS = VENDOR / "VERSIONS.json"


@dataclass(frozen=True)
class Package:
    npm_name: str
    # path inside the package -> file name in vendor/<name>/
    files: dict[str, str]
    licences: tuple[str, ...] = ("LICENSE",)
    # Only the tests use it: kept in tests/vendor/, out of the static files.
    test_only: bool = False
    # file name -> a function rewriting its bytes (for a file that needs a wrapper).
    transforms: dict[str, Callable[[bytes], bytes]] = field(default_factory=dict)

    def directory(self, name: str) -> Path:
        return (TEST_VENDOR if self.test_only else VENDOR) / name


def classic_vega_interpreter(module: bytes) -> bytes:
    """vega-interpreter is published only as an ES module importing from vega-util. The
    charts load Vega as a classic script (``window.vega``, which re-exports vega-util), so
    the module's one import and one export become a wrapper around the global."""
    text = module.decode("utf-8")
    imports = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';\n"
    exports = "export { expression as expressionInterpreter };\n"
    if not text.startswith(imports) or exports not in text:
        raise SystemExit(
            "vega-interpreter: its import or export line changed; update "
            "classic_vega_interpreter() in scripts/refresh_vendor.py"
        )
    body = text[len(imports) :].replace(exports, "")
    body = body.replace("//# sourceMappingURL=vega-interpreter.js.map", "")
    wrapped = (
        "// vega-interpreter as a classic script: written by scripts/refresh_vendor.py.\n"
        "(function () {\n"
        "const { ascending, isString, DisallowedObjectProperties } = window.vega;\n"
        + body.rstrip()
        + "\nwindow.vegaInterpreter = { expressionInterpreter: expression };\n"
        "})();\n"
    )
    return wrapped.encode("utf-8")


# The key is the directory under vendor/ and the key in VERSIONS.json.
PACKAGES: dict[str, Package] = {
    "designsystemet": Package(
        npm_name="@digdir/designsystemet-css",
        files={"dist/src/index.css": "designsystemet.css"},
    ),
    # Deprecated upstream in favour of themes built with the theme builder, but it is
    # where Digdir's own "digdir" theme is published.
    "designsystemet-theme": Package(
        npm_name="@digdir/designsystemet-theme",
        files={"brand/digdir.css": "digdir.css"},
    ),
    "htmx": Package(
        npm_name="htmx.org",
        files={"dist/htmx.min.js": "htmx.min.js"},
    ),
    # Charts: vega-embed draws Vega-Lite specs with Vega; the three are loaded together.
    "vega": Package(
        npm_name="vega",
        files={"build/vega.min.js": "vega.min.js"},
    ),
    "vega-lite": Package(
        npm_name="vega-lite",
        # The source maps are kept: the scripts name them, and collectstatic's manifest
        # refuses a reference to a missing file.
        files={
            "build/vega-lite.min.js": "vega-lite.min.js",
            "build/vega-lite.min.js.map": "vega-lite.min.js.map",
        },
    ),
    "vega-embed": Package(
        npm_name="vega-embed",
        files={
            "build/vega-embed.min.js": "vega-embed.min.js",
            "build/vega-embed.min.js.map": "vega-embed.min.js.map",
        },
    ),
    # Vega's expressions without eval, so charts draw under the Content-Security-Policy.
    "vega-interpreter": Package(
        npm_name="vega-interpreter",
        files={"build/vega-interpreter.js": "vega-interpreter.js"},
        transforms={"vega-interpreter.js": classic_vega_interpreter},
    ),
    # Only used by the browser tests, which inject it into each page: never a static file.
    "axe-core": Package(
        npm_name="axe-core",
        files={"axe.min.js": "axe.min.js"},
        licences=("LICENSE", "LICENSE-3RD-PARTY.txt"),
        test_only=True,
    ),
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_versions() -> dict[str, dict]:
    versions = json.loads(VERSIONS.read_text(encoding="utf-8"))
    unknown = set(versions) - set(PACKAGES)
    missing = set(PACKAGES) - set(versions)
    if unknown or missing:
        raise SystemExit(
            f"VERSIONS.json and PACKAGES disagree: unknown {sorted(unknown)}, "
            f"missing {sorted(missing)}"
        )
    return versions


def npm_pack(spec: str, dest: Path) -> dict:
    """Download the registry tarball for ``spec`` into ``dest``; return npm's metadata."""
    # npm is looked up on PATH on purpose; the argument list is fixed and there is no shell.
    command = ["npm", "pack", spec, "--json", "--ignore-scripts", "--pack-destination", str(dest)]
    result = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    return json.loads(result.stdout)[0]


def refresh_package(name: str, package: Package, version: str, workdir: Path) -> dict:
    spec = f"{package.npm_name}@{version}"
    print(f"{spec} ...", file=sys.stderr)
    meta = npm_pack(spec, workdir)
    if meta["version"] != version:
        raise SystemExit(f"{spec}: npm returned version {meta['version']}")

    wanted = dict(package.files) | {lic: lic for lic in package.licences}
    contents: dict[str, bytes] = {}
    with tarfile.open(workdir / meta["filename"], "r:gz") as tar:
        for source in wanted:
            # Read members directly; nothing from the tarball decides where we write.
            member = tar.extractfile(f"package/{source}")
            if member is None:
                raise SystemExit(f"{spec}: package/{source} is not a file")
            contents[wanted[source]] = member.read()
    for filename, transform in package.transforms.items():
        contents[filename] = transform(contents[filename])

    target = package.directory(name)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for filename, data in sorted(contents.items()):
        (target / filename).write_bytes(data)

    return {
        "package": package.npm_name,
        "version": version,
        "integrity": meta["integrity"],
        "files": {filename: sha256(data) for filename, data in sorted(contents.items())},
    }


def refresh() -> None:
    versions = load_versions()
    VENDOR.mkdir(parents=True, exist_ok=True)
    record: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="trepart-vendor-") as tmp:
        for name, package in PACKAGES.items():
            pinned = versions[name]
            if pinned.get("package", package.npm_name) != package.npm_name:
                raise SystemExit(f"{name}: VERSIONS.json names another npm package")
            record[name] = refresh_package(name, package, pinned["version"], Path(tmp))
    VERSIONS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {VENDOR.relative_to(REPO)}/ and {VERSIONS.name}", file=sys.stderr)


def check() -> int:
    """Return the number of vendored files that differ from VERSIONS.json."""
    problems = 0
    for name, entry in load_versions().items():
        for filename, digest in entry.get("files", {}).items():
            path = PACKAGES[name].directory(name) / filename
            if not path.is_file():
                print(f"missing: {path.relative_to(REPO)}", file=sys.stderr)
                problems += 1
            elif sha256(path.read_bytes()) != digest:
                print(f"changed: {path.relative_to(REPO)}", file=sys.stderr)
                problems += 1
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="verify the vendored files against VERSIONS.json without network access",
    )
    args = parser.parse_args()
    if args.check:
        raise SystemExit(1 if check() else 0)
    refresh()


if __name__ == "__main__":
    main()
