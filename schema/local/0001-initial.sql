-- 0001-initial.sql — the commune register's first schema (SQLite).
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 1.
-- The canonical JSON of a record is the truth.  Each text is stored once:
-- "history" holds every version of every record, the current one included;
-- "records" holds copies of the current version's envelope so that SQL can
-- find and order rows, and the outbox only points at versions.
--
-- CHECK constraints spell lists out with OR: SQLite 3.40 evaluates
-- "x IN ('a', 'b')" in a CHECK by building a temporary table on every row
-- written, which made each insert several times dearer.

-- Settings of this register: the office, the audit chain head, sync cursors.
CREATE TABLE keys (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE records (
  rid               INTEGER PRIMARY KEY,
  id                TEXT NOT NULL UNIQUE,
  kind              TEXT NOT NULL,
  office            TEXT NOT NULL,
  book_year         INTEGER,
  number            INTEGER,
  status            TEXT NOT NULL CHECK (status = 'draft' OR status = 'registered' OR status = 'revoked'),
  registration_type TEXT,
  registered_on     TEXT,
  review_state      TEXT,
  content_version   INTEGER NOT NULL CHECK (content_version >= 1),
  updated_at        TEXT NOT NULL,
  warnings          TEXT,
  -- A book entry has its place in a book; a draft has none.
  CHECK ((status = 'draft') = (number IS NULL)),
  CHECK ((number IS NULL) = (book_year IS NULL))
);

-- Register numbers are unique per (office, kind, book_year).
CREATE UNIQUE INDEX records_number ON records (office, kind, book_year, number)
  WHERE number IS NOT NULL;
-- Export and statistics walk a book in order.
CREATE INDEX records_book ON records (kind, book_year, number);

-- Every version of every record, append-only; the current version of a
-- record is the row (rid, records.content_version).  Keyed by the record's
-- rid rather than its UUID: an import then appends to the key's b-tree
-- instead of writing all over it.
CREATE TABLE history (
  rid       INTEGER NOT NULL,
  version   INTEGER NOT NULL,
  at        TEXT NOT NULL,
  by        TEXT NOT NULL,
  reason    TEXT,
  json      TEXT NOT NULL,
  PRIMARY KEY (rid, version)
);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;

-- Changes waiting for the server.  A change of a record's content ("record")
-- points at the version it carries; the history keeps that text unchanged,
-- so the change pushed is {"change_id","record_id","base_version","op",
-- "record"} rebuilt around it, the same bytes every time.  Other ops (a
-- reviewer's decision) have no version text of their own: "payload" is then
-- the whole frozen change.  A row leaves only when the server has answered
-- for it.
CREATE TABLE outbox (
  seq          INTEGER PRIMARY KEY,
  change_id    TEXT NOT NULL UNIQUE,
  rid          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  base_version INTEGER NOT NULL,
  op           TEXT NOT NULL CHECK (op = 'record' OR op = 'review'),
  payload      TEXT,
  queued_at    TEXT NOT NULL,
  CHECK ((op = 'record') = (payload IS NULL))
);

-- Register numbers the server reserved for this PC (DESIGN.md "Local
-- store"): an enrolled PC numbers a book only from its blocks.  "next" is
-- the next number the block hands out (last + 1 once it is used up), so a
-- number is never handed out twice.
CREATE TABLE number_blocks (
  kind      TEXT NOT NULL,
  book_year INTEGER NOT NULL,
  first     INTEGER NOT NULL CHECK (first >= 1),
  last      INTEGER NOT NULL,
  next      INTEGER NOT NULL,
  added_at  TEXT NOT NULL,
  CHECK (last >= first),
  CHECK (next >= first AND next <= last + 1),
  PRIMARY KEY (kind, book_year, first)
) WITHOUT ROWID;

-- What the sync engine learnt about a record ("pending" is implied by an
-- outbox row; this table keeps what the server said).
CREATE TABLE sync_state (
  record_id  TEXT PRIMARY KEY NOT NULL REFERENCES records (id),
  state      TEXT NOT NULL CHECK (state = 'pending' OR state = 'sent' OR state = 'needs_attention'),
  message    TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Exact lookups: personal ID numbers ("pin") and ID document numbers
-- ("doc", spaces removed, upper case) for the validation rules and search.
-- (Persons are found by name and birth through name_keys, 0002.)
--
-- The tables derived from the records (these, name_keys and the search
-- index) have neither foreign keys nor an index by rid: an edit removes
-- the rows of the version it replaces, which it finds from that version's
-- text, and ht_store_check recomputes every row from the records.  Each
-- index less is one page less for every save to write.
CREATE TABLE record_keys (
  type  TEXT NOT NULL CHECK (type = 'pin' OR type = 'doc'),
  value TEXT NOT NULL,
  rid   INTEGER NOT NULL,
  PRIMARY KEY (type, value, rid)
) WITHOUT ROWID;

-- Records that reference another record by id (changes, notes, deaths …).
CREATE TABLE refs (
  target_id TEXT NOT NULL,
  rid       INTEGER NOT NULL,
  PRIMARY KEY (target_id, rid)
) WITHOUT ROWID;

-- Folded person names of every record (rowid = records.rid).  The text is
-- folded by core (ht_fold: đ → d, marks dropped) before it gets here, so
-- the tokenizer keeps it as it is.  Queries AND one prefix token per word.
-- A prefix query of a length without its own prefix index merges every
-- matching doclist up front ("nguyen*" over a million records: tens of
-- milliseconds); with an index per length it is read lazily, newest first,
-- and stops at the LIMIT.  Vietnamese syllables have at most seven letters
-- and a length-N index only holds tokens of N letters or more, so lengths 7
-- and 8 cost next to nothing.  No phrase queries are made, so positions are
-- not kept (detail=column), and nothing is ranked, so neither are the
-- column sizes (columnsize=0: one table less for every save to write).
CREATE VIRTUAL TABLE search USING fts5 (
  names,
  kind,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
  prefix = '1 2 3 4 5 6 7 8',
  detail = column,
  columnsize = 0
);

-- The audit log: a hash chain.  hash = SHA-256 over the previous hash, the
-- entry's fields and record_hash (SHA-256 of the record's canonical JSON).
CREATE TABLE audit (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user        TEXT NOT NULL,
  action      TEXT NOT NULL,
  record_id   TEXT,
  version     INTEGER,
  detail      TEXT,
  record_hash TEXT,
  hash_prev   TEXT NOT NULL,
  hash        TEXT NOT NULL
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TABLE users (
  name          TEXT PRIMARY KEY NOT NULL,
  role          TEXT NOT NULL CHECK (role = 'clerk' OR role = 'signer' OR role = 'reviewer'
                         OR role = 'technician' OR role = 'admin'),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
