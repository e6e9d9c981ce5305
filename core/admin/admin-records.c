/* admin-records.c — hotich-admin import and export: records in and out as
 * JSON Lines.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import is all or nothing: the store reads the lines as a stream, parsing,
 * validating and writing them in one transaction, and rolls it back if any
 * line is bad; a digitised book of a million lines never sits in memory.
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-record.h"
#include "admin.h"

/* Inputs longer than this many lines show a progress bar on a terminal. */
#define LONG_INPUT_LINES 2000

/* ---- import ---- */

typedef struct
{
  AdminLineReader *reader;
  AdminProgress   *progress;
} ImportInput;

/* Lines for the store's streaming import, with a progress bar on a
 * terminal once the input is long. */
static gboolean
import_read (gpointer     user_data,
             const char **line,
             gsize       *length,
             guint64     *line_no,
             gboolean    *too_long,
             GError     **error)
{
  ImportInput *input = user_data;

  if (!admin_line_reader_next (input->reader, line, length, line_no, too_long, error))
    return FALSE;
  if (*line_no > LONG_INPUT_LINES && *line_no % 256 == 0)
    {
      if (input->progress == NULL)
        input->progress = admin_progress_new (_("importing"));
      if (admin_line_reader_size (input->reader) > 0)
        admin_progress_update (input->progress, admin_line_reader_position (input->reader),
                               admin_line_reader_size (input->reader));
      else
        admin_progress_update (input->progress, *line_no, 0);
    }
  return TRUE;
}

/* Prints every issue as "line N: field: message"; returns the number of
 * lines with errors. */
static guint64
import_report (GArray *line_issues)
{
  guint64 bad = 0;

  for (guint i = 0; line_issues != NULL && i < line_issues->len; i++)
    {
      const HtLineIssues *li = &g_array_index (line_issues, HtLineIssues, i);

      for (guint j = 0; j < li->issues->len; j++)
        admin_print_issue (stderr, li->line, li->issues->pdata[j]);
      if (ht_issues_n_errors (li->issues) > 0)
        bad++;
    }
  return bad;
}

static void
print_import_summary (const HtImportSummary *summary)
{
  g_autofree char *records = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *warnings = NULL;

  records = g_strdup_printf (ngettext ("imported %llu record", "imported %llu records", summary->records),
                             (unsigned long long) summary->records);
  fresh = g_strdup_printf (ngettext ("%llu new number", "%llu new numbers", summary->numbered),
                           (unsigned long long) summary->numbered);
  kept = g_strdup_printf (ngettext ("%llu kept from digitised books", "%llu kept from digitised books",
                                    summary->kept),
                          (unsigned long long) summary->kept);
  warnings = g_strdup_printf (ngettext ("%llu warning", "%llu warnings", summary->warnings),
                              (unsigned long long) summary->warnings);
  /* TRANSLATORS: "imported 3 records (2 new numbers, 1 kept from digitised
   * books), 0 warnings". */
  printf (_("%s (%s, %s), %s\n"), records, fresh, kept, warnings);
}

static void
report_nothing_imported (guint64 bad)
{
  admin_error (ngettext ("nothing was imported: %llu line has errors",
                         "nothing was imported: %llu lines have errors", bad),
               (unsigned long long) bad);
}

