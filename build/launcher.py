"""Entry point of the frozen program (PyInstaller): the same as `python -m kehoach_app`."""

import gc
import multiprocessing
import sys

if __name__ == "__main__":
    # A helper process of the print centre (printouts.build_set) starts this same program:
    # freeze_support makes it run the helper's work instead of a second server.
    multiprocessing.freeze_support()
    # The server's start: no garbage collection while the modules load (main() turns it back
    # on, after gc.freeze) — a helper above keeps its collector, it builds documents.
    gc.disable()
    from kehoach_app.__main__ import main

    sys.exit(main())
