"""Helpers of the framing component: technique names and descriptions, PTC/SemEval-2020 Task 11 file
formats and scoring, and the features and model behind span identification and technique labelling.

The span taggers the component offers are named here, where the pipeline and the command line read them
without loading a model."""

TAGGERS = ("crf", "minilm")  # the CRF alone, or the shared encoder's MiniLM span head averaged with it
DEFAULT_TAGGER = "minilm"  # the newsprism_framing component's default (`--fast` asks for "crf")
