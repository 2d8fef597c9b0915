"""Mining phrase-bank entries out of parsed speeches.

One document in, records out: `mine_document(speech, lines, file)` is a pure
function of a parsed speech and its cleaned lines, so a large corpus is
mined in parallel processes and `merge` folds the records into entries
deterministically (stable ids, sorted output): mining the same corpus twice
writes identical banks.

What is mined, by position and shape rather than by any seed's wording:
- formulas: opening (purpose, 刚才……acknowledgement), transition (下面，我就……
  讲四点意见), closing (只要……就一定能够……; 希望……！), the variable middle
  generalised to {{ topic }} / {{ name }};
- heading patterns, with genre frames generalised (充分认识{{ topic }}的重要性,
  要在{{ topic }}上下功夫, 为{{ topic }}奠定基础…);
- parallel lists (排比) of equal-length items sharing a character or shape;
- quoted sayings and introduced ones (我们常说，……), plus unquoted 4+4
  couplets that recur in two or more documents;
- numbered slogans in quotes (“三会一课”, “两个确立”);
- collocations: adjacent jieba words recurring across documents.
Anonymisation marks (**区, *同志, xx书记, x月) become slots everywhere.
The line-level text patterns live in `drafter.phrases.patterns`; this module
places what they find in documents and corpora. Every record keeps the file and the 1-based line (as committed) where its
first literal character sits.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from drafter.corpus.lines import TextLine
from drafter.model import Speech
from drafter.eras import date_text
from drafter.phrases.bank import FUNCTIONS, LOCAL_TAG, OUTDATED_TAG, Bank, Entry, era_of, literal_parts, slots_in
from drafter.phrases.quality import defects, is_local
from drafter.phrases.patterns import (CJK, CJK_RE, ENUMERATOR, QUOTE_RE, SECTION_CUES, Bounds, anonymised,
                                      classify_quote, collocations, couplets, generalise_heading, introduced_saying,
                                      pair_words, parallel_lists, saying_key, sentence_texts, split_sentences,
                                      topic_tags)


class Record(NamedTuple):
    """One mined occurrence (or several in one document: `n`).

    A NamedTuple rather than a frozen dataclass: a corpus makes tens of thousands, and a
    tuple is built several times faster (immutable, hashable and picklable all the same).
    """

    function: str
    text: str  # as it will read in the bank (slots for generalised parts)
    key: str  # what merge groups by
    file: str
    line: int
    doc: str  # document id: file#piece
    era: str | None = None  # unused: an entry's era comes from its own wording (drafter.eras)
    tags: tuple[str, ...] = ()
    n: int = 1
    weak: bool = False  # a candidate kept only if it recurs across documents


class Locator:
    """Finds a snippet in a piece's cleaned lines and returns its source line."""

    def __init__(self, lines: Sequence[TextLine]):
        self.lines = list(lines)
        self.starts: list[int] = []
        pos = 0
        for tl in self.lines:
            self.starts.append(pos)
            pos += len(tl.text) + 1
        self.text = "\n".join(tl.text for tl in self.lines)

    def line_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[i].line_at(offset - self.starts[i])

    def find(self, text: str, hint: int | None = None) -> int | None:
        """Line of `text` (slots aside: its literal parts in order), nearest to `hint`."""
        parts = literal_parts(text)
        if not parts:
            return None
        best: tuple[int, int] | None = None
        start = self.text.find(parts[0])
        while start != -1:
            end = start + len(parts[0])
            ok = True
            for p in parts[1:]:
                nxt = self.text.find(p, end)
                if nxt == -1 or "\n" in self.text[end:nxt]:
                    ok = False
                    break
                end = nxt + len(p)
            if ok:
                line = self.line_at(start)
                score = abs(line - hint) if hint is not None else 0
                if best is None or score < best[0]:
                    best = (score, line)
                if score == 0 or hint is None:
                    break
            start = self.text.find(parts[0], start + 1)
        return best[1] if best else None


# --------------------------------------------------------------------------- formulas

