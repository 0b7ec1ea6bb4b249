"""Cue words of each PLOVER event type, written from the PLOVER manual and the CAMEO-to-PLOVER mapping.

A cue is a lemma ("threaten") or a lemma pair joined by a space ("hunger strike", "open fire"). Which cue
governs a sentence is decided by its place in the parse: the cue nearest the root is the main event, a cue
under "will", "would", "vow" or "offer" is an intention (AGREE for cooperation, THREATEN for conflict).
`cue_features` turns that into sparse features for the classifiers in `classifier.py`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

PLOVER_TYPES = [
    "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE",
    "FIGHT", "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
]

CUES: dict[str, set[str]] = {
    "AGREE": {"agree", "agreement", "promise", "pledge", "offer", "commit", "commitment", "willing", "ready",
              "prepared", "accord", "deal", "treaty", "consent", "undertake", "ceasefire", "truce"},
    "CONSULT": {"meet", "meeting", "talk", "visit", "host", "discuss", "discussion", "negotiate",
                "negotiation", "consult", "consultation", "mediate", "mediation", "summit", "telephone",
                "phone", "confer", "envoy", "hold talk"},
    "SUPPORT": {"praise", "endorse", "defend", "support", "back", "commend", "welcome", "recognize",
                "recognise", "forgive", "applaud", "hail", "congratulate", "reaffirm", "solidarity",
                "establish tie", "diplomatic tie", "embassy", "partner", "sign agreement"},
    "CONCEDE": {"allow", "lift", "ease", "accept", "release", "shorten", "concede", "yield", "permit",
                "relax", "free", "pardon", "amnesty", "reform", "grant right", "apologize", "apologise",
                "compensate", "legalize"},
    "COOPERATE": {"share", "cooperate", "cooperation", "collaborate", "joint", "exercise", "war game",
                  "extradite", "coordinate", "ally", "alliance", "exchange intelligence", "trade"},
    "AID": {"aid", "give", "grant", "provide", "donate", "assistance", "asylum", "deliver", "supply",
            "send", "loan", "fund", "relief", "humanitarian", "food", "peacekeeping", "shelter", "refuge",
            "medical"},
    "RETREAT": {"withdraw", "withdrawal", "pull", "retreat", "surrender", "resign", "demobilize", "disarm",
                "evacuate", "open border", "open bridge", "lift blockade", "step down", "quit", "disband",
                "arrive", "leave", "reopen"},
    "INVESTIGATE": {"investigate", "investigation", "probe", "inquiry", "inquire", "hearing", "examine",
                    "inspect", "inspection", "look into", "audit", "commission", "question"},
    "DEMAND": {"demand", "urge", "call", "insist", "order", "ask", "request", "appeal", "seek", "press",
               "must", "require", "need", "plead"},
    "DISAPPROVE": {"accuse", "criticize", "criticise", "condemn", "denounce", "blame", "complain", "protest",
                   "charge", "sue", "allege", "decry", "deplore", "lodge protest", "summon", "slam",
                   "rebuke", "lawsuit", "accusation", "criticism", "collaborate", "object"},
    "REJECT": {"reject", "refuse", "decline", "dismiss", "deny", "veto", "renege", "fail", "oppose",
               "violate", "defy", "rebuff", "not accept", "turn down", "rule out",
               "refusal", "rejection", "resist", "disagree"},
    "THREATEN": {"threaten", "threat", "warn", "warning", "ultimatum", "vow", "swear", "unless", "boycott",
                 "menace", "intimidate", "claim manufacture"},
    "PROTEST": {"demonstrate", "demonstration", "demonstrator", "protest", "rally", "march", "strike",
                "hunger strike", "riot", "block", "blockade road", "sit", "picket", "protester", "marcher",
                "rioter", "stage", "blockade"},
    "MOBILIZE": {"mobilize", "mobilise", "deploy", "deployment", "alert", "patrol", "prepare", "mass",
                 "reinforce", "reservist", "build", "station", "dispatch", "sniper", "mobilization"},
    "SANCTION": {"sanction", "suspend", "expel", "embargo", "break", "cut", "prohibit", "ban", "halt",
                 "end mediation", "recall", "freeze", "sever", "suspension", "deny entry", "restrict"},
    "COERCE": {"arrest", "detain", "kidnap", "abduct", "curfew", "demolish", "destroy", "confiscate",
               "seize", "censor", "hack", "deport", "raid", "blow", "bulldoze", "hostage", "shield",
               "impose", "jail", "imprison", "force out", "crack", "crackdown", "evict", "hold", "shut"},
    "ASSAULT": {"attack", "kill", "bomb", "bombing", "assassinate", "torture", "beat", "massacre", "shoot",
                "wound", "suicide", "martyr", "injure", "stab", "execute", "murder", "slaughter", "lynch",
                "assault", "gun", "machete", "bomber", "behead", "tear gas", "live fire", "atrocity"},
    "FIGHT": {"fight", "fighting", "clash", "shell", "shelling", "invade", "invasion", "offensive",
              "battle", "retake", "airstrike", "bombard", "tank", "missile", "open fire", "fire", "helicopter",
              "artillery", "rocket", "capture", "war", "mortar", "overrun", "explosion", "minefield"},
}

# Cue words of the CASE 2021 / ACLED-style types, matched on lemmas anywhere in a snippet.
ACLED_CUES: dict[str, set[str]] = {
    "AIR_STRIKE": {"airstrike", "air", "warplane", "jet", "drone", "aircraft", "helicopter", "raid", "aerial"},
    "ART_MISS_ATTACK": {"shell", "shelling", "artillery", "mortar", "rocket", "missile", "projectile", "howitzer"},
    "CHEM_WEAP": {"chemical", "gas", "chlorine", "sarin", "mustard", "toxic", "nerve", "poison"},
    "SUIC_BOMB": {"suicide", "bomber", "self", "vest"},
    "GRENADE": {"grenade", "hurl", "lob", "throw"},
    "REM_EXPLOS": {"ied", "landmine", "mine", "roadside", "device", "improvised", "explosive", "detonate"},
    "DISR_WEAP": {"seize", "defuse", "cache", "weapon", "ammunition", "confiscate", "dismantle", "recover"},
    "SEX_VIOL": {"rape", "sexual", "sexually", "assault", "molest", "gang"},
    "ARREST": {"arrest", "detain", "custody", "apprehend", "nab", "held"},
    "ABDUCT_DISSAP": {"abduct", "kidnap", "disappear", "hostage", "missing"},
    "PEACE_PROTEST": {"protest", "rally", "march", "demonstrate", "peaceful", "sit", "strike", "picket"},
    "VIOL_DEMONSTR": {"riot", "torch", "stone", "vandalize", "burn", "clash", "loot", "violent"},
    "PROTEST_WITH_INTER": {"disperse", "tear", "baton", "water", "cannon", "intervene"},
    "FORCE_AGAINST_PROTEST": {"fire", "shoot", "crackdown", "kill", "protester", "demonstrator"},
    "MOB_VIOL": {"mob", "lynch", "vigilante", "crowd", "beat", "villager"},
    "ARMED_CLASH": {"clash", "fight", "gunfight", "battle", "exchange", "firefight", "engage"},
    "ATTACK": {"attack", "gunman", "ambush", "storm", "shoot", "kill"},
    "GOV_REGAINS_TERIT": {"recapture", "retake", "regain", "liberate", "reclaim", "army"},
    "NON_STATE_ACTOR_OVERTAKES_TER": {"capture", "seize", "overrun", "control", "militant", "rebel"},
    "NON_VIOL_TERRIT_TRANSFER": {"handover", "withdraw", "transfer", "hand", "cede", "evacuate"},
    "HQ_ESTABLISHED": {"headquarters", "base", "establish", "set", "office", "camp"},
    "CHANGE_TO_GROUP_ACT": {"curfew", "restriction", "lockdown", "relocate", "recruit", "ban", "announce"},
    "AGREEMENT": {"agreement", "agree", "ceasefire", "truce", "deal", "sign", "accord", "peace"},
    "PROPERTY_DISTRUCT": {"destroy", "demolish", "burn", "torch", "damage", "vandalize", "arson"},
    "ORG_CRIME": {"drug", "cartel", "smuggle", "traffick", "gang", "cocaine", "heroin", "mafia", "launder"},
    "NATURAL_DISASTER": {"earthquake", "flood", "storm", "cyclone", "hurricane", "landslide", "drought",
                         "typhoon", "tsunami", "quake", "rain", "wildfire", "volcano"},
    "MAN_MADE_DISASTER": {"fire", "collapse", "crash", "accident", "derail", "leak", "spill", "blaze", "blast"},
    "DIPLO": {"diplomat", "ambassador", "embassy", "minister", "talk", "visit", "summit", "meet", "sanction"},
    "ATTRIB": {"claim", "responsibility", "blame", "attribute", "behind", "accuse"},
}

# Verbs that pass their event to their object: "imposed sanctions" is SANCTION, "staged a protest" PROTEST.
LIGHT_VERBS = {"impose", "launch", "stage", "hold", "take", "reaffirm", "express", "issue", "lodge", "make",
               "announce", "begin", "start", "continue", "conduct", "carry", "mount", "open"}

# Cues that turn a conflict cue into a stated intention, and the types that count as cooperation.
INTENT_WORDS = {"will", "would", "vow", "offer", "willing", "ready", "prepared", "plan", "intend", "promise",
                "pledge", "'ll", "shall", "going", "threaten"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
CONFLICTUAL = {"PROTEST", "SANCTION", "COERCE", "ASSAULT", "FIGHT", "MOBILIZE", "REJECT"}

_SINGLE: dict[str, set[str]] = {}
_PAIRS: dict[tuple[str, str], set[str]] = {}
for _type, _words in CUES.items():
    for _w in _words:
        _parts = _w.split()
        if len(_parts) == 1:
            _SINGLE.setdefault(_w, set()).add(_type)
        else:
            _PAIRS.setdefault((_parts[0], _parts[1]), set()).add(_type)


def word_types(word: str) -> set[str]:
    """PLOVER types a single word names, plural "s" allowed: "demonstrations" -> {'PROTEST'}."""
    word = word.lower()
    return set(_SINGLE.get(word, ())) | set(_SINGLE.get(word[:-1], ()) if word.endswith("s") else ())


def depth(tok: Token) -> int:
    """Number of arcs from `tok` up to its sentence's root."""
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def is_negated(tok: Token) -> bool:
    """True where the cue word is negated ("did not accept")."""
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children
                                                               if tok.dep_ in ("xcomp", "acomp"))


