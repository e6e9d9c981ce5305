/* hs-test-main.c — the shared start-up of the server test programs.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hs-test-main.h"

int
hs_test_main (const char       *suite_name,
              const HsTestCase *cases,
              gsize             n_cases,
              HsPg            **pg,
              HsTestServer    **server,
              const char      **url,
              void            (*setup) (void),
              void            (*teardown) (void))
{
  g_autoptr(GError) error = NULL;
  Suite *suite = suite_create (suite_name);
  SRunner *runner;
  int failed;

  for (gsize i = 0; i < n_cases; i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_test (tc, cases[i].test);
      suite_add_tcase (suite, tc);
    }

  hs_client_global_init ();
  *pg = hs_pg_start_or_skip ();
  *server = hs_test_server_start (*pg, NULL, &error);
  if (*server == NULL)
    g_error ("%s", error->message);
  *url = hs_test_server_url (*server);
  if (setup != NULL)
    setup ();

  runner = srunner_create (suite);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  if (teardown != NULL)
    teardown ();
  hs_test_server_free (*server);
  hs_pg_stop (*pg);
  return failed == 0 ? 0 : 1;
}
