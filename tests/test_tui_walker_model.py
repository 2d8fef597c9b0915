"""The walker never moves text between sections: random key sequences against a plain model.

Hypothesis draws sequences of navigation bursts (keys a few ms apart, as a
held key sends them), typing in heading and body, inserting a suggestion,
adding, removing and moving points, undo and redo, and drives the real
walker through Pilot. The test keeps its own plain model of the draft and,
after the run, compares it with the draft in memory and the spec on disk.

Bounded for CI (fixed seed, few examples). Run it longer by hand with

    DRAFTER_TUI_EXAMPLES=300 python -m pytest -q tests/test_tui_walker_model.py
"""

from __future__ import annotations

import asyncio
import copy
import os
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings, strategies as st
from textual import events
from textual.widgets import OptionList, TextArea

from drafter.phrases.bank import parse_bank
from drafter.tui import draft as draft_mod
from drafter.tui.app import DrafterApp
from drafter.tui.screens.export import ConfirmScreen
from drafter.yamlsrc import load_yaml
from tui_support import settle

FIXTURE = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"
EXAMPLES = int(os.environ.get("DRAFTER_TUI_EXAMPLES", "6"))

BANK = """\
bank: model
description: 模型测试用的小短语库
entries:
- id: model-0001
  function: section.importance
  text: 基础不牢，地动山摇。
  tags: [通用]
- id: model-0002
  function: opening.purpose
  text: 今天召开的{{ meeting }}，主要任务是总结工作、部署任务。
  tags: [通用]
- id: model-0003
  function: closing.call
  text: 同志们，让我们奋力开创{{ topic }}工作新局面！
  tags: [通用]
"""


# ---------------------------------------------------------------------------- the plain model

class Model:
    """The draft as the key sequence intends it: a tree of points, 开场白 and 结束语, an undo list."""

    def __init__(self, draft) -> None:
        self.uid = 0
        self.sections = [self._from(s) for s in draft.sections]
        self.parts = {p: [draft_mod.paragraph_line(x) for x in draft.data.get(p) or []] for p in ("opening", "closing")}
        self.cursor: object = (0,)
        self.undo: list = []
        self.redo: list = []
        self.group = None

    def _from(self, s) -> dict:
        self.uid += 1
        return {"uid": self.uid, "heading": s["heading"], "paragraphs": [draft_mod.paragraph_line(p) for p in s["paragraphs"]],
                "children": [self._from(c) for c in s["children"]]}

    def new(self) -> dict:
        self.uid += 1
        return {"uid": self.uid, "heading": "", "paragraphs": [], "children": []}

    def rows(self) -> list:
        out: list = ["opening"]

        def rec(items, prefix):
            for i, s in enumerate(items):
                out.append(prefix + (i,))
                rec(s["children"], prefix + (i,))
        rec(self.sections, ())
        return out + ["closing"]

    def node(self, path):
        items, node = self.sections, None
        for i in path:
            node = items[i]
            items = node["children"]
        return node

    def siblings(self, path):
        return self.sections if len(path) == 1 else self.node(path[:-1])["children"]

    def step(self, group=None) -> None:
        """An edit: one undo step, unless it continues the same typing run."""
        if group is not None and group == self.group:
            return
        self.undo.append((copy.deepcopy((self.sections, self.parts)), self.cursor))
        self.redo.clear()
        self.group = group

    def history(self, back: bool) -> None:
        src, dst = (self.undo, self.redo) if back else (self.redo, self.undo)
        if not src:
            return
        dst.append((copy.deepcopy((self.sections, self.parts)), self.cursor))
        (self.sections, self.parts), self.cursor = src.pop()
        self.group = None
        # a restored point is a new object in the app: typing there starts a new step
        for path in self.rows()[1:-1]:
            node = self.node(path)
            self.uid += 1
            node["uid"] = self.uid

    def comparable(self) -> tuple:
        def rec(items):
            return [(s["heading"], s["paragraphs"], rec(s["children"])) for s in items]
        return rec(self.sections), self.parts["opening"], self.parts["closing"]


