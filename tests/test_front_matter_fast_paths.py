"""Front-matter shortcuts give what composing the YAML gives.

For front matter the plain reader took, ``SourceFile.key_span`` finds a top-level key in
the text instead of composing the document again; each case below holds it to the
composed node's span, over generated documents where nested keys share the top-level
keys' names.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smarthub.load.frontmatter import split_front_matter
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
