/* hs-test-main.h — the shared start-up of the server test programs.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <check.h>

#include "hs-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  const char  *name;
  const TTest *test;
} HsTestCase;

/* Starts PostgreSQL (or skips with 77) and a server, sets *pg, *server and
 * *url (the suite's globals), calls
 * "setup" (may be NULL), runs "cases" as one suite with one TCase each,
 * calls "teardown" (may be NULL), stops everything, and returns the exit
 * status for main(). */
int hs_test_main (const char       *suite_name,
                  const HsTestCase *cases,
                  gsize             n_cases,
                  HsPg            **pg,
                  HsTestServer    **server,
                  const char      **url,
                  void            (*setup) (void),
                  void            (*teardown) (void));

G_END_DECLS
