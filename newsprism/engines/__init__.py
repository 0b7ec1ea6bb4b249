"""Running the pipeline over many articles: `local` (this machine's processes), `raydata` (Ray Data actors),
and `ingest`, which stores what either engine analyses, a batch per transaction."""
