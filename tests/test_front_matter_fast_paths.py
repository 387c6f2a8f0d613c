"""Front-matter shortcuts give what composing the YAML gives.

For front matter the plain reader took, ``SourceFile.key_span`` finds a top-level key in
the text instead of composing the document again; each case below holds it to the
composed node's span, over generated documents where nested keys share the top-level
keys' names. The suggestion for an unknown key is computed once per key (cached), and
every file with it still gets its own message at its own line.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smarthub import kinds
from smarthub.config import load_config
from smarthub.load import load_hub
from smarthub.load.frontmatter import split_front_matter
from smarthub.load.schema import schema
from smarthub.model.source import SourceFile
from smarthub.yamlsafe import KEY

ENTRIES = [
    "layout: markdown_page\n",
    'title: "A title"\n',
    "title:\n",
    "owner: sales\n",
    "tags: [a, b]\n",
    "tags:\n- a\n- b\n",
    "extra:\n  layout: nested\n  title: x\n",
    "avoid:\n  - text: layout\n    reason: title\n",
    "layout_x: 1\n",
    "layout-y: yes\n",
    "_title: 2026-10-01\n",
    "\n",
]
DOCUMENTS = st.tuples(
    st.sampled_from(["", "  "]),
    st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=8, unique=True),
).map(
    lambda drawn: "".join(drawn[0] + line for entry in drawn[1] for line in entry.splitlines(True))
)


def _loaded(front: str) -> SourceFile:
    source = SourceFile(path=Path("a.md"), rel="a.md", kind="doc", text=f"---\n{front}---\nBody\n")
    split_front_matter(source, required=False)
    return source


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_plain_key_spans_equal_the_composed_nodes(front: str) -> None:
    source = _loaded(front)
    for key in [*source.meta, "absent", "layou", "itle"]:
        composed = source.value_span(key, KEY)
        assert source.key_span(key) == composed
        if source.meta_plain and key in source.meta:
            assert composed is not None
            assert source.text[composed[0] : composed[1]] == key


def test_a_nested_key_of_the_same_name_is_not_the_top_level_one() -> None:
    source = _loaded("extra:\n  layout: nested\nlayout: top\n")
    assert source.meta_plain
    start, end = source.key_span("layout")  # type: ignore[misc]
    assert source.position(start) == (4, 1)
    assert source.text[start:end] == "layout"


def test_each_file_with_an_unknown_key_gets_its_own_message_and_position(hub) -> None:  # type: ignore[no-untyped-def]
    entry = "---\nterm: lead\n{extra}owner: sales\nreviewed: 2026-06-10\n---\nA lead.\n"
    root = hub(
        files={
            f"glossary/{name}.md": entry.format(extra=extra)
            for name, extra in [
                ("a", "layout: page\n"),
                ("b", "\nlayout: page\n"),
                ("c", "trem: x\n"),
                ("d", "trem: x\n"),
            ]
        }
    )
    loaded = load_hub(load_config(root / "mkdocs.yml"))
    found = sorted(
        (problem.source.rel, problem.source.position(problem.start), problem.message)
        for problem in loaded.problems
    )
    allowed = "; allowed keys are " + ", ".join(field.name for field in schema(kinds.get("term")))
    assert found == [
        (
            "glossary/a.md",
            (3, 1),
            f"unknown key 'layout'{allowed} (put custom keys under 'extra:')",
        ),
        (
            "glossary/b.md",
            (4, 1),
            f"unknown key 'layout'{allowed} (put custom keys under 'extra:')",
        ),
        (
            "glossary/c.md",
            (3, 1),
            "unknown key 'trem': did you mean 'term'? (put custom keys under 'extra:')",
        ),
        (
            "glossary/d.md",
            (3, 1),
            "unknown key 'trem': did you mean 'term'? (put custom keys under 'extra:')",
        ),
    ]