_NAME_BEFORE_TONGZHI = re.compile(
    rf"(?:(?<=[，、：])|(?<=刚才)|(?<=部长)|(?<=书记)|(?<=主任)|(?<=常委)|(?<=县长)|(?<=市长)|(?<=区长)|(?<=主席))"
    rf"[{CJK}]{{2,3}}(?=同志)")
_ACK_MIDDLE = re.compile(r"就([^，。]{2,30}?)(作了|提出了|讲了|进行了)")
_TRANSITION = re.compile(r"下面|以下|主要讲|讲[一二两三四五六七八九十几]+点|谈[一二两三四五六七八九十几]+点")
_TRANSITION_MIDDLE = re.compile(r"(?<=就)([^。：]{2,40}?)，?(?=(?:讲|谈|提)[一二两三四五六七八九十几些])")
_PURPOSE_HINT = re.compile(r"意义|载体|行动|召开|会议|任务|目的|举措|契机")
_CONTRIBUTION = re.compile(r"为([^，。！]{2,30}?)(作出|做出)(新的更大的?|积极|更大的?)贡献")


def _formula_records(speech: Speech, loc: Locator, base: dict) -> list[Record]:
    out: list[Record] = []

    def emit(function: str, text: str, hint: int | None) -> None:
        text = anonymised(text.strip())
        if len(text) < 6 or len(text) > 200:
            return
        line = loc.find(text, hint)
        if line is not None:
            out.append(Record(function, text, text, line=line, tags=topic_tags(text), **base))

    for i, para in enumerate(speech.opening):
        for j, (_, s) in enumerate(split_sentences(para.text)):
            if "刚才" in s:
                s = s[s.index("刚才"):]
                s = _NAME_BEFORE_TONGZHI.sub("{{ name }}", s)
                s = _ACK_MIDDLE.sub(r"就{{ topic }}\2", s, count=1)
                emit("opening.acknowledge", s, para.line)
            elif _TRANSITION.search(s) and ("意见" in s or "方面" in s or "想法" in s):
                emit("transition.points", _transition_text(s), para.line)
            elif i == 0 and j == 0 and _PURPOSE_HINT.search(s):
                emit("opening.purpose", _purpose_text(s), para.line)
    transition = [speech.transition] if speech.transition else []
    for para in transition:
        for _, s in split_sentences(para.text):
            if _TRANSITION.search(s) or "意见" in s:
                emit("transition.points", _transition_text(s), para.line)
    closing_paras = list(speech.closing)
    # Closing words that a parser left inside the last section still close the speech.
    for section in speech.walk():
        closing_paras.extend(p for p in section.paragraphs if "同志们，" in p.text and p not in closing_paras)
    for para in closing_paras:
        for _, s in split_sentences(para.text):
            if "同志们，" in s and not s.startswith("同志们，"):
                s = s[s.index("同志们，"):]
            if "只要" in s and "就一定" in s:
                emit("closing.resolve", s, para.line)
            elif s.endswith("！") or s.startswith(("希望", "让我们")):
                emit("closing.call", _CONTRIBUTION.sub(r"为{{ topic }}\2\3贡献", s), para.line)
    return out


def _transition_text(s: str) -> str:
    if "下面" in s:
        s = s[s.index("下面"):]
    cut = re.search(r"(意见|方面的内容|想法)[。：]?", s)
    if cut:
        s = s[:cut.end()]
    return _TRANSITION_MIDDLE.sub("{{ topic }}", s, count=1)


def _purpose_text(s: str) -> str:
    at = s.find("，是")
    if 4 <= at <= 60:
        return "{{ topic }}" + s[at:]
    return s


def _heading_records(speech: Speech, loc: Locator, base: dict) -> list[Record]:
    out = []
    for section in speech.walk():
        h = section.heading.strip().rstrip("。；：")
        if not (4 <= len(h) <= 50) or not CJK_RE.search(h):
            continue
        literal = anonymised(h)
        text = anonymised(generalise_heading(h))
        line = loc.find(text, section.line)
        if line is None:
            continue
        out.append(Record("heading.pattern", text, text, line=line, tags=topic_tags(literal), **base))
    return out


_LOCAL_FACT = re.compile(r"[0-9%]")


