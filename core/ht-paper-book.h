/* ht-paper-book.h — a register book (sổ hộ tịch) of one kind and year,
 * printed: cover, entries in number order with the notes column, page
 * numbers, and the year-end closing (khóa sổ).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are A4 landscape (a book's page is wide: the content column and
 * the notes column side by side).  For GtkPrintOperation: call
 * ht_book_paginate() in "begin-print" with the context's cairo_t and size
 * and set the number of pages it returns, then ht_book_draw_page() in
 * "draw-page".  Sizes are in points.
 */
#pragma once

#include <cairo.h>

#include "ht-store.h"

G_BEGIN_DECLS

#define HT_BOOK_PAGE_WIDTH  841.8898
#define HT_BOOK_PAGE_HEIGHT 595.2756

typedef struct _HtBook HtBook;

/* Reads the entries of "kind" registered in "year" (drafts are not in a
 * book; revoked entries are, marked).  HT_ERROR_INVALID for an unknown
 * kind or a year outside 1800–9999. */
HtBook  *ht_book_new         (HtStore    *store,
                              const char *kind,
                              int         year,
                              GError    **error);
void     ht_book_free        (HtBook     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtBook, ht_book_free)

guint    ht_book_get_n_entries (HtBook *self);
/* "01-TP/HT-2026-KS" */
const char *ht_book_get_volume (HtBook *self);

/* Lays the entries out on pages of width × height; returns the number of
 * pages: the cover, the entries, the closing page. */
guint    ht_book_paginate    (HtBook     *self,
                              cairo_t    *cr,
                              double      width,
                              double      height);
/* Draws page "page" (0 = the cover) as laid out by ht_book_paginate(). */
void     ht_book_draw_page   (HtBook     *self,
                              cairo_t    *cr,
                              double      width,
                              double      height,
                              guint       page);

gboolean ht_book_write_pdf   (HtBook     *self,
                              const char *path,
                              GError    **error);

G_END_DECLS
