-- 0006-lean.sql — fewer b-trees for a save to write.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 6.
-- A durable save costs about one WAL frame, written and synced, for every
-- page it changes, and every b-tree it touches changes at least one page:
-- a save into the schema of 0001–0005 changed about 33 pages where a plain
-- one-row commit changes 2 or 3.  This file removes the b-trees whose work
-- another one already does.  It may meet a register where it already ran
-- (a version set back to re-run a migration), so every step works on
-- either shape.

-- The history is keyed by hid = rid * 1048576 + version, its rowid: the
-- current version of a record is the row hid = rid * 1048576 +
-- content_version, all its versions are one range of rowids, and a new
-- record appends at the end.  The (rid, version) primary key of 0001 was a
-- second b-tree that every save wrote.  No record ever reaches a version
-- of 1048576: each version is a clerk's edit.
CREATE TABLE history_lean (
  hid       INTEGER PRIMARY KEY,
  rid       INTEGER NOT NULL,
  version   INTEGER NOT NULL CHECK (version >= 1 AND version < 1048576),
  at        TEXT NOT NULL,
  by        TEXT NOT NULL,
  reason    TEXT,
  json      TEXT NOT NULL,
  CHECK (hid = rid * 1048576 + version)
);
INSERT INTO history_lean (hid, rid, version, at, by, reason, json)
  SELECT rid * 1048576 + version, rid, version, at, by, reason, json FROM history ORDER BY rid, version;
DROP TABLE history;
ALTER TABLE history_lean RENAME TO history;

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;

-- Change ids are random UUIDs made by this register (ht-store-audit.c,
-- ht-store-review.c) and never looked up: the UNIQUE index on them was a
-- random page for every save to write.  The server, which does look them
-- up, keeps its own index.
CREATE TABLE outbox_lean (
  seq          INTEGER PRIMARY KEY,
  change_id    TEXT NOT NULL,
  rid          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  base_version INTEGER NOT NULL,
  op           TEXT NOT NULL CHECK (op = 'record' OR op = 'review'),
  payload      TEXT,
  queued_at    TEXT NOT NULL,
  CHECK ((op = 'record') = (payload IS NULL))
);
INSERT INTO outbox_lean SELECT seq, change_id, rid, version, base_version, op, payload, queued_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_lean RENAME TO outbox;
CREATE INDEX outbox_rid ON outbox (rid);

-- One index for both the uniqueness of register numbers and the walk of a
-- book in order (the records_book of 0001 duplicated records_number with
-- the office left out).  SQLite treats NULLs as distinct in a UNIQUE
-- index, so drafts, which have no number, are all kept in it.
DROP INDEX IF EXISTS records_number;
DROP INDEX IF EXISTS records_book;
CREATE UNIQUE INDEX records_book ON records (kind, book_year, number, office);

-- The audit chain's head is read from the last audit row.  The keys row of
-- 0001 is now written only for entries that are not about a record (whose
-- removal the history cannot show), so it may name an earlier entry.

-- A given name alone is no longer a name key: a one-word search goes
-- straight to FTS5, which answers a single word at once.  Those keys were
-- a third of the table and about two random pages of every save.
DELETE FROM name_keys WHERE instr (key, ' ') = 0 AND instr (key, '|') = 0;
