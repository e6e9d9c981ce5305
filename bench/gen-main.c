/* gen-main.c — hotich-gen: prints realistic records as JSON Lines.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hotich-gen --office CODE --count N [--seed S] [--from DATE] [--to DATE] [--numbered]
 *
 * The output is what `hotich-admin import` reads: one canonical record a
 * line.  Without --numbered the register numbers them on import; with it
 * they carry book_year and number as entries of a digitised book do.
 */
#define G_LOG_DOMAIN "hotich-gen"

#include <stdio.h>
#include <stdlib.h>
#include <locale.h>

#include "ht-date.h"
#include "ht-gen.h"

static char *opt_office;
static gint64 opt_count = -1;
static gint64 opt_seed = 1;
static char *opt_from;
static char *opt_to;
static gboolean opt_numbered;

static const GOptionEntry entries[] = {
  { "office", 0, 0, G_OPTION_ARG_STRING, &opt_office, "Commune code of the register office (5 digits)", "CODE" },
  { "count", 0, 0, G_OPTION_ARG_INT64, &opt_count, "How many records to print", "N" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the random sequence (default 1)", "S" },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, "First registration day (default 1 January two years ago)", "YYYY-MM-DD" },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, "Last registration day (default today)", "YYYY-MM-DD" },
  { "numbered", 0, 0, G_OPTION_ARG_NONE, &opt_numbered, "Give book_year and number, as a digitised book", NULL },
  { NULL }
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  GDate from, to;
  char *line;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— print realistic civil-status records as JSON Lines");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hotich-gen: %s\n", error->message);
      return 2;
    }
  if (opt_office == NULL || opt_count < 0)
    {
      g_printerr ("hotich-gen: --office and --count are required\n");
      return 2;
    }
  if (opt_seed < 0 || opt_seed > G_MAXUINT32)
    {
      g_printerr ("hotich-gen: --seed must be between 0 and %u\n", G_MAXUINT32);
      return 2;
    }

  ht_date_today (&to);
  if (opt_to != NULL && !ht_date_parse (opt_to, &to))
    {
      g_printerr ("hotich-gen: --to %s is not a YYYY-MM-DD date\n", opt_to);
      return 2;
    }
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&to) - 2);
  if (opt_from != NULL && !ht_date_parse (opt_from, &from))
    {
      g_printerr ("hotich-gen: --from %s is not a YYYY-MM-DD date\n", opt_from);
      return 2;
    }

  gen = ht_gen_new (opt_office, (guint32) opt_seed, &from, &to, (guint64) opt_count, opt_numbered, &error);
  if (gen == NULL)
    {
      g_printerr ("hotich-gen: %s\n", error->message);
      return 1;
    }
  while ((line = ht_gen_next_line (gen, &error)) != NULL)
    {
      fputs (line, stdout);
      fputc ('\n', stdout);
      g_free (line);
    }
  if (error != NULL)
    {
      g_printerr ("hotich-gen: %s\n", error->message);
      return 1;
    }
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr ("hotich-gen: cannot write the output\n");
      return 1;
    }
  return 0;
}
