"""The table that lets search answer: names to pages, each page's kind and one line."""

from __future__ import annotations

import json
from pathlib import Path

PREFIX = "window.smarthubAnswers = "


def _table(site: Path) -> dict:
    text = (site / "assets" / "smarthub" / "answers-data.js").read_text(encoding="utf-8")
    assert text.startswith(PREFIX) and text.endswith(";\n")
    return json.loads(text[len(PREFIX) : -2])


def test_names_lead_to_their_pages_and_terms_win_shared_names(built_site: Path) -> None:
    table = _table(built_site)
    names = table["names"]
    assert names["mql"] == "glossary/marketing-qualified-lead/"
    assert names["marketing qualified lead"] == "glossary/marketing-qualified-lead/"
    assert names["account based marketing"] == "glossary/account-based-marketing/"
    assert names["rival battlecard"] == "battlecards/vs-rival/"
    assert names["carla, the cfo"] == "personas/cfo/"
    assert "unfinished draft" not in names  # drafts are not in the site, nor in its answers
    kind, title, line, facts, overdue = table["pages"]["battlecards/vs-rival/"]
    assert (kind, title, line) == ("Battlecard", "Rival battlecard", "How we win against Rival.")
    assert facts == ["For Carla, the CFO", "Consideration, Decision"]
    assert overdue is False
    assert table["pages"]["one-pagers/overdue/"][4] is True


def test_hostile_values_stay_data(built_site: Path) -> None:
    raw = (built_site / "assets" / "smarthub" / "answers-data.js").read_text(encoding="utf-8")
    assert not {"<", ">", "&"} & set(raw)  # nothing an HTML parser could read as markup
    table = _table(built_site)
    assert table["pages"]["personas/hostile/"][1] == "<script>alert(1)</script>"
    assert "<img src=x onerror=alert(3)> case study" in table["names"]
