"""Settings of the server the browser tests start: the real settings, static files collected elsewhere.

Everything comes from ``myte.settings`` unchanged (DEBUG off, WhiteNoise serving the collected,
compressed files), except ``STATIC_ROOT``, which points at a temporary folder so the tests never
touch the project's ``staticfiles/``.
"""

import os
from pathlib import Path

from myte.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["MYTE_BROWSER_STATIC_ROOT"])
