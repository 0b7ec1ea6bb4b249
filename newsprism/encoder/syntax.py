"""How far each wordpiece lies from the mention in spaCy's dependency tree: what the tone head reads beside
the wordpieces' distance in text (`newsprism.tone.model`).

Whose sentiment a word carries follows the parse more than the word order: in "Critics of the senator praised
the mayor", "praised" stands next to "senator" but three arcs from it, and one from "mayor". Each wordpiece
is given the tree distance (arcs, either way) from the nearest token of the mention to the token its first
character lies in, cut at FAR; OTHER where there is no such token or it is in another tree (spaCy split the
line into two sentences).
The same spaCy model parses NewsMTSC's sentences for training and `newsprism tone classify` (`parse_lines`)
and the articles the pipeline analyses (the tone component passes its `Doc`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
from spacy.attrs import HEAD, IDX, LENGTH
from spacy.tokens import Doc

FAR = 6  # tree distances of FAR arcs or more share one embedding
OTHER = FAR + 1  # a wordpiece in no token, or in a token of another tree than the mention's
BUCKETS = OTHER + 1


@dataclass
class Tree:
    """A parsed text's tokens as arrays: character starts and ends, the root of each token's tree, and each
    token's neighbours in the dependency tree (its head and its children)."""

    starts: np.ndarray
    ends: np.ndarray
    roots: np.ndarray
    neighbours: list[list[int]]

    @classmethod
    def of(cls, doc: Doc) -> "Tree":
        """The tree of a parsed `Doc` (one per doc: the arrays serve all its mentions)."""
        idx, length, head = doc.to_array([IDX, LENGTH, HEAD]).astype(np.int64).T  # HEAD: the head's offset
        heads = np.arange(len(doc)) + head
        neighbours: list[list[int]] = [[] for _ in range(len(doc))]
        for i, h in enumerate(heads.tolist()):
            if h != i:
                neighbours[i].append(h)
                neighbours[h].append(i)
        roots = heads
        while len(roots) and not np.array_equal(roots[roots], roots):  # each step halves the way up
            roots = roots[roots]
        return cls(idx, idx + length, roots, neighbours)

    def mention_tokens(self, mention: tuple[int, int]) -> range:
        """The tokens overlapping the character span `mention`."""
        return range(int(np.searchsorted(self.ends, mention[0], side="right")),
                     int(np.searchsorted(self.starts, mention[1], side="left")))

    def distances(self, mention: tuple[int, int]) -> dict[int, int]:
        """Token -> arcs from the nearest token overlapping the character span `mention`, for the tokens up
        to FAR arcs away (breadth first)."""
        found = {i: 0 for i in self.mention_tokens(mention)}
        queue = deque(found)
        while queue:
            i = queue.popleft()
            if found[i] == FAR:
                continue
            for j in self.neighbours[i]:
                if j not in found:
                    found[j] = found[i] + 1
                    queue.append(j)
        return found

    def piece_distances(self, offsets: np.ndarray, mention: tuple[int, int]) -> np.ndarray:
        """The bucket (0..OTHER) of each wordpiece (character offsets (n, 2)) for the mention: FAR for the
        tokens of the mention's trees not reached in FAR arcs."""
        found = self.distances(mention)
        token = np.searchsorted(self.starts, offsets[:, 0], side="right") - 1
        safe = np.maximum(token, 0)
        inside = (token >= 0) & (offsets[:, 0] < self.ends[safe])
        tokens = self.mention_tokens(mention)
        same_tree = (self.roots[safe][:, None] == self.roots[tokens.start : tokens.stop][None, :]).any(1)
        arcs = np.array([found.get(i, FAR) for i in safe.tolist()], np.int64)
        return np.where(inside & same_tree, arcs, OTHER)


def parse_lines(sentences: list[str]) -> dict[str, Tree]:
    """The tree of each distinct sentence, each parsed alone by spaCy's model (as `newsprism.parse` names it;
    its named entities are not needed)."""
    from newsprism.parse import load_parser

    nlp = load_parser(exclude=["ner"])
    distinct = list(dict.fromkeys(sentences))
    return {s: Tree.of(doc) for s, doc in zip(distinct, nlp.pipe(distinct, batch_size=64))}
