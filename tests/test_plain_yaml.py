"""Front matter read by the fast plain-YAML path means exactly what libyaml's path reads.

``load_plain`` either declines a document (``None``: libyaml reads it as before) or returns
the very values, types and marks that PyYAML's front-matter loader constructs. The tables
pin what a user sees for tricky YAML (values, and each message with its line, as they were
before the fast path); the generated documents compare both paths line by line.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarthub.load.frontmatter import split_front_matter
from smarthub.model.source import SourceFile
from smarthub.plainyaml import load_plain
from smarthub.yamlsafe import compose_and_construct

UTC = dt.UTC
PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


def read(yaml_text: str) -> tuple[dict[str, Any], list[tuple[int, int, str]], dict[str, Any]]:
    """What the loader makes of a file with this front matter: meta, problems, title spans."""
    source = SourceFile(Path("x.md"), "x.md", "asset", text=f"---\n{yaml_text}---\nBody\n")
    problems = split_front_matter(source, required=True)
    found = [(*source.position(problem.start), problem.message) for problem in problems]
    return source.meta, found, dict(source.scalar_spans)


def typed(value: Any) -> Any:
    """``value`` with every type spelt out, so ``1 == True`` or a date and a text never pass."""
    if isinstance(value, dict):
        return ("dict", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, repr(value))


def same_as_libyaml(text: str) -> bool:
    """Assert the fast path agrees with libyaml's; return whether it read ``text`` at all."""
    plain = load_plain(text)
    if plain is None:
        return False
    data, spans = plain
    expected, node = compose_and_construct(text)  # raises if libyaml refuses what we read
    assert typed(data) == typed(expected), text
    line_starts = [0] + [index + 1 for index, character in enumerate(text) if character == "\n"]
    for key_node, value_node in node.value:
        if isinstance(value_node, yaml.ScalarNode) and isinstance(expected[key_node.value], str):
            start, end = value_node.start_mark, value_node.end_mark
            assert spans[key_node.value] == (
                line_starts[start.line] + start.column,
                line_starts[end.line] + end.column,
            ), text
    return True


