"""The cause benchmark (a benchmark, not a test): does ``cause.direction`` flag exactly the causes
that read the opposite way to their numbers?

    . .venv/bin/activate && python benchmarks/causes.py [--local-model PATH.gguf] [--threads N]
        [--per-section] [--record FILE.jsonl | --replay FILE.jsonl] [--out FILE]

Four sets, each scored on its own: benchmarks/causes/sections.yaml, the tuning set (the prompt
and the first word list were written while looking at it); benchmarks/causes/heldout.yaml, written
afterwards in other words and never tuned on; benchmarks/causes/heldout2.yaml, written before the
direction lexicon (narrator/llm/cause_words.py) replaced the word list, in words of neither set;
benchmarks/causes/heldout3.yaml, written before the second look (a cause read again alone,
narrator/llm/causes.py) was measured, in words of none of the others.
The sections were written by the team; each has a key
(增加 / 减少 / 不明: which way the cause reads by itself) and why.  A section should get a
finding exactly when its key is the opposite of the direction of its numbers (read by the
program).  The model is whatever is configured (NARRATOR_BASE_URL / NARRATOR_MODEL, the config
file, or NARRATOR_LOCAL_MODEL), or ``--local-model``.

Three readers are scored: ``narrator`` (what ``cause.direction`` reports: the model's reading,
confirmed by the cause's own direction words), ``model`` (the model's reading alone) and ``words``
(the direction lexicon alone, no model).  The lexicon was written from morphemes and checked
against the tuning set only: the held-out sets' figures are the held-out measure.

By default all sections of a set are checked as one document, the way ``narrator check`` sends a
document's causes (batches of ten); ``--per-section`` checks each section as its own document.
Prints precision, recall, calls, tokens and seconds (per document), and writes JSON (default
benchmarks/results/causes.json).  Answers are not cached: every run asks the model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ROOT / "benchmarks" / "causes" / "sections.yaml"  # the tuning set: the prompt and word list were written with it
HELDOUT = ROOT / "benchmarks" / "causes" / "heldout.yaml"  # written afterwards, never tuned on
HELDOUT2 = ROOT / "benchmarks" / "causes" / "heldout2.yaml"  # written before the direction lexicon
HELDOUT3 = ROOT / "benchmarks" / "causes" / "heldout3.yaml"  # written before the second look was measured
DIRECTIONS = ("增加", "减少")


@dataclass(frozen=True)
class Section:
    id: str
    text: str
    key: str
    why: str


@dataclass
class Score:
    documents: int = 0
    sections: int = 0
    expected: int = 0  # sections whose cause contradicts their numbers
    flagged: int = 0
    true_positives: int = 0
    flagged_unclear: int = 0  # findings on a section keyed 不明 (must be 0)
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.flagged if self.flagged else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.expected if self.expected else None

    def summary(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall,
                "seconds_per_document": self.seconds / self.documents if self.documents else None}


def load_sections(path: Path = SECTIONS) -> list[Section]:
    return [Section(**entry) for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["sections"]]


def expected_contradiction(section: Section, direction: str | None) -> bool:
    return direction is not None and section.key in DIRECTIONS and section.key != direction


def run(client, sections: list[Section], per_section: bool = False) -> dict[str, Score]:
    """Checks the sections with ``client`` (a narrator ModelClient) and scores three readers:

    ``narrator`` — what ``cause.direction`` reports (the model's reading, confirmed by the cause's
    own direction words); ``model`` — the model's reading alone; ``words`` — the direction words
    alone (no model).  The calls, tokens and seconds are the model's, shared by all three.
    """
    from narrator.llm.cause_check import cause_sites
    from narrator.llm.causes import judge_causes, words_direction
    from narrator.llm.client import ModelUnavailable

    scores = {name: Score(sections=len(sections)) for name in READERS}
    before = replace(client.store.usage)  # a client may have answered another set before this one
    documents = [[s] for s in sections] if per_section else [sections]
    seconds = 0.0
    for group in documents:
        text = "\n".join(s.text for s in group)
        starts = _starts(group)
        sites = cause_sites(text)
        directions = {_owner(starts, site.start): site.item.direction for site in sites}
        started = time.monotonic()
        try:
            verdicts = judge_causes(client, [site.item for site in sites])
        except ModelUnavailable as exc:
            verdicts = {}
            for score in scores.values():
                score.failures.append(f"{group[0].id}…{group[-1].id}: {exc}")
        seconds += time.monotonic() - started
        flagged: dict[str, set[str]] = {name: set() for name in READERS}
        for site in sites:
            owner, item = _owner(starts, site.start), site.item
            verdict = verdicts.get(item.id)
            words = words_direction(item.cause)
            if verdict is not None and verdict.contradicts:
                flagged["narrator"].add(owner)
            if verdict is not None and verdict.implied in DIRECTIONS and verdict.implied != item.direction:
                flagged["model"].add(owner)
            if words is not None and words != item.direction:
                flagged["words"].add(owner)
        for name, score in scores.items():
            score.documents += 1
            _tally(score, group, directions, flagged[name])
    usage = client.store.usage
    for score in scores.values():
        score.calls, score.prompt_tokens, score.completion_tokens = (
            usage.calls - before.calls, usage.prompt_tokens - before.prompt_tokens,
            usage.completion_tokens - before.completion_tokens)
        score.seconds = seconds
    return scores


READERS = ("narrator", "model", "words")


def _starts(group: list[Section]) -> list[tuple[int, str]]:
    starts, offset = [], 0
    for section in group:
        starts.append((offset, section.id))
        offset += len(section.text) + 1
    return starts


def _owner(starts: list[tuple[int, str]], position: int) -> str:
    return [sid for start, sid in starts if start <= position][-1]


def _tally(score: Score, group: list[Section], directions: dict[str, str], flagged: set[str]) -> None:
    for section in group:
        expected = expected_contradiction(section, directions.get(section.id))
        found = section.id in flagged
        score.expected += expected
        score.flagged += found
        score.true_positives += expected and found
        score.flagged_unclear += found and section.key == "不明"
        if found and not expected:
            score.false_alarms.append(section.id)
        if expected and not found:
            score.missed.append(section.id)


def _client(args):
    from narrator.llm.client import ModelClient
    from narrator.llm.exchanges import ExchangeStore
    from narrator.llm.settings import resolve_settings

    flags = {"local_model": args.local_model, "threads": args.threads, "timeout": args.timeout}
    settings = resolve_settings(flags)
    if settings is None:
        sys.exit("causes.py: 未配置模型（NARRATOR_BASE_URL/NARRATOR_MODEL、NARRATOR_LOCAL_MODEL 或 --local-model）")
    return ModelClient(settings, ExchangeStore(record=args.record, replay=args.replay)), settings


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local-model", type=Path)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--timeout", type=float)
    parser.add_argument("--per-section", action="store_true")
    parser.add_argument("--record", type=Path, help="append every exchange to this JSON Lines file")
    parser.add_argument("--replay", type=Path,
                        help="answer from a --record file instead of the model (rescoring offline; seconds are not timings)")
    parser.add_argument("--sections", type=Path, nargs="+", default=[SECTIONS, HELDOUT, HELDOUT2, HELDOUT3],
                        help="section files, each scored on its own (default: the tuning and the three held-out sets)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "causes.json")
    args = parser.parse_args(argv)
    client, settings = _client(args)
    sets = {}
    try:
        for path in args.sections:
            scores = run(client, load_sections(path), args.per_section)
            sets[path.stem] = {name: score.summary() for name, score in scores.items()}
    finally:
        client.close()
    result = {"model": str(settings.local_model or settings.model), "threads": settings.threads,
              "per_section": args.per_section, "sets": sets}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
