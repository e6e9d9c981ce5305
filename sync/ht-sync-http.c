/* ht-sync-http.c — HTTP exchanges with hotich-server (libcurl), for one thread.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options follow curl's own advice for library use: no signals
 * (CURLOPT_NOSIGNAL, we run in worker threads), an error buffer, timeouts on
 * connecting and on a stalled transfer, and a progress callback that aborts
 * when the caller's GCancellable fires.  Verification of the peer and of
 * the host name stays at libcurl's defaults (on); nothing here can turn it
 * off.
 */
#define G_LOG_DOMAIN "ht-sync"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <string.h>

#include "ht-record.h"   /* cJSON and its autoptr */
#include "ht-sync-http.h"

/* A transfer slower than this many bytes a second, for as long as the
 * stall limit, is given up (a half-open connection never ends by itself). */
#define LOW_SPEED_BYTES 1
#define LOW_SPEED_SECONDS 60

struct _HtSyncHttp
{
  CURL          *curl;
  char          *base_url;
  char          *ca_file;
  char          *auth_header;
  guint          connect_ms;
  guint          request_ms;
  HtSyncLogFunc  log;
  gpointer       log_data;
  /* Kept for the next body: a compressor is a few hundred KiB of tables. */
  struct _HtSyncIgzip          *igzip;
  struct libdeflate_compressor *deflate;
  char           error_buffer[CURL_ERROR_SIZE];
};

typedef struct
{
  GByteArray     *body;
  HtSyncResponse *response;
  gboolean        too_big;
  GCancellable   *cancellable;
} Transfer;

void
ht_sync_global_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

void
ht_sync_response_free (HtSyncResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->body);
  g_free (response->error_code);
  g_free (response->error_message);
  g_free (response);
}

static gboolean
is_loopback (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "::1") ||
         g_str_equal (host, "[::1]") || g_str_has_prefix (host, "127.");
}

gboolean
ht_sync_check_url (const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID, _("The server address is empty"));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("“%s” is not a server address (expected https://HOST[:PORT])"), url);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("The server address “%s” must start with https://"), url);
      return FALSE;
    }
  /* GUri takes a host with spaces in it; libcurl would not. */
  if (host == NULL || *host == '\0'
      || strspn (host, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-:[]") != strlen (host)
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("“%s” is not a server address (expected https://HOST[:PORT], without user, query or fragment)"),
                   url);
      return FALSE;
    }
  /* The device token would cross the network readable by anyone. */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback (host))
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("The server address “%s” is not encrypted: use https:// (plain http:// is only for this computer)"),
                   url);
      return FALSE;
    }
  return TRUE;
}

HtSyncHttp *
ht_sync_http_new (const char  *base_url,
                  const char  *ca_file,
                  GError     **error)
{
  HtSyncHttp *self;

  if (!ht_sync_check_url (base_url, error))
    return NULL;
  if (ca_file != NULL && !g_file_test (ca_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("The certificate authority file “%s” does not exist"), ca_file);
      return NULL;
    }

  ht_sync_global_init ();
  self = g_new0 (HtSyncHttp, 1);
  self->curl = curl_easy_init ();
  if (self->curl == NULL)
    {
      g_free (self);
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_FAILED, _("Cannot start the HTTP client (libcurl)"));
      return NULL;
    }
  self->base_url = g_strdup (base_url);
  /* Paths are appended to the base, which may itself carry a prefix. */
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->ca_file = g_strdup (ca_file);
  self->connect_ms = 15000;
  self->request_ms = 300000;
  return self;
}

void
ht_sync_http_free (HtSyncHttp *self)
{
  if (self == NULL)
    return;
  curl_easy_cleanup (self->curl);
  g_clear_pointer (&self->igzip, g_free);
  g_clear_pointer (&self->deflate, libdeflate_free_compressor);
  g_free (self->base_url);
  g_free (self->ca_file);
  if (self->auth_header != NULL)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_free (self->auth_header);
  g_free (self);
}

void
ht_sync_http_set_token (HtSyncHttp *self,
                        const char *token)
{
  if (self->auth_header != NULL)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_free (self->auth_header);
  self->auth_header = token != NULL ? g_strconcat ("Authorization: Bearer ", token, NULL) : NULL;
}

void
ht_sync_http_set_timeouts (HtSyncHttp *self,
                           guint       connect_ms,
                           guint       request_ms)
{
  self->connect_ms = connect_ms;
  self->request_ms = request_ms;
}

