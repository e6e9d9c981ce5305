/* ht-store.h — the commune's local register: one SQLite file per office PC.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HtStore owns the only connection to the file, behind a mutex, so it may be
 * used from any thread; the app calls the _async variants so its main loop
 * never waits on SQLite.  Every save writes, in one BEGIN IMMEDIATE
 * transaction: the record, a new history row, an outbox entry, the search
 * index and an audit entry chained by SHA-256 to the previous one.
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "ht-validate.h"

G_BEGIN_DECLS

#define HT_TYPE_STORE (ht_store_get_type ())
G_DECLARE_FINAL_TYPE (HtStore, ht_store, HT, STORE, GObject)

/* The default register path: $XDG_DATA_HOME/hotich/registry.db */
char    *ht_store_default_path (void);

/* Creates a new register for a commune; refuses an unknown office code and
 * an existing file (HT_ERROR_EXISTS).  The file is mode 0600. */
HtStore *ht_store_create (const char *path,
                          const char *office,
                          GError    **error);
/* Opens an existing register, applying pending migrations in a transaction.
 * A file that is not a register, or is damaged, gives HT_ERROR_CORRUPT. */
HtStore *ht_store_open   (const char *path,
                          GError    **error);

const char *ht_store_get_path   (HtStore *self);
const char *ht_store_get_office (HtStore *self);
int         ht_store_schema_version (HtStore *self);

/* Key/value settings kept in the register (the "keys" table). */
char    *ht_store_get_key (HtStore *self, const char *key);
gboolean ht_store_set_key (HtStore *self, const char *key, const char *value, GError **error);

/* ---- Records ---- */

typedef enum {
  HT_SAVE_DEFAULT  = 0,
  HT_SAVE_DRAFT    = 1 << 0, /* keep status "draft": no number, no outbox */
} HtSaveFlags;

/* Validates and saves a record (new or edited) in one transaction.  On
 * success "record" is updated in place (id, number, content_version,
 * updated_at, derived fields) and TRUE is returned; warnings are added to
 * "issues".  When validation finds errors nothing is stored, they are in
 * "issues", and the error is HT_ERROR_INVALID.  An edit needs a reason;
 * a record whose review is approved cannot be edited (HT_ERROR_PERMISSION),
 * and an edit made from an older content_version is HT_ERROR_CONFLICT.
 * A number already used in (office, kind, book_year) → HT_ERROR_CONFLICT.
 * A draft (HT_SAVE_DRAFT) is kept even with validation errors, which come
 * back in "issues"; saving it without the flag puts it in the book. */
gboolean ht_store_save (HtStore     *self,
                        cJSON       *record,
                        const char  *user,
                        const char  *reason,
                        HtSaveFlags  flags,
                        HtIssues    *issues,
                        GError     **error);

/* Bulk import: all or nothing.  Every record is validated first; if any has
 * errors, nothing is stored, "issues_per_record" (one HtIssues per record,
 * same order) say why, and HT_ERROR_INVALID is returned.  Records carrying
 * book_year/number keep them (digitised books); the others are numbered in
 * order.  "progress" is called now and then with (done, total).  The
 * records are canonicalised in place (on other threads, ahead of the
 * writer); if nothing is imported, the ids and numbers the import gave them
 * are taken back. */
typedef void (*HtProgressFunc) (guint64 done, guint64 total, gpointer user_data);
gboolean ht_store_import (HtStore        *self,
                          GPtrArray      *records,         /* cJSON*, updated in place */
                          const char     *user,
                          GPtrArray     **issues_per_record,
                          HtProgressFunc  progress,
                          gpointer        progress_data,
                          GCancellable   *cancellable,
                          GError        **error);

/* Streaming import of JSON Lines, all or nothing, for files of any size:
 * lines are parsed on other threads while this one validates and writes,
 * and no more than a few thousand records are in memory at any time.
 * "read" gives the next line (without its newline; valid until the next
 * call), its 1-based number and whether it was cut for being too long; it
 * returns FALSE at the end of the input, or with "error" set when the input
 * cannot be read.  Blank lines are skipped.  "line_issues" receives, in line
 * order, an HtLineIssues for every line that has errors or warnings; when
 * any line has errors nothing is stored and HT_ERROR_INVALID is returned.
 * "progress" is called now and then with (records done, 0). */
typedef gboolean (*HtLineReadFunc) (gpointer     user_data,
                                    const char **line,
                                    gsize       *length,
                                    guint64     *line_no,
                                    gboolean    *too_long,
                                    GError     **error);
typedef struct {
  guint64   line;
  HtIssues *issues;
} HtLineIssues;
typedef struct {
  guint64 records;   /* records read (lines that were not blank) */
  guint64 numbered;  /* of those, numbered by this import */
  guint64 kept;      /* of those, keeping the number they carried */
  guint64 warnings;
} HtImportSummary;
gboolean ht_store_import_lines (HtStore         *self,
                                HtLineReadFunc   read,
                                gpointer         read_data,
                                const char      *user,
                                GArray         **line_issues,     /* HtLineIssues */
                                HtImportSummary *summary,
                                HtProgressFunc   progress,
                                gpointer         progress_data,
                                GCancellable    *cancellable,
                                GError         **error);

cJSON   *ht_store_get (HtStore *self, const char *id, GError **error);
cJSON   *ht_store_get_by_number (HtStore *self, const char *kind, gint64 book_year,
                                 gint64 number, GError **error);
