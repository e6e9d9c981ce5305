/* ht-paper-draw.c — drawing a paper with cairo and pango: the full page,
 * the values onto a pre-printed form, the calibration page, and PDF files.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * User units are points.  The layout is computed from the text at a scale
 * of the type sizes; a record too long for the page is drawn again at a
 * smaller scale rather than cut, because a paper must never lose a word.
 */
#define G_LOG_DOMAIN "ht-paper"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#include "ht-error.h"
#include "ht-paper-private.h"

/* Page geometry of the full-page papers, in mm. */
#define MARGIN_LEFT   22.0
#define MARGIN_RIGHT  18.0
#define MARGIN_TOP    14.0
#define MARGIN_BOTTOM 12.0
#define QR_SIZE       34.0
#define QR_GAP         4.0
#define SIGN_SPACE    20.0  /* room for a handwritten signature and the seal */
#define PHOI_QR       30.0  /* the QR code on a pre-printed form, in its lower left corner */

/* Type sizes in points, before scaling. */
#define SIZE_BODY    12.5
#define SIZE_HEADER  12.5
#define SIZE_TITLE   16.0
#define SIZE_SMALL   10.5
#define SIZE_CAPTION  7.5

/* The narrowest scale tried before giving up on fitting (the page is then
 * drawn at it anyway). */
#define SCALE_MIN 0.55

