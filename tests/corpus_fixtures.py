"""Hand-made multi-article corpora for the corpus view: short reports written for these tests, built as
analyses directly (offsets found in the text), so the tests need no spaCy model."""

from __future__ import annotations

from newsprism.schema import Actor, Analysis, ArticleMeta, Count, Entity, Event, Location, Quote, Span


def span(text: str, part: str, nth: int = 0) -> Span:
    """The `nth` occurrence of `part` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start=start, end=start + len(part), text=part)


def figure(text: str, part: str, value: int, qualifier: str = "exact") -> Count:
    s = span(text, part)
    return Count(value=value, qualifier=qualifier, text=part, start=s.start, end=s.end)


def entity(text: str, ident: str, name: str, type_: str, country: str | None, *mentions: str) -> Entity:
    return Entity(id=ident, name=name, type=type_, country=country,
                  mentions=[span(text, m) for m in (mentions or (name,))])


def meta(aid: str, source: str, published: str, text: str) -> ArticleMeta:
    return ArticleMeta(id=aid, title=" ".join(text.split()[:8]), published=published, source=source,
                       url=f"https://{source.lower().replace(' ', '')}.example/{aid}", text=text)


LAGOS_A = (
    "Police opened fire on protesters in Lagos on Tuesday, killing 12 people, witnesses said.\n"
    '"They shot at us without warning," said Ada Okafor, a student who joined the march.'
)
LAGOS_B = (
    "At least 15 people were killed when security forces fired on demonstrators in Lagos on Tuesday.\n"
    "Amnesty International said the toll could rise."
)
ABUJA = "Police dispersed a march in Abuja on Tuesday and arrested 40 people, officials said."
LATER = "Police fired on protesters in Lagos again, killing 3 people, witnesses said."


def protest_corpus() -> list[Analysis]:
    """Two outlets on one deadly protest in Lagos (12 killed against at least 15), a march in another city
    the same day, and a shooting in Lagos two weeks later."""
    a = Analysis(
        article=meta("lagos-a", "Daily Wire Service", "2024-06-12", LAGOS_A),
        entities=[entity(LAGOS_A, "E1", "Lagos", "GPE", "NGA"), entity(LAGOS_A, "E2", "Ada Okafor", "PERSON", None)],
        quotes=[Quote(kind="direct", content=span(LAGOS_A, "They shot at us without warning,"),
                      cue=span(LAGOS_A, "said", 1), speaker=span(LAGOS_A, "Ada Okafor"), speaker_entity="E2",
                      speaker_name="Ada Okafor")],
        events=[Event(type="ASSAULT", source=Actor(text="Police"), target=Actor(text="protesters"),
                      location=Location(name="Lagos", country="NGA", text="Lagos"), date="2024-06-11",
                      fatalities=figure(LAGOS_A, "12", 12),
                      evidence=span(LAGOS_A, LAGOS_A.split("\n")[0]))],
    )
    b = Analysis(
        article=meta("lagos-b", "Coast Herald", "2024-06-12", LAGOS_B),
        entities=[entity(LAGOS_B, "E1", "Lagos", "GPE", "NGA"),
                  entity(LAGOS_B, "E2", "Amnesty International", "ORG", None)],
        events=[Event(type="PROTEST", source=Actor(text="demonstrators"),
                      location=Location(name="Lagos", country="NGA", text="Lagos"), date="2024-06-11",
                      fatalities=figure(LAGOS_B, "At least 15", 15, "at least"),
                      evidence=span(LAGOS_B, LAGOS_B.split("\n")[0]))],
    )
    c = Analysis(
        article=meta("abuja", "Coast Herald", "2024-06-12", ABUJA),
        entities=[entity(ABUJA, "E1", "Abuja", "GPE", "NGA")],
        events=[Event(type="COERCE", source=Actor(text="Police"), target=Actor(text="40 people"),
                      location=Location(name="Abuja", country="NGA", text="Abuja"), date="2024-06-11",
                      evidence=span(ABUJA, ABUJA))],
    )
    d = Analysis(
        article=meta("lagos-later", "Daily Wire Service", "2024-06-26", LATER),
        entities=[entity(LATER, "E1", "Lagos", "GPE", "NGA")],
        events=[Event(type="ASSAULT", source=Actor(text="Police"), target=Actor(text="protesters"),
                      location=Location(name="Lagos", country="NGA", text="Lagos"), date="2024-06-26",
                      fatalities=figure(LATER, "3", 3), evidence=span(LATER, LATER))],
    )
    return [a, b, c, d]


US_1 = (
    "The US sanctioned the Drug Enforcement Administration (DEA) informant network, said Joe Biden. "
    "Biden spoke in Washington."
)
US_2 = "U.S. officials said the DEA had arrested Rafael Caro Quintero. Biden welcomed the arrest."
US_3 = "America and Mexico signed the accord; the United States will send agents, Mr. Biden said."


def actor_corpus() -> list[Analysis]:
    """Three articles that name the United States four ways, Joe Biden by full name and by surname, and
    the DEA by its name with the abbreviation stated, then by the abbreviation alone."""
    one = Analysis(
        article=meta("us-1", "Wire One", "2024-03-01", US_1),
        entities=[
            entity(US_1, "E1", "US", "GPE", "USA", "US", "Washington"),
            entity(US_1, "E2", "Drug Enforcement Administration", "ORG", None),
            entity(US_1, "E3", "Joe Biden", "PERSON", "USA", "Joe Biden", "Biden"),
        ],
    )
    one.entities[0].labels = [span(US_1, "The US")]
    two = Analysis(
        article=meta("us-2", "Paper Two", "2024-03-02", US_2),
        entities=[
            entity(US_2, "E1", "U.S.", "GPE", "USA"),
            entity(US_2, "E2", "DEA", "ORG", None),
            entity(US_2, "E3", "Rafael Caro Quintero", "PERSON", "MEX"),
            entity(US_2, "E4", "Biden", "PERSON", None),
        ],
    )
    three = Analysis(
        article=meta("us-3", "Paper Two", "2024-03-03", US_3),
        entities=[
            entity(US_3, "E1", "America", "GPE", "USA", "America", "the United States"),
            entity(US_3, "E2", "Mexico", "GPE", "MEX"),
            entity(US_3, "E3", "Biden", "PERSON", "USA"),
        ],
    )
    return [one, two, three]


SEARCH_A = (
    "The Indonesian Navy searched the Java Sea for the missing plane on Sunday.\n"
    "On Monday Basarnas searched the waters off Borneo again, officials said."
)
SEARCH_B = (
    '"We found debris near the island," said Bambang Soelistyo, as the Indonesian Navy searched the area.\n'
    "Basarnas searched the coast on Monday."
)


def search_corpus() -> list[Analysis]:
    """Two outlets on one search for a missing plane, each telling two days of it: the navy on the first day,
    the rescue agency Basarnas on the second; the second outlet's first sentence is a quote."""
    def search(text: str, line: int, who: str, day: str) -> Event:
        sentence = text.split("\n")[line]
        return Event(type="INVESTIGATE", source=Actor(text=who, entity="E1" if "Navy" in who else "E2"),
                     location=Location(name="Indonesia", country="IDN", text="Indonesia"), date=day,
                     evidence=span(text, sentence))

    a = Analysis(
        article=meta("search-a", "Island Wire", "2024-12-30", SEARCH_A),
        entities=[entity(SEARCH_A, "E1", "Indonesian Navy", "ORG", "IDN"), entity(SEARCH_A, "E2", "Basarnas", "ORG", "IDN")],
        events=[search(SEARCH_A, 0, "The Indonesian Navy", "2024-12-29"), search(SEARCH_A, 1, "Basarnas", "2024-12-30")],
    )
    b = Analysis(
        article=meta("search-b", "Harbour Times", "2024-12-31", SEARCH_B),
        entities=[entity(SEARCH_B, "E1", "Indonesian Navy", "ORG", "IDN"), entity(SEARCH_B, "E2", "Basarnas", "ORG", "IDN"),
                  entity(SEARCH_B, "E3", "Bambang Soelistyo", "PERSON", "IDN")],
        quotes=[Quote(kind="direct", content=span(SEARCH_B, "We found debris near the island,"),
                      cue=span(SEARCH_B, "said"), speaker=span(SEARCH_B, "Bambang Soelistyo"), speaker_entity="E3",
                      speaker_name="Bambang Soelistyo")],
        events=[search(SEARCH_B, 0, "the Indonesian Navy", "2024-12-29"), search(SEARCH_B, 1, "Basarnas", "2024-12-30")],
    )
    return [a, b]