void
ht_sync_http_set_log (HtSyncHttp    *self,
                      HtSyncLogFunc  func,
                      gpointer       user_data)
{
  self->log = func;
  self->log_data = user_data;
}

/* The body is gzipped by ISA-L's igzip at its level 2, one whole buffer at
 * a time (isal_deflate_stateless).  Measured on five batches of 1,000
 * generated records (8.3 MB of JSON; CPU per record, the best of fifteen
 * rounds on the loaded machine of 2026-11-24): libdeflate level 1, used
 * before, made 13.28% of the size for 3.8 µs (32,300 instructions a record
 * in callgrind); igzip level 2 13.90% for 1.7 µs (10,600), level 1 14.15%
 * for 1.6 µs, level 3 13.57% for 4.1 µs; libdeflate level 2 12.81% for
 * 7.5 µs.  So 4.7% more bytes on the wire for less than half the CPU, a
 * fifth of the client's instructions per pushed record.  Any gzip decoder
 * reads what it makes, the server's zlib included.
 *
 * libdeflate stays as the fallback should igzip refuse a body: it cannot
 * with the room given (what the data can take at worst, stored), and it
 * takes at most 4 GiB at once, which no push comes near; a body is gzipped
 * whatever happens. */
#define IGZIP_LEVEL 2
#define DEFLATE_LEVEL 1

struct _HtSyncIgzip
{
  struct isal_zstream stream;
  guint8              level_buf[ISAL_DEF_LVL2_DEFAULT];
};

static struct libdeflate_compressor *
new_compressor (void)
{
  struct libdeflate_compressor *compressor = libdeflate_alloc_compressor (DEFLATE_LEVEL);

  /* Only a lack of memory makes this fail, which GLib treats as fatal. */
  if (compressor == NULL)
    g_error ("libdeflate: out of memory");
  return compressor;
}

static GBytes *
gzip_with (struct libdeflate_compressor *compressor,
           const char                   *data,
           gsize                         length)
{
  gsize bound = libdeflate_gzip_compress_bound (compressor, length);
  guint8 *out = g_malloc (bound);
  gsize written = libdeflate_gzip_compress (compressor, data, length, out, bound);

  /* The bound is what the data can take at worst, so this always fits. */
  g_assert (written > 0);
  return g_bytes_new_with_free_func (out, written, g_free, out);
}

/* NULL when igzip does not take the body (see above). */
static GBytes *
igzip_with (struct _HtSyncIgzip *z,
            const char          *data,
            gsize                length)
{
  /* Stored blocks at worst: 5 bytes for every 64 KiB, one block's header,
   * gzip's header and trailer; a sixteenth more is ample. */
  gsize bound = length + length / 16 + ISAL_DEF_MAX_HDR_SIZE + 1024;
  g_autofree guint8 *out = NULL;

  if (length > G_MAXUINT32 / 2)
    return NULL;
  out = g_malloc (bound);
  isal_deflate_stateless_init (&z->stream);
  z->stream.level = IGZIP_LEVEL;
  z->stream.level_buf = z->level_buf;
  z->stream.level_buf_size = sizeof z->level_buf;
  z->stream.gzip_flag = IGZIP_GZIP;
  z->stream.flush = NO_FLUSH;
  z->stream.end_of_stream = 1;
  z->stream.next_in = (guint8 *) data;
  z->stream.avail_in = (guint32) length;
  z->stream.next_out = out;
  z->stream.avail_out = (guint32) bound;
  if (isal_deflate_stateless (&z->stream) != COMP_OK || z->stream.avail_in != 0)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&out), z->stream.total_out);
}

gboolean _ht_sync_http_force_deflate = FALSE;

static GBytes *
gzip_kept (struct _HtSyncIgzip          **igzip,
           struct libdeflate_compressor **deflate,
           const char                    *data,
           gsize                          length)
{
  GBytes *zipped;

  if (*igzip == NULL)
    *igzip = g_new (struct _HtSyncIgzip, 1);
  zipped = _ht_sync_http_force_deflate ? NULL : igzip_with (*igzip, data, length);
  if (zipped != NULL)
    return zipped;
  if (*deflate == NULL)
    *deflate = new_compressor ();
  return gzip_with (*deflate, data, length);
}

