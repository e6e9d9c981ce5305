-- 0001-initial.sql — the central register of the Ministry of Justice.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by `hotich-server migrate` inside one transaction and recorded in
-- schema_migrations.  Records are partitioned by the current province of
-- their office, so that growing past one machine is an existing distributed
-- PostgreSQL (Citus, sharding on the province code) rather than our own.

-- The exclusion constraint that keeps number blocks apart needs "=" on text
-- inside a GiST index.  btree_gist is a trusted extension since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Enrolled commune PCs (clerk), supervising offices (reviewer) and ministry
-- tools (admin).  Only the SHA-256 of a token is kept.
CREATE TABLE devices (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('clerk', 'reviewer', 'admin')),
  office       text CHECK (office ~ '^[0-9]{5}$'),
  scope        text NOT NULL CHECK (scope ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5})?$'),
  token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  CHECK ((role = 'clerk') = (office IS NOT NULL))
);

-- One-time enrolment codes, kept hashed like tokens.
CREATE TABLE enrolment_codes (
  code_hash    text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  role         text NOT NULL CHECK (role IN ('clerk', 'reviewer', 'admin')),
  office       text CHECK (office ~ '^[0-9]{5}$'),
  scope        text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  device_id    uuid REFERENCES devices (id)
);

-- The current version of every record, unpartitioned: it keeps record ids
-- unique across provinces (a partitioned table can only enforce uniqueness
-- per partition key), and it is the row a push locks to compare
-- base_version.
CREATE TABLE record_heads (
  id              uuid PRIMARY KEY,
  province        text COLLATE "C" NOT NULL,
  office          text COLLATE "C" NOT NULL,
  content_version integer NOT NULL CHECK (content_version >= 1)
);

-- The keys validation rules look people and records up by (HtLookup):
-- "pin\t<personal ID number>", "doc\t<ID document number>",
-- "person\t<folded name>|<date or year of birth>", "ref\t<id or place in a
-- book>", as the local store keeps them (server/hs-keys.h).  Unpartitioned,
-- because people move between provinces.  When a record changes, its old
-- keys are computed again from its stored document and replaced.
--
-- Codes and keys are compared byte for byte (COLLATE "C"): they are only
-- ever matched exactly, and a linguistic collation would make every index
-- comparison of every push several times dearer for nothing.
CREATE TABLE record_keys (
  key        text COLLATE "C" NOT NULL,
  record_id  uuid NOT NULL
);
-- With the record id in the index, the records of a key come out of it in
-- id order (a look-up takes the first 1000 per key, server/hs-lookup.c),
-- and replacing a record's keys finds exactly its rows.
CREATE INDEX record_keys_key ON record_keys (key, record_id);

-- The records: the canonical JSON as jsonb, plus the columns searches and
-- constraints need.  "province" is the current province of "office".
CREATE TABLE records (
  province        text COLLATE "C" NOT NULL,
  id              uuid NOT NULL,
  office          text COLLATE "C" NOT NULL,
  kind            text COLLATE "C" NOT NULL,
  book_year       integer,
  number          bigint,
  status          text NOT NULL,
  registered_on   date,
  review_state    text NOT NULL,
  pin             text,
  content_version integer NOT NULL,
  device_id       uuid NOT NULL,
  updated_at      timestamptz NOT NULL,
  doc             jsonb NOT NULL,
  PRIMARY KEY (province, id)
) PARTITION BY LIST (province);

-- A register number is used once per office, kind and book year.  The
-- province is functionally given by the office; it is part of the key
-- because unique indexes of a partitioned table must contain it.
CREATE UNIQUE INDEX records_number_key ON records (province, office, kind, book_year, number)
  WHERE number IS NOT NULL;
-- Statistics read an office's records by date.  Every further index costs
-- every push a write per record, so there is none for queries nobody makes
-- yet: people are found by PIN through record_keys, and the review queue
-- gets its index with the review endpoints.
CREATE INDEX records_office_date ON records (office, registered_on);

