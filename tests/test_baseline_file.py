"""The baseline file reader on any input: entries found where they are, or one clean message."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smarthub import baseline
from smarthub.config import ConfigError, HubConfig

text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
entries = st.fixed_dictionaries(
    {
        "path": text,
        "code": text,
        "match": text,
        "context": text,
        "count": st.integers(min_value=1, max_value=10**6),
    },
    optional={"extra": st.recursive(st.none() | text, lambda inner: st.lists(inner, max_size=3))},
)
layouts = st.sampled_from(
    [{"indent": None}, {"indent": 2}, {"indent": "\t"}, {"separators": (",", ":")}]
)


def load_text(tmp_path: Path, content: str | bytes) -> baseline.Baseline:
    path = tmp_path / baseline.BASELINE_NAME
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return baseline.load(path, HubConfig(root=tmp_path, config_file=tmp_path / "mkdocs.yml"))


@settings(max_examples=150, deadline=None)
@given(items=st.lists(entries, max_size=6), layout=layouts, ascii_only=st.booleans())
def test_every_entry_is_found_at_its_own_text(
    tmp_path_factory, items: list[dict], layout: dict, ascii_only: bool
) -> None:
    document = {"about": "x", "findings": items, "version": 1, "more": {"findings": [1]}}
    content = json.dumps(document, ensure_ascii=ascii_only, **layout)
    loaded = load_text(tmp_path_factory.mktemp("b"), content)
    assert len(loaded.entries) == len(items)
    for entry, item in zip(loaded.entries, items, strict=True):
        assert json.loads(loaded.text[entry.start : entry.end]) == item
        assert entry.fingerprint == baseline.Fingerprint(
            item["path"], item["code"], item["match"], item["context"]
        )
        assert entry.count == item["count"]


@settings(max_examples=300, deadline=None)
@given(content=st.one_of(st.text(max_size=80), st.binary(max_size=80)))
def test_any_other_content_loads_or_is_one_message_per_problem(
    tmp_path_factory, content: str | bytes
) -> None:
    try:
        load_text(tmp_path_factory.mktemp("b"), content)
    except ConfigError as error:
        assert error.messages
        assert all(message.startswith(baseline.BASELINE_NAME) for message in error.messages)
        assert all("\n" not in message for message in error.messages)
