"""The form's interface texts (Simplified Chinese).

An embedding system overrides any of them: in Python with ``messages=`` of
:func:`~govinfo_report.form.fragment`, in the browser with the ``messages``
option of ``mount`` (both take a partial mapping). ``{name}`` placeholders
are filled by the script.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..findings import Severity
from ..render._view import SEVERITY_LABELS

__all__ = ["MESSAGES", "messages_with"]

MESSAGES: dict[str, str] = {
    "toolbar": "报告操作",
    "open": "打开…",
    "save": "保存",
    "print": "打印",
    "undo": "撤销",
    "fillZeros": "空白填 0",
    "recompute": "重新计算总计",
    "openPrevious": "上年报告…",
    "strict": "空白按错误检查",
    "previousOpened": "已打开上年报告 {name}，跨年检查已启用。",
    "findings": "检查结果",
    "noFindings": "未发现问题。",
    "findingCount": "共 {count} 条检查结果。",
    "error": SEVERITY_LABELS[Severity.ERROR],
    "warning": SEVERITY_LABELS[Severity.WARNING],
    "acknowledged": "已说明",
    "blankHint": "空白单元格保持为空（null），不等于 0。",
    "draftFound": "发现 {time} 自动保存的草稿。",
    "restore": "恢复草稿",
    "discard": "丢弃草稿",
    "restored": "已恢复草稿。",
    "opened": "已打开 {name}。",
    "saved": "已保存为 {name}。",
    "missing": "尚未填写：{fields}；补齐后文件才能被读入。",
    "filled": "已把 {count} 个空白单元格填为 0。",
    "recomputed": "已按各项重新计算总计。",
    "undone": "已撤销。",
    "nothingToUndo": "没有可以撤销的操作。",
    "pasted": "已粘贴 {count} 个单元格。",
    "dropHere": "可把报告 JSON 文件拖放到表单上打开。",
    "notJson": "{name} 不是有效的 JSON：{error}",
    "wrongFormat": "{name} 是 {found} 格式的报告，本表单是 {expected} 格式。",
    "notCount": "应为不小于 0 的整数",
    "notSigned": "应为整数（减少用负号）",
    "notMoney": "应为不小于 0 的金额，如 12 或 0.35",
    "notYear": "应为四位年份",
    "invalidCells": "有 {count} 个单元格的输入无效，未计入报告。",
    "derived": "由各项自动计算",
    "choose": "（请选择）",
}


def messages_with(overrides: Mapping[str, str] | None) -> dict[str, str]:
    """The interface texts with ``overrides`` applied (unknown keys are refused)."""
    from ..exceptions import RenderError

    texts = dict(MESSAGES)
    for key, text in (overrides or {}).items():
        if key not in MESSAGES or not isinstance(text, str):
            raise RenderError(f"未知的界面文字键或非字符串：{key!r}（unknown message key）")
        texts[key] = text
    return texts
