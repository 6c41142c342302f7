"""Secret keys in files outside the database (DESIGN rule 5, "files 0600").

Protects against:

- a database copy being enough: keys such as the blind-index key live in a file;
- other local users reading a key: files are created 0600 in 0700 directories, and an
  existing file open to group or others is refused rather than trusted;
- a half-written key: the file is filled under a temporary name and linked into place,
  so no process ever reads a partial key, even if the writer crashes;
- two processes starting at once each making their own key: linking fails for the
  loser, which then reads the winner's file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from .errors import KeyFileError

__all__ = ["KeyFileError", "load_or_create_key"]

_MIN_SIZE = 16


def load_or_create_key(path: Path, *, size: int = 32) -> bytes:
    """Return the key at `path`, creating it from `size` random bytes on first run."""
    if size < _MIN_SIZE:
        raise ValueError(f"key size must be at least {_MIN_SIZE} bytes")
    path = Path(path)
    try:
        return _read_key(path, size)
    except FileNotFoundError:
        pass
    _make_private_dirs(path.parent)
    _create_key(path, size)
    return _read_key(path, size)


def _make_private_dirs(directory: Path) -> None:
    # Path.mkdir(parents=True) gives parents the default mode; make each one 0700.
    missing = []
    for candidate in [directory, *directory.parents]:
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        with contextlib.suppress(FileExistsError):
            candidate.mkdir(mode=0o700)


def _create_key(path: Path, size: int) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(size))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            # Unlike rename, link never replaces an existing file: first one wins.
            os.link(temporary, path)
        except FileExistsError:
            return
        _fsync_directory(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _fsync_directory(directory: Path) -> None:
    # Otherwise a power cut could lose the entry after data was keyed to it.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_key(path: Path, size: int) -> bytes:
    fd = os.open(path, os.O_RDONLY)
    try:
        # Checked on the open descriptor, so the file cannot be swapped after the check.
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise KeyFileError(f"key file {path} is not a regular file")
        if info.st_mode & 0o077:
            raise KeyFileError(
                f"key file {path} is accessible to group or others "
                f"(mode {stat.S_IMODE(info.st_mode):04o}); run: chmod 600 {path}"
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            key = handle.read(size + 1)
    finally:
        os.close(fd)
    if len(key) != size:
        raise KeyFileError(f"key file {path} does not hold exactly {size} bytes")
    return key
