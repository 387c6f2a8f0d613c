"""Reading a file whole: the size ``fstat`` gave is a hint, not a limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smarthub.load.hub import _read_all


@pytest.mark.parametrize("hint", [0, 1, 1000, 150_000, 153_599, 153_600, 153_601, 500_000])
def test_every_byte_is_read_whatever_the_size_hint(tmp_path: Path, hint: int) -> None:
    data = bytes(range(256)) * 600  # 153,600 bytes: more than one read's worth
    path = tmp_path / "page.md"
    path.write_bytes(data)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        assert _read_all(descriptor, hint) == data
    finally:
        os.close(descriptor)


def test_an_empty_file_reads_as_no_bytes(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    descriptor = os.open(path, os.O_RDONLY)
    try:
        assert _read_all(descriptor, 0) == b""
    finally:
        os.close(descriptor)
