-- 0002-review.sql — review decisions and potential duplicates (issue 6).
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later

-- The records a stored birth or death may duplicate (a JSON array of record
-- ids, found through record_keys when it was stored; server/hs-review.c).
-- Kept beside the record rather than in its content, which the commune
-- owns; NULL when there is none.  A nullable column without a default is a
-- change of the catalogue only, whatever the size of the table.
ALTER TABLE records ADD COLUMN duplicates jsonb;

-- A reviewer's device pulls a record at its latest change: the "record" row
-- of its current version, or, once that version is decided, the "review"
-- row of the decision (server/hs-pull.c).  The feed's index covers both;
-- review rows are few, so pushes of records write to it exactly as before.
CREATE INDEX change_log_feed ON change_log (province, server_seq) WHERE op IN ('record', 'review');
DROP INDEX change_log_records;
