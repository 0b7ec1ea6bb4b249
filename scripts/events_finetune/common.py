"""What both steps of the events fine-tuning experiment share: the annotated training sentences and their
classes (NONE and the PLOVER types), the wordpiece cut, the model (all-MiniLM-L6-v2, mean-pooled, one linear
layer over the classes), and the scoring of an annotated part by it and by the shipped encoder detector."""
import os

import numpy as np
import torch

from newsprism.encoder import base
from newsprism.encoder.export import base_encoder
from newsprism.events import annotation, data, evaluation

OUT = os.environ.get("EVENTS_FINETUNE_OUT", "/tmp/events_finetune")  # where the weights and figures go
MAXP = 80  # wordpieces of a sentence read


def training_sentences() -> tuple[list[tuple[str, str]], list[str]]:
    """(sentence text, label) of the annotation's train split, and the classes: NONE, then the types in order."""
    sents, labs = annotation.sentences(), annotation.labels()
    chosen = [s for s in labs if s in sents and sents[s].split == "train"]
    texts = {doc: annotation.document_text(doc) for doc in dict.fromkeys(sents[s].doc for s in chosen)}
    train = [(texts[sents[s].doc][sents[s].start:sents[s].end], labs[s].label) for s in chosen]
    return train, ["NONE"] + sorted({label for _, label in train} - {"NONE"})


def ids(text: str) -> list[int]:
    """The sentence's first MAXP wordpiece ids."""
    return base.tokenizer().encode(text).ids[:MAXP]


class Model(torch.nn.Module):
    """The packaged MiniLM (word embeddings frozen), its states averaged over the sentence, a linear layer."""

    def __init__(self, classes: int) -> None:
        super().__init__()
        self.enc = base_encoder()
        self.head = torch.nn.Linear(384, classes)

    def forward(self, i, m):
        h = self.enc(input_ids=i, attention_mask=m).last_hidden_state
        w = m.unsqueeze(-1).float()
        return self.head((h * w).sum(1) / w.sum(1))


def scored(role: str, model: Model, classes: list[str], shipped):
    """For the annotated sentences of `role`, in the order the shipped detector decides them: gold labels, the
    shipped detector's scores and types, the model's event scores (1 - P(NONE)) and best types."""
    units = [u for u in data.annotated_units(splits=data.SPLITS_OF_ROLE[role]) if u.role == role]
    decided = evaluation._decided(units, shipped)
    ordered = [u for group, _ in decided for u in group]
    probs = []
    model.eval()
    with torch.no_grad():
        for k in range(0, len(ordered), 64):
            i, m = base.pad([ids(u.sent.text) for u in ordered[k:k + 64]])
            probs.append(torch.softmax(model(torch.from_numpy(i), torch.from_numpy(m)), -1).numpy())
    p = np.concatenate(probs)
    return ([u.label for u in ordered], [s for _, d in decided for s, _ in d], [k or "NONE" for _, d in decided for _, k in d],
            list(1 - p[:, 0]), [classes[1 + j] for j in p[:, 1:].argmax(1)])


def best_threshold(scores: list[float], events: list[bool]) -> float:
    """The score threshold of the best detection F1."""
    return max(((2 * p * r / (p + r) if p + r else 0, th) for th, p, r in evaluation.curve(scores, events)))[1]
