/* ht-window.c — the main window: opening, sign-in, sidebar and views.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens the register in a worker thread and then shows, in
 * turn, the first start (no register yet), the sign-in and the main view:
 * a sidebar (AdwLeaflet, folding on narrow windows) with one "new
 * registration" entry per kind of the registry, the register books, what
 * needs attention, statistics and sync.  Every command is a window action
 * ("win.new", "win.register" …) with its accelerator set by the
 * application; the buttons of the views name the same actions.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"

#include "ht-attention-view.h"
#include "ht-books-view.h"
#include "ht-error.h"
#include "ht-form-view.h"
#include "ht-labels.h"
#include "ht-record-view.h"
#include "ht-review-view.h"
#include "ht-setup-view.h"
#include "ht-signin-view.h"
#include "ht-stats-view.h"
#include "ht-sync-indicator.h"
#include "ht-sync-scheduler.h"
#include "ht-sync-view.h"
#include "ht-tasks.h"
#include "ht-window-private.h"


G_DEFINE_FINAL_TYPE (HtWindow, ht_window, ADW_TYPE_APPLICATION_WINDOW)


/* ---- Helpers ---- */

void
ht_window_toast (HtWindow   *self,
                 const char *text)
{
  g_return_if_fail (HT_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
ht_window_show_error (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  g_autofree char *body = ht_task_error_advice (error);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
actions_allowed (HtWindow *self)
{
  return self->session != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "main") == 0;
}

/* Enables an action and remembers it (tests ask what a clerk could do). */
static void
set_enabled (HtWindow   *self,
             const char *name,
             gboolean    enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), name, enabled);
  g_hash_table_replace (self->enabled, g_strdup (name), GINT_TO_POINTER (enabled));
}

void
_ht_window_update_actions (HtWindow *self)
{
  gboolean main = actions_allowed (self);
  gboolean on_form = main && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "form") == 0;
  gboolean can_register = main && ht_session_can_register (self->session);
  gboolean can_browse = main && ht_session_can_browse (self->session);
  gboolean can_review = main && ht_session_can_review (self->session);
  GObject *sync = main ? ht_session_get_sync (self->session) : NULL;

  set_enabled (self, "win.new", can_register);
  set_enabled (self, "win.new-registration", can_register);
  set_enabled (self, "win.edit-record", can_register);
  set_enabled (self, "win.search", can_browse);
  set_enabled (self, "win.open-record", can_browse);
  set_enabled (self, "win.save-draft",
                                 on_form && ht_form_view_get_can_save_draft (self->form_view));
  set_enabled (self, "win.register",
                                 on_form && ht_form_view_get_can_register (self->form_view));
  set_enabled (self, "win.sync-now",
                                 HT_IS_SYNC_SCHEDULER (sync) && ht_sync_scheduler_get_enrolled (HT_SYNC_SCHEDULER (sync)));
  set_enabled (self, "win.show-page", main);
  set_enabled (self, "win.sign-out", main);
  set_enabled (self, "win.check-register", main);
  set_enabled (self, "win.back", main);
  set_enabled (self, "win.review-approve", can_review);
  set_enabled (self, "win.review-return", can_review);
  set_enabled (self, "win.review-reject", can_review);
  set_enabled (self, "win.review-decide", can_review);
  /* Print and Save as PDF: the record page's entry, when its paper can be
   * made (the page says why not). */
  {
    gboolean can_print = main && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "record") == 0 &&
                         ht_record_view_get_print_blocker (self->record_view) == NULL;
    set_enabled (self, "win.print", can_print);
    set_enabled (self, "win.save-pdf", can_print);
  }
}

void
_ht_window_set_mode (HtWindow   *self,
          const char *mode)
{
  gtk_stack_set_visible_child_name (self->mode_stack, mode);
  _ht_window_update_actions (self);
}

/* ---- The sidebar ---- */

static GtkWidget *
sidebar_row (HtWindow   *self,
             const char *key,
             const char *icon,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
  gtk_widget_set_tooltip_text (row, label);
  gtk_list_box_append (self->sidebar, row);
  g_hash_table_replace (self->sidebar_rows, g_strdup (key), row);
  return row;
}

