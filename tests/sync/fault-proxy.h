/* fault-proxy.h — a TCP proxy between the sync client and the server that injects faults, for tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It listens on a free loopback port and passes every connection through to
 * the server's port, byte for byte, until told to misbehave: hold answers
 * back, cut a connection in the middle of a request or of an answer, or
 * stop accepting connections altogether.  It runs in its own threads, so
 * the client under test can be in the same process.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FAULT_NONE,
  FAULT_DELAY,          /* hold each answer back "amount" ms before passing it on */
  FAULT_DROP_REQUEST,   /* cut a connection after "amount" bytes of requests went through it */
  FAULT_DROP_RESPONSE,  /* cut a connection after "amount" bytes of answers went through it */
  FAULT_REFUSE,         /* stop listening and cut every connection: connections are refused */
} FaultKind;

typedef struct _FaultProxy FaultProxy;

/* A proxy to 127.0.0.1:"upstream_port"; aborts the test on failure. */
FaultProxy *fault_proxy_new    (guint       upstream_port);
void        fault_proxy_free   (FaultProxy *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaultProxy, fault_proxy_free)

/* "http://127.0.0.1:PORT" */
const char *fault_proxy_url    (FaultProxy *self);

/* Injects "kind" on the next "times" connections it applies to (a delay:
 * answers), or for ever when "times" is 0; FAULT_NONE heals everything,
 * listening again after FAULT_REFUSE. */
void        fault_proxy_set    (FaultProxy *self,
                                FaultKind   kind,
                                guint64     amount,
                                guint       times);
/* How many times a fault was injected since the proxy was made. */
guint       fault_proxy_faults (FaultProxy *self);

G_END_DECLS
