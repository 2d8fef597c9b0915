"""Errors in the writer's language: every problem the UI shows, in Chinese.

The engine's errors are English (the CLI's language). The UI never shows
them raw: `explain` turns a DrafterError into Chinese sentences, quoting only
what came from the writer's own file (a key, a slot, a value).
"""

from __future__ import annotations

import re
from typing import Callable

from drafter.errors import DrafterError, Location

TITLES = {
    "Error": "错误", "Unreadable file": "无法读取文件", "Malformed YAML": "YAML 格式错误", "Invalid input": "内容有误",
    "Template error": "模板错误", "Output exists": "文件已存在", "Unknown name": "名称不存在", "Unavailable": "功能不可用",
    "In use": "正在别处编辑",
}

KINDS = {"mapping": "映射（名称: 内容）", "list": "列表", "text": "文字", "number": "数字", "boolean": "是/否"}

# (pattern over the English message, Chinese sentence built from the match)
RULES: list[tuple[str, Callable[[re.Match], str]]] = [
    (r"contains a control character \(U\+([0-9A-F]{4,})\)",
     lambda m: f"这里有一个看不见的控制字符（U+{m[1]}），多半是从别处复制带来的：请删除它"),
    (r"contains a lone surrogate", lambda m: "这里有一个残缺的字符（无法显示也无法保存）：请删除它"),
    (r"contains a character \(U\+([0-9A-F]{4,})\), which YAML does not allow",
     lambda m: f"这里有一个 YAML 不允许的字符（U+{m[1]}）：请删除它"),
    (r"undefined slot: '?(\w+)'? is undefined", lambda m: f"文中的占位符 {{{{ {m[1]} }}}} 没有可填的要素：请在 F2 要素中填写，或改写这句"),
    (r"undefined slot", lambda m: "文中有无法填写的占位符 {{ … }}：请改写这句"),
    (r"template syntax error", lambda m: "文中 {{ }} 的写法有误：占位符应写成 {{ 名称 }}"),
    (r"refused by the template sandbox|not allowed in spec text", lambda m: "文中 {{ }} 里只能写要素名称"),
    (r"too large in spec text|output larger than", lambda m: "文中 {{ }} 生成的内容过大"),
    (r"has no slot (.+?) \(", lambda m: f"短语没有名为 {m[1]} 的填空"),
    (r"missing required key 'outline'|empty 'outline'", lambda m: "缺少讲话类型（outline）"),
    (r"missing required key 'sections'|at least one section", lambda m: "还没有任何部分（sections）"),
    (r"unknown outline '?([^';]+)'?", lambda m: f"没有名为“{m[1]}”的讲话类型"),
    (r"spec is for outline '?([^']+)'?", lambda m: f"文件的讲话类型“{m[1]}”与当前大纲不符"),
    (r"unknown key '([^']+)' in a section", lambda m: f"部分里有不认识的项“{m[1]}”"),
    (r"unknown key '([^']+)' in a paragraph", lambda m: f"段落里有不认识的项“{m[1]}”"),
    (r"unknown key '([^']+)'", lambda m: f"有不认识的项“{m[1]}”"),
    (r"unknown fact '([^']+)'", lambda m: f"要素“{m[1]}”不属于这个讲话类型"),
    (r"unknown role '?([^' ]+)'?", lambda m: f"部分的类别（role）“{m[1]}”不存在"),
    (r"role must be", lambda m: "部分的类别（role）应为一个词"),
    (r"heading must be", lambda m: "标题应为一行文字"),
    (r"missing required fact '(\w+)' \(([^)]*)\)", lambda m: f"缺少必填要素“{m[2]}”"),
    (r"required fact '(\w+)' \(([^)]*)\) is empty", lambda m: f"必填要素“{m[2]}”为空"),
    (r"(.+?): .* is not a date", lambda m: f"“{m[1]}”不是有效日期，请写成 2026年12月5日 或 2026-12-05"),
    (r"(.+?): expected a whole number", lambda m: f"“{m[1]}”应为整数"),
    (r"(.+?): expected a list", lambda m: f"“{m[1]}”应为列表，如 [甲, 乙]"),
    (r"(.+?): .* does not match the pattern", lambda m: f"“{m[1]}”格式不符"),
    (r"(.+?): (\d+) characters, at most (\d+)", lambda m: f"“{m[1]}”{m[2]}字，最多{m[3]}字"),
    (r"(.+?): at least (\d+) characters", lambda m: f"“{m[1]}”至少{m[2]}字"),
    (r"(.+?): .* is not one of (.+)", lambda m: f"“{m[1]}”只能是：{m[2]}"),
    (r"(\w+) must be a mapping|must be a mapping", lambda m: "这里应为映射（名称: 内容）"),
    (r"a spec must be a mapping", lambda m: "文件应为讲话稿（含 outline、facts、sections 的映射）"),
    (r"a section must be a mapping", lambda m: "每个部分应为含标题（heading）和段落（paragraphs）的映射"),
    (r"a paragraph must be", lambda m: "段落应为一行文字"),
    (r"expected a list of (paragraphs|sections)", lambda m: "这里应为列表"),
    (r"must be a list|expected a list", lambda m: "这里应为列表"),
    (r"expected text", lambda m: "这里应为文字（必要时加引号）"),
    (r"must be one line", lambda m: "这里只能写一行"),
    (r"empty heading|section needs a heading", lambda m: "有部分缺少标题"),
    (r"empty paragraph", lambda m: "有空段落"),
    (r"nest at most", lambda m: "层级过深（最多四级）"),
    (r"the spec is empty", lambda m: "文件是空的"),
    (r"open in another drafter window", lambda m: "这份讲话稿已在另一个窗口或浏览器标签页中打开：为避免两处修改互相覆盖，"
                                                  "请回到那里继续编辑，或先关闭那个窗口再打开（用 Ctrl+Z 挂起的 drafter "
                                                  "也还占着它，可在那个终端输入 fg 回到其中）"),
    (r"no speech found", lambda m: "文件中没有找到讲话稿的正文"),
    (r"could not be read as a speech", lambda m: "无法把这个文件读成讲话稿（请另存为 .txt 或 .docx 后再试）"),
    (r"the document has no text|file is empty", lambda m: "文件里没有文字"),
    (r"not a readable \.docx", lambda m: "不是可读取的 Word 文档（.docx）"),
    (r"no such file|not found", lambda m: "文件不存在"),
    (r"is a directory|not a file|folder", lambda m: "这是文件夹，不是文件"),
    (r"permission|Permission", lambda m: "没有权限"),
    (r"read-only|Read-only", lambda m: "文件夹只读"),
    (r"No space", lambda m: "磁盘已满"),
    (r"not valid UTF-8|cannot decode|encoding", lambda m: "文件编码无法识别"),
    (r"binary", lambda m: "不是文本文件"),
    (r"exists", lambda m: "文件已存在"),
    (r"nested too deeply|nesting", lambda m: "YAML 嵌套过深"),
    (r"duplicate key|repeated key|appears twice", lambda m: "有重复的项"),
    (r"tag", lambda m: "YAML 中有不允许的标记"),
]


