/* test-sync-faults.c — a network that fails, a server that restarts, refusals, TLS, cancelling.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After every fault the next run must end with every change applied
 * exactly once: each record on the server at version 1 (a change applied
 * twice would have made a version 2 or a conflict), none missing, the
 * outbox empty (st_assert_synced).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "ht-sync-enroll.h"
#include "ht-sync-lock.h"
#include "fault-proxy.h"
#include "hs-test-main.h"
#include "sync-test-util.h"

/* A register of "office" with "n" births waiting, enrolled with "url". */
static HtStore *
backlog (const char *name,
         const char *office,
         guint       first,
         guint       n,
         const char *url)
{
  g_autofree char *path = st_path (name);
  g_autoptr(HtStore) store = st_register_new (name, office);

  st_add_births (store, first, n);
  g_clear_object (&store);
  return st_enroll (path, url, "clerk", office);
}

typedef struct
{
  FaultKind   kind;
  guint64     amount;
  const char *name;
} Fault;

/* Each fault once (the run gets over it by itself), then for good (the run
 * gives up, nothing is lost, and the run after the network healed
 * completes exactly once). */
START_TEST (test_proxy_faults)
{
  g_autoptr(FaultProxy) proxy = fault_proxy_new (hs_test_server_port (st_server));
  static const Fault faults[] = {
    { FAULT_DROP_REQUEST, 3000, "cut in the middle of a request" },
    { FAULT_DROP_RESPONSE, 300, "cut in the middle of an answer" },
    { FAULT_DELAY, 2500, "answers held back beyond the timeout" },
    { FAULT_REFUSE, 0, "connections refused" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    {
      const Fault *fault = &faults[f];
      HtSyncOptions options;
      HtSyncReport report = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(HtStore) once = NULL;
      g_autoptr(HtStore) lasting = NULL;
      g_autofree char *once_name = g_strdup_printf ("once-%u.db", f);
      g_autofree char *lasting_name = g_strdup_printf ("lasting-%u.db", f);
      guint before;

      st_options (&options);
      options.batch_size = 100;
      if (fault->kind == FAULT_DELAY)
        options.request_timeout_ms = 1000;

      if (fault->kind != FAULT_REFUSE)
        {
          once = backlog (once_name, hs_test_office ("79", f), 40000 + f * 1000, 400, fault_proxy_url (proxy));
          before = fault_proxy_faults (proxy);
          fault_proxy_set (proxy, fault->kind, fault->amount, 1);
          ck_assert_msg (st_run (once, &options, &report, &error), "%s: %s", fault->name,
                         error != NULL ? error->message : "");
          ck_assert_uint_eq (fault_proxy_faults (proxy), before + 1);
          ck_assert_uint_ge (report.retries, 1);
          st_assert_synced (once, NULL);
          st_assert_sound (once);
        }

      lasting = backlog (lasting_name, hs_test_office ("79", 10 + f), 50000 + f * 1000, 400,
                         fault_proxy_url (proxy));
      fault_proxy_set (proxy, fault->kind, fault->amount, 0);
      options.max_attempts = 2;
      ck_assert_msg (!st_run (lasting, &options, NULL, &error), "%s: the run did not fail", fault->name);
      ck_assert_msg (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_UNREACHABLE), "%s: %s", fault->name,
                     error->message);
      g_clear_error (&error);
      /* Nothing was lost: what the server did not acknowledge is queued. */
      ck_assert_uint_gt (ht_store_outbox_count (lasting), 0);

      fault_proxy_set (proxy, FAULT_NONE, 0, 0);
      options.max_attempts = 8;
      memset (&report, 0, sizeof report);
      ck_assert_msg (st_run (lasting, &options, &report, &error), "%s: %s", fault->name,
                     error != NULL ? error->message : "");
      ck_assert_uint_eq (report.refused, 0);
      st_assert_synced (lasting, NULL);
      st_assert_sound (lasting);
    }
}
END_TEST

/* ---- The server killed and started again during a run ---- */

typedef struct
{
  HtSyncEngine  *engine;
  HtSyncReport   report;
  gint           batches;
  gboolean       ok;
  GError        *error;
} Background;

static void
count_batches_cb (HtSyncPhase phase,
                  guint64     done,
                  guint64     total,
                  gpointer    user_data)
{
  Background *bg = user_data;

  if (phase == HT_SYNC_PHASE_PUSH && done > 0)
    g_atomic_int_inc (&bg->batches);
}

static gpointer
run_in_background (gpointer data)
{
  Background *bg = data;

  bg->ok = ht_sync_engine_run (bg->engine, &bg->report, NULL, &bg->error);
  return NULL;
}

START_TEST (test_server_restart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestServer) server = hs_test_server_start (st_pg, NULL, &error);
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtSyncEngine) engine = NULL;
  Background bg = { 0 };
  HtSyncOptions options;
  GThread *thread;

  ck_assert_msg (server != NULL, "%s", error != NULL ? error->message : "");
  store = backlog ("restart.db", hs_test_office ("79", 20), 60000, 1500, hs_test_server_url (server));
  engine = ht_sync_engine_new (store, &error);
  st_options (&options);
  options.batch_size = 50;
  options.max_attempts = 30;
  options.backoff_max_ms = 1000;
  ht_sync_engine_set_options (engine, &options);
  ht_sync_engine_set_progress (engine, count_batches_cb, &bg);
  bg.engine = engine;

  thread = g_thread_new ("run", run_in_background, &bg);
  while (g_atomic_int_get (&bg.batches) < 5)
    g_usleep (2000);
  /* Killed outright, a batch may be stored and not answered. */
  hs_test_server_kill (server, SIGKILL);
  g_usleep (300 * 1000);
  ck_assert (hs_test_server_restart (server, &error));
  g_thread_join (thread);

  ck_assert_msg (bg.ok, "%s", bg.error != NULL ? bg.error->message : "");
  ck_assert_uint_eq (bg.report.refused, 0);
  ck_assert_uint_ge (bg.report.retries, 1);
  st_assert_synced (store, NULL);
  st_assert_sound (store);
}
END_TEST

