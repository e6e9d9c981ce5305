/* test-record-paths.c — the fast paths of parsing and validating answer as the general ones do.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ht_record_parse() moves values out of the tree cJSON made instead of
 * copying them, and trusts cJSON's strings to be UTF-8; matching members
 * with fields takes one ordered walk when the members come in canonical
 * order; ht_fold() looks Vietnamese letters up in a table; printing
 * writes the canonical text without cJSON's printer.  Each has a
 * general way beside it (ht_record_canonicalize() of a tree the caller
 * keeps, look-ups by name, decomposing each letter), and these tests hold
 * the two to the same answers, on records of every kind and on broken
 * variants of them: same findings in the same order, same canonical text.
 *
 * Usage: test-record-paths FIXTURES.jsonl (records of every kind).
 */
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-fold.h"
#include "ht-gen.h"
#include "ht-record.h"

#define OFFICE "00004"
#define GENERATED 300

static const char *fixtures_path;

/* The fixtures and generated records, as JSON Lines. */
static GPtrArray *
sample_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_auto(GStrv) fixtures = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GDate from, to;
  char *line;

  ck_assert_msg (g_file_get_contents (fixtures_path, &text, NULL, &error), "%s", error ? error->message : "");
  fixtures = g_strsplit (text, "\n", -1);
  for (guint i = 0; fixtures[i] != NULL; i++)
    if (fixtures[i][0] == '{')
      g_ptr_array_add (lines, g_strdup (fixtures[i]));
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2016);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, 2025);
  gen = ht_gen_new (OFFICE, 7, &from, &to, GENERATED, TRUE, &error);
  ck_assert_msg (gen != NULL, "%s", error ? error->message : "");
  while ((line = ht_gen_next_line (gen, &error)) != NULL)
    g_ptr_array_add (lines, line);
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  ck_assert_uint_gt (lines->len, GENERATED);
  return lines;
}

/* Findings and canonical text as one string, to compare answers whole. */
static char *
describe (const cJSON *record,
          HtIssues    *issues)
{
  GString *out = g_string_new (NULL);
  g_autofree char *text = record ? ht_record_print (record) : NULL;

  for (guint i = 0; i < issues->len; i++)
    {
      const HtIssue *issue = issues->pdata[i];
      g_string_append_printf (out, "%s|%s|%d|%s\n", issue->field, issue->code, issue->severity, issue->message);
    }
  g_string_append (out, text ? text : "(none)");
  return g_string_free (out, FALSE);
}

/* The members of every object of "node" in reverse order, in place. */
static void
reverse_members (cJSON *node)
{
  g_autoptr(GPtrArray) members = NULL;
  cJSON *item;

  if (!cJSON_IsObject (node) && !cJSON_IsArray (node))
    return;
  for (item = node->child; item != NULL; item = item->next)
    reverse_members (item);
  if (!cJSON_IsObject (node))
    return;
  members = g_ptr_array_new ();
  for (item = node->child; item != NULL; item = item->next)
    g_ptr_array_add (members, item);
  node->child = NULL;
  /* Linked again from the last: an object's members are a list like an
   * array's, and keep their names. */
  for (guint k = members->len; k-- > 0;)
    {
      item = members->pdata[k];
      item->next = item->prev = NULL;
      cJSON_AddItemToArray (node, item);
    }
}

/* Broken variants of a line, made on the text and on the tree: what
 * clients get wrong, and what moving values must not get wrong. */
static GPtrArray *
variants (const char *line,
          guint       seed)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(cJSON) tree = cJSON_Parse (line);
  GRand *rand = g_rand_new_with_seed (seed);
  const char *comma;

  g_ptr_array_add (out, g_strdup (line));
  if (tree == NULL)
    {
      g_rand_free (rand);
      return out;
    }
  {
    g_autoptr(cJSON) reversed = cJSON_Duplicate (tree, TRUE);
    reverse_members (reversed);
    g_ptr_array_add (out, cJSON_PrintUnformatted (reversed));
  }
  /* A member repeated, one unknown, a text decomposed (NFD), a control
   * character, a wrong type, a value missing: at random places. */
  comma = strstr (line + g_rand_int_range (rand, 0, (gint32) strlen (line) / 2), ",\"");
  if (comma != NULL)
    {
      const char *end = strchr (comma + 1, ',');
      if (end != NULL)
        g_ptr_array_add (out, g_strdup_printf ("%.*s%.*s%s", (int) (end - line), line,
                                               (int) (end - comma), comma, end));
      g_ptr_array_add (out, g_strdup_printf ("%.*s,\"zz\":1%s", (int) (comma - line), line, comma));
      g_ptr_array_add (out, g_strdup_printf ("%.*s,\"zz\":\"\\u0000\"%s", (int) (comma - line), line, comma));
    }
  {
    g_autofree char *nfd = g_utf8_normalize (line, -1, G_NORMALIZE_NFD);
    g_ptr_array_add (out, g_steal_pointer (&nfd));
  }
  for (guint k = 0; k < 6; k++)
    {
      /* Replace the k-th string value found from a random place. */
      const char *at = strstr (line + g_rand_int_range (rand, 0, (gint32) strlen (line)), "\":\"");
      static const char *const instead[] = { "\"a\\tb\"", "12", "null", "{}", "\"2024-02-30\"", "\"Đ\\u0301\"" };
      const char *end;

      if (at == NULL || (end = strchr (at + 3, '"')) == NULL)
        continue;
      g_ptr_array_add (out, g_strdup_printf ("%.*s%s%s", (int) (at + 2 - line), line, instead[k], end + 1));
    }
  g_rand_free (rand);
  return out;
}