static void
sidebar_header (HtWindow   *self,
                const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (self->sidebar, row);
}

static void
build_sidebar (HtWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar))) != NULL)
    gtk_list_box_remove (self->sidebar, child);
  g_hash_table_remove_all (self->sidebar_rows);

  /* What the role may do decides what the clerk sees. */
  if (ht_session_can_register (self->session))
    {
      sidebar_header (self, _("New registration"));
      for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
        {
          g_autofree char *key = g_strconcat ("form:", (*k)->code, NULL);
          sidebar_row (self, key, "document-new-symbolic", _((*k)->label), "win.new-registration",
                       g_variant_new_string ((*k)->code));
        }
    }
  sidebar_header (self, _("Register"));
  /* A supervising office's register is there to review. */
  if (ht_session_is_reviewer_register (self->session) && ht_session_can_browse (self->session))
    sidebar_row (self, "review", "object-select-symbolic", _("Review"), "win.show-page",
                 g_variant_new_string ("review"));
  if (ht_session_can_browse (self->session))
    {
      sidebar_row (self, "books", "accessories-dictionary-symbolic", _("Register books"), "win.show-page",
                   g_variant_new_string ("books"));
      sidebar_row (self, "attention", "dialog-warning-symbolic", _("Needs attention"), "win.show-page",
                   g_variant_new_string ("attention"));
    }
  sidebar_row (self, "stats", "x-office-spreadsheet-symbolic", _("Statistics"), "win.show-page",
               g_variant_new_string ("stats"));
  sidebar_row (self, "sync", "emblem-synchronizing-symbolic", _("Sync"), "win.show-page",
               g_variant_new_string ("sync"));
}

static void
select_sidebar (HtWindow   *self,
                const char *key)
{
  GtkListBoxRow *row = key != NULL ? g_hash_table_lookup (self->sidebar_rows, key) : NULL;

  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, row);
  else
    gtk_list_box_unselect_all (self->sidebar);
}

/* ---- Pages ---- */

void
_ht_window_update_title (HtWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  g_autofree char *who = NULL;
  const char *title = _("Civil-status register");

  if (self->session != NULL)
    /* TRANSLATORS: under the page title: office · user (role). */
    who = g_strdup_printf (_("%s · %s (%s)"), ht_session_get_office_name (self->session),
                           ht_session_get_user (self->session), ht_labels_role (ht_session_get_role (self->session)));
  if (g_strcmp0 (page, "form") == 0)
    title = ht_form_view_get_title (self->form_view);
  else if (g_strcmp0 (page, "books") == 0)
    title = _("Register books");
  else if (g_strcmp0 (page, "record") == 0)
    title = ht_record_view_get_title (self->record_view);
  else if (g_strcmp0 (page, "attention") == 0)
    title = _("Needs attention");
  else if (g_strcmp0 (page, "review") == 0)
    title = _("Review");
  else if (g_strcmp0 (page, "stats") == 0)
    title = _("Statistics");
  else if (g_strcmp0 (page, "sync") == 0)
    title = _("Sync");
  adw_window_title_set_title (self->content_title, title);
  adw_window_title_set_subtitle (self->content_title, who != NULL ? who : "");
}

/* "Back" is there when there is somewhere to go back to: the sidebar of a
 * folded window, or the list a record was opened from. */
static void
update_back_button (HtWindow *self)
{
  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) ||
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "record") == 0);
}

static void
folded_cb (HtWindow *self)
{
  update_back_button (self);
}

