-- 0005-review.sql — what a reviewer's register keeps beside the records it reviews.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 5.
--
-- review_flags: the server may flag a birth or death as a potential
-- duplicate of records registered in other communes (docs/review.md).  The
-- flag is not part of the record's content, which the commune owns, so it
-- is kept beside it: "duplicates" is a JSON array of the other records'
-- ids, replaced (or removed) every time the server sends the record again.

CREATE TABLE IF NOT EXISTS review_flags (
  record_id  TEXT PRIMARY KEY NOT NULL REFERENCES records (id),
  duplicates TEXT NOT NULL
) WITHOUT ROWID;

-- The reviewer's queue is read by review state, oldest registration first
-- (ht_store_review_list): this index finds the few open records among
-- many decided ones and hands them over already in order.
CREATE INDEX IF NOT EXISTS records_review ON records (review_state, registered_on);
