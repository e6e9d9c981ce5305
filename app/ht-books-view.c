/* ht-books-view.c — the register books: a lazy list with search and filters.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListView over HtRecordList: rows are made for what is on screen
 * only, filled as their page arrives from the worker thread.  Typing in the
 * search entry searches (folded names, personal ID, document number,
 * KIND/YEAR/NUMBER) after a short pause, in a worker thread; a newer
 * search cancels an older one.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"

#include "ht-books-view.h"
#include "ht-labels.h"
#include "ht-record-list.h"
#include "ht-tasks.h"

struct _HtBooksView
{
  AdwBin          parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown    *kind_dd;
  GtkDropDown    *year_dd;
  GtkDropDown    *review_dd;
  GtkDropDown    *sync_dd;
  GtkSpinner     *spinner;
  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;

  HtSession      *session;
  HtRecordList   *list;
  GArray         *years;      /* gint64, the year menu's entries after "All years" */
  GCancellable   *cancellable;
  gboolean        filling;    /* the menus are being filled: no filter yet */
};

G_DEFINE_FINAL_TYPE (HtBooksView, ht_books_view, ADW_TYPE_BIN)

static const char *const review_states[] = { "pending", "approved", "returned", "resubmitted", "rejected", NULL };
static const char *const sync_states[] = { "pending", "sent", "needs_attention", NULL };

/* ---- Rows ---- */

typedef struct
{
  GtkWidget *number;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *review;
  GtkWidget *sync;
} RowWidgets;

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  w->number = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (w->number), 14);
  gtk_label_set_xalign (GTK_LABEL (w->number), 0.0f);
  gtk_widget_add_css_class (w->number, "numeric");
  w->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (w->title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (w->title, "heading");
  w->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->subtitle), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (w->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (w->subtitle, "dim-label");
  gtk_widget_add_css_class (w->subtitle, "caption");
  w->review = gtk_label_new (NULL);
  gtk_widget_add_css_class (w->review, "caption");
  gtk_widget_add_css_class (w->review, "ht-pill");
  w->sync = gtk_image_new ();

  gtk_box_append (GTK_BOX (texts), w->title);
  gtk_box_append (GTK_BOX (texts), w->subtitle);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), w->number);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), w->review);
  gtk_box_append (GTK_BOX (box), w->sync);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  g_object_set_data_full (G_OBJECT (box), "widgets", w, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
show_item (GtkListItem *list_item)
{
  HtRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *w = g_object_get_data (G_OBJECT (box), "widgets");
  const char *sync;

  if (item == NULL || !ht_record_item_get_loaded (item))
    {
      gtk_label_set_text (GTK_LABEL (w->number), "…");
      gtk_label_set_text (GTK_LABEL (w->title), "");
      gtk_label_set_text (GTK_LABEL (w->subtitle), "");
      gtk_label_set_text (GTK_LABEL (w->review), "");
      gtk_widget_set_visible (w->review, FALSE);
      gtk_image_clear (GTK_IMAGE (w->sync));
      return;
    }
  gtk_label_set_text (GTK_LABEL (w->number), ht_record_item_get_number (item));
  gtk_label_set_text (GTK_LABEL (w->title), ht_record_item_get_title (item));
  {
    /* TRANSLATORS: a list row's second line: kind · registration date. */
    g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), ht_labels_kind (ht_record_item_get_kind (item)),
                                                 ht_record_item_get_registered_on (item) != NULL
                                                 ? ht_record_item_get_registered_on (item) : "");
    gtk_label_set_text (GTK_LABEL (w->subtitle), subtitle);
  }
  gtk_label_set_text (GTK_LABEL (w->review), ht_labels_review_state (ht_record_item_get_review_state (item)));
  gtk_widget_set_visible (w->review, ht_record_item_get_review_state (item) != NULL);

  sync = ht_record_item_get_sync_state (item);
  gtk_image_set_from_icon_name (GTK_IMAGE (w->sync),
                                g_strcmp0 (sync, "sent") == 0 ? "emblem-ok-symbolic"
                                : g_strcmp0 (sync, "needs_attention") == 0 ? "dialog-warning-symbolic"
                                : "document-send-symbolic");
  if (g_strcmp0 (sync, "needs_attention") == 0 && ht_record_item_get_sync_message (item) != NULL)
    {
      g_autofree char *tip = g_strdup_printf ("%s: %s", ht_labels_sync_state (sync),
                                              ht_record_item_get_sync_message (item));
      gtk_widget_set_tooltip_text (w->sync, tip);
    }
  else
    gtk_widget_set_tooltip_text (w->sync, ht_labels_sync_state (sync));
}

