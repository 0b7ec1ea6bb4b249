"""Events in news text, one concept per module: `cues` (PLOVER and ACLED-style cue words), `classifier`
(event types of sentences and snippets), `counts` (figures and what they count), `dates` (dates resolved
against the article's date), `places` (offline gazetteer), `conflicts` (figures that disagree),
`evaluation` (scores on the shared dev halves). The spaCy component is `component`; `training` fits its models.

The event detectors the component offers are named here, where the pipeline and the command line read them
without loading a model.
"""

DETECTORS = ("linear", "encoder")  # sentence features (`detector`), or heads over the shared encoder (`encoded`)
