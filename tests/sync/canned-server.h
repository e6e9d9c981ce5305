/* canned-server.h — a loopback HTTP server whose answers a test scripts, for the engine's error paths.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real server never answers 500, malformed JSON or results for other
 * changes; this one does whatever the test's handler says (STYLE.md §6.17:
 * script the loopback server to return 200, 500, a timeout and malformed
 * JSON).  It speaks just enough HTTP/1.1 for libcurl: keep-alive,
 * Content-Length, gzip request bodies (given to the handler decoded).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *method;
  char   *path;      /* with the query */
  char   *body;      /* decoded; "" for none */
  gboolean gzipped;  /* the body came gzipped */
  char   *authorization;
  guint   index;      /* requests that arrived before this one */
  GArray *open_with;  /* guint: the indices of those not answered yet when it arrived */
} CannedRequest;

typedef struct
{
  guint  status;
  char  *body;         /* owned */
  char  *retry_after;  /* owned, may be NULL */
  gboolean hang;       /* send nothing and close after a while */
  guint  delay_ms;     /* wait this long before answering (the handler's lock is not held) */
} CannedAnswer;

/* Called in the server's thread for every request. */
typedef CannedAnswer (*CannedHandler) (const CannedRequest *request,
                                       gpointer             user_data);

typedef struct _CannedServer CannedServer;

CannedServer *canned_server_new      (CannedHandler  handler,
                                      gpointer       user_data);
void          canned_server_free     (CannedServer  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CannedServer, canned_server_free)
const char   *canned_server_url      (CannedServer  *self);
/* Requests answered so far. */
guint         canned_server_requests (CannedServer  *self);

CannedAnswer  canned_answer          (guint          status,
                                      const char    *body);

G_END_DECLS
