"""Entry point of the frozen program (PyInstaller): the same as `python -m kehoach_app`."""

import sys

from kehoach_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
