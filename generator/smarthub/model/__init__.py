"""The hub model: plain dataclasses, knowing nothing of the CLI or of MkDocs."""

from __future__ import annotations

from smarthub.model.entities import (
    Asset,
    AvoidForm,
    Hub,
    Objection,
    Page,
    Persona,
    Playbook,
    Term,
)
from smarthub.model.source import LoadProblem, SourceFile, TextRegion

__all__ = [
    "Asset",
    "AvoidForm",
    "Hub",
    "LoadProblem",
    "Objection",
    "Page",
    "Persona",
    "Playbook",
    "SourceFile",
    "Term",
    "TextRegion",
]
