/* hs-test-util.h — enrolling devices and pushing batches in server tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

#include "ht-record.h"   /* the cJSON autoptr */
#include "pg-harness.h"
#include "hs-test-client.h"
#include "hs-test-records.h"

G_BEGIN_DECLS

typedef struct
{
  char  *id;
  char  *token;
  char  *office;        /* NULL unless a clerk */
  cJSON *enrolment;     /* the enrol answer */
} HsTestDevice;

void hs_test_device_free (HsTestDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsTestDevice, hs_test_device_free)

/* Makes a code with the CLI and enrols through the API; aborts on failure. */
HsTestDevice *hs_test_enroll    (HsPg       *pg,
                                 const char *url,
                                 const char *role,
                                 const char *office_or_scope);

/* The first number of the device's enrolment block for "kind". */
gint64        hs_test_block_first (const HsTestDevice *device,
                                   const char         *kind);

/* Pushes a batch made of "changes" (taken); aborts on no answer. */
HsResponse   *hs_test_push      (const char *url,
                                 const char *token,
                                 cJSON      *changes);

/* results[i] of a push answer, its status and code ("" for null). */
const cJSON  *hs_test_result    (const HsResponse *response,
                                 guint             i);
const char   *hs_test_status    (const HsResponse *response,
                                 guint             i);
const char   *hs_test_code      (const HsResponse *response,
                                 guint             i);
/* error.code of an error answer, or "". */
const char   *hs_test_error_code (const HsResponse *response);

/* CPU seconds (user + system) of a process, and with "children" of the
 * children it reaped; 0 if it is gone.  "parent", if not NULL, receives
 * its parent's pid. */
double hs_test_process_seconds  (GPid     pid,
                                 gboolean children,
                                 GPid    *parent);
/* CPU seconds of a test cluster: the postmaster, the backends it reaped
 * and the ones still running. */
double hs_test_postgres_seconds (HsPg    *pg);

G_END_DECLS
