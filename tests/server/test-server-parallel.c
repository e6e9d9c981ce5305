/* test-server-parallel.c — hs_parallel_for(): every item once, whatever the split.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>

#include "../ht-check-run.h"
#include "hs-parallel.h"

typedef struct
{
  gint *seen;      /* per item: how many times it was worked on */
  gint  calls;
  gint  too_small; /* chunks below the minimum, but for the last one */
  guint min_chunk;
  guint n;
} Work;

static void
count_cb (guint    begin,
          guint    end,
          gpointer user_data)
{
  Work *w = user_data;

  ck_assert_uint_lt (begin, end);
  ck_assert_uint_le (end, w->n);
  if (end - begin < w->min_chunk && end != w->n)
    g_atomic_int_inc (&w->too_small);
  for (guint i = begin; i < end; i++)
    g_atomic_int_inc (&w->seen[i]);
  g_atomic_int_inc (&w->calls);
}

static void
check_split (guint n,
             guint min_chunk)
{
  Work w = { g_new0 (gint, MAX (n, 1)), 0, 0, min_chunk, n };

  hs_parallel_for (n, min_chunk, count_cb, &w);
  for (guint i = 0; i < n; i++)
    ck_assert_msg (w.seen[i] == 1, "item %u of %u (chunks of %u) worked on %d times", i, n, min_chunk, w.seen[i]);
  ck_assert_int_eq (w.too_small, 0);
  if (n == 0)
    ck_assert_int_eq (w.calls, 0);
  /* Too little work to share stays in one piece on this thread. */
  if (n > 0 && n < 2 * min_chunk)
    ck_assert_int_eq (w.calls, 1);
  g_free (w.seen);
}

START_TEST (test_every_item_once)
{
  static const guint sizes[] = { 0, 1, 63, 64, 127, 128, 129, 200, 1000, 1001, 4097 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      check_split (sizes[s], 64);
      check_split (sizes[s], 1);
      check_split (sizes[s], 0);  /* read as 1 */
    }
}
END_TEST

/* Requests on several threads share the one pool: none waits for
 * another's work, and each gets all of its own done. */
static gpointer
caller_thread (gpointer data)
{
  guint seed = GPOINTER_TO_UINT (data);

  for (guint round = 0; round < 50; round++)
    check_split (100 + (seed * 37 + round * 101) % 2000, 16);
  return NULL;
}

START_TEST (test_concurrent_callers)
{
  GThread *threads[8];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("caller", caller_thread, GUINT_TO_POINTER (t));
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("server-parallel");
  TCase *tc = tcase_create ("parallel");

  tcase_add_test (tc, test_every_item_once);
  tcase_add_test (tc, test_concurrent_callers);
  suite_add_tcase (suite, tc);
  return ht_check_run (suite, CK_FORK);
}
