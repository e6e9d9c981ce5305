/* test-record-words.c — printing and key scanning eight bytes at a time answer as byte by byte.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ht_record_print() passes over eight bytes of a string at once when none
 * of them needs escaping, and the key scanner (ht-record-keys-scan.c) passes
 * over eight bytes of a string at once when none is a quote or a backslash.
 * A mistake there shows only when the byte that matters falls at some
 * place in a word, or the string ends at some place: these tests put every
 * such byte at every place of strings of every length up to a few words,
 * and compare with cJSON's printer, and the keys read from texts where the
 * strings start at other places in their words.
 */
#include <check.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-fold.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-record-keys.h"

/* Bytes that need escaping, and some that must not be escaped: the
 * neighbours of each limit, a UTF-8 letter and a byte that is not UTF-8
 * (cJSON prints every byte of 0x80 or more as it is). */
static const char *const pieces[] = { "\"", "\\", "\x01", "\x1f", "\n", "\t", " ", "!", "#", "[", "]", "\x7f",
                                      "\xc3\xa9", "\xff", "\"\\", "\\\"\x02" };

START_TEST (test_print_every_place)
{
  guint compared = 0;

  for (guint len = 0; len <= 33; len++)
    for (guint at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(cJSON) object = cJSON_CreateObject ();
          g_autofree char *ours = NULL;
          char *theirs;

          for (guint i = 0; i < len; i++)
            g_string_append_c (text, (char) ('a' + i % 26));
          g_string_insert (text, at, pieces[k]);
          /* The same text as a value and as a member's name, and a second
           * member so that what follows the string is checked too. */
          cJSON_AddStringToObject (object, text->str, text->str);
          cJSON_AddItemToArray (cJSON_AddArrayToObject (object, "list"), cJSON_CreateString (text->str));
          ours = ht_record_print (object);
          theirs = cJSON_PrintUnformatted (object);
          ck_assert_msg (strcmp (ours, theirs) == 0, "length %u, piece %u at %u:\n%s\nnot\n%s", len, k, at, ours,
                         theirs);
          cJSON_free (theirs);
          compared++;
        }
  ck_assert_uint_gt (compared, 9000);
}
END_TEST

typedef struct
{
  GPtrArray *keys;
  guint      people;
} Collected;

static void
collect (HtKeyType   type,
         const char *value,
         gpointer    user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->keys, g_strdup_printf ("%d %s", (int) type, value));
  if (type == HT_KEY_PERSON)
    c->people++;
}

/* The keys of "text", which must be readable. */
static GPtrArray *
scan (const char *text,
      guint      *people)
{
  Collected c = { g_ptr_array_new_with_free_func (g_free), 0 };

  ck_assert_msg (ht_record_keys_scan (text, FALSE, collect, &c), "not read:\n%s", text);
  if (people != NULL)
    *people = c.people;
  return c.keys;
}

static void
assert_same (GPtrArray  *a,
             GPtrArray  *b,
             const char *text)
{
  ck_assert_msg (a->len == b->len, "%u keys, not %u, in\n%s", a->len, b->len, text);
  for (guint i = 0; i < a->len; i++)
    ck_assert_msg (strcmp (a->pdata[i], b->pdata[i]) == 0, "%s, not %s, in\n%s", (char *) a->pdata[i],
                   (char *) b->pdata[i], text);
}

START_TEST (test_scan_every_place)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_autoptr(cJSON) birth = NULL;
  g_autoptr(GPtrArray) plain_keys = NULL;
  guint plain_people = 0, compared = 0;
  GDate from, to;
  char *line;

  /* A generated birth: its child and parents have names and dates of
   * birth, so each name gives a key. */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2020);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, 2025);
  gen = ht_gen_new ("00004", 11, &from, &to, 200, TRUE, &error);
  ck_assert_msg (gen != NULL, "%s", error ? error->message : "");
  while (birth == NULL && (line = ht_gen_next_line (gen, &error)) != NULL)
    {
      g_autoptr(HtIssues) issues = ht_issues_new ();
      cJSON *record = ht_record_parse (line, -1, issues);

      g_free (line);
      if (record != NULL && g_strcmp0 (ht_record_kind_code (record), "birth") == 0)
        birth = record;
      else if (record != NULL)
        cJSON_Delete (record);
    }
  ck_assert (birth != NULL);
  ck_assert (cJSON_IsString (ht_record_get_path (birth, "data.child.full_name")));
  {
    g_autofree char *text = ht_record_print (birth);
    plain_keys = scan (text, &plain_people);
  }
  ck_assert_uint_gt (plain_people, 0);

  for (guint len = 1; len <= 26; len++)
    for (guint at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
        {
          cJSON *name = (cJSON *) ht_record_get_path (birth, "data.child.full_name");
          g_autoptr(GString) value = g_string_new (NULL);
          g_autofree char *compact = NULL;
          g_autofree char *pretty = NULL;
          g_autofree char *folded = NULL;
          g_autoptr(GPtrArray) compact_keys = NULL;
          g_autoptr(GPtrArray) pretty_keys = NULL;
          guint people = 0;
          gboolean found = FALSE;

          /* Stored records hold only UTF-8, and a name that is not has no key. */
          if (!g_utf8_validate (pieces[k], -1, NULL))
            continue;
          for (guint i = 0; i < len; i++)
            g_string_append_c (value, (char) ('A' + i % 26));
          g_string_insert (value, at, pieces[k]);
          ck_assert (cJSON_SetValuestring (name, value->str) != NULL);

          /* Read from the compact text and from an indented one, where
           * every string starts at another place in its word: the same
           * keys, as many people as before, and the child's among them. */
          compact = ht_record_print (birth);
          pretty = cJSON_Print (birth);
          compact_keys = scan (compact, &people);
          pretty_keys = scan (pretty, NULL);
          assert_same (compact_keys, pretty_keys, compact);
          ck_assert_uint_eq (compact_keys->len, plain_keys->len);
          ck_assert_uint_eq (people, plain_people);
          folded = ht_fold (value->str);
          for (guint i = 0; i < compact_keys->len && !found; i++)
            {
              const char *key = compact_keys->pdata[i];
              g_autofree char *prefix = g_strdup_printf ("%d %s|", (int) HT_KEY_PERSON, folded);

              found = g_str_has_prefix (key, prefix);
            }
          ck_assert_msg (found, "no key of the child's name \"%s\" in\n%s", folded, compact);
          compared++;
        }
  ck_assert_uint_gt (compared, 5000);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("record-words");
  TCase *tc = tcase_create ("record-words");

  tcase_add_test (tc, test_print_every_place);
  tcase_add_test (tc, test_scan_every_place);
  suite_add_tcase (s, tc);
  return ht_check_run (s, CK_FORK);
}