def draft_comparable(draft) -> tuple:
    def rec(items):
        return [(s["heading"], [draft_mod.paragraph_line(p) for p in s["paragraphs"]], rec(s["children"]))
                for s in items]
    return (rec(draft.sections), [draft_mod.paragraph_line(p) for p in draft.data.get("opening") or []],
            [draft_mod.paragraph_line(p) for p in draft.data.get("closing") or []])


def saved_comparable(path: Path) -> tuple:
    """The spec on disk, blank points dropped as the save drops them."""
    data = load_yaml(path).data

    def rec(items):
        return [(s.get("heading", ""), [draft_mod.paragraph_line(p) for p in s.get("paragraphs") or []],
                 rec(s.get("children") or [])) for s in items or []]
    return rec(data.get("sections")), [draft_mod.paragraph_line(p) for p in data.get("opening") or []], \
        [draft_mod.paragraph_line(p) for p in data.get("closing") or []]


def without_blanks(tree: tuple) -> tuple:
    def rec(items):
        out = []
        for h, paras, children in items:
            children = rec(children)
            if h.strip() or paras or children:
                out.append((h, paras, children))
        return out
    return rec(tree[0]), tree[1], tree[2]


# ---------------------------------------------------------------------------- the keys

WORD = st.text(alphabet="abcdexyz", min_size=1, max_size=4)
GAP = st.sampled_from([0.0, 0.002, 0.01, 0.03])
OPS = st.one_of(
    st.tuples(st.just("nav"), st.lists(st.sampled_from(["down", "up"]), min_size=1, max_size=8), GAP),
    st.tuples(st.just("heading"), WORD, GAP),
    st.tuples(st.just("body"), WORD, GAP),
    st.tuples(st.just("insert")),
    st.tuples(st.just("add")),
    st.tuples(st.just("remove")),
    st.tuples(st.just("move"), st.sampled_from([-1, 1])),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


async def burst(app, keys: list[str], gap: float) -> None:
    """Keys sent the way a terminal sends them: without waiting for the app between them."""
    for key in keys:
        char = key if len(key) == 1 else None
        app._driver.send_message(events.Key(key, char).set_sender(app) if hasattr(events.Key, "set_sender")
                                 else events.Key(key, char))
        await asyncio.sleep(gap)


async def apply(app, pilot, model: Model, op: tuple) -> None:
    screen = app.screen
    kind = op[0]
    cur = model.cursor
    on_point = isinstance(cur, tuple)
    if kind == "nav":
        screen.query_one("#sections", OptionList).focus()
        await pilot.pause()
        rows = model.rows()
        i = rows.index(cur)
        for key in op[1]:
            i = (i + (1 if key == "down" else -1)) % len(rows)
        await burst(app, op[1], op[2])
        model.cursor = rows[i]
    elif kind == "heading":
        if not on_point:
            return
        screen.query_one("#heading").focus()
        await pilot.pause()
        await burst(app, ["end", *op[1]], op[2])
        node = model.node(cur)
        model.step(("h", node["uid"]))
        node["heading"] += op[1]
    elif kind == "body":
        area = screen.query_one("#body", TextArea)
        area.focus()
        await pilot.pause()
        area.move_cursor(area.document.end)
        await burst(app, ["enter", *op[1]], op[2])
        if on_point:
            node = model.node(cur)
            model.step(("b", node["uid"]))
            node["paragraphs"].append(op[1])
        else:
            model.step(("p", cur))
            model.parts[cur].append(op[1])
    elif kind == "insert":
        await settle(app, pilot)
        panel = screen.query_one("#panel")
        items = [s for s in panel.items]
        if not items:
            return
        area = screen.query_one("#body", TextArea)
        area.move_cursor(area.document.end)
        suggestions = screen.query_one("#suggestions", OptionList)
        suggestions.focus()
        suggestions.highlighted = 0
        await pilot.press("enter")
        s = items[0]
        model.step()
        model.group = None
        if s.kind == "heading" and on_point:
            model.node(cur)["heading"] = s.text
        elif on_point:
            model.node(cur)["paragraphs"].append(s.text)
        else:
            model.parts[cur].append(s.text)
    elif kind == "add":
        await pilot.press("ctrl+n")
        model.step()
        model.group = None
        if cur == "opening":
            model.sections.insert(0, model.new())
            model.cursor = (0,)
        elif cur == "closing":
            model.sections.append(model.new())
            model.cursor = (len(model.sections) - 1,)
        else:
            model.siblings(cur).insert(cur[-1] + 1, model.new())
            model.cursor = cur[:-1] + (cur[-1] + 1,)
    elif kind == "remove":
        if not on_point:
            return
        await pilot.press("ctrl+r")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("y")
        model.step()
        model.group = None
        sibs = model.siblings(cur)
        del sibs[cur[-1]]
        if sibs:
            model.cursor = cur[:-1] + (min(cur[-1], len(sibs) - 1),)
        elif len(cur) > 1:
            model.cursor = cur[:-1]
        else:
            model.sections.append(model.new())
            model.cursor = (0,)
    elif kind == "move":
        if not on_point:
            return
        await pilot.press("alt+up" if op[1] < 0 else "alt+down")
        sibs = model.siblings(cur)
        j = cur[-1] + op[1]
        if 0 <= j < len(sibs):
            model.step()
            model.group = None
            sibs[cur[-1]], sibs[j] = sibs[j], sibs[cur[-1]]
            model.cursor = cur[:-1] + (j,)
    elif kind in ("undo", "redo"):
        await pilot.press("ctrl+z" if kind == "undo" else "ctrl+y")
        model.history(kind == "undo")
    await settle(app, pilot)


async def run_sequence(tmp: Path, ops: list[tuple]) -> None:
    spec = tmp / "spec.yaml"
    spec.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    app = DrafterApp(spec, banks=[parse_bank(BANK, "model.yaml")], drafts_folder=tmp / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        model = Model(app.draft)
        model.cursor = app.screen.current
        for n, op in enumerate(ops):
            await apply(app, pilot, model, op)
            assert app.screen.current == model.cursor, (n, op)
            assert draft_comparable(app.draft) == model.comparable(), (n, op)
        app.save_now()
        assert saved_comparable(spec) == without_blanks(model.comparable())


@seed(20261129)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
@given(ops=st.lists(OPS, min_size=4, max_size=14))
def test_random_keys_never_move_text_between_sections(tmp_path_factory, ops):
    pause, draft_mod.UNDO_PAUSE = draft_mod.UNDO_PAUSE, 1e9  # runs grouped by field only: no clock in the model
    try:
        asyncio.run(run_sequence(tmp_path_factory.mktemp("model"), ops))
    finally:
        draft_mod.UNDO_PAUSE = pause


async def test_a_held_key_then_a_walk_leaves_every_heading_where_it_was(tmp_path):
    """Item 1's reproduction: bursts of ↓↑ a few ms apart, then a walk down the outline."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    before = saved_comparable(spec)
    app = DrafterApp(spec, banks=[parse_bank(BANK, "model.yaml")], drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        for _ in range(3):
            await burst(app, ["down"] * 5 + ["up"] * 5 + ["down"] * 2, 0.002)
            await settle(app, pilot)
            for _ in range(6):
                await burst(app, ["down"], 0.0)
                await pilot.pause(0.05)
        await settle(app, pilot)
        app.save_now()
    assert saved_comparable(spec) == before


async def test_keys_typed_right_after_tab_land_in_the_point_the_list_shows(tmp_path):
    """↓ held, then Tab and typing a few ms apart: the text goes to the highlighted point, no key lost."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    app = DrafterApp(spec, banks=[parse_bank(BANK, "model.yaml")], drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await burst(app, ["down", "down", "up", "down", "down", "tab", "q", "w", "e"], 0.001)
        await settle(app, pilot)
        ol = app.screen.query_one("#sections", OptionList)
        target = app.screen.query_one("#sections").path_at(ol.highlighted)
        assert app.screen.current == target
        app.save_now()
        assert app.draft.section(target)["heading"].endswith("qwe")
        assert sum(s["heading"].count("qwe") for _p, s in app.draft.walk()) == 1
