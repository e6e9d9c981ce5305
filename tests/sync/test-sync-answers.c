/* test-sync-answers.c — push answers read by the plain scanner exactly as by the cJSON tree.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ht_sync_wire_push_results() reads an answer of the plain shape with a
 * scanner of its own and leaves everything else to the cJSON tree reader
 * it used before.  The scanner may give up on any answer, but never read
 * one differently: whatever it accepts, the tree reader must accept with
 * the same results, member for member.  Checked here on the answers the
 * server prints (made here with cJSON the way hotich-server makes them),
 * on hand-made variants of every kind the scanner must give up on or must
 * read, and on many answers with bytes changed at random.
 */
#include <string.h>
#include <check.h>

#include "../ht-check-run.h"
#include "ht-record.h"
#include "ht-sync-wire.h"

#define N_CHANGES 5

static GPtrArray *
some_changes (guint n)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_sync_change_free);

  for (guint i = 0; i < n; i++)
    {
      HtSyncChange *change = g_new0 (HtSyncChange, 1);

      change->entry = g_new0 (HtOutboxEntry, 1);
      change->entry->change_id = g_strdup_printf ("%08x-1111-4111-8111-11111111111%u", i + 1, i % 10);
      change->entry->record_id = g_strdup (change->entry->change_id);
      change->json = g_strdup ("{}");
      g_ptr_array_add (changes, change);
    }
  return changes;
}

/* The answer hotich-server prints (server/hs-push.c, hs_push_result_json),
 * with the statuses, codes and versions given per change. */
static char *
server_answer (GPtrArray         *changes,
               const char *const *statuses,
               const char *const *codes,
               const gint64      *versions,
               gboolean           with_issues)
{
  g_autoptr(cJSON) answer = cJSON_CreateObject ();
  cJSON *results = cJSON_AddArrayToObject (answer, "results");

  for (guint i = 0; i < changes->len; i++)
    {
      const HtSyncChange *change = changes->pdata[i];
      cJSON *json = cJSON_CreateObject ();

      cJSON_AddStringToObject (json, "change_id", change->entry->change_id);
      cJSON_AddStringToObject (json, "status", statuses[i]);
      if (codes[i] != NULL)
        {
          cJSON_AddStringToObject (json, "code", codes[i]);
          cJSON_AddStringToObject (json, "message", "Ngày sinh không hợp lệ");
        }
      else
        {
          cJSON_AddNullToObject (json, "code");
          cJSON_AddNullToObject (json, "message");
        }
      if (versions[i] >= 0)
        cJSON_AddNumberToObject (json, "server_version", (double) versions[i]);
      else
        cJSON_AddNullToObject (json, "server_version");
      if (with_issues && codes[i] != NULL)
        cJSON_AddItemToObject (json, "issues", cJSON_Parse ("[{\"field\":\"birth_date\",\"code\":\"date\"}]"));
      cJSON_AddItemToArray (results, json);
    }
  return cJSON_PrintUnformatted (answer);
}

static void
check_same_results (GPtrArray  *a,
                    GPtrArray  *b,
                    const char *body)
{
  ck_assert_msg (a->len == b->len, "%s", body);
  for (guint i = 0; i < a->len; i++)
    {
      const HtSyncResult *x = a->pdata[i], *y = b->pdata[i];

      ck_assert_msg (x->status == y->status, "%s", body);
      ck_assert_msg (x->server_version == y->server_version, "%s", body);
      ck_assert_msg (g_strcmp0 (x->code, y->code) == 0, "%s", body);
      ck_assert_msg (g_strcmp0 (x->message, y->message) == 0, "%s", body);
      ck_assert_msg (g_strcmp0 (x->issues, y->issues) == 0, "%s", body);
    }
}

/* Reads "body" both ways; TRUE when the scanner took it.  Whatever the
 * scanner takes, the tree reads the same; the public reader answers as the
 * tree does. */
