"""Who said what: the `newsprism_quotes` component (`component`), the CRF attribution tagger it reads
(`model`) and how that is trained (`training`), the PolNeAR reader (`polnear`) and the scores of quotes and
attributions on the shared data (`evaluation`, `attribution_evaluation`)."""
