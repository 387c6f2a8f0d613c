"""Precision over ../shared/corpus: the judged findings must stay as a brand reviewer judged them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.precision import judging

pytestmark = pytest.mark.skipif(
    not judging.CORPUS.is_dir(),
    reason=f"corpus not found at {judging.CORPUS} (SMARTHUB_CORPUS points elsewhere)",
)

REJUDGE = "judge them with: python benchmarks/precision.py --write-unjudged FILE"


@pytest.fixture(scope="module")
def judgement(tmp_path_factory: pytest.TempPathFactory) -> judging.Judgement:
    root = judging.build_hub(tmp_path_factory.mktemp("precision") / "hub")
    return judging.judge(judging.run_findings(root), judging.load_judged())


def test_no_judged_wrong_finding_comes_back(judgement: judging.Judgement) -> None:
    # Wrong verdicts marked open are false positives the code still reports (known, counted
    # in benchmarks/RESULTS.md); the others were fixed and must stay away.
    back = [f"{place}: {verdict.kind}: {verdict.reason}" for place, verdict in judgement.came_back]
    assert not back, f"{len(back)} findings judged wrong are back:\n" + "\n".join(back)


def test_no_judged_right_finding_disappears(judgement: judging.Judgement) -> None:
    gone = judgement.disappeared
    assert not gone, f"{len(gone)} findings judged right are gone:\n" + "\n".join(gone)


def test_every_finding_is_judged(judgement: judging.Judgement) -> None:
    new = [str(place) for place in judgement.unjudged]
    assert not new, f"{len(new)} findings are not judged yet ({REJUDGE}):\n" + "\n".join(new)


def test_judged_list_is_well_formed() -> None:
    judged = judging.load_judged()
    document_text = judging.JUDGED.read_text(encoding="utf-8")
    assert "verdict: \n" not in document_text and "verdict: ," not in document_text
    for place, verdict in judged.places.items():
        assert verdict.reason, f"{place}: a verdict needs a reason"
        assert verdict.verdict == "right" or verdict.kind, f"{place}: a wrong verdict needs a class"
        assert Path(judging.CORPUS / place.path).is_file(), f"{place}: no such corpus file"
    for rule in judged.words:
        assert rule.verdict.reason, f"{rule.word}: a verdict needs a reason"
        assert rule.verdict.verdict == "right" or rule.verdict.kind, f"{rule.word}: needs a class"