void
_ht_window_show_page (HtWindow   *self,
           const char *page)
{
  const char *current = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (page, "record") == 0 && g_strcmp0 (current, "record") != 0)
    {
      g_free (self->previous_page);
      self->previous_page = g_strdup (current);
    }
  gtk_stack_set_visible_child_name (self->content_stack, page);
  if (g_strcmp0 (page, "attention") == 0)
    ht_attention_view_reload (self->attention_view);
  else if (g_strcmp0 (page, "review") == 0)
    ht_review_view_reload (self->review_view);
  else if (g_strcmp0 (page, "stats") == 0)
    ht_stats_view_reload (self->stats_view);
  else if (g_strcmp0 (page, "sync") == 0)
    ht_sync_view_reload (self->sync_view);
  if (g_strcmp0 (page, "form") == 0)
    {
      g_autofree char *key = g_strconcat ("form:", ht_form_view_get_form (self->form_view) != NULL
                                          ? ht_form_get_kind (ht_form_view_get_form (self->form_view)) : "", NULL);
      select_sidebar (self, key);
    }
  else if (g_strcmp0 (page, "record") != 0)
    select_sidebar (self, page);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  update_back_button (self);
  _ht_window_update_title (self);
  _ht_window_update_actions (self);
}

static void
record_title_cb (HtWindow *self)
{
  _ht_window_update_title (self);
  /* A record read or re-read may change what can be printed. */
  _ht_window_update_actions (self);
}

void
_ht_window_stop_session (HtWindow *self)
{
  if (self->scheduler != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scheduler, self);
      ht_sync_scheduler_stop (self->scheduler);
    }
  g_clear_object (&self->scheduler);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
}

/* ---- Opening and signing in ---- */

static void
scheduler_notify_cb (HtSyncScheduler *scheduler,
                     GParamSpec      *pspec,
                     HtWindow        *self)
{
  /* An enrolment made on the Sync page starts sync at once. */
  if (g_strcmp0 (pspec->name, "enrolled") == 0 && ht_sync_scheduler_get_enrolled (scheduler))
    ht_sync_scheduler_start (scheduler);
  _ht_window_update_actions (self);
}

static void
run_finished_cb (HtSyncScheduler *scheduler,
                 gboolean         success,
                 HtWindow        *self)
{
  /* A pull may bring the scope's new and resubmitted records. */
  if (success && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "review") == 0)
    ht_review_view_reload (self->review_view);
}

static void
record_saved_cb (HtSession  *session,
                 const char *id,
                 HtWindow   *self)
{
  if (self->scheduler != NULL)
    ht_sync_scheduler_refresh (self->scheduler);
}

static void
signed_in_cb (HtSigninView *view,
              const char   *user,
              const char   *role,
              HtWindow     *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  _ht_window_stop_session (self);
  self->session = ht_session_new (self->store, user, role);
  ht_session_set_reviewer_register (self->session, self->reviewer_register);
  self->scheduler = ht_sync_scheduler_new (self->store, NULL);
  ht_session_set_sync (self->session, G_OBJECT (self->scheduler));
  g_signal_connect (self->scheduler, "notify", G_CALLBACK (scheduler_notify_cb), self);
  g_signal_connect (self->scheduler, "run-finished", G_CALLBACK (run_finished_cb), self);
  g_signal_connect (self->session, "record-saved", G_CALLBACK (record_saved_cb), self);
  if (ht_sync_scheduler_get_enrolled (self->scheduler))
    ht_sync_scheduler_start (self->scheduler);
  if (HT_IS_APPLICATION (app) && ht_application_get_settings (HT_APPLICATION (app)) != NULL)
    g_settings_set_string (ht_application_get_settings (HT_APPLICATION (app)), "last-user", user);

  ht_form_view_set_session (self->form_view, self->session);
  ht_books_view_set_session (self->books_view, self->session);
  ht_record_view_set_session (self->record_view, self->session);
  ht_attention_view_set_session (self->attention_view, self->session);
  ht_stats_view_set_session (self->stats_view, self->session);
  ht_sync_view_set_session (self->sync_view, self->session);
  ht_review_view_set_session (self->review_view, self->session);
  ht_sync_indicator_set_session (self->sync_indicator, self->session);
  adw_window_title_set_subtitle (self->sidebar_title, ht_session_get_office_name (self->session));
  build_sidebar (self);

  _ht_window_set_mode (self, "main");
  if (ht_session_is_reviewer_register (self->session) && ht_session_can_browse (self->session))
    _ht_window_show_page (self, "review");
  else if (ht_session_can_browse (self->session))
    _ht_window_show_page (self, "books");
  else
    _ht_window_show_page (self, "sync");
}