int
admin_cmd_import (AdminGlobals *globals,
                  int           argc,
                  char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(AdminLineReader) reader = NULL;
  g_autoptr(GArray) line_issues = NULL;
  g_autoptr(GError) error = NULL;
  HtImportSummary summary = { 0 };
  ImportInput input = { NULL, NULL };
  const char *path = NULL;
  guint64 bad;
  gboolean ok;

  context = admin_option_context_new (globals, _("import [FILE|-]"),
                                      _("Imports canonical records, one JSON object per line, from FILE or "
                                        "standard input.  All or nothing: when any line is invalid, nothing "
                                        "is stored and every bad line is reported as “line N: field: "
                                        "message”.  Records carrying book_year and number keep them; the "
                                        "others are numbered in register order."),
                                      NULL);
  if (!admin_option_parse (context, "import", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc > 2)
    return admin_usage_error ("import", _("give one file, or none to read standard input"));
  path = argc == 2 ? argv[1] : NULL;
  if (path == NULL && isatty (STDIN_FILENO))
    return admin_usage_error ("import", _("give a file to import, or “-” to type records on standard input"));
  if (path != NULL && strcmp (path, "-") == 0 && isatty (STDIN_FILENO))
    fprintf (stderr, "%s\n", _("Reading records from the terminal; end with Ctrl-D."));

  /* Open the register first: a wrong --db should not cost a long read. */
  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  reader = admin_line_reader_open (path, HT_RECORD_MAX_BYTES, &error);
  if (reader == NULL)
    {
      admin_error ("%s", error->message);
      admin_error ("%s", _("nothing was imported"));
      return ADMIN_EXIT_FAILURE;
    }

  /* One pass: the store parses, validates and writes as it reads, and
   * keeps only the issues, so a million-line file fits in memory. */
  input.reader = reader;
  ok = ht_store_import_lines (store, import_read, &input, g_get_user_name (), &line_issues, &summary,
                              NULL, NULL, NULL, &error);
  g_clear_pointer (&input.progress, admin_progress_free);

  bad = import_report (line_issues);
  if (!ok)
    {
      /* Invalid records are explained line by line above; any other
       * failure (an unreadable input, a full disk) needs its own words. */
      if (!g_error_matches (error, HT_ERROR, HT_ERROR_INVALID) || bad == 0)
        admin_report_error (ht_store_get_path (store), error);
      if (bad > 0)
        report_nothing_imported (bad);
      else
        admin_error ("%s", _("nothing was imported"));
      return ADMIN_EXIT_FAILURE;
    }
  print_import_summary (&summary);
  return ADMIN_EXIT_OK;
}

/* ---- export ---- */

typedef struct
{
  FILE    *out;
  guint64  count;
  gboolean failed;
} Export;

static gboolean
export_one (const cJSON *record,
            gpointer     user_data)
{
  Export *ex = user_data;
  g_autofree char *text = ht_record_print (record);

  if (fputs (text, ex->out) == EOF || fputc ('\n', ex->out) == EOF)
    {
      ex->failed = TRUE;
      return FALSE;
    }
  ex->count++;
  return TRUE;
}

/* Writes the export to a new file next to "dest" and renames it over
 * "dest" only when complete, so a failed export never leaves half a file
 * that looks like a whole one. */
static int
export_to_file (HtStore     *store,
                const char  *dest,
                const char  *kind,
                const GDate *from,
                const GDate *to)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", dest);
  g_autoptr(GError) error = NULL;
  Export ex = { 0 };
  gboolean ok;
  int fd;

  /* Exports hold personal data: readable by the owner only. */
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      admin_error (_("cannot write %s: %s"), dest, g_strerror (saved));
      return ADMIN_EXIT_FAILURE;
    }
  ex.out = fdopen (fd, "w");
  if (ex.out == NULL)
    {
      close (fd);
      g_unlink (tmp);
      admin_error (_("cannot write %s: %s"), dest, g_strerror (errno));
      return ADMIN_EXIT_FAILURE;
    }
  ok = ht_store_export (store, kind, from, to, export_one, &ex, &error);
  if (fflush (ex.out) != 0 || fsync (fileno (ex.out)) != 0)
    ex.failed = TRUE;
  {
    int saved = errno;
    if (fclose (ex.out) != 0)
      ex.failed = TRUE;
    errno = saved;
  }
  if (!ok || ex.failed)
    {
      int saved = errno;
      g_unlink (tmp);
      if (!ok)
        admin_report_error (ht_store_get_path (store), error);
      else
        admin_error (_("cannot write %s: %s"), dest, g_strerror (saved));
      return ADMIN_EXIT_FAILURE;
    }
  if (g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      admin_error (_("cannot write %s: %s"), dest, g_strerror (saved));
      return ADMIN_EXIT_FAILURE;
    }
  fprintf (stderr, ngettext ("exported %llu record to %s\n", "exported %llu records to %s\n", ex.count),
           (unsigned long long) ex.count, dest);
  return ADMIN_EXIT_OK;
}

int
admin_cmd_export (AdminGlobals *globals,
                  int           argc,
                  char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *out_path = NULL;
  GDate from, to;
  Export ex = { stdout, 0, FALSE };
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only records of this kind"), N_("KIND") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Only records registered on or after DATE"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Only records registered on or before DATE"),
      N_("YYYY-MM-DD") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("export"),
                                      _("Writes the register's records (drafts excepted) as JSON Lines, one "
                                        "canonical record per line, in kind, book year and number order.  "
                                        "The output imports into a new register as the same records."),
                                      entries);
  if (!admin_option_parse (context, "export", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc > 1)
    return admin_usage_error ("export", _("unexpected argument “%s”"), argv[1]);
  if (!admin_check_kind ("export", "--kind", kind) ||
      !admin_parse_date_option ("export", "--from", from_text, &from) ||
      !admin_parse_date_option ("export", "--to", to_text, &to))
    return ADMIN_EXIT_USAGE;
  if (g_date_valid (&from) && g_date_valid (&to) && g_date_compare (&from, &to) > 0)
    return admin_usage_error ("export", _("--from %s is after --to %s"), from_text, to_text);

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  if (out_path != NULL && strcmp (out_path, "-") != 0)
    return export_to_file (store, out_path, kind,
                           g_date_valid (&from) ? &from : NULL, g_date_valid (&to) ? &to : NULL);

  /* Large exports go out in big writes rather than line by line. */
  setvbuf (stdout, NULL, _IOFBF, 1 << 20);
  if (!ht_store_export (store, kind, g_date_valid (&from) ? &from : NULL, g_date_valid (&to) ? &to : NULL,
                        export_one, &ex, &error))
    {
      fflush (stdout);
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  if (fflush (stdout) != 0 || ex.failed || ferror (stdout))
    {
      admin_error (_("cannot write the export to standard output: %s"), g_strerror (errno));
      return ADMIN_EXIT_FAILURE;
    }
  return ADMIN_EXIT_OK;
}
