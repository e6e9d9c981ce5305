-- 0003-push-cost.sql — cheaper rows for every pushed record (issue 3).
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A push writes about a dozen index entries per record; PostgreSQL's time
-- goes mostly into descending those indexes and into the checks on each
-- row.  Nothing here changes what is stored or how it is answered.

-- Record keys are found by a 64-bit hash of the key, computed by
-- PostgreSQL itself: hashtextextended is the hash that partitioning by hash
-- relies on, so releases keep it, and a restore computes the column again.  An index of (bigint, uuid) is about 40%
-- smaller than one of (text, uuid), and comparing two bigints is a fraction
-- of comparing two texts, so inserting a record's five keys and looking up
-- a batch's people descend less and compare less.  The text stays in the
-- row: a statement matches the hash through the index and the text exactly,
-- so two keys that share a hash are never confused (server/hs-keys.h,
-- HS_KEYS_MATCH).  Existing rows get their hash when the column is added.
ALTER TABLE record_keys
  ADD COLUMN key_hash bigint GENERATED ALWAYS AS (hashtextextended (key, 0)) STORED;
DROP INDEX record_keys_key;
-- With the record id in the index, the records of a key come out of it in
-- id order, and replacing a record's keys finds exactly its rows.
CREATE INDEX record_keys_hash ON record_keys (key_hash, record_id);

-- The same checks as before without a regular expression: matching one
-- cost each change-log row and each personal ID number more than all the
-- row's other checks together.  ltrim() leaves nothing of a text made only
-- of the listed characters.
ALTER TABLE change_log DROP CONSTRAINT IF EXISTS change_log_content_hash_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_content_hash_check
  CHECK (octet_length (content_hash) = 64 AND ltrim (content_hash, '0123456789abcdef') = '');
ALTER TABLE pins DROP CONSTRAINT IF EXISTS pins_pin_check;
ALTER TABLE pins ADD CONSTRAINT pins_pin_check
  CHECK (octet_length (pin) = 12 AND ltrim (pin, '0123456789') = '');

-- Large values (a push's audit row names every change; a long record) are
-- compressed with LZ4 rather than pglz, several times cheaper for about
-- the same size.  Only where PostgreSQL was built with LZ4 (Debian's is);
-- elsewhere they stay as they were.  Values already stored keep their
-- compression.  The partitions of "records" have columns of their own, and
-- setting the parent's does not reach them.
DO $$
DECLARE
  part regclass;
BEGIN
  ALTER TABLE audit_log ALTER COLUMN detail SET COMPRESSION lz4;
  ALTER TABLE change_log ALTER COLUMN payload SET COMPRESSION lz4;
  ALTER TABLE records ALTER COLUMN doc SET COMPRESSION lz4;
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'records'::regclass
  LOOP
    EXECUTE format ('ALTER TABLE %s ALTER COLUMN doc SET COMPRESSION lz4', part);
  END LOOP;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'LZ4 is not available; large values stay compressed with pglz';
END
$$;
