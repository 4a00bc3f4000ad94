"""The argument parser, speaking Chinese like the rest of the command line.

argparse writes its own texts in English (``usage:``, ``options``, ``the
following arguments are required``). The help is laid out in Chinese here,
and each usage error is translated with the English original kept in
parentheses, so it can still be searched for.

>>> translate_error("the following arguments are required: PATH")
'缺少必需的参数：PATH（the following arguments are required: PATH）'
>>> print(translate_error("argument --to: invalid choice: 'pdf' (choose from 'md')"))
参数 --to：无效的取值 'pdf'，可选 'md'（argument --to: invalid choice: 'pdf' (choose from 'md')）
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from typing import Any

from ._common import UsageError

__all__ = ["Parser", "translate_error"]

#: argparse's messages (Python 3.10 to 3.13) and their Chinese; groups are carried over.
_MESSAGES = tuple((re.compile(pattern, re.DOTALL), chinese) for pattern, chinese in (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"无效的取值 \1，可选 \2"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"expected one argument", "需要一个值"),
    (r"expected at most one argument", "最多一个值"),
    (r"expected at least one argument", "至少需要一个值"),
    (r"expected (\d+) arguments?", r"需要 \1 个值"),
    (r"invalid (\S+) value: (.*)", r"无效的 \1 值：\2"),
    (r"ambiguous option: (\S+) could match (.*)", r"有歧义的选项 \1，可能是 \2"),
    (r"not allowed with argument (.*)", r"不能与参数 \1 同时使用"),
    (r"ignored explicit argument (.*)", r"多余的值 \1"),
    (r"one of the arguments (.*) is required", r"参数 \1 中必须给出一个"),
))
_ARGUMENT = re.compile(r"argument (\S+?): (.*)", re.DOTALL)


def _translated(message: str) -> str | None:
    for pattern, chinese in _MESSAGES:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return None


def translate_error(message: str) -> str:
    """An argparse error in Chinese, the English original in parentheses when there is one."""
    argument = _ARGUMENT.fullmatch(message)
    inner = argument.group(2) if argument else message
    chinese = _translated(inner)
    head = f"参数 {argument.group(1)}：" if argument else ""
    if chinese is None:
        return head + inner if argument else message
    return f"{head}{chinese}（{message}）"


class _Formatter(argparse.HelpFormatter):
    """Chinese ``用法：`` in place of ``usage:``."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An argument parser with Chinese help that raises instead of exiting.

    ``main`` decides the exit code; usage errors are translated.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数（positional arguments）"
        self._optionals.title = "选项（options）"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="显示本帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {translate_error(message)}")