def where(loc: Location | None, with_path: bool = True) -> str:
    """'spec.yaml 第3行第5列（facts.date）' from a Location."""
    if loc is None:
        return ""
    parts = []
    if loc.path and with_path:
        parts.append(str(loc.path).rsplit("/", 1)[-1])
    if loc.line is not None:
        parts.append(f"第{loc.line}行" + (f"第{loc.column}列" if loc.column is not None else ""))
    text = " ".join(parts)
    if loc.field:
        text += f"（{loc.field}）"
    return text


def sentence(message: str, title: str = "Error") -> str:
    """One English engine message as a Chinese sentence (never the English itself)."""
    for pattern, build in RULES:
        m = re.search(pattern, message)
        if m:
            return build(m)
    return {"Malformed YAML": "YAML 格式有误，请检查缩进和冒号", "Unreadable file": "无法读取这个文件",
            "Template error": "文中 {{ }} 占位符有误"}.get(title, "内容有误")


def explain_lines(exc: BaseException, with_path: bool = True) -> list[str]:
    """Every problem of `exc`, one Chinese line each, with where it is (the file's name left out
    when the title already names it)."""
    if not isinstance(exc, DrafterError):
        return ["出现意外错误（草稿已保存）"]
    problems = getattr(exc, "problems", None) or [exc]
    title = getattr(exc, "title", "Error")
    out = []
    for p in problems:
        place = where(p.location, with_path)
        text = sentence(p.message, getattr(p, "title", title) if p is not exc else title)
        out.append(f"{place}：{text}" if place else text)
    return out


def explain(exc: BaseException) -> str:
    return "\n".join(explain_lines(exc))


def title_of(exc: BaseException) -> str:
    return TITLES.get(getattr(exc, "title", "Error"), "错误")
