/* ht-books-view.h — the register books: a lazy list with search and filters.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-session.h"

G_BEGIN_DECLS

#define HT_TYPE_BOOKS_VIEW (ht_books_view_get_type ())
G_DECLARE_FINAL_TYPE (HtBooksView, ht_books_view, HT, BOOKS_VIEW, AdwBin)

void        ht_books_view_set_session  (HtBooksView *self,
                                        HtSession   *session);
/* Focuses the search entry (Ctrl+F). */
void        ht_books_view_focus_search (HtBooksView *self);
/* Types "text" into the search entry, as a clerk would. */
void        ht_books_view_set_search   (HtBooksView *self,
                                        const char  *text);
/* The list the view shows (a GListModel of HtRecordItem). */
GListModel *ht_books_view_get_model    (HtBooksView *self);
/* The list's vertical scrolling (benchmarks scroll through the books). */
GtkAdjustment *ht_books_view_get_vadjustment (HtBooksView *self);
/* Sets the filters: a kind code or NULL, a year or 0. */
void        ht_books_view_set_filter   (HtBooksView *self,
                                        const char  *kind,
                                        gint64       book_year);

G_END_DECLS
