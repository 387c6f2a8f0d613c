"""``!ENV`` in mkdocs.yml means exactly what it means to MkDocs."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from smarthub.yamlsafe import MkDocsConfigLoader

DOCUMENT = """\
a: !ENV SMARTHUB_ENV_LIST
b: !ENV [SMARTHUB_ENV_UNSET, 7]
c: !ENV [SMARTHUB_ENV_UNSET, SMARTHUB_ENV_NUMBER, fallback]
d: !ENV SMARTHUB_ENV_UNSET
e: !ENV [SMARTHUB_ENV_BOOL]
"""


def test_env_tag_resolves_like_mkdocs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTHUB_ENV_LIST", "[not, a, list]")
    monkeypatch.setenv("SMARTHUB_ENV_NUMBER", "42")
    monkeypatch.setenv("SMARTHUB_ENV_BOOL", "true")
    monkeypatch.delenv("SMARTHUB_ENV_UNSET", raising=False)
    ours = yaml.load(DOCUMENT, Loader=MkDocsConfigLoader)
    theirs = yaml.load(DOCUMENT, Loader=get_yaml_loader())
    assert ours == theirs == {"a": "[not, a, list]", "b": 7, "c": 42, "d": None, "e": True}
