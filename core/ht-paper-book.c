/* ht-paper-book.c — printing a register book: cover, entries, closing.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cover follows DOMAIN.md §2.4 ([BTXH] bcth, the so… views): the national motto,
 * BỘ TƯ PHÁP, the book's title, the registering office, the volume number
 * "01-TP/HT-<year>-<book>", the opening and closing dates.  The entries
 * come in number order; the notes column carries the flags of the entry
 * (late, re-registration, revoked) and a note for every later entry that
 * amends it ("Thay đổi … từ … thành …").  The closing page states the
 * pages and entries of the book, as the head of the office signs it at
 * year end (khóa sổ).
 */
#define G_LOG_DOMAIN "ht-paper"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-paper-book.h"
#include "ht-paper-private.h"
#include "ht-record.h"

#define MARGIN      HT_MM (14)
#define SIZE_TABLE  8.5
#define SIZE_HEAD   9.0
#define CELL_PAD    3.0

typedef struct
{
  gint64  number;
  char   *date;     /* dd/mm/yyyy */
  char   *content;
  char   *people;   /* signer, clerk */
  char   *notes;
} Entry;

struct _HtBook
{
  const HtKind *kind;
  int           year;
  char         *office;
  char         *office_sentence;
  char         *title;
  char         *volume;
  GArray       *entries;      /* Entry */
  GDate         opened;       /* invalid: no entry */
  GDate         closed;       /* invalid: the year is not over */
  gint64        first, last;  /* numbers */
  GArray       *page_start;   /* guint: first entry of each entry page, then entries->len */
  guint         n_pages;
};

static const double column_share[] = { 0.06, 0.09, 0.50, 0.15, 0.20 };
static const char *const column_title[] = {
  "Số", "Ngày, tháng, năm đăng ký", "Nội dung đăng ký", "Người ký giấy tờ, người thực hiện", "Ghi chú",
};

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->date);
  g_free (e->content);
  g_free (e->people);
  g_free (e->notes);
}

void
ht_book_free (HtBook *self)
{
  if (self == NULL)
    return;
  g_free (self->office);
  g_free (self->office_sentence);
  g_free (self->title);
  g_free (self->volume);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->page_start, g_array_unref);
  g_free (self);
}

typedef struct
{
  HtBook         *book;
  const HtLookup *lookup;
} Gather;

/* The notes column: the entry's own flags, then every later entry that
 * amends it.  Unlike a paper, the book shows amendments not yet reviewed,
 * marked so: the book is the record of what was registered. */
static char *
notes_of (const cJSON    *record,
          const HtLookup *lookup)
{
  GString *s = g_string_new (NULL);
  const char *type = ht_record_registration_type (record);
  const HtKind *kind = ht_record_kind (record);

  if (g_strcmp0 (ht_record_status (record), "revoked") == 0)
    g_string_append (s, "ĐÃ HỦY. ");
  if (type != NULL && kind != NULL && kind->registration_types != NULL &&
      g_strcmp0 (type, kind->registration_types[0]) != 0 && ht_paper_enum_text ("registration_type", type))
    g_string_append_printf (s, "%s. ", ht_paper_enum_text ("registration_type", type));
  if (cJSON_IsTrue (ht_record_get_path (record, "data.late")))
    g_string_append (s, "Quá hạn. ");
  if (cJSON_IsTrue (ht_record_get_path (record, "data.mobile")))
    g_string_append (s, "Đăng ký lưu động. ");
  if (lookup != NULL && lookup->find_referencing != NULL && ht_record_id (record) != NULL)
    {
      g_autoptr(cJSON) found = lookup->find_referencing (lookup->user_data, ht_record_id (record));
      const cJSON *entry;

      cJSON_ArrayForEach (entry, found)
        {
          g_autofree char *note = NULL;

          if (g_strcmp0 (ht_record_status (entry), "registered") != 0)
            continue;
          note = ht_paper_note_for (entry, record);
          if (note == NULL)
            continue;
          if (s->len > 0)
            g_string_append_c (s, '\n');
          g_string_append (s, note);
          if (g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (entry, "review.state")), "approved") != 0)
            g_string_append (s, " (chờ duyệt)");
        }
    }
  g_strchomp (s->str);
  s->len = strlen (s->str);
  return g_string_free (s, FALSE);
}

