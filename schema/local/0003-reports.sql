-- 0003-reports.sql — statistics: the index they read, and locked reports.
--
-- Copyright 2026 The hotich developers
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by HtStore in one transaction; PRAGMA user_version then says 3.
-- Only the envelope columns of "records" are named here (rid, kind, status,
-- registration_type, registered_on, content_version): a record's content
-- is read through the store's functions, never from SQL.  Every statement
-- may meet its object already made (a register whose version was set back
-- to re-run a migration), hence IF NOT EXISTS.

-- The statistics of a period (core/ht-stats-store.c) count records by
-- registration date.  With the date first, a period is one range of this
-- index, and the counts that need no content (the other matters, every
-- re-registration) are read from the index alone, never from the table.
CREATE INDEX IF NOT EXISTS records_stats ON records (registered_on, status, kind, registration_type);

-- A report submitted for a period, locked with the figures it gave
-- (DOMAIN.md §4: the figures of a period are locked at its end and never
-- move into the next one).  Records may still be edited where DESIGN.md
-- allows it; the locked report keeps its figures and shows what changed
-- since.  "figures" is the statistics JSON of ht_stats_to_json(); the audit
-- log holds its SHA-256, so a changed row is found by "hotich-admin stats
-- show" and the table is append-only like the history.
CREATE TABLE IF NOT EXISTS stats_reports (
  id        INTEGER PRIMARY KEY,
  period    TEXT NOT NULL CHECK (period = 'custom' OR period = '6-months' OR period = 'preliminary-year'
                                 OR period = 'year'),
  year      INTEGER,
  date_from TEXT NOT NULL,
  date_to   TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  locked_by TEXT NOT NULL,
  figures   TEXT NOT NULL,
  CHECK ((period = 'custom') = (year IS NULL)),
  CHECK (date_from <= date_to),
  UNIQUE (date_from, date_to)
);

-- Which book entries the period held when it was locked, at which version
-- and status: what changed since is then exact (added, edited, revoked,
-- moved out of the period), whatever the clocks said.  A commune's year is
-- a few thousand rows.
CREATE TABLE IF NOT EXISTS stats_report_records (
  report          INTEGER NOT NULL REFERENCES stats_reports (id),
  rid             INTEGER NOT NULL,
  content_version INTEGER NOT NULL,
  status          TEXT NOT NULL,
  PRIMARY KEY (report, rid)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS stats_reports_no_update BEFORE UPDATE ON stats_reports
BEGIN
  SELECT RAISE (ABORT, 'a locked report is never changed');
END;
CREATE TRIGGER IF NOT EXISTS stats_reports_no_delete BEFORE DELETE ON stats_reports
BEGIN
  SELECT RAISE (ABORT, 'a locked report is never changed');
END;
CREATE TRIGGER IF NOT EXISTS stats_report_records_no_update BEFORE UPDATE ON stats_report_records
BEGIN
  SELECT RAISE (ABORT, 'a locked report is never changed');
END;
CREATE TRIGGER IF NOT EXISTS stats_report_records_no_delete BEFORE DELETE ON stats_report_records
BEGIN
  SELECT RAISE (ABORT, 'a locked report is never changed');
END;
