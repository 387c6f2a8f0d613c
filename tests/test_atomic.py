"""``write_atomic``: all-or-nothing writes that keep permissions and never leave debris."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from smarthub import atomic
from smarthub.atomic import write_atomic

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")


def leftovers(folder: Path) -> list[str]:
    """Temporary files the writer may have left behind."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_writes_text_as_utf8_without_translating_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    returned = write_atomic(target, "Über\r\nline two\n")
    assert returned == target
    assert target.read_bytes() == "Über\r\nline two\n".encode()
    assert leftovers(tmp_path) == []


def test_writes_bytes_and_replaces_existing_content(tmp_path: Path) -> None:
    target = tmp_path / "data.bin"
    target.write_bytes(b"old and longer content")
    write_atomic(target, b"\x00\x01new")
    assert target.read_bytes() == b"\x00\x01new"
    assert leftovers(tmp_path) == []


def test_accepts_a_string_path(tmp_path: Path) -> None:
    write_atomic(str(tmp_path / "a.txt"), "x")
    assert (tmp_path / "a.txt").read_text() == "x"


@posix_only
def test_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "script.sh"
    target.write_text("old")
    target.chmod(0o751)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o751


@posix_only
def test_a_new_file_gets_the_umask_mode_not_the_private_temp_mode(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


@posix_only
def test_a_reader_holding_the_old_file_keeps_seeing_the_old_content(tmp_path: Path) -> None:
    target = tmp_path / "glossary.csv"
    target.write_text("old\n")
    with target.open() as reader:
        write_atomic(target, "new\n")
        assert reader.read() == "old\n"
    assert target.read_text() == "new\n"


def test_a_failed_rename_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.md"
    target.write_text("original")

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomic(target, "replacement")
    assert target.read_text() == "original"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "page.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_overwrite_false_creates_a_new_file(tmp_path: Path) -> None:
    write_atomic(tmp_path / "new.md", "fresh", overwrite=False)
    assert (tmp_path / "new.md").read_text() == "fresh"
    assert leftovers(tmp_path) == []


def test_overwrite_false_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "taken.md"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        write_atomic(target, "yours", overwrite=False)
    assert target.read_text() == "mine"
    assert leftovers(tmp_path) == []


def test_overwrite_false_without_hard_links_still_refuses_and_creates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    taken = tmp_path / "taken.md"
    taken.write_text("mine")
    with pytest.raises(FileExistsError):
        write_atomic(taken, "yours", overwrite=False)
    assert taken.read_text() == "mine"
    write_atomic(tmp_path / "free.md", "yours", overwrite=False)
    assert (tmp_path / "free.md").read_text() == "yours"
    assert leftovers(tmp_path) == []


@posix_only
def test_a_symlink_is_replaced_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("do not touch")
    inside = tmp_path / "hub"
    inside.mkdir()
    link = inside / "export.json"
    link.symlink_to(outside)
    write_atomic(link, "{}")
    assert outside.read_text() == "do not touch"
    assert not link.is_symlink()
    assert link.read_text() == "{}"


@posix_only
def test_follow_symlinks_writes_the_link_target(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new", follow_symlinks=True)
    assert link.is_symlink()
    assert real.read_text() == "new"


@posix_only
def test_overwrite_false_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(FileExistsError):
        write_atomic(link, "x", overwrite=False)
    assert not (tmp_path / "nowhere.md").exists()
