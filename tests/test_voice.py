"""Voice: a stretch earlier in a sentence whose attribution closes it is the speaker's (a reported
statement), not the author's; other stretches keep the author's voice."""

from __future__ import annotations

from newsprism.schema import Quote, Span, Voice
from newsprism.quotes.voice import voice_of

TEXT = ("The nations and especially the zealous youths must force the enemy to retreat, the Imam said. "
        "The zealous crowd marched on Friday.")


def reported(text: str, content: str, cue: str) -> Quote:
    s, c = text.index(content), text.index(cue)
    return Quote(kind="indirect", content=Span(start=s, end=s + len(content), text=content),
                 cue=Span(start=c, end=c + len(cue), text=cue), speaker_entity="E1", speaker_name="Khamenei")


def test_a_stretch_of_a_sentence_closed_by_its_attribution_is_the_speakers():
    q = reported(TEXT, "must force the enemy to retreat", "said")
    s = TEXT.index("zealous youths")
    assert voice_of(s, s + 14, [q], TEXT) == Voice(kind="quote", speaker_entity="E1", speaker_name="Khamenei")
    assert voice_of(s, s + 14, [q]).kind == "author"  # without the text, only the content counts
    later = TEXT.index("zealous crowd")
    assert voice_of(later, later + 13, [q], TEXT).kind == "author"  # the next sentence is the author's


def test_an_attribution_before_the_content_leaves_the_stretch_before_it_to_the_author():
    text = 'The brutal dictator Khan said "we will win" on Friday.'
    s, c = text.index("we will win"), text.index("said")
    q = Quote(kind="direct", content=Span(start=s, end=s + 11, text="we will win"),
              cue=Span(start=c, end=c + 4, text="said"), speaker_entity="E1", speaker_name="Khan")
    assert voice_of(text.index("brutal"), text.index("brutal") + 6, [q], text).kind == "author"
