/* admin-records.c — hotich-admin import and export: records in and out as
 * JSON Lines.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import is all or nothing: every line is parsed first, then the store
 * validates and stores the whole set in one transaction.  Records are kept
 * as parsed trees only, never also as text, because a digitised book can
 * hold a million lines.
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

/* The issues of one line that did not parse (or parsed with warnings). */
typedef struct
{
  guint64   line;
  HtIssues *issues;
} LineIssues;

typedef struct
{
  GPtrArray *records;      /* cJSON*, in line order */
  GArray    *lines;        /* guint64: the line of each record */
  GArray    *parse_issues; /* LineIssues, in line order */
  guint64    n_parse_bad;  /* lines that did not parse */
  guint64    n_kept;       /* records carrying their own book_year/number */
} Import;

static void
line_issues_clear (gpointer data)
{
  LineIssues *li = data;

  g_clear_pointer (&li->issues, g_ptr_array_unref);
}

static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->records, g_ptr_array_unref);
  g_clear_pointer (&imp->lines, g_array_unref);
  g_clear_pointer (&imp->parse_issues, g_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  admin_progress_update (user_data, done, total);
}

/* Reads and parses every line.  FALSE only when the input cannot be read. */
static gboolean
import_parse (Import      *imp,
              const char  *path,
              GError     **error)
{
  g_autoptr(AdminLineReader) reader = NULL;
  g_autoptr(AdminProgress) progress = NULL;
  g_autoptr(GPtrArray) issues = ht_issues_new ();
  const char *line;
  gsize length;
  guint64 line_no;
  gboolean too_long;

  reader = admin_line_reader_open (path, HT_RECORD_MAX_BYTES, error);
  if (reader == NULL)
    return FALSE;

  while (admin_line_reader_next (reader, &line, &length, &line_no, &too_long, error))
    {
      cJSON *record = NULL;

      if (line_no > LONG_INPUT_LINES && line_no % 256 == 0)
        {
          if (progress == NULL)
            progress = admin_progress_new (_("parsing"));
          if (admin_line_reader_size (reader) > 0)
            admin_progress_update (progress, admin_line_reader_position (reader),
                                   admin_line_reader_size (reader));
          else
            admin_progress_update (progress, line_no, 0);
        }

      if (too_long)
        ht_issues_add (issues, "", "too_large", HT_SEVERITY_ERROR,
                       _("the line is longer than %d bytes"), HT_RECORD_MAX_BYTES);
      else
        {
          /* A blank line separates nothing in JSON Lines; skip it. */
          gsize i = 0;
          while (i < length && g_ascii_isspace (line[i]))
            i++;
          if (i == length)
            continue;
          record = ht_record_parse (line, length, issues);
        }

      if (record != NULL)
        {
          if (ht_record_book_year (record) != 0 && ht_record_number (record) != 0)
            imp->n_kept++;
          g_ptr_array_add (imp->records, record);
          g_array_append_val (imp->lines, line_no);
        }
      else
        imp->n_parse_bad++;

      /* The issue list is reused from line to line and only kept when it
       * holds something, so a clean million-line file allocates none. */
      if (issues->len > 0 || record == NULL)
        {
          LineIssues li = { line_no, g_steal_pointer (&issues) };
          if (li.issues->len == 0)
            ht_issues_add (li.issues, "", "invalid", HT_SEVERITY_ERROR, "%s", _("is not a valid record"));
          g_array_append_val (imp->parse_issues, li);
          issues = ht_issues_new ();
        }
    }
  return error == NULL || *error == NULL;
}

/* Validates without storing: when some lines did not parse, the store is
 * not asked to import, yet the clerk should learn about every bad line at
 * once rather than one round at a time.  Number clashes are the store's to
 * find; they show once every line parses. */
static GPtrArray *
import_validate_only (Import  *imp,
                      HtStore *store)
{
  GPtrArray *per_record = g_ptr_array_new_full (imp->records->len, (GDestroyNotify) g_ptr_array_unref);
  HtValidateOptions options;

  ht_validate_options_init (&options);
  options.lookup = ht_store_get_lookup (store);
  options.office = ht_store_get_office (store);
  for (guint i = 0; i < imp->records->len; i++)
    {
      const cJSON *record = imp->records->pdata[i];
      options.digitised = ht_record_book_year (record) != 0 && ht_record_number (record) != 0;
      g_ptr_array_add (per_record, ht_validate (record, &options));
    }
  return per_record;
}

