/* ht-review-view.c — the reviewer's page: the queue, the record, the decision.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervising office (district or province) works through the records
 * its communes registered: on the left the queue, filtered by review
 * state, commune, kind and registration dates and read in a worker thread
 * (ht_store_review_list_async); on the right the chosen record as the
 * record page shows it (HtRecordView, read-only on a reviewer's register),
 * topped by what the reviewer decides on: for a resubmitted record what
 * the commune changed since the last decision, field by field, for a
 * flagged one the records the server found it may duplicate, and the
 * buttons Approve, Return… and Reject…, which name the window's actions
 * (ht-window-review.c).
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <string.h>

#include "ht-application.h"

#include "ht-date.h"
#include "ht-labels.h"
#include "ht-record.h"
#include "ht-record-view.h"
#include "ht-review-detail.h"
#include "ht-review-view.h"
#include "ht-tasks.h"
#include "ht-units.h"

/* The queue shows at most this many records; narrower filters find the rest. */
#define QUEUE_LIMIT 500

struct _HtReviewView
{
  AdwBin         parent_instance;

  AdwLeaflet    *leaflet;
  GtkWidget     *queue_box;
  GtkWidget     *detail_box;
  GtkDropDown   *state_dd;
  GtkDropDown   *office_dd;
  GtkDropDown   *kind_dd;
  GtkEntry      *from_entry;
  GtkEntry      *to_entry;
  GtkLabel      *filter_error;
  GtkStack      *queue_stack;
  GtkListBox    *queue_list;
  GtkLabel      *count_label;
  GtkStack      *detail_stack;
  HtRecordView  *record_view;
  GtkBox        *panel;         /* above the record: the decision, the changes, the duplicates */

  HtSession     *session;
  GPtrArray     *items;         /* HtReviewItem*, as the queue shows them */
  GPtrArray     *offices;       /* char*: the commune codes after "Every commune" */
  char          *from;          /* the valid typed dates, ISO, or NULL */
  char          *to;
  char          *error_text;
  char          *selected;
  GStrv          duplicates;    /* of the selected record, from the queue */
  HtReviewDetail *detail;
  GCancellable  *list_cancellable;
  GCancellable  *detail_cancellable;
  gboolean       list_loading;
  gboolean       detail_loading;
  gboolean       filling;       /* menus or the selection are being set: no reload */
};

G_DEFINE_FINAL_TYPE (HtReviewView, ht_review_view, ADW_TYPE_BIN)

/* The state menu, in this order; NULL is the open queue. */
static const char *const states[] = {
  NULL, "pending", "resubmitted", "potential_duplicate", "returned", "approved", "rejected",
};

static void
clear_panel (HtReviewView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->panel))) != NULL)
    gtk_box_remove (self->panel, child);
}

static void
detail_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HtReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  HtReviewDetail *detail = ht_review_detail_load_finish (result, &error);

  if (HT_TASK_CANCELLED (result))
    {
      g_clear_pointer (&detail, ht_review_detail_free);
      return;
    }

  self->detail_loading = FALSE;
  if (detail == NULL)
    {
      ht_review_detail_fill_error (self->panel, error->message);
      return;
    }
  g_clear_pointer (&self->detail, ht_review_detail_free);
  self->detail = detail;
  ht_review_detail_fill (self->panel, detail, ht_session_can_review (self->session));
}

static void
load_detail (HtReviewView *self)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  self->detail_cancellable = g_cancellable_new ();
  self->detail_loading = FALSE;
  if (self->session == NULL || self->selected == NULL)
    return;
  self->detail_loading = TRUE;
  ht_review_detail_load_async (ht_session_get_store (self->session), self->selected,
                               (const char *const *) self->duplicates, self->detail_cancellable, detail_cb,
                               g_object_ref (self));
}

/* ---- The queue ---- */