static gboolean
read_both (const char *body,
           gsize       length,
           GPtrArray  *changes)
{
  g_autoptr(GPtrArray) plain = _ht_sync_wire_push_results_plain (body, length, changes);
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tree = _ht_sync_wire_push_results_tree (body, length, changes, &tree_error);
  g_autoptr(GPtrArray) results = ht_sync_wire_push_results (body, length, changes, &error);
  g_autofree char *shown = g_strndup (body, length);

  if (plain != NULL)
    {
      ck_assert_msg (tree != NULL, "the scanner took what the tree refuses: %s (%s)", shown, tree_error->message);
      check_same_results (plain, tree, shown);
    }
  ck_assert_msg ((results == NULL) == (tree == NULL), "%s", shown);
  if (tree != NULL)
    check_same_results (results, tree, shown);
  else
    ck_assert_str_eq (error->message, tree_error->message);
  return plain != NULL;
}

START_TEST (test_server_answers)
{
  g_autoptr(GPtrArray) changes = some_changes (N_CHANGES);
  static const char *const applied[N_CHANGES] = { "applied", "applied", "duplicate", "applied", "applied" };
  static const char *const no_codes[N_CHANGES] = { NULL, NULL, NULL, NULL, NULL };
  static const gint64 versions[N_CHANGES] = { 1, 2, 17, 2147483647, 9 };
  static const char *const refused[N_CHANGES] = { "applied", "rejected", "conflict", "applied", "rejected" };
  static const char *const codes[N_CHANGES] = { NULL, "invalid", "stale_version", NULL, "out_of_scope" };
  static const gint64 refused_versions[N_CHANGES] = { 3, -1, 4, 1, -1 };
  g_autofree char *plain = server_answer (changes, applied, no_codes, versions, FALSE);
  g_autofree char *ascii_refusals = NULL;
  g_autofree char *with_issues = server_answer (changes, refused, codes, refused_versions, TRUE);
  g_autoptr(GPtrArray) results = NULL;

  /* The answers of a push that went through are read by the scanner. */
  ck_assert (read_both (plain, strlen (plain), changes));
  results = _ht_sync_wire_push_results_plain (plain, strlen (plain), changes);
  ck_assert_int_eq (((HtSyncResult *) results->pdata[2])->status, HT_PUSH_DUPLICATE);
  ck_assert_int_eq (((HtSyncResult *) results->pdata[3])->server_version, 2147483647);
  ck_assert_ptr_null (((HtSyncResult *) results->pdata[0])->code);
  /* With findings, or a message in Vietnamese, by the tree, alike. */
  ck_assert (!read_both (with_issues, strlen (with_issues), changes));
  {
    g_autoptr(GString) text = g_string_new (with_issues);

    g_string_replace (text, "Ngày sinh không hợp lệ", "bad date", 0);
    g_string_replace (text, ",\"issues\":[{\"field\":\"birth_date\",\"code\":\"date\"}]", "", 0);
    ascii_refusals = g_string_free (g_steal_pointer (&text), FALSE);
  }
  ck_assert (read_both (ascii_refusals, strlen (ascii_refusals), changes));
  g_clear_pointer (&results, g_ptr_array_unref);
  results = _ht_sync_wire_push_results_plain (ascii_refusals, strlen (ascii_refusals), changes);
  ck_assert_int_eq (((HtSyncResult *) results->pdata[1])->status, HT_PUSH_REJECTED);
  ck_assert_str_eq (((HtSyncResult *) results->pdata[2])->code, "stale_version");
  ck_assert_str_eq (((HtSyncResult *) results->pdata[4])->message, "bad date");
  ck_assert_int_eq (((HtSyncResult *) results->pdata[1])->server_version, -1);
}
END_TEST

#define ID1 "\"change_id\":\"00000001-1111-4111-8111-111111111110\""
#define ID2 "\"change_id\":\"00000002-1111-4111-8111-111111111111\""

