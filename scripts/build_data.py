"""Validate datapackage/ and write the site's generated pages: see src/plansite/cli.py."""

import sys

from plansite.cli import main

sys.exit(main())