static const HtReviewItem *
find_item (HtReviewView *self,
           const char   *id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      const HtReviewItem *item = self->items->pdata[i];
      if (g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}

static GtkWidget *
queue_row (const HtReviewItem *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (item->subject != NULL && *item->subject != '\0' ? item->subject : "—");
  g_autofree char *number = ht_labels_book_number (item->kind, item->book_year, item->number);
  g_autofree char *date = ht_labels_date (item->registered_on);
  g_autofree char *where = g_strdup_printf ("%s · %s · %s", number, ht_review_commune_name (item->office),
                                            date != NULL ? date : "");
  GtkWidget *place = gtk_label_new (where);
  g_autoptr(GString) state = g_string_new (ht_labels_review_state (item->review_state));
  GtkWidget *state_label;

  if (item->duplicates != NULL && item->duplicates[0] != NULL)
    g_string_append_printf (state, " · %s", _("Potential duplicate"));
  state_label = gtk_label_new (state->str);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (place), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (place), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (place, "caption");
  gtk_widget_add_css_class (place, "numeric");
  gtk_label_set_xalign (GTK_LABEL (state_label), 0.0f);
  gtk_widget_add_css_class (state_label, "caption");
  gtk_widget_add_css_class (state_label, item->duplicates != NULL && item->duplicates[0] != NULL
                                         ? "warning" : "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), place);
  gtk_box_append (GTK_BOX (box), state_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, ht_labels_kind (item->kind));
  g_object_set_data_full (G_OBJECT (row), "ht-record-id", g_strdup (item->id), g_free);
  return row;
}

static void
fill_queue (HtReviewView *self)
{
  GtkWidget *child;
  guint shown = MIN (self->items->len, QUEUE_LIMIT);
  g_autofree char *count = NULL;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list))) != NULL)
    gtk_list_box_remove (self->queue_list, child);
  for (guint i = 0; i < shown; i++)
    {
      const HtReviewItem *item = self->items->pdata[i];
      GtkWidget *row = queue_row (item);

      gtk_list_box_append (self->queue_list, row);
      if (g_strcmp0 (item->id, self->selected) == 0)
        gtk_list_box_select_row (self->queue_list, GTK_LIST_BOX_ROW (row));
    }
  self->filling = FALSE;

  if (self->items->len > QUEUE_LIMIT)
    count = g_strdup_printf (_("The oldest %u records: narrow the filters to see the others."), QUEUE_LIMIT);
  else
    count = g_strdup_printf (ngettext ("%u record", "%u records", self->items->len), self->items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->queue_stack, self->items->len > 0 ? "list" : "empty");
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HtReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = ht_store_review_list_finish (HT_STORE (source), result, &error);

  if (HT_TASK_CANCELLED (result))
    return;

  self->list_loading = FALSE;
  if (items == NULL)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->queue_stack, "empty")),
                                 _("The queue could not be read"));
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->queue_stack, "empty")),
                                       error->message);
      gtk_stack_set_visible_child_name (self->queue_stack, "empty");
      return;
    }
  adw_status_page_set_title (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->queue_stack, "empty")),
                             _("Nothing to review"));
  adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->queue_stack, "empty")),
                                   _("No record of the scope matches these filters."));
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&items);
  /* The shown record keeps its flags from the newest reading. */
  {
    const HtReviewItem *item = find_item (self, self->selected);
    if (item != NULL)
      {
        g_strfreev (self->duplicates);
        self->duplicates = g_strdupv (item->duplicates);
      }
  }
  fill_queue (self);
}

void
ht_review_view_reload (HtReviewView *self)
{
  const HtKind *const *kinds = ht_kinds_all ();
  HtReviewFilter filter = { 0 };
  guint state, office, kind;

  g_return_if_fail (HT_IS_REVIEW_VIEW (self));

  state = gtk_drop_down_get_selected (self->state_dd);
  office = gtk_drop_down_get_selected (self->office_dd);
  kind = gtk_drop_down_get_selected (self->kind_dd);

  if (self->session == NULL)
    return;
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();

  filter.state = state < G_N_ELEMENTS (states) ? states[state] : NULL;
  filter.office = office >= 1 && office - 1 < self->offices->len ? self->offices->pdata[office - 1] : NULL;
  filter.kind = kind >= 1 && kind != GTK_INVALID_LIST_POSITION ? kinds[kind - 1]->code : NULL;
  filter.from = self->from;
  filter.to = self->to;
  /* One more than is shown tells that there are more. */
  filter.limit = QUEUE_LIMIT + 1;

  self->list_loading = TRUE;
  if (self->items == NULL)
    gtk_stack_set_visible_child_name (self->queue_stack, "loading");
  ht_store_review_list_async (ht_session_get_store (self->session), &filter, self->list_cancellable, listed_cb,
                              g_object_ref (self));
}

