-- 0004-sync.sql — what the sync engine remembers of each record.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 4.
-- sync_state (0001) says where a record stands (sent, needs attention);
-- this table keeps what that needs beside it.
--
-- server_version: the record's content_version on the server, as the last
-- answer about it said (core/ht-store-sync.h explains why it differs from
-- the local one: a personal ID number or a decision is a new version here,
-- not there).  A change is pushed based on it.
-- code, issues, change_id: the server's code and findings (JSON) for the
-- last change of the record it refused, and that change, so the clerk sees
-- every field the server named.

CREATE TABLE IF NOT EXISTS sync_records (
  record_id      TEXT PRIMARY KEY NOT NULL REFERENCES records (id),
  server_version INTEGER NOT NULL DEFAULT 0 CHECK (server_version >= 0),
  code           TEXT,
  issues         TEXT,
  change_id      TEXT
) WITHOUT ROWID;

-- "Records needing attention" is a list the app and hotich-sync show.
CREATE INDEX IF NOT EXISTS sync_state_state ON sync_state (state);

-- Whether more changes of a record wait in the outbox is asked for every
-- answer the engine records and every record's state the app shows: by
-- rid through this index, not by reading the whole outbox each time.
CREATE INDEX IF NOT EXISTS outbox_rid ON outbox (rid);
