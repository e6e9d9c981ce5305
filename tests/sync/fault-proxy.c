/* fault-proxy.c — a TCP proxy between the sync client and the server that injects faults, for tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread accepts; each connection gets a thread that connects to the
 * server and pumps bytes both ways with poll().  Faults are decided per
 * connection from the settings of the moment, under one mutex.
 */
#define _GNU_SOURCE 1  /* accept4() */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fault-proxy.h"

#define CHUNK 16384

struct _FaultProxy
{
  GMutex     lock;
  guint      upstream_port;
  guint      port;
  char      *url;
  int        listen_fd;
  GThread   *acceptor;
  gboolean   closing;
  GPtrArray *connections;  /* Connection*, alive */

  FaultKind  kind;
  guint64    amount;
  guint      times;        /* 0: for ever */
  guint      injected;
};

typedef struct
{
  FaultProxy *proxy;
  int         client;
  int         server;
  GThread    *thread;
  gboolean    done;
} Connection;

static int
listen_on (guint port)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert (fd >= 0);
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = htons ((guint16) port);
  /* The port was just let go by the same proxy: a few tries cover it. */
  for (guint attempt = 0; bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0; attempt++)
    {
      g_assert_cmpuint (attempt, <, 100);
      g_usleep (20000);
    }
  g_assert (listen (fd, 64) == 0);
  g_assert (getsockname (fd, (struct sockaddr *) &addr, &len) == 0);
  g_assert (port == 0 || ntohs (addr.sin_port) == port);
  return fd;
}

