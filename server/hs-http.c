/* hs-http.c — the HTTP side of hotich-server: libmicrohttpd, bodies, routing, answers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libmicrohttpd runs a thread per connection.  A request's body is gathered
 * here (at most 8 MiB, then gunzipped if sent so, again at most 8 MiB), a
 * PostgreSQL connection is borrowed from the pool (hs-db.h: at most
 * --threads requests work at once, first come first served), the device is
 * authenticated and rate-limited, and the handler runs.  Whatever a handler does, nothing is
 * written before the request was found well-formed and allowed, so a
 * refused request leaves no trace but a log line — which names the method,
 * the path, the status, the duration and the device, never a person.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <microhttpd.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "ht-record.h"
#include "hs-db.h"
#include "hs-server.h"

/* Answers at least this large are gzipped for clients that accept it. */
#define GZIP_MIN_BYTES 1024

struct _HsServer
{
  HsConfig          config;
  struct MHD_Daemon *daemon;
  HsDbPool          *pool;
  HsRateLimiter     *rate;
  HsPinConnector    *pin;
  gint               in_flight;
};

typedef enum {
  AUTH_NONE,    /* no token (health, enrolment) */
  AUTH_DEVICE,  /* a device token */
} AuthMode;

typedef struct
{
  const char *method;
  const char *path;
  AuthMode    auth;
  gboolean    needs_db;
  void      (*handler) (HsRequest *req);
} Route;

static void handle_health (HsRequest *req);

static const Route routes[] = {
  { "GET",  "/api/v1/health",        AUTH_NONE,   TRUE, handle_health },
  { "POST", "/api/v1/enroll",        AUTH_NONE,   TRUE, hs_handle_enroll },
  { "POST", "/api/v1/push",          AUTH_DEVICE, TRUE, hs_handle_push },
  { "GET",  "/api/v1/pull",          AUTH_DEVICE, TRUE, hs_handle_pull },
  { "GET",  "/api/v1/records",       AUTH_DEVICE, TRUE, hs_handle_records },
  { "GET",  "/api/v1/stats",         AUTH_DEVICE, TRUE, hs_handle_stats },
  { "POST", "/api/v1/number-blocks", AUTH_DEVICE, TRUE, hs_handle_number_blocks },
};

/* One request in progress: its body as it arrives, then its answer. */
typedef struct
{
  HsRequest   req;
  GByteArray *body;
  gboolean    too_large;
  gint64      started_us;
  char       *decoded;
} Exchange;

static void
exchange_free (Exchange *ex)
{
  if (ex->body != NULL)
    g_byte_array_unref (ex->body);
  g_free (ex->decoded);
  g_free (ex->req.response);
  g_free (ex->req.retry_after);
  hs_device_free (ex->req.device);
  g_free (ex);
}

/* ---- Answers ---- */

void
hs_request_json (HsRequest *req,
                 guint      status,
                 cJSON     *json)
{
  /* Core's printer writes any tree byte for byte as
   * cJSON_PrintUnformatted() does, without formatting every number with
   * sprintf() and checking its buffer before each write (a push's answer
   * has a result per change); what it does not know (fractions) it leaves
   * to cJSON. */
  char *text = ht_record_print (json);

  cJSON_Delete (json);
  g_free (req->response);
  if (text == NULL)
    {
      req->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
      req->response = g_strdup ("{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}");
      req->response_len = strlen (req->response);
      return;
    }
  req->status = status;
  req->response = text;
  req->response_len = strlen (text);
}

void
hs_request_error (HsRequest  *req,
                  guint       status,
                  const char *code,
                  const char *format,
                  ...)
{
  cJSON *json = cJSON_CreateObject ();
  cJSON *error = cJSON_AddObjectToObject (json, "error");
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cJSON_AddStringToObject (error, "code", code);
  cJSON_AddStringToObject (error, "message", message);
  hs_request_json (req, status, json);
}

void
hs_request_fail (HsRequest    *req,
                 const GError *error)
{
  if (error != NULL && error->domain == HS_DB_ERROR && error->code == HS_DB_ERROR_UNAVAILABLE)
    {
      g_warning ("%s %s: %s", req->method, req->path, error->message);
      g_free (req->retry_after);
      req->retry_after = g_strdup ("5");
      hs_request_error (req, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
                        _("The register database is not reachable; try again later"));
      return;
    }
  /* The details stay in the server's log; the client learns only that the
   * fault is ours. */
  g_warning ("%s %s: %s", req->method, req->path, error != NULL ? error->message : "unknown error");
  hs_request_error (req, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                    _("The server failed to handle the request"));
}

