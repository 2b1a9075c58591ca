"""Invariance: rewrites that keep a text's meaning must not change which errors narrator reports.

A reader built on a few documents breaks on the next one's surface: a line break inside a
sentence, full-width digits, half-width punctuation, Traditional characters, 较上年 for 比上年,
占…55.37% without 的, a space before a unit, markdown marks gone.  Each rewrite below is applied to
every text of the dev corpus (../shared/corpus/dev) and the seeds (../shared/seeds); the error
findings (by check id) of the rewritten text are compared with the original's.  A check id lost is
a finding the reader no longer reaches; one gained is a false alarm the rewrite provoked.  Both
should be zero.

    python benchmarks/invariance.py [REWRITE ...] [--json benchmarks/results/invariance.json]

``breaks`` puts a line break after 2% of the Chinese characters outside table rows (lines that start
with ``|`` or hold a tab), as text rebuilt from a PDF has; it is the only random rewrite (seeded, deterministic).
The JSON holds counts and check ids only, never a sentence of a document.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import check_as_published  # noqa: E402

SHARED = ROOT.parent / "shared"


def breaks(text: str, rng: random.Random) -> str:
    lines = []
    for line in text.split("\n"):
        if line.lstrip().startswith("|") or "\t" in line:
            lines.append(line)
            continue
        lines.append("".join(ch + ("\n" if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.02 else "")
                             for ch in line))
    return "\n".join(lines)


def fullwidth_digits(text: str, rng: random.Random) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


def halfwidth_punctuation(text: str, rng: random.Random) -> str:
    return text.translate(str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"}))


def traditional(text: str, rng: random.Random) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def jiao_for_bi(text: str, rng: random.Random) -> str:
    return text.replace("比上年", "较上年")


def share_without_de(text: str, rng: random.Random) -> str:
    return re.sub(r"(占[^，。；%\d]{2,20})的(\d)", r"\1\2", text)


def space_before_unit(text: str, rng: random.Random) -> str:
    return re.sub(r"(\d)(万元|亿元|元|%)", r"\1 \2", text)


def no_markdown(text: str, rng: random.Random) -> str:
    return re.sub(r"(?m)^#+\s*", "", text)


REWRITES: dict[str, Callable[[str, random.Random], str]] = {
    "breaks": breaks, "fullwidth_digits": fullwidth_digits, "halfwidth_punctuation": halfwidth_punctuation,
    "traditional": traditional, "jiao_for_bi": jiao_for_bi, "share_without_de": share_without_de,
    "space_before_unit": space_before_unit, "no_markdown": no_markdown,
}


def texts() -> list[Path]:
    return sorted((SHARED / "corpus" / "dev").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))


def errors(text: str) -> set[str]:
    return {f.id for f in check_as_published(text) if f.severity == "error"}


def run(names: list[str]) -> dict:
    paths = texts()
    originals = {path: errors(path.read_text(encoding="utf-8")) for path in paths}
    result = {}
    for name in names:
        lost, gained, changed = 0, 0, []
        for path in paths:
            text = path.read_text(encoding="utf-8")
            rewritten = REWRITES[name](text, random.Random(0))
            if rewritten == text:
                continue
            after = errors(rewritten)
            if after != originals[path]:
                gone, new = sorted(originals[path] - after), sorted(after - originals[path])
                lost, gained = lost + len(gone), gained + len(new)
                changed.append({"doc": path.name[:3], "lost": gone, "gained": new})
        result[name] = {"docs": len(paths), "lost": lost, "gained": gained, "changed": changed}
        print(f"{name:<22} lost {lost:>3}  gained {gained:>3}  "
              + "; ".join(f"{c['doc']} -{c['lost']} +{c['gained']}" for c in changed), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rewrites", nargs="*", choices=[*REWRITES, []], help="rewrites to run (default: all)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "invariance.json")
    args = parser.parse_args()
    if not (SHARED / "corpus" / "dev").is_dir():
        print("../shared/corpus/dev not found: nothing to rewrite")
        return
    result = run(args.rewrites or list(REWRITES))
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