def _section_records(speech: Speech, loc: Locator, base: dict) -> list[Record]:
    """Sentences of the body that carry a role cue, as section.* formulas."""
    out = []
    for section in speech.walk():
        for para in section.paragraphs:
            for s in sentence_texts(para.text):
                if len(s) < 14 or not s.endswith(("。", "！")):
                    continue  # (dropping an enumerator below only makes a sentence shorter)
                if enumerator := ENUMERATOR.match(s):  # (anchored: at most one, at the start)
                    s = s[enumerator.end():]
                if not 14 <= len(s) <= 100 or not s.endswith(("。", "！")) or _LOCAL_FACT.search(s) \
                        or s.startswith(("如", "比如", "例如")):
                    continue  # local facts and examples are not reusable wording
                for function, cue in SECTION_CUES:
                    if cue.search(s):
                        text = anonymised(s)
                        line = loc.find(text, para.line)
                        if line is not None:
                            out.append(Record(function, text, text, line=line, tags=topic_tags(text), **base))
                        break
    return out


# --------------------------------------------------------------------------- one document

def document_era(lines: Sequence[TextLine]) -> str:
    """The era a whole document's wording gives (for reports; entries are dated one by one)."""
    return era_of("\n".join(tl.text for tl in lines))


def mine_document(speech: Speech, lines: Sequence[TextLine], file: str,
                  segment=None) -> list[Record]:
    """Every record of one speech. `segment(text) -> list[str]` defaults to jieba's dictionary
    words with HMM off (`drafter.segment.dictionary_words`)."""
    piece = speech.source.piece if speech.source else 0
    base = {"file": file, "doc": f"{file}#{piece}"}
    loc = Locator(lines)
    records: list[Record] = []
    records += _formula_records(speech, loc, base)
    records += _heading_records(speech, loc, base)
    records += _section_records(speech, loc, base)
    if segment is None:
        # Dictionary words only (no HMM guesses): collocations and list boundaries need known words.
        from drafter.segment import dictionary_words as segment

    # (function, key, weak) -> [occurrences, line, text, topic tags] (line, text and tags of the first)
    found: dict[tuple[str, str, bool], list] = {}
    line_tags: dict[tuple[int, int], tuple[str, ...]] = {}

    def note(function: str, key: str, text: str, tl: TextLine, offset: int, weak: bool = False) -> None:
        k = (function, key, weak)
        seen = found.get(k)
        if seen is not None:
            seen[0] += 1
            return
        at = offset // 80  # topics of the text around the phrase, computed once per stretch
        span = (id(tl), at)
        tags = line_tags.get(span)
        if tags is None:
            tags = line_tags[span] = topic_tags(tl.text[max(0, at * 80 - 40):at * 80 + 120])
        found[k] = [1, tl.line_at(offset), text, tags]

    pairs = pair_words()
    for tl in lines:
        t = tl.text
        if not CJK_RE.search(t):
            continue
        words = segment(t)
        for off, item in (parallel_lists(t, Bounds(words)) if "、" in t or "，" in t else ()):
            note("parallel", item, anonymised(item), tl, off)
        said: set[str] = set()  # sayings already counted on this line
        for m in QUOTE_RE.finditer(t) if "“" in t else ():
            kind = classify_quote(m.group(1))
            inner = m.group(1).rstrip("。！")
            if kind == "slogan":
                note("slogan", inner, f"“{inner}”", tl, m.start())
            elif kind == "saying":
                said.add(saying_key(inner))
                note("saying", saying_key(inner), inner, tl, m.start(1))
        for off, s in introduced_saying(t) if "说" in t or "讲" in t else ():  # (every cue has one)
            if saying_key(s) not in said:
                said.add(saying_key(s))
                note("saying", saying_key(s), s, tl, off)
        for off, couplet in couplets(t) if "，" in t or "、" in t else ():
            if saying_key(couplet) not in said and not couplet[:4].endswith(("说", "讲", "指出", "强调")):
                note("saying", saying_key(couplet), couplet, tl, off, weak=True)
        for off, c in collocations(words, pairs):
            note("collocation", c, c, tl, off)
    file, doc = base["file"], base["doc"]
    records += [Record(function, anonymised(text), key, file, line, doc, None, tags, n, weak)
                for (function, key, weak), (n, line, text, tags) in found.items()]
    records.sort(key=_RECORD_ORDER)
    return records