static char *
last_user (HtWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (HT_IS_APPLICATION (app) && ht_application_get_settings (HT_APPLICATION (app)) != NULL)
    return g_settings_get_string (ht_application_get_settings (HT_APPLICATION (app)), "last-user");
  return NULL;
}

static void
setup_done_cb (HtSetupView *view,
               HtStore     *store,
               const char  *user,
               HtWindow    *self)
{
  g_set_object (&self->store, store);
  /* The first start makes a commune's register. */
  self->reviewer_register = FALSE;
  ht_signin_view_prepare (self->signin_view, store, user);
  _ht_window_set_mode (self, "signin");
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HtWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_users = FALSE;
  gboolean reviewer_register = FALSE;
  g_autoptr(HtStore) store = ht_task_open_finish (result, &has_users, &reviewer_register, &error);

  if (HT_TASK_CANCELLED (result))
    return;

  if (store == NULL)
    {
      g_autofree char *advice = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          ht_setup_view_prepare (self->setup_view, self->db_path, NULL);
          _ht_window_set_mode (self, "setup");
          return;
        }
      advice = ht_task_error_advice (error);
      adw_status_page_set_description (self->failed_page, advice);
      _ht_window_set_mode (self, "failed");
      ht_window_show_error (GTK_WIDGET (self), _("The register cannot be opened"), error);
      return;
    }
  g_set_object (&self->store, store);
  self->reviewer_register = reviewer_register;
  if (!has_users)
    {
      ht_setup_view_prepare (self->setup_view, self->db_path, store);
      _ht_window_set_mode (self, "setup");
      return;
    }
  {
    g_autofree char *user = last_user (self);
    ht_signin_view_prepare (self->signin_view, store, user);
  }
  _ht_window_set_mode (self, "signin");
}

void
_ht_window_open_register (HtWindow *self)
{
  _ht_window_set_mode (self, "loading");
  ht_task_open_async (self->db_path, self->cancellable, opened_cb, g_object_ref (self));
}


/* ---- Window ---- */

static void
close_now (HtWindow *self,
           gpointer  data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
ht_window_close_request (GtkWindow *window)
{
  HtWindow *self = HT_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  GSettings *settings = HT_IS_APPLICATION (app) ? ht_application_get_settings (HT_APPLICATION (app)) : NULL;

  if (!self->close_confirmed && ht_form_view_get_dirty (self->form_view))
    {
      _ht_window_after_unsaved (self, close_now, NULL);
      return TRUE;
    }
  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }
  g_cancellable_cancel (self->cancellable);
  _ht_window_stop_session (self);
  return GTK_WINDOW_CLASS (ht_window_parent_class)->close_request (window);
}

static void
form_state_cb (GObject    *object,
               GParamSpec *pspec,
               HtWindow   *self)
{
  _ht_window_update_actions (self);
  _ht_window_update_title (self);
}

static void
form_saved_cb (HtFormView *view,
               const char *id,
               HtWindow   *self)
{
  /* The registered record, with its number, replaces the form. */
  ht_form_view_new_record (self->form_view, ht_form_get_kind (ht_form_view_get_form (view)));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "s", id);
}

static void
ht_window_dispose (GObject *object)
{
  HtWindow *self = HT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  _ht_window_stop_session (self);
  /* The views notify as they go; the window is past listening. */
  if (self->form_view != NULL)
    g_signal_handlers_disconnect_by_data (self->form_view, self);
  if (self->record_view != NULL)
    g_signal_handlers_disconnect_by_data (self->record_view, self);
  if (self->leaflet != NULL)
    g_signal_handlers_disconnect_by_data (self->leaflet, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_WINDOW);
  G_OBJECT_CLASS (ht_window_parent_class)->dispose (object);
}

static void
ht_window_finalize (GObject *object)
{
  HtWindow *self = HT_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_hash_table_unref (self->sidebar_rows);
  g_hash_table_unref (self->enabled);
  g_free (self->db_path);
  g_free (self->previous_page);
  G_OBJECT_CLASS (ht_window_parent_class)->finalize (object);
}

