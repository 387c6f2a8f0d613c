"""The benchmark's command line: one pair of tools can be measured alone."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmark's ``run`` module (benchmarks import each other as top-level modules)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import run

    return run


def test_pair_measures_one_peer_on_the_corpus_unless_sizes_are_given(run: ModuleType) -> None:
    alone = run.parse_args(["--pair", "textlint"])
    assert (alone.pair, alone.sizes, alone.no_corpus) == ("textlint", [], False)
    large = run.parse_args(["--pair", "textlint", "--sizes", "10000", "--no-corpus"])
    assert (large.pair, large.sizes, large.no_corpus) == ("textlint", [10_000], True)
    assert run.parse_args([]).sizes == [100, 1_000, 10_000]


def test_pair_names_a_known_peer(run: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run.parse_args(["--pair", "prettier"])
    assert "invalid choice: 'prettier'" in capsys.readouterr().err


def test_corpus_may_be_named_by_smarthub_corpus(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib

    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.setenv("SMARTHUB_CORPUS", str(tmp_path))
    import suites

    named = importlib.reload(suites).CORPUS
    monkeypatch.delenv("SMARTHUB_CORPUS")
    default = importlib.reload(suites).CORPUS
    assert named == tmp_path
    assert default.parts[-2:] == ("shared", "corpus")