GBytes *
ht_sync_gzip (const char *data,
              gsize       length)
{
  struct _HtSyncIgzip *igzip = NULL;
  struct libdeflate_compressor *deflate = NULL;
  GBytes *zipped = gzip_kept (&igzip, &deflate, data, length);

  g_free (igzip);
  g_clear_pointer (&deflate, libdeflate_free_compressor);
  return zipped;
}

GBytes *
ht_sync_http_gzip (HtSyncHttp *self,
                   const char *data,
                   gsize       length)
{
  return gzip_kept (&self->igzip, &self->deflate, data, length);
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  Transfer *transfer = user_data;

  if (transfer->body->len + size * n > HT_SYNC_MAX_ANSWER_BYTES)
    {
      transfer->too_big = TRUE;
      return 0;
    }
  g_byte_array_append (transfer->body, (const guint8 *) data, size * n);
  return size * n;
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  Transfer *transfer = user_data;
  gsize len = size * n;

  if (len > 12 && g_ascii_strncasecmp (data, "Retry-After:", 12) == 0)
    {
      g_autofree char *value = g_strstrip (g_strndup (data + 12, len - 12));
      guint64 seconds = 0;

      /* The server sends seconds; an HTTP date is not worth parsing here
       * (the backoff applies anyway). */
      if (g_ascii_string_to_unsigned (value, 10, 0, 86400, &seconds, NULL))
        transfer->response->retry_after = (double) seconds;
    }
  return len;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *transfer = user_data;

  /* Non-zero makes libcurl stop with CURLE_ABORTED_BY_CALLBACK. */
  return g_cancellable_is_cancelled (transfer->cancellable) ? 1 : 0;
}

static void
read_error_body (HtSyncResponse *response)
{
  g_autoptr(cJSON) json = NULL;
  const cJSON *error, *code, *message;

  if (response->length == 0)
    return;
  json = cJSON_ParseWithLengthOpts (response->body, response->length, NULL, FALSE);
  error = cJSON_GetObjectItemCaseSensitive (json, "error");
  code = cJSON_GetObjectItemCaseSensitive (error, "code");
  message = cJSON_GetObjectItemCaseSensitive (error, "message");
  if (cJSON_IsString (code))
    response->error_code = g_strdup (code->valuestring);
  if (cJSON_IsString (message) && g_utf8_validate (message->valuestring, -1, NULL))
    response->error_message = g_strdup (message->valuestring);
}

static void
transport_error (HtSyncHttp    *self,
                 CURLcode       rc,
                 Transfer      *transfer,
                 const char    *method,
                 const char    *path,
                 GError       **error)
{
  const char *detail = self->error_buffer[0] != '\0' ? self->error_buffer : curl_easy_strerror (rc);

  switch (rc)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sync was cancelled"));
      return;
    case CURLE_PEER_FAILED_VERIFICATION:
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_TLS,
                   _("The server's certificate cannot be trusted (%s); if the server uses a private certificate authority, give its certificate with --ca FILE"),
                   detail);
      return;
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_TLS,
                   _("The certificate authority file cannot be used (%s)"), detail);
      return;
    case CURLE_WRITE_ERROR:
      if (transfer->too_big)
        {
          g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_PROTOCOL,
                       _("The server's answer to %s %s is larger than %d MiB; it is not a hotich server"),
                       method, path, HT_SYNC_MAX_ANSWER_BYTES / (1024 * 1024));
          return;
        }
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_INVALID,
                   _("The server address “%s” cannot be used: %s"), self->base_url, detail);
      return;
    default:
      break;
    }
  g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_UNREACHABLE,
               _("The server %s cannot be reached: %s"), self->base_url, detail);
}