static void
ht_window_class_init (HtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ht_window_dispose;
  object_class->finalize = ht_window_finalize;
  window_class->close_request = ht_window_close_request;

  /* The views are types the template names. */
  g_type_ensure (HT_TYPE_SETUP_VIEW);
  g_type_ensure (HT_TYPE_SIGNIN_VIEW);
  g_type_ensure (HT_TYPE_FORM_VIEW);
  g_type_ensure (HT_TYPE_BOOKS_VIEW);
  g_type_ensure (HT_TYPE_RECORD_VIEW);
  g_type_ensure (HT_TYPE_ATTENTION_VIEW);
  g_type_ensure (HT_TYPE_STATS_VIEW);
  g_type_ensure (HT_TYPE_SYNC_VIEW);
  g_type_ensure (HT_TYPE_REVIEW_VIEW);
  g_type_ensure (HT_TYPE_SYNC_INDICATOR);

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, setup_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, signin_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, form_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, books_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, record_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, attention_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, stats_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, sync_view);
  gtk_widget_class_bind_template_child (widget_class, HtWindow, review_view);

  _ht_window_install_actions (widget_class);
  _ht_window_install_review_actions (widget_class);

}

static void
ht_window_init (HtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sidebar_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->enabled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  adw_status_page_set_title (self->welcome_page, _("Civil-status register"));
  g_signal_connect (self->setup_view, "done", G_CALLBACK (setup_done_cb), self);
  g_signal_connect (self->signin_view, "signed-in", G_CALLBACK (signed_in_cb), self);
  g_signal_connect (self->form_view, "notify", G_CALLBACK (form_state_cb), self);
  g_signal_connect (self->form_view, "saved", G_CALLBACK (form_saved_cb), self);
  g_signal_connect_swapped (self->record_view, "notify", G_CALLBACK (record_title_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  _ht_window_update_actions (self);
}

HtWindow *
ht_window_new (HtApplication *application,
               const char    *db_path)
{
  HtWindow *self = g_object_new (HT_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings = ht_application_get_settings (application);

  self->db_path = g_strdup (db_path);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  _ht_window_open_register (self);
  return self;
}

const char *
ht_window_get_mode (HtWindow *self)
{
  g_return_val_if_fail (HT_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->mode_stack);
}

const char *
ht_window_get_page (HtWindow *self)
{
  g_return_val_if_fail (HT_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

HtSession *
ht_window_get_session (HtWindow *self)
{
  g_return_val_if_fail (HT_IS_WINDOW (self), NULL);
  return self->session;
}

GtkWidget *
ht_window_get_view (HtWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (HT_IS_WINDOW (self), NULL);

  if (g_strcmp0 (name, "setup") == 0) return GTK_WIDGET (self->setup_view);
  if (g_strcmp0 (name, "signin") == 0) return GTK_WIDGET (self->signin_view);
  if (g_strcmp0 (name, "form") == 0) return GTK_WIDGET (self->form_view);
  if (g_strcmp0 (name, "books") == 0) return GTK_WIDGET (self->books_view);
  if (g_strcmp0 (name, "record") == 0) return GTK_WIDGET (self->record_view);
  if (g_strcmp0 (name, "attention") == 0) return GTK_WIDGET (self->attention_view);
  if (g_strcmp0 (name, "stats") == 0) return GTK_WIDGET (self->stats_view);
  if (g_strcmp0 (name, "sync") == 0) return GTK_WIDGET (self->sync_view);
  if (g_strcmp0 (name, "review") == 0) return GTK_WIDGET (self->review_view);
  if (g_strcmp0 (name, "sync-indicator") == 0) return GTK_WIDGET (self->sync_indicator);
  if (g_strcmp0 (name, "leaflet") == 0) return GTK_WIDGET (self->leaflet);
  return NULL;
}

gboolean
ht_window_get_action_enabled (HtWindow   *self,
                              const char *name)
{
  g_return_val_if_fail (HT_IS_WINDOW (self), FALSE);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->enabled, name));
}
