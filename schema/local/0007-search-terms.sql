-- 0007-search-terms.sql — a lighter search index: one prefix length, and the words it holds.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 7.
-- The search index of 0001 kept, beside every word, one prefix index per
-- length from 1 to 8: a save wrote each name's words up to nine times, and
-- every later merge of FTS5's segments copied them all again.  That was
-- about half the instructions of a save, merges counted
-- (docs/local-store.md).  The prefix indexes were there for the search
-- as one types: a prefix of a length without its own index makes FTS5
-- merge every matching doclist before it returns a row, where an index is
-- read lazily, newest first, and stops at the LIMIT.
--
-- Now only prefixes of one and two letters have an index: they match many
-- words each, and the first letters are what one types first.  A longer
-- prefix is asked as the OR of the whole words that start with it ("tha"
-- → "thach" OR "thai" OR …), which FTS5 reads lazily too, newest first
-- (core/ht-store-terms.c).  An index for two letters alone, with one
-- letter asked as an OR of its two-letter prefixes, wrote a little less
-- but made searches of a letter per word up to three times slower.  The words come from search_terms, which every
-- save that brings a new word adds it to.  Vietnamese names are made of a
-- few thousand syllables, so the table is small and its pages stay in
-- memory; it only grows (a word no record uses any more costs a look-up
-- that finds nothing, never a wrong result).
--
-- The index is rebuilt from its own stored text, which holds every
-- record's folded names (ht_store_check compares it with the records), so
-- every record stays searchable; search_terms is filled from the index's
-- own list of words, so it holds exactly the words FTS5 made.  Like 0006,
-- this may meet a register where it already ran, so every step works on
-- either shape.

DROP TABLE IF EXISTS search_rebuilt;
CREATE VIRTUAL TABLE search_rebuilt USING fts5 (
  names,
  kind,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
  prefix = '1 2',
  detail = column,
  columnsize = 0
);
-- A leaf of the index is one page of the file (see ht-store-files.c,
-- size_search_leaves): 46 bytes less than a page smaller than 4096 bytes.
INSERT INTO search_rebuilt (search_rebuilt, rank)
  SELECT 'pgsz', page_size - 46 FROM pragma_page_size WHERE page_size < 4096;
INSERT INTO search_rebuilt (rowid, names, kind) SELECT rowid, names, kind FROM search ORDER BY rowid;
INSERT INTO search_rebuilt (search_rebuilt) VALUES ('optimize');
DROP TABLE search;
ALTER TABLE search_rebuilt RENAME TO search;

-- Every word of the "names" column, once.  The kind column is matched
-- whole and never by prefix, so its words are not listed.
CREATE TABLE IF NOT EXISTS search_terms (
  term TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;
DROP TABLE IF EXISTS temp.search_vocabulary;
CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab (main, search, col);
INSERT OR IGNORE INTO search_terms (term)
  SELECT term FROM temp.search_vocabulary WHERE col = 'names';
DROP TABLE temp.search_vocabulary;