/* ht_record_parse(), which takes its tree apart, and
 * ht_record_canonicalize() of a tree the caller keeps, say the same. */
START_TEST (test_parse_as_canonicalize)
{
  g_autoptr(GPtrArray) lines = sample_lines ();
  guint compared = 0, refused = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(GPtrArray) texts = variants (lines->pdata[i], i);

      for (guint j = 0; j < texts->len; j++)
        {
          const char *text = texts->pdata[j];
          g_autoptr(HtIssues) parse_issues = ht_issues_new ();
          g_autoptr(HtIssues) canon_issues = ht_issues_new ();
          g_autoptr(cJSON) parsed = ht_record_parse (text, -1, parse_issues);
          g_autoptr(cJSON) source = cJSON_ParseWithOpts (text, NULL, TRUE);
          g_autofree char *before = source ? cJSON_PrintUnformatted (source) : NULL;
          g_autoptr(cJSON) canon = NULL;
          g_autofree char *a = NULL, *b = NULL, *after = NULL;

          if (source == NULL)
            continue;
          canon = ht_record_canonicalize (source, canon_issues);
          a = describe (parsed, parse_issues);
          b = describe (canon, canon_issues);
          ck_assert_msg (g_str_equal (a, b), "line %u variant %u:\n%s\nparse:\n%s\ncanonicalize:\n%s", i + 1, j, text, a, b);
          /* The caller's tree is left as it was. */
          after = cJSON_PrintUnformatted (source);
          ck_assert_str_eq (before, after);
          compared++;
          refused += parsed == NULL;
        }
    }
  /* Both valid and broken records were compared. */
  ck_assert_uint_gt (compared, 1000);
  ck_assert_uint_gt (refused, 300);
  ck_assert_uint_gt (compared - refused, 300);
}
END_TEST

/* ht_record_print() writes what cJSON_PrintUnformatted() writes: on
 * records, on the raw trees of broken variants, and on the numbers and
 * texts cJSON has rules of its own for. */
START_TEST (test_print_as_cjson)
{
  g_autoptr(GPtrArray) lines = sample_lines ();
  g_autoptr(GString) into = g_string_new (NULL);
  static const double numbers[] = { 0, -0.0, 1, -1, 2024, 1.5, -2.25, 1e300, 1e-300, 2147483647.0, 2147483648.0,
                                    -2147483648.0, -2147483649.0, 9007199254740991.0, 0.1, 123456789012.0 };
  g_autoptr(cJSON) odd = cJSON_CreateObject ();
  guint compared = 0;

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    cJSON_AddItemToArray (cJSON_AddArrayToObject (odd, "n"), cJSON_CreateNumber (numbers[i]));
  for (guint ch = 1; ch < 0x80; ch++)
    {
      char text[4] = { 'a', (char) ch, 'b', 0 };
      cJSON_AddItemToArray (cJSON_AddArrayToObject (odd, text), cJSON_CreateString (text));
    }
  cJSON_AddItemToObject (odd, "empty", cJSON_CreateObject ());
  cJSON_AddItemToObject (odd, "none", cJSON_CreateArray ());
  cJSON_AddItemToObject (odd, "nfd", cJSON_CreateString ("Nguye\u0302\u0303n Ư \u00e9"));
  cJSON_AddItemToObject (odd, "raw", cJSON_CreateRaw ("[1, 2]"));
  g_ptr_array_add (lines, cJSON_PrintUnformatted (odd));
  cJSON_DeleteItemFromObject (odd, "raw");
  g_ptr_array_add (lines, cJSON_PrintUnformatted (odd));
  {
    g_autofree char *ours = ht_record_print (odd);
    char *theirs = cJSON_PrintUnformatted (odd);
    ck_assert_str_eq (ours, theirs);
    cJSON_free (theirs);
  }

  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(GPtrArray) texts = variants (lines->pdata[i], i + 1000);

      for (guint j = 0; j < texts->len; j++)
        {
          g_autoptr(cJSON) tree = cJSON_Parse (texts->pdata[j]);
          g_autoptr(HtIssues) issues = ht_issues_new ();
          g_autoptr(cJSON) record = ht_record_parse (texts->pdata[j], -1, issues);
          char *theirs;
          g_autofree char *ours = NULL;

          if (tree == NULL)
            continue;
          theirs = cJSON_PrintUnformatted (tree);
          ours = ht_record_print (tree);
          ck_assert_str_eq (ours, theirs);
          ck_assert_str_eq (ht_record_print_into (tree, into), theirs);
          cJSON_free (theirs);
          if (record != NULL)
            {
              theirs = cJSON_PrintUnformatted (record);
              ck_assert_str_eq (ht_record_print_into (record, into), theirs);
              cJSON_free (theirs);
            }
          compared++;
        }
    }
  ck_assert_uint_gt (compared, 1000);
}
END_TEST

