"""The language of an article's text (ISO 639-1), detected with py3langid, whose model ships in the package.

newsprism's components are built for English; an article in another language is stored with its language
and metadata but not run through them. A text is taken as English unless the detector is confident it is
not (English at most 5% likely): a few words of English often look like another language to a character
n-gram model, and analysing such a text as English costs less than dropping an English article.
"""

from __future__ import annotations

from functools import lru_cache

ENGLISH = "en"
# The probability of English under which a text is taken to be in the detector's first choice instead.
UNLIKELY = 0.05
# Characters read: the opening of an article is enough, and the detector's cost grows with the text.
SAMPLE_CHARS = 3000
# Texts with fewer letters than this are too short to tell; they are taken as English.
MIN_LETTERS = 40


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier with normalised probabilities, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in; "en" when unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return ENGLISH
    ranked = dict(_identifier().rank(sample))
    best = max(ranked, key=ranked.__getitem__)
    return best if ranked.get(ENGLISH, 0.0) < UNLIKELY else ENGLISH
