-- 0008-sync-by-rid.sql — what sync knows of a record, in one table keyed by the record's rid.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 8.
-- sync_state (0001) and sync_records (0004) were keyed by the record's id,
-- a random UUID: recording the server's answers for a batch of 1000
-- changes wrote 1000 rows at random places of two b-trees and of the
-- index on the state, about 3000 pages for one commit (and again for the
-- checkpoint that copies them).  Keyed by rid, the records table's rowid,
-- the rows of a batch follow each other, since records get increasing
-- rids and the outbox is sent in its order: a batch's answers then
-- change a few dozen pages.  The two tables become one, so an answer is
-- one row written, not two.
--
-- sync_state: one row for every record the server has said something of.
--   state          'sent' (the server has the current version),
--                  'needs_attention' (it refused the last change: message,
--                  code, issues and change_id say why), or NULL when there
--                  is nothing to say beyond the version below: a change of
--                  the record waits in the outbox, which is what "pending"
--                  means (an outbox row implies it; it is not stored).
--   server_version the record's content_version on the server, as the last
--                  answer about it said (core/ht-store-sync.h says why it
--                  differs from the local one); 0 when unknown.
-- It has no foreign key: a record is never removed, and the check of a
-- key costs a look-up for every answer recorded.
--
-- Like 0006, this may meet a register where it already ran (a version set
-- back to re-run the migrations: 0004 then re-creates an empty
-- sync_records and an index on sync_state), so every statement works on
-- either shape.  The copy below does it with NATURAL joins, which join on
-- whatever columns the two sides share: the old sync_state shares
-- "record_id" with the (record_id, rid) pairs of the records, the new one
-- shares "rid"; either way each row comes out with its rid, and the old
-- shape's versions come from sync_records, the new shape's from its own
-- columns (the left side of a NATURAL LEFT JOIN gives the shared ones).

CREATE TABLE IF NOT EXISTS sync_records (
  record_id      TEXT PRIMARY KEY NOT NULL,
  server_version INTEGER NOT NULL DEFAULT 0,
  code           TEXT,
  issues         TEXT,
  change_id      TEXT
) WITHOUT ROWID;

ALTER TABLE sync_state RENAME TO sync_state_before;

CREATE TABLE sync_state (
  rid            INTEGER PRIMARY KEY,
  state          TEXT CHECK (state IS NULL OR state = 'pending' OR state = 'sent' OR state = 'needs_attention'),
  message        TEXT,
  updated_at     TEXT,
  server_version INTEGER NOT NULL DEFAULT 0 CHECK (server_version >= 0),
  code           TEXT,
  issues         TEXT,
  change_id      TEXT
);

INSERT INTO sync_state (rid, state, message, updated_at, server_version, code, issues, change_id)
  SELECT rid, state, message, updated_at, IFNULL (server_version, 0), code, issues, change_id
  FROM sync_state_before
  NATURAL JOIN (SELECT id AS record_id, rid FROM records)
  NATURAL LEFT JOIN sync_records
  ORDER BY rid;

-- Records the server acknowledged whose state said nothing (a newer
-- change waits, or a reviewer's record pulled from the server).
INSERT INTO sync_state (rid, server_version, code, issues, change_id)
  SELECT r.rid, x.server_version, x.code, x.issues, x.change_id
  FROM sync_records x JOIN records r ON r.id = x.record_id
  WHERE true
  ORDER BY r.rid
  ON CONFLICT (rid) DO NOTHING;

DROP TABLE sync_state_before;
DROP TABLE sync_records;

-- "Records needing attention" is a list the app and hotich-sync show, and
-- a count in the status: the few refused records among many sent ones,
-- which are never looked up by state (a partial index costs the answers
-- that say "sent" nothing).
CREATE INDEX sync_state_attention ON sync_state (rid) WHERE state = 'needs_attention';