CREATE TABLE records_p01 PARTITION OF records FOR VALUES IN ('01');
CREATE TABLE records_p04 PARTITION OF records FOR VALUES IN ('04');
CREATE TABLE records_p08 PARTITION OF records FOR VALUES IN ('08');
CREATE TABLE records_p11 PARTITION OF records FOR VALUES IN ('11');
CREATE TABLE records_p12 PARTITION OF records FOR VALUES IN ('12');
CREATE TABLE records_p14 PARTITION OF records FOR VALUES IN ('14');
CREATE TABLE records_p15 PARTITION OF records FOR VALUES IN ('15');
CREATE TABLE records_p19 PARTITION OF records FOR VALUES IN ('19');
CREATE TABLE records_p20 PARTITION OF records FOR VALUES IN ('20');
CREATE TABLE records_p22 PARTITION OF records FOR VALUES IN ('22');
CREATE TABLE records_p24 PARTITION OF records FOR VALUES IN ('24');
CREATE TABLE records_p25 PARTITION OF records FOR VALUES IN ('25');
CREATE TABLE records_p31 PARTITION OF records FOR VALUES IN ('31');
CREATE TABLE records_p33 PARTITION OF records FOR VALUES IN ('33');
CREATE TABLE records_p37 PARTITION OF records FOR VALUES IN ('37');
CREATE TABLE records_p38 PARTITION OF records FOR VALUES IN ('38');
CREATE TABLE records_p40 PARTITION OF records FOR VALUES IN ('40');
CREATE TABLE records_p42 PARTITION OF records FOR VALUES IN ('42');
CREATE TABLE records_p44 PARTITION OF records FOR VALUES IN ('44');
CREATE TABLE records_p46 PARTITION OF records FOR VALUES IN ('46');
CREATE TABLE records_p48 PARTITION OF records FOR VALUES IN ('48');
CREATE TABLE records_p51 PARTITION OF records FOR VALUES IN ('51');
CREATE TABLE records_p52 PARTITION OF records FOR VALUES IN ('52');
CREATE TABLE records_p56 PARTITION OF records FOR VALUES IN ('56');
CREATE TABLE records_p66 PARTITION OF records FOR VALUES IN ('66');
CREATE TABLE records_p68 PARTITION OF records FOR VALUES IN ('68');
CREATE TABLE records_p75 PARTITION OF records FOR VALUES IN ('75');
CREATE TABLE records_p79 PARTITION OF records FOR VALUES IN ('79');
CREATE TABLE records_p80 PARTITION OF records FOR VALUES IN ('80');
CREATE TABLE records_p82 PARTITION OF records FOR VALUES IN ('82');
CREATE TABLE records_p86 PARTITION OF records FOR VALUES IN ('86');
CREATE TABLE records_p91 PARTITION OF records FOR VALUES IN ('91');
CREATE TABLE records_p92 PARTITION OF records FOR VALUES IN ('92');
CREATE TABLE records_p96 PARTITION OF records FOR VALUES IN ('96');
CREATE TABLE records_default PARTITION OF records DEFAULT;

-- What devices pull, in server_seq order, and the exactly-once record of
-- every applied change: a row per change, with its change_id and the
-- SHA-256 of its canonical content, answered again to a replay (the unique
-- change_id also refuses the same change applied by two requests at once).
-- A personal ID number issued for the record with that change rides on the
-- same row ("pin"): the commune's device pulls it as op "pin", a reviewer's
-- device the record as op "record".  One row per change, rather than a row
-- in a changes table, a "record" row and a "pin" row, is a third of the
-- writes of a push.  Rows with op "review" and "number_block" carry their
-- payload as jsonb; "pin" rows of their own are still understood.
--
-- Transactions commit in another order than they draw numbers, so a pull
-- stops below the numbers that transactions still in flight may hold (see
-- server/hs-db.c, "the change log horizon"): a cursor never passes a row
-- that commits later.
CREATE TABLE change_log (
  server_seq      bigserial PRIMARY KEY,
  op              text NOT NULL CHECK (op IN ('record', 'pin', 'review', 'number_block')),
  province        text COLLATE "C" NOT NULL,
  office          text COLLATE "C" NOT NULL,
  device_id       uuid,
  record_id       uuid,
  content_version integer,
  payload         jsonb,
  change_id       uuid UNIQUE,
  content_hash    text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  pin             text,
  logged_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((change_id IS NULL) = (content_hash IS NULL))
);
CREATE INDEX change_log_office ON change_log (office, server_seq);
CREATE INDEX change_log_records ON change_log (province, server_seq) WHERE op = 'record';

-- Register numbers handed out in blocks: the next free number per office,
-- kind and book year, and every block issued.  The exclusion constraint
-- makes an overlap impossible even if the allocation logic were wrong.
CREATE TABLE number_counters (
  office       text COLLATE "C" NOT NULL,
  kind         text COLLATE "C" NOT NULL,
  book_year    integer NOT NULL,
  next_number  bigint NOT NULL CHECK (next_number >= 1),
  PRIMARY KEY (office, kind, book_year)
);

CREATE TABLE number_blocks (
  id            bigserial PRIMARY KEY,
  device_id     uuid NOT NULL REFERENCES devices (id),
  office        text NOT NULL,
  kind          text NOT NULL,
  book_year     integer NOT NULL,
  first_number  bigint NOT NULL CHECK (first_number >= 1),
  last_number   bigint NOT NULL CHECK (last_number >= first_number),
  issued_at     timestamptz NOT NULL DEFAULT now(),
  EXCLUDE USING gist (office WITH =, kind WITH =, book_year WITH =,
                      int8range (first_number, last_number, '[]') WITH &&)
);
CREATE INDEX number_blocks_device ON number_blocks (device_id);

-- Personal ID numbers issued through the connector: unique, never reused.
CREATE TABLE pins (
  pin        text PRIMARY KEY CHECK (pin ~ '^[0-9]{12}$'),
  record_id  uuid NOT NULL UNIQUE,
  connector  text NOT NULL,
  issued_at  timestamptz NOT NULL DEFAULT now()
);

-- Who did what and when.  Codes and ids only: no names, no record content.
-- A push writes one row for its applied changes and one for the personal ID
-- numbers it issued, each naming every change and record in "detail"; the
-- other actions a row each.
CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  action     text NOT NULL,
  device_id  uuid,
  change_id  uuid,
  record_id  uuid,
  detail     jsonb
);