static gboolean
gather_cb (const cJSON *record,
           gpointer     user_data)
{
  Gather *g = user_data;
  HtBook *book = g->book;
  Entry e = { 0 };
  GDate reg;
  const char *signer = cJSON_GetStringValue (ht_record_get_path (record, "signer.full_name"));
  const char *position = cJSON_GetStringValue (ht_record_get_path (record, "signer.position"));
  const char *clerk = cJSON_GetStringValue (ht_record_get_path (record, "clerk"));

  if (ht_record_book_year (record) != book->year)
    return TRUE;
  e.number = ht_record_number (record);
  if (ht_record_registered_on (record, &reg))
    {
      e.date = ht_date_format_vn (&reg);
      if (!g_date_valid (&book->opened) || g_date_compare (&reg, &book->opened) < 0)
        book->opened = reg;
    }
  e.content = ht_paper_entry_summary (record, g->lookup);
  e.people = g_strdup_printf ("%s%s%s%s%s", signer ? signer : "", position ? "\n" : "", position ? position : "",
                              clerk ? "\nThực hiện: " : "", clerk ? clerk : "");
  e.notes = notes_of (record, g->lookup);
  if (book->entries->len == 0 || e.number < book->first)
    book->first = e.number;
  if (e.number > book->last)
    book->last = e.number;
  g_array_append_val (book->entries, e);
  return TRUE;
}

HtBook *
ht_book_new (HtStore    *store,
             const char *kind,
             int         year,
             GError    **error)
{
  g_autoptr(HtBook) book = NULL;
  const HtKind *k = ht_kinds_lookup (kind);
  Gather g;
  GDate from, to, today;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  if (k == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("“%s” is not a kind"), kind ? kind : "");
      return NULL;
    }
  if (year < 1800 || year > 9999)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A book year is 1800 to 9999, not %d"), year);
      return NULL;
    }
  book = g_new0 (HtBook, 1);
  book->kind = k;
  book->year = year;
  book->office = g_strdup (ht_store_get_office (store));
  book->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (book->entries, entry_clear);
  book->page_start = g_array_new (FALSE, FALSE, sizeof (guint));
  g_date_clear (&book->opened, 1);
  g_date_clear (&book->closed, 1);
  {
    g_autofree char *upper = g_utf8_strup (k->title_vi, -1);
    book->title = g_strdup_printf ("SỔ %s", upper);
  }
  book->volume = g_strdup_printf ("01-TP/HT-%d-%s", year, k->book);

  /* The books are per year: what was registered in it, in number order. */
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, (GDateYear) year);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, (GDateYear) year);
  g = (Gather) { book, ht_store_get_lookup (store) };
  if (!ht_store_export (store, k->code, &from, &to, gather_cb, &g, error))
    return NULL;
  ht_date_today (&today);
  if (g_date_compare (&today, &to) > 0)
    book->closed = to;
  book->office_sentence = ht_paper_office_sentence (book->office, g_date_valid (&book->opened) ? &book->opened : &to);
  return g_steal_pointer (&book);
}

guint
ht_book_get_n_entries (HtBook *self)
{
  return self->entries->len;
}

const char *
ht_book_get_volume (HtBook *self)
{
  return self->volume;
}

/* ---- Layout ---- */

static double
cell (cairo_t    *cr,
      gboolean    draw,
      const char *text,
      gboolean    bold,
      double      x,
      double      y,
      double      w,
      double      size)
{
  g_autofree char *m = g_markup_printf_escaped (bold ? "<b>%s</b>" : "%s", text ? text : "");
  g_autoptr(PangoLayout) layout = ht_paper_layout (cr, m, size, w - 2 * CELL_PAD, PANGO_ALIGN_LEFT);

  return ht_paper_show (draw ? cr : NULL, layout, x + CELL_PAD, y + CELL_PAD) + 2 * CELL_PAD;
}

