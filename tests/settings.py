"""Settings for the test suite: a throwaway MELDPUNT_HOME and cheap argon2id parameters."""

import os
import tempfile

os.environ.setdefault("MELDPUNT_HOME", tempfile.mkdtemp(prefix="meldpunt-test-"))

from dataclasses import replace

from meldpunt.settings import *  # noqa: F403

MELDPUNT = replace(MELDPUNT, fast_kdf_for_tests=True)  # noqa: F405

# Static files straight from the apps, as in development; `make serve` collects them instead.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
PASSWORD_HASHERS = ["tests.support.hashers.CheapArgon2PasswordHasher"]
