"""The ``radiocode`` command's entry point, importable with no extra installed.

The command line needs the ``cli`` extra (click, rich); the library needs
nothing. Installed without the extra, the command says so in one line and
exits with status 1 instead of a traceback.
"""

from __future__ import annotations

import sys

__all__ = ["main", "MISSING_EXTRA"]

MISSING_EXTRA = "The radiocode command needs its extra: pip install 'radiocode[cli]'"
# What the command line imports beyond the library.
_CLI_PACKAGES = ("click", "rich")


def main() -> None:
    """Run the command line, or say which extra to install."""
    try:
        from radiocode.cli import main as run
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in _CLI_PACKAGES:
            raise
        print(MISSING_EXTRA, file=sys.stderr)
        sys.exit(1)
    run()
