"""The encoder's reading of attribution roles: P(B-/I- Source, Cue, Content or O) for each token, from the
shared encoder's pass over the article (`newsprism.encoder`, the MiniLM the framing, tone and events heads read),
for the attribution tagger to stack.

The CRF sees a token, its neighbours two either side and its parse; the encoder's states have read the whole
window of lines around it. A small head reads each token's state (the mean of its wordpieces' last-layer states,
`newsprism.encoder.run.token_states`) in order: a projection, then a bidirectional GRU over runs of CHUNK tokens,
so that a token's reading knows where the attribution around it began and ends (a content clause, its cue, its
source), then a softmax over LABELS; the tagger takes the probabilities as features
(`newsprism.quotes.model.features`). It replaced a logistic regression over each token's state alone, which
knew nothing of the tokens around it: the tagger's figures in the record `attribution-encoder.json` rose with it
(its history holds the previous record).
In training the head's outputs on the articles the CRF is fitted on come from heads fitted on the other folds
(`cross_fit`), so the CRF learns how far to trust the head on articles it did not see. At run time it reads the
pass the pipeline already made (`doc._.encoding`): never a second one. PyTorch fits it; numpy runs it.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from newsprism import limits

LABELS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content")
HIDDEN = 96  # the GRU's state in each direction (the projection is twice that)
CHUNK = 256  # tokens the GRU reads at a time, in training and at run time alike
BLOCK = 8 * CHUNK  # tokens read as one batch of runs at run time (a long text's memory: that of one block)
EPOCHS = 4  # passes over the training chunks (dev token accuracy was flat from the fourth on)
BATCH = 16  # chunks per step
LEARNING_RATE = 2e-3
DROPOUT = 0.2
FOLDS = 5  # cross-fitting folds of the articles the CRF is fitted on
# The arrays a head is saved as, besides its labels: standardisation, projection, each direction's GRU, output.
WEIGHTS = ("mean", "scale", "w_in", "b_in", "w_ih", "w_hh", "b_ih", "b_hh", "w_ih_r", "w_hh_r", "b_ih_r", "b_hh_r",
           "w_out", "b_out")


def _bigru(fwd_in: np.ndarray, bwd_in: np.ndarray, w: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The states (batch, steps, hidden) of the forward GRU over `fwd_in` and of the backward one over `bwd_in`
    (each (batch, steps, in), already in its reading order), PyTorch's gate order r, z, n: both directions are
    stepped together, one matrix product per step (their recurrent weights as one block-diagonal matrix)."""
    n, batch = w["w_hh"].shape[1], fwd_in.shape[0]
    gates_in = np.stack([fwd_in @ w["w_ih"].T + w["b_ih"], bwd_in @ w["w_ih_r"].T + w["b_ih_r"]], axis=2)
    gates_in = np.ascontiguousarray(gates_in.transpose(1, 0, 2, 3))  # (steps, batch, 2, 3n)
    w_hh = np.zeros((2 * n, 6 * n), dtype=np.float32)
    w_hh[:n, :3 * n], w_hh[n:, 3 * n:] = w["w_hh"].T, w["w_hh_r"].T
    b_hh = np.stack([w["b_hh"], w["b_hh_r"]])
    h = np.zeros((batch, 2, n), dtype=np.float32)
    out = np.empty((fwd_in.shape[1], batch, 2, n), dtype=np.float32)
    for t in range(fwd_in.shape[1]):
        gi, gh = gates_in[t], (h.reshape(batch, 2 * n) @ w_hh).reshape(batch, 2, 3 * n) + b_hh
        rz = 1.0 / (1.0 + np.exp(-(gi[..., :2 * n] + gh[..., :2 * n])))
        z = rz[..., n:]
        h = (1 - z) * np.tanh(gi[..., 2 * n:] + rz[..., :n] * gh[..., 2 * n:]) + z * h
        out[t] = h
    return out[:, :, 0].transpose(1, 0, 2), out[:, :, 1].transpose(1, 0, 2)


def _stored(name: str, values: np.ndarray) -> np.ndarray:
    """How a head's array is kept in its file: weight matrices in float16 (a third of the file), the rest float32."""
    return np.asarray(values).astype(np.float16 if name.startswith("w_") else np.float32)


