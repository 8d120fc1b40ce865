"""Entry point of the frozen program (PyInstaller): the same as `python -m kehoach_app`."""

import multiprocessing
import sys

from kehoach_app.__main__ import main

if __name__ == "__main__":
    # A helper process of the print centre (printouts.build_set) starts this same program:
    # freeze_support makes it run the helper's work instead of a second server.
    multiprocessing.freeze_support()
    sys.exit(main())