/* "ID" or "KIND/YEAR/NUMBER". */
cJSON   *ht_store_lookup (HtStore *self, const char *key, GError **error);

/* History: an array of {"version","at","by","reason","record"} oldest first. */
cJSON   *ht_store_history (HtStore *self, const char *id, GError **error);

/* Search: folded names, personal ID, ID document number, or
 * "kind/year/number".  "kind" may be NULL.  A name query finds first the
 * people whose full name, "surname given" or given name starts with it (the
 * last word may be unfinished); only if there are none does it match each
 * word as a prefix of any name in the record (FTS5), newest first. */
GPtrArray *ht_store_search (HtStore *self, const char *query, const char *kind,
                            guint limit, GError **error);

/* Export: calls "func" for every record (not drafts) in (kind, book_year, number)
 * order; from/to filter on registered_on and may be NULL. */
typedef gboolean (*HtRecordFunc) (const cJSON *record, gpointer user_data);
gboolean ht_store_export (HtStore *self, const char *kind, const GDate *from,
                          const GDate *to, HtRecordFunc func, gpointer user_data,
                          GError **error);

/* Book entries (registered or revoked) of "kind", or of all kinds; drafts
 * are not in the book and not counted. */
guint64  ht_store_count (HtStore *self, const char *kind);

/* Lookups for validation rules, backed by this register. */
const HtLookup *ht_store_get_lookup (HtStore *self);

/* ---- Sync: the outbox and register numbers ---- */

/* One queued change as the sync protocol pushes it.  The outbox keeps only
 * a reference to the saved version; "json" is rebuilt from the history when
 * the entry is read, byte for byte as it was frozen when queued. */
typedef struct {
  gint64  seq;           /* the outbox position, increasing */
  char   *change_id;     /* UUID made when the change was queued */
  char   *record_id;
  gint64  version;       /* the content_version this change carries */
  gint64  base_version;  /* the version it was based on, 0 for a new record */
  char   *op;            /* "record", or another op of the protocol */
  char   *json;          /* the whole change: {"change_id","record_id","base_version","op","record"} (canonical) */
} HtOutboxEntry;

void       ht_outbox_entry_free  (HtOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtOutboxEntry, ht_outbox_entry_free)

/* Up to "max_count" entries (HtOutboxEntry*, freed with the array) in seq
 * order after "after_seq", stopping before "max_bytes" of JSON in all; the
 * first entry is always given, however large, so a batch is never empty
 * while the outbox is not.  An empty array when nothing is queued. */
GPtrArray *ht_store_outbox_peek  (HtStore  *self,
                                  gint64    after_seq,
                                  guint     max_count,
                                  gsize     max_bytes,
                                  GError  **error);
/* The number of queued changes. */
guint64    ht_store_outbox_count (HtStore  *self);

/* Register numbers from server-reserved blocks (DESIGN.md "Local store").
 * Once the register holds a device id (key "device_id", set by the sync
 * engine at enrolment), a registration without a number takes the lowest
 * free number of a block of its (kind, book_year); with no block left the
 * save fails (HT_ERROR_CONFLICT) with a message telling the clerk to save a
 * draft and sync.  A register that was never enrolled numbers its office's
 * books itself, one after the other.
 *
 * Adds the block first..last (inclusive) of "kind" for "book_year".  Adding
 * the same block again changes nothing (a replayed pull); a block that
 * overlaps another one is refused (HT_ERROR_CONFLICT): numbers once handed
 * out are never handed out again. */
gboolean   ht_store_add_number_block (HtStore     *self,
                                      const char  *kind,
                                      gint64       book_year,
                                      gint64       first,
                                      gint64       last,
                                      GError     **error);
/* Numbers still free in the blocks of (kind, book_year); 0 without blocks. */
gint64     ht_store_numbers_left     (HtStore     *self,
                                      const char  *kind,
                                      gint64       book_year);

/* ---- Users ---- */

gboolean ht_store_user_add    (HtStore *self, const char *name, const char *role,
                               const char *password, GError **error);
/* Returns the role, or NULL with HT_ERROR_PERMISSION on a wrong name or password. */
char    *ht_store_user_verify (HtStore *self, const char *name, const char *password,
                               GError **error);

/* ---- Integrity and files ---- */

/* PRAGMA integrity_check, the store's own invariants and the audit chain.
 * Returns TRUE when sound; otherwise every problem found is in "problems"
 * (translated sentences). */
gboolean ht_store_check   (HtStore *self, GPtrArray **problems, GError **error);
/* Online backup with the SQLite backup API. */
gboolean ht_store_backup  (HtStore *self, const char *dest, GError **error);
/* Replaces the register at "path" with "src" after checking "src" is a sound
 * register (integrity, invariants, audit chain). */
gboolean ht_store_restore (const char *path, const char *src, GError **error);

/* ---- Async variants for the app (GTask in a worker thread) ---- */

void      ht_store_save_async    (HtStore *self, cJSON *record, const char *user,
                                  const char *reason, HtSaveFlags flags,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);
/* Returns the saved record (new tree) and the issues. */
cJSON    *ht_store_save_finish   (HtStore *self, GAsyncResult *result,
                                  HtIssues **issues, GError **error);
void      ht_store_search_async  (HtStore *self, const char *query, const char *kind,
                                  guint limit, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ht_store_search_finish (HtStore *self, GAsyncResult *result, GError **error);

G_END_DECLS
