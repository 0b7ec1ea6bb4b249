"""The command line: its commands and the one mapping from errors to exit codes (`cli`), and what it shows
and measures: an analysis as a table (`render`), the corpus view's stories and actors as tables
(`render_corpus`), input text made safe to print (`terminal`, also used by the web server's log lines) and
the speed and memory benchmark (`bench`, `make bench`)."""