static void
item_loaded_cb (HtRecordItem *item,
                GParamSpec   *pspec,
                GtkListItem  *list_item)
{
  if (gtk_list_item_get_item (list_item) == item)
    show_item (list_item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  HtRecordItem *item = gtk_list_item_get_item (list_item);

  show_item (list_item);
  if (!ht_record_item_get_loaded (item))
    g_signal_connect_object (item, "notify::loaded", G_CALLBACK (item_loaded_cb), list_item, 0);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  HtRecordItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_loaded_cb, list_item);
}

/* ---- Filters ---- */

static GtkStringList *
string_list (const char *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, first);
  return list;
}

static const char *
selected_kind (HtBooksView *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_dd);
  const HtKind *const *kinds = ht_kinds_all ();

  for (guint k = 0; kinds[k] != NULL; k++)
    if (k + 1 == i)
      return kinds[k]->code;
  return NULL;
}

static void
update_status (HtBooksView *self)
{
  guint n = ht_record_list_get_count (self->list);
  const GError *error = ht_record_list_get_error (self->list);
  gboolean loading = ht_record_list_get_loading (self->list);
  g_autofree char *count = NULL;

  gtk_spinner_set_spinning (self->spinner, loading);
  if (ht_record_list_get_search (self->list) != NULL && ht_record_list_get_truncated (self->list))
    count = g_strdup_printf (_("The newest %u records found: type more to narrow the search"), n);
  else if (ht_record_list_get_search (self->list) != NULL)
    count = g_strdup_printf (ngettext ("%u record found", "%u records found", n), n);
  else
    count = g_strdup_printf (ngettext ("%u entry", "%u entries", n), n);
  gtk_label_set_text (self->count_label, loading ? "" : count);

  if (error != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("The register could not be read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (n == 0 && !loading)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, ht_record_list_get_search (self->list) != NULL
                                 ? _("Nothing found") : _("No entries"));
      adw_status_page_set_description (self->empty_page,
                                       ht_record_list_get_search (self->list) != NULL
                                       ? _("Names are found without accents too: “nguyen van an” finds "
                                           "“Nguyễn Văn An”. A book number is written like birth/2026/17.")
                                       : _("No record of the register matches these filters."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
apply_filter (HtBooksView *self)
{
  HtListFilter filter = { HT_LIST_BOOK, NULL, 0, NULL, NULL };
  guint year = gtk_drop_down_get_selected (self->year_dd);
  guint review = gtk_drop_down_get_selected (self->review_dd);
  guint sync = gtk_drop_down_get_selected (self->sync_dd);

  if (self->list == NULL || self->filling)
    return;
  filter.kind = selected_kind (self);
  if (year > 0 && self->years != NULL && year - 1 < self->years->len)
    filter.book_year = g_array_index (self->years, gint64, year - 1);
  if (review > 0 && review - 1 < g_strv_length ((char **) review_states))
    filter.review_state = review_states[review - 1];
  if (sync > 0 && sync - 1 < g_strv_length ((char **) sync_states))
    filter.sync_state = sync_states[sync - 1];
  ht_record_list_set_filter (self->list, &filter);
}

static void
years_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HtBooksView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = ht_task_years_finish (result, &error);
  g_autoptr(GtkStringList) names = string_list (_("All years"));

  if (HT_TASK_CANCELLED (result))
    return;

  if (years == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Listing the book years failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < years->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (years, gint64, i));
      gtk_string_list_append (names, text);
    }
  g_clear_pointer (&self->years, g_array_unref);
  self->years = g_steal_pointer (&years);
  self->filling = TRUE;
  gtk_drop_down_set_model (self->year_dd, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->year_dd, 0);
  self->filling = FALSE;
}

static void
reload_years (HtBooksView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ht_task_years_async (ht_session_get_store (self->session), selected_kind (self), self->cancellable,
                       years_cb, g_object_ref (self));
}

static void
filter_changed_cb (GtkDropDown *dd,
                   GParamSpec  *pspec,
                   HtBooksView *self)
{
  if (self->filling)
    return;
  if (dd == self->kind_dd && self->session != NULL)
    {
      /* Another kind has other books: the year starts at "all" again. */
      self->filling = TRUE;
      gtk_drop_down_set_selected (self->year_dd, 0);
      self->filling = FALSE;
      reload_years (self);
    }
  apply_filter (self);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   HtBooksView    *self)
{
  if (self->list != NULL)
    ht_record_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Every keystroke, before the entry's pause: the search for the text
 * before it is stale and lets go of the register at once. */
static void
search_text_changed_cb (GtkEditable *entry,
                        HtBooksView *self)
{
  if (self->list != NULL)
    ht_record_list_search_pending (self->list);
}

static void
search_activated_cb (GtkSearchEntry *entry,
                     HtBooksView    *self)
{
  /* Enter opens the record when the search found exactly one. */
  if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 1 &&
      !ht_record_list_get_loading (self->list))
    {
      g_autoptr(HtRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
      if (ht_record_item_get_loaded (item))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "s", ht_record_item_get_id (item));
    }
}

static void
row_activated_cb (GtkListView *list_view,
                  guint        position,
                  HtBooksView *self)
{
  g_autoptr(HtRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item != NULL && ht_record_item_get_loaded (item))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "s", ht_record_item_get_id (item));
}

static void
list_changed_cb (GObject     *list,
                 GParamSpec  *pspec,
                 HtBooksView *self)
{
  update_status (self);
}

static void
list_ready_cb (HtRecordList *list,
               HtBooksView  *self)
{
  update_status (self);
}

static void
record_saved_cb (HtSession   *session,
                 const char  *id,
                 HtBooksView *self)
{
  if (self->list != NULL)
    ht_record_list_reload (self->list);
}

/* ---- GObject ---- */

static void
ht_books_view_dispose (GObject *object)
{
  HtBooksView *self = HT_BOOKS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* A read still running may end after the view: it must not call back. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_BOOKS_VIEW);
  G_OBJECT_CLASS (ht_books_view_parent_class)->dispose (object);
}

