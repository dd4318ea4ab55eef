"""Fetch the W3C Nu HTML checker (``vnu.jar``) that the browser tests run on every page.

The jar comes from the npm package ``vnu-jar`` at the version pinned in
``trepart/nu_checker.py`` (``VNU_VERSION``); ``npm pack`` downloads the registry tarball
(no install, no package scripts: the package's own script would fetch a Java runtime) and
the jar is copied to the user's cache, or to ``$TREPART_VNU_JAR``. Nothing is written to the
repository. It does nothing when the jar is already there. The checker also needs Java
(Debian: ``apt-get install default-jre-headless``).

Usage (from the repository root; needs ``npm`` and the npm registry)::

    uv run python scripts/fetch_vnu.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from trepart.nu_checker import VNU_VERSION, jar_path

JAR_IN_PACKAGE = "package/build/dist/vnu.jar"


def main() -> int:
    target = jar_path()
    if target.is_file():
        print(f"vnu.jar {VNU_VERSION}: {target}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        # npm is looked up on PATH on purpose; the argument list is fixed and there is no shell.
        command = ["npm", "pack", f"vnu-jar@{VNU_VERSION}", "--ignore-scripts", "--silent"]
        subprocess.run([*command, "--pack-destination", tmp], check=True)  # noqa: S603
        (tarball,) = Path(tmp).glob("vnu-jar-*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(JAR_IN_PACKAGE)
            if member is None:
                print(f"{JAR_IN_PACKAGE} is not in {tarball.name}", file=sys.stderr)
                return 1
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            with member, partial.open("wb") as out:
                shutil.copyfileobj(member, out)
            partial.replace(target)  # whole or not at all, if the copy is interrupted
    print(f"vnu.jar {VNU_VERSION}: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
