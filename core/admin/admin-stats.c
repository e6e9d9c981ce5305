/* admin-stats.c — hotich-admin stats: the Ministry's figures of a period,
 * and the locked reports of the periods already submitted.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   stats [PERIOD] [--format text|json|csv|xlsx|pdf] [--out FILE]
 *   stats lock PERIOD [--json]
 *   stats show PERIOD [--json]
 *   stats list [--json]
 *   stats periods [--year Y] [--set NAME=MM-DD..MM-DD | --reset NAME]
 *
 * where PERIOD is "--period NAME --year Y" (an official period) or
 * "--from DATE --to DATE".  The figures come from core/ht-stats-store.c;
 * the JSON is the very shape of the server's GET /api/v1/stats.
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-record.h"
#include "ht-stats-format.h"
#include "ht-stats-months.h"
#include "ht-stats-pdf.h"
#include "ht-stats-store.h"
#include "admin.h"

/* No year was given. */
#define NO_YEAR G_MININT

/* ---- The period options, shared by stats, lock and show ---- */

typedef struct
{
  char         *period_text;
  int           year;
  char         *from_text;
  char         *to_text;
  /* Resolved: */
  HtStatsPeriod period;
  GDate         from;
  GDate         to;
} PeriodArgs;

static void
period_args_clear (PeriodArgs *args)
{
  g_clear_pointer (&args->period_text, g_free);
  g_clear_pointer (&args->from_text, g_free);
  g_clear_pointer (&args->to_text, g_free);
}

/* One command runs per process: the period options live here, so that
 * stats, lock and show share one table of them. */
static PeriodArgs period_args = { .year = NO_YEAR };

static const GOptionEntry period_entries[] = {
  { "period", 'p', 0, G_OPTION_ARG_STRING, &period_args.period_text,
    N_("An official period: 6-months, preliminary-year or year (with --year)"), N_("NAME") },
  { "year", 'y', 0, G_OPTION_ARG_INT, &period_args.year, N_("The year of the official period"), N_("YEAR") },
  { "from", 0, 0, G_OPTION_ARG_STRING, &period_args.from_text, N_("First registration date counted"),
    N_("YYYY-MM-DD") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &period_args.to_text, N_("Last registration date counted"),
    N_("YYYY-MM-DD") },
  G_OPTION_ENTRY_NULL
};

/* Checks the options alone (a bad command line is status 2 and must not
 * need the register); "required" says whether a period must be given. */
static gboolean
period_args_check (const char *command,
                   PeriodArgs *args,
                   gboolean    required)
{
  args->period = HT_STATS_PERIOD_CUSTOM;
  g_date_clear (&args->from, 1);
  g_date_clear (&args->to, 1);

  if (args->period_text != NULL)
    {
      if (args->from_text != NULL || args->to_text != NULL)
        {
          admin_usage_error (command, _("give either --period with --year, or --from and --to, not both"));
          return FALSE;
        }
      if (!ht_stats_period_from_string (args->period_text, &args->period)
          || args->period == HT_STATS_PERIOD_CUSTOM)
        {
          admin_usage_error (command, _("--period: “%s” is not a reporting period; the periods are "
                                        "6-months, preliminary-year and year"),
                             args->period_text);
          return FALSE;
        }
      if (args->year == NO_YEAR)
        {
          admin_usage_error (command, _("--period %s needs --year"), args->period_text);
          return FALSE;
        }
      if (args->year < 1900 || args->year > 9998)
        {
          admin_usage_error (command, _("--year: %d is not a year between 1900 and 9998"), args->year);
          return FALSE;
        }
      return TRUE;
    }

  if (args->year != NO_YEAR)
    {
      admin_usage_error (command, _("--year goes with --period"));
      return FALSE;
    }
  if (!admin_parse_date_option (command, "--from", args->from_text, &args->from)
      || !admin_parse_date_option (command, "--to", args->to_text, &args->to))
    return FALSE;
  if ((args->from_text == NULL) != (args->to_text == NULL))
    {
      admin_usage_error (command, _("give both --from and --to"));
      return FALSE;
    }
  if (args->from_text == NULL && required)
    {
      admin_usage_error (command, _("give a period: --period NAME --year YEAR, or --from DATE --to DATE"));
      return FALSE;
    }
  if (args->from_text != NULL && g_date_compare (&args->from, &args->to) > 0)
    {
      admin_usage_error (command, _("--from %s is after --to %s"), args->from_text, args->to_text);
      return FALSE;
    }
  return TRUE;
}

