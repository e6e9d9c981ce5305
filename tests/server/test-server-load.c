/* test-server-load.c — many devices at once, and a server killed in the middle of a run.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <check.h>

#include "hs-test-main.h"

static HsPg *pg;
static HsTestServer *server;
static const char *url;

/* The records pushed by a run, and how many of them the database holds. */
static gint64
stored (GPtrArray  *ids,
        const char *table)
{
  GString *array = g_string_new ("{");
  g_autofree char *sql = NULL;
  const char *params[2] = { NULL, NULL };
  gint64 n;

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (array, "%s%s", i > 0 ? "," : "", (const char *) g_ptr_array_index (ids, i));
  g_string_append_c (array, '}');
  params[0] = array->str;
  if (g_str_equal (table, "records"))
    sql = g_strdup ("SELECT count(*) FROM records WHERE id = ANY ($1::uuid[])");
  else if (g_str_equal (table, "record_heads"))
    sql = g_strdup ("SELECT count(*) FROM record_heads WHERE id = ANY ($1::uuid[]) AND content_version = 1");
  else if (g_str_equal (table, "changes"))
    sql = g_strdup ("SELECT count(DISTINCT change_id) FROM change_log WHERE record_id = ANY ($1::uuid[])");
  else if (g_str_equal (table, "log_pins"))
    sql = g_strdup ("SELECT count(*) FROM change_log WHERE op = 'record' AND pin IS NOT NULL"
                    " AND record_id = ANY ($1::uuid[])");
  else if (g_str_equal (table, "change_log"))
    sql = g_strdup ("SELECT count(*) FROM change_log WHERE op = 'record' AND record_id = ANY ($1::uuid[])");
  else
    sql = g_strdup ("SELECT count(*) FROM pins WHERE record_id = ANY ($1::uuid[])");
  n = hs_pg_query_int (pg, sql, params);
  g_string_free (array, TRUE);
  return n;
}

/* ---- 20 devices at once ---- */

#define DEVICES 20
#define BATCHES 5
#define PER_BATCH 20

typedef struct
{
  HsTestDevice *device;
  guint         index;
  GPtrArray    *ids;
  guint         applied;
  char         *failure;
} Worker;

