/* hs-test-client.h — HTTP calls to hotich-server for tests and the benchmark (libcurl).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

typedef enum {
  HS_HTTP_NONE        = 0,
  HS_HTTP_GZIP_BODY   = 1 << 0, /* send the body gzipped (Content-Encoding: gzip) */
  HS_HTTP_ACCEPT_GZIP = 1 << 1, /* accept a gzipped answer */
  HS_HTTP_SAY_GZIP    = 1 << 2, /* label the body gzip without compressing it */
  HS_HTTP_SAY_BROTLI  = 1 << 3, /* label the body br */
  HS_HTTP_INSECURE    = 1 << 4, /* https without checking the certificate (a test's own) */
} HsHttpFlags;

typedef struct
{
  long    status;       /* 0: no answer (connection failed) */
  char   *body;
  gsize   length;
  cJSON  *json;         /* the body parsed, or NULL */
  char   *retry_after;
  char   *content_encoding;
  char   *error;        /* curl's reason when status is 0 */
  double  seconds;      /* total time of the exchange */
} HsResponse;

void hs_response_free (HsResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsResponse, hs_response_free)

/* A connection to one server, reused across calls (keep-alive).  Not
 * shared between threads. */
typedef struct _HsClient HsClient;

HsClient   *hs_client_new       (const char *base_url,
                                 const char *token);
void        hs_client_free      (HsClient   *self);
void        hs_client_set_token (HsClient   *self,
                                 const char *token);
void        hs_client_set_base  (HsClient   *self,
                                 const char *base_url);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsClient, hs_client_free)

/* One request; "body" may be NULL, "length" -1 for strlen. */
HsResponse *hs_client_request   (HsClient    *self,
                                 const char  *method,
                                 const char  *path,
                                 const char  *body,
                                 gssize       length,
                                 HsHttpFlags  flags);
/* The same with a JSON body (not taken). */
HsResponse *hs_client_json      (HsClient    *self,
                                 const char  *method,
                                 const char  *path,
                                 const cJSON *body);

/* A one-off request without keeping a connection. */
HsResponse *hs_http             (const char  *base_url,
                                 const char  *token,
                                 const char  *method,
                                 const char  *path,
                                 const char  *body,
                                 gssize       length,
                                 HsHttpFlags  flags);

/* Calls curl_global_init once; call from main() before threads start. */
void        hs_client_global_init (void);

G_END_DECLS
