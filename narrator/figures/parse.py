"""YAML and JSON figures text → plain data, bounded and exact.

What a parser would let through silently or explosively is stopped here, before
validation: aliases that expand past a budget (billion laughs) or refer to
themselves, nesting past a depth, a key given twice (YAML and JSON both keep the
last one), and numbers that are no amount (inf, NaN, 1e400, a 5 000-digit
integer).  Each is reported with its field path; limits are in narrator/limits.py.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from narrator import limits
from narrator.errors import FiguresError, InputError


class BadNumber(str):
    """A number as written that no amount can be (inf, NaN, an integer too long): reported by path."""


class _Duplicated(dict):
    """A JSON object whose text gave some keys twice; ``duplicates`` names them."""

    duplicates: list[str]


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal from their written text and bounds nesting."""

    def __init__(self, stream: str, source: str = "<yaml>"):
        super().__init__(stream)
        self.source = source
        self._depth = 0
        self._max_depth = limits.NESTING_DEPTH.value()

    def compose_node(self, parent: Any, index: Any) -> Any:
        # The composer recurses once per level: stop at the limit, long before Python's own.
        self._depth += 1
        try:
            if self._depth > self._max_depth:
                mark = self.peek_event().start_mark
                raise InputError(f"{self.source}: 嵌套超过 {self._max_depth} 层（第 {mark.line + 1} 行）；{limits.NESTING_DEPTH.hint()}")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | BadNumber:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:  # .inf, .nan, 1:20:30 (YAML 1.1 sexagesimal)
        return BadNumber(text)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | BadNumber:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:  # longer than Python converts (sys.int_info.default_max_str_digits)
        return BadNumber(loader.construct_scalar(node))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_DecimalLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse_yaml(text: str, source: str) -> Any:
    loader = _DecimalLoader(text, source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problems = _YamlGraph(source).duplicates(node)
        if problems:
            raise FiguresError(source, problems)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal, parse_int=_json_int, parse_constant=BadNumber,
                          object_pairs_hook=_json_object)
    except RecursionError:
        raise InputError(f"{source}: 嵌套过深；{limits.NESTING_DEPTH.hint()}") from None


def _json_int(text: str) -> int | BadNumber:
    return int(text) if len(text) <= 4 * limits.AMOUNT_DIGITS else BadNumber(text)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) == len(keys):
        return dict(pairs)
    duplicated = _Duplicated(pairs)
    duplicated.duplicates = sorted({key for key in keys if keys.count(key) > 1}, key=keys.index)
    return duplicated


def check_data(data: Any, source: str) -> None:
    """Every number that is no amount and every duplicated key, by field path; nesting bounded."""
    problems: list[tuple[str, str]] = []
    _walk(data, "", 0, limits.NESTING_DEPTH.value(), problems, source)
    if problems:
        raise FiguresError(source, problems)


def _walk(value: Any, path: str, depth: int, max_depth: int, problems: list[tuple[str, str]], source: str) -> None:
    if depth > max_depth:
        raise InputError(f"{source}: {path or '(文件)'}: 嵌套超过 {max_depth} 层；{limits.NESTING_DEPTH.hint()}")
    if isinstance(value, dict):
        for key in getattr(value, "duplicates", []):
            problems.append((_join(path, key), "键重复：同一键只能出现一次（否则后者会悄悄覆盖前者）"))
        for key, item in value.items():
            _walk(item, _join(path, key), depth + 1, max_depth, problems, source)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, _join(path, index), depth + 1, max_depth, problems, source)
    else:
        reason = _not_an_amount(value)
        if reason:
            problems.append((path or "(文件)", f"{reason}（实际为 {_shown(value)}）"))


def _not_an_amount(value: Any) -> str | None:
    if isinstance(value, BadNumber):
        return "不是有限的数字" if not value.strip("+-").isdigit() else "数字位数过多"
    if isinstance(value, Decimal) and not value.is_finite():
        return "不是有限的数字"
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool) and value != 0 \
            and Decimal(value).adjusted() >= limits.AMOUNT_DIGITS:
        return f"数字过大（应小于 10^{limits.AMOUNT_DIGITS}）"
    return None


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:12]}…（{len(text)} 位）"


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


class _YamlGraph:
    """The composed YAML node graph, walked once per node: aliases expanded by count, not by copy."""

    def __init__(self, source: str):
        self.source = source
        self.max_nodes = limits.DATA_NODES.value()
        self.max_depth = limits.NESTING_DEPTH.value()
        self.sizes: dict[int, tuple[int, int]] = {}  # id(node) → (expanded nodes, expanded height)
        self.open: set[int] = set()
        self.problems: list[tuple[str, str]] = []

    def duplicates(self, node: yaml.Node) -> list[tuple[str, str]]:
        self._size(node, "", 0)
        return self.problems

    def _size(self, node: yaml.Node, path: str, depth: int) -> tuple[int, int]:
        known = self.sizes.get(id(node))
        if known is None:
            if id(node) in self.open:
                raise InputError(f"{self.source}: {path or '(文件)'}: YAML 别名引用了自身（第 {node.start_mark.line + 1} 行）")
            self.open.add(id(node))
            known = self._measure(node, path, depth)
            self.open.discard(id(node))
            self.sizes[id(node)] = known
        count, height = known
        if depth + height > self.max_depth:
            raise InputError(f"{self.source}: {path or '(文件)'}: 展开别名后嵌套超过 {self.max_depth} 层；"
                             f"{limits.NESTING_DEPTH.hint()}")
        return known

    def _measure(self, node: yaml.Node, path: str, depth: int) -> tuple[int, int]:
        children = self._children(node, path)
        count, height = 1, 0
        for child, child_path in children:
            child_count, child_height = self._size(child, child_path, depth + 1)
            count, height = count + child_count, max(height, child_height + 1)
            if count > self.max_nodes:
                raise InputError(f"{self.source}: 展开 YAML 别名后超过 {self.max_nodes} 个值（别名炸弹？）；"
                                 f"{limits.DATA_NODES.hint()}")
        return count, height

    def _children(self, node: yaml.Node, path: str) -> list[tuple[yaml.Node, str]]:
        if isinstance(node, yaml.SequenceNode):
            return [(child, _join(path, index)) for index, child in enumerate(node.value)]
        if not isinstance(node, yaml.MappingNode):
            return []
        children, seen = [], set()
        for key, value in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                children.append((value, path))
                continue
            name = key.value if isinstance(key, yaml.ScalarNode) else f"<{key.tag}>"
            if isinstance(key, yaml.ScalarNode) and name in seen:
                self.problems.append((_join(path, name), f"键重复（第 {key.start_mark.line + 1} 行）："
                                      "同一键只能出现一次（否则后者会悄悄覆盖前者）"))
            seen.add(name)
            children += [(key, path), (value, _join(path, name))]
        return children
