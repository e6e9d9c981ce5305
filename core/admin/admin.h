/* admin.h — hotich-admin: the commands and the helpers they share.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c parses the global options and dispatches; each command parses its
 * own options with a GOptionContext and returns an exit status.  The
 * helpers in admin-util.c give every command the same way of opening the
 * register, reporting errors and reading input.
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "ht-store.h"
#include "ht-validate.h"

G_BEGIN_DECLS

/* Exit statuses, documented in --help and docs/hotich-admin.md. */
typedef enum {
  ADMIN_EXIT_OK      = 0,
  ADMIN_EXIT_FAILURE = 1, /* invalid data, check failed, not found, store or I/O error */
  ADMIN_EXIT_USAGE   = 2, /* bad command line */
} AdminExit;

/* What every command shares: the --db option, given before or after the
 * command name. */
typedef struct
{
  char *db_path; /* NULL until given: the default path is used */
} AdminGlobals;

typedef int (*AdminCommandFunc) (AdminGlobals *globals,
                                 int           argc,
                                 char        **argv);

/* admin-maintenance.c */
int admin_cmd_init     (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_user_add (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_check    (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_backup   (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_restore  (AdminGlobals *globals, int argc, char **argv);

/* admin-records.c */
int admin_cmd_import (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_export (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_search (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_show   (AdminGlobals *globals, int argc, char **argv);

/* admin-review.c */
int admin_cmd_review (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_amend  (AdminGlobals *globals, int argc, char **argv);

/* admin-stats.c */
int admin_cmd_stats  (AdminGlobals *globals, int argc, char **argv);

/* Papers and signatures: admin-print.c, admin-book.c, admin-calibrate.c,
 * admin-verify.c, admin-certify.c, admin-keygen.c */
int admin_cmd_print     (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_book      (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_calibrate (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_verify    (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_certify   (AdminGlobals *globals, int argc, char **argv);
int admin_cmd_keygen    (AdminGlobals *globals, int argc, char **argv);

/* ---- admin-util.c ---- */

/* Prints "hotich-admin: <message>" on standard error. */
void admin_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Reports a bad command line ("hotich-admin: …" and a hint to --help)
 * and returns ADMIN_EXIT_USAGE. */
int  admin_usage_error (const char *command,
                        const char *format,
                        ...) G_GNUC_PRINTF (2, 3);

/* A GOptionContext for a command, with the shared --db option and the
 * exit statuses in its description. */
GOptionContext *admin_option_context_new (AdminGlobals       *globals,
                                          const char         *parameters,
                                          const char         *summary,
                                          const GOptionEntry *entries);
/* Parses the command's arguments; on error reports it and returns FALSE. */
gboolean admin_option_parse (GOptionContext *context,
                             const char     *command,
                             int            *argc,
                             char         ***argv);

/* The register path: --db, else ht_store_default_path(). */
const char *admin_db_path (AdminGlobals *globals);
/* Opens the register, reporting a missing, unreadable or damaged file
 * clearly; NULL after the message is printed. */
HtStore *admin_open_store (AdminGlobals *globals);
/* Reports a store error as "hotich-admin: <message>", adding the path
 * when the message does not already name it. */
void admin_report_error (const char   *path,
                         const GError *error);

/* Prints one issue as "line N: field: message", or
 * "line N: warning: field: message"; "line" 0 leaves the prefix out. */
void admin_print_issue (FILE          *out,
                        guint64        line,
                        const HtIssue *issue);

/* Validates an option value that must be a kind code. */
gboolean admin_check_kind (const char *command,
                           const char *option,
                           const char *value);

/* ---- Reading lines with a bound on their length ---- */

typedef struct _AdminLineReader AdminLineReader;

/* Reads "path", or standard input when path is NULL or "-". */
AdminLineReader *admin_line_reader_open (const char *path,
                                         gsize       max_line,
                                         GError    **error);
void             admin_line_reader_free (AdminLineReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AdminLineReader, admin_line_reader_free)

/* Returns the next line (without its end of line) in *line and *length,
 * valid until the next call, and its number in *line_no.  A line longer
 * than max_line is skipped up to its end and comes back with *too_long set
 * and *line NULL.  FALSE at the end of input or on a read error (then
 * "error" is set). */
gboolean admin_line_reader_next (AdminLineReader *reader,
                                 const char     **line,
                                 gsize           *length,
                                 guint64         *line_no,
                                 gboolean        *too_long,
                                 GError         **error);
/* Bytes consumed so far and the input's size (0 when unknown, as for a pipe). */
guint64 admin_line_reader_position (AdminLineReader *reader);
guint64 admin_line_reader_size     (AdminLineReader *reader);

/* ---- A progress bar on standard error ---- */

typedef struct _AdminProgress AdminProgress;

/* The bar is drawn only when standard error is a terminal; "label" names
 * the phase ("parsing", "storing"). */
AdminProgress *admin_progress_new    (const char    *label);
/* Redraws at most a few times a second; "total" 0 shows a plain count. */
void           admin_progress_update (AdminProgress *progress,
                                      guint64        done,
                                      guint64        total);
/* Clears the bar and frees it. */
void           admin_progress_free   (AdminProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AdminProgress, admin_progress_free)

/* A GDate option value: strict YYYY-MM-DD. */
gboolean admin_parse_date_option (const char *command,
                                  const char *option,
                                  const char *value,
                                  GDate      *out);

/* Prints "text" to standard output padded to "width" characters (not bytes,
 * so that Vietnamese names line up in columns). */
void admin_print_padded (const char *text,
                         guint       width);

G_END_DECLS