START_TEST (test_variants)
{
  g_autoptr(GPtrArray) changes = some_changes (2);
  static const struct
  {
    const char *body;
    gboolean    plain;  /* the scanner takes it */
  } cases[] = {
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1},{" ID2 ",\"status\":\"applied\","
      "\"server_version\":2}]}", TRUE },
    { " {\n\t\"results\" : [ { \"status\" : \"applied\" , \"server_version\" : 5 , " ID1 " } ,\r\n{" ID2
      ",\"server_version\":7,\"status\":\"duplicate\",\"issues\":null,\"code\":null}  ]  } \n", TRUE },
    /* What the scanner leaves to the tree, which reads it or refuses it. */
    { "\xef\xbb\xbf{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1},{" ID2 ",\"status\":\"applied\","
      "\"server_version\":2}]}garbage", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1},{" ID2 ",\"status\":\"applied\","
      "\"server_version\":2}],\"more\":1}", FALSE },
    { "{\"other\":1,\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1,\"server_version\":3},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"appl\\u0069ed\",\"server_version\":1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1.0},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1e1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":01},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":2147483648},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":12345678901},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":-1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":0},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":\"1\"},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1,\"extra\":true},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1,\"issues\":[]},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1,\"code\":5},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2},]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1}]}", FALSE },
    { "{\"results\":[{" ID2 ",\"status\":\"applied\",\"server_version\":1},{" ID1
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\"},{" ID2 ",\"status\":\"applied\",\"server_version\":2}]}",
      FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"rejected\",\"server_version\":1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1},{" ID2
      ",\"status\":\"applied\",\"server_version\":2}", FALSE },
    { "{\"results\":[{" ID1 ",\"status\":\"applied\",\"server_version\":1}\f,{" ID2
      ",\"status\":\"applied\",\"server_version\":2}]}", FALSE },
    { "{\"results\":[]}", FALSE },
    { "[]", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    ck_assert_msg (read_both (cases[i].body, strlen (cases[i].body), changes) == cases[i].plain, "case %u", i);
  /* A change id with a character JSON escapes is compared unescaped by
   * the tree; the scanner leaves it alone. */
  {
    HtSyncChange *change = changes->pdata[0];
    const char *body = "{\"results\":[{\"change_id\":\"a\\\"b\",\"status\":\"applied\",\"server_version\":1},{" ID2
                       ",\"status\":\"applied\",\"server_version\":2}]}";

    g_free (change->entry->change_id);
    change->entry->change_id = g_strdup ("a\"b");
    ck_assert (!read_both (body, strlen (body), changes));
    ck_assert_ptr_nonnull (ht_sync_wire_push_results (body, strlen (body), changes, NULL));
  }
  /* Empty lists are read alike for no changes. */
  {
    g_autoptr(GPtrArray) none = some_changes (0);

    ck_assert (read_both ("{\"results\":[]}", strlen ("{\"results\":[]}"), none));
  }
}
END_TEST

/* Answers with a byte changed, taken out or repeated, at random: the scanner
 * takes some and leaves the others, and never reads one otherwise than the
 * tree. */
START_TEST (test_mutations)
{
  g_autoptr(GPtrArray) changes = some_changes (N_CHANGES);
  static const char *const statuses[N_CHANGES] = { "applied", "rejected", "duplicate", "conflict", "applied" };
  static const char *const codes[N_CHANGES] = { NULL, "invalid", NULL, "stale", NULL };
  static const gint64 versions[N_CHANGES] = { 1, -1, 12, 40, 999 };
  static const char alphabet[] = "{}[]:,\"\\ 0123456789-.enultrfa\x01\x7f\xc3";
  g_autofree char *answer = server_answer (changes, statuses, codes, versions, FALSE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  gsize length;
  guint taken = 0, left = 0;

  {
    g_autoptr(GString) text = g_string_new (answer);

    g_string_replace (text, "Ngày sinh không hợp lệ", "no", 0);
    g_free (answer);
    answer = g_string_free (g_steal_pointer (&text), FALSE);
  }
  length = strlen (answer);
  ck_assert (read_both (answer, length, changes));
  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *body = g_malloc (length + 2);
      gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) length);
      gsize n = length;

      memcpy (body, answer, length);
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          body[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          break;
        case 1:
          memmove (body + at, body + at + 1, length - at - 1);
          n--;
          break;
        default:
          memmove (body + at + 1, body + at, length - at);
          n++;
          break;
        }
      if (read_both (body, n, changes))
        taken++;
      else
        left++;
    }
  /* Both happen: white space, digits and the like keep the shape. */
  ck_assert_uint_gt (taken, 0);
  ck_assert_uint_gt (left, 0);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sync-answers");
  TCase *tc = tcase_create ("answers");

  tcase_add_test (tc, test_server_answers);
  tcase_add_test (tc, test_variants);
  tcase_add_test (tc, test_mutations);
  suite_add_tcase (suite, tc);
  return ht_check_run (suite, CK_FORK);
}