/* ---- Filters ---- */

static void
filter_changed_cb (HtReviewView *self)
{
  if (!self->filling)
    ht_review_view_reload (self);
}

/* The typed day as ISO; an empty entry is no bound. */
static gboolean
entry_date (GtkEntry    *entry,
            const char  *name,
            char       **iso,
            char       **message)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  GDate date;

  *iso = NULL;
  if (*text == '\0')
    return TRUE;
  g_date_clear (&date, 1);
  if (!ht_date_parse_vn (text, &date) && !ht_date_parse (text, &date))
    {
      /* TRANSLATORS: the first %s names the filter ("From", "To"). */
      *message = g_strdup_printf (_("%s: “%s” is not a date; type it as dd/mm/yyyy."), name, text);
      return FALSE;
    }
  *iso = ht_date_format (&date);
  return TRUE;
}

/* Reads both dates; a valid range becomes the filter (and reloads when it
 * changed).  "show" puts a problem under the filters at once; while the
 * reviewer types, only a problem already shown is updated. */
static void
apply_dates (HtReviewView *self,
             gboolean      show)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *message = NULL;
  gboolean from_ok = entry_date (self->from_entry, _("From"), &from, &message);
  gboolean to_ok = from_ok && entry_date (self->to_entry, _("To"), &to, &message);

  if (from_ok && to_ok && from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      message = g_strdup (_("The dates are the wrong way round: “From” is after “To”."));
      to_ok = FALSE;
    }
  if (!from_ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  if (from_ok && !to_ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");

  if (message != NULL)
    {
      if (show || self->error_text != NULL)
        {
          g_free (self->error_text);
          self->error_text = g_steal_pointer (&message);
          gtk_label_set_text (self->filter_error, self->error_text);
          gtk_widget_set_visible (GTK_WIDGET (self->filter_error), TRUE);
        }
      return;
    }
  g_clear_pointer (&self->error_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error), FALSE);
  if (g_strcmp0 (from, self->from) == 0 && g_strcmp0 (to, self->to) == 0)
    return;
  g_free (self->from);
  g_free (self->to);
  self->from = g_steal_pointer (&from);
  self->to = g_steal_pointer (&to);
  ht_review_view_reload (self);
}

static void
date_changed_cb (HtReviewView *self)
{
  if (!self->filling)
    apply_dates (self, FALSE);
}

static void
date_activated_cb (HtReviewView *self)
{
  apply_dates (self, TRUE);
}

static void
date_left_cb (GtkEventControllerFocus *controller,
              HtReviewView            *self)
{
  apply_dates (self, TRUE);
}

/* The communes of the scope: a district's communes before the reform, or a
 * province's communes of today followed by those before 1 July 2025 (the
 * records made before then belong to them). */
static void
fill_offices (HtReviewView *self)
{
  const char *scope = ht_session_get_office (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(GPtrArray) before = NULL;
  gsize len = scope != NULL ? strlen (scope) : 0;

  g_ptr_array_set_size (self->offices, 0);
  gtk_string_list_append (names, _("Every commune"));
  if (len == 2)
    now = ht_units_list (HT_UNITS_N_DATASETS - 1, HT_UNIT_COMMUNE, scope);
  if (len == 2 || len == 3)
    before = ht_units_list (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, scope);
  for (guint i = 0; now != NULL && i < now->len; i++)
    {
      const HtUnit *unit = now->pdata[i];
      g_hash_table_add (seen, (gpointer) unit->code);
      g_ptr_array_add (self->offices, g_strdup (unit->code));
      gtk_string_list_append (names, unit->full_name);
    }
  for (guint i = 0; before != NULL && i < before->len; i++)
    {
      const HtUnit *unit = before->pdata[i];
      g_autofree char *name = NULL;

      if (g_hash_table_contains (seen, unit->code))
        continue;
      /* TRANSLATORS: a commune that existed until the 2025 reform. */
      name = g_strdup_printf (_("%s (before 1/7/2025)"), unit->full_name);
      g_ptr_array_add (self->offices, g_strdup (unit->code));
      gtk_string_list_append (names, name);
    }
  if (len == 5)
    {
      g_ptr_array_add (self->offices, g_strdup (scope));
      gtk_string_list_append (names, ht_review_commune_name (scope));
    }
  gtk_drop_down_set_model (self->office_dd, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->office_dd, 0);
}

/* ---- Selection ---- */

static void
row_selected_cb (HtReviewView  *self,
                 GtkListBoxRow *row)
{
  const char *id;

  if (self->filling || row == NULL)
    return;
  id = g_object_get_data (G_OBJECT (row), "ht-record-id");
  if (id != NULL)
    ht_review_view_select (self, id);
}

static void
queue_clicked_cb (HtReviewView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->queue_box);
}

