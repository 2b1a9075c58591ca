"""Readability figures on texts whose counts are known by hand."""

from decimal import Decimal

from conftest import run_cli
from narrator.app.readability import LONG_SENTENCE, measure, sentences_of


def test_sentences_are_the_readers_statements_and_skip_headings():
    text = "## 一、总体\n\n收入502.98万元，下降10.44%。主要原因是项目减少；支出持平！"
    assert sentences_of(text) == ["收入502.98万元，下降10.44%", "主要原因是项目减少；支出持平"]
    pdf = "收入502.98万元，比上年\n减少58.63万元。\n支出持平；\n结余为0。"  # a soft line break, a hard one after ；
    assert sentences_of(pdf) == ["收入502.98万元，比上年\n减少58.63万元", "支出持平", "结余为0"]


def test_figures_of_a_small_text():
    text = "收入502.98万元，下降10.44%。支出持平。"
    r = measure(text)
    assert r.sentences == 2
    assert r.characters == len("收入502.98万元，下降10.44%") + len("支出持平")
    assert r.chars_per_sentence == Decimal(r.characters) / 2
    assert r.clauses_per_sentence == Decimal("1.50")  # 2 clauses + 1 clause
    assert r.numbers_per_100_chars == (Decimal(200) / r.characters).quantize(Decimal("0.01"))
    assert r.long_sentence_share == 0
    assert r.words_per_sentence > 1  # jieba segments; textstat alone would count 1 word


def test_long_sentences_are_counted():
    long = "收" * (LONG_SENTENCE + 1)
    assert measure(f"{long}。短句。").long_sentence_share == Decimal("0.5000")


def test_empty_text_gives_zeros():
    assert measure("").sentences == 0 and measure("").chars_per_sentence == 0


def test_readability_command(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("收入502.98万元，下降10.44%。支出持平。", encoding="utf-8")
    result = run_cli("readability", str(path), "--format", "json")
    assert result.returncode == 0 and '"sentences": 2' in result.stdout