def has_intent(tok: Token) -> bool:
    """True where `tok` is stated as an intention: "will boycott", "vowed to fight", "ready to meet"."""
    if any(c.lower_ in INTENT_WORDS for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return True
    return tok.dep_ in ("xcomp", "acomp") and tok.head.lemma_.lower() in INTENT_WORDS


def token_cues(tok: Token) -> set[str]:
    """The PLOVER types that `tok` is a cue of, alone or with its next word or a child ("open fire")."""
    lemma = tok.lemma_.lower()
    types = set(_SINGLE.get(lemma, ()))
    partners = [c.lemma_.lower() for c in tok.children]
    if tok.i + 1 < len(tok.doc):
        partners.append(tok.doc[tok.i + 1].lemma_.lower())
    for p in partners:
        types |= _PAIRS.get((lemma, p), set())
    return types


def sentence_cues(sent: Span) -> list[tuple[Token, str, int, bool]]:
    """Every (token, type, depth, intention) cue in `sent`, nearest the root first."""
    out = []
    for tok in sent:
        if tok.is_stop and tok.lemma_.lower() not in _SINGLE or tok.pos_ in ("PROPN", "NUM", "PUNCT"):
            continue
        for t in token_cues(tok):
            out.append((tok, t, depth(tok), has_intent(tok)))
    out.sort(key=lambda c: (c[2], c[0].i))
    if out and out[0][0].lemma_.lower() in LIGHT_VERBS:
        light = out[0][0]
        carried = [(tok, t, out[0][2], intent or has_intent(light)) for tok, t, d, intent in out
                   if tok.dep_ == "dobj" and tok.head.i == light.i]
        if carried:
            out = carried + [c for c in out if c[0].i != light.i and c not in carried]
    return out


def resolve(cue_type: str, intent: bool, negated: bool) -> str:
    """The type a cue stands for once intention and negation are read: "will boycott" is THREATEN."""
    if negated and cue_type in ("AGREE", "CONCEDE", "SUPPORT", "COOPERATE", "AID"):
        return "REJECT"
    if intent and cue_type in CONFLICTUAL - {"REJECT"}:
        return "THREATEN"
    if intent and cue_type in COOPERATIVE - {"AGREE", "CONSULT"}:
        return "AGREE"
    return cue_type


def acled_features(lemmas: list[str]) -> dict[str, float]:
    """Sparse features for a snippet: how many cue words of each ACLED-style type its lemmas hold."""
    feats: dict[str, float] = {}
    for lemma in set(lemmas):
        for t, words in ACLED_CUES.items():
            if lemma in words:
                feats[f"acled={t}"] = feats.get(f"acled={t}", 0.0) + 1.0
    return feats


def cue_features(sent: Span) -> dict[str, float]:
    """Sparse features for a sentence: each cue type, weighted by nearness to the root, and the top cue."""
    feats: dict[str, float] = {}
    cues = sentence_cues(sent)
    for tok, t, d, intent in cues:
        r = resolve(t, intent, is_negated(tok))
        key = f"cue={r}"
        feats[key] = max(feats.get(key, 0.0), 1.0 / (1 + d))
        if tok.pos_ == "VERB":
            feats[f"vcue={r}"] = max(feats.get(f"vcue={r}", 0.0), 1.0 / (1 + d))
    if cues:
        dmin = cues[0][2]
        for tok, t, d, intent in cues:
            if d == dmin:
                feats[f"top={resolve(t, intent, is_negated(tok))}"] = 1.0
    return feats


# PLOVER modes named by a cue word (the GSR's mode names), for the types that have modes.
MODES = {
    "march": "demo", "demonstrate": "demo", "demonstration": "demo", "rally": "demo", "protest": "demo",
    "strike": "strike", "riot": "riot", "block": "obstruct", "blockade": "obstruct", "sit": "obstruct",
    "arrest": "arrest", "detain": "detain", "kidnap": "detain", "abduct": "detain", "hostage": "detain",
    "curfew": "curfew", "demolish": "destroy", "destroy": "destroy", "bulldoze": "destroy", "blow": "destroy",
    "censor": "censor", "confiscate": "confiscate", "seize": "confiscate", "deport": "deport",
    "bomb": "explosives", "bombing": "explosives", "suicide": "suicide-attack", "beat": "beat",
    "torture": "torture", "assassinate": "assassinate", "shoot": "firearms", "fire": "firearms",
    "martyr": "firearms", "shell": "heavy-weapons", "shelling": "heavy-weapons", "tank": "heavy-weapons",
    "artillery": "heavy-weapons", "airstrike": "aerial", "machete": "primitive", "deploy": "troops",
    "mobilize": "troops", "patrol": "police", "visit": "visit", "host": "host", "phone": "phone",
    "telephone": "phone", "mediate": "third-party", "threaten": None,
}
