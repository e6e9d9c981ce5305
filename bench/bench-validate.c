/* bench-validate.c — what parsing, validating and printing a record cost, step by step.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-validate [--records N] [--rounds R] [--seed S] [--office CODE] [--only STEP]
 *
 * Every path that moves records (the bulk import, a single save, the
 * server's push) pays for ht_record_parse(), ht_validate() and the
 * canonical printing, so each of them is timed here on its own, on one
 * thread, over the same generated records, beside the raw cJSON parse and
 * print of the same lines as a yardstick.  The figures are printed, never
 * asserted (DESIGN.md "Testing and measuring"); each step is run "rounds"
 * times and the fastest round is kept, which is what the code costs when
 * the machine does not get in the way.  "--only STEP" runs a single step in
 * a loop, for perf.
 */
#define G_LOG_DOMAIN "bench-validate"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ht-date.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-validate.h"

static gint64 opt_records = 20000;
static gint64 opt_rounds = 3;
static gint64 opt_seed = 1;
static char *opt_office;
static char *opt_only;

static const GOptionEntry entries[] = {
  { "records", 0, 0, G_OPTION_ARG_INT64, &opt_records, "Records to generate (default 20000)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT64, &opt_rounds, "Times each step runs; the fastest counts (default 3)", "R" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generated records (default 1)", "S" },
  { "office", 0, 0, G_OPTION_ARG_STRING, &opt_office, "Commune code of the records (default 00004)", "CODE" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Run only this step (its name as printed), for a profiler", "STEP" },
  { NULL }
};

/* CPU time of this thread: the steps run on one thread, and other work on
 * the machine does not count against them. */
static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- A register that holds nothing ---- */

/* The rules that ask the register get the answers of an empty one, so the
 * timing holds everything of those rules but the database: building the
 * keys they ask with and reading the (empty) answers. */
typedef struct
{
  guint64 asked;
} EmptyRegister;

static cJSON *
empty_resolve_ref (gpointer     user_data,
                   const cJSON *ref)
{
  ((EmptyRegister *) user_data)->asked++;
  return NULL;
}

static cJSON *
empty_find_person (gpointer    user_data,
                   const char *kind,
                   const char *pin,
                   const char *doc_number,
                   const char *folded_name,
                   const char *date_of_birth)
{
  ((EmptyRegister *) user_data)->asked++;
  return cJSON_CreateArray ();
}

static cJSON *
empty_find_referencing (gpointer    user_data,
                        const char *id)
{
  ((EmptyRegister *) user_data)->asked++;
  return cJSON_CreateArray ();
}

/* ---- The steps ---- */

typedef struct
{
  GPtrArray         *lines;    /* the JSON Lines, canonical */
  GPtrArray         *raw;      /* cJSON_Parse of each line */
  GPtrArray         *canon;    /* ht_record_parse of each line, derived */
  HtValidateOptions  plain;    /* no register: what the server's engine alone pays */
  HtValidateOptions  looking;  /* the empty register */
  HtLookup           lookup;
  EmptyRegister      reg;
  GString           *text;
  HtValidation      *validation; /* one serves record after record, as in the import */
  /* For the second pass alone: each record's first pass, done before
   * timing, and how many findings it left (where the second inserts). */
  GPtrArray         *begun;
  GArray            *begun_found;
  guint64            sink;     /* keeps the compiler from dropping work */
  guint64            errors;   /* error findings seen (must be 0) */
} Bench;

typedef void (*StepFunc) (Bench *b, guint i);

static void
step_cjson (Bench *b,
            guint  i)
{
  cJSON *root = cJSON_Parse (b->lines->pdata[i]);
  char *text = cJSON_PrintUnformatted (root);

  b->sink += strlen (text);
  cJSON_free (text);
  cJSON_Delete (root);
}

static void
step_parse (Bench *b,
            guint  i)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) record = ht_record_parse (b->lines->pdata[i], -1, issues);

  b->errors += ht_issues_n_errors (issues) + (record == NULL);
}

static void
step_canonicalize (Bench *b,
                   guint  i)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) record = ht_record_canonicalize (b->raw->pdata[i], issues);

  b->errors += ht_issues_n_errors (issues) + (record == NULL);
}

static void
step_derive (Bench *b,
             guint  i)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();

  /* The records were derived once already: this is the cost of
   * computing and comparing, which every save pays. */
  ht_record_derive (b->canon->pdata[i], &b->plain, issues);
  b->errors += ht_issues_n_errors (issues);
}

