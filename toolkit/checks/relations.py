"""Propose the relations an imported text states between its figures, as rules for ``checks:``.

- 共N个，其中a个、b个和c个 → ``sum`` (the parts are the figures of the total's unit that follow 其中 in its sentence);
  a parenthesised （其中…） is a partial breakdown, parts ≤ total (``exhaustive: false``). When the figures as
  written do not add up, the rule is still proposed as stated, with a note asking whether 其中 lists only some
  parts or a figure is wrong;
- 占…的71% → ``share`` of the figure before it (the whole is usually not stated);
- 人均…2.75平方米 after a total of the same kind → ``per_capita``;
- A、B、C、D等4宗, 两间……分别为A、B → ``count`` of a named list.

Only the wording decides what is proposed, never the figures, so a wrong digit in a stated breakdown is caught
by ``validate``, not explained away.
"""

from __future__ import annotations

from decimal import Decimal

from toolkit.chinese.recognise import kind_of
from toolkit.model.imported import Figure, Relation, Text

_SENTENCE_ENDS = "。；！？"


def propose(text: Text) -> list[Relation]:
    """Every relation stated in one stretch of prose."""
    return [*sums(text), *shares(text), *per_capita(text), *counts(text)]


def _sentence_end(text: str, pos: int) -> int:
    ends = [k for k in (text.find(c, pos) for c in _SENTENCE_ENDS) if k >= 0]
    return min(ends, default=len(text))


def _tail(figure: Figure) -> int:
    return figure.growth_span[1] if figure.growth_span else figure.end


def sums(text: Text) -> list[Relation]:
    """共N…，其中a、b、c: a total followed by its breakdown."""
    out: list[Relation] = []
    figures = text.figures
    for k, total in enumerate(figures):
        after = text.text[_tail(total) : _tail(total) + 4]
        bracketed = after.startswith("（其中")
        if not (after.startswith(("，其中", "其中")) or bracketed):
            continue
        stop = text.text.find("）", _tail(total)) if bracketed else _sentence_end(text.text, _tail(total))
        stop = len(text.text) if stop < 0 else stop
        parts: list[int] = []
        for j in range(k + 1, len(figures)):
            if figures[j].start >= stop or figures[j].unit != total.unit:
                break
            parts.append(j)
        if len(parts) < 2:
            continue
        exhaustive = not bracketed
        note = ""
        written = sum((figures[j].value for j in parts), Decimal(0))
        if exhaustive and written != total.value:
            note = (
                f"原文分项之和为 {written}，合计为 {total.value}：若“其中”只列举了部分，"
                "请改为 exhaustive: false；否则是数字有误"
            )
        wording = text.text[total.start : figures[parts[-1]].end]
        fields: dict[str, object] = {"total": k, "parts": parts}
        if not exhaustive:
            fields["exhaustive"] = False
        out.append(Relation("sum", fields, wording, note))
    return out


def shares(text: Text) -> list[Relation]:
    """占…X%: the percentage is the share of the figure before it in the sentence."""
    out: list[Relation] = []
    figures = text.figures
    for k, share in enumerate(figures):
        if share.unit != "%" or k == 0:
            continue
        clause_start = max(text.text.rfind(c, 0, share.start) for c in "，。；") + 1
        if "占" not in text.text[clause_start : share.start]:
            continue
        part = figures[k - 1]
        if part.unit == "%" or _sentence_end(text.text, part.end) < share.start:
            continue
        wording = text.text[part.start : share.end]
        out.append(Relation("share", {"part": k - 1, "share": k}, wording, "原文未给出整体，规则只推算整体的范围"))
    return out


def per_capita(text: Text) -> list[Relation]:
    """人均… after a total of the same kind in the sentence."""
    out: list[Relation] = []
    figures = text.figures
    for k, each in enumerate(figures):
        clause_start = max(text.text.rfind(c, 0, each.start) for c in "，。；") + 1
        if k == 0 or "人均" not in text.text[clause_start : each.start]:
            continue
        kind = kind_of(each.unit)
        total = next(
            (j for j in range(k - 1, -1, -1) if kind_of(figures[j].unit) == kind and figures[j].value > each.value),
            None,
        )
        if total is None or _sentence_end(text.text, figures[total].end) < each.start:
            continue
        wording = text.text[figures[total].start : each.end]
        out.append(Relation("per_capita", {"total": total, "per_capita": k}, wording, "原文未给出人口，规则只推算人口"))
    return out


def counts(text: Text) -> list[Relation]:
    """A named list whose count the text states."""
    out: list[Relation] = []
    for k, named in enumerate(text.lists):
        fields: dict[str, object] = {"list": k}
        if named.count_figure is not None:
            fields["count_figure"] = named.count_figure
        elif named.count is not None:
            fields["count"] = named.count
        else:
            continue
        out.append(Relation("count", fields, text.text[named.start : named.end + 4]))
    return out