# (front matter, meta, problems as (line, column, message), spans of title and summary);
# every expectation is what the loader gave before the fast path existed.
VALUES = {
    "yes/no/on/off": (
        "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: True\nh: FALSE\n",
        {"a": True, "b": False, "c": True, "d": False, "e": "y", "f": "n", "g": True, "h": False},
    ),
    "dates and datetimes": (
        "d: 2026-10-01\nt: 2026-10-01 12:30:00\nz: 2026-10-01T12:30:00Z\n"
        "o: 2026-10-01t12:30:00.5+02:00\nbad: 2026-13-01\nshort: 2026-1-1\n",
        {
            "d": dt.date(2026, 10, 1),
            "t": dt.datetime(2026, 10, 1, 12, 30),
            "z": dt.datetime(2026, 10, 1, 12, 30, tzinfo=UTC),
            "o": dt.datetime(2026, 10, 1, 12, 30, 0, 500000, tzinfo=PLUS_TWO),
            "bad": "2026-13-01",
            "short": "2026-1-1",
        },
    ),
    "octal, hex, sexagesimal, infinities": (
        "o: 0o17\np: 017\nh: 0x1F\nb: 0b101\ns: 1:30\nu: 1_000\ng: 6.02e+23\nf: 1.5\n"
        "sx: 190:20:30.15\ni: .inf\nni: -.inf\nplus: +12\nneg: -3\n",
        {
            "o": "0o17",
            "p": 15,
            "h": 31,
            "b": 5,
            "s": 90,
            "u": 1000,
            "g": 6.02e23,
            "f": 1.5,
            "sx": 685230.15,
            "i": math.inf,
            "ni": -math.inf,
            "plus": 12,
            "neg": -3,
        },
    ),
    "nulls": (
        "a: ~\nb: null\nc:\nd: Null\ne: NULL\nf: nil\n",
        {"a": None, "b": None, "c": None, "d": None, "e": None, "f": "nil"},
    ),
    "quoted and plain texts": (
        "t: \"quoted: yes\"\nu: 'single'\nv: plain text, with comma\nw: C# and F#\nx: a:b\n"
        "y: it's\nz: 'it''s'\nq: \"tab\\there\"\nr: 50%\n",
        {
            "t": "quoted: yes",
            "u": "single",
            "v": "plain text, with comma",
            "w": "C# and F#",
            "x": "a:b",
            "y": "it's",
            "z": "it's",
            "q": "tab\there",
            "r": "50%",
        },
    ),
    "flow lists": (
        "a: [x, y]\nb: []\nc: [\"a, b\", 'c']\nd: [yes, 1, 2026-01-01, ~]\ne: [x , y ]\n"
        "f: [x, y,]\ng: [[x]]\nh: [a: b]\n",
        {
            "a": ["x", "y"],
            "b": [],
            "c": ["a, b", "c"],
            "d": [True, 1, dt.date(2026, 1, 1), None],
            "e": ["x", "y"],
            "f": ["x", "y"],
            "g": [["x"]],
            "h": [{"a": "b"}],
        },
    ),
    "block lists of texts and mappings": (
        "avoid:\n  - hot lead\n  - text: warm lead\n    reason: too vague\n"
        "  - text: Sales Force\n    case: exact\nrelated:\n- a\n- b\nafter: 1\n",
        {
            "avoid": [
                "hot lead",
                {"text": "warm lead", "reason": "too vague"},
                {"text": "Sales Force", "case": "exact"},
            ],
            "related": ["a", "b"],
            "after": 1,
        },
    ),
    "nested mappings": (
        "extra:\n  owner: me\n  deep:\n    deeper: [a]\nlast: x\n",
        {"extra": {"owner": "me", "deep": {"deeper": ["a"]}}, "last": "x"},
    ),
    "aliases": ("a: &x 1\nb: *x\n", {"a": 1, "b": 1}),
    "merge keys": (
        "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n",
        {"base": {"x": 1}, "m": {"x": 1, "y": 2}},
    ),
    "explicit str tag": ("a: !!str 1\n", {"a": "1"}),
    "empty document": ("", {}),
    "only a comment": ("# nothing\n", {}),
    "blank lines": ("\n\na: 1\n\n\nb: 2\n\n", {"a": 1, "b": 2}),
    "comments": ("a: 1 # one\n# between\nb: 2\n", {"a": 1, "b": 2}),
    "non-string keys": (
        "1: a\ntrue: b\nyes: c\n~: d\n2026-01-01: e\n",
        {1: "c", None: "d", dt.date(2026, 1, 1): "e"},
    ),
    "multi-line texts": (
        's: |\n  a\n  b\nf: >\n  a\n  b\np: a\n  b\nq: "a\n  b"\n',
        {"s": "a\nb\n", "f": "a b\n", "p": "a b", "q": "a b"},
    ),
    "BOM inside a value": ("a: x\ufeffy\n", {"a": "x\ufeffy"}),
    "tab after the colon": ("a:\tx\n", {"a": "x"}),
    "tab inside a value": ("a: x\ty\n", {"a": "x\ty"}),
    "CRLF line endings": ("a: 1\r\nb: [x]\r\n", {"a": 1, "b": ["x"]}),
    "indented root": ("  a: 1\n  b: 2\n", {"a": 1, "b": 2}),
    "empty list item": ("a:\n  -\n  - x\n", {"a": [None, "x"]}),
    "list of lists": ("a:\n  - - x\n", {"a": [["x"]]}),
    "key with spaces": ("my key: 1\n", {"my key": 1}),
    "quoted key": ('"a": 1\n', {"a": 1}),
    "explicit key": ("? a\n: b\n", {"a": "b"}),
    "integer too long for Python": ("a: " + "9" * 5000 + "\n", {"a": "9" * 5000}),
}


@pytest.mark.parametrize("name", list(VALUES))
def test_tricky_values_load_as_before(name: str) -> None:
    text, meta = VALUES[name]
    loaded, problems, _ = read(text)
    assert typed(loaded) == typed(meta)
    assert problems == []
    same_as_libyaml(text)