static void
step_validate (Bench *b,
               guint  i)
{
  g_autoptr(HtIssues) issues = ht_validate (b->canon->pdata[i], &b->plain);

  b->errors += ht_issues_n_errors (issues);
}

static void
step_validate_lookup (Bench *b,
                      guint  i)
{
  g_autoptr(HtIssues) issues = ht_validate (b->canon->pdata[i], &b->looking);

  b->errors += ht_issues_n_errors (issues);
}

static void
step_validate_two_pass (Bench *b,
                        guint  i)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();

  if (ht_validate_begin (b->validation, b->canon->pdata[i], &b->looking, issues))
    ht_validate_finish (b->validation, b->canon->pdata[i], &b->looking, issues);
  b->errors += ht_issues_n_errors (issues);
}

/* What the import's writer thread pays for validation: the second pass,
 * the rules that ask the register.  The findings of the first pass are
 * stood in for by empty slots, so the second pass inserts where it would. */
static void
step_validate_finish (Bench *b,
                      guint  i)
{
  HtValidation *validation = b->begun->pdata[i];
  g_autoptr(GPtrArray) issues = NULL;

  if (validation == NULL)
    return;
  issues = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_issue_free);
  g_ptr_array_set_size (issues, g_array_index (b->begun_found, guint, i));
  ht_validate_finish (validation, b->canon->pdata[i], &b->looking, issues);
  for (guint j = 0; j < issues->len; j++)
    if (issues->pdata[j] != NULL && ((HtIssue *) issues->pdata[j])->severity == HT_SEVERITY_ERROR)
      b->errors++;
}

static void
step_print (Bench *b,
            guint  i)
{
  b->sink += strlen (ht_record_print_into (b->canon->pdata[i], b->text));
}

static void
step_chain (Bench *b,
            guint  i)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) record = ht_record_parse (b->lines->pdata[i], -1, issues);
  g_autoptr(HtIssues) found = NULL;

  if (record == NULL)
    {
      b->errors++;
      return;
    }
  ht_record_derive (record, &b->plain, issues);
  found = ht_validate (record, &b->looking);
  b->errors += ht_issues_n_errors (issues) + ht_issues_n_errors (found);
  b->sink += strlen (ht_record_print_into (record, b->text));
}

static void
step_server (Bench *b,
             guint  i)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) record = ht_record_canonicalize (b->raw->pdata[i], issues);
  g_autoptr(HtIssues) found = NULL;
  char *text;

  if (record == NULL)
    {
      b->errors++;
      return;
    }
  found = ht_validate (record, &b->plain);
  text = cJSON_PrintUnformatted (record);
  b->sink += strlen (text);
  cJSON_free (text);
  b->errors += ht_issues_n_errors (issues) + ht_issues_n_errors (found);
}

typedef struct
{
  const char *name;
  const char *what;
  StepFunc    func;
} Step;

static const Step steps[] = {
  { "cjson", "cJSON_Parse + cJSON_PrintUnformatted (yardstick)", step_cjson },
  { "parse", "ht_record_parse (text → canonical tree)", step_parse },
  { "canonicalize", "ht_record_canonicalize (cJSON tree → canonical)", step_canonicalize },
  { "derive", "ht_record_derive", step_derive },
  { "validate", "ht_validate, no register (engine + rules)", step_validate },
  { "validate-lookup", "ht_validate, empty register (rules that ask)", step_validate_lookup },
  { "validate-2pass", "ht_validate_begin + _finish, empty register", step_validate_two_pass },
  { "validate-finish", "ht_validate_finish alone (the import writer's part)", step_validate_finish },
  { "print", "ht_record_print_into", step_print },
  { "chain", "parse + derive + validate (register) + print", step_chain },
  { "server", "canonicalize + validate + cJSON_PrintUnformatted", step_server },
};

/* Runs a step over every record "rounds" times and returns the fastest
 * round's CPU seconds. */
