"""YAML loading shared by the config and the front-matter loader.

Safe loading only (libyaml's C loader where it is installed), with a composed node tree
kept beside the data so that every problem can name the line it comes from.
"""

from __future__ import annotations

import reprlib
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """Safe loader for front matter: an impossible date (2026-13-01) stays text.

    PyYAML raises a bare ValueError for such dates and loses the whole document; kept as
    text, the schema reports it at its line like any other wrong value.
    """


def _construct_timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


def _construct_int_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # Python refuses to convert an integer of more than 4,300 digits (ValueError, not a
    # YAML error): kept as text, it is reported like any other wrong value.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_or_text)
FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", _construct_int_or_text)


class MkDocsConfigLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """Safe loader that tolerates MkDocs' YAML tags instead of refusing the whole file.

    ``!ENV`` is resolved from the environment as MkDocs does; any other local tag and
    ``!!python/...`` tags load as the plain text of their tag: ``smarthub check`` never
    needs those values, and it must never execute them.
    """


def _construct_tag_as_text(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return f"{node.tag}"


# MkDocs' own `!ENV` (pyyaml-env-tag, which MkDocs depends on): the same values, types and
# defaults as `mkdocs build` sees.
MkDocsConfigLoader.add_constructor("!ENV", construct_env_tag)
MkDocsConfigLoader.add_constructor("tag:yaml.org,2002:int", _construct_int_or_text)
MkDocsConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_or_text)
MkDocsConfigLoader.add_multi_constructor("!", _construct_tag_as_text)
MkDocsConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tag_as_text)


_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxstring, _SHOWN.maxother = 2, 4, 4, 60, 60
_SHOWN.maxlong = 40


def shown(value: Any) -> str:
    """``value`` quoted back in a message, cut short.

    An alias bomb (a few lines of YAML that expand to billions of items) or an integer of
    ten thousand digits must not become a message of that size, or a crash: Python refuses
    to turn an integer of more than 4,300 digits into text.
    """
    try:
        return _SHOWN.repr(value)
    except ValueError:
        return "a number too long to show"


def shown_inline(text: str) -> str:
    """A text quoted back without its quotes, cut short."""
    return shown(text)[1:-1]


EXPANDED_LIMIT = 10_000


def expands_beyond(value: Any, limit: int = EXPANDED_LIMIT) -> bool:
    """Whether ``value``, with every alias written out, has more than ``limit`` items.

    An alias bomb is a few lines of YAML that PyYAML loads cheaply, as lists sharing lists;
    anything that walks or prints it in full (a theme rendering ``page.meta``) never ends.
    """
    stack, seen = [value], 0
    while stack:
        current = stack.pop()
        seen += 1
        if seen > limit:
            return True
        if isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, list | tuple | set):
            stack.extend(current)
    return False


class DuplicateKey(Exception):
    """A mapping names the same key twice; YAML would silently keep the last one."""

    def __init__(self, key: str, first: yaml.Node, second: yaml.Node) -> None:
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


def compose_and_construct(
    text: str, loader_class: type[yaml.SafeLoader] = FrontMatterLoader
) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document, returning ``(data, node)``.

    Raises ``yaml.YAMLError`` for syntax errors and ``DuplicateKey`` when a mapping repeats
    a key.
    """
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _refuse_duplicate_keys(node)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _refuse_duplicate_keys(node: yaml.Node) -> None:
    stack, seen_nodes = [node], set()
    while stack:
        current = stack.pop()
        if id(current) in seen_nodes:
            continue  # aliases share nodes; each is walked once (keeps alias bombs cheap)
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys: dict[str, yaml.Node] = {}
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in keys and key_node.tag != "tag:yaml.org,2002:merge":
                        raise DuplicateKey(key_node.value, keys[key_node.value], key_node)
                    keys[key_node.value] = key_node
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


KEY = "\x00key"  # last element of a span path that names a mapping key itself, not its value
Spans = dict[tuple[str | int, ...], tuple[int, int, int, int]]


def compose(text: str) -> yaml.Node | None:
    """The node tree of a front-matter document (for positions only)."""
    loader = FrontMatterLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def collect_spans(node: yaml.Node, max_depth: int = 3) -> Spans:
    """Where each value (and each mapping key) of a document is: ``path -> (line, col, line, col)``.

    Paths are tuples of keys and list indexes (``("avoid", 0, "text")``); a path ending in
    ``KEY`` is the key itself. Only the first levels are kept: that is all the checks point
    at, it keeps a model of 10,000 files small, and an alias bomb stays a few hundred spans.
    """
    spans: Spans = {}
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), node)]
    while stack:
        path, current = stack.pop()
        spans[path] = _marks(current)
        if len(path) >= max_depth:
            continue
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    spans[(*path, key.value, KEY)] = _marks(key)
                    stack.append(((*path, key.value), value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(((*path, index), item) for index, item in enumerate(current.value))
    return spans


def _marks(node: yaml.Node) -> tuple[int, int, int, int]:
    start, end = node.start_mark, node.end_mark
    return start.line, start.column, end.line, end.column


def child_node(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    """The value node under ``key`` (a mapping key or a sequence index), if there is one."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The key node itself for ``key`` in a mapping node."""
    if isinstance(node, yaml.MappingNode):
        for key_node_, _ in node.value:
            if isinstance(key_node_, yaml.ScalarNode) and key_node_.value == key:
                return key_node_
    return None