NOT_PLAIN = "front matter is not valid YAML: "
HINT = " (check quotes, colons and indentation)"
NO_TAGS = ": only plain YAML values are allowed (no '!!' tags)"
PROBLEMS = {
    "duplicate key": (
        "title: A\nowner: x\ntitle: B\n",
        (4, 1, "key 'title' appears twice (first on line 2): keep one"),
    ),
    "duplicate key in a list item": (
        "avoid:\n  - text: a\n    reason: b\n    text: c\n",
        (5, 5, "key 'text' appears twice (first on line 3): keep one"),
    ),
    "duplicate key in a nested mapping": (
        "extra:\n  a: 1\n  a: 2\n",
        (4, 3, "key 'a' appears twice (first on line 3): keep one"),
    ),
    "merge tag as a value": (
        "a: <<\n",
        (
            2,
            4,
            f"{NOT_PLAIN}could not determine a constructor for the tag 'tag:yaml.org,2002:merge'{NO_TAGS}{HINT}",
        ),
    ),
    "value tag": (
        "a: =\n",
        (
            2,
            4,
            f"{NOT_PLAIN}could not determine a constructor for the tag 'tag:yaml.org,2002:value'{NO_TAGS}{HINT}",
        ),
    ),
    "python tag": (
        "a: !!python/object/apply:os.system [echo]\n",
        (
            2,
            4,
            f"{NOT_PLAIN}could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'{NO_TAGS}{HINT}",
        ),
    ),
    "local tag": (
        "a: !thing x\n",
        (2, 4, f"{NOT_PLAIN}could not determine a constructor for the tag '!thing'{NO_TAGS}{HINT}"),
    ),
    "tab indentation": (
        "a:\n\t- x\n",
        (3, 1, f"{NOT_PLAIN}found character that cannot start any token{HINT}"),
    ),
    "a list": (
        "- a\n- b\n",
        (2, 1, "front matter is a list, not a mapping: write it as 'key: value' lines"),
    ),
    "a text": (
        "just text\n",
        (2, 1, "front matter is a text, not a mapping: write it as 'key: value' lines"),
    ),
    "value with a colon": (
        "a: b: c\n",
        (2, 5, f"{NOT_PLAIN}mapping values are not allowed in this context{HINT}"),
    ),
    "value ending in a colon": (
        "a: x:\n",
        (2, 5, f"{NOT_PLAIN}mapping values are not allowed in this context{HINT}"),
    ),
    "bad indentation": (
        "a:\n    b: 1\n  c: 2\n",
        (4, 3, f"{NOT_PLAIN}did not find expected key{HINT}"),
    ),
    "key under a text": (
        "a: x\n  b: y\n",
        (3, 4, f"{NOT_PLAIN}mapping values are not allowed in this context{HINT}"),
    ),
    "unclosed quote": ('a: "x\n', (3, 1, f"{NOT_PLAIN}found unexpected end of stream{HINT}")),
    "unclosed flow list": (
        "a: [x, y\n",
        (3, 1, f"{NOT_PLAIN}did not find expected ',' or ']'{HINT}"),
    ),
    "second document": ("a: 1\n--- x\n", (3, 1, f"{NOT_PLAIN}but found another document{HINT}")),
    "directive": (
        "%YAML 1.1\na: 1\n",
        (3, 1, f"{NOT_PLAIN}did not find expected <document start>{HINT}"),
    ),
    "control character": ("a: x\x07y\n", (1, 1, f"{NOT_PLAIN}cannot be read")),
    "NEL line break": ("a: x\x85y\n", (4, 1, f"{NOT_PLAIN}could not find expected ':'{HINT}")),
    "line separator": ("a: x\u2028y\n", (4, 1, f"{NOT_PLAIN}could not find expected ':'{HINT}")),
    "at sign": ("a: @x\n", (2, 4, f"{NOT_PLAIN}found character that cannot start any token{HINT}")),
    "backtick": (
        "a: `x`\n",
        (2, 4, f"{NOT_PLAIN}found character that cannot start any token{HINT}"),
    ),
    "dash value": (
        "a: -x\nb: - x\n",
        (3, 4, f"{NOT_PLAIN}block sequence entries are not allowed in this context{HINT}"),
    ),
    "no-break space after the colon": (
        "a:\xa0b\nc: x\xa0\n",
        (3, 2, f"{NOT_PLAIN}mapping values are not allowed in this context{HINT}"),
    ),
}


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_broken_front_matter_is_reported_as_before(name: str) -> None:
    text, problem = PROBLEMS[name]
    assert load_plain(text) is None
    meta, problems, _ = read(text)
    assert (meta, problems) == ({}, [problem])


def test_title_and_summary_positions_count_characters() -> None:
    text = 'title: Ça coûte 5 € — “quoted” 😀\nsummary: "Ünïcödé: 😀 ok"   \nowner: x\n'
    assert same_as_libyaml(text)
    meta, problems, spans = read(text)
    assert problems == []
    assert spans == {"title": (11, 36), "summary": (46, 61)}
    body = f"---\n{text}"
    assert body[11:36] == meta["title"]
    assert body[46:61] == '"Ünïcödé: 😀 ok"'


def test_the_files_of_a_hub_take_the_fast_path() -> None:
    text = (
        'title: "First touch"\ntype: email-template\nowner: revops\nstatus: published\n'
        "reviewed: 2026-06-12\npersonas: [enablement-lead]\nstages: [awareness]\n"
        "summary: Tie the motion to the TAM.\ntags: [email-template, healthcare]\n"
        "avoid:\n  - text: warm lead\n    reason: too vague; say MQL\n"
    )
    assert same_as_libyaml(text)


