/* hs-test-client.c — HTTP calls to hotich-server for tests and the benchmark (libcurl).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <curl/curl.h>
#include <zlib.h>

#include "hs-test-client.h"

struct _HsClient
{
  CURL *curl;
  char *base_url;
  char *token;
  char  error[CURL_ERROR_SIZE];
};

void
hs_client_global_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

void
hs_response_free (HsResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->body);
  cJSON_Delete (response->json);
  g_free (response->retry_after);
  g_free (response->content_encoding);
  g_free (response->error);
  g_free (response);
}

HsClient *
hs_client_new (const char *base_url,
               const char *token)
{
  HsClient *self = g_new0 (HsClient, 1);

  hs_client_global_init ();
  self->curl = curl_easy_init ();
  self->base_url = g_strdup (base_url);
  self->token = g_strdup (token);
  return self;
}

void
hs_client_free (HsClient *self)
{
  if (self == NULL)
    return;
  curl_easy_cleanup (self->curl);
  g_free (self->base_url);
  g_free (self->token);
  g_free (self);
}

void
hs_client_set_token (HsClient   *self,
                     const char *token)
{
  g_free (self->token);
  self->token = g_strdup (token);
}

void
hs_client_set_base (HsClient   *self,
                    const char *base_url)
{
  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  g_byte_array_append (user_data, (const guint8 *) data, size * n);
  return size * n;
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  HsResponse *response = user_data;
  g_autofree char *line = g_strndup (data, size * n);
  char *colon = strchr (line, ':');

  if (colon != NULL)
    {
      *colon = '\0';
      if (g_ascii_strcasecmp (line, "Retry-After") == 0)
        {
          g_free (response->retry_after);
          response->retry_after = g_strstrip (g_strdup (colon + 1));
        }
      else if (g_ascii_strcasecmp (line, "Content-Encoding") == 0)
        {
          g_free (response->content_encoding);
          response->content_encoding = g_strstrip (g_strdup (colon + 1));
        }
    }
  return size * n;
}

static char *
gzip_text (const char *data,
           gsize       len,
           gsize      *out_len)
{
  z_stream z = { 0 };
  gsize bound;
  char *out;

  deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  bound = deflateBound (&z, len) + 32;
  out = g_malloc (bound);
  z.next_in = (Bytef *) data;
  z.avail_in = len;
  z.next_out = (Bytef *) out;
  z.avail_out = bound;
  deflate (&z, Z_FINISH);
  *out_len = bound - z.avail_out;
  deflateEnd (&z);
  return out;
}

HsResponse *
hs_client_request (HsClient    *self,
                   const char  *method,
                   const char  *path,
                   const char  *body,
                   gssize       length,
                   HsHttpFlags  flags)
{
  HsResponse *response = g_new0 (HsResponse, 1);
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autofree char *auth = NULL;
  g_autofree char *zipped = NULL;
  struct curl_slist *headers = NULL;
  CURL *curl = self->curl;
  CURLcode rc;

  curl_easy_reset (curl);
  self->error[0] = '\0';
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, self->error);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, received);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, response);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  if (self->token != NULL)
    {
      auth = g_strconcat ("Authorization: Bearer ", self->token, NULL);
      headers = curl_slist_append (headers, auth);
    }
  /* The server answers before the body only on errors; waiting for
   * "100 Continue" would just add a round trip. */
  headers = curl_slist_append (headers, "Expect:");
  if (body != NULL)
    {
      gsize len = length < 0 ? strlen (body) : (gsize) length;

      headers = curl_slist_append (headers, "Content-Type: application/json");
      if (flags & HS_HTTP_GZIP_BODY)
        {
          zipped = gzip_text (body, len, &len);
          body = zipped;
          headers = curl_slist_append (headers, "Content-Encoding: gzip");
        }
      if (flags & HS_HTTP_SAY_GZIP)
        headers = curl_slist_append (headers, "Content-Encoding: gzip");
      if (flags & HS_HTTP_SAY_BROTLI)
        headers = curl_slist_append (headers, "Content-Encoding: br");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) len);
    }
  if (flags & HS_HTTP_INSECURE)
    {
      curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 0L);
    }
  if (flags & HS_HTTP_ACCEPT_GZIP)
    curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  rc = curl_easy_perform (curl);
  curl_slist_free_all (headers);
  curl_easy_getinfo (curl, CURLINFO_TOTAL_TIME, &response->seconds);
  if (rc != CURLE_OK)
    {
      response->error = g_strdup (self->error[0] != '\0' ? self->error : curl_easy_strerror (rc));
      return response;
    }
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
  response->length = received->len;
  g_byte_array_append (received, (const guint8 *) "", 1);
  response->body = (char *) g_byte_array_free (g_steal_pointer (&received), FALSE);
  response->json = cJSON_ParseWithLength (response->body, response->length);
  return response;
}

HsResponse *
hs_client_json (HsClient    *self,
                const char  *method,
                const char  *path,
                const cJSON *body)
{
  g_autofree char *text = cJSON_PrintUnformatted (body);

  return hs_client_request (self, method, path, text, -1, HS_HTTP_NONE);
}

HsResponse *
hs_http (const char  *base_url,
         const char  *token,
         const char  *method,
         const char  *path,
         const char  *body,
         gssize       length,
         HsHttpFlags  flags)
{
  g_autoptr(HsClient) client = hs_client_new (base_url, token);

  return hs_client_request (client, method, path, body, length, flags);
}
