/* sync-cli.h — hotich-sync: the commands and what they share.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c parses the global options and dispatches; each command parses its
 * own options and returns an exit status (docs/hotich-sync.md).
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "ht-sync-engine.h"

G_BEGIN_DECLS

/* Exit statuses, documented in --help and docs/hotich-sync.md. */
typedef enum {
  SYNC_EXIT_OK          = 0, /* everything is synced */
  SYNC_EXIT_ATTENTION   = 1, /* some records need attention (the server refused their last change) */
  SYNC_EXIT_UNREACHABLE = 2, /* the server could not be reached or failed; nothing was lost */
  SYNC_EXIT_AUTH        = 3, /* the server refused the device's token, or the enrolment code */
  SYNC_EXIT_USAGE       = 4, /* a bad command line, or a register that cannot be used so */
} SyncExit;

typedef struct
{
  char *db_path;  /* NULL until given: the default path is used */
} SyncGlobals;

typedef int (*SyncCommandFunc) (SyncGlobals *globals,
                                int          argc,
                                char       **argv);

int sync_cmd_enroll (SyncGlobals *globals, int argc, char **argv);
int sync_cmd_status (SyncGlobals *globals, int argc, char **argv);
int sync_cmd_push   (SyncGlobals *globals, int argc, char **argv);
int sync_cmd_pull   (SyncGlobals *globals, int argc, char **argv);
int sync_cmd_run    (SyncGlobals *globals, int argc, char **argv);

/* "hotich-sync: <message>" on standard error. */
void sync_error       (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Reports a bad command line and returns SYNC_EXIT_USAGE. */
int  sync_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* ---- sync-progress.c: what a run shows while it works ---- */

typedef struct _SyncProgress SyncProgress;

/* A bar on standard error when it is a terminal, plain lines otherwise;
 * "verbose" adds a line per request. */
SyncProgress *sync_progress_new    (gboolean      verbose);
void          sync_progress_free   (SyncProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncProgress, sync_progress_free)
/* Called in the main thread. */
void          sync_progress_update (SyncProgress *progress,
                                    HtSyncPhase   phase,
                                    guint64       done,
                                    guint64       total);
void          sync_progress_line   (SyncProgress *progress,
                                    const char   *line);
/* Clears the bar, if one is drawn. */
void          sync_progress_clear  (SyncProgress *progress);

G_END_DECLS
