"""The one Jinja environment: sandboxed, strict, with the genre's filters.

Two kinds of text go through it:

* bundled templates (`templates/*.j2`: title, byline, opening, transition,
  closing), rendered with `render_template`;
* user text from specs (headings and paragraphs with `{{ scope }}` slots),
  rendered with `render_string`, which accepts slots and our filters only:
  no attribute access, calls, operators or statements, so a spec cannot reach
  Python objects or make the renderer allocate without bound.

Both run in an `ImmutableSandboxedEnvironment` with `StrictUndefined`; the
sandbox does not cap output, so results are size-checked and the operators
that multiply sizes (`*`, `**`) are intercepted.
"""

from __future__ import annotations

import datetime as _dt
import math
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Mapping

from drafter.errors import Location, TemplateError

MAX_OUTPUT = 1_000_000  # characters a single rendering may produce
MAX_SECONDS = 5.0  # seconds a single rendering may run (DRAFTER_TEMPLATE_SECONDS)
_MAX_POW_BITS = 4096

# Filters user text may apply to a slot, e.g. {{ date|date_cn }}.
USER_FILTERS = frozenset({"cn", "cn_count", "join_cn", "join_semi", "date_cn", "marker", "trim", "default"})


def cn(n: Any) -> str:
    """1 -> 一, 11 -> 十一, 20 -> 二十."""
    from drafter.numerals import to_chinese

    return to_chinese(_as_int(n))


def cn_count(n: Any) -> str:
    """A count before a measure word: 2 -> 两 (两点意见), otherwise as `cn`."""
    value = _as_int(n)
    return "两" if value == 2 else cn(value)


def _as_int(n: Any) -> int:
    if isinstance(n, bool):
        raise ValueError(f"not a number: {n!r}")
    if isinstance(n, int):
        return n
    if isinstance(n, str):
        if n.strip().isdigit():
            return int(n.strip())
        raise ValueError(f"not a number: {n!r}")
    if hasattr(n, "__len__"):  # {{ sections|cn }}: the count of a list
        return len(n)
    raise ValueError(f"not a number: {n!r}")


def marker(n: Any, style: str) -> str:
    """{{ 3|marker('（一）') }} -> （三）."""
    from drafter.numerals import marker as _marker

    return _marker(style, _as_int(n))


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def join_cn(value: Any) -> str:
    """[甲, 乙, 丙] -> 甲、乙、丙."""
    return "、".join(_items(value))


def join_semi(value: Any) -> str:
    """[甲, 乙] -> 甲；乙."""
    return "；".join(_items(value))


def party_committee(scope: Any) -> str:
    """全县 -> 县委, 丽水市 -> 市委, 全镇 -> 镇党委, 市直机关 -> 市直机关工委 (see drafter.facts)."""
    from drafter.facts import scope_info

    return scope_info(str.__str__(scope) if isinstance(scope, str) else str(scope)).committee


# Slots every spec may use without declaring them: derived from the facts (drafter.facts.DERIVED).
DERIVED_SLOTS = {
    "committee": "召开单位（由范围推出：全县→县委，丽水市→市委，全镇→镇党委，市直机关→市直机关工委；填了召开单位则用它）",
    "level": "层级（县、市、镇、街道、机关……）",
    "collective": "正文中的统称（丽水市→全市，青田县→全县）",
    "topic_core": "工作主题去掉末尾的“工作”（基层党建工作→基层党建）",
    "meeting_core": "去掉开头范围的会议名称（全县乡村振兴工作会议→乡村振兴工作会议），接在 {{ scope }} 后面用",
    "meeting_full": "带范围的会议全称（全县乡村振兴工作会议）",
    "default_goal": "结尾落脚点的默认说法，合乎层级（丽水市→奋力谱写中国式现代化丽水新篇章）",
}