/* The dates of an official period, with the register's own cut-offs. */
static gboolean
period_args_resolve (PeriodArgs *args,
                     HtStore    *store)
{
  g_autoptr(GError) error = NULL;

  if (args->period == HT_STATS_PERIOD_CUSTOM)
    return TRUE;
  if (!ht_stats_store_period_range (store, args->period, args->year, &args->from, &args->to, &error))
    {
      admin_report_error (ht_store_get_path (store), error);
      return FALSE;
    }
  return TRUE;
}

static int
args_year (const PeriodArgs *args)
{
  return args->period == HT_STATS_PERIOD_CUSTOM ? 0 : args->year;
}

/* ---- Output ---- */

/* Writes "text" to "path" (a new file renamed over it when complete), or
 * to standard output when path is NULL or "-". */
static gboolean
write_output (const char *path,
              const char *text)
{
  g_autofree char *tmp = NULL;
  gsize length = strlen (text);
  gboolean ok;
  int fd, saved;

  if (path == NULL || strcmp (path, "-") == 0)
    {
      if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
        {
          admin_error (_("cannot write to standard output: %s"), g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  tmp = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      admin_error (_("cannot write %s: %s"), path, g_strerror (errno));
      return FALSE;
    }
  ok = TRUE;
  for (gsize done = 0; ok && done < length;)
    {
      gssize n = write (fd, text + done, length - done);
      if (n < 0 && errno == EINTR)
        continue;
      ok = n > 0;
      done += n > 0 ? (gsize) n : 0;
    }
  ok = ok && fsync (fd) == 0;
  saved = errno;
  if (close (fd) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      ok = FALSE;
      saved = errno;
    }
  if (!ok)
    {
      g_unlink (tmp);
      admin_error (_("cannot write %s: %s"), path, g_strerror (saved));
    }
  return ok;
}

static gboolean
write_json (const char  *path,
            const cJSON *json)
{
  g_autofree char *text = cJSON_Print (json);
  g_autofree char *line = g_strconcat (text, "\n", NULL);

  return write_output (path, line);
}

/* ---- stats ---- */

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
  FORMAT_XLSX,
  FORMAT_PDF,
} Format;

static gboolean
parse_format (const char *command,
              const char *text,
              Format     *out)
{
  static const char *const names[] = { "text", "json", "csv", "xlsx", "pdf" };

  *out = FORMAT_TEXT;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      {
        *out = (Format) i;
        return TRUE;
      }
  admin_usage_error (command, _("--format: “%s” is not a format; the formats are text, json, csv, xlsx and pdf"), text);
  return FALSE;
}

/* Says on standard error when the figures printed belong to a locked
 * report, which "stats show" compares with them. */
static void
note_locked (HtStore          *store,
             const PeriodArgs *args)
{
  g_autoptr(HtStatsReport) report = ht_stats_report_find (store, &args->from, &args->to, NULL);

  if (report != NULL)
    fprintf (stderr, _("note: this period was locked on %s by %s; “hotich-admin stats show” "
                       "compares the locked figures with these\n"),
             report->locked_at, report->locked_by);
}

static int
cmd_compute (AdminGlobals *globals,
             int           argc,
             char        **argv)
{
  PeriodArgs *args = &period_args;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *out_path = NULL;
  Format format;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("text (the forms, default), json, csv, xlsx or pdf"),
      N_("FORMAT") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("stats [lock|show|list|periods]"),
                                      _("Prints the figures of the Ministry's forms 13a and 14a for a period "
                                        "of registration dates: an official period (--period 6-months, "
                                        "preliminary-year or year, with --year) or any range (--from, --to).  "
                                        "Drafts and revoked entries never count.  “stats lock” keeps the "
                                        "figures of a submitted period, “stats show” compares them with the "
                                        "register, “stats list” lists the locked reports and “stats "
                                        "periods” shows or sets the dates of the official periods."),
                                      entries);
  g_option_context_add_main_entries (context, period_entries, GETTEXT_PACKAGE);
  if (!admin_option_parse (context, "stats", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc > 1)
    return admin_usage_error ("stats", _("unexpected argument “%s”"), argv[1]);
  if (!period_args_check ("stats", args, TRUE) || !parse_format ("stats", format_text, &format))
    return ADMIN_EXIT_USAGE;
  if (format == FORMAT_XLSX && (out_path == NULL || strcmp (out_path, "-") == 0))
    return admin_usage_error ("stats", _("--format xlsx needs --out FILE"));
  if (format == FORMAT_PDF && (out_path == NULL || strcmp (out_path, "-") == 0))
    return admin_usage_error ("stats", _("--format pdf needs --out FILE"));

  store = admin_open_store (globals);
  if (store == NULL || !period_args_resolve (args, store))
    return ADMIN_EXIT_FAILURE;

  stats = ht_stats_compute (store, &args->from, &args->to, NULL, &error);
  if (stats == NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  json = ht_stats_to_json (stats);
  note_locked (store, args);

  switch (format)
    {
    case FORMAT_JSON:
      ok = write_json (out_path, json);
      break;
    case FORMAT_CSV:
      {
        g_autofree char *csv = ht_stats_to_csv (stats);
        ok = write_output (out_path, csv);
      }
      break;
    case FORMAT_XLSX:
      ok = ht_stats_write_xlsx (json, args->period, args_year (args), out_path, &error);
      if (!ok)
        admin_error ("%s", error->message);
      break;
    case FORMAT_PDF:
      {
        /* The charts also show births per month and within a year, which
         * the statistics JSON does not hold (see ht-stats-months.h). */
        g_autoptr(cJSON) charts = ht_stats_compute_birth_months (store, &args->from, &args->to, NULL, &error);
        g_autoptr(cJSON) figures = charts != NULL ? ht_stats_figures_with_charts (json, charts) : NULL;

        ok = figures != NULL
             && ht_stats_write_pdf (figures, args->period, args_year (args), NULL, out_path, &error);
        if (!ok)
          admin_error ("%s", error->message);
      }
      break;
    case FORMAT_TEXT:
    default:
      {
        g_autofree char *text = ht_stats_format_text (json, args->period, args_year (args));
        ok = write_output (out_path, text);
      }
      break;
    }
  return ok ? ADMIN_EXIT_OK : ADMIN_EXIT_FAILURE;
}

/* ---- lock ---- */

static char *
report_title (const HtStatsReport *report)
{
  g_autofree char *from = ht_date_format (&report->from);
  g_autofree char *to = ht_date_format (&report->to);

  if (report->period == HT_STATS_PERIOD_CUSTOM)
    /* TRANSLATORS: a custom reporting period, "2026-01-01 to 2026-03-31". */
    return g_strdup_printf (_("%s to %s"), from, to);
  /* TRANSLATORS: "6 months 2026, 2026-01-01 to 2026-05-31". */
  return g_strdup_printf (_("%s %d, %s to %s"), ht_stats_period_label (report->period), report->year, from, to);
}

/* The common start of "stats lock" and "stats show": the period options,
 * no other argument, the period's dates and the register.  Returns
 * ADMIN_EXIT_OK with *store set, or the exit code to end with. */
static int
period_command_open (AdminGlobals    *globals,
                     GOptionContext  *context,
                     const char      *command,
                     PeriodArgs      *args,
                     int             *argc,
                     char          ***argv,
                     HtStore        **store)
{
  g_option_context_add_main_entries (context, period_entries, GETTEXT_PACKAGE);
  if (!admin_option_parse (context, command, argc, argv))
    return ADMIN_EXIT_USAGE;
  if (*argc > 1)
    return admin_usage_error (command, _("unexpected argument “%s”"), (*argv)[1]);
  if (!period_args_check (command, args, TRUE))
    return ADMIN_EXIT_USAGE;

  *store = admin_open_store (globals);
  if (*store == NULL || !period_args_resolve (args, *store))
    return ADMIN_EXIT_FAILURE;
  return ADMIN_EXIT_OK;
}

static int
cmd_lock (AdminGlobals *globals,
          int           argc,
          char        **argv)
{
  PeriodArgs *args = &period_args;
  int status;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtStatsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the locked report as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("stats lock PERIOD"),
                                      _("Locks the figures of a submitted period: they are kept as they are "
                                        "now, with the list of the period's entries, and “stats show” later "
                                        "compares them with the register.  Records can still be edited.  A "
                                        "period is locked once."),
                                      entries);
  status = period_command_open (globals, context, "stats lock", args, &argc, &argv, &store);
  if (status != ADMIN_EXIT_OK)
    return status;

  report = ht_stats_report_lock (store, args->period, args_year (args), &args->from, &args->to,
                                 g_get_user_name (), NULL, &error);
  if (report == NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  if (json)
    {
      g_autoptr(cJSON) out = ht_stats_report_to_json (report);
      return write_json (NULL, out) ? ADMIN_EXIT_OK : ADMIN_EXIT_FAILURE;
    }
  {
    g_autofree char *title = report_title (report);
    /* TRANSLATORS: "locked report 3: 6 months 2026, 2026-01-01 to 2026-05-31". */
    printf (_("locked report %" PRId64 ": %s\n"), report->id, title);
  }
  return ADMIN_EXIT_OK;
}

/* ---- show ---- */

static void
print_record_list (GString     *out,
                   const cJSON *records,
                   const char  *name,
                   const char  *heading)
{
  const cJSON *list = cJSON_GetObjectItemCaseSensitive (records, name);
  const cJSON *entry;

  g_string_append_printf (out, "%s (%d)\n", heading, cJSON_GetArraySize (list));
  cJSON_ArrayForEach (entry, list)
    {
      const char *kind = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (entry, "kind"));
      const char *id = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (entry, "id"));
      const char *on = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (entry, "registered_on"));
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (entry, "book_year");
      const cJSON *number = cJSON_GetObjectItemCaseSensitive (entry, "number");

      if (id == NULL)
        {
          g_string_append_printf (out, "  %s\n", _("(a record no longer in the register)"));
          continue;
        }
      g_string_append_printf (out, "  %s/%" PRId64 "/%" PRId64 "  %s  %s\n", kind != NULL ? kind : "?",
                              cJSON_IsNumber (year) ? (gint64) year->valuedouble : 0,
                              cJSON_IsNumber (number) ? (gint64) number->valuedouble : 0,
                              on != NULL ? on : "-", id);
    }
}