/* ---- A record the server refuses ---- */

/* A birth registered "today" on a PC whose clock runs four weeks ahead:
 * valid here, in the future for the server. */
static char *
save_from_the_future (HtStore *store)
{
  g_autoptr(cJSON) birth = hs_test_birth (ht_store_get_office (store), 70001, 0, NULL);
  g_autoptr(GError) error = NULL;
  cJSON *child = cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"), "child");
  cJSON *notice = cJSON_GetObjectItem (cJSON_GetObjectItem (birth, "data"), "birth_notice");
  gboolean saved;

  cJSON_DeleteItemFromObject (birth, "id");
  cJSON_ReplaceItemInObject (child, "date_of_birth", cJSON_CreateString ("2026-12-01"));
  cJSON_ReplaceItemInObject (notice, "issued_on", cJSON_CreateString ("2026-12-02"));
  cJSON_ReplaceItemInObject (birth, "registered_on", cJSON_CreateString ("2026-12-10"));
  g_setenv ("HOTICH_TODAY", "2026-12-20", TRUE);
  saved = ht_store_save (store, birth, "lan.nt", NULL, HT_SAVE_DEFAULT, NULL, &error);
  g_setenv ("HOTICH_TODAY", "2026-11-22", TRUE);
  ck_assert_msg (saved, "%s", error != NULL ? error->message : "");
  return g_strdup (ht_record_id (birth));
}

