"""Language detection: English text runs through the English components, other languages are kept unanalysed."""

import json

import pytest
import spacy

from newsprism import pipeline
from newsprism.article import Article
from newsprism.readers.language import detect

ENGLISH = ("The foreign minister said on Tuesday that the talks with the rebels would resume next week in Geneva, "
           "after a pause of almost two months.")
FRENCH = ("Le ministre des affaires étrangères a déclaré mardi que les négociations avec les rebelles "
          "reprendraient la semaine prochaine à Genève, après une pause de près de deux mois.")
CHINESE = "外交部长星期二表示，与叛军的谈判将于下周在日内瓦恢复，此前谈判已暂停近两个月。双方代表均表示愿意继续对话。"


def test_detects_english_and_others():
    assert detect(ENGLISH) == "en"
    assert detect(FRENCH) == "fr"
    assert detect(CHINESE) == "zh"


def test_short_text_is_taken_as_english():
    """Too few letters to tell: the default is English, not a guess."""
    assert detect("Ja, mein Herr.") == "en"
    assert detect("") == "en"


def test_pipeline_keeps_other_languages_unanalysed_in_input_order():
    nlp = spacy.blank("en")
    out = list(pipeline.analyze(nlp, [Article(text=FRENCH, id="a"), Article(text=ENGLISH, id="b"),
                                      Article(text=CHINESE, id="c")]))
    assert [(a.article.id, a.article.language) for a in out] == [("a", "fr"), ("b", "en"), ("c", "zh")]
    assert out[0].entities == [] and out[0].quotes == [] and out[0].article.text == FRENCH


@pytest.mark.slow
def test_cli_names_an_article_not_in_english_and_exits_without_failure(tmp_path):
    from typer.testing import CliRunner

    from newsprism.console.cli import app

    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--format", "jsonl", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "not analysed" in result.stderr and "language fr" in result.stderr
    languages = [json.loads(line)["article"]["language"] for line in result.stdout.splitlines()]
    assert sorted(languages) == ["en", "fr"]
