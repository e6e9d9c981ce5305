/* hotich-kinds-doc.c — prints docs/record-format.md from the kinds registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "ht-kinds-doc.h"

int
main (void)
{
  g_autofree char *md = ht_kinds_reference_markdown ();

  fputs (md, stdout);
  return ferror (stdout) ? 1 : 0;
}