static void
record_saved_cb (HtSession    *session,
                 const char   *id,
                 HtReviewView *self)
{
  /* A decision (or a pulled version) changes the queue and the panel. */
  if (g_strcmp0 (id, self->selected) == 0)
    load_detail (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ht_review_view_reload (self);
}

/* ---- GObject ---- */

static void
ht_review_view_dispose (GObject *object)
{
  HtReviewView *self = HT_REVIEW_VIEW (object);

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_REVIEW_VIEW);
  G_OBJECT_CLASS (ht_review_view_parent_class)->dispose (object);
}

static void
ht_review_view_finalize (GObject *object)
{
  HtReviewView *self = HT_REVIEW_VIEW (object);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->detail, ht_review_detail_free);
  g_strfreev (self->duplicates);
  g_free (self->from);
  g_free (self->to);
  g_free (self->error_text);
  g_free (self->selected);
  G_OBJECT_CLASS (ht_review_view_parent_class)->finalize (object);
}

static void
ht_review_view_class_init (HtReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_review_view_dispose;
  object_class->finalize = ht_review_view_finalize;

  g_type_ensure (HT_TYPE_RECORD_VIEW);
  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-review-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, queue_box);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, state_dd);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, office_dd);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, kind_dd);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, filter_error);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, queue_list);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, count_label);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, HtReviewView, record_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, queue_clicked_cb);
}

static void
ht_review_view_init (HtReviewView *self)
{
  g_autoptr(GtkStringList) state_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  GtkEntry *entries[2];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->list_cancellable = g_cancellable_new ();
  self->detail_cancellable = g_cancellable_new ();
  self->offices = g_ptr_array_new_with_free_func (g_free);

  self->filling = TRUE;
  gtk_string_list_append (state_names, _("To review: pending and resubmitted"));
  for (guint i = 1; i < G_N_ELEMENTS (states); i++)
    gtk_string_list_append (state_names, g_str_equal (states[i], "potential_duplicate")
                                         ? _("Potential duplicates") : ht_labels_review_state (states[i]));
  gtk_drop_down_set_model (self->state_dd, G_LIST_MODEL (state_names));
  gtk_string_list_append (kind_names, _("Every kind"));
  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    gtk_string_list_append (kind_names, _((*k)->label));
  gtk_drop_down_set_model (self->kind_dd, G_LIST_MODEL (kind_names));
  /* Typing in the commune menu searches the communes' names. */
  {
    g_autoptr(GtkExpression) name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->office_dd, name);
  }
  self->filling = FALSE;

  /* Leaving a date entry says at once what is wrong with it. */
  entries[0] = self->from_entry;
  entries[1] = self->to_entry;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (date_left_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
    }

  self->panel = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  ht_record_view_set_extra (self->record_view, GTK_WIDGET (self->panel));
}

/* ---- Public ---- */