KEYS = ["title", "summary", "owner", "a", "yes", "null", "1", "a b", "<<", "k-1", "_x"]
SCALARS = [
    "x", "plain text", "yes", "No", "on", "~", "null", "", "0", "017", "0o17", "0x1F", "1_000",
    "1:30", "-3", "+12", ".5", "1e3", "6.02e+23", ".inf", "-.Inf", ".nan", "2026-10-01",
    "2026-13-01", "2026-10-01 12:30:00", "2026-10-01T12:30:00Z", "=", "<<", "a:b", "a: b", "x:",
    "C#", "a #b", "it's", "'q'", "''", "'it''s'", '"d"', '""', '"a\\"b"', '"a, b"', "[x]", "[]",
    "[x, y]", "[x,y]", "[x , 'y', \"z\"]", "[x, y,]", "[[x]]", "[a: b]", "[a b]", "{a: 1}", "&a x",
    "*a", "!!str 1", "!t x", "|", ">", "- x", "-x", "?x", "? x", "%x", "@x", "`x`", "x\ty",
    "x\xa0", "\xa0x", "é", "😀", "x\u2028y", "x\x85y", "x\ufeff", "x\x07", "...", "---", "x  ",
]  # fmt: skip
COMMON = ["x", "plain text", "sales-ready", "2026-10-01", "3", "yes", '"A title: quoted"', "é 😀"]
INDENTS = ["", " ", "  ", "    "]


@st.composite
def scalars(draw: st.DrawFn) -> str:
    """Mostly values that front matter holds, often a tricky one."""
    if draw(st.integers(0, 3)):
        return draw(st.sampled_from(COMMON))
    return draw(st.sampled_from(SCALARS))


@st.composite
def entries(draw: st.DrawFn, indent: str = "", depth: int = 0) -> list[str]:
    """The lines of one mapping entry: a scalar, a flow list, a block list or a mapping."""
    key = draw(st.sampled_from(["title", "owner", "tags"]) | st.sampled_from(KEYS))
    if draw(st.integers(0, 3)):  # mostly distinct keys; sometimes a duplicate
        key += f"{draw(st.integers(0, 99))}"
    shape = draw(st.sampled_from(["scalar", "flow", "list", "list of mappings", "mapping"]))
    if shape == "scalar":
        return [f"{indent}{key}: {draw(scalars())}"]
    if shape == "flow":
        items = draw(st.lists(scalars(), max_size=3))
        return [f"{indent}{key}: [{', '.join(items)}]"]
    inner = indent + draw(
        st.sampled_from(["  ", "    ", ""] if shape != "mapping" else ["  ", " "])
    )
    lines = [f"{indent}{key}:"]
    for _ in range(draw(st.integers(1, 3))):
        if shape == "list":
            lines.append(f"{inner}- {draw(scalars())}")
        elif shape == "list of mappings":
            first, *rest = draw(entries(inner + "  ", depth + 1)) if depth < 2 else ["x: 1"]
            lines += [f"{inner}- {first.lstrip(' ')}", *rest]
        else:
            lines += draw(entries(inner, depth + 1)) if depth < 2 else [f"{inner}x: 1"]
    return lines


NOISE = ["", "  ", "# note", "  # note", "\t- x", "  more text", "- x", "---", "x: &a 1", "y: *a"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Front matter as people write it, sometimes with a stray line or a duplicate key."""
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        lines += draw(entries())
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(NOISE)))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n", "  \n"]))


def libyaml_reads(text: str) -> bool:
    """Whether libyaml's path reads ``text`` without refusing it."""
    try:
        compose_and_construct(text)
    except Exception:  # a YAML error, a duplicate key, an impossible number, too deep
        return False
    return True


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_front_matter_reads_the_same_on_both_paths(text: str) -> None:
    if libyaml_reads(text):
        same_as_libyaml(text)
    else:
        assert load_plain(text) is None, text


@pytest.mark.parametrize("value", SCALARS)
@pytest.mark.parametrize(
    "shape", ["a: {}\n", "a: [{}]\n", "a:\n  - {}\n", "a:\n  - k: {}\n    j: 1\n"]
)
def test_each_tricky_scalar_reads_the_same_on_both_paths(shape: str, value: str) -> None:
    text = shape.format(value)
    if libyaml_reads(text):
        same_as_libyaml(text)
    else:
        assert load_plain(text) is None, text