static int
connect_upstream (guint port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = htons ((guint16) port);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    {
      if (fd >= 0)
        close (fd);
      return -1;
    }
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static gboolean
send_all (int         fd,
          const char *data,
          gsize       len)
{
  while (len > 0)
    {
      ssize_t n = send (fd, data, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Whether a fault of "kind" fires now; counts it. */
static gboolean
take_fault (FaultProxy *self,
            FaultKind   kind,
            guint64    *amount)
{
  gboolean fire = FALSE;

  g_mutex_lock (&self->lock);
  if (self->kind == kind)
    {
      fire = TRUE;
      *amount = self->amount;
    }
  g_mutex_unlock (&self->lock);
  return fire;
}

static void
count_fault (FaultProxy *self,
             FaultKind   kind)
{
  g_mutex_lock (&self->lock);
  if (self->kind == kind)
    {
      self->injected++;
      if (self->times > 0 && --self->times == 0)
        self->kind = FAULT_NONE;
    }
  g_mutex_unlock (&self->lock);
}

static gpointer
pump (gpointer data)
{
  Connection *c = data;
  FaultProxy *self = c->proxy;
  guint64 sent_up = 0, sent_down = 0;
  gboolean answer_started = FALSE;
  char *buffer = g_malloc (CHUNK);

  c->server = connect_upstream (self->upstream_port);
  while (c->server >= 0)
    {
      struct pollfd fds[2] = { { c->client, POLLIN, 0 }, { c->server, POLLIN, 0 } };
      guint64 limit;
      ssize_t n;

      if (poll (fds, 2, 200) < 0 && errno != EINTR)
        break;
      g_mutex_lock (&self->lock);
      if (self->closing)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      g_mutex_unlock (&self->lock);

      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR))
        {
          n = recv (c->client, buffer, CHUNK, 0);
          if (n <= 0)
            break;
          answer_started = FALSE;
          if (take_fault (self, FAULT_DROP_REQUEST, &limit) && sent_up + (guint64) n > limit)
            {
              /* Part of the request reaches the server, then the line dies. */
              send_all (c->server, buffer, (gsize) (limit > sent_up ? limit - sent_up : 0));
              count_fault (self, FAULT_DROP_REQUEST);
              break;
            }
          if (!send_all (c->server, buffer, (gsize) n))
            break;
          sent_up += (guint64) n;
        }
      if (fds[1].revents & (POLLIN | POLLHUP | POLLERR))
        {
          n = recv (c->server, buffer, CHUNK, 0);
          if (n <= 0)
            break;
          if (!answer_started && take_fault (self, FAULT_DELAY, &limit))
            {
              count_fault (self, FAULT_DELAY);
              g_usleep ((gulong) limit * 1000);
            }
          answer_started = TRUE;
          if (take_fault (self, FAULT_DROP_RESPONSE, &limit) && sent_down + (guint64) n > limit)
            {
              /* The server did the work; its answer is lost on the way. */
              send_all (c->client, buffer, (gsize) (limit > sent_down ? limit - sent_down : 0));
              count_fault (self, FAULT_DROP_RESPONSE);
              break;
            }
          if (!send_all (c->client, buffer, (gsize) n))
            break;
          sent_down += (guint64) n;
        }
    }
  g_free (buffer);
  shutdown (c->client, SHUT_RDWR);
  close (c->client);
  if (c->server >= 0)
    {
      shutdown (c->server, SHUT_RDWR);
      close (c->server);
    }
  g_mutex_lock (&self->lock);
  c->done = TRUE;
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* Joins the threads of connections that ended; the lock is not held. */
static void
reap (FaultProxy *self,
      gboolean    all)
{
  for (;;)
    {
      Connection *found = NULL;

      g_mutex_lock (&self->lock);
      for (guint i = 0; i < self->connections->len && found == NULL; i++)
        {
          Connection *c = self->connections->pdata[i];
          if (c->done || all)
            found = g_ptr_array_steal_index_fast (self->connections, i);
        }
      g_mutex_unlock (&self->lock);
      if (found == NULL)
        return;
      g_thread_join (found->thread);
      g_free (found);
    }
}

static gpointer
accept_loop (gpointer data)
{
  FaultProxy *self = data;
  int listen_fd;

  g_mutex_lock (&self->lock);
  listen_fd = self->listen_fd;
  g_mutex_unlock (&self->lock);

  for (;;)
    {
      int fd = accept4 (listen_fd, NULL, NULL, SOCK_CLOEXEC);
      Connection *c;

      if (fd < 0)
        {
          if (errno == EINTR || errno == ECONNABORTED)
            continue;
          return NULL; /* The listening socket was shut down. */
        }
      reap (self, FALSE);
      c = g_new0 (Connection, 1);
      c->proxy = self;
      c->client = fd;
      c->server = -1;
      g_mutex_lock (&self->lock);
      if (self->listen_fd != listen_fd)
        {
          g_mutex_unlock (&self->lock);
          close (fd);
          g_free (c);
          return NULL;
        }
      g_ptr_array_add (self->connections, c);
      c->thread = g_thread_new ("fault-proxy", pump, c);
      g_mutex_unlock (&self->lock);
    }
}

static void
start_listening (FaultProxy *self)
{
  int fd = listen_on (self->port);

  if (self->port == 0)
    {
      struct sockaddr_in addr = { 0 };
      socklen_t len = sizeof addr;

      getsockname (fd, (struct sockaddr *) &addr, &len);
      self->port = ntohs (addr.sin_port);
    }
  g_mutex_lock (&self->lock);
  self->listen_fd = fd;
  g_mutex_unlock (&self->lock);
  self->acceptor = g_thread_new ("fault-proxy-accept", accept_loop, self);
}

static void
stop_listening (FaultProxy *self)
{
  int fd;

  g_mutex_lock (&self->lock);
  fd = self->listen_fd;
  self->listen_fd = -1;
  g_mutex_unlock (&self->lock);
  if (fd < 0)
    return;
  shutdown (fd, SHUT_RDWR);
  g_thread_join (self->acceptor);
  self->acceptor = NULL;
  close (fd);
}

/* Cuts every live connection (their threads see "closing"). */
static void
cut_all (FaultProxy *self)
{
  g_mutex_lock (&self->lock);
  self->closing = TRUE;
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = self->connections->pdata[i];
      shutdown (c->client, SHUT_RDWR);
    }
  g_mutex_unlock (&self->lock);
  reap (self, TRUE);
  g_mutex_lock (&self->lock);
  self->closing = FALSE;
  g_mutex_unlock (&self->lock);
}

FaultProxy *
fault_proxy_new (guint upstream_port)
{
  FaultProxy *self = g_new0 (FaultProxy, 1);

  g_mutex_init (&self->lock);
  self->upstream_port = upstream_port;
  self->listen_fd = -1;
  self->connections = g_ptr_array_new ();
  start_listening (self);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return self;
}

void
fault_proxy_free (FaultProxy *self)
{
  if (self == NULL)
    return;
  stop_listening (self);
  cut_all (self);
  g_ptr_array_unref (self->connections);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const char *
fault_proxy_url (FaultProxy *self)
{
  return self->url;
}

void
fault_proxy_set (FaultProxy *self,
                 FaultKind   kind,
                 guint64     amount,
                 guint       times)
{
  gboolean listening;

  g_mutex_lock (&self->lock);
  self->kind = kind;
  self->amount = amount;
  self->times = times;
  listening = self->listen_fd >= 0;
  if (kind == FAULT_REFUSE)
    self->injected++;
  g_mutex_unlock (&self->lock);

  if (kind == FAULT_REFUSE && listening)
    {
      stop_listening (self);
      cut_all (self);
    }
  else if (kind != FAULT_REFUSE && !listening)
    start_listening (self);
}

guint
fault_proxy_faults (FaultProxy *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->injected;
  g_mutex_unlock (&self->lock);
  return n;
}
