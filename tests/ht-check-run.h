/* ht-check-run.h — the last step of every check suite's main().
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by the suites of every part (core, sync, server, app) as
 * "../ht-check-run.h", so that it is found whichever meson.build makes the
 * program.
 */
#pragma once

#include <check.h>
#include <stdlib.h>

/* Runs every test of "suite" and returns main()'s exit status:
 * EXIT_SUCCESS when all of them passed.  "fork" is CK_FORK for check's
 * default (a process per test, unless the CK_FORK environment variable
 * says otherwise) or CK_NOFORK for suites whose tests share one process,
 * such as a GTK window. */
static inline int
ht_check_run (Suite            *suite,
              enum fork_status  fork)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  if (fork == CK_NOFORK)
    srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