START_TEST (test_rejected_record)
{
  const char *office = hs_test_office ("79", 21);
  g_autofree char *path = st_path ("rejected.db");
  g_autoptr(HtStore) store = backlog ("rejected.db", office, 71000, 0, st_url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attention = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *out = NULL;
  g_autofree char *message = NULL;
  HtSyncReport report = { 0 };
  const HtSyncAttention *item;

  for (guint i = 0; i < 20; i++)
    g_free (st_save_birth (store, 71000 + i));
  bad = save_from_the_future (store);
  for (guint i = 20; i < 40; i++)
    g_free (st_save_birth (store, 71000 + i));

  /* The others go through; the one refused needs attention, with the
   * server's reason and the field it names. */
  ck_assert_msg (st_run (store, NULL, &report, &error), "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (report.pushed, 40);
  ck_assert_uint_eq (report.refused, 1);
  {
    const char *refused[] = { bad, NULL };
    st_assert_synced (store, refused);
  }
  ck_assert_int_eq (ht_store_sync_record_state (store, bad, &message, NULL), HT_SYNC_STATE_NEEDS_ATTENTION);
  ck_assert_ptr_nonnull (strstr (message, "registered_on"));
  attention = ht_store_sync_attention (store, 10, &error);
  ck_assert_uint_eq (attention->len, 1);
  item = attention->pdata[0];
  ck_assert_str_eq (item->record_id, bad);
  ck_assert_str_eq (item->code, "invalid");
  ck_assert_ptr_nonnull (strstr (item->issues, "\"field\":\"registered_on\""));

  /* It is not sent again and again; hotich-sync says so with status 1. */
  memset (&report, 0, sizeof report);
  ck_assert (st_run (store, NULL, &report, &error));
  ck_assert_uint_eq (report.pushed + report.refused, 0);
  g_clear_object (&store);
  {
    const char *args[] = { "--db", path, "run", NULL };
    ck_assert_int_eq (st_cli (args, &out, NULL), 1);
    ck_assert_ptr_nonnull (strstr (out, bad));
  }

  /* Corrected, it goes through and nothing needs attention any more. */
  store = ht_store_open (path, &error);
  {
    g_autoptr(cJSON) record = ht_store_get (store, bad, &error);
    cJSON *child = cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "child");
    cJSON *notice = cJSON_GetObjectItem (cJSON_GetObjectItem (record, "data"), "birth_notice");

    cJSON_ReplaceItemInObject (child, "date_of_birth", cJSON_CreateString ("2026-11-01"));
    cJSON_ReplaceItemInObject (notice, "issued_on", cJSON_CreateString ("2026-11-02"));
    cJSON_ReplaceItemInObject (record, "registered_on", cJSON_CreateString ("2026-11-10"));
    ck_assert_msg (ht_store_save (store, record, "lan.nt", "sửa ngày đăng ký", HT_SAVE_DEFAULT, NULL, &error), "%s",
                   error != NULL ? error->message : "");
  }
  ck_assert_int_eq (ht_store_sync_record_state (store, bad, NULL, NULL), HT_SYNC_STATE_PENDING);
  memset (&report, 0, sizeof report);
  ck_assert (st_run (store, NULL, &report, &error));
  ck_assert_uint_eq (report.pushed, 1);
  st_assert_synced (store, NULL);
  st_assert_sound (store);
}
END_TEST

/* ---- A token the server does not know ---- */

START_TEST (test_auth_failure)
{
  const char *office = hs_test_office ("79", 22);
  g_autofree char *path = st_path ("auth.db");
  g_autoptr(HtStore) store = backlog ("auth.db", office, 72000, 30, st_url);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  HtSyncReport report = { 0 };
  HtSyncSummary summary;

  ck_assert (ht_store_set_key (store, "sync.token", "bm90LWEtdG9rZW4tdGhlLXNlcnZlci1rbm93cw", &error));
  ck_assert (!st_run (store, NULL, &report, &error));
  ck_assert_msg (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_AUTH), "%s", error->message);
  /* Stopped at once: one request, no retry, nothing sent or lost. */
  ck_assert_uint_eq (report.requests, 1);
  ck_assert_uint_eq (report.retries, 0);
  ck_assert_uint_eq (ht_store_outbox_count (store), 30);
  {
    g_autoptr(GHashTable) server = st_server_records (office);
    ck_assert_uint_eq (g_hash_table_size (server), 0);
  }
  ht_store_sync_summary (store, &summary, NULL);
  ck_assert_ptr_nonnull (summary.last_error);
  ht_sync_summary_clear (&summary);
  g_clear_object (&store);
  {
    const char *args[] = { "--db", path, "run", NULL };
    ck_assert_int_eq (st_cli (args, NULL, &err), 3);
    ck_assert_ptr_nonnull (strstr (err, "enrolled again"));
  }
}
END_TEST