/* Prints the parse issues and the store's issues merged in line order.
 * Returns the number of lines with errors and counts warnings. */
static guint64
import_report (Import    *imp,
               GPtrArray *per_record,
               guint64   *n_warnings)
{
  guint64 bad = 0;
  guint p = 0, r = 0;
  guint n_records = per_record ? MIN (per_record->len, imp->records->len) : 0;

  *n_warnings = 0;
  while (p < imp->parse_issues->len || r < n_records)
    {
      HtIssues *issues;
      guint64 line;

      if (p < imp->parse_issues->len &&
          (r >= n_records ||
           g_array_index (imp->parse_issues, LineIssues, p).line <= g_array_index (imp->lines, guint64, r)))
        {
          LineIssues *li = &g_array_index (imp->parse_issues, LineIssues, p++);
          issues = li->issues;
          line = li->line;
        }
      else
        {
          issues = per_record->pdata[r];
          line = g_array_index (imp->lines, guint64, r++);
        }
      if (issues == NULL)
        continue;
      for (guint i = 0; i < issues->len; i++)
        {
          const HtIssue *issue = issues->pdata[i];
          admin_print_issue (stderr, line, issue);
          if (issue->severity == HT_SEVERITY_WARNING)
            (*n_warnings)++;
        }
      if (ht_issues_n_errors (issues) > 0)
        bad++;
    }
  return bad;
}

static void
print_import_summary (Import  *imp,
                      guint64  n_warnings)
{
  guint64 n = imp->records->len;
  guint64 numbered = 0;
  g_autofree char *records = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *warnings = NULL;

  for (guint i = 0; i < imp->records->len; i++)
    if (ht_record_number (imp->records->pdata[i]) != 0)
      numbered++;
  numbered -= MIN (numbered, imp->n_kept);

  records = g_strdup_printf (ngettext ("imported %llu record", "imported %llu records", n),
                             (unsigned long long) n);
  fresh = g_strdup_printf (ngettext ("%llu new number", "%llu new numbers", numbered),
                           (unsigned long long) numbered);
  kept = g_strdup_printf (ngettext ("%llu kept from digitised books", "%llu kept from digitised books",
                                    imp->n_kept),
                          (unsigned long long) imp->n_kept);
  warnings = g_strdup_printf (ngettext ("%llu warning", "%llu warnings", n_warnings),
                              (unsigned long long) n_warnings);
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
  g_autoptr(GPtrArray) per_record = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Import) imp = { 0 };
  const char *path = NULL;
  guint64 n_warnings = 0;
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

  /* Open the register first: a wrong --db should not cost a long parse. */
  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  imp.records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  imp.lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  imp.parse_issues = g_array_new (FALSE, FALSE, sizeof (LineIssues));
  g_array_set_clear_func (imp.parse_issues, line_issues_clear);

  if (!import_parse (&imp, path, &error))
    {
      admin_error ("%s", error->message);
      admin_error ("%s", _("nothing was imported"));
      return ADMIN_EXIT_FAILURE;
    }

  if (imp.n_parse_bad > 0)
    {
      per_record = import_validate_only (&imp, store);
      bad = import_report (&imp, per_record, &n_warnings);
      report_nothing_imported (bad);
      return ADMIN_EXIT_FAILURE;
    }

  if (imp.records->len == 0)
    {
      print_import_summary (&imp, 0);
      return ADMIN_EXIT_OK;
    }

  {
    g_autoptr(AdminProgress) progress = NULL;
    if (imp.records->len > LONG_INPUT_LINES)
      progress = admin_progress_new (_("storing"));
    ok = ht_store_import (store, imp.records, g_get_user_name (), &per_record,
                          progress ? progress_cb : NULL, progress, NULL, &error);
  }

  bad = import_report (&imp, per_record, &n_warnings);
  if (!ok)
    {
      /* Invalid records are explained line by line above; any other
       * failure (a clashing number, a full disk) needs its own words. */
      if (!g_error_matches (error, HT_ERROR, HT_ERROR_INVALID) || bad == 0)
        admin_report_error (ht_store_get_path (store), error);
      if (bad > 0)
        report_nothing_imported (bad);
      else
        admin_error ("%s", _("nothing was imported"));
      return ADMIN_EXIT_FAILURE;
    }
  print_import_summary (&imp, n_warnings);
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
