-- 0002-name-keys.sql — person names as plain index keys, for fast name search.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 2.
-- For every person name in a record this holds the folded full name
-- ("nguyen van an"), "surname given" ("nguyen an") and the given name alone
-- ("an"), words of letters and digits joined by one space.  A search that is
-- one of these, or the start of one being typed, is then a range scan of a
-- b-tree whose cost follows the number of hits, where FTS5 had to walk the
-- whole intersection of several common prefix terms to find a few.
--
-- The folding is done in C (ht_fold), which SQL cannot do, so HtStore fills
-- the table from the existing records right after this file runs, inside
-- the same transaction.

-- Like record_keys, without a foreign key or an index by rid: saving a new
-- version of a record removes the keys of the old one by their text.
CREATE TABLE name_keys (
  key TEXT NOT NULL,
  rid INTEGER NOT NULL,
  PRIMARY KEY (key, rid)
) WITHOUT ROWID;