/* Draws (or measures) one table row; returns its height. */
static double
table_row (cairo_t           *cr,
           gboolean           draw,
           const char *const  texts[5],
           gboolean           bold,
           double             y,
           double             width,
           double             size)
{
  double x = MARGIN, inner = width - 2 * MARGIN, tallest = 0;

  for (guint i = 0; i < 5; i++)
    {
      tallest = MAX (tallest, cell (cr, FALSE, texts[i], bold, x, y, inner * column_share[i], size));
      x += inner * column_share[i];
    }
  if (!draw)
    return tallest;
  x = MARGIN;
  for (guint i = 0; i < 5; i++)
    {
      cell (cr, TRUE, texts[i], bold, x, y, inner * column_share[i], size);
      x += inner * column_share[i];
    }
  cairo_new_path (cr);
  cairo_set_line_width (cr, 0.5);
  x = MARGIN;
  for (guint i = 0; i < 5; i++)
    {
      cairo_rectangle (cr, x, y, inner * column_share[i], tallest);
      x += inner * column_share[i];
    }
  cairo_stroke (cr);
  return tallest;
}

static double
page_header (HtBook  *self,
             cairo_t *cr,
             gboolean draw,
             double   width)
{
  g_autofree char *m = g_markup_printf_escaped ("<b>%s</b> — Quyển số: %s — %s", self->title, self->volume,
                                                self->office_sentence);
  g_autoptr(PangoLayout) layout = ht_paper_layout (cr, m, SIZE_HEAD, width - 2 * MARGIN, PANGO_ALIGN_LEFT);
  double y = MARGIN + ht_paper_show (draw ? cr : NULL, layout, MARGIN, MARGIN) + 4;

  return y + table_row (cr, draw, column_title, TRUE, y, width, SIZE_TABLE);
}

static double
footer_top (double height)
{
  return height - MARGIN;
}

guint
ht_book_paginate (HtBook  *self,
                  cairo_t *cr,
                  double   width,
                  double   height)
{
  double top = page_header (self, cr, FALSE, width);
  double y = top;
  guint i;

  g_array_set_size (self->page_start, 0);
  for (i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      g_autofree char *number = g_strdup_printf ("%" PRId64, e->number);
      const char *texts[5] = { number, e->date, e->content, e->people, e->notes };
      double h = table_row (cr, FALSE, texts, FALSE, y, width, SIZE_TABLE);

      /* An entry is never split over two pages; a page holds at least one. */
      if (self->page_start->len == 0 || (y + h > footer_top (height) - 12 && y > top))
        {
          g_array_append_val (self->page_start, i);
          y = top;
        }
      y += h;
    }
  g_array_append_val (self->page_start, i);
  /* Cover + entry pages + closing page. */
  self->n_pages = 1 + (self->page_start->len - 1) + 1;
  return self->n_pages;
}

static void
centred (cairo_t    *cr,
         const char *markup,
         double      size,
         double     *y,
         double      width)
{
  g_autoptr(PangoLayout) layout = ht_paper_layout (cr, markup, size, width - 2 * MARGIN, PANGO_ALIGN_CENTER);

  *y += ht_paper_show (cr, layout, MARGIN, *y);
}

static char *
date_or_dots (const GDate *d)
{
  return g_date_valid (d) ? ht_date_format_vn (d) : g_strdup ("……/……/…………");
}

static void
draw_cover (HtBook  *self,
            cairo_t *cr,
            double   width,
            double   height)
{
  double y = MARGIN + HT_MM (6);
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", self->title);
  g_autofree char *office = g_markup_printf_escaped ("Cơ quan đăng ký hộ tịch: %s", self->office_sentence);
  g_autofree char *volume = g_markup_printf_escaped ("Quyển số: %s", self->volume);
  g_autofree char *opened = date_or_dots (&self->opened);
  g_autofree char *closed = date_or_dots (&self->closed);
  g_autofree char *dates = g_markup_printf_escaped ("Mở ngày: %s          Khóa ngày: %s", opened, closed);

  centred (cr, "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", 13, &y, width);
  centred (cr, "<b>Độc lập - Tự do - Hạnh phúc</b>", 13, &y, width);
  y += HT_MM (12);
  centred (cr, "<b>BỘ TƯ PHÁP</b>", 15, &y, width);
  y += HT_MM (22);
  centred (cr, title, 24, &y, width);
  y += HT_MM (16);
  centred (cr, office, 13, &y, width);
  y += HT_MM (4);
  centred (cr, volume, 13, &y, width);
  y += HT_MM (4);
  centred (cr, dates, 13, &y, width);
}

