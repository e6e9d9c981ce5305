/* ht-paper-qr.c — the QR code of a paper, drawn as cairo rectangles.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payload is UTF-8 text (Vietnamese names) in byte mode, error
 * correction level M: a paper may be folded or stamped on, and M still
 * keeps the code small enough to scan from a phone at arm's length.
 */
#define G_LOG_DOMAIN "ht-paper"

#include <qrencode.h>

#include "ht-paper-private.h"

/* The blank border a scanner needs around the code, in modules. */
#define QUIET_ZONE 2

gboolean
ht_paper_draw_qr (cairo_t    *cr,
                  const char *text,
                  double      x,
                  double      y,
                  double      size)
{
  QRcode *code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  double module;
  int n;

  if (code == NULL)
    return FALSE;
  n = code->width;
  module = size / (n + 2 * QUIET_ZONE);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < n; row++)
    for (int col = 0; col < n; col++)
      /* Bit 0 of each byte is the module's colour (qrencode.h). */
      if (code->data[row * n + col] & 1)
        cairo_rectangle (cr, x + (col + QUIET_ZONE) * module, y + (row + QUIET_ZONE) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}