static gpointer
push_worker (gpointer data)
{
  Worker *w = data;
  g_autoptr(HsClient) client = hs_client_new (url, w->device->token);
  gint64 number = hs_test_block_first (w->device, "birth");

  for (guint b = 0; b < BATCHES && w->failure == NULL; b++)
    {
      cJSON *changes = cJSON_CreateArray ();
      g_autoptr(cJSON) batch = NULL;
      g_autoptr(HsResponse) r = NULL;

      for (guint i = 0; i < PER_BATCH; i++)
        {
          g_autoptr(cJSON) birth = hs_test_birth (w->device->office, w->index * 1000 + b * PER_BATCH + i, number++, NULL);
          g_ptr_array_add (w->ids, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id"))));
          cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
        }
      batch = hs_test_batch (changes);
      r = hs_client_json (client, "POST", "/api/v1/push", batch);
      if (r->status != 200)
        {
          w->failure = g_strdup_printf ("batch %u: %ld %s", b, r->status, r->body != NULL ? r->body : r->error);
          break;
        }
      for (guint i = 0; i < PER_BATCH; i++)
        if (g_strcmp0 (hs_test_status (r, i), "applied") == 0)
          w->applied++;
        else
          w->failure = g_strdup_printf ("batch %u change %u: %s", b, i, r->body);
    }
  return NULL;
}

START_TEST (test_concurrent_devices)
{
  Worker workers[DEVICES];
  GThread *threads[DEVICES];
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  /* Two PCs in each of ten offices: their number blocks must keep apart. */
  for (guint i = 0; i < DEVICES; i++)
    {
      workers[i].device = hs_test_enroll (pg, url, "clerk", hs_test_office ("01", 30 + i / 2));
      workers[i].index = i;
      workers[i].ids = g_ptr_array_new_with_free_func (g_free);
      workers[i].applied = 0;
      workers[i].failure = NULL;
    }
  for (guint i = 0; i < DEVICES; i++)
    threads[i] = g_thread_new ("device", push_worker, &workers[i]);
  for (guint i = 0; i < DEVICES; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < DEVICES; i++)
    {
      ck_assert_msg (workers[i].failure == NULL, "device %u: %s", i, workers[i].failure);
      ck_assert_uint_eq (workers[i].applied, BATCHES * PER_BATCH);
      for (guint j = 0; j < workers[i].ids->len; j++)
        g_ptr_array_add (all, g_ptr_array_index (workers[i].ids, j));
    }

  /* Every record stored exactly once, with one change, one log row and
   * one personal ID number. */
  ck_assert_int_eq (stored (all, "records"), DEVICES * BATCHES * PER_BATCH);
  ck_assert_int_eq (stored (all, "record_heads"), DEVICES * BATCHES * PER_BATCH);
  ck_assert_int_eq (stored (all, "changes"), DEVICES * BATCHES * PER_BATCH);
  ck_assert_int_eq (stored (all, "change_log"), DEVICES * BATCHES * PER_BATCH);
  ck_assert_int_eq (stored (all, "pins"), DEVICES * BATCHES * PER_BATCH);
  ck_assert_int_eq (stored (all, "log_pins"), DEVICES * BATCHES * PER_BATCH);

  for (guint i = 0; i < DEVICES; i++)
    {
      g_ptr_array_unref (workers[i].ids);
      hs_test_device_free (workers[i].device);
    }
}
END_TEST

/* ---- A server killed in the middle of a run ---- */

#define RUN_BATCHES 24
#define RUN_PER_BATCH 40

typedef struct
{
  const char *url;
  const char *token;
  const char *office;
  gint64      first_number;
  GPtrArray  *ids;
  gint        done;       /* batches answered */
  guint       retries;
  guint       duplicates;
  guint       applied;
  char       *failure;
} Run;

static gpointer
run_worker (gpointer data)
{
  Run *run = data;
  g_autoptr(HsClient) client = hs_client_new (run->url, run->token);

  for (guint b = 0; b < RUN_BATCHES && run->failure == NULL; b++)
    {
      cJSON *changes = cJSON_CreateArray ();
      g_autoptr(cJSON) batch = NULL;
      g_autofree char *body = NULL;
      guint attempts = 0;

      for (guint i = 0; i < RUN_PER_BATCH; i++)
        {
          guint serial = 5000 + b * RUN_PER_BATCH + i;
          g_autoptr(cJSON) birth = hs_test_birth (run->office, serial, run->first_number + b * RUN_PER_BATCH + i, NULL);
          g_ptr_array_add (run->ids, g_strdup (cJSON_GetStringValue (cJSON_GetObjectItem (birth, "id"))));
          cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
        }
      /* The batch is frozen once made, as a client's outbox entry is:
       * every retry sends the same bytes. */
      batch = hs_test_batch (changes);
      body = cJSON_PrintUnformatted (batch);

      for (;;)
        {
          g_autoptr(HsResponse) r = hs_client_request (client, "POST", "/api/v1/push", body, -1, HS_HTTP_NONE);

          if (r->status == 200)
            {
              for (guint i = 0; i < RUN_PER_BATCH; i++)
                {
                  const char *status = hs_test_status (r, i);
                  if (g_str_equal (status, "applied"))
                    run->applied++;
                  else if (g_str_equal (status, "duplicate"))
                    run->duplicates++;
                  else
                    run->failure = g_strdup_printf ("batch %u change %u: %s", b, i, r->body);
                }
              break;
            }
          /* No answer, or the server is not ready yet: retry the same
           * batch, as the sync client does. */
          if (r->status != 0 && r->status < 500)
            {
              run->failure = g_strdup_printf ("batch %u: %ld %s", b, r->status, r->body);
              break;
            }
          if (++attempts > 300)
            {
              run->failure = g_strdup_printf ("batch %u: no answer after %u tries", b, attempts);
              break;
            }
          run->retries++;
          g_usleep (50 * 1000);
        }
      g_atomic_int_inc (&run->done);
    }
  return NULL;
}

/* Records of the run stored so far. */
static gint64
stored_so_far (Run *run)
{
  const char *params[] = { run->office, NULL };
  return hs_pg_query_int (pg, "SELECT count(*) FROM records WHERE office = $1", params);
}

START_TEST (test_restart_mid_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestServer) own = NULL;
  g_autoptr(HsTestDevice) dev = NULL;
  Run run = { 0 };
  GThread *thread;

  /* Each push waits 400 ms between its commit and its answer: the window
   * in which a killed server leaves a stored batch unacknowledged.  (The
   * variable stays set: the restarted server inherits it too.) */
  g_setenv ("HOTICH_TEST_ANSWER_DELAY_MS", "400", TRUE);
  own = hs_test_server_start (pg, NULL, &error);
  ck_assert_msg (own != NULL, "%s", error != NULL ? error->message : "");
  dev = hs_test_enroll (pg, hs_test_server_url (own), "clerk", hs_test_office ("79", 5));
  run.url = hs_test_server_url (own);
  run.token = dev->token;
  run.office = dev->office;
  run.first_number = 1000;
  run.ids = g_ptr_array_new_with_free_func (g_free);
  thread = g_thread_new ("run", run_worker, &run);

  /* Twice: once the batch after "kill_at" is stored, and before its
   * answer leaves, kill the server hard and start it again. */
  for (guint kill_at = 3; kill_at <= 9; kill_at += 6)
    {
      while (g_atomic_int_get (&run.done) < (gint) kill_at && run.failure == NULL)
        g_usleep (1000);
      while (stored_so_far (&run) < (gint64) (kill_at + 1) * RUN_PER_BATCH && run.failure == NULL)
        g_usleep (5000);
      hs_test_server_kill (own, SIGKILL);
      g_usleep (200 * 1000);
      ck_assert_msg (hs_test_server_restart (own, &error), "%s", error != NULL ? error->message : "");
    }
  g_thread_join (thread);
  g_unsetenv ("HOTICH_TEST_ANSWER_DELAY_MS");

  ck_assert_msg (run.failure == NULL, "%s", run.failure);
  /* The two killed batches were stored before the kill: their retries
   * were answered "duplicate", with the first result. */
  ck_assert_uint_eq (run.duplicates, 2 * RUN_PER_BATCH);
  ck_assert_uint_eq (run.applied + run.duplicates, RUN_BATCHES * RUN_PER_BATCH);
  /* Nothing lost, nothing doubled. */
  ck_assert_int_eq (stored (run.ids, "records"), RUN_BATCHES * RUN_PER_BATCH);
  ck_assert_int_eq (stored (run.ids, "record_heads"), RUN_BATCHES * RUN_PER_BATCH);
  ck_assert_int_eq (stored (run.ids, "changes"), RUN_BATCHES * RUN_PER_BATCH);
  ck_assert_int_eq (stored (run.ids, "change_log"), RUN_BATCHES * RUN_PER_BATCH);
  ck_assert_int_eq (stored (run.ids, "pins"), RUN_BATCHES * RUN_PER_BATCH);
  ck_assert_int_eq (stored (run.ids, "log_pins"), RUN_BATCHES * RUN_PER_BATCH);
  g_ptr_array_unref (run.ids);
}
END_TEST