/* A figure of a statistics JSON as printed in the difference. */
static char *
figure_text (const cJSON *json,
             const char  *key)
{
  const char *dot = strchr (key, '.');
  g_autofree char *section = g_strndup (key, dot - key);
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (json, section), dot + 1);

  if (!cJSON_IsNumber (value))
    return g_strdup ("-");
  return g_strdup_printf (strstr (key, ".mean_") != NULL ? "%.1f" : "%.0f", value->valuedouble);
}

static char *
show_text (const HtStatsReport *report,
           const cJSON         *changes)
{
  const cJSON *current = cJSON_GetObjectItemCaseSensitive (changes, "current");
  const cJSON *difference = cJSON_GetObjectItemCaseSensitive (changes, "difference");
  const cJSON *records = cJSON_GetObjectItemCaseSensitive (changes, "records");
  g_autofree char *title = report_title (report);
  g_autofree char *form = ht_stats_format_text (report->figures, report->period, report->year);
  GString *out = g_string_new (NULL);

  /* TRANSLATORS: "Report 3: 6 months 2026, 2026-01-01 to 2026-05-31, locked on <time> by <user>". */
  g_string_append_printf (out, _("Report %" PRId64 ": %s, locked on %s by %s\n"), report->id, title,
                          report->locked_at, report->locked_by);
  g_string_append_printf (out, "%s\n\n%s\n", _("The figures as they were locked:"), form);

  g_string_append_printf (out, "%s\n", _("Entries of the period changed since the lock:"));
  print_record_list (out, records, "added", _("added"));
  print_record_list (out, records, "edited", _("edited"));
  print_record_list (out, records, "revoked", _("revoked"));
  print_record_list (out, records, "removed", _("moved out of the period"));
  g_string_append_c (out, '\n');

  if (ht_stats_json_difference_is_zero (difference))
    {
      g_string_append_printf (out, "%s\n", _("Every figure is still the one locked."));
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, "%s\n", _("Figures that changed since the lock (locked → now):"));
  for (const char *const *key = ht_stats_format_keys (); *key != NULL; key++)
    {
      g_autofree char *before = figure_text (report->figures, *key);
      g_autofree char *now = figure_text (current, *key);

      if (strcmp (before, now) != 0)
        g_string_append_printf (out, "  %-42s %8s → %s\n", *key, before, now);
    }
  return g_string_free (out, FALSE);
}

