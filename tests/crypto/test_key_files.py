"""Key files outside the database: created 0600 once, reused, refused when unsafe."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from meldpunt.crypto import CryptoError, KeyFileError, load_or_create_key
from meldpunt.crypto import key_files as key_files_module


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def plain_umask() -> Iterator[None]:
    # Run under the common umask so the modes asserted are the ones the code asks for.
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("plain_umask")
def test_creates_a_0600_file_of_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "blind_index.key"
    key = load_or_create_key(path)
    assert len(key) == 32
    assert path.read_bytes() == key
    assert mode(path) == 0o600


@pytest.mark.usefixtures("plain_umask")
def test_creates_missing_parent_directories_0700(tmp_path: Path) -> None:
    existing = mode(tmp_path)
    path = tmp_path / "secrets" / "meldpunt" / "token.key"
    load_or_create_key(path)
    assert mode(tmp_path / "secrets") == 0o700
    assert mode(tmp_path / "secrets" / "meldpunt") == 0o700
    assert mode(tmp_path) == existing


def test_second_call_reuses_the_key(tmp_path: Path) -> None:
    path = tmp_path / "k"
    assert load_or_create_key(path) == load_or_create_key(path)


def test_different_files_get_different_keys(tmp_path: Path) -> None:
    assert load_or_create_key(tmp_path / "a") != load_or_create_key(tmp_path / "b")


def test_size_is_honoured(tmp_path: Path) -> None:
    assert len(load_or_create_key(tmp_path / "k", size=64)) == 64


def test_too_small_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        load_or_create_key(tmp_path / "k", size=8)


@pytest.mark.parametrize("unsafe", [0o644, 0o640, 0o604, 0o620, 0o602, 0o666])
def test_file_open_to_group_or_others_is_refused(tmp_path: Path, unsafe: int) -> None:
    path = tmp_path / "k"
    load_or_create_key(path)
    path.chmod(unsafe)
    with pytest.raises(KeyFileError, match="chmod 600"):
        load_or_create_key(path)


def test_owner_read_only_file_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "k"
    key = load_or_create_key(path)
    path.chmod(0o400)
    assert load_or_create_key(path) == key


@pytest.mark.parametrize("length", [0, 31, 33, 64])
def test_wrong_length_is_refused(tmp_path: Path, length: int) -> None:
    path = tmp_path / "k"
    path.write_bytes(b"x" * length)
    path.chmod(0o600)
    with pytest.raises(KeyFileError, match="32 bytes"):
        load_or_create_key(path)


def test_directory_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "k").mkdir(mode=0o700)
    with pytest.raises(KeyFileError, match="regular file"):
        load_or_create_key(tmp_path / "k")


def test_key_file_error_is_a_crypto_error() -> None:
    assert issubclass(KeyFileError, CryptoError)


def test_concurrent_first_runs_agree_on_one_key(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "k"
    barrier = threading.Barrier(8)
    results: list[bytes] = []

    def start() -> None:
        barrier.wait()
        results.append(load_or_create_key(path))

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert set(results) == {path.read_bytes()}
    assert sorted(p.name for p in path.parent.iterdir()) == ["k"]


def test_losing_the_creation_race_keeps_the_winners_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "k"
    winner = os.urandom(32)
    real_create = key_files_module._create_key

    def other_process_wins_first(target: Path, size: int) -> None:
        # Another process creates the file between our failed read and our create.
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.write(fd, winner)
        os.close(fd)
        real_create(target, size)

    monkeypatch.setattr(key_files_module, "_create_key", other_process_wins_first)
    assert load_or_create_key(path) == winner
    assert path.read_bytes() == winner
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k"]
