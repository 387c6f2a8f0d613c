"""The ``mkdocs.yml`` of a staged site: the hub's own, without the plugin, pointing at ``docs``.

MkDocs configurations carry YAML tags (``!ENV``, ``!!python/name:...``) that a plain load
would either refuse or execute. Here tagged values are kept as they are written and dumped
back with their tags, so the staged file means what the original meant; nothing is run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from smarthub.yamlsafe import SafeLoader

STAGED_DOCS_DIR = "docs"


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag we do not interpret, kept as written."""

    tag: str
    value: Any


class _TagKeepingLoader(SafeLoader):  # type: ignore[misc, valid-type]
    pass


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


_TagKeepingLoader.add_multi_constructor("!", _keep_tag)
_TagKeepingLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)


class _TagKeepingDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_TagKeepingDumper.add_representer(Tagged, _represent_tagged)


def _entry_name(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return None


def staged_config(
    original: str | list[str],
    *,
    extensions: tuple[str, ...],
    stylesheet: str,
    nav: list[Any] | None,
) -> str:
    """The staged ``mkdocs.yml`` text from the original one's text.

    With ``INHERIT:``, ``original`` lists the texts nearest first; they are merged as MkDocs
    merges them, so the staged file stands alone in its new folder.
    """
    from smarthub.config import merged_settings

    texts = [original] if isinstance(original, str) else original
    data: dict[str, Any] = {}
    for text in reversed(texts):
        loaded = yaml.load(text, Loader=_TagKeepingLoader) or {}
        data = merged_settings(data, loaded if isinstance(loaded, dict) else {})
    data.pop("INHERIT", None)
    data["docs_dir"] = STAGED_DOCS_DIR
    data.pop("site_dir", None)
    plugins = data.get("plugins")
    if isinstance(plugins, dict):
        plugins.pop("smarthub", None)
    elif isinstance(plugins, list):
        data["plugins"] = [entry for entry in plugins if _entry_name(entry) != "smarthub"]
    markdown_extensions = data.setdefault("markdown_extensions", [])
    if isinstance(markdown_extensions, dict):
        for name in extensions:
            markdown_extensions.setdefault(name, {})
    else:
        present = {_entry_name(entry) for entry in markdown_extensions}
        markdown_extensions.extend(name for name in extensions if name not in present)
    extra_css = data.setdefault("extra_css", [])
    if stylesheet not in extra_css:
        extra_css.append(stylesheet)
    if nav is not None and "nav" not in data:
        data["nav"] = nav
    header = (
        "# Staged by `smarthub stage`: the hub's pages with term links baked in. Do not edit.\n"
    )
    return header + yaml.dump(data, Dumper=_TagKeepingDumper, sort_keys=False, allow_unicode=True)