static int
cmd_show (AdminGlobals *globals,
          int           argc,
          char        **argv)
{
  PeriodArgs *args = &period_args;
  int status;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtStatsReport) report = NULL;
  g_autoptr(cJSON) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print {\"report\", \"current\", \"difference\", \"records\"} as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("stats show PERIOD"),
                                      _("Shows a locked report: the figures as they were locked, the entries of "
                                        "the period added, edited, revoked or moved out since, and every figure "
                                        "that differs now."),
                                      entries);
  status = period_command_open (globals, context, "stats show", args, &argc, &argv, &store);
  if (status != ADMIN_EXIT_OK)
    return status;

  report = ht_stats_report_find (store, &args->from, &args->to, &error);
  if (report != NULL)
    changes = ht_stats_report_changes (store, report, NULL, &error);
  if (changes == NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(cJSON) out = cJSON_CreateObject ();
      cJSON_AddItemToObject (out, "report", ht_stats_report_to_json (report));
      cJSON_AddItemReferenceToObject (out, "current", cJSON_GetObjectItemCaseSensitive (changes, "current"));
      cJSON_AddItemReferenceToObject (out, "difference", cJSON_GetObjectItemCaseSensitive (changes, "difference"));
      cJSON_AddItemReferenceToObject (out, "records", cJSON_GetObjectItemCaseSensitive (changes, "records"));
      ok = write_json (NULL, out);
    }
  else
    {
      g_autofree char *text = show_text (report, changes);
      ok = write_output (NULL, text);
    }

  /* Figures that are not those the audit log recorded mean the file was
   * edited outside the register: say so, and fail like a failed check. */
  if (!report->intact)
    {
      admin_error (_("the stored figures of report %" PRId64 " are not those recorded in the audit log when it "
                     "was locked: the register file was altered"),
                   report->id);
      return ADMIN_EXIT_FAILURE;
    }
  return ok ? ADMIN_EXIT_OK : ADMIN_EXIT_FAILURE;
}

