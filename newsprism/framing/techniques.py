"""The 14 technique classes of the Propaganda Techniques Corpus (as SemEval-2020 Task 11 names them) and a
short plain description of each, for readers of the web page."""

from __future__ import annotations

DESCRIPTIONS: dict[str, str] = {
    "Loaded_Language": "Words or phrases with strong emotional weight, chosen to sway the reader.",
    "Name_Calling,Labeling": "Naming a person, group or thing with a label the audience fears, hates or admires.",
    "Repetition": "Repeating the same word or phrase so that the audience comes to accept it.",
    "Doubt": "Questioning the credibility of someone or something without grounds.",
    "Exaggeration,Minimisation": "Making something look larger, better or worse than it is, or downplaying it.",
    "Appeal_to_fear-prejudice": "Building support for an idea by stirring fear of an alternative or prejudice.",
    "Flag-Waving": "Appealing to patriotism or group identity to justify an idea or action.",
    "Causal_Oversimplification": "Giving a single cause for an issue that has several.",
    "Appeal_to_Authority": "Claiming something is true because an authority or expert says so, without more evidence.",
    "Slogans": "A short, striking phrase that works through labels and stereotypes.",
    "Black-and-White_Fallacy": "Offering two choices as the only ones when more exist.",
    "Whataboutism,Straw_Men,Red_Herring": (
        "Deflecting: accusing the other side of hypocrisy, attacking a distorted version of their view, "
        "or bringing in an irrelevant issue."
    ),
    "Thought-terminating_Cliches": "A stock phrase that discourages further thought on a topic.",
    "Bandwagon,Reductio_ad_hitlerum": (
        "Urging people to join because everyone else does, or rejecting an idea because a hated group holds it."
    ),
}

TECHNIQUES: list[str] = list(DESCRIPTIONS)

# Framing spans scored lower (the score is 0 to 1) are left out of what the corpus pages count per technique:
# the threshold the pages' `min_score` starts at.
MIN_FRAMING_SCORE = 0.2
