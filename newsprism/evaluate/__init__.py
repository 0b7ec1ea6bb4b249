"""`newsprism eval`: run the analysis over a research corpus and score it with the shared scorers."""