/* ---- list ---- */

static int
cmd_list (AdminGlobals *globals,
          int           argc,
          char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the reports as a JSON array"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("stats list"), _("Lists the locked reports, oldest first."),
                                      entries);
  if (!admin_option_parse (context, "stats list", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc > 1)
    return admin_usage_error ("stats list", _("unexpected argument “%s”"), argv[1]);

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  reports = ht_stats_report_list (store, &error);
  if (reports == NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(cJSON) out = cJSON_CreateArray ();
      for (guint i = 0; i < reports->len; i++)
        cJSON_AddItemToArray (out, ht_stats_report_to_json (reports->pdata[i]));
      return write_json (NULL, out) ? ADMIN_EXIT_OK : ADMIN_EXIT_FAILURE;
    }
  if (reports->len == 0)
    {
      printf ("%s\n", _("no report has been locked"));
      return ADMIN_EXIT_OK;
    }
  for (guint i = 0; i < reports->len; i++)
    {
      const HtStatsReport *report = reports->pdata[i];
      g_autofree char *title = report_title (report);

      /* TRANSLATORS: "3  6 months 2026, 2026-01-01 to 2026-05-31  locked on <time> by <user>". */
      printf (_("%" PRId64 "  %s  locked on %s by %s%s\n"), report->id, title, report->locked_at,
              report->locked_by, report->intact ? "" : _(" (ALTERED)"));
    }
  return ADMIN_EXIT_OK;
}

/* ---- periods ---- */

