/* test-sync-kill.c — hotich-sync killed with SIGKILL at random moments, many times, then one clean run.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client may die anywhere: building a batch, waiting for an answer,
 * in the middle of recording answers or of applying a pull page.  The
 * server here waits a little between storing a batch and answering it, so
 * that many kills land in the window where the server has a batch the
 * client never heard about.  After the clean run every change must be on
 * the server exactly once, every PIN back here, and the register must pass
 * "hotich-admin check".
 */
#include <signal.h>
#include <sys/wait.h>

#include "hs-test-main.h"
#include "sync-test-util.h"

#define KILLS 25
#define BIRTHS 5000
/* Changes per request.  With the server's answer delayed by 30 ms, a run
 * needs 250 requests to push the births, about four seconds with two
 * requests in flight however fast the rest is: most of the kills drawn
 * below (20 to 700 ms after the start) then land in the middle of a push,
 * and the test does not depend on how fast this machine syncs.  (With
 * 3000 births and pipelining, the backlog was gone after a dozen runs
 * and the later runs could finish before their kill.) */
#define BATCH "20"

static GPid
spawn_run (const char *path)
{
  const char *argv[] = { g_getenv ("HOTICH_SYNC"), "--db", path, "run", "--batch", BATCH, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  ck_assert_msg (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error),
                 "%s", error != NULL ? error->message : "");
  return pid;
}

START_TEST (test_kill_many_times)
{
  const char *office = hs_test_office ("48", 0);
  g_autofree char *path = st_path ("killed.db");
  g_autoptr(HsTestServer) server = NULL;
  g_autoptr(HtStore) store = st_register_new ("killed.db", office);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  guint32 seed = g_random_int ();
  guint killed = 0, finished = 0;
  int status;

  g_setenv ("HOTICH_TEST_ANSWER_DELAY_MS", "30", TRUE);
  server = hs_test_server_start (st_pg, NULL, &error);
  g_unsetenv ("HOTICH_TEST_ANSWER_DELAY_MS");
  ck_assert_msg (server != NULL, "%s", error != NULL ? error->message : "");

  st_add_births (store, 80000, BIRTHS);
  g_clear_object (&store);
  store = st_enroll (path, hs_test_server_url (server), "clerk", office);
  g_clear_object (&store);

  /* Printed so that a failure can be replayed with the same moments. */
  g_rand_set_seed (rand, seed);
  g_printerr ("kill: seed %u\n", seed);
  for (guint i = 0; i < KILLS; i++)
    {
      GPid pid = spawn_run (path);

      g_usleep ((gulong) g_rand_int_range (rand, 20, 700) * 1000);
      kill (pid, SIGKILL);
      ck_assert_int_eq (waitpid (pid, &status, 0), pid);
      g_spawn_close_pid (pid);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        killed++;
      else
        {
          /* A run that ends before its kill should have synced everything
           * (exit 0); any other ending is printed for whoever reads a
           * failure below. */
          finished++;
          if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
            g_printerr ("kill: run %u ended by itself with status 0x%x\n", i, status);
        }
    }
  g_printerr ("kill: %u runs killed, %u finished before the kill\n", killed, finished);
  ck_assert_uint_ge (killed, KILLS / 2);

  {
    const char *args[] = { "--db", path, "run", NULL };
    g_autofree char *err = NULL;
    int code = st_cli (args, NULL, &err);

    ck_assert_msg (code == 0, "the clean run failed with exit code %d: %s", code, err);
  }

  store = ht_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (st_count_records (store), BIRTHS);
  st_assert_synced (store, NULL);
  st_assert_sound (store);
  g_clear_object (&store);
  st_assert_admin_check (path);
}
END_TEST

int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "kill_many_times", test_kill_many_times },
  };

  return hs_test_main ("sync-kill", cases, G_N_ELEMENTS (cases), &st_pg, &st_server, &st_url, NULL, NULL);
}