class RoleHead:
    """What `fit` learnt, in numpy: standardise each token's state, project it (ReLU), run the bidirectional
    GRU over runs of CHUNK tokens, and a softmax over LABELS of the projection and both GRU states."""

    def __init__(self, **weights: np.ndarray) -> None:
        missing = set(WEIGHTS) - set(weights)
        if missing:
            raise ValueError(f"a role head needs {sorted(missing)}")
        self.w = {k: np.asarray(weights[k], dtype=np.float32) for k in WEIGHTS}

    def probs(self, states: np.ndarray) -> np.ndarray:
        """(tokens, len(LABELS)) probabilities for (tokens, dim) states, read BLOCK tokens at a time (a long text's
        memory stays that of one block)."""
        parts = [self._block(states[i:i + BLOCK]) for i in range(0, len(states), BLOCK)]
        return np.concatenate(parts) if parts else np.zeros((0, len(LABELS)), dtype=np.float32)

    def _block(self, states: np.ndarray) -> np.ndarray:
        """`probs` of at most BLOCK tokens. Their runs of CHUNK tokens are read as one batch, the last and
        shorter one padded after its end in each direction's reading order, so that the padding comes after
        every token it could change."""
        w = self.w
        a = np.maximum(((states.astype(np.float32) - w["mean"]) / w["scale"]) @ w["w_in"].T + w["b_in"], 0.0)
        runs, steps = -(-len(a) // CHUNK), min(CHUNK, len(a))
        fwd_in = np.zeros((runs, steps, a.shape[1]), dtype=np.float32)
        bwd_in = np.zeros_like(fwd_in)
        lengths = []
        for k in range(runs):
            run = a[k * CHUNK:(k + 1) * CHUNK]
            fwd_in[k, :len(run)], bwd_in[k, :len(run)] = run, run[::-1]
            lengths.append(len(run))
        fwd, bwd = _bigru(fwd_in, bwd_in, w)
        feats = np.concatenate([np.concatenate([fwd_in[k, :m], fwd[k, :m], bwd[k, :m][::-1]], axis=1)
                                for k, m in enumerate(lengths)])
        z = feats @ w["w_out"].T + w["b_out"]
        z -= z.max(1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez(path, labels=np.array(LABELS), **{k: _stored(k, v) for k, v in self.w.items()})

    @classmethod
    def from_torch(cls, mean: np.ndarray, scale: np.ndarray, proj, gru, out) -> "RoleHead":
        """The head of PyTorch's projection (`Linear`), bidirectional `GRU` and output `Linear`, its weight
        matrices rounded as `save` keeps them, so that the head fitted is the head shipped."""
        t = {k: v.detach().numpy() for k, v in gru.state_dict().items()}
        weights = {"mean": mean, "scale": scale, "w_in": proj.weight.detach().numpy(), "b_in": proj.bias.detach().numpy(),
                   "w_out": out.weight.detach().numpy(), "b_out": out.bias.detach().numpy()}
        for side, suffix in (("", ""), ("_r", "_reverse")):
            weights.update({f"w_ih{side}": t[f"weight_ih_l0{suffix}"], f"w_hh{side}": t[f"weight_hh_l0{suffix}"],
                            f"b_ih{side}": t[f"bias_ih_l0{suffix}"], f"b_hh{side}": t[f"bias_hh_l0{suffix}"]})
        return cls(**{k: _stored(k, v).astype(np.float32) for k, v in weights.items()})

    @classmethod
    def load(cls, path: Path) -> "RoleHead":
        with np.load(path) as f:
            if tuple(f["labels"].tolist()) != LABELS:
                raise ValueError(f"{path} was trained for labels {f['labels'].tolist()}, not {list(LABELS)}")
            if "w_ih" not in f:
                raise ValueError(f"{path} is not a GRU role head (retrain: newsprism train attribution --encoder)")
            return cls(**{k: f[k] for k in WEIGHTS})


def doc_states(doc: Doc, encoding) -> np.ndarray:
    """(tokens, 384) float32: each token's state from the encoder's pass `encoding` over `doc`'s text."""
    from newsprism.encoder.run import token_states

    starts = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    ends = np.fromiter((t.idx + len(t.text) for t in doc), dtype=np.int64, count=len(doc))
    return token_states(encoding, starts, ends)


def doc_probs(doc: Doc, head: RoleHead) -> np.ndarray:
    """The head's role probabilities for each token of `doc`, from the Doc's one encoder pass
    (`doc._.encoding`, made here where no other head made it yet) and its token states, which the framing span
    head reads too (`newsprism.encoder.doc.token_states_of`)."""
    from newsprism.encoder.doc import token_states_of
    from newsprism.encoder.run import shared_encoder

    return head.probs(token_states_of(doc, shared_encoder()))


def fit(states: list[np.ndarray], tags: list[list[str]], seed: int = 0, epochs: int = EPOCHS) -> RoleHead:
    """A head fitted on the tokens of some articles (`states` and BIO `tags` per article), cut into runs of
    CHUNK tokens, `epochs` passes in a seeded order (PyTorch, one thread: the same seed gives the same head).
    A label no token has is never given. The weights are rounded to float16 as `save` keeps them, so the head
    fitted is the head shipped."""
    import torch

    torch.manual_seed(seed)
    x_all = np.concatenate(states).astype(np.float32)
    mean, scale = x_all.mean(0), x_all.std(0) + 1e-6
    del x_all
    runs = []
    for st, tg in zip(states, tags):
        y = np.array([LABELS.index(t) for t in tg])
        for i in range(0, len(st), CHUNK):
            runs.append((((st[i:i + CHUNK] - mean) / scale).astype(np.float32), y[i:i + CHUNK]))
    proj = torch.nn.Linear(states[0].shape[1], 2 * HIDDEN)
    gru = torch.nn.GRU(2 * HIDDEN, HIDDEN, batch_first=True, bidirectional=True)
    out = torch.nn.Linear(4 * HIDDEN, len(LABELS))
    order = random.Random(seed)
    with limits.torch_threads(1):
        _train(runs, epochs, order, proj, gru, out)
    head = RoleHead.from_torch(mean, scale, proj, gru, out)
    unseen = sorted(set(range(len(LABELS))) - {int(y) for _, ys in runs for y in ys})
    head.w["w_out"][unseen], head.w["b_out"][unseen] = 0.0, -30.0
    return head


def _train(runs: list[tuple[np.ndarray, np.ndarray]], epochs: int, order: random.Random, proj, gru, out) -> None:
    """`epochs` passes of Adam over the (states, label ids) runs, shuffled by `order`, BATCH runs a step (each
    padded to the longest, the GRU reading each run's own length only), dropout on the projection and the GRU's
    output."""
    import torch

    dim = proj.in_features
    drop = torch.nn.Dropout(DROPOUT)
    opt = torch.optim.Adam([*proj.parameters(), *gru.parameters(), *out.parameters()], lr=LEARNING_RATE)
    for _ in range(epochs):
        order.shuffle(runs)
        for b in range(0, len(runs), BATCH):
            batch = runs[b:b + BATCH]
            lengths = [len(xs) for xs, _ in batch]
            xb = torch.zeros(len(batch), max(lengths), dim)
            yb = torch.full((len(batch), max(lengths)), -100, dtype=torch.long)
            for j, (xs, ys) in enumerate(batch):
                xb[j, :len(xs)], yb[j, :len(ys)] = torch.from_numpy(xs), torch.from_numpy(ys)
            a = drop(torch.relu(proj(xb)))
            packed = torch.nn.utils.rnn.pack_padded_sequence(a, lengths, batch_first=True, enforce_sorted=False)
            g, _ = gru(packed)
            g, _ = torch.nn.utils.rnn.pad_packed_sequence(g, batch_first=True, total_length=max(lengths))
            z = out(drop(torch.cat([a, g], -1)))
            loss = torch.nn.functional.cross_entropy(z.reshape(-1, len(LABELS)), yb.reshape(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            opt.step()


def cross_fit(states: list[np.ndarray], tags: list[list[str]], seed: int = 0,
              folds: int = FOLDS, epochs: int = EPOCHS) -> list[np.ndarray]:
    """Out-of-fold role probabilities for each article: the articles are dealt into `folds` seeded folds, and
    each fold's probabilities come from a head fitted on the other folds."""
    if len(states) < 2:
        raise ValueError("cross-fitting the encoder head needs at least two articles")
    folds = min(folds, len(states))
    order = list(range(len(states)))
    random.Random(seed).shuffle(order)
    out: list[np.ndarray] = [np.zeros((0, len(LABELS)))] * len(states)
    for k in range(folds):
        held = order[k::folds]
        rest = sorted(set(order) - set(held))
        head = fit([states[i] for i in rest], [tags[i] for i in rest], seed, epochs)
        for i in held:
            out[i] = head.probs(states[i])
    return out
