-- 0004-push-indexes.sql — fewer and cheaper index insertions per pushed record (issue 3).
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Inserting a record's five or so keys was a fifth of PostgreSQL's time in
-- a push, nearly all of it descending the b-tree of their hashes: the
-- hashes are random, so every insertion lands on another leaf.  Nothing
-- here changes what is stored or how it is answered.

-- Keys are only ever matched exactly (HS_KEYS_MATCH in server/hs-keys.h:
-- the hash through the index, then the text), so a hash index does: an
-- insertion goes straight to its bucket instead of down a tree, about a
-- third cheaper measured on half a million keys, and a look-up is one
-- bucket read.  The records of a key are still taken in id order (the
-- look-ups sort the few rows they find).  Hash indexes are WAL-logged and
-- crash-safe since PostgreSQL 10.
DROP INDEX IF EXISTS record_keys_hash;
CREATE INDEX record_keys_hash ON record_keys USING hash (key_hash);

-- A commune's device pulls, of its office's rows, only those that are
-- not a plain record: PINs, review decisions, number blocks, and records
-- that carry a PIN issued with them (server/hs-pull.c, which repeats this
-- condition so that the planner matches the index).  Records of every
-- other kind, and births that got no PIN, no longer cost an entry here.
DROP INDEX IF EXISTS change_log_office;
CREATE INDEX change_log_office ON change_log (office, server_seq)
  WHERE op <> 'record' OR pin IS NOT NULL;
