"""`drafter check FILE…`: list the mistakes in specs and drafts; exit 1 on errors, 2 when a file cannot be read.

Human output is one line per finding, compiler style, sorted by place:
    draft.txt:131 (五、标题): error: 编号不连续：“三、”之后是“五、”，缺少“四、” [numbering.gap]
    speech.yaml:26 (三、第1段): warning: 标点重复“，，”：“…” [punct.doubled]
    speech.yaml: 全文: info: 全文约3600字，按每分钟220字计，约需16.4分钟 [length.summary]
`--json` prints a list of findings (rule, severity, message, line, location, file).
"""

from __future__ import annotations

import argparse
import json
import math
import sys


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
        if not math.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
        return value
    return parse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="a spec (.yaml/.yml) or a draft (.txt, .md, .docx)")
    parser.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    parser.add_argument("--minutes", type=_positive(float), metavar="N",
                        help="target speaking time in minutes (overrides the spec's targets.minutes)")
    parser.add_argument("--chars-per-minute", type=_positive(int), metavar="N",
                        help="speaking rate for the time estimate (default: the spec's, else 220)")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE",
                        help="an extra formulation rule file (YAML, same format as the bundled one); repeatable")
    parser.add_argument("--annotate", action="store_true",
                        help="write a copy of the .docx with each finding as a Word comment (author drafter); needs -o")
    parser.add_argument("-o", "--output", metavar="OUT.docx", help="with --annotate: the annotated copy to write")
    parser.add_argument("--force", action="store_true", help="with --annotate: overwrite OUT.docx")
    parser.add_argument("--list-rules", action="store_true",
                        help="list the rule ids with their default severity and what they catch, then exit")


def format_finding(f) -> str:
    place = f.file or "-"
    if f.line is not None:
        place = f"{place}:{f.line}" + (f" ({f.location})" if f.location else "")
    elif f.location:
        place = f"{place}: {f.location}"
    return f"{place}: {f.severity}: {f.message} [{f.rule}]"


def run(args: argparse.Namespace) -> int:
    from drafter.check import Targets, check_file, formulation_rules
    from drafter.commands import Inputs

    if args.list_rules:
        from drafter.check import all_rules

        for rule, (severity, what) in all_rules().items():
            print(f"{rule:28} {severity:8} {what}")
        return 0
    if not args.files:
        print("drafter: error: give at least one FILE to check (or --list-rules)", file=sys.stderr)
        return 2
    targets = Targets(args.minutes, args.chars_per_minute)
    rules = formulation_rules(args.rules)
    if getattr(args, "annotate", False):
        return _annotate(args, targets, rules)  # a bad rule file stops the run: nothing could be checked right
    findings = []
    checked = 0
    inputs = Inputs(args.files, lambda path: check_file(path, targets, rules=rules))
    for _path, found in inputs:
        findings.extend(found)
        checked += 1
    failed = inputs.failed
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    summary = (f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s) "
               f"in {checked} file(s)" + (f"; {failed} file(s) could not be checked" if failed else ""))
    if args.json:
        json.dump([f.to_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        if checked:
            print(summary, file=sys.stderr)  # stdout stays pure JSON
    else:
        for f in findings:
            print(format_finding(f))
        if checked:
            print(summary)
    # As linters do: 2 = a file could not be checked, 1 = findings at error level.
    return 2 if failed else (1 if counts["error"] else 0)


def _annotate(args: argparse.Namespace, targets, rules) -> int:
    """`--annotate DRAFT.docx -o OUT.docx`: the findings as Word comments in a copy of the draft."""
    from drafter.check.files import annotate_file

    if len(args.files) != 1 or not args.output:
        print("drafter: error: --annotate takes one .docx and -o OUT.docx for the annotated copy", file=sys.stderr)
        return 2
    findings, written = annotate_file(args.files[0], args.output, targets, rules, force=args.force)
    for f in findings:
        print(format_finding(f))
    print(f"wrote {written} with {len(findings)} comment(s)")
    return 1 if any(f.severity == "error" for f in findings) else 0
