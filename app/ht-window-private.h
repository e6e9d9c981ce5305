/* ht-window-private.h — what ht-window.c and ht-window-actions.c share.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ht-attention-view.h"
#include "ht-books-view.h"
#include "ht-form-view.h"
#include "ht-record-view.h"
#include "ht-review-view.h"
#include "ht-setup-view.h"
#include "ht-signin-view.h"
#include "ht-stats-view.h"
#include "ht-sync-indicator.h"
#include "ht-sync-scheduler.h"
#include "ht-sync-view.h"
#include "ht-window.h"

G_BEGIN_DECLS

struct _HtWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *mode_stack;
  AdwStatusPage       *failed_page;
  HtSetupView         *setup_view;
  HtSigninView        *signin_view;
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar_box;
  AdwWindowTitle      *sidebar_title;
  GtkListBox          *sidebar;
  GtkWidget           *content_box;
  GtkWidget           *back_button;
  AdwWindowTitle      *content_title;
  HtSyncIndicator     *sync_indicator;
  GtkStack            *content_stack;
  AdwStatusPage       *welcome_page;
  HtFormView          *form_view;
  HtBooksView         *books_view;
  HtRecordView        *record_view;
  HtAttentionView     *attention_view;
  HtStatsView         *stats_view;
  HtSyncView          *sync_view;
  HtReviewView        *review_view;

  char                *db_path;
  HtStore             *store;
  HtSession           *session;
  HtSyncScheduler     *scheduler;
  GHashTable          *sidebar_rows;  /* page key → GtkListBoxRow */
  GHashTable          *enabled;       /* action name → enabled */
  char                *previous_page; /* where "back" goes from a record */
  GCancellable        *cancellable;
  gboolean            close_confirmed;
  gboolean            reviewer_register; /* a supervising office's register (ht-session.h) */
};

/* What happens once a form with unsaved changes is saved or discarded. */
typedef void (*AfterSave) (HtWindow *self, gpointer data);

/* ht-window.c */
void _ht_window_show_page        (HtWindow       *self,
                                  const char     *page);
void _ht_window_update_actions   (HtWindow       *self);
void _ht_window_update_title     (HtWindow       *self);
void _ht_window_set_mode         (HtWindow       *self,
                                  const char     *mode);
void _ht_window_stop_session     (HtWindow       *self);
void _ht_window_open_register    (HtWindow       *self);

/* ht-window-review.c: win.review-approve, -return, -reject, -decide */
void _ht_window_install_review_actions (GtkWidgetClass *widget_class);

/* ht-window-actions.c */
void _ht_window_install_actions  (GtkWidgetClass *widget_class);
/* Runs "then" at once, or once the clerk said what to do with the form's
 * unsaved changes (kept as a draft, or discarded); never on "Cancel". */
void _ht_window_after_unsaved    (HtWindow       *self,
                                  AfterSave       then,
                                  const char     *data);

G_END_DECLS
