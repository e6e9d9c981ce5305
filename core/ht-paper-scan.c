/* ht-paper-scan.c — reading the QR codes back from a PDF paper, so that a
 * file can be verified as the paper itself is: by what its page shows.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page is rendered with poppler, as a printer or a screen would, and
 * scanned with zbar.  Nothing is read from the PDF's metadata: a payload
 * hidden there could say something else than the page.
 */
#define G_LOG_DOMAIN "ht-paper"

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <zbar.h>

#include "ht-error.h"
#include "ht-paper-scan.h"

/* Pixels per point: 200 dpi, what an office scanner gives, keeps a module
 * of the paper's code three pixels wide. */
#define RENDER_SCALE (200.0 / 72.0)

static void
scan_surface (zbar_image_scanner_t *scanner,
              cairo_surface_t      *surface,
              GPtrArray            *out)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *src = cairo_image_surface_get_data (surface);
  guchar *grey = g_malloc ((gsize) w * h);
  zbar_image_t *image = zbar_image_create ();
  const zbar_symbol_t *symbol;

  /* ARGB32 to 8-bit grey (Y800), the format zbar reads. */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (src + (gsize) y * stride + (gsize) x * 4);
        guint r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
        grey[(gsize) y * w + x] = (guchar) ((r * 299 + g * 587 + b * 114) / 1000);
      }
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, w, h);
  zbar_image_set_data (image, grey, (unsigned long) w * h, zbar_image_free_data);
  zbar_scan_image (scanner, image);
  for (symbol = zbar_image_first_symbol (image); symbol != NULL; symbol = zbar_symbol_next (symbol))
    if (zbar_symbol_get_type (symbol) == ZBAR_QRCODE)
      g_ptr_array_add (out, g_strndup (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol)));
  zbar_image_destroy (image);
}

GPtrArray *
ht_paper_scan_pdf (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PopplerDocument *document;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  zbar_image_scanner_t *scanner;
  int pages;

  document = poppler_document_new_from_gfile (file, NULL, NULL, &local);
  if (document == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot read the PDF “%s”: %s"), path, local->message);
      return NULL;
    }
  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  /* The payload is UTF-8 bytes; zbar must not guess another encoding. */
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);

  pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double pw, ph;
      cairo_surface_t *surface;
      cairo_t *cr;

      if (page == NULL)
        continue;

      poppler_page_get_size (page, &pw, &ph);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (pw * RENDER_SCALE), (int) (ph * RENDER_SCALE));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, RENDER_SCALE, RENDER_SCALE);
      poppler_page_render_for_printing (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        scan_surface (scanner, surface, out);
      cairo_surface_destroy (surface);
      g_object_unref (page);
    }
  zbar_image_scanner_destroy (scanner);
  g_object_unref (document);
  return g_steal_pointer (&out);
}