typedef struct
{
  const char *url;
  const char *token;
  char       *body;
  long        status;
} InFlight;

static gpointer
push_once (gpointer data)
{
  InFlight *f = data;
  g_autoptr(HsResponse) r = hs_http (f->url, f->token, "POST", "/api/v1/push", f->body, -1, HS_HTTP_NONE);

  f->status = r->status;
  return NULL;
}

START_TEST (test_graceful_stop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestServer) own = NULL;
  g_autoptr(HsTestDevice) dev = NULL;
  g_autofree char *log = NULL;
  InFlight flight = { 0 };
  GThread *thread;

  g_setenv ("HOTICH_TEST_ANSWER_DELAY_MS", "500", TRUE);
  own = hs_test_server_start (pg, NULL, &error);
  g_unsetenv ("HOTICH_TEST_ANSWER_DELAY_MS");
  ck_assert_msg (own != NULL, "%s", error != NULL ? error->message : "");
  dev = hs_test_enroll (pg, hs_test_server_url (own), "clerk", hs_test_office ("79", 6));

  /* SIGTERM while a push is being answered: the push still gets its
   * answer, then the server stops. */
  {
    g_autoptr(cJSON) birth = hs_test_birth (dev->office, 7000, hs_test_block_first (dev, "birth"), NULL);
    cJSON *changes = cJSON_CreateArray ();
    g_autoptr(cJSON) batch = NULL;
    const char *params[] = { dev->office, NULL };

    cJSON_AddItemToArray (changes, hs_test_change (NULL, birth, 0));
    batch = hs_test_batch (changes);
    flight.url = hs_test_server_url (own);
    flight.token = dev->token;
    flight.body = cJSON_PrintUnformatted (batch);
    thread = g_thread_new ("push", push_once, &flight);
    while (hs_pg_query_int (pg, "SELECT count(*) FROM records WHERE office = $1", params) == 0)
      g_usleep (5000);
  }
  hs_test_server_kill (own, SIGTERM);
  g_thread_join (thread);
  ck_assert_int_eq (flight.status, 200);
  g_free (flight.body);

  ck_assert (g_file_get_contents (hs_test_server_log (own), &log, NULL, NULL));
  ck_assert_ptr_nonnull (strstr (log, "stopped"));
  /* The same server comes back on its port. */
  ck_assert_msg (hs_test_server_restart (own, &error), "%s", error != NULL ? error->message : "");
  {
    g_autoptr(HsResponse) r = hs_http (hs_test_server_url (own), NULL, "GET", "/api/v1/health", NULL, 0,
                                       HS_HTTP_NONE);
    ck_assert_int_eq (r->status, 200);
  }
}
END_TEST


int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "concurrent-devices", test_concurrent_devices },
    { "restart-mid-run", test_restart_mid_run },
    { "graceful-stop", test_graceful_stop },
  };

  return hs_test_main ("server-load", cases, G_N_ELEMENTS (cases), &pg, &server, &url, NULL, NULL);
}