static int
cmd_periods (AdminGlobals *globals,
             int           argc,
             char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *set = NULL;
  g_autofree char *reset = NULL;
  int year = NO_YEAR;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year whose periods are shown (default: this year)"),
      N_("YEAR") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set, N_("Set a period's first and last day for this register"),
      N_("NAME=MM-DD..MM-DD") },
    { "reset", 0, 0, G_OPTION_ARG_STRING, &reset, N_("Go back to a period's built-in dates"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("stats periods"),
                                      _("Shows the dates of the official reporting periods of a year.  The "
                                        "built-in dates follow TT 03/2019/TT-BTP; when the province asks for "
                                        "others, --set changes them for this register."),
                                      entries);
  if (!admin_option_parse (context, "stats periods", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc > 1)
    return admin_usage_error ("stats periods", _("unexpected argument “%s”"), argv[1]);
  if (set != NULL && reset != NULL)
    return admin_usage_error ("stats periods", _("give either --set or --reset, not both"));
  if (year == NO_YEAR)
    {
      GDate today;
      ht_date_today (&today);
      year = g_date_get_year (&today);
    }
  else if (year < 1900 || year > 9998)
    return admin_usage_error ("stats periods", _("--year: %d is not a year between 1900 and 9998"), year);

  {
    const char *name = set != NULL ? set : reset;
    g_autofree char *period_name = NULL;
    const char *cutoff = NULL;
    HtStatsPeriod period = HT_STATS_PERIOD_CUSTOM;

    if (name != NULL)
      {
        const char *eq = set != NULL ? strchr (set, '=') : NULL;

        if (set != NULL && eq == NULL)
          return admin_usage_error ("stats periods", _("--set needs NAME=MM-DD..MM-DD"));
        period_name = eq != NULL ? g_strndup (name, eq - name) : g_strdup (name);
        cutoff = eq != NULL ? eq + 1 : NULL;
        if (!ht_stats_period_from_string (period_name, &period) || period == HT_STATS_PERIOD_CUSTOM)
          return admin_usage_error ("stats periods", _("“%s” is not a reporting period; the periods are "
                                                       "6-months, preliminary-year and year"),
                                    period_name);
        if (cutoff != NULL && !ht_stats_period_cutoff_valid (cutoff, &error))
          return admin_usage_error ("stats periods", "%s", error->message);
      }

    store = admin_open_store (globals);
    if (store == NULL)
      return ADMIN_EXIT_FAILURE;
    if (name != NULL && !ht_stats_store_set_cutoff (store, period, cutoff, &error))
      {
        admin_report_error (ht_store_get_path (store), error);
        return ADMIN_EXIT_FAILURE;
      }
  }

  for (guint i = 0; i < HT_STATS_N_OFFICIAL_PERIODS; i++)
    {
      HtStatsPeriod period = ht_stats_official_periods[i];
      gboolean overridden = FALSE;
      g_autofree char *cutoff = ht_stats_store_get_cutoff (store, period, &overridden);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      GDate d_from, d_to;

      if (!ht_stats_store_period_range (store, period, year, &d_from, &d_to, &error))
        {
          admin_report_error (ht_store_get_path (store), error);
          return ADMIN_EXIT_FAILURE;
        }
      from = ht_date_format (&d_from);
      to = ht_date_format (&d_to);
      printf ("%-18s %s .. %s  %s%s\n", ht_stats_period_to_string (period), from, to,
              ht_stats_period_label (period), overridden ? _(" (set for this register)") : "");
    }
  return ADMIN_EXIT_OK;
}

/* ---- Dispatch ---- */

int
admin_cmd_stats (AdminGlobals *globals,
                 int           argc,
                 char        **argv)
{
  static const struct
  {
    const char      *name;
    AdminCommandFunc func;
  } subcommands[] = {
    { "lock", cmd_lock },
    { "show", cmd_show },
    { "list", cmd_list },
    { "periods", cmd_periods },
  };

  AdminCommandFunc func = cmd_compute;
  int status;

  /* "stats" alone computes; a first argument that is a subcommand's name
   * hands over, the subcommand seeing its name as argv[0]. */
  if (argc > 1 && argv[1][0] != '-')
    {
      func = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        if (strcmp (argv[1], subcommands[i].name) == 0)
          func = subcommands[i].func;
      if (func == NULL)
        return admin_usage_error ("stats", _("unknown subcommand “%s”; the subcommands are lock, show, list and "
                                             "periods"),
                                  argv[1]);
      argc--;
      argv++;
    }
  status = func (globals, argc, argv);
  period_args_clear (&period_args);
  return status;
}