/* A record whose members are in no particular order (built in code)
 * validates as its canonical form does, and canonicalises to it. */
START_TEST (test_member_order)
{
  g_autoptr(GPtrArray) lines = sample_lines ();
  HtValidateOptions options;

  ht_validate_options_init (&options);
  g_date_set_dmy (&options.today, 1, G_DATE_JANUARY, 2026);
  options.office = OFFICE;
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(HtIssues) issues = ht_issues_new ();
      g_autoptr(cJSON) record = ht_record_parse (lines->pdata[i], -1, issues);
      g_autoptr(cJSON) reversed = NULL;
      g_autoptr(cJSON) again = NULL;
      g_autoptr(HtIssues) in_order = NULL;
      g_autoptr(HtIssues) out_of_order = NULL;
      g_autoptr(HtIssues) again_issues = ht_issues_new ();
      g_autoptr(HtIssues) derive_a = ht_issues_new ();
      g_autoptr(HtIssues) derive_b = ht_issues_new ();
      g_autofree char *a = NULL, *b = NULL, *text = NULL, *text_again = NULL;

      ck_assert_msg (record != NULL, "line %u does not parse", i + 1);
      reversed = cJSON_Duplicate (record, TRUE);
      reverse_members (reversed);
      ht_record_derive (record, &options, derive_a);
      ht_record_derive (reversed, &options, derive_b);
      a = describe (NULL, derive_a);
      b = describe (NULL, derive_b);
      ck_assert_str_eq (a, b);
      g_clear_pointer (&a, g_free);
      g_clear_pointer (&b, g_free);

      in_order = ht_validate (record, &options);
      out_of_order = ht_validate (reversed, &options);
      a = describe (NULL, in_order);
      b = describe (NULL, out_of_order);
      ck_assert_msg (g_str_equal (a, b), "line %u:\nin order:\n%s\nreversed:\n%s", i + 1, a, b);

      again = ht_record_canonicalize (reversed, again_issues);
      ck_assert_uint_eq (again_issues->len, 0);
      text = ht_record_print (record);
      text_again = ht_record_print (again);
      ck_assert_str_eq (text, text_again);
    }
}
END_TEST

/* Letters looked up in the table fold as their decomposed spelling does. */
START_TEST (test_fold_letters)
{
  static const gunichar ranges[][2] = { { 0x00A0, 0x0250 }, { 0x1E00, 0x1F00 } };
  guint checked = 0;

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (gunichar c = ranges[r][0]; c < ranges[r][1]; c++)
      {
        char letter[8] = { 0 };
        g_autofree char *text = NULL, *nfd = NULL, *folded = NULL, *folded_nfd = NULL;

        if (!g_unichar_validate (c))
          continue;
        g_unichar_to_utf8 (c, letter);
        text = g_strdup_printf ("  A%s %s\tb%s ", letter, letter, letter);
        nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
        folded = ht_fold (text);
        folded_nfd = ht_fold (nfd);
        ck_assert_msg (g_str_equal (folded, folded_nfd), "U+%04X: %s / %s", c, folded, folded_nfd);
        checked++;
      }
  ck_assert_uint_gt (checked, 400);
  /* What the index relies on, spelled out. */
  {
    g_autofree char *a = ht_fold ("  Nguyễn   Văn\u00a0Đăng ");
    g_autofree char *b = ht_fold ("ĐẶNG THỊ Ư\u00a0Ơ");
    ck_assert_str_eq (a, "nguyen van dang");
    ck_assert_str_eq (b, "dang thi u o");
  }
}
END_TEST

static Suite *
paths_suite (void)
{
  Suite *s = suite_create ("record-paths");
  TCase *tc = tcase_create ("paths");

  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_parse_as_canonicalize);
  tcase_add_test (tc, test_member_order);
  tcase_add_test (tc, test_print_as_cjson);
  tcase_add_test (tc, test_fold_letters);
  suite_add_tcase (s, tc);
  return s;
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FIXTURES.jsonl\n", argv[0]);
      return 2;
    }
  fixtures_path = argv[1];
  return ht_check_run (paths_suite (), CK_FORK);
}