static void
ht_books_view_finalize (GObject *object)
{
  HtBooksView *self = HT_BOOKS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->list);
  g_clear_pointer (&self->years, g_array_unref);
  G_OBJECT_CLASS (ht_books_view_parent_class)->finalize (object);
}

static void
ht_books_view_class_init (HtBooksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_books_view_dispose;
  object_class->finalize = ht_books_view_finalize;

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-books-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, kind_dd);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, year_dd);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, review_dd);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, sync_dd);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, count_label);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, stack);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, list_view);
  gtk_widget_class_bind_template_child (widget_class, HtBooksView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
ht_books_view_init (HtBooksView *self)
{
  g_autoptr(GtkStringList) kinds = NULL;
  g_autoptr(GtkStringList) years = NULL;
  g_autoptr(GtkStringList) reviews = NULL;
  g_autoptr(GtkStringList) syncs = NULL;
  GtkListItemFactory *factory;

  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  kinds = string_list (_("All kinds"));
  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    gtk_string_list_append (kinds, _((*k)->label));
  years = string_list (_("All years"));
  reviews = string_list (_("Any review state"));
  for (guint i = 0; review_states[i] != NULL; i++)
    gtk_string_list_append (reviews, ht_labels_review_state (review_states[i]));
  syncs = string_list (_("Any sync state"));
  for (guint i = 0; sync_states[i] != NULL; i++)
    gtk_string_list_append (syncs, ht_labels_sync_state (sync_states[i]));
  gtk_drop_down_set_model (self->kind_dd, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->year_dd, G_LIST_MODEL (years));
  gtk_drop_down_set_model (self->review_dd, G_LIST_MODEL (reviews));
  gtk_drop_down_set_model (self->sync_dd, G_LIST_MODEL (syncs));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  g_signal_connect (self->search_entry, "changed", G_CALLBACK (search_text_changed_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  self->filling = FALSE;
}

void
ht_books_view_set_session (HtBooksView *self,
                           HtSession   *session)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (HT_IS_BOOKS_VIEW (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  gtk_list_view_set_model (self->list_view, NULL);
  if (session == NULL)
    return;

  self->list = ht_record_list_new (ht_session_get_store (session));
  g_signal_connect (self->list, "notify::loading", G_CALLBACK (list_changed_cb), self);
  g_signal_connect (self->list, "ready", G_CALLBACK (list_ready_cb), self);
  g_signal_connect (session, "record-saved", G_CALLBACK (record_saved_cb), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reload_years (self);
  apply_filter (self);
}

void
ht_books_view_focus_search (HtBooksView *self)
{
  g_return_if_fail (HT_IS_BOOKS_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ht_books_view_set_search (HtBooksView *self,
                          const char  *text)
{
  g_return_if_fail (HT_IS_BOOKS_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

GListModel *
ht_books_view_get_model (HtBooksView *self)
{
  g_return_val_if_fail (HT_IS_BOOKS_VIEW (self), NULL);
  return self->list != NULL ? G_LIST_MODEL (self->list) : NULL;
}

void
ht_books_view_set_filter (HtBooksView *self,
                          const char  *kind,
                          gint64       book_year)
{
  const HtKind *const *kinds = ht_kinds_all ();
  guint kind_index = 0;

  g_return_if_fail (HT_IS_BOOKS_VIEW (self));

  for (guint k = 0; kind != NULL && kinds[k] != NULL; k++)
    if (g_str_equal (kinds[k]->code, kind))
      kind_index = k + 1;
  gtk_drop_down_set_selected (self->kind_dd, kind_index);
  for (guint i = 0; book_year > 0 && self->years != NULL && i < self->years->len; i++)
    if (g_array_index (self->years, gint64, i) == book_year)
      gtk_drop_down_set_selected (self->year_dd, i + 1);
}

GtkAdjustment *
ht_books_view_get_vadjustment (HtBooksView *self)
{
  g_return_val_if_fail (HT_IS_BOOKS_VIEW (self), NULL);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
}
