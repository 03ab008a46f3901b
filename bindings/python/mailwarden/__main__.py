"""``python -m mailwarden``: see mailwarden.cli."""

import signal
import sys

from .cli import main

# Piped into head: end quietly at a closed pipe, as mwctl does.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
sys.exit(main())
