"""Run ChurnWatch from a checkout: `python main.py …` is the same as `churnwatch …`."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
