"""``python -m narrator``: the command line."""

import sys

from narrator.app.cli import main

sys.exit(main())
