/* main.c — hotich-server: the central civil-status server.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

#include "hs-cli.h"

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