PangoLayout *
ht_paper_layout (cairo_t        *cr,
                 const char     *markup,
                 double          size,
                 double          width,
                 PangoAlignment  align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *desc = pango_font_description_from_string (HT_PAPER_FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the same line breaks on screen, in a PDF and on a
   * printer, whatever the device resolution. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

double
ht_paper_show (cairo_t     *cr,
               PangoLayout *layout,
               double       x,
               double       y)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (cr != NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) h / PANGO_SCALE;
}

/* Draws (when "draw") or measures markup in a box; returns its height. */
static double
text_at (cairo_t        *cr,
         gboolean        draw,
         const char     *markup,
         double          size,
         double          x,
         double          y,
         double          width,
         PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = ht_paper_layout (cr, markup, size, width, align);

  return ht_paper_show (draw ? cr : NULL, layout, x, y);
}

/* The width of the first line of some markup, for rules under headings. */
static double
text_width (cairo_t    *cr,
            const char *markup,
            double      size)
{
  g_autoptr(PangoLayout) layout = ht_paper_layout (cr, markup, size, -1, PANGO_ALIGN_LEFT);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

static void
rule (cairo_t *cr,
      gboolean draw,
      double   cx,
      double   y,
      double   width)
{
  if (!draw)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, cx - width / 2, y);
  cairo_line_to (cr, cx + width / 2, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ---- The full page ---- */

typedef struct
{
  cairo_t  *cr;
  gboolean  draw;
  double    s;      /* scale of the type sizes */
  double    left;   /* content box, points */
  double    width;
} Pen;

static double
header_national (HtPaperDoc *doc,
                 Pen        *p,
                 double      y)
{
  const char *motto = "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>";
  const char *words = "<b>Độc lập - Tự do - Hạnh phúc</b>";
  double cx = p->left + p->width / 2;
  g_autofree char *number = g_markup_printf_escaped ("Số: %s", doc->number);

  y += text_at (p->cr, p->draw, motto, SIZE_HEADER * p->s, p->left, y, p->width, PANGO_ALIGN_CENTER);
  y += text_at (p->cr, p->draw, words, SIZE_HEADER * p->s, p->left, y, p->width, PANGO_ALIGN_CENTER);
  rule (p->cr, p->draw, cx, y + 2.5, text_width (p->cr, words, SIZE_HEADER * p->s));
  y += 8 * p->s;
  y += text_at (p->cr, p->draw, number, SIZE_BODY * p->s, p->left, y, p->width, PANGO_ALIGN_LEFT);
  return y;
}

static double
header_office (HtPaperDoc *doc,
               Pen        *p,
               double      y)
{
  const char *motto = "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>";
  const char *words = "<b>Độc lập - Tự do - Hạnh phúc</b>";
  double lw = p->width * 0.40, rw = p->width - lw;
  double rx = p->left + lw;
  double ly = y, ry = y;
  g_autofree char *province = g_markup_escape_text (doc->header_province ? doc->header_province : "", -1);
  g_autofree char *office = g_markup_printf_escaped ("<b>%s</b>", doc->header_office ? doc->header_office : "");
  g_autofree char *number = g_markup_printf_escaped ("Số: %s", doc->number);
  g_autofree char *place = g_markup_printf_escaped ("<i>%s</i>", doc->place_date);
  double size = SIZE_SMALL * p->s + 1;

  ly += text_at (p->cr, p->draw, province, size, p->left, ly, lw, PANGO_ALIGN_CENTER);
  ly += text_at (p->cr, p->draw, office, size, p->left, ly, lw, PANGO_ALIGN_CENTER);
  rule (p->cr, p->draw, p->left + lw / 2, ly + 2.5, MIN (text_width (p->cr, office, size) * 0.5, lw));
  ry += text_at (p->cr, p->draw, motto, size, rx, ry, rw, PANGO_ALIGN_CENTER);
  ry += text_at (p->cr, p->draw, words, size, rx, ry, rw, PANGO_ALIGN_CENTER);
  rule (p->cr, p->draw, rx + rw / 2, ry + 2.5, text_width (p->cr, words, size));
  y = MAX (ly, ry) + 6 * p->s;
  ly = y + text_at (p->cr, p->draw, number, SIZE_BODY * p->s, p->left, y, lw, PANGO_ALIGN_CENTER);
  ry = y + text_at (p->cr, p->draw, place, SIZE_BODY * p->s, rx, y, rw, PANGO_ALIGN_CENTER);
  return MAX (ly, ry);
}

/* "label: value"; a name in a column of two goes under its label, so that
 * the name is never broken between lines. */
static char *
cell_markup (const HtDocCell *c,
             gboolean         bold,
             gboolean         in_column)
{
  if (c->is_static || c->value == NULL)
    return g_markup_printf_escaped (c->is_static ? "%s" : "%s:", c->label ? c->label : "");
  if (c->label == NULL)
    return g_markup_printf_escaped (bold ? "<b>%s</b>" : "%s", c->value);
  if (bold && in_column)
    return g_markup_printf_escaped ("%s:\n<b>%s</b>", c->label, c->value);
  return g_markup_printf_escaped (bold ? "%s: <b>%s</b>" : "%s: %s", c->label, c->value);
}

static double
rows_full (HtPaperDoc *doc,
           Pen        *p,
           double      y)
{
  double gap = 4 * p->s;

  for (guint i = 0; i < doc->rows->len; i++)
    {
      const HtDocRow *row = &g_array_index (doc->rows, HtDocRow, i);
      double share = 0, fixed = 0, x = p->left, tallest = 0;
      guint free_cells = 0;

      if (row->flags & HT_ROW_HEADING)
        {
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", row->cells[0].label ? row->cells[0].label : "");
          y += 3 * p->s;
          y += text_at (p->cr, p->draw, m, SIZE_BODY * p->s, p->left, y, p->width, PANGO_ALIGN_LEFT) + gap / 2;
          continue;
        }
      for (guint j = 0; j < row->n_cells; j++)
        {
          fixed += row->cells[j].width;
          free_cells += row->cells[j].width <= 0;
        }
      share = free_cells > 0 ? MAX (0.0, 1.0 - fixed) / free_cells : 0;
      for (guint j = 0; j < row->n_cells; j++)
        {
          const HtDocCell *c = &row->cells[j];
          double w = p->width * (c->width > 0 ? c->width : share);
          g_autofree char *m = cell_markup (c, (row->flags & HT_ROW_BOLD) != 0, row->n_cells > 1);
          double h = text_at (p->cr, p->draw, m, SIZE_BODY * p->s, x, y, w - 6, PANGO_ALIGN_LEFT);

          tallest = MAX (tallest, h);
          x += w;
        }
      y += tallest + gap;
    }
  return y;
}

/* A signature block centred in a column: title, instructions, the
 * signature's room (or "(Đã ký)" on a copy), the name, the position. */
static double
signature_block (Pen        *p,
                 double      x,
                 double      y,
                 double      w,
                 const char *title,
                 const char *hint,
                 const char *signed_by,
                 const char *name,
                 const char *position)
{
  double y0 = y;

  if (title != NULL)
    {
      g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", title);
      y += text_at (p->cr, p->draw, m, SIZE_BODY * p->s, x, y, w, PANGO_ALIGN_CENTER);
    }
  if (hint != NULL)
    {
      g_autofree char *m = g_markup_printf_escaped ("<i>%s</i>", hint);
      y += text_at (p->cr, p->draw, m, SIZE_SMALL * p->s, x, y, w, PANGO_ALIGN_CENTER);
    }
  if (signed_by != NULL)
    {
      g_autofree char *m = g_markup_printf_escaped ("<i>%s</i>", signed_by);
      y += 4 * p->s + text_at (p->cr, p->draw, m, SIZE_SMALL * p->s, x, y + 4 * p->s, w, PANGO_ALIGN_CENTER);
    }
  else
    y += HT_MM (SIGN_SPACE) * p->s;
  if (name != NULL)
    {
      g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", name);
      y += text_at (p->cr, p->draw, m, SIZE_BODY * p->s, x, y, w, PANGO_ALIGN_CENTER);
    }
  if (position != NULL)
    {
      g_autofree char *m = g_markup_escape_text (position, -1);
      y += text_at (p->cr, p->draw, m, SIZE_SMALL * p->s, x, y, w, PANGO_ALIGN_CENTER);
    }
  return y - y0;
}

static double
bottom_blocks (HtPaperDoc *doc,
               Pen        *p,
               double      y)
{
  /* A copy's endorsement needs the left half; otherwise the signer's
   * title gets the room to stay on one line. */
  double lw = p->width * (doc->copy_source != NULL ? 0.48 : 0.38), rw = p->width - lw;
  double left = 0, right;
  const char *hint = "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ, đóng dấu)";

  y += 8 * p->s;
  if (doc->copy_source != NULL)
    {
      g_autofree char *m1 = g_markup_printf_escaped ("<b>%s</b>", doc->copy_source);
      g_autofree char *m2 = g_markup_printf_escaped ("<i>%s</i>", doc->place_date);
      g_autofree char *m3 = g_markup_printf_escaped ("%s\nSố: %s", doc->header_office ? doc->header_office : "",
                                                     doc->copy_number);
      double ly = y;

      ly += text_at (p->cr, p->draw, m1, SIZE_BODY * p->s, p->left, ly, lw, PANGO_ALIGN_CENTER);
      ly += text_at (p->cr, p->draw, m2, SIZE_SMALL * p->s, p->left, ly, lw, PANGO_ALIGN_CENTER);
      ly += text_at (p->cr, p->draw, m3, SIZE_SMALL * p->s, p->left, ly, lw, PANGO_ALIGN_CENTER);
      ly += signature_block (p, p->left, ly, lw, "NGƯỜI KÝ", hint, NULL, doc->signer_name, doc->signer_position);
      left = ly - y;
    }
  else if (doc->party_label[0] != NULL)
    {
      /* The spouses sign side by side across the page, above the signer. */
      double half = p->width / 2, tallest = 0;

      for (guint i = 0; i < 2 && doc->party_label[i] != NULL; i++)
        tallest = MAX (tallest, signature_block (p, p->left + i * half, y, half, doc->party_label[i],
                                                 "(Ký, ghi rõ họ, chữ đệm, tên)", NULL, doc->party_name[i], NULL));
      y += tallest + 14 * p->s;
    }
  if (doc->original_signer != NULL)
    right = signature_block (p, p->left + lw, y, rw, doc->signer_title, hint, "(Đã ký)", doc->original_signer, NULL);
  else
    right = signature_block (p, p->left + lw, y, rw, doc->signer_title, hint, NULL, doc->signer_name,
                             doc->signer_position);
  return y + MAX (left, right);
}

static void
qr_band (HtPaperDoc *doc,
         cairo_t    *cr,
         double      x,
         double      y,
         double      size,
         double      caption_width)
{
  g_autofree char *caption = g_markup_printf_escaped ("<i>%s</i>", doc->qr_caption);

  if (doc->payload == NULL || !ht_paper_draw_qr (cr, doc->payload, x, y, size))
    {
      static const double dash[] = { 3, 2 };
      cairo_save (cr);
      cairo_set_line_width (cr, 0.8);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_rectangle (cr, x, y, size, size);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  if (caption_width > 0)
    text_at (cr, TRUE, caption, SIZE_CAPTION, x + size + HT_MM (3), y + size / 3, caption_width, PANGO_ALIGN_LEFT);
}

/* Lays the page out at scale "s"; returns where the content ends. */
static double
full_page (HtPaperDoc *doc,
           cairo_t    *cr,
           double      width,
           double      s,
           gboolean    draw)
{
  Pen p = { cr, draw, s, HT_MM (MARGIN_LEFT), width - HT_MM (MARGIN_LEFT) - HT_MM (MARGIN_RIGHT) };
  double y = HT_MM (MARGIN_TOP);
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", doc->title);

  y = doc->form->header == HT_HEADER_NATIONAL ? header_national (doc, &p, y) : header_office (doc, &p, y);
  y += 10 * s;
  y += text_at (cr, draw, title, SIZE_TITLE * s, p.left, y, p.width, PANGO_ALIGN_CENTER);
  if (doc->copy)
    y += text_at (cr, draw, "<b>(BẢN SAO)</b>", SIZE_BODY * s, p.left, y, p.width, PANGO_ALIGN_CENTER);
  y += 10 * s;
  y = rows_full (doc, &p, y);
  return bottom_blocks (doc, &p, y);
}

static void
draw_full_page (HtPaperDoc *doc,
                cairo_t    *cr,
                double      width,
                double      height)
{
  double limit = height - HT_MM (MARGIN_BOTTOM) - HT_MM (QR_SIZE) - HT_MM (QR_GAP);
  double s = 1.0;

  while (s > SCALE_MIN && full_page (doc, cr, width, s, FALSE) > limit)
    s *= 0.94;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  full_page (doc, cr, width, MAX (s, SCALE_MIN), TRUE);
  qr_band (doc, cr, HT_MM (MARGIN_LEFT), height - HT_MM (MARGIN_BOTTOM) - HT_MM (QR_SIZE), HT_MM (QR_SIZE),
           width - HT_MM (MARGIN_LEFT + MARGIN_RIGHT + QR_SIZE + 3));
  cairo_restore (cr);
}

/* ---- The pre-printed form ---- */

/* A value at a position of the form, shrunk until it fits "room" on one
 * line; a value still too long at a still legible size wraps onto the
 * form's next line rather than losing words. */
static void
value_at (cairo_t    *cr,
          const char *text,
          gboolean    bold,
          double      x,
          double      y,
          double      room)
{
  g_autofree char *m = g_markup_printf_escaped (bold ? "<b>%s</b>" : "%s", text);
  double size = SIZE_BODY;

  for (; size > 9.5; size -= 0.5)
    if (text_width (cr, m, size) <= room)
      break;
  text_at (cr, TRUE, m, size, x, y, text_width (cr, m, size) <= room ? -1 : room, PANGO_ALIGN_LEFT);
}

static void
draw_preprinted (HtPaperDoc *doc,
                 cairo_t    *cr,
                 double      width)
{
  const HtForm *f = doc->form;
  double right = width / HT_MM (1) - 12;  /* mm */

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_translate (cr, HT_MM (doc->offset_x_mm), HT_MM (doc->offset_y_mm));
  for (guint i = 0; i < doc->rows->len; i++)
    {
      const HtDocRow *row = &g_array_index (doc->rows, HtDocRow, i);

      if (row->phoi_y <= 0)
        continue;
      for (guint j = 0; j < row->n_cells; j++)
        {
          const HtDocCell *c = &row->cells[j];
          double end = j + 1 < row->n_cells && row->cells[j + 1].phoi_x > 0 ? row->cells[j + 1].phoi_x - 2 : right;

          if (c->value == NULL || c->phoi_x <= 0)
            continue;
          value_at (cr, c->value, (row->flags & HT_ROW_BOLD) != 0, HT_MM (c->phoi_x), HT_MM (row->phoi_y),
                    HT_MM (end - c->phoi_x));
        }
    }
  value_at (cr, doc->number, FALSE, HT_MM (f->number_phoi[0]), HT_MM (f->number_phoi[1]), HT_MM (right - f->number_phoi[0]));
  if (doc->original_signer != NULL)
    value_at (cr, doc->original_signer, TRUE, HT_MM (f->signer_phoi[0]), HT_MM (f->signer_phoi[1]), HT_MM (60));
  else if (doc->signer_name != NULL)
    value_at (cr, doc->signer_name, TRUE, HT_MM (f->signer_phoi[0]), HT_MM (f->signer_phoi[1]), HT_MM (60));
  if (doc->copy_source != NULL && f->endorse_phoi[0] > 0)
    {
      g_autofree char *number = g_strdup_printf ("%s", doc->copy_number);
      double x = HT_MM (f->endorse_phoi[0]), y = HT_MM (f->endorse_phoi[1]);

      value_at (cr, doc->place_date, FALSE, x, y, HT_MM (80));
      value_at (cr, number, FALSE, x, y + HT_MM (7), HT_MM (80));
      if (doc->signer_name != NULL)
        value_at (cr, doc->signer_name, TRUE, x, y + HT_MM (26), HT_MM (80));
    }
  for (guint i = 0; i < 2; i++)
    if (doc->party_name[i] != NULL && f->parties_phoi[2 * i] > 0)
      value_at (cr, doc->party_name[i], TRUE, HT_MM (f->parties_phoi[2 * i]), HT_MM (f->parties_phoi[2 * i + 1]),
                HT_MM (45));
  /* The QR code goes in the lower left corner, which the forms leave blank ⚠. */
  qr_band (doc, cr, HT_MM (12), HT_MM (297 - 12 - PHOI_QR), HT_MM (PHOI_QR), 0);
  cairo_restore (cr);
}

void
ht_paper_doc_draw (HtPaperDoc *self,
                   cairo_t    *cr,
                   double      width,
                   double      height)
{
  g_return_if_fail (self != NULL && cr != NULL);

  if (self->mode == HT_PAPER_PREPRINTED)
    draw_preprinted (self, cr, width);
  else
    draw_full_page (self, cr, width, height);
}

/* ---- PDF files ---- */

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ht_paper_write_pdf (const char     *path,
                    double          width,
                    double          height,
                    guint           n_pages,
                    const char     *title,
                    HtPdfPageFunc   draw,
                    gpointer        data,
                    GError        **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, buf, width, height);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "hotich " PACKAGE_VERSION);
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_t *cr = cairo_create (surface);
      draw (cr, width, height, i, data);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status != CAIRO_STATUS_SUCCESS)
        break;
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_IO, _("Cannot draw the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  /* Written whole or not at all: a half-written certificate must not be
   * taken for a good one.  A paper holds personal data: readable by its
   * owner only, like the register. */
  return g_file_set_contents_full (path, (const char *) buf->data, buf->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

static void
draw_doc_page (cairo_t *cr,
               double   width,
               double   height,
               guint    page,
               gpointer data)
{
  ht_paper_doc_draw (data, cr, width, height);
}

gboolean
ht_paper_doc_write_pdf (HtPaperDoc  *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *title = g_strdup_printf ("%s số %s", self->title, ht_paper_doc_get_number (self));

  return ht_paper_write_pdf (path, HT_PAPER_A4_WIDTH, HT_PAPER_A4_HEIGHT, 1, title, draw_doc_page, self, error);
}

/* ---- Calibration ---- */

static void
cross (cairo_t    *cr,
       double      x_mm,
       double      y_mm,
       const char *label)
{
  double x = HT_MM (x_mm), y = HT_MM (y_mm), arm = HT_MM (3);

  cairo_move_to (cr, x - arm, y);
  cairo_line_to (cr, x + arm, y);
  cairo_move_to (cr, x, y - arm);
  cairo_line_to (cr, x, y + arm);
  cairo_stroke (cr);
  if (label != NULL)
    {
      g_autofree char *m = g_markup_escape_text (label, -1);
      text_at (cr, TRUE, m, 6, x + HT_MM (1), y + HT_MM (0.8), -1, PANGO_ALIGN_LEFT);
    }
}

gboolean
ht_paper_draw_calibration (const char *paper,
                           cairo_t    *cr,
                           double      width,
                           double      height,
                           double      offset_x_mm,
                           double      offset_y_mm,
                           GError    **error)
{
  const HtForm *f = ht_paper_form_lookup (paper);
  double w_mm = width / HT_MM (1), h_mm = height / HT_MM (1);
  g_autofree char *text = NULL;
  char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE];

  if (f == NULL || !f->preprinted)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("“%s” has no pre-printed form to calibrate"), paper);
      return FALSE;
    }
  cairo_save (cr);
  cairo_translate (cr, HT_MM (offset_x_mm), HT_MM (offset_y_mm));
  /* A millimetre grid: thin every 5 mm, darker and numbered every 10. */
  for (int mm = 0; mm <= (int) MAX (w_mm, h_mm); mm += 5)
    {
      gboolean major = mm % 10 == 0;
      cairo_set_line_width (cr, major ? 0.4 : 0.15);
      cairo_set_source_rgb (cr, major ? 0.55 : 0.8, major ? 0.55 : 0.8, major ? 0.55 : 0.8);
      if (mm <= w_mm)
        {
          cairo_move_to (cr, HT_MM (mm), 0);
          cairo_line_to (cr, HT_MM (mm), height);
        }
      if (mm <= h_mm)
        {
          cairo_move_to (cr, 0, HT_MM (mm));
          cairo_line_to (cr, width, HT_MM (mm));
        }
      cairo_stroke (cr);
      if (major && mm > 0)
        {
          g_autofree char *n = g_strdup_printf ("%d", mm);
          if (mm <= w_mm)
            text_at (cr, TRUE, n, 5, HT_MM (mm) + 1, 1, -1, PANGO_ALIGN_LEFT);
          if (mm <= h_mm)
            text_at (cr, TRUE, n, 5, 1, HT_MM (mm) + 1, -1, PANGO_ALIGN_LEFT);
        }
    }
  cairo_set_source_rgb (cr, 0.8, 0, 0);
  cairo_set_line_width (cr, 0.5);
  for (guint b = 0; b < G_N_ELEMENTS (f->blocks) && f->blocks[b].rows != NULL; b++)
    for (const HtFormRow *row = f->blocks[b].rows; row->cells[0].label != NULL || row->cells[0].path != NULL; row++)
      for (guint i = 0; i < G_N_ELEMENTS (row->cells) && row->phoi_y > 0; i++)
        if (row->cells[i].phoi_x > 0)
          cross (cr, row->cells[i].phoi_x, row->phoi_y, row->cells[i].label);
  cross (cr, f->number_phoi[0], f->number_phoi[1], "Số");
  cross (cr, f->signer_phoi[0], f->signer_phoi[1], f->signer_title);
  if (f->endorse_phoi[0] > 0)
    cross (cr, f->endorse_phoi[0], f->endorse_phoi[1], f->copy_source);
  for (guint i = 0; i < 2; i++)
    if (f->parties_phoi[2 * i] > 0)
      cross (cr, f->parties_phoi[2 * i], f->parties_phoi[2 * i + 1], f->parties[2 * i]);
  cairo_rectangle (cr, HT_MM (12), HT_MM (297 - 12 - PHOI_QR), HT_MM (PHOI_QR), HT_MM (PHOI_QR));
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  g_ascii_formatd (xs, sizeof xs, "%.1f", offset_x_mm);
  g_ascii_formatd (ys, sizeof ys, "%.1f", offset_y_mm);
  text = g_markup_printf_escaped ("<b>TRANG CĂN CHỈNH — %s</b>\n"
                                  "In trang này trên giấy trắng bằng máy in dùng để in phôi, đặt chồng lên một phôi "
                                  "trắng và soi đèn. Mỗi dấu + đỏ phải nằm đúng chỗ bắt đầu ghi giá trị trên phôi. "
                                  "Nếu lệch, đo độ lệch bằng lưới milimét và lưu: "
                                  "hotich-admin calibrate --offset X,Y (X sang phải, Y xuống dưới, đơn vị mm), "
                                  "rồi in lại trang này để kiểm tra.\n"
                                  "Độ lệch đang dùng: X = %s mm, Y = %s mm.",
                                  f->code, xs, ys);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_rectangle (cr, HT_MM (25), HT_MM (18), width - HT_MM (50), HT_MM (28));
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  text_at (cr, TRUE, text, 9, HT_MM (28), HT_MM (20), width - HT_MM (56), PANGO_ALIGN_LEFT);
  cairo_restore (cr);
  return TRUE;
}

typedef struct
{
  const char *paper;
  double      x, y;
} Calibration;

static void
draw_calibration_page (cairo_t *cr,
                       double   width,
                       double   height,
                       guint    page,
                       gpointer data)
{
  Calibration *c = data;

  ht_paper_draw_calibration (c->paper, cr, width, height, c->x, c->y, NULL);
}

gboolean
ht_paper_write_calibration (const char  *paper,
                            double       offset_x_mm,
                            double       offset_y_mm,
                            const char  *path,
                            GError     **error)
{
  Calibration c = { paper, offset_x_mm, offset_y_mm };
  const HtForm *f = ht_paper_form_lookup (paper);

  if (f == NULL || !f->preprinted)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("“%s” has no pre-printed form to calibrate"), paper);
      return FALSE;
    }
  return ht_paper_write_pdf (path, HT_PAPER_A4_WIDTH, HT_PAPER_A4_HEIGHT, 1, "Trang căn chỉnh",
                             draw_calibration_page, &c, error);
}
