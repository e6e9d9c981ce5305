/* canned-server.c — a loopback HTTP server whose answers a test scripts, for the engine's error paths.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread accepts connections and each is served by a thread of its
 * own, since a run pushes over more than one connection at a time; the
 * handler is called for one request at a time, so that a test's script
 * needs no lock of its own.
 */
#define _GNU_SOURCE 1  /* accept4() */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <gio/gio.h>

#include "canned-server.h"

struct _CannedServer
{
  CannedHandler  handler;
  gpointer       user_data;
  int            listen_fd;
  char          *url;
  GThread       *thread;
  gint           requests;
  gint           stopping;
  GMutex         lock;         /* the handler's, and "connections" */
  GPtrArray     *connections;  /* Connection* */
  guint          arrived;
  GArray        *open;         /* guint: requests arrived and not answered */
};

typedef struct
{
  CannedServer *server;
  int           fd;
  GThread      *thread;
} Connection;

CannedAnswer
canned_answer (guint       status,
               const char *body)
{
  CannedAnswer answer = { status, g_strdup (body != NULL ? body : ""), NULL, FALSE, 0 };
  return answer;
}

static char *
gunzip (const char *data,
        gsize       len)
{
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  GByteArray *out = g_byte_array_new ();
  gsize in = 0;

  for (;;)
    {
      guint8 chunk[65536];
      gsize read = 0, written = 0;
      GConverterResult r = g_converter_convert (G_CONVERTER (z), data + in, len - in, chunk, sizeof chunk,
                                                G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
      in += read;
      g_byte_array_append (out, chunk, written);
      if (r == G_CONVERTER_FINISHED || r == G_CONVERTER_ERROR)
        break;
    }
  g_byte_array_append (out, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (out, FALSE);
}

/* Reads until "buffer" holds a whole request; FALSE when the peer left. */
static gboolean
read_request (int             fd,
              GString        *buffer,
              CannedRequest  *request,
              gsize          *consumed)
{
  for (;;)
    {
      char *end = strstr (buffer->str, "\r\n\r\n");

      if (end != NULL)
        {
          gsize head = (gsize) (end - buffer->str) + 4;
          g_autofree char *headers = g_strndup (buffer->str, head);
          g_auto(GStrv) lines = g_strsplit (headers, "\r\n", -1);
          g_auto(GStrv) first = g_strsplit (lines[0], " ", 3);
          gsize length = 0;

          for (guint i = 1; lines[i] != NULL; i++)
            {
              if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
                length = (gsize) g_ascii_strtoull (lines[i] + 15, NULL, 10);
              else if (g_ascii_strncasecmp (lines[i], "Content-Encoding:", 17) == 0)
                request->gzipped = strstr (lines[i], "gzip") != NULL;
              else if (g_ascii_strncasecmp (lines[i], "Authorization:", 14) == 0)
                request->authorization = g_strstrip (g_strdup (lines[i] + 14));
            }
          if (buffer->len >= head + length)
            {
              request->method = g_strdup (first[0]);
              request->path = g_strdup (first[1] != NULL ? first[1] : "");
              request->body = request->gzipped ? gunzip (buffer->str + head, length)
                                               : g_strndup (buffer->str + head, length);
              *consumed = head + length;
              return TRUE;
            }
        }
      {
        char chunk[65536];
        ssize_t n = recv (fd, chunk, sizeof chunk, 0);

        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0)
          return FALSE;
        g_string_append_len (buffer, chunk, n);
      }
    }
}

static void
request_clear (CannedRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->body);
  g_free (request->authorization);
  g_clear_pointer (&request->open_with, g_array_unref);
  memset (request, 0, sizeof *request);
}

/* The request "index" was answered (or given up). */
static void
answered (CannedServer *self,
          guint         index)
{
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->open->len; i++)
    if (g_array_index (self->open, guint, i) == index)
      {
        g_array_remove_index (self->open, i);
        break;
      }
  g_mutex_unlock (&self->lock);
}