def derive_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The render context of `facts`: the one entry point for templates, spec text and phrase entries.

    Adds the slots worked out from the facts (committee, level, collective,
    goal, …; never overriding a typed fact) and normalises what a join would
    double (`meeting` stays as typed; `meeting_core` is the name without its
    leading scope, for `{{ scope }}{{ meeting_core }}`; earlier speakers get 同志). Joins with 工作 and the like are mended at render time
    (`drafter.facts.mend`). The spec's own facts are not changed.
    """
    from drafter.facts import derive

    return derive(facts)


def date_cn(value: Any) -> str:
    """2026-11-23 (a date or ISO text) -> 2026年11月23日, no zero padding."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value.strip())
    if not isinstance(value, _dt.date):
        raise ValueError(f"not a date: {value!r}")
    return f"{value.year}年{value.month}月{value.day}日"


def _env_class():
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Env(ImmutableSandboxedEnvironment):
        """The sandbox plus size checks on the operators that can blow up memory."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):  # noqa: D401 - jinja hook
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                        if len(seq) * max(times, 0) > MAX_OUTPUT:
                            raise SecurityError("result of '*' would be too large")
            if operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
                if abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > _MAX_POW_BITS:
                    raise SecurityError("result of '**' would be too large")
            return super().call_binop(context, operator, left, right)

    class MendedTemplate(Env.template_class):
        """`render` returns text with the joins of filled values mended and the marks removed."""

        def render(self, *args, **kwargs):  # noqa: D401 - jinja API
            from drafter.facts import mend

            return mend(super().render(*args, **kwargs))

    Env.template_class = MendedTemplate
    return Env


@cache
def environment(templates_dir: str | None = None):
    """The cached sandboxed environment over the templates folder."""
    from jinja2 import FileSystemLoader, StrictUndefined

    if templates_dir is None:
        from drafter.resources import data_dir

        templates_dir = str(data_dir("templates"))
    env = _env_class()(
        loader=FileSystemLoader(templates_dir),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_mark,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(cn=cn, cn_count=cn_count, marker=marker, join_cn=join_cn, join_semi=join_semi,
                       party_committee=party_committee,
                       date_cn=date_cn)
    return env


def _bytecode_cache():
    """Compiled bundled templates kept in the per-user cache (a cold build then skips Jinja's lexer and
    compiler); keyed by template and checked against its source, so an edited template compiles anew.
    None (compile every time) when the cache folder cannot be made."""
    from jinja2 import FileSystemBytecodeCache

    from drafter.resources import cache_dir

    try:
        folder = cache_dir() / "jinja"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return FileSystemBytecodeCache(str(folder), "%s.cache")
    except (OSError, RuntimeError, ValueError):
        return None


class _Slot(str):
    """A fact in a bundled template: prints marked, also inside `'推动' ~ topic ~ '工作'`, so its joins
    are mended; compares, tests and filters as the plain text it is."""

    __slots__ = ()

    def __str__(self) -> str:
        from drafter.facts import mark

        return mark(str.__str__(self))


def _slot_value(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, _Slot):
        return _Slot(value)
    if isinstance(value, list):
        return [_slot_value(v) for v in value]
    return value


def _mark(value: Any) -> Any:
    """Every printed value is marked so `_render` can mend its joins (全县 + 全县…, …工作 + 工作)."""
    from drafter.facts import mark

    return mark(value)


def max_template_seconds() -> float:
    """How long one rendering may run (DRAFTER_TEMPLATE_SECONDS, default 5 s)."""
    import os

    try:
        value = float(os.environ.get("DRAFTER_TEMPLATE_SECONDS") or MAX_SECONDS)
    except ValueError:
        return MAX_SECONDS
    return value if 0 < value < 86400 else MAX_SECONDS


class _TemplateTimeout(Exception):
    """Raised inside a rendering thread that ran past its deadline."""


class _Deadline:
    """Interrupt the current thread with _TemplateTimeout after `seconds`.

    The sandbox bounds what one expression can allocate but not how long loops
    run (three nested `range(100000)` loops output nothing and never end); a
    timer thread raises an exception asynchronously in the rendering thread,
    which Jinja's compiled Python code receives at its next bytecode.
    """

    def __init__(self, seconds: float):
        import threading

        self.seconds = seconds
        self.thread_id = threading.get_ident()
        self.lock = threading.Lock()
        self.done = False
        self.fired = False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True

    def _fire(self) -> None:
        import ctypes

        with self.lock:
            if self.done:
                return
            self.fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id),
                                                       ctypes.py_object(_TemplateTimeout))

    def __enter__(self) -> "_Deadline":
        try:
            self.timer.start()
        except BaseException:  # interrupted (a signal) once the thread may have started: never fire later
            self.timer.cancel()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.timer.cancel()
        with self.lock:
            self.done = True
            if self.fired and exc[0] is None:  # fired as we finished: drop the pending exception
                import ctypes

                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), None)


def _render(template, context: Mapping[str, Any], where: str, *, timed: bool = True) -> str:
    """Render, stopping as soon as the output passes MAX_OUTPUT or (when `timed`) the time passes the
    limit; joins of filled values mended. User text is never timed: its AST allows no loops."""
    parts: list[str] = []
    size = 0
    seconds = max_template_seconds()

    def run() -> None:
        nonlocal size
        for chunk in template.generate(dict(context)):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateError(f"output larger than {MAX_OUTPUT} characters; refused", _loc(where))
            parts.append(chunk)

    try:
        if timed:
            with _Deadline(seconds):
                run()
        else:
            run()
    except _TemplateTimeout:
        raise TemplateError(f"rendering took longer than {seconds:g} s (a loop without end?); refused "
                            f"(the limit is DRAFTER_TEMPLATE_SECONDS)", _loc(where)) from None
    from drafter.facts import mend

    return mend("".join(parts))


def _loc(where: Location | str | None) -> Location | None:
    if where is None or isinstance(where, Location):
        return where
    return Location(path=where)


def _explain(exc: Exception, declared: Mapping[str, Any] | None = None) -> str:
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    if isinstance(exc, TemplateSyntaxError):
        return f"template syntax error: {exc.message}"
    if isinstance(exc, UndefinedError):
        msg = exc.message or "undefined value"
        if declared is not None:
            known = ", ".join(sorted(declared)) or "none"
            msg += f" (slots with a value here: {known})"
        return f"undefined slot: {msg}"
    if isinstance(exc, SecurityError):
        return f"refused by the template sandbox: {exc}"
    return f"template failed: {type(exc).__name__}: {exc}"


def render_template(name: str, context: Mapping[str, Any], templates_dir: str | Path | None = None) -> str:
    """Render a bundled template (e.g. "transition.j2") with `context`."""
    from jinja2 import TemplateNotFound
    from jinja2.exceptions import TemplateError as JinjaError

    env = environment(str(templates_dir) if templates_dir else None)
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise TemplateError(f"template {name!r} not found in {env.loader.searchpath[0]}") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(f"template is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8",
                            path=str(Path(env.loader.searchpath[0]) / name)) from None
    except OSError as exc:
        raise TemplateError(f"cannot read the template: {exc.strerror or exc}",
                            path=str(Path(env.loader.searchpath[0]) / name)) from None
    except JinjaError as exc:
        lineno = getattr(exc, "lineno", None)
        raise TemplateError(_explain(exc), path=getattr(exc, "filename", None) or name, line=lineno) from None
    context = derive_facts(context)
    for slot in DERIVED_SLOTS:
        context.setdefault(slot, None)
    context = {k: _slot_value(v) for k, v in context.items()}
    try:
        return _render(template, context, name)
    except TemplateError:
        raise
    except JinjaError as exc:
        raise TemplateError(_explain(exc), path=template.filename or name) from None
    except (ValueError, TypeError, OverflowError, ArithmeticError, MemoryError, RecursionError) as exc:
        raise TemplateError(_explain(exc), path=template.filename or name) from None


def _check_user_ast(node, where: Location | None) -> None:
    """Refuse anything but literal text, slots and our filters in user text."""
    from jinja2 import nodes

    allowed = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Filter, nodes.Const)
    for sub in node.iter_child_nodes():
        if not isinstance(sub, allowed):
            raise TemplateError(
                f"only slots like {{{{ scope }}}} (optionally with a filter such as |date_cn) are allowed "
                f"in spec text; found {_describe(sub)}", where)
        if isinstance(sub, nodes.Name) and (sub.name in _RESERVED_NAMES or sub.name.startswith("_")):
            raise TemplateError(f"{{{{ {sub.name} }}}} is not a slot: spec text may use the declared facts, "
                                f"the derived slots and the filters {', '.join(sorted(USER_FILTERS))}", where)
        if isinstance(sub, nodes.Filter) and sub.name not in USER_FILTERS:
            raise TemplateError(f"filter {sub.name!r} is not allowed in spec text "
                                f"(allowed: {', '.join(sorted(USER_FILTERS))})", where)
        if isinstance(sub, nodes.Const) and isinstance(sub.value, (int, float)) and abs(sub.value) > 10_000:
            raise TemplateError(f"number {sub.value!r} too large in spec text", where)
        _check_user_ast(sub, where)


def _describe(node) -> str:
    from jinja2 import nodes

    names = {nodes.Getattr: "attribute access", nodes.Getitem: "item access", nodes.Call: "a call",
             nodes.For: "a {% for %} loop", nodes.If: "an {% if %} block", nodes.Macro: "a macro",
             nodes.Assign: "{% set %}", nodes.Include: "{% include %}", nodes.Import: "{% import %}",
             nodes.Extends: "{% extends %}"}
    for cls, label in names.items():
        if isinstance(node, cls):
            return label
    if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr, nodes.Compare)):
        return "an operator"
    return f"a {type(node).__name__} expression"


def has_markup(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def render_string(text: str, context: Mapping[str, Any], where: Location | None = None) -> str:
    """Fill the slots of user text from a spec; any failure is a TemplateError at `where`."""
    if not has_markup(text):
        return text
    from jinja2.exceptions import TemplateError as JinjaError
    from jinja2.exceptions import TemplateSyntaxError

    try:
        template = _user_template(text)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{_explain(exc)} in {text!r}", _shift(where, exc.lineno)) from None
    except TemplateError as exc:
        raise TemplateError(exc.message, where) from None
    try:
        return _render(template, context, str(where) if where else "text", timed=False)
    except TemplateError as exc:
        raise TemplateError(exc.message, where) from None
    except JinjaError as exc:
        raise TemplateError(f"{_explain(exc, context)} in {text!r}", where) from None
    except (ValueError, TypeError, OverflowError, ArithmeticError, MemoryError, RecursionError) as exc:
        raise TemplateError(f"{_explain(exc)} in {text!r}", where) from None


@cache
def user_environment():
    """The environment for spec text: no globals (range, lipsum, dict, cycler…) and only USER_FILTERS.

    User text may name the declared facts, the derived slots and whitelisted
    filters, nothing else: a global would print a Python repr into the speech.
    """
    # finalize marks each filled value so its joins are mended (…工作 + 工作), as in bundled templates.
    env = _env_class()(undefined=_strict(), autoescape=False, keep_trailing_newline=True, finalize=_mark)
    env.globals.clear()
    base = environment()
    env.filters = {name: f for name, f in base.filters.items() if name in USER_FILTERS}
    return env


def _strict():
    from jinja2 import StrictUndefined

    return StrictUndefined


# Names Jinja resolves itself, not from the context: never slots.
_RESERVED_NAMES = frozenset({"self", "loop", "caller", "varargs", "kwargs", "super"})


@lru_cache(maxsize=4096)
def _user_template(text: str):
    """Checked and compiled user text; a batch build reuses headings and formulas across specs."""
    env = user_environment()
    ast = env.parse(text)
    _check_user_ast(ast, None)
    return env.from_string(text)


@lru_cache(maxsize=4096)
def user_slots(text: str) -> frozenset[str]:
    """The slots user text needs, after checking it is slots-and-filters only.

    Raises jinja2's TemplateSyntaxError or our TemplateError (without a location).
    """
    from jinja2 import meta

    ast = user_environment().parse(text)
    _check_user_ast(ast, None)
    return frozenset(meta.find_undeclared_variables(ast))


def _shift(where: Location | None, lineno: int | None) -> Location | None:
    """Point at the line inside a multi-line value, when Jinja knows it."""
    if where is None or not lineno or lineno <= 1 or where.line is None:
        return where
    return Location(where.path, where.line + lineno - 1, None, where.field)