HtSyncResponse *
ht_sync_http_request (HtSyncHttp       *self,
                      const char       *method,
                      const char       *path,
                      const char       *body,
                      gsize             length,
                      HtSyncHttpFlags   flags,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(HtSyncResponse) response = g_new0 (HtSyncResponse, 1);
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GBytes) zipped = NULL;
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  struct curl_slist *headers = NULL;
  Transfer transfer = { received, response, FALSE, cancellable };
  CURL *curl = self->curl;
  gsize sent = length;
  CURLcode rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  response->retry_after = -1;
  self->error_buffer[0] = '\0';
  /* A reset keeps the live connection, so requests share it. */
  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, self->error_buffer);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, (long) self->connect_ms);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) self->request_ms);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, (long) LOW_SPEED_BYTES);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) MIN (LOW_SPEED_SECONDS, MAX (1, self->request_ms / 1000)));
  curl_easy_setopt (curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, self->ca_file);
  curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "hotich-sync/" PACKAGE_VERSION);

  if (self->auth_header != NULL)
    headers = curl_slist_append (headers, self->auth_header);
  /* Waiting for "100 Continue" before a body would only add a round trip. */
  headers = curl_slist_append (headers, "Expect:");
  if (g_ascii_strcasecmp (method, "GET") == 0)
    curl_easy_setopt (curl, CURLOPT_HTTPGET, 1L);
  else
    {
      const char *data = body != NULL ? body : "";

      headers = curl_slist_append (headers, "Content-Type: application/json");
      if ((flags & HT_SYNC_HTTP_GZIP) && !(flags & HT_SYNC_HTTP_GZIPPED) && body != NULL)
        {
          zipped = ht_sync_http_gzip (self, body, length);
          data = g_bytes_get_data (zipped, &sent);
        }
      if ((flags & (HT_SYNC_HTTP_GZIP | HT_SYNC_HTTP_GZIPPED)) && body != NULL)
        headers = curl_slist_append (headers, "Content-Encoding: gzip");
      curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, data);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) (body != NULL ? sent : 0));
    }
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  rc = curl_easy_perform (curl);
  curl_slist_free_all (headers);
  curl_easy_getinfo (curl, CURLINFO_TOTAL_TIME, &response->seconds);

  if (rc != CURLE_OK)
    {
      g_autoptr(GError) local = NULL;

      /* Cancellation wins over whatever the transfer was doing. */
      if (g_cancellable_is_cancelled (cancellable))
        rc = CURLE_ABORTED_BY_CALLBACK;
      transport_error (self, rc, &transfer, method, path, &local);
      if (self->log != NULL)
        {
          g_autofree char *line = g_strdup_printf (_("%s %s: no answer after %.2f s (%s)"), method, path,
                                                   response->seconds, local->message);
          self->log (line, self->log_data);
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
  response->length = received->len;
  g_byte_array_append (received, (const guint8 *) "", 1);
  response->body = (char *) g_byte_array_free (g_steal_pointer (&received), FALSE);
  if (response->status < 200 || response->status > 299)
    read_error_body (response);

  if (self->log != NULL)
    {
      g_autofree char *line = NULL;

      if (body != NULL)
        line = g_strdup_printf (_("%s %s: %ld in %.2f s (sent %zu bytes, %zu on the wire; received %zu bytes)%s%s"),
                                method, path, response->status, response->seconds, length, sent,
                                response->length, response->error_code != NULL ? " " : "",
                                response->error_code != NULL ? response->error_code : "");
      else
        line = g_strdup_printf (_("%s %s: %ld in %.2f s (received %zu bytes)%s%s"), method, path,
                                response->status, response->seconds, response->length,
                                response->error_code != NULL ? " " : "",
                                response->error_code != NULL ? response->error_code : "");
      self->log (line, self->log_data);
    }
  return g_steal_pointer (&response);
}

gboolean
ht_sync_response_to_error (const HtSyncResponse  *response,
                           const char            *what,
                           GError               **error)
{
  const char *message = response->error_message != NULL ? response->error_message : "";
  const char *code = response->error_code != NULL ? response->error_code : "";

  if (response->status >= 200 && response->status <= 299)
    return FALSE;
  if (response->status == 401)
    g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_AUTH,
                 _("The server refused this device (%s: %s); it must be enrolled again with a new code"),
                 code, message);
  else if (response->status == 408 || response->status == 429 || response->status >= 500)
    g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_UNREACHABLE,
                 _("The server could not answer %s now (HTTP %ld %s%s%s)"), what, response->status, code,
                 *message != '\0' ? ": " : "", message);
  else
    g_set_error (error, HT_SYNC_ERROR, HT_SYNC_ERROR_REFUSED,
                 _("The server refused %s (HTTP %ld %s%s%s)"), what, response->status, code,
                 *message != '\0' ? ": " : "", message);
  return TRUE;
}

gboolean
ht_sync_error_is_transient (const GError *error)
{
  return g_error_matches (error, HT_SYNC_ERROR, HT_SYNC_ERROR_UNREACHABLE);
}