/* ---- TLS with a private certificate authority ---- */

static void
openssl (const char *dir,
         const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "openssl");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  ck_assert_msg (g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                               &status, &error),
                 "openssl cannot be run (tools/deps.sh installs it): %s", error != NULL ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "openssl %s failed: %s", args[0], err);
}

START_TEST (test_tls_private_ca)
{
  g_autofree char *dir = st_path ("tls");
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "server.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "server.key", NULL);
  g_autofree char *ext = g_build_filename (dir, "san.cnf", NULL);
  g_autofree char *path = st_path ("tls.db");
  const char *office = hs_test_office ("79", 23);
  g_autoptr(HsTestServer) server = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *err = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1\n", -1, NULL);
  {
    const char *make_ca[] = { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                              "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=hotich test CA", NULL };
    const char *make_csr[] = { "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                               "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", NULL };
    const char *sign[] = { "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                           "-CAcreateserial", "-out", "server.pem", "-days", "30", "-extfile", "san.cnf", NULL };
    openssl (dir, make_ca);
    openssl (dir, make_csr);
    openssl (dir, sign);
  }
  {
    const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
    server = hs_test_server_start (st_pg, args, &error);
    ck_assert_msg (server != NULL, "%s", error != NULL ? error->message : "");
  }
  ck_assert (g_str_has_prefix (hs_test_server_url (server), "https://"));

  store = st_register_new ("tls.db", office);
  st_add_births (store, 73000, 20);
  g_clear_object (&store);
  code = hs_test_enroll_code (hs_pg_conninfo (st_pg), "clerk", office);

  /* Without the CA the certificate is refused, and the code is not used
   * up: the request never left. */
  store = ht_sync_enroll (path, hs_test_server_url (server), code, NULL, NULL, NULL, NULL, NULL, &error);
  ck_assert (store == NULL);
  ck_assert_msg (g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_TLS), "%s", error->message);
  ck_assert_ptr_nonnull (strstr (error->message, "--ca"));
  g_clear_error (&error);
  {
    const char *args[] = { "--db", path, "enroll", "--server", hs_test_server_url (server), "--code", code, NULL };
    ck_assert_int_eq (st_cli (args, NULL, &err), 2);
  }

  store = ht_sync_enroll (path, hs_test_server_url (server), code, ca, NULL, NULL, NULL, NULL, &error);
  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  ck_assert (st_run (store, NULL, NULL, &error));
  st_assert_synced (store, NULL);
  {
    g_autoptr(HtSyncDevice) device = ht_store_sync_get_device (store, NULL);
    ck_assert_str_eq (device->ca_file, ca);
  }
}
END_TEST

/* ---- Cancelling ---- */

typedef struct
{
  GCancellable *cancellable;
  guint64       at;
} CancelAt;

static void
cancel_at_cb (HtSyncPhase phase,
              guint64     done,
              guint64     total,
              gpointer    user_data)
{
  CancelAt *c = user_data;

  if (phase == HT_SYNC_PHASE_PUSH && done >= c->at)
    g_cancellable_cancel (c->cancellable);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

START_TEST (test_cancel)
{
  g_autoptr(FaultProxy) proxy = fault_proxy_new (hs_test_server_port (st_server));
  g_autoptr(HtStore) store = backlog ("cancel.db", hs_test_office ("79", 24), 74000, 500, fault_proxy_url (proxy));
  g_autoptr(HtSyncEngine) engine = ht_sync_engine_new (store, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelAt at = { cancellable, 200 };
  HtSyncOptions options;
  GThread *thread;
  gint64 start;

  st_options (&options);
  options.batch_size = 100;
  /* One request at a time, so that "between two batches" is a definite
   * point: with two in flight, the third batch's answer may or may not be
   * back when the second one's progress cancels the run, and either
   * outcome is correct (see the pipeline suite). */
  options.in_flight = 1;
  ht_sync_engine_set_options (engine, &options);

  /* Between two batches. */
  ht_sync_engine_set_progress (engine, cancel_at_cb, &at);
  ck_assert (!ht_sync_engine_run (engine, NULL, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  ck_assert_uint_eq (ht_store_outbox_count (store), 300);

  /* The rest runs with the default pipelining. */
  st_options (&options);
  options.batch_size = 100;
  ht_sync_engine_set_options (engine, &options);

  /* In the middle of a request whose answer is slow: it stops at once. */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  ht_sync_engine_set_progress (engine, NULL, NULL);
  fault_proxy_set (proxy, FAULT_DELAY, 10000, 1);
  thread = g_thread_new ("cancel", cancel_later, cancellable);
  start = g_get_monotonic_time ();
  ck_assert (!ht_sync_engine_run (engine, NULL, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_lt (g_get_monotonic_time () - start, 5 * G_USEC_PER_SEC);
  g_thread_join (thread);
  g_clear_error (&error);

  /* Nothing was lost or doubled: the next run completes exactly once. */
  fault_proxy_set (proxy, FAULT_NONE, 0, 0);
  ck_assert_msg (ht_sync_engine_run (engine, NULL, NULL, &error), "%s", error != NULL ? error->message : "");
  st_assert_synced (store, NULL);
  st_assert_sound (store);
}
END_TEST

/* ---- hotich-sync: exit statuses, the lock, the register's mode ---- */

START_TEST (test_cli)
{
  const char *office = hs_test_office ("79", 25);
  const char *other = hs_test_office ("79", 26);
  g_autofree char *path = st_path ("cli.db");
  g_autofree char *path_other = st_path ("cli-other.db");
  g_autofree char *missing = st_path ("missing.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(HtStore) store = st_register_new ("cli.db", office);
  g_autoptr(HtStore) other_store = st_register_new ("cli-other.db", other);
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) status = NULL;
  g_autofree char *code = NULL;
  GStatBuf st;

  st_add_births (store, 75000, 25);
  g_clear_object (&store);
  g_clear_object (&other_store);
  g_chmod (path, 0644);

  /* Bad command lines. */
  {
    const char *none[] = { NULL };
    const char *unknown[] = { "frobnicate", NULL };
    const char *batch[] = { "--db", path, "run", "--batch", "5000", NULL };
    const char *in_flight[] = { "--db", path, "push", "--in-flight", "9", NULL };
    const char *extra[] = { "--db", path, "status", "now", NULL };
    const char *no_server[] = { "--db", path, "enroll", "--code", "AAAA-BBBB-CCCC-DDDD", NULL };
    const char *bad_code[] = { "--db", path, "enroll", "--server", st_url, "--code", "не-мã!", NULL };
    const char *plain_http[] = { "--db", path, "enroll", "--server", "http://example.org", "--code", "AAAA", NULL };
    const char *no_register[] = { "--db", missing, "run", NULL };
    const char *not_enrolled[] = { "--db", path, "run", NULL };

    ck_assert_int_eq (st_cli (none, NULL, NULL), 4);
    ck_assert_int_eq (st_cli (unknown, NULL, NULL), 4);
    ck_assert_int_eq (st_cli (batch, NULL, NULL), 4);
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (st_cli (in_flight, NULL, &err), 4);
    ck_assert_ptr_nonnull (strstr (err, "--in-flight"));
    ck_assert_int_eq (st_cli (extra, NULL, NULL), 4);
    ck_assert_int_eq (st_cli (no_server, NULL, NULL), 4);
    ck_assert_int_eq (st_cli (bad_code, NULL, NULL), 4);
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (st_cli (plain_http, NULL, &err), 4);
    ck_assert_ptr_nonnull (strstr (err, "https://"));
    ck_assert_int_eq (st_cli (no_register, NULL, NULL), 4);
    ck_assert_int_eq (st_cli (not_enrolled, NULL, NULL), 4);
  }

  /* An unknown code: the server refuses it (3).  A code of another office:
   * refused here, after the server used it up (4). */
  {
    const char *unknown[] = { "--db", path, "enroll", "--server", st_url, "--code", "2222-3333-4444-5555", NULL };
    g_autofree char *other_code = hs_test_enroll_code (hs_pg_conninfo (st_pg), "clerk", other);
    const char *wrong[] = { "--db", path, "enroll", "--server", st_url, "--code", other_code, NULL };

    ck_assert_int_eq (st_cli (unknown, NULL, NULL), 3);
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (st_cli (wrong, NULL, &err), 4);
    ck_assert_ptr_nonnull (strstr (err, other));
  }

  /* Enrolled: the register, which now holds the token, is the owner's only. */
  code = hs_test_enroll_code (hs_pg_conninfo (st_pg), "clerk", office);
  {
    const char *enroll[] = { "--db", path, "enroll", "--server", st_url, "--code", code, "--name", "Máy 1", NULL };
    const char *again[] = { "--db", path, "enroll", "--server", st_url, "--code", code, NULL };

    ck_assert_int_eq (st_cli (enroll, &out, NULL), 0);
    ck_assert_ptr_nonnull (strstr (out, office));
    ck_assert_int_eq (g_stat (path, &st), 0);
    ck_assert_int_eq (st.st_mode & 0777, 0600);
    /* Once only, refused before the server is asked. */
    ck_assert_int_eq (st_cli (again, NULL, NULL), 4);
  }

  /* Another run holds the lock: this one does not start. */
  {
    g_autoptr(HtSyncLock) lock = ht_sync_lock_acquire (path, &error);
    const char *run[] = { "--db", path, "run", NULL };

    ck_assert_ptr_nonnull (lock);
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (st_cli (run, NULL, &err), 2);
    ck_assert_ptr_nonnull (strstr (err, "Another sync"));
  }

  /* Push and pull in small batches, plain lines when not on a terminal. */
  {
    const char *push[] = { "--db", path, "push", "--batch", "7", "--in-flight", "3", "--verbose", NULL };
    const char *pull[] = { "pull", "--db", path, "--batch", "7", NULL };
    const char *stat[] = { "--db", path, "status", "--json", NULL };

    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (st_cli (push, NULL, &err), 0);
    ck_assert_ptr_nonnull (strstr (err, "push: 7 of 25"));
    ck_assert_ptr_nonnull (strstr (err, "POST /api/v1/push: 200"));
    ck_assert_int_eq (st_cli (pull, NULL, NULL), 0);
    g_clear_pointer (&out, g_free);
    ck_assert_int_eq (st_cli (stat, &out, NULL), 0);
    status = cJSON_Parse (out);
    ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (status, "server_answers")));
    ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (status, "pending")), 0);
    ck_assert_int_eq ((int) cJSON_GetNumberValue (cJSON_GetObjectItem (status, "needs_attention")), 0);
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (status, "role")), "clerk");
    ck_assert_ptr_nonnull (cJSON_GetStringValue (cJSON_GetObjectItem (status, "last_success")));
  }
  store = ht_store_open (path, &error);
  st_assert_synced (store, NULL);
}
END_TEST

int
main (void)
{
  /* check's TTest handles are variables, so the table lives here. */
  const HsTestCase cases[] = {
    { "proxy_faults", test_proxy_faults },
    { "server_restart", test_server_restart },
    { "rejected_record", test_rejected_record },
    { "auth_failure", test_auth_failure },
    { "tls_private_ca", test_tls_private_ca },
    { "cancel", test_cancel },
    { "cli", test_cli },
  };

  return hs_test_main ("sync-faults", cases, G_N_ELEMENTS (cases), &st_pg, &st_server, &st_url, NULL, NULL);
}
