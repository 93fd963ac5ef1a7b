"""Search over official documents, and the register books printed from them.

One search box finds documents by number, symbol, summary, sender and the
text inside their files, with or without Vietnamese diacritics (issue 11,
item 5). Each document kind has one `SearchEntry` row holding its searchable
text; `indexing.index()` writes it, so outgoing documents join the index by
calling that one function with their own `Indexed` value.

- PostgreSQL: full-text search with the `egov_search` configuration (the
  `simple` one with `unaccent` in front, created in migration 0001), a stored
  weighted tsvector and a GIN index on it.
- SQLite: an FTS5 table (also migration 0001), filled with text folded to
  plain letters in Python (`text.fold`), since FTS5's own diacritic removal
  leaves "đ" alone.

The text inside the files is read from the PDFs' text layer; scans without
one are OCRed by ocrmypdf in a background job (`tasks.py`), whose progress
the search results show. Access comes from the document office's own
selectors: a result list is a filter of what the user may already see.

`books.py` prints a body's incoming register (sổ đăng ký văn bản đến,
Decree 30/2020/NĐ-CP Appendix IV) for a period as PDF and XLSX.
"""
