"""How ``narrator check`` grows with one big input (a benchmark, not a test): writes inputs of growing size and times them.

    . .venv/bin/activate && python benchmarks/big_inputs.py [--sizes 500 1000 2000 4000]
        [--kinds table narrative sentence workbook] [--timeout 300] [--keep DIR] [--out FILE]

Four kinds of input, each N rows, statements or clauses long, all written here from
made-up items and figures (no corpus text):

- ``table``: a change table flattened into text, one tab-separated row a line
  (item, 上年, 本年, 增减额, 增减率), under a title and a header;
- ``narrative``: a long 情况说明 of N statements (amounts, changes with their rates, shares,
  completions, 其中 lists), one paragraph every few statements;
- ``sentence``: one sentence of N "，"-separated clauses, each an amount, a change or a share;
- ``lists``: one sentence of N items, each an amount with its 其中 list of two parts and a share;
- ``workbook``: a findings workbook (``narrator review --report x.xlsx``'s layout) of N rows,
  whose text becomes one long document when checked.

Each input is checked as a user does (``narrator check FILE --format json --no-model`` in a
subprocess, under ``--timeout`` seconds); prints seconds, findings and the growth exponent from
one size to the next (1 = linear, 2 = quadratic), and writes JSON (default
benchmarks/results/big-inputs.json).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from narrator.numbers import change, change_rate, completion_rate, format_amount, format_percent, share

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("table", "narrative", "sentence", "lists", "workbook")
ITEMS = ("办公费", "印刷费", "水电费", "邮电费", "物业管理费", "差旅费", "维修（护）费", "租赁费", "会议费",
         "培训费", "专用材料费", "劳务费", "委托业务费", "工会经费", "福利费", "其他交通费用", "设备购置",
         "信息网络及软件购置更新", "基础设施建设", "公务用车运行维护费")
CAUSES = ("业务量增加", "人员调整", "项目按进度拨付", "厉行节约压减开支", "新增专项任务", "上年一次性支出本年不再发生")


def _amount(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(1_000, 9_999_999)) / 100


def _rate(current: Decimal, prior: Decimal) -> str:
    rate = change_rate(current, prior)
    return "" if rate is None else format_percent(abs(rate))


def _verbs(current: Decimal, prior: Decimal) -> tuple[str, str]:
    return ("增加", "增长") if current >= prior else ("减少", "下降")


def _item(i: int) -> str:
    return f"{ITEMS[i % len(ITEMS)]}（第{i + 1}项）"


def table(n: int, rng: random.Random) -> str:
    lines = ["某单位2024年度支出决算变动情况表", "单位：万元", "项目\t上年决算数\t本年决算数\t增减额\t增减率"]
    for i in range(n):
        prior, current = _amount(rng), _amount(rng)
        lines.append("\t".join((_item(i), format_amount(prior), format_amount(current),
                                format_amount(change(current, prior)), format_percent(change_rate(current, prior)) + "%")))
    return "\n".join(lines) + "\n"


def _statement(i: int, rng: random.Random) -> str:
    name, prior, current = _item(i), _amount(rng), _amount(rng)
    more, grew = _verbs(current, prior)
    delta = format_amount(abs(change(current, prior)))
    form = i % 4
    if form == 0:
        return (f"{name}支出{format_amount(current)}万元，比上年{more}{delta}万元，{grew}"
                f"{_rate(current, prior)}%，主要原因是{CAUSES[i % len(CAUSES)]}。")
    if form == 1:
        part = (current * Decimal(rng.randint(5, 95)) / 100).quantize(Decimal("0.01"))
        rest = current - part
        return (f"{name}支出{format_amount(current)}万元，其中：基本支出{format_amount(part)}万元，占"
                f"{format_percent(share(part, current))}%；项目支出{format_amount(rest)}万元，占"
                f"{format_percent(share(rest, current))}%。")
    if form == 2:
        return (f"{name}年初预算为{format_amount(prior)}万元，支出决算为{format_amount(current)}万元，"
                f"完成年初预算的{format_percent(completion_rate(current, prior))}%。")
    return f"与上年相比，{name}{more}{delta}万元，{grew}{_rate(current, prior)}%。"


def narrative(n: int, rng: random.Random) -> str:
    head = "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
    body = "".join(_statement(i, rng) + ("\n" if i % 5 == 4 else "") for i in range(n))
    return head + body + "\n"


def sentence(n: int, rng: random.Random) -> str:
    clauses: list[str] = []
    for i in range(n // 3 + 1):
        prior, current = _amount(rng), _amount(rng)
        more, grew = _verbs(current, prior)
        clauses += [f"{_item(i)}支出{format_amount(current)}万元",
                    f"比上年{more}{format_amount(abs(change(current, prior)))}万元", f"{grew}{_rate(current, prior)}%"]
    return "二、支出决算情况说明\n2024年度支出主要用于" + "，".join(clauses[:n]) + "。\n"


def lists(n: int, rng: random.Random) -> str:
    items = []
    for i in range(n):
        current = _amount(rng)
        part = (current * Decimal(rng.randint(5, 95)) / 100).quantize(Decimal("0.01"))
        items.append(f"{_item(i)}支出{format_amount(current)}万元，其中：基本支出{format_amount(part)}万元，"
                     f"项目支出{format_amount(current - part)}万元，占{format_percent(share(current - part, current))}%")
    return "二、支出决算情况说明\n" + "，".join(items) + "。\n"


def workbook(n: int, rng: random.Random) -> bytes:
    from narrator.report.exports import Row, xlsx_bytes

    rows = []
    for i in range(n):
        prior, current = _amount(rng), _amount(rng)
        stated = format_percent(abs(change_rate(current, prior) or 0) + Decimal("0.05"))
        expected = _rate(current, prior)
        more, grew = _verbs(current, prior)
        message = (f"{_item(i)}比上年{more}{format_amount(abs(change(current, prior)))}万元，{grew}{stated}%；"
                   f"按本年{format_amount(current)}万元、上年{format_amount(prior)}万元计算应为{expected}%")
        rows.append(Row(f"单位{i % 300 + 1}.txt", None, rng.randint(1, 400), "rate.change", "增减率", "错误",
                        stated + "%", expected + "%", message, "新"))
    return xlsx_bytes(rows)


def write_input(kind: str, n: int, folder: Path) -> Path:
    rng = random.Random(f"{kind}-{n}")
    if kind == "workbook":
        path = folder / f"{kind}-{n}.xlsx"
        path.write_bytes(workbook(n, rng))
        return path
    path = folder / f"{kind}-{n}.txt"
    path.write_text({"table": table, "narrative": narrative, "sentence": sentence, "lists": lists}[kind](n, rng), encoding="utf-8")
    return path


def timed_check(path: Path, timeout: float) -> dict:
    """``narrator check`` as a user runs it; ``seconds`` is None when it ran past ``timeout``."""
    command = [sys.executable, "-m", "narrator", "check", str(path), "--format", "json", "--no-model"]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "findings": None, "exit": None}
    seconds = round(time.perf_counter() - started, 2)
    findings = len(json.loads(done.stdout)["findings"]) if done.returncode in (0, 1) else None
    return {"seconds": seconds, "findings": findings, "exit": done.returncode}


def exponent(first: dict, second: dict) -> float | None:
    """log(t2/t1) / log(n2/n1): how the time grows from one size to the next."""
    if first["seconds"] is None or second["seconds"] is None:
        return None
    return round(math.log(second["seconds"] / first["seconds"]) / math.log(second["n"] / first["n"]), 2)


def run(kinds: list[str], sizes: list[int], timeout: float, folder: Path) -> list[dict]:
    results = []
    for kind in kinds:
        previous = None
        for n in sizes:
            path = write_input(kind, n, folder)
            figures = {"kind": kind, "n": n, "bytes": path.stat().st_size, **timed_check(path, timeout)}
            if previous is not None:
                figures["growth"] = exponent(previous, figures)
            shown = "> %ss" % timeout if figures["seconds"] is None else f"{figures['seconds']} s"
            print(f"{kind:9} {n:5}  {figures['bytes']:8} bytes  {shown:>9}  findings {figures['findings']}"
                  f"  growth {figures.get('growth', '-')}", flush=True)
            results.append(figures)
            previous = figures
            if figures["seconds"] is None:
                break  # larger inputs of this kind would only run past the limit too
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "big-inputs.json")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = run(args.kinds, args.sizes, args.timeout, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            results = run(args.kinds, args.sizes, args.timeout, Path(tmp))
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