static double
time_step (Bench      *b,
           const Step *step,
           guint       rounds)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < rounds; r++)
    {
      double t0 = thread_cpu_s (), t;

      for (guint i = 0; i < b->lines->len; i++)
        step->func (b, i);
      t = thread_cpu_s () - t0;
      best = MIN (best, t);
    }
  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time parsing, validation and printing of records");
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  Bench b = { 0 };
  GDate from, to;
  const char *office;
  double yardstick = 0;
  char *line;
  guint n;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-validate: %s\n", error->message);
      return 2;
    }
  if (opt_records < 1 || opt_records > 10000000 || opt_rounds < 1 || opt_rounds > 1000 ||
      opt_seed < 0 || opt_seed > G_MAXUINT32)
    {
      g_printerr ("bench-validate: --records must be 1 to 10000000, --rounds 1 to 1000\n");
      return 2;
    }
  if (opt_only != NULL)
    {
      gboolean known = FALSE;
      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        known |= g_str_equal (steps[s].name, opt_only);
      if (!known)
        {
          g_printerr ("bench-validate: unknown step %s\n", opt_only);
          return 2;
        }
    }
  n = (guint) opt_records;
  office = opt_office ? opt_office : "00004";

  /* Ten years of a commune's books ending today, as bench-store makes. */
  ht_date_today (&to);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&to) - 10);
  gen = ht_gen_new (office, (guint32) opt_seed, &from, &to, n, FALSE, &error);
  if (gen == NULL)
    {
      g_printerr ("bench-validate: %s\n", error->message);
      return 1;
    }
  b.lines = g_ptr_array_new_with_free_func (g_free);
  b.raw = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  b.canon = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  b.text = g_string_sized_new (4096);
  b.validation = ht_validation_new ();
  b.begun = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_validation_free);
  b.begun_found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_printerr ("Generating %u records for office %s …\n", n, office);
  while ((line = ht_gen_next_line (gen, &error)) != NULL)
    g_ptr_array_add (b.lines, line);
  if (error != NULL)
    {
      g_printerr ("bench-validate: %s\n", error->message);
      return 1;
    }

  ht_validate_options_init (&b.plain);
  b.plain.office = office;
  b.looking = b.plain;
  b.lookup = (HtLookup) { &b.reg, empty_resolve_ref, empty_find_person, empty_find_referencing };
  b.looking.lookup = &b.lookup;

  for (guint i = 0; i < b.lines->len; i++)
    {
      g_autoptr(HtIssues) issues = ht_issues_new ();
      cJSON *record = ht_record_parse (b.lines->pdata[i], -1, issues);

      if (record == NULL)
        {
          const HtIssue *first = issues->pdata[0];
          g_printerr ("bench-validate: record %u: %s: %s\n", i + 1, first->field, first->message);
          return 1;
        }
      ht_record_derive (record, &b.plain, issues);
      g_ptr_array_add (b.canon, record);
      g_ptr_array_add (b.raw, cJSON_Parse (b.lines->pdata[i]));
      {
        g_autoptr(HtIssues) found = ht_issues_new ();
        HtValidation *validation = ht_validation_new ();
        guint n_found;

        if (!ht_validate_begin (validation, record, &b.looking, found))
          g_clear_pointer (&validation, ht_validation_free);
        n_found = found->len;
        g_ptr_array_add (b.begun, validation);
        g_array_append_val (b.begun_found, n_found);
      }
    }

  if (opt_only != NULL)
    {
      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        if (g_str_equal (steps[s].name, opt_only))
          {
            double t = time_step (&b, &steps[s], (guint) opt_rounds);
            g_print ("%-16s %8.2f µs per record\n", steps[s].name, t * 1e6 / n);
          }
    }
  else
    {
      g_print ("bench-validate: %u records of office %s, one thread, CPU time, best of %u rounds\n",
               n, office, (guint) opt_rounds);
      g_print ("  %-16s %10s %12s %8s  %s\n", "step", "µs/record", "records/s", "× cJSON", "what");
      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        {
          double t = time_step (&b, &steps[s], (guint) opt_rounds);
          double us = t * 1e6 / n;

          if (s == 0)
            yardstick = us;
          g_print ("  %-16s %10.2f %12.0f %8.2f  %s\n", steps[s].name, us, n / MAX (t, 1e-9),
                   us / MAX (yardstick, 1e-9), steps[s].what);
        }
    }
  if (b.errors > 0)
    {
      /* Generated records are valid: an error here is a bug, in the
       * generator or in the checks, and the figures mean nothing. */
      g_printerr ("bench-validate: %" G_GUINT64_FORMAT " error findings on valid records\n", b.errors);
      return 1;
    }
  g_printerr ("(register asked %" G_GUINT64_FORMAT " times; %" G_GUINT64_FORMAT " bytes printed)\n",
              b.reg.asked, b.sink);
  g_string_free (b.text, TRUE);
  ht_validation_free (b.validation);
  g_ptr_array_unref (b.begun);
  g_array_unref (b.begun_found);
  g_ptr_array_unref (b.canon);
  g_ptr_array_unref (b.raw);
  g_ptr_array_unref (b.lines);
  return 0;
}
