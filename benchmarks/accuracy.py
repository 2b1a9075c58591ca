"""How well narrator checks: the labelled seeds and a mutation benchmark (a benchmark, not a test).

    . .venv/bin/activate && python benchmarks/accuracy.py [--seed 0] [--per-kind 30] [--out FILE]
        [--model-gguf PATH | --base-url URL --model NAME] [--model-per-doc 6]

(a) Seeds: the known findings of domain.md (benchmarks/labels.yaml) against
    - ``check_text`` on the whole seed text (level 1, the narrative alone), and
    - ``check_path`` (the full ``narrator check --no-model`` path: extraction, and the
      level-2 table checks once ``narrator.check.check_document`` exists).
    Recall of error labels, recall of warning labels, precision of errors (an error
    finding that matches no error label is an error reported where there is none).

(b) Mutations (benchmarks/mutations.py): clean narratives (seeds 003 and 004, the golden
    drafts, caizhengju-2024.pdf when present) with one injected error each.  A mutation
    is caught when a finding that was not on the original, at the kind's expected
    severity or above, overlaps the injected span.  Precision = caught errors / all new
    errors (on mutants) plus the errors on the unmutated originals that are not known
    true errors.  Deterministic for ``--seed``.

Prints tables and writes JSON (default benchmarks/results/accuracy.json).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.mutations import EXPECTED_SEVERITY, MODEL_KINDS, Mutation, map_offset, mutate, sentence  # noqa: E402
from narrator.check import check_text  # noqa: E402
from narrator.findings import Finding  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "seeds"
LABELS = Path(__file__).resolve().parent / "labels.yaml"
PUTUO_CLEAN = Path("/work/shared/corpus/shanghai-putuo/caizhengju-2024.pdf")
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"  # real excerpts: read here, never copied in
SCORE = ROOT.parent / "shared" / "tools" / "score.py"
RANK = {"error": 3, "warning": 2, "info": 1}


def compact(s: str) -> str:
    return "".join(s.split())


def id_matches(ids, finding_id: str) -> bool:
    ids = [ids] if isinstance(ids, str) else list(ids)
    return any(i == "*" or finding_id == i or finding_id.startswith(i + ".") for i in ids)


# ------------------------------------------------------------------ (a) seeds


@dataclass
class LabelResult:
    seed: str
    label: dict
    found: int  # distinct findings matching it at its severity (capped at count)

    @property
    def count(self) -> int:
        return int(self.label.get("count", 1))


def score_seed(seed: str, spec: dict, findings: list[Finding]) -> dict:
    """Greedy one-finding-per-label-instance matching; recall and precision counts."""
    used: set[int] = set()
    results = []
    for label in spec.get("labels", []):
        need, got = int(label.get("count", 1)), 0
        for i, f in enumerate(findings):
            if got >= need:
                break
            if i in used or f.severity != label["severity"]:
                continue
            if id_matches(label["id"], f.id) and compact(label["text"]) in compact(f.text):
                used.add(i)
                got += 1
        results.append(LabelResult(seed, label, got))
    errors = [f for f in findings if f.severity == "error"]
    true_errors = [f for i, f in enumerate(findings) if f.severity == "error" and i in used]
    false_errors = [f for i, f in enumerate(findings) if f.severity == "error" and i not in used]
    negatives_hit = [n["text"] for n in spec.get("negatives", [])
                     if any(compact(n["text"]) in compact(f.text) for f in errors)]
    return {"labels": results, "errors": len(errors), "true_errors": len(true_errors),
            "false_errors": [_brief(f) for f in false_errors], "negatives_hit": negatives_hit}


def _brief(f: Finding) -> dict:
    return {"id": f.id, "severity": f.severity, "start": f.start, "text": f.text[:80], "message": f.message}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def run_seeds(labels: dict) -> dict:
    from narrator.check.engine import ModelOptions, check_path

    tiers = {
        "check_text": lambda path: check_text(path.read_text(encoding="utf-8")),
        "check_path": lambda path: check_path(path, None, (), ModelOptions(use_model=False),
                                              lambda _m: None).findings,
    }
    out: dict = {}
    for tier, run in tiers.items():
        per_seed, all_labels = {}, []
        errors = true_errors = 0
        for seed, spec in labels["seeds"].items():
            path = SEEDS / spec["file"]
            scored = score_seed(seed, spec, run(path))
            per_seed[seed] = {
                "errors": scored["errors"], "true_errors": scored["true_errors"],
                "false_errors": scored["false_errors"], "negatives_hit": scored["negatives_hit"],
                "labels": [{"text": r.label["text"], "id": r.label["id"], "severity": r.label["severity"],
                            "level": r.label["level"], "count": r.count, "found": r.found,
                            "note": r.label.get("note", "")} for r in scored["labels"]],
            }
            all_labels.extend(scored["labels"])
            errors += scored["errors"]
            true_errors += scored["true_errors"]
        summary = {}
        for level in (1, 2, 3):
            for severity in ("error", "warning"):
                chosen = [r for r in all_labels if r.label["level"] == level and r.label["severity"] == severity]
                need = sum(r.count for r in chosen)
                if need:
                    got = sum(r.found for r in chosen)
                    summary[f"recall_{severity}s_level{level}"] = {"found": got, "labelled": need,
                                                                    "recall": _ratio(got, need)}
        summary["precision_errors"] = {"true": true_errors, "reported": errors, "precision": _ratio(true_errors, errors)}
        out[tier] = {"summary": summary, "seeds": per_seed}
    out["check_document_present"] = _has_check_document()
    return out


def _has_check_document() -> bool:
    import narrator.check

    return hasattr(narrator.check, "check_document")


# ------------------------------------------------------------------ (b) mutations


def clean_documents() -> dict[str, str]:
    """Name → clean narrative text (seeds 003/004 narratives, golden drafts, the Putuo PDF if here)."""
    from narrator.extract.sections import narrative_span

    docs: dict[str, str] = {}
    for prefix in ("003", "004"):
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        text = path.read_text(encoding="utf-8")
        start, end = narrative_span(text)
        docs[f"seed-{prefix}-narrative"] = text[start:end]
    for draft in sorted((ROOT / "golden").glob("seed-*/draft.md")):
        docs[f"{draft.parent.name}-draft"] = draft.read_text(encoding="utf-8")
    if PUTUO_CLEAN.is_file():
        from narrator.extract import extract

        document = extract(PUTUO_CLEAN)
        start, end = document.narrative_span
        docs["caizhengju-2024"] = document.text[start:end]
    return docs


def _known(doc: str, f: Finding, labels: dict) -> bool:
    return any(id_matches(k["id"], f.id) and compact(k["text"]) in compact(f.text)
               for k in labels.get("clean_known_errors", {}).get(doc, []))


def _overlaps(f: Finding, locations) -> bool:
    return any(f.start < b and a < f.end or (f.start == f.end and a <= f.start < b) for a, b in locations)


def new_findings(mutation: Mutation, original: list[Finding], mutated: list[Finding]) -> list[Finding]:
    """Findings on the mutant that the original did not have.

    Away from the edit a finding is old when the original had the same id at the mapped span;
    across the edit, when the original had a finding with the same id and message across it.
    """
    edits = [(e.start, e.end) for e in mutation.edits]
    mapped, at_edit = set(), set()
    for f in original:
        if _overlaps(f, edits):
            at_edit.add((f.id, f.message))
            continue
        a, b = map_offset(mutation, f.start), map_offset(mutation, f.end)
        mapped.add((f.id, a, b))
    out = []
    for f in mutated:
        if _overlaps(f, mutation.locations):
            if (f.id, f.message) not in at_edit:
                out.append(f)
        elif (f.id, f.start, f.end) not in mapped:
            out.append(f)
    return out


def judge(mutation: Mutation, new: list[Finding]) -> dict:
    expected = EXPECTED_SEVERITY[mutation.kind]
    near = [sentence(mutation.text, a) for a, _ in mutation.locations]
    at = [f for f in new if _overlaps(f, mutation.locations)]
    caught = [f for f in at if RANK[f.severity] >= RANK[expected]]
    return {
        "caught": bool(caught),
        "caught_by": caught[0].id if caught else None,
        "overlapping_any_severity": [f"{f.id}:{f.severity}" for f in at],
        "true_errors": sum(1 for f in at if f.severity == "error"),
        # new errors away from the edit but in the same sentence/list (a share of a changed total)
        "consequential_errors": [_brief(f) for f in new if f.severity == "error"
                                 and not _overlaps(f, mutation.locations) and _overlaps(f, near)],
        "collateral_errors": [_brief(f) for f in new if f.severity == "error"
                              and not _overlaps(f, mutation.locations) and not _overlaps(f, near)],
    }


def run_mutations(labels: dict, seed: int, per_kind: int, model=None, model_per_doc: int = 6) -> dict:
    docs = clean_documents()
    rows: list[dict] = []
    skipped: dict[str, int] = {}
    originals: dict[str, dict] = {}
    started = time.perf_counter()
    for name, text in docs.items():
        # the golden drafts keep 【请补充原因】 on purpose (their figures give no cause): not what is measured
        check = _check_draft if name.endswith("-draft") else check_text
        doc_rows, originals[name], doc_skipped = mutation_rows(name, text, seed, per_kind, labels, check)
        rows.extend(doc_rows)
        for kind, n in doc_skipped.items():
            skipped[kind] = skipped.get(kind, 0) + n
    elapsed = time.perf_counter() - started
    model_rows = run_model_tier(docs, seed, model, model_per_doc) if model is not None else None
    return {"originals": originals, "mutations": rows, "model_tier": model_rows, "skipped_flagged": skipped,
            "summary": summarise(rows, originals), "elapsed_s": round(elapsed, 1)}


def _check_draft(text: str) -> list:
    return check_text(text, disable=("unfinished",))


def mutation_rows(name: str, text: str, seed: int, per_kind: int, labels: dict,
                  check=check_text) -> tuple[list[dict], dict, dict]:
    """Check every sampled mutation of one clean text: (rows, the original's summary, skipped per kind)."""
    original = check(text)
    false = [f for f in original if f.severity == "error" and not _known(name, f, labels)]
    summary = {"chars": len(text), "errors": sum(f.severity == "error" for f in original),
               "false_errors": [_brief(f) for f in false],
               "known_true_errors": [_brief(f) for f in original if f.severity == "error" and _known(name, f, labels)]}
    flagged = [f for f in original if f.severity in ("error", "warning")]
    rows, skipped = [], {}
    for m in mutate(text, seed=_doc_seed(seed, name), per_kind=per_kind):
        if any(_overlaps(f, [(e.start, e.end)]) for f in flagged for e in m.edits):
            skipped[m.kind] = skipped.get(m.kind, 0) + 1
            continue  # the original already has a finding here: nothing clean to break
        verdict = judge(m, new_findings(m, original, check(m.text)))
        rows.append({"doc": name, **m.to_json(), "location_text": [m.text[a:b] for a, b in m.locations],
                     "context": _context(m), **verdict})
    return rows, summary, skipped


def _doc_seed(seed: int, name: str) -> str:
    return f"{seed}:{name}"  # str seeds are hashed with SHA-512 by random: stable across runs


def _context(m: Mutation, width: int = 30) -> str:
    a, b = m.locations[0][0], m.locations[-1][1]
    return m.text[max(0, a - width):b + width].replace("\n", "⏎")


def summarise(rows: list[dict], originals: dict) -> dict:
    per_kind: dict[str, dict] = {}
    for r in rows:
        for key in (r["kind"], f"{r['kind']}/{r['subkind']}"):
            k = per_kind.setdefault(key, {"n": 0, "caught": 0})
            k["n"] += 1
            k["caught"] += r["caught"]
    for k in per_kind.values():
        k["recall"] = _ratio(k["caught"], k["n"])
    judgeable = [r for r in rows if r.get("judgeable", True)]
    tp = sum(r["true_errors"] + len(r["consequential_errors"]) for r in rows)
    collateral = sum(len(r["collateral_errors"]) for r in rows)
    false_on_originals = sum(len(o["false_errors"]) for o in originals.values())
    return {
        "per_kind": dict(sorted(per_kind.items())),
        "overall_recall": _ratio(sum(r["caught"] for r in rows), len(rows)),
        # the mutations whose inputs the text states (mutations.Mutation.judgeable)
        "judgeable": {"n": len(judgeable), "caught": sum(r["caught"] for r in judgeable),
                      "recall": _ratio(sum(r["caught"] for r in judgeable), len(judgeable))},
        "false_errors_on_originals": false_on_originals,
        "originals_without_false_errors": f"{sum(not o['false_errors'] for o in originals.values())}/{len(originals)}",
        "precision": {"true_errors": tp, "of_which_consequential": sum(len(r["consequential_errors"]) for r in rows), "collateral_errors": collateral, "false_on_originals": false_on_originals,
                      "precision": _ratio(tp, tp + collateral + false_on_originals)},
    }


# ------------------------------------------------------------------ (c) the dev corpus (real excerpts)


def check_as_published(text: str) -> list[Finding]:
    """What ``narrator check`` reports on a text file: read (normalised), checked, spans on the text as given."""
    from narrator.check import check_document
    from narrator.extract import extract_text

    document = extract_text(text)
    return document.to_source(check_document(document))


def run_dev_corpus(seed: int, per_kind: int) -> dict | None:
    """score.py over ../shared/corpus/dev, the coverage of its percentages, and the mutation benchmark
    over its texts (sites found by the mutations' own regexes)."""
    import subprocess

    from narrator.check import review_document
    from narrator.extract import extract_text

    if not DEV_CORPUS.is_dir() or not SCORE.is_file():
        return None
    narrator = str(Path(sys.executable).with_name("narrator"))
    scored = subprocess.run([sys.executable, str(SCORE), narrator, str(DEV_CORPUS / "labels.yaml"), str(DEV_CORPUS)],
                            capture_output=True, text=True)
    amounts = percentages = checked = 0
    rows: list[dict] = []
    originals: dict[str, dict] = {}
    labelled = {entry["file"]: entry for entry in yaml.safe_load((DEV_CORPUS / "labels.yaml").read_text(encoding="utf-8"))}
    for path in sorted(DEV_CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        read = review_document(extract_text(text))[1]
        amounts, percentages, checked = amounts + read.amounts, percentages + read.percentages, checked + read.checked
        known = {"clean_known_errors": {path.name: _labelled_findings(text, labelled.get(path.name, {}))}}
        doc_rows, originals[path.name], _ = mutation_rows(path.name, text, seed, per_kind, known, check_as_published)
        rows.extend(doc_rows)
    return {"score": scored.stdout.strip().splitlines()[-1] if scored.stdout.strip() else scored.stderr[-300:],
            "coverage": {"amounts": amounts, "percentages": percentages, "checked": checked,
                         "checked_share": _ratio(checked, percentages)},
            "mutations": {"summary": summarise(rows, originals), "n": len(rows)},
            # the corpus's text stays in ../shared: misses are printed (--show-dev-misses), never saved
            "_missed": [f"{r['doc']} {r['kind']}/{r['subkind']}{'' if r['judgeable'] else ' (not judgeable)'}: "
                        f"{r['context']}" for r in rows if not r["caught"]]}


def _labelled_findings(text: str, entry: dict) -> list[dict]:
    """The original's findings that overlap a labelled error or warning (true findings, not false ones)."""
    quotes = [x["quote"] for x in (entry.get("errors") or []) + (entry.get("warnings") or [])]
    spans = [(i - 12, i + len(q) + 12) for q in quotes for i in [text.find(q)] if i >= 0]
    return [{"id": f.id, "text": f.text} for f in check_as_published(text) if _overlaps(f, spans)]


def print_dev(result: dict | None) -> None:
    if result is None:
        print("\n(c) dev corpus: ../shared/corpus/dev not found, skipped")
        return
    cov, mutations = result["coverage"], result["mutations"]["summary"]
    print(f"\n(c) dev corpus: {result['score']}")
    print(f"    percentages {cov['percentages']}, checked against their amounts {cov['checked']} "
          f"({_pct(cov['checked_share'])}), the rest listed as unchecked; amounts read {cov['amounts']}")
    print(f"    mutations over its texts: recall {_pct(mutations['overall_recall'])} of {result['mutations']['n']}, "
          f"precision {_pct(mutations['precision']['precision'])}")
    judgeable = mutations["judgeable"]
    print(f"    of them judgeable from the text (inputs stated beside the mutated value): "
          f"recall {_pct(judgeable['recall'])} ({judgeable['caught']}/{judgeable['n']})")
    for kind, k in mutations["per_kind"].items():
        if "/" not in kind:
            print(f"      {kind:<18} {k['caught']:>4}/{k['n']:<4} {_pct(k['recall'])}")


# ------------------------------------------------------------------ model tier (optional)


def run_model_tier(docs: dict[str, str], seed: int, model, per_doc: int) -> dict:
    """cause_opposite mutants checked by the model tier (``check_causes``); slow on a CPU model."""
    from narrator.llm.cause_check import check_causes

    client, store = model
    rows, originals = [], {}
    for name, text in docs.items():
        before = check_causes(client, text)
        originals[name] = [_brief(f) for f in before]
        for m in mutate(text, seed=_doc_seed(seed, name), per_kind=per_doc, kinds=MODEL_KINDS):
            found = check_causes(client, m.text)
            verdict = judge(m, new_findings(m, before, found))
            rows.append({"doc": name, **m.to_json(), "context": _context(m), **verdict})
    caught = sum(r["caught"] for r in rows)
    return {"mutations": rows, "originals_cause_findings": originals,
            "recall": _ratio(caught, len(rows)), "n": len(rows), "caught": caught,
            "false_on_originals": sum(len(v) for v in originals.values()),
            "usage": {"calls": store.usage.calls, "prompt_tokens": store.usage.prompt_tokens,
                      "completion_tokens": store.usage.completion_tokens}}


def model_client(args):
    """(ModelClient, ExchangeStore, context manager to close) for --model-gguf or --base-url."""
    from contextlib import ExitStack

    from narrator.llm.client import ModelClient
    from narrator.llm.exchanges import ExchangeStore
    from narrator.llm.settings import ModelSettings

    stack = ExitStack()
    if args.model_gguf:
        from narrator.llm.local import LocalServer

        server = stack.enter_context(LocalServer(args.model_gguf))
        settings = ModelSettings(base_url=server.base_url, model="local", timeout=600)
    else:
        settings = ModelSettings(base_url=args.base_url, model=args.model, timeout=600)
    store = ExchangeStore(record=None, replay=None, cache_dir=None)
    return (ModelClient(settings, store), store), stack


# ------------------------------------------------------------------ output


def print_seeds(result: dict) -> None:
    print("== (a) labelled seeds (benchmarks/labels.yaml)")
    print(f"{'tier':<12} {'metric':<26} {'found/labelled':>15} {'value':>7}")
    for tier in ("check_text", "check_path"):
        for metric, v in result[tier]["summary"].items():
            if metric == "precision_errors":
                print(f"{tier:<12} {metric:<26} {v['true']:>7}/{v['reported']:<7} {_pct(v['precision'])}")
            else:
                print(f"{tier:<12} {metric:<26} {v['found']:>7}/{v['labelled']:<7} {_pct(v['recall'])}")
    print(f"check_document present: {result['check_document_present']}")
    for tier in ("check_text", "check_path"):
        for seed, s in result[tier]["seeds"].items():
            missed = [lab for lab in s["labels"] if lab["found"] < lab["count"]]
            for lab in missed:
                print(f"  {tier} missed seed {seed} L{lab['level']} {lab['severity']} {lab['id']} "
                      f"{lab['text']!r} ({lab['found']}/{lab['count']})")
            for f in s["false_errors"]:
                print(f"  {tier} unlabelled error seed {seed}: {f['id']} {f['text'][:40]!r} — {f['message'][:60]}")


def _pct(v) -> str:
    return f"{v:7.3f}" if v is not None else "    n/a"


def print_mutations(result: dict) -> None:
    s = result["summary"]
    print("\n== (b) mutations")
    print(f"{'kind':<36} {'caught/n':>10} {'recall':>7}")
    for kind, k in s["per_kind"].items():
        print(f"{kind:<36} {k['caught']:>5}/{k['n']:<4} {_pct(k['recall'])}")
    print(f"overall recall {_pct(s['overall_recall'])}")
    print(f"skipped (the original already had a warning/error there): {result['skipped_flagged']}")
    p = s["precision"]
    print(f"errors on clean originals (not known true errors): {s['false_errors_on_originals']} "
          f"(originals without one: {s['originals_without_false_errors']})")
    print(f"precision {_pct(p['precision'])} = {p['true_errors']} / ({p['true_errors']} + {p['collateral_errors']} "
          f"collateral + {p['false_on_originals']} on originals)")
    for name, o in result["originals"].items():
        for f in o["false_errors"]:
            print(f"  false error on original {name}: {f['id']} {f['text'][:50]!r} — {f['message'][:70]}")
    if result.get("model_tier"):
        m = result["model_tier"]
        print(f"model tier cause_opposite: {m['caught']}/{m['n']} recall {_pct(m['recall'])}, "
              f"{m['false_on_originals']} cause findings on originals, usage {m['usage']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-kind", type=int, default=30, help="mutations per kind per document (sampled)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "accuracy.json")
    parser.add_argument("--skip-seeds", action="store_true")
    parser.add_argument("--skip-dev", action="store_true", help="skip the dev corpus (../shared/corpus/dev)")
    parser.add_argument("--show-dev-misses", action="store_true",
                        help="print the dev-corpus mutations not caught (their text is never written to the JSON)")
    parser.add_argument("--model-gguf", help="run the model tier (cause_opposite) with this local GGUF model")
    parser.add_argument("--base-url", help="run the model tier against an OpenAI-compatible server")
    parser.add_argument("--model", default="local")
    parser.add_argument("--model-per-doc", type=int, default=6)
    args = parser.parse_args(argv)

    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    result: dict = {"seed": args.seed, "per_kind": args.per_kind, "python": platform.python_version(),
                    "putuo_clean_pdf": PUTUO_CLEAN.is_file()}
    if not args.skip_seeds:
        result["seeds"] = run_seeds(labels)
        print_seeds(result["seeds"])
    if args.model_gguf or args.base_url:
        model, stack = model_client(args)
        with stack:
            result["mutations"] = run_mutations(labels, args.seed, args.per_kind, model, args.model_per_doc)
    else:
        result["mutations"] = run_mutations(labels, args.seed, args.per_kind)
    print_mutations(result["mutations"])
    if not args.skip_dev:
        result["dev_corpus"] = run_dev_corpus(args.seed, args.per_kind)
        print_dev(result["dev_corpus"])
        missed = result["dev_corpus"].pop("_missed", []) if result["dev_corpus"] else []
        if args.show_dev_misses:
            print("\n".join(missed))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
