"""`drafter check`: catch the mistakes that embarrass a speech before the leader reads it.

    check_speech(speech, text_lines=None, targets=None) -> list[Finding]
    check_file(path, targets=None, rule_files=()) -> list[Finding]

Rule families live in drafter/check/rules/ (numbering, announced,
placeholders, punctuation, formulations, repetition, length, fills); outdated and
wrong formulations come from the curator-editable formulations.yaml.
"""

from __future__ import annotations

from drafter.check.files import check_file
from drafter.check.findings import SEVERITIES, Finding, Targets
from drafter.check.runner import all_rules, check_speech, formulation_rules, sort_findings

__all__ = ["Finding", "Targets", "SEVERITIES", "check_speech", "check_file", "all_rules", "formulation_rules",
           "sort_findings"]