static void
serve (CannedServer *self,
       int           fd)
{
  g_autoptr(GString) buffer = g_string_new (NULL);

  for (;;)
    {
      guint index;
      CannedRequest request = { 0 };
      CannedAnswer answer;
      g_autofree char *head = NULL;
      gsize consumed = 0;

      if (!read_request (fd, buffer, &request, &consumed))
        return;
      g_string_erase (buffer, 0, (gssize) consumed);
      g_mutex_lock (&self->lock);
      request.index = self->arrived++;
      request.open_with = g_array_copy (self->open);
      g_array_append_val (self->open, request.index);
      answer = self->handler (&request, self->user_data);
      g_mutex_unlock (&self->lock);
      g_atomic_int_inc (&self->requests);
      index = request.index;
      request_clear (&request);
      if (answer.delay_ms > 0)
        g_usleep (answer.delay_ms * 1000);
      if (answer.hang)
        {
          /* Like a server that stopped answering: wait for the client to
           * give up. */
          struct pollfd p = { fd, POLLIN, 0 };
          poll (&p, 1, 10000);
          g_free (answer.body);
          g_free (answer.retry_after);
          answered (self, index);
          return;
        }
      head = g_strdup_printf ("HTTP/1.1 %u Canned\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                              "%s%s%s\r\n",
                              answer.status, strlen (answer.body),
                              answer.retry_after != NULL ? "Retry-After: " : "",
                              answer.retry_after != NULL ? answer.retry_after : "",
                              answer.retry_after != NULL ? "\r\n" : "");
      send (fd, head, strlen (head), MSG_NOSIGNAL);
      send (fd, answer.body, strlen (answer.body), MSG_NOSIGNAL);
      g_free (answer.body);
      g_free (answer.retry_after);
      answered (self, index);
    }
}

static gpointer
connection_thread (gpointer data)
{
  Connection *c = data;

  serve (c->server, c->fd);
  /* The descriptor is closed when the server is freed, so that it cannot
   * be reused by another connection while the server still shuts it. */
  shutdown (c->fd, SHUT_RDWR);
  return NULL;
}

static gpointer
accept_loop (gpointer data)
{
  CannedServer *self = data;

  while (!g_atomic_int_get (&self->stopping))
    {
      int fd = accept4 (self->listen_fd, NULL, NULL, SOCK_CLOEXEC);

      if (fd < 0)
        {
          if (errno == EINTR)
            continue;
          return NULL;
        }
      {
        Connection *c = g_new0 (Connection, 1);

        c->server = self;
        c->fd = fd;
        g_mutex_lock (&self->lock);
        c->thread = g_thread_new ("canned-connection", connection_thread, c);
        g_ptr_array_add (self->connections, c);
        g_mutex_unlock (&self->lock);
      }
    }
  return NULL;
}

CannedServer *
canned_server_new (CannedHandler handler,
                   gpointer      user_data)
{
  CannedServer *self = g_new0 (CannedServer, 1);
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;

  self->handler = handler;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  self->connections = g_ptr_array_new ();
  self->open = g_array_new (FALSE, FALSE, sizeof (guint));
  self->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert (bind (self->listen_fd, (struct sockaddr *) &addr, sizeof addr) == 0);
  g_assert (listen (self->listen_fd, 16) == 0);
  g_assert (getsockname (self->listen_fd, (struct sockaddr *) &addr, &len) == 0);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", ntohs (addr.sin_port));
  self->thread = g_thread_new ("canned-server", accept_loop, self);
  return self;
}

void
canned_server_free (CannedServer *self)
{
  if (self == NULL)
    return;
  g_atomic_int_set (&self->stopping, 1);
  shutdown (self->listen_fd, SHUT_RDWR);
  g_thread_join (self->thread);
  close (self->listen_fd);
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = self->connections->pdata[i];

      shutdown (c->fd, SHUT_RDWR);
      g_thread_join (c->thread);
      close (c->fd);
      g_free (c);
    }
  g_ptr_array_unref (self->connections);
  g_array_unref (self->open);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self);
}

const char *
canned_server_url (CannedServer *self)
{
  return self->url;
}

guint
canned_server_requests (CannedServer *self)
{
  return (guint) g_atomic_int_get (&self->requests);
}
