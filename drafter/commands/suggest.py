"""`drafter suggest`: ranked phrases for one part of a speech, filled from its facts.

Argument parsing and printing only; the work is `drafter.suggesting`.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-23, got {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {text!r}")
    return value


def _slot(text: str) -> tuple[str, str]:
    from drafter.suggesting import parse_slot

    try:
        return parse_slot(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = ("examples:\n"
                     "  drafter suggest --outline work-meeting --function tasks --topic 乡村振兴 --scope 全县 "
                     "--date 2026-03-10\n"
                     "  drafter suggest --spec 讲话.yaml --section 3 -n 5 --json")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--outline", metavar="ID", help="speech type (see `drafter outlines`), e.g. work-meeting")
    parser.add_argument("--function", metavar="FUNC",
                        help="the part being written: a section role (importance, tasks, leadership…), "
                             "opening, closing, or a phrase function (section.tasks, closing.call…)")
    parser.add_argument("--topic", metavar="T", help="the speech's topic, e.g. 乡村振兴 (words of the topic rank first)")
    parser.add_argument("--scope", metavar="S",
                        help="the speech's scope, e.g. 全县 or 青田县 (another level's scope words are adapted "
                             "or ranked down)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=_date,
                        help="the speech's date (wording dated by then ranks last; default: today)")
    parser.add_argument("--heading", metavar="TEXT", help="the section's heading (its words count too)")
    parser.add_argument("-n", dest="n", metavar="N", type=_positive, default=10,
                        help="how many suggestions (default 10)")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of {id, text, function, era, tags, score, reasons, source, "
                             "open_slots}")
    parser.add_argument("--spec", metavar="FILE", help="take outline, function, topic, scope, date and facts "
                                                      "from this spec (with --section)")
    parser.add_argument("--section", metavar="N", type=_positive, help="the spec's top-level section N (1-based)")
    parser.add_argument("--slot", metavar="NAME=VALUE", type=_slot, action="append", default=[],
                        help="a value for a slot the facts do not give, e.g. region=丽水市 (repeatable)")
    parser.add_argument("--era", metavar="ERA", action="append", default=[],
                        help="also offer wording of this earlier era as current (history), e.g. 十九大时期")


def run(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError
    from drafter.suggesting import Situation, situation_from_spec, suggest

    slots = dict(args.slot)
    from drafter.phrases.bank import ERAS

    for era in args.era:
        if era not in ERAS:
            raise DrafterError(f"--era {era!r} is not a known era (known: {', '.join(ERAS)})", field="era")
    if args.spec:
        if not args.section:
            raise DrafterError("--spec needs --section N (the top-level section to suggest for)", field="section")
        situation = situation_from_spec(args.spec, args.section, function=args.function, topic=args.topic,
                                        scope=args.scope, date=args.date, outline=args.outline,
                                        heading=args.heading, slots=slots, eras=args.era)
    else:
        if args.section:
            raise DrafterError("--section applies to --spec; without a spec give --function", field="section")
        if not args.function:
            raise DrafterError("give --function (a role such as tasks or closing, or a function such as "
                               "section.tasks), or --spec FILE --section N", field="function")
        date = args.date or _dt.date.today()
        situation = Situation(function=args.function, topic=args.topic or "", scope=args.scope, date=date,
                              outline=args.outline, heading=args.heading or "", slots=slots,
                              facts={k: v for k, v in (("topic", args.topic), ("scope", args.scope),
                                                       ("date", date)) if v},
                              eras=frozenset(args.era))
    if situation.outline:
        from drafter.outlines import get_outline

        get_outline(situation.outline)  # an unknown outline is an error naming the known ones
    results = suggest(situation, args.n)
    if args.json:
        print(json.dumps([s.to_dict() for s in results], ensure_ascii=False, indent=2))
        return 0
    if not results:
        print("no suggestions for this part", file=sys.stderr)
        return 1
    for k, s in enumerate(results, 1):
        print(f"{k}. {s.text}")
        meta = " · ".join(x for x in (s.id, s.function, s.era or "", f"score {s.score:g}") if x)
        print(f"   {meta}")
        print(f"   {'; '.join(s.reasons)}")
        if s.open_slots:
            print(f"   give {' '.join(f'--slot {name}=…' for name in s.open_slots)} to fill it")
    return 0
