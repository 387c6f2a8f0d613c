"""The checks: one module per family of rules, each rule documented where it is defined."""

from __future__ import annotations
