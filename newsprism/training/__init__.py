"""Training code for newsprism's learnt models; each module trains one model and evaluates it."""