void
ht_review_view_set_session (HtReviewView *self,
                            HtSession    *session)
{
  g_return_if_fail (HT_IS_REVIEW_VIEW (self));

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  ht_record_view_set_session (self->record_view, session);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->detail, ht_review_detail_free);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->duplicates, g_strfreev);
  self->list_loading = FALSE;
  self->detail_loading = FALSE;
  clear_panel (self);
  self->filling = TRUE;
  while (gtk_widget_get_first_child (GTK_WIDGET (self->queue_list)) != NULL)
    gtk_list_box_remove (self->queue_list, gtk_widget_get_first_child (GTK_WIDGET (self->queue_list)));
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  gtk_stack_set_visible_child_name (self->queue_stack, "loading");
  if (session != NULL)
    {
      g_signal_connect (session, "record-saved", G_CALLBACK (record_saved_cb), self);
      fill_offices (self);
    }
  self->filling = FALSE;
}

gboolean
ht_review_view_set_state (HtReviewView *self,
                          const char   *state)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (states[i], state) == 0)
      {
        gtk_drop_down_set_selected (self->state_dd, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
ht_review_view_set_office (HtReviewView *self,
                           const char   *office)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), FALSE);

  if (office == NULL)
    {
      gtk_drop_down_set_selected (self->office_dd, 0);
      return TRUE;
    }
  for (guint i = 0; i < self->offices->len; i++)
    if (g_strcmp0 (self->offices->pdata[i], office) == 0)
      {
        gtk_drop_down_set_selected (self->office_dd, i + 1);
        return TRUE;
      }
  return FALSE;
}

void
ht_review_view_set_dates (HtReviewView *self,
                          const char   *from,
                          const char   *to)
{
  g_return_if_fail (HT_IS_REVIEW_VIEW (self));

  /* As typed, then confirmed with Enter. */
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from != NULL ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to != NULL ? to : "");
  self->filling = FALSE;
  apply_dates (self, TRUE);
}

const char *
ht_review_view_get_filter_error (HtReviewView *self)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), NULL);
  return self->error_text;
}

gboolean
ht_review_view_get_loading (HtReviewView *self)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), FALSE);
  return self->list_loading || self->detail_loading ||
         (self->selected != NULL && ht_record_view_get_record (self->record_view) == NULL);
}

guint
ht_review_view_get_n_items (HtReviewView *self)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), 0);
  return self->items != NULL ? MIN (self->items->len, QUEUE_LIMIT) : 0;
}

const HtReviewItem *
ht_review_view_get_item (HtReviewView *self,
                         guint         i)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), NULL);
  return i < ht_review_view_get_n_items (self) ? self->items->pdata[i] : NULL;
}

void
ht_review_view_select (HtReviewView *self,
                       const char   *id)
{
  const HtReviewItem *item;

  g_return_if_fail (HT_IS_REVIEW_VIEW (self));
  g_return_if_fail (id != NULL && self->session != NULL);

  item = find_item (self, id);
  if (g_strcmp0 (self->selected, id) != 0)
    {
      g_free (self->selected);
      self->selected = g_strdup (id);
      g_clear_pointer (&self->duplicates, g_strfreev);
      g_clear_pointer (&self->detail, ht_review_detail_free);
      clear_panel (self);
    }
  if (item != NULL)
    {
      g_strfreev (self->duplicates);
      self->duplicates = g_strdupv (item->duplicates);
    }
  /* The row too, when the choice did not come from a click. */
  self->filling = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "ht-record-id"), id) == 0)
      gtk_list_box_select_row (self->queue_list, GTK_LIST_BOX_ROW (row));
  self->filling = FALSE;

  ht_record_view_show (self->record_view, id);
  gtk_stack_set_visible_child_name (self->detail_stack, "record");
  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
  load_detail (self);
}

const char *
ht_review_view_get_selected (HtReviewView *self)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), NULL);
  return self->selected;
}

const cJSON *
ht_review_view_get_record (HtReviewView *self)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), NULL);
  return self->detail != NULL ? self->detail->record : NULL;
}

GPtrArray *
ht_review_view_get_changes (HtReviewView *self)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), NULL);
  return self->detail != NULL ? self->detail->changes : NULL;
}

const char *const *
ht_review_view_get_duplicates (HtReviewView *self)
{
  g_return_val_if_fail (HT_IS_REVIEW_VIEW (self), NULL);
  return (const char *const *) self->duplicates;
}