static void
draw_closing (HtBook  *self,
              cairo_t *cr,
              double   width,
              double   height)
{
  double y = MARGIN + HT_MM (10);
  guint pages = self->n_pages - 1;  /* numbered pages: all but the cover */
  g_autofree char *summary = NULL;
  g_autofree char *closed = date_or_dots (&self->closed);
  g_autofree char *place = NULL;

  if (self->entries->len > 0)
    summary = g_markup_printf_escaped ("Sổ này có %u trang, đã đăng ký %u sự kiện, từ số %" PRId64 " đến số %" PRId64 ".",
                                       pages, self->entries->len, self->first, self->last);
  else
    summary = g_markup_printf_escaped ("Sổ này có %u trang; trong năm không đăng ký sự kiện nào.", pages);
  centred (cr, "<b>KHÓA SỔ</b>", 15, &y, width);
  y += HT_MM (6);
  centred (cr, summary, 12, &y, width);
  y += HT_MM (3);
  if (g_date_valid (&self->closed))
    {
      g_autofree char *m = g_markup_printf_escaped ("Khóa sổ ngày %s.", closed);
      centred (cr, m, 12, &y, width);
      place = ht_paper_place_date (self->office, &self->closed);
    }
  else
    centred (cr, "<i>Năm chưa kết thúc: sổ đang mở, số liệu trên tính đến ngày in.</i>", 12, &y, width);
  y += HT_MM (10);
  {
    double x = width / 2, w = width / 2 - MARGIN;
    g_autofree char *p = g_markup_printf_escaped ("<i>%s</i>", place ? place : "……, ngày …… tháng …… năm ……");
    g_autoptr(PangoLayout) l1 = ht_paper_layout (cr, p, 12, w, PANGO_ALIGN_CENTER);
    g_autoptr(PangoLayout) l2 = ht_paper_layout (cr, "<b>THỦ TRƯỞNG CƠ QUAN ĐĂNG KÝ HỘ TỊCH</b>", 12, w, PANGO_ALIGN_CENTER);
    g_autoptr(PangoLayout) l3 = ht_paper_layout (cr, "<i>(Ký, ghi rõ họ, chữ đệm, tên, đóng dấu)</i>", 10.5, w,
                                                 PANGO_ALIGN_CENTER);
    y += ht_paper_show (cr, l1, x, y);
    y += ht_paper_show (cr, l2, x, y);
    ht_paper_show (cr, l3, x, y);
  }
}

void
ht_book_draw_page (HtBook  *self,
                   cairo_t *cr,
                   double   width,
                   double   height,
                   guint    page)
{
  g_return_if_fail (self != NULL && page < self->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0)
    draw_cover (self, cr, width, height);
  else if (page == self->n_pages - 1)
    draw_closing (self, cr, width, height);
  else
    {
      guint first = g_array_index (self->page_start, guint, page - 1);
      guint end = g_array_index (self->page_start, guint, page);
      double y = page_header (self, cr, TRUE, width);

      for (guint i = first; i < end; i++)
        {
          Entry *e = &g_array_index (self->entries, Entry, i);
          g_autofree char *number = g_strdup_printf ("%" PRId64, e->number);
          const char *texts[5] = { number, e->date, e->content, e->people, e->notes };
          y += table_row (cr, TRUE, texts, FALSE, y, width, SIZE_TABLE);
        }
    }
  if (page > 0)
    {
      g_autofree char *m = g_strdup_printf ("Trang %u", page);
      g_autoptr(PangoLayout) layout = ht_paper_layout (cr, m, SIZE_HEAD, width - 2 * MARGIN, PANGO_ALIGN_CENTER);
      ht_paper_show (cr, layout, MARGIN, footer_top (height));
    }
  cairo_restore (cr);
}

static void
draw_book_page (cairo_t *cr,
                double   width,
                double   height,
                guint    page,
                gpointer data)
{
  ht_book_draw_page (data, cr, width, height, page);
}

gboolean
ht_book_write_pdf (HtBook     *self,
                   const char *path,
                   GError    **error)
{
  /* Measuring needs a cairo context of the same kind as the target. */
  cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (scratch);
  guint pages = ht_book_paginate (self, cr, HT_BOOK_PAGE_WIDTH, HT_BOOK_PAGE_HEIGHT);

  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return ht_paper_write_pdf (path, HT_BOOK_PAGE_WIDTH, HT_BOOK_PAGE_HEIGHT, pages, self->title, draw_book_page, self,
                             error);
}
