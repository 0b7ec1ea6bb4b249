"""Tone towards each actor: the sentiment a sentence expresses towards a person or group it mentions."""
