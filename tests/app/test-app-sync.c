/* test-app-sync.c — the header bar's sync indicator against the real server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A throwaway PostgreSQL and the real hotich-server (tests/server/
 * pg-harness.c); the real window under Xvfb.  The PC is enrolled through
 * the Sync page, a birth is registered while the server is down (the
 * indicator says offline, one change waiting), and when the server comes
 * back the scheduler notices by itself, the record reaches the server and
 * the indicator says it is up to date.
 */
#include <signal.h>
#include <string.h>

#include "app-test-util.h"
#include "ht-form-view.h"
#include "ht-record-view.h"
#include "ht-sync-indicator.h"
#include "ht-sync-scheduler.h"
#include "ht-sync-view.h"
#include "ht-test-util.h"
#include "pg-harness.h"

static HsPg *pg;
static HsTestServer *server;
static char *dir;

static void
setup (void)
{
  dir = ht_test_tmpdir ();
}

static void
teardown (void)
{
  ht_test_rmtree (dir);
  g_clear_pointer (&dir, g_free);
}

static const char *
indicator_text (HtWindow *window)
{
  return ht_sync_indicator_get_text (HT_SYNC_INDICATOR (ht_window_get_view (window, "sync-indicator")));
}

START_TEST (indicator_follows_the_server)
{
  g_autofree char *path = app_test_make_register (dir, "admin", "admin", "secret");
  g_autofree char *code = hs_test_enroll_code (hs_pg_conninfo (pg), "clerk", "00004");
  g_autoptr(GError) error = NULL;
  HtWindow *window = app_test_window (path);
  HtSyncScheduler *scheduler;
  HtForm *form;
  g_autofree char *id = NULL;
  const char *params[2] = { NULL, NULL };

  app_test_sign_in (window, "admin", "secret");
  scheduler = HT_SYNC_SCHEDULER (ht_session_get_sync (ht_window_get_session (window)));
  ck_assert (!ht_sync_scheduler_get_enrolled (scheduler));
  ck_assert (!ht_window_get_action_enabled (window, "win.sync-now"));

  /* Enrolled on the Sync page: sync starts at once and finds nothing to do. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "sync");
  ht_sync_view_enrol (HT_SYNC_VIEW (ht_window_get_view (window, "sync")), hs_test_server_url (server), code);
  WAIT_FOR (ht_sync_scheduler_get_enrolled (scheduler), "the enrolment");
  WAIT_FOR (g_strcmp0 (indicator_text (window), "Up to date") == 0, "the first sync");
  ck_assert (ht_window_get_action_enabled (window, "win.sync-now"));

  /* The server goes away; a birth is registered offline. */
  hs_test_server_kill (server, SIGKILL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-registration", "s", "birth");
  WAIT_FOR (g_strcmp0 (ht_window_get_page (window), "form") == 0, "the form");
  form = ht_form_view_get_form (HT_FORM_VIEW (ht_window_get_view (window, "form")));
  app_test_fill_birth (form, "Phan Thị Yến", "10/11/2026", "Phan Thị Hoa");
  WAIT_FOR (ht_form_get_valid (form), "a valid form");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL);
  app_test_answer (window, "register");
  app_test_answer (window, "close");
  WAIT_FOR (ht_record_view_get_record (HT_RECORD_VIEW (ht_window_get_view (window, "record"))) != NULL,
            "the record");
  id = g_strdup (ht_record_view_get_id (HT_RECORD_VIEW (ht_window_get_view (window, "record"))));
  WAIT_FOR (ht_sync_scheduler_get_pending (scheduler) == 1, "the change waiting");

  /* "Sync now" finds no server: offline, and the change still waits. */
  ht_sync_scheduler_set_retry_interval (scheduler, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL);
  WAIT_FOR (ht_sync_scheduler_get_state (scheduler) == HT_SYNC_SCHEDULER_OFFLINE, "offline");
  WAIT_FOR (g_strcmp0 (indicator_text (window), "1 waiting") == 0, "the indicator offline");

  /* The server comes back: the scheduler notices by itself and sends. */
  ck_assert_msg (hs_test_server_restart (server, &error), "%s", error ? error->message : "");
  WAIT_FOR (ht_sync_scheduler_get_pending (scheduler) == 0 &&
            ht_sync_scheduler_get_state (scheduler) == HT_SYNC_SCHEDULER_IDLE, "the change sent");
  WAIT_FOR (g_strcmp0 (indicator_text (window), "Up to date") == 0, "the indicator up to date");
  params[0] = id;
  ck_assert_int_eq (hs_pg_query_int (pg, "SELECT count(*) FROM records WHERE id = $1::uuid", params), 1);
  app_test_close (window);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("app-sync");
  TCase *tc = tcase_create ("indicator");
  g_autoptr(GError) error = NULL;
  SRunner *runner;
  int failed;

  app_test_init ();
  pg = hs_pg_start_or_skip ();
  server = hs_test_server_start (pg, NULL, &error);
  if (server == NULL)
    g_error ("%s", error->message);

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, indicator_follows_the_server);
  suite_add_tcase (suite, tc);
  runner = srunner_create (suite);
  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  hs_test_server_free (server);
  hs_pg_stop (pg);
  return failed == 0 ? 0 : 1;
}
