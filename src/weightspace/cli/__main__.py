"""``python -m weightspace.cli``."""

from . import main

main()
