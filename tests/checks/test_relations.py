"""Relations proposed from the wording of imported prose: sum, share, per-capita, count."""

from __future__ import annotations

from toolkit.checks.relations import propose
from toolkit.chinese.structure import text_of


def kinds(text: str) -> list[tuple[str, dict[str, object]]]:
    return [(r.kind, r.fields) for r in propose(text_of(text, 1))]


def test_sum_with_其中() -> None:
    text = "新能源项目共130个，其中风电8个、集中式光伏4个、分布式光伏117个和生物质发电1个，总投资约52亿元。"
    assert kinds(text) == [("sum", {"total": 0, "parts": [1, 2, 3, 4]})]


def test_sum_stops_at_another_unit() -> None:
    text = "培训1526人次，其中甲127人次，乙631人次，丙515人次，丁253人次、纺织培训8期363人。"
    assert kinds(text) == [("sum", {"total": 0, "parts": [1, 2, 3, 4]})]


def test_a_wrong_digit_keeps_the_sum_exhaustive() -> None:
    text = "项目共130个，其中风电8个、光伏171个和生物质1个。"
    assert kinds(text) == [("sum", {"total": 0, "parts": [1, 2, 3]})]


def test_parenthesised_breakdown_is_partial() -> None:
    text = "企业57家（其中食品企业20家、建材企业12家）。"
    assert kinds(text) == [("sum", {"total": 0, "parts": [1, 2], "exhaustive": False})]
    relation = propose(text_of("企业57家，其中食品企业20家、建材企业12家。", 1))[0]
    assert "exhaustive" not in relation.fields  # the wording decides, not the figures
    assert relation.note.startswith("原文分项之和为 32，合计为 57")


def test_one_part_is_not_a_breakdown() -> None:
    assert kinds("改造管网26.4公里，其中燃气管网9.8公里。") == []


def test_share_and_per_capita() -> None:
    text = "总装机容量约715兆瓦，占x市发电总装机容量71%，年总发电量约12.5亿千瓦时。"
    assert kinds(text) == [("share", {"part": 0, "share": 1})]
    text = "全市体育场地面积共103.7144万平方米，人均体育场地面积为2.75平方米。"
    assert kinds(text) == [("per_capita", {"total": 0, "per_capita": 1})]


def test_count_of_a_named_list() -> None:
    text = "潭岭水库、城防工程（右岸）、城防工程（左岸）、上兰靛水库等4宗大中型水利工程有序推进。"
    assert kinds(text) == [("count", {"list": 0, "count_figure": 0})]
    text = "建设有两间旅游厕所，分别为甲厕所、乙公厕，均配备便民设备。"
    assert kinds(text) == [("count", {"list": 0, "count": 2})]
