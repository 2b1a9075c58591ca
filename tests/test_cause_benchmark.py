"""The cause benchmark's harness against the scripted fake server: the sections load, their keys
are valid, and precision and recall are computed from what the model answered (no timings)."""

import json

import pytest
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import causes  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402
from narrator.llm.cause_check import cause_sites  # noqa: E402
from narrator.llm.causes import BATCH  # noqa: E402
from narrator.llm.client import ModelClient  # noqa: E402
from narrator.llm.exchanges import ExchangeStore  # noqa: E402
from narrator.llm.settings import ModelSettings  # noqa: E402

SECTIONS = causes.load_sections()


def test_the_team_wrote_at_least_fifty_sections_with_a_key_and_why():
    assert len(SECTIONS) >= 50 and len({s.id for s in SECTIONS}) == len(SECTIONS)
    assert all(s.key in ("增加", "减少", "不明") and s.why for s in SECTIONS)
    directions = {s.id: [site.item.direction for site in cause_sites(s.text)] for s in SECTIONS}
    contradicting = [s for s in SECTIONS if causes.expected_contradiction(s, (directions[s.id] or [None])[0])]
    assert len(contradicting) >= 15 and sum(s.key == "不明" for s in SECTIONS) >= 7
    assert all(len(found) == 1 for sid, found in directions.items() if sid not in ("c49", "c50")), directions
    assert directions["c49"] == directions["c50"] == []  # a budget-gap cause is not sent


def _answers(sections, reading):
    """The fake model's answers: batches of ten, each cause read by ``reading(section)``."""
    text = "\n".join(s.text for s in sections)
    sites = cause_sites(text)
    starts = causes._starts(sections)
    by_id = {s.id: s for s in sections}
    readings = {site.item.id: reading(by_id[causes._owner(starts, site.start)], site) for site in sites}
    ids = sorted(readings)
    return [("answer", json.dumps({str(i): readings[i] for i in ids[lo:lo + BATCH]}, ensure_ascii=False))
            for lo in range(0, len(ids), BATCH)]


def _client(server):
    return ModelClient(ModelSettings(base_url=server.base_url, model="fake", max_retries=0), ExchangeStore())


def test_a_model_that_reads_every_key_right_scores_one():
    with FakeOpenAI(_answers(SECTIONS, lambda section, site: section.key)) as server:
        scores = causes.run(_client(server), SECTIONS)
    score = scores["narrator"]
    assert score.precision == 1 and score.recall == 1 and score.flagged_unclear == 0
    assert scores["model"].precision == 1 and scores["model"].recall == 1
    assert score.calls == len(server.requests) == -(-sum(1 for s in SECTIONS if s.id not in ("c49", "c50")) // BATCH)
    assert score.documents == 1 and not score.failures


def test_a_model_that_always_opposes_the_numbers_loses_precision():
    opposite = {"增加": "减少", "减少": "增加"}
    with FakeOpenAI(_answers(SECTIONS, lambda section, site: opposite[site.item.direction])) as server:
        scores = causes.run(_client(server), SECTIONS)
    model = scores["model"]
    assert model.recall == 1 and model.flagged == len(SECTIONS) - 2
    assert model.precision == model.expected / model.flagged < 1 and model.flagged_unclear > 0
    # narrator reports only what the cause's words confirm: no finding on a 不明 cause
    assert scores["narrator"].flagged_unclear == 0 and scores["narrator"].precision > model.precision
    assert scores["words"].calls == model.calls  # the same run


def test_the_held_out_set_is_keyed_and_its_numbers_read():
    held_out = causes.load_sections(causes.HELDOUT)
    assert len(held_out) >= 20 and not {s.id for s in held_out} & {s.id for s in SECTIONS}
    assert all(s.key in ("增加", "减少", "不明") and s.why for s in held_out)
    directions = {s.id: [site.item.direction for site in cause_sites(s.text)] for s in held_out}
    assert all(len(found) == 1 for found in directions.values()), directions
    contradicting = [s for s in held_out if causes.expected_contradiction(s, directions[s.id][0])]
    assert len(contradicting) >= 8 and sum(s.key == "不明" for s in held_out) >= 5


@pytest.mark.parametrize("path, contradicting, unclear", [
    (causes.HELDOUT2, 13, 13), (causes.HELDOUT3, 8, 8)])
def test_the_later_held_out_sets_are_keyed_and_their_numbers_read(path, contradicting, unclear):
    """The numbers of every section are read (one cause, one direction each), and the sets keep
    about a third each of contradictions, fits and 不明 causes."""
    sections = causes.load_sections(path)
    others = {s.id for p in (causes.SECTIONS, causes.HELDOUT, causes.HELDOUT2, causes.HELDOUT3) if p != path
              for s in causes.load_sections(p)}
    assert not {s.id for s in sections} & others
    assert all(s.key in ("增加", "减少", "不明") and s.why for s in sections)
    directions = {s.id: [site.item.direction for site in cause_sites(s.text)] for s in sections}
    assert all(len(found) == 1 for found in directions.values()), directions
    assert sum(causes.expected_contradiction(s, directions[s.id][0]) for s in sections) == contradicting
    assert sum(s.key == "不明" for s in sections) == unclear
