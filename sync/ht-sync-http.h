/* ht-sync-http.h — HTTP exchanges with hotich-server (libcurl), for one thread.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One HtSyncHttp keeps one libcurl handle, so consecutive requests reuse the
 * connection (keep-alive).  Certificates are always verified; a private CA
 * replaces the system's list when given.  A request can be cancelled at any
 * moment through its GCancellable, which libcurl's progress callback polls.
 * Transport failures come back as HT_SYNC_ERROR (UNREACHABLE, TLS) or
 * G_IO_ERROR_CANCELLED; any HTTP answer comes back as an HtSyncResponse for
 * the caller to judge (ht_sync_response_to_error() classifies it).
 */
#pragma once

#include <gio/gio.h>

#include "ht-sync-error.h"

G_BEGIN_DECLS

/* An answer is refused beyond this size: no server answer is this big. */
#define HT_SYNC_MAX_ANSWER_BYTES (64 * 1024 * 1024)

typedef struct _HtSyncHttp HtSyncHttp;

typedef enum {
  HT_SYNC_HTTP_NONE = 0,
  HT_SYNC_HTTP_GZIP = 1 << 0, /* send the body gzipped */
  HT_SYNC_HTTP_GZIPPED = 1 << 1, /* the body is gzip data already (ht_sync_gzip): send it as such */
} HtSyncHttpFlags;

typedef struct
{
  long    status;         /* HTTP status */
  char   *body;           /* NUL-terminated (gzip already decoded) */
  gsize   length;
  double  retry_after;    /* Retry-After in seconds, or -1 */
  double  seconds;        /* the whole exchange */
  char   *error_code;     /* error.code of an error answer, or NULL */
  char   *error_message;  /* error.message of an error answer, or NULL */
} HtSyncResponse;

void ht_sync_response_free (HtSyncResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncResponse, ht_sync_response_free)

/* Called with one line per request (hotich-sync --verbose); any thread. */
typedef void (*HtSyncLogFunc) (const char *line,
                               gpointer    user_data);

/* Calls curl_global_init once; main() calls it before threads start. */
void        ht_sync_global_init (void);

/* Checks a server URL: http or https, a host, no user, query or fragment.
 * Plain http is accepted only for this machine (127.0.0.1, ::1,
 * localhost), since the token would otherwise cross the network in
 * clear. */
gboolean    ht_sync_check_url   (const char  *url,
                                 GError     **error);

/* "base_url" is checked with ht_sync_check_url(); "ca_file" (may be NULL)
 * must be a readable file. */
HtSyncHttp *ht_sync_http_new    (const char  *base_url,
                                 const char  *ca_file,
                                 GError     **error);
void        ht_sync_http_free   (HtSyncHttp  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtSyncHttp, ht_sync_http_free)

void        ht_sync_http_set_token    (HtSyncHttp *self,
                                       const char *token);
/* Connection set-up and whole-request limits, in milliseconds. */
void        ht_sync_http_set_timeouts (HtSyncHttp *self,
                                       guint       connect_ms,
                                       guint       request_ms);
void        ht_sync_http_set_log      (HtSyncHttp    *self,
                                       HtSyncLogFunc  func,
                                       gpointer       user_data);

/* One request to base_url + path.  "body" may be NULL (a GET). */
HtSyncResponse *ht_sync_http_request (HtSyncHttp       *self,
                                      const char       *method,
                                      const char       *path,
                                      const char       *body,
                                      gsize             length,
                                      HtSyncHttpFlags   flags,
                                      GCancellable     *cancellable,
                                      GError          **error);

/* Turns a non-2xx answer into an error: 401 → AUTH, 408, 429 and 5xx →
 * UNREACHABLE (try again later), other 4xx → REFUSED; "what" names the
 * request.  Returns FALSE for a 2xx answer (no error set). */
gboolean    ht_sync_response_to_error (const HtSyncResponse  *response,
                                       const char            *what,
                                       GError               **error);

/* Whether an error is worth retrying after a pause (the network, the
 * server being overloaded or restarting). */
gboolean    ht_sync_error_is_transient (const GError *error);

/* gzip of "data" (ISA-L's igzip, libdeflate should igzip refuse it). */
GBytes     *ht_sync_gzip (const char *data,
                          gsize       length);
/* The same with the compressor "self" keeps for its requests: for one
 * thread at a time, as the rest of HtSyncHttp. */
GBytes     *ht_sync_http_gzip (HtSyncHttp *self,
                               const char *data,
                               gsize       length);

/* For the tests: TRUE sends every body the fallback's way (libdeflate), as
 * if igzip had refused it.  Set before any request, never in a run. */
extern gboolean _ht_sync_http_force_deflate;

G_END_DECLS