const char *
hs_request_arg (HsRequest  *req,
                const char *name)
{
  return MHD_lookup_connection_value (req->connection, MHD_GET_ARGUMENT_KIND, name);
}

cJSON *
hs_request_parse_body (HsRequest *req)
{
  const char *end = NULL;
  cJSON *json;

  if (req->body == NULL || req->body_len == 0)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "malformed_json", _("The request has no body"));
      return NULL;
    }
  /* With an explicit end pointer cJSON does not touch its process-wide
   * error state, which the connection threads would race on. */
  json = cJSON_ParseWithLengthOpts (req->body, req->body_len, &end, FALSE);
  if (json != NULL)
    {
      while (end != NULL && end < req->body + req->body_len && g_ascii_isspace (*end))
        end++;
      if (end != req->body + req->body_len)
        g_clear_pointer (&json, cJSON_Delete);
    }
  if (json == NULL)
    {
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "malformed_json", _("The request body is not valid JSON"));
      return NULL;
    }
  if (!cJSON_IsObject (json))
    {
      cJSON_Delete (json);
      hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("The request body must be a JSON object"));
      return NULL;
    }
  return json;
}

static void
handle_health (HsRequest *req)
{
  g_autoptr(GError) error = NULL;
  cJSON *json;

  if (!hs_db_run (req->db, "SELECT 1", 0, NULL, &error))
    {
      hs_request_fail (req, error);
      return;
    }
  json = cJSON_CreateObject ();
  cJSON_AddStringToObject (json, "status", "ok");
  cJSON_AddStringToObject (json, "version", PACKAGE_VERSION);
  hs_request_json (req, MHD_HTTP_OK, json);
}

/* ---- Bodies ---- */

typedef enum {
  DECODE_OK,
  DECODE_TOO_LARGE,
  DECODE_CORRUPT,
} DecodeResult;

/* Output is inflated a chunk at a time, as before, but straight into the
 * buffer rather than through a chunk on the stack, and the buffer is sized
 * up front from the size the gzip trailer gives (RFC 1952: ISIZE, the input's
 * size modulo 2^32): the body was copied twice and reallocated a dozen
 * times while growing.  The trailer is only a hint (a client could lie, or
 * send more than 4 GiB), so the buffer still grows when it is too small and
 * the cap is still checked on what comes out; every inflate() call gets the
 * same room as before, so a damaged or oversized body is told apart at the
 * same point. */
#define GUNZIP_CHUNK (64 * 1024)

static DecodeResult
gunzip (const guint8 *data,
        gsize         len,
        char        **out,
        gsize        *out_len)
{
  g_autoptr(GByteArray) buf = NULL;
  z_stream z = { 0 };
  guint hint = 0;
  int rc = Z_OK;

  if (len >= 18)
    hint = (guint) data[len - 4] | (guint) data[len - 3] << 8 | (guint) data[len - 2] << 16 |
           (guint) data[len - 1] << 24;
  buf = g_byte_array_sized_new (MIN (hint, (guint) HS_MAX_BODY_BYTES) + GUNZIP_CHUNK + 1);
  if (inflateInit2 (&z, 16 + MAX_WBITS) != Z_OK)
    return DECODE_CORRUPT;
  z.next_in = (Bytef *) data;
  z.avail_in = len;
  while (rc != Z_STREAM_END)
    {
      guint at = buf->len;

      g_byte_array_set_size (buf, at + GUNZIP_CHUNK);
      z.next_out = buf->data + at;
      z.avail_out = GUNZIP_CHUNK;
      rc = inflate (&z, Z_NO_FLUSH);
      g_byte_array_set_size (buf, at + GUNZIP_CHUNK - z.avail_out);
      if (rc != Z_OK && rc != Z_STREAM_END)
        {
          inflateEnd (&z);
          return DECODE_CORRUPT;
        }
      /* The cap applies to what the body expands to, so a small bomb
       * cannot make the server hold gigabytes. */
      if (buf->len > HS_MAX_BODY_BYTES)
        {
          inflateEnd (&z);
          return DECODE_TOO_LARGE;
        }
      if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0)
        {
          inflateEnd (&z);
          return DECODE_CORRUPT;
        }
    }
  inflateEnd (&z);
  g_byte_array_append (buf, (const guint8 *) "", 1);
  *out_len = buf->len - 1;
  *out = (char *) g_byte_array_free (g_steal_pointer (&buf), FALSE);
  return DECODE_OK;
}

