"""``python -m ghatna``: the command line."""

from ghatna.cli import main

main()
