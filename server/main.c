/* main.c — hotich-server: the central civil-status server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

#include "hs-cli.h"

/* jemalloc's options (server/meson.build links the server with it), read
 * from this symbol when the program starts; glibc's allocator and the
 * sanitizers' ignore it.  jemalloc gives freed memory back to the system
 * when it has been unused for a while ("decay"), with madvise(), and each
 * such call makes the kernel flush the TLBs of every core running one of
 * the server's threads: on the virtual development machine that was about
 * a tenth of the server's CPU time during a stream of pushes (perf), for
 * memory that the next requests allocate again.  Over a minute instead of
 * ten seconds, the server made about a fifth as many calls (strace, 10 s
 * of bench-server's sustained phase: 1,886 → 347), and memory left after a
 * burst still goes back to the system within a minute.  MALLOC_CONF in the
 * environment still overrides it. */
extern const char *malloc_conf;
const char *malloc_conf = "dirty_decay_ms:60000";

int
main (int    argc,
      char **argv)
{
  /* No "fast bins" in the allocator.  A push builds and frees tens of
   * thousands of small JSON nodes, and with fast bins glibc gathers them
   * all up again (malloc_consolidate) at every allocation of a kilobyte or
   * more, which a push also makes by the thousand: a tenth of the server's
   * CPU time went there.  Freed small blocks are still reused through the
   * per-thread cache.  Built with jemalloc (server/meson.build), the server
   * allocates through jemalloc instead and this setting concerns only
   * glibc's allocator, which is then unused (as it is under the
   * sanitizers, which bring their own). */
  mallopt (M_MXFAST, 0);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return hs_cli_main (argc, argv);
}