_RECORD_ORDER = attrgetter("function", "key", "weak", "line", "text")


# --------------------------------------------------------------------------- merge

FUNCTION_ORDER = list(FUNCTIONS)
# Jieba collocations are kept when this frequent; the rest is noise at corpus scale.
COLLOCATION_MIN_OCCURRENCES = 2
COLLOCATION_MIN_DOCUMENTS = 2
COLLOCATION_LIMIT = 300
# Reasons a candidate is left out besides the quality bar (drafter.phrases.quality.REASONS).
DROP_REASONS = {
    "one-off": "an unquoted couplet or collocation found in one speech only",
    "contained": "a collocation inside a mined saying, list or slogan",
    "over-limit": f"collocations beyond the {COLLOCATION_LIMIT} most frequent",
}


def entry_id(function: str, key: str, taken: set[str]) -> str:
    digest = hashlib.sha1(f"{function}|{key}".encode("utf-8")).hexdigest()
    size = 8
    eid = f"mined-{function.replace('.', '-')}-{digest[:size]}"
    while eid in taken:
        size += 2
        eid = f"mined-{function.replace('.', '-')}-{digest[:size]}"
    return eid


def merge(records: Iterable[Record], dropped: Counter | None = None) -> list[Entry]:
    """Fold records from any number of documents into entries, deterministically.

    Only usable units are kept: candidates with a defect (drafter.phrases.quality)
    are left out and counted in `dropped` by (function, reason); local practices
    are kept with the 地方做法 tag. Each entry's era comes from its own wording.
    """
    dropped = Counter() if dropped is None else dropped
    groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        groups[(r.function, r.key)].append(r)
    entries: list[tuple[tuple, Entry]] = []
    taken: set[str] = set()
    source_order = attrgetter("file", "doc", "line", "weak", "text")
    for (function, key) in sorted(groups):
        group = groups[(function, key)]
        documents = len(set(map(_DOC, group)))
        occurrences = sum(map(_N, group))
        if function == "saying" and all(map(_WEAK, group)):
            if documents < 2:
                dropped[("collocation", "one-off")] += 1
                continue
            function = "collocation"  # a stock couplet, not a quoted saying
        elif function == "collocation" and (documents < COLLOCATION_MIN_DOCUMENTS
                                            or occurrences < COLLOCATION_MIN_OCCURRENCES):
            dropped[(function, "one-off")] += 1
            continue
        group.sort(key=source_order)  # only groups that are kept need their sources in order
        variants: dict[str, int] = {}  # text -> occurrences
        first_at: dict[str, int] = {}  # text -> index of its first record
        for i, r in enumerate(group):
            if r.text in variants:
                variants[r.text] += r.n
            else:
                variants[r.text], first_at[r.text] = r.n, i
        text = min(variants, key=lambda t: (-variants[t], "，" not in t, first_at[t]))
        src = group[first_at[text]]
        faults = defects(text, function)
        if faults:
            dropped[(function, faults[0].reason)] += 1
            continue
        tag_counts = Counter(chain.from_iterable(map(_TAGS, group)))
        tags = [t for t, _ in sorted(tag_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        if is_local(text, function, documents):
            tags.append(LOCAL_TAG)
        eid = entry_id(function, key, taken)
        taken.add(eid)
        entry = Entry(id=eid, text=text, function=function, tags=tags, slots=slots_in(text), era=None,
                      source={"file": src.file, "line": src.line},
                      count={"occurrences": occurrences, "documents": documents})
        entries.append(((FUNCTION_ORDER.index(function), -documents, -occurrences, text, eid), entry))
    entries.sort(key=lambda pair: pair[0])
    # A collocation inside a mined saying, list or slogan adds nothing of its own.
    bigger = [saying_key(e.text) for _, e in entries if e.function in ("saying", "parallel", "slogan")]
    contained = _contained(bigger, [e.text for _, e in entries if e.function == "collocation"])
    kept: list[Entry] = []
    collocation_count = 0
    for _, e in entries:
        if e.function == "collocation":
            if e.text in contained:
                dropped[(e.function, "contained")] += 1
                continue
            collocation_count += 1
            if collocation_count > COLLOCATION_LIMIT:
                dropped[(e.function, "over-limit")] += 1
                continue
        _date(e)
        kept.append(e)
    return kept


_DOC, _N, _WEAK, _TAGS = attrgetter("doc"), attrgetter("n"), attrgetter("weak"), attrgetter("tags")


def _date(entry: Entry) -> None:
    """The entry's era from its own wording, and 旧提法 when that wording is outdated (only entries
    that are kept are dated: dating is the costliest step of a merge)."""
    dating = date_text(entry.text)
    entry.era = dating.era
    if dating.outdated:
        entry.tags.append(OUTDATED_TAG)


def _contained(haystacks: Sequence[str], needles: Sequence[str]) -> set[str]:
    """The needles found inside a longer haystack: one Aho-Corasick pass over the haystacks
    instead of every needle against every haystack."""
    import ahocorasick

    if not haystacks or not needles:
        return set()
    automaton = ahocorasick.Automaton()
    for n in set(needles):
        automaton.add_word(n, n)
    automaton.make_automaton()
    found: set[str] = set()
    for h in haystacks:
        for _, n in automaton.iter(h):
            if len(h) > len(n):
                found.add(n)
    return found


# Bank files written by `drafter mine`, one per function group.
GROUPS: dict[str, tuple[str, ...]] = {
    "formulas": ("opening.purpose", "opening.acknowledge", "opening.context", "transition.points",
                 "closing.call", "closing.resolve", "connective"),
    "headings": ("heading.pattern",),
    "parallels": ("parallel",),
    "sayings": ("saying",),
    "slogans": ("slogan",),
    "collocations": ("collocation",),
    "sections": tuple(f for f in FUNCTIONS if f.startswith("section.")),
}


def group_of(function: str) -> str:
    for name, functions in GROUPS.items():
        if function in functions:
            return name
    return "other"


# --------------------------------------------------------------------------- files and corpora

CORPUS_SUFFIXES = (".txt", ".md", ".docx", ".docm")
PARALLEL_THRESHOLD = 4  # more files than this: mine in worker processes…
# …and at least this much text: forked workers start at once with the loaded dictionaries, and
# bench_mine.py has them 15-25% faster from half a megabyte on (a coin flip at a quarter); where
# workers cannot fork, each one imports drafter and reloads the dictionaries first.
PARALLEL_MIN_BYTES = 1_000_000
PARALLEL_MIN_BYTES_SPAWN = 4_000_000


@dataclass
class CorpusFile:
    path: str  # where to read it
    name: str  # how provenance names it: "<folder>/<file>" (stable across machines and cwd)


@dataclass
class MineResult:
    entries: list[Entry]
    files: list[CorpusFile]
    documents: int
    errors: list = field(default_factory=list)  # DrafterError per bad file
    dropped: Counter = field(default_factory=Counter)  # (function, reason) -> candidates left out


def corpus_files(args: Iterable[str]) -> list[CorpusFile]:
    """Files named on the command line, folders walked for corpus suffixes, sorted.

    Provenance names are relative to each argument's parent folder, so
    `seeds` and `/abs/path/seeds` both give "seeds/000_….txt".
    """

    out: list[CorpusFile] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            base = p.resolve().parent
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in CORPUS_SUFFIXES and not f.name.startswith(".") \
                        and f.name.lower() != "readme.md":
                    out.append(CorpusFile(str(f), f.resolve().relative_to(base).as_posix()))
        else:
            parent = p.resolve().parent.name
            out.append(CorpusFile(str(p), f"{parent}/{p.name}" if parent else p.name))
    names: set[str] = set()
    paths: set[Path] = set()
    unique = []
    for f in out:
        real = Path(f.path).resolve()
        if real in paths:  # the same file named twice
            continue
        if f.name in names:  # two folders of the same name: keep the files apart
            f = CorpusFile(f.path, real.as_posix())
        paths.add(real)
        names.add(f.name)
        unique.append(f)
    return unique


def mine_file(path: str, name: str) -> tuple[list[Record], int]:
    """Records of every speech in one corpus file and the number of speeches."""
    from drafter.corpus.parse import parse_piece
    from drafter.corpus.pipeline import load_pieces

    records: list[Record] = []
    pieces = load_pieces(path, notes=False)  # records never carry cleaning notes
    for piece in pieces:
        records += mine_document(parse_piece(piece), piece.lines, name)
    return records, len(pieces)


def _mine_file_safe(path: str, name: str):
    from drafter.errors import DrafterError
    try:
        return mine_file(path, name), None
    except DrafterError as exc:
        return None, exc


def prepare_mining() -> None:
    """Load the segmenter's dictionary and the verb/object word lists once, in this process."""
    from drafter.segment import load_dictionary_words

    load_dictionary_words()
    pair_words()


def _pool_pays(files: Sequence[CorpusFile], workers: int | None) -> bool:
    """Worker processes only when the corpus is big enough to repay starting them (bench_mine)."""
    import os

    if (workers or os.cpu_count() or 1) < 2 or len(files) <= PARALLEL_THRESHOLD:
        return False
    size = 0
    for f in files:
        try:
            size += os.path.getsize(f.path)
        except OSError:
            pass
    return size >= (PARALLEL_MIN_BYTES if _fork_context() is not None else PARALLEL_MIN_BYTES_SPAWN)


def _fork_context():
    """fork where the platform has it, so workers inherit the parent's loaded dictionaries."""
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def mine_corpus(files: Sequence[CorpusFile], *, progress: bool = False,
                workers: int | None = None) -> MineResult:
    """Mine files (in parallel processes when there are many) and merge.

    The cyclic collector is paused meanwhile (`gc_paused`): mining makes millions of objects and a
    growing list of records, and the collector's passes over them found about ten objects a file
    while taking 3-4% of the time on bench_mine.py's corpus; it catches up when mining is done."""
    from drafter.gcpause import gc_paused

    with gc_paused():
        return _mine_corpus(files, progress, workers)


def _mine_corpus(files: Sequence[CorpusFile], progress: bool, workers: int | None) -> MineResult:
    from drafter.progress import progress as progress_bar

    results: dict[int, tuple] = {}
    with progress_bar("mining", len(files) if progress else 0) as advance:
        parallel = _pool_pays(files, workers)
        prepare_mining()  # before forking: workers share the loaded dictionaries
        if parallel:
            from concurrent.futures import ProcessPoolExecutor, as_completed
            with ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context()) as pool:
                futures = {pool.submit(_mine_file_safe, f.path, f.name): i for i, f in enumerate(files)}
                for fut in as_completed(futures):
                    results[futures[fut]] = fut.result()
                    advance()
        else:
            for i, f in enumerate(files):
                results[i] = _mine_file_safe(f.path, f.name)
                advance()
    records: list[Record] = []
    documents = 0
    errors = []
    for i in range(len(files)):
        ok, err = results[i]
        if err is not None:
            errors.append(err)
            continue
        recs, n = ok
        records += recs
        documents += n
    dropped: Counter = Counter()
    entries = merge(records, dropped)
    return MineResult(entries, list(files), documents, errors, dropped)


def group_banks(result: MineResult, corpus_label: str) -> dict[str, Bank]:
    """One bank per function group (GROUPS), every group present even when empty."""
    by_group: dict[str, list[Entry]] = {g: [] for g in GROUPS}
    for e in result.entries:
        by_group.setdefault(group_of(e.function), []).append(e)
    ok_files = len(result.files) - len(result.errors)
    banks = {}
    for g, entries in by_group.items():
        desc = (f"Mined from {corpus_label} ({ok_files} files, {result.documents} speeches): "
                f"{', '.join(GROUPS.get(g, (g,)))}")
        drops: Counter = Counter()
        for (function, reason), n in result.dropped.items():
            if group_of(function) == g:
                drops[reason] += n
        banks[g] = Bank(f"mined-{g}", desc, entries, dropped=dict(sorted(drops.items())))
    return banks
