"""``python -m linter`` and the ``fflint`` command. ``--version`` answers before the command line (click) and the
engine are imported; everything else goes to ``linter.cli``."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from linter import __version__

        sys.stdout.write(f"fflint {__version__}\n")
        return
    from linter.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