static char *
gzip_bytes (const char *data,
            gsize       len,
            gsize      *out_len)
{
  z_stream z = { 0 };
  gsize bound;
  char *out;

  if (deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return NULL;
  bound = deflateBound (&z, len) + 32;
  out = g_malloc (bound);
  z.next_in = (Bytef *) data;
  z.avail_in = len;
  z.next_out = (Bytef *) out;
  z.avail_out = bound;
  if (deflate (&z, Z_FINISH) != Z_STREAM_END)
    {
      deflateEnd (&z);
      g_free (out);
      return NULL;
    }
  *out_len = bound - z.avail_out;
  deflateEnd (&z);
  return out;
}

static gboolean
header_has_token (const char *header,
                  const char *token)
{
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return FALSE;
  parts = g_strsplit (header, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (parts[i]));
      char *semicolon = strchr (item, ';');

      if (semicolon != NULL)
        *semicolon = '\0';
      g_strstrip (item);
      if (g_ascii_strcasecmp (item, token) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- The request cycle ---- */

static const Route *
find_route (const char  *method,
            const char  *path,
            const char **allow)
{
  *allow = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (strcmp (routes[i].path, path) == 0)
      {
        if (strcmp (routes[i].method, method) == 0)
          return &routes[i];
        *allow = routes[i].method;
      }
  return NULL;
}

static void
dispatch (HsServer *self,
          Exchange *ex)
{
  HsRequest *req = &ex->req;
  const char *encoding;
  const Route *route;
  g_autoptr(GError) error = NULL;
  const char *allow;

  route = find_route (req->method, req->path, &allow);
  if (route == NULL && allow != NULL)
    {
      req->allow = allow;
      hs_request_error (req, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                        _("%s is not allowed here; use %s"), req->method, allow);
      return;
    }
  if (route == NULL)
    {
      hs_request_error (req, MHD_HTTP_NOT_FOUND, "not_found", _("There is no such endpoint"));
      return;
    }
  if (ex->too_large)
    {
      hs_request_error (req, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                        _("The request body is larger than %d MiB"), HS_MAX_BODY_BYTES / (1024 * 1024));
      return;
    }

  /* The body, decoded. */
  g_byte_array_append (ex->body, (const guint8 *) "", 1);
  req->body = (const char *) ex->body->data;
  req->body_len = ex->body->len - 1;
  encoding = MHD_lookup_connection_value (req->connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_ENCODING);
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "identity") != 0)
    {
      if (g_ascii_strcasecmp (encoding, "gzip") != 0)
        {
          hs_request_error (req, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_encoding",
                            _("Only gzip request bodies are accepted"));
          return;
        }
      switch (gunzip (ex->body->data, ex->body->len - 1, &ex->decoded, &req->body_len))
        {
        case DECODE_TOO_LARGE:
          hs_request_error (req, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                            _("The request body is larger than %d MiB once decompressed"),
                            HS_MAX_BODY_BYTES / (1024 * 1024));
          return;
        case DECODE_CORRUPT:
          hs_request_error (req, MHD_HTTP_BAD_REQUEST, "bad_request", _("The gzip request body is damaged"));
          return;
        case DECODE_OK:
        default:
          req->body = ex->decoded;
          break;
        }
    }

  if (route->needs_db)
    {
      req->db = hs_db_pool_acquire (self->pool, &error);
      if (req->db == NULL)
        {
          hs_request_fail (req, error);
          return;
        }
    }

  if (route->auth == AUTH_DEVICE)
    {
      const char *authorization = MHD_lookup_connection_value (req->connection, MHD_HEADER_KIND,
                                                               MHD_HTTP_HEADER_AUTHORIZATION);
      guint retry_after = 0;

      req->device = hs_auth_device (req->db, authorization, &error);
      if (error != NULL)
        {
          hs_request_fail (req, error);
          return;
        }
      if (req->device == NULL)
        {
          hs_request_error (req, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                            authorization == NULL ? _("A device token is required (Authorization: Bearer …)")
                                                  : _("The device token is not known or was revoked"));
          return;
        }
      if (!hs_rate_limiter_take (self->rate, req->device->id, &retry_after))
        {
          req->retry_after = g_strdup_printf ("%u", retry_after);
          hs_request_error (req, MHD_HTTP_TOO_MANY_REQUESTS, "too_many_requests",
                            _("Too many requests from this device; retry in %u s"), retry_after);
          return;
        }
    }

  route->handler (req);
  if (req->response == NULL)
    hs_request_fail (req, NULL);
}

static enum MHD_Result
send_answer (Exchange *ex)
{
  HsRequest *req = &ex->req;
  const char *accept = MHD_lookup_connection_value (req->connection, MHD_HEADER_KIND,
                                                    MHD_HTTP_HEADER_ACCEPT_ENCODING);
  struct MHD_Response *response;
  gboolean gzipped = FALSE;
  enum MHD_Result ret;
  char *body = g_steal_pointer (&req->response);
  gsize len = req->response_len;

  if (len >= GZIP_MIN_BYTES && header_has_token (accept, "gzip"))
    {
      gsize zlen = 0;
      char *z = gzip_bytes (body, len, &zlen);
      if (z != NULL)
        {
          g_free (body);
          body = z;
          len = zlen;
          gzipped = TRUE;
        }
    }

  response = MHD_create_response_from_buffer_with_free_callback (len, body, g_free);
  MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
  MHD_add_response_header (response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header (response, MHD_HTTP_HEADER_VARY, MHD_HTTP_HEADER_ACCEPT_ENCODING);
  if (gzipped)
    MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
  if (req->retry_after != NULL)
    MHD_add_response_header (response, MHD_HTTP_HEADER_RETRY_AFTER, req->retry_after);
  if (req->allow != NULL)
    MHD_add_response_header (response, MHD_HTTP_HEADER_ALLOW, req->allow);
  ret = MHD_queue_response (req->connection, req->status, response);
  MHD_destroy_response (response);
  return ret;
}

static enum MHD_Result
access_cb (void                  *cls,
           struct MHD_Connection *connection,
           const char            *url,
           const char            *method,
           const char            *version,
           const char            *upload_data,
           size_t                *upload_data_size,
           void                 **con_cls)
{
  HsServer *self = cls;
  Exchange *ex = *con_cls;

  if (ex == NULL)
    {
      const char *length = MHD_lookup_connection_value (connection, MHD_HEADER_KIND,
                                                        MHD_HTTP_HEADER_CONTENT_LENGTH);
      guint64 declared = 0;

      ex = g_new0 (Exchange, 1);
      ex->started_us = g_get_monotonic_time ();
      ex->body = g_byte_array_new ();
      ex->req.server = self;
      ex->req.config = &self->config;
      ex->req.connection = connection;
      ex->req.method = method;
      ex->req.path = url;
      if (length != NULL && hs_parse_uint (length, G_MAXUINT64, &declared))
        {
          if (declared > HS_MAX_BODY_BYTES)
            ex->too_large = TRUE;
          else
            {
              /* One allocation rather than a string of reallocations. */
              g_byte_array_unref (ex->body);
              ex->body = g_byte_array_sized_new ((guint) declared + 1);
            }
        }
      g_atomic_int_inc (&self->in_flight);
      *con_cls = ex;
      return MHD_YES;
    }

  if (*upload_data_size > 0)
    {
      /* Past the cap the rest is read and dropped, so that the client,
       * which is still sending, gets the 413 instead of a reset. */
      if (!ex->too_large && ex->body->len + *upload_data_size > HS_MAX_BODY_BYTES)
        {
          ex->too_large = TRUE;
          g_byte_array_set_size (ex->body, 0);
        }
      if (!ex->too_large)
        g_byte_array_append (ex->body, (const guint8 *) upload_data, *upload_data_size);
      *upload_data_size = 0;
      return MHD_YES;
    }

  dispatch (self, ex);
  /* The connection goes back before the answer is sent: a slow client
   * must not hold one of the few. */
  if (ex->req.db != NULL)
    {
      hs_db_pool_release (self->pool, ex->req.db);
      ex->req.db = NULL;
    }
  return send_answer (ex);
}

static void
completed_cb (void                            *cls,
              struct MHD_Connection           *connection,
              void                           **con_cls,
              enum MHD_RequestTerminationCode  toe)
{
  HsServer *self = cls;
  Exchange *ex = *con_cls;

  if (ex == NULL)
    return;
  *con_cls = NULL;
  if (!self->config.quiet)
    g_info ("%s %s %u %.1f ms device=%s%s", ex->req.method, ex->req.path, ex->req.status,
            (double) (g_get_monotonic_time () - ex->started_us) / 1000.0,
            ex->req.device != NULL ? ex->req.device->id : "-",
            toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed early)");
  exchange_free (ex);
  g_atomic_int_dec_and_test (&self->in_flight);
}

static void mhd_log_cb (void       *cls,
                        const char *format,
                        va_list     args) G_GNUC_PRINTF (2, 0);

static void
mhd_log_cb (void       *cls,
            const char *format,
            va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_strchomp (message);
  g_debug ("libmicrohttpd: %s", message);
}

/* ---- The server ---- */

HsServer *
hs_server_new (const HsConfig  *config,
               GError         **error)
{
  HsServer *self = g_new0 (HsServer, 1);

  self->config = *config;
  self->config.conninfo = g_strdup (config->conninfo);
  self->config.listen_host = g_strdup (config->listen_host);
  self->config.tls_cert_pem = g_strdup (config->tls_cert_pem);
  self->config.tls_key_pem = g_strdup (config->tls_key_pem);
  self->pool = hs_db_pool_new (config->conninfo, MAX (config->threads, 1));
  self->rate = hs_rate_limiter_new (config->rate, config->burst);
  self->pin = hs_pin_connector_local_new ();
  return self;
}

static gboolean
resolve_listen (const char              *host,
                guint                    port,
                struct sockaddr_storage *addr,
                GError                 **error)
{
  struct addrinfo hints = { 0 };
  struct addrinfo *found = NULL;
  g_autofree char *service = g_strdup_printf ("%u", port);
  int rc;

  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  rc = getaddrinfo (host, service, &hints, &found);
  if (rc != 0 || found == NULL)
    {
      g_set_error (error, HS_ERROR, HS_ERROR_INVALID, _("Cannot listen on %s: %s"), host, gai_strerror (rc));
      return FALSE;
    }
  memcpy (addr, found->ai_addr, found->ai_addrlen);
  freeaddrinfo (found);
  return TRUE;
}

gboolean
hs_server_start (HsServer  *self,
                 guint     *port,
                 GError   **error)
{
  struct sockaddr_storage addr = { 0 };
  /* A thread per connection: a handler blocks on PostgreSQL, and with a
   * pool of polling threads the connections one of them accepted wait for
   * each other (most devices keep their connection open between batches,
   * so the pool's threads are not evenly loaded).  The database pool
   * bounds the work done at once instead (--threads). */
  unsigned int flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                       MHD_USE_ITC | MHD_USE_ERROR_LOG;
  const union MHD_DaemonInfo *info;
  gboolean tls = self->config.tls_cert_pem != NULL;

  if (!resolve_listen (self->config.listen_host, self->config.listen_port, &addr, error))
    return FALSE;
  if (addr.ss_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  if (tls)
    {
      if (MHD_is_feature_supported (MHD_FEATURE_TLS) != MHD_YES)
        {
          g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("This libmicrohttpd was built without TLS"));
          return FALSE;
        }
      flags |= MHD_USE_TLS;
    }

  self->daemon = MHD_start_daemon (flags, 0, NULL, NULL, access_cb, self,
                                   MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &addr,
                                   MHD_OPTION_CONNECTION_LIMIT, (unsigned int) 4000,
                                   MHD_OPTION_NOTIFY_COMPLETED, completed_cb, self,
                                   MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 120,
                                   MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int) 1024,
                                   MHD_OPTION_EXTERNAL_LOGGER, mhd_log_cb, self,
                                   /* Without TLS the option list ends here. */
                                   tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, self->config.tls_cert_pem,
                                   MHD_OPTION_HTTPS_MEM_KEY, self->config.tls_key_pem,
                                   MHD_OPTION_END);
  if (self->daemon == NULL)
    {
      g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Cannot listen on %s:%u (address in use, or a bad TLS key?)"),
                   self->config.listen_host, self->config.listen_port);
      return FALSE;
    }
  info = MHD_get_daemon_info (self->daemon, MHD_DAEMON_INFO_BIND_PORT);
  if (port != NULL)
    *port = info != NULL ? info->port : self->config.listen_port;
  return TRUE;
}

void
hs_server_stop (HsServer *self,
                guint     grace_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) grace_ms * 1000;
  MHD_socket listener;

  if (self->daemon == NULL)
    return;
  /* Stop accepting, let the requests being handled finish and be answered,
   * then close what is left (idle keep-alive connections). */
  listener = MHD_quiesce_daemon (self->daemon);
  while (g_atomic_int_get (&self->in_flight) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  MHD_stop_daemon (self->daemon);
  if (listener != MHD_INVALID_SOCKET)
    close (listener);
  self->daemon = NULL;
}

void
hs_server_free (HsServer *self)
{
  if (self == NULL)
    return;
  hs_server_stop (self, 0);
  hs_db_pool_free (self->pool);
  hs_rate_limiter_free (self->rate);
  hs_pin_connector_free (self->pin);
  g_free (self->config.conninfo);
  g_free (self->config.listen_host);
  g_free (self->config.tls_cert_pem);
  g_free (self->config.tls_key_pem);
  g_free (self);
}

HsPinConnector *
hs_server_get_pin_connector (HsServer *self)
{
  return self->pin;
}

HsRateLimiter *
hs_server_get_rate_limiter (HsServer *self)
{
  return self->rate;
}
