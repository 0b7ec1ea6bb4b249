"""Helpers of the framing component: technique names and descriptions, PTC/SemEval-2020 Task 11 file
formats and scoring, and the features and model behind span identification and technique labelling."""
