"""`newsprism watch`: feeds fetched on a schedule, their new items analysed and stored, politely and unattended.

`feeds` reads the list of feeds (a text file or OPML), `fetch` asks the web for feeds, pages and robots.txt
(conditional requests, a delay per host, backoff, timeouts, size limits), `rounds` runs one round over every
feed; the state that makes it resumable is kept in the database (`newsprism.store.watch_state`).
"""
