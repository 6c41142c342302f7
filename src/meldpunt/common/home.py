"""Where Meldpunt keeps its state: the MELDPUNT_HOME folder (database, secrets, keys).

Secrets live in files outside the database (DESIGN rule 5), created 0600 on first run, so that a copy
of the database alone cannot open the blind index or forge reporter sessions.
"""

from __future__ import annotations

import os
from pathlib import Path

from meldpunt.crypto import load_or_create_key


def home() -> Path:
    path = Path(os.environ.get("MELDPUNT_HOME", "var")).resolve()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def secret_file(env_name: str, default_name: str) -> Path:
    """A secret's path: named by an environment variable, else inside MELDPUNT_HOME/secrets."""
    named = os.environ.get(env_name)
    return Path(named) if named else home() / "secrets" / default_name


def secret(env_name: str, default_name: str) -> bytes:
    return load_or_create_key(secret_file(env_name, default_name))
