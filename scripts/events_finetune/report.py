"""Step two of the experiment (`.venv/bin/python scripts/events_finetune/report.py` after train_and_tune.py):
the experiment's fine-tuned sentence model (evft.pt) on the report part, with the thresholds chosen on tune
(the best detection F1 of each scorer there, found again on the tune part); figures only."""
import json, sys
import os
OUT = os.environ.get("EVENTS_FINETUNE_OUT", "/tmp/events_finetune"); os.makedirs(OUT, exist_ok=True)
import numpy as np, torch
from sklearn.metrics import average_precision_score
sys.argv = [sys.argv[0], "0"]
from newsprism.events import annotation, data, evaluation, detector
from newsprism.encoder import base
exec(open("scripts/events_finetune/model_and_report.py").read())
