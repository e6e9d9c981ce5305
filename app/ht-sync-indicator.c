/* ht-sync-indicator.c — the header bar's sync state at a glance.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binds to the session's HtSyncScheduler (sync/): online or offline, how
 * many changes wait, when the last sync succeeded, a spinner while one
 * runs; the button next to it is "Sync now".  Everything it shows arrives
 * as property notifications in the main thread.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-application.h"
#include <inttypes.h>

#include "ht-sync-indicator.h"
#include "ht-sync-scheduler.h"

struct _HtSyncIndicator
{
  AdwBin           parent_instance;

  GtkWidget       *status_button;
  GtkStack        *icon_stack;
  GtkImage        *state_icon;
  GtkSpinner      *spinner;
  GtkLabel        *state_label;
  GtkWidget       *sync_button;

  HtSession       *session;
  HtSyncScheduler *scheduler;
};

G_DEFINE_FINAL_TYPE (HtSyncIndicator, ht_sync_indicator, ADW_TYPE_BIN)

static char *
last_success_text (HtSyncScheduler *scheduler)
{
  GDateTime *last = ht_sync_scheduler_get_last_success (scheduler);
  g_autoptr(GDateTime) local = NULL;

  if (last == NULL)
    return g_strdup (_("never synced yet"));
  local = g_date_time_to_local (last);
  /* TRANSLATORS: the time of the last successful sync, dd/mm/yyyy HH:MM. */
  return g_date_time_format (local, _("last synced %d/%m/%Y %H:%M"));
}

static void
update (HtSyncIndicator *self)
{
  HtSyncScheduler *s = self->scheduler;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *when = NULL;
  g_autofree char *waiting = NULL;
  const char *icon = "network-idle-symbolic";
  const char *state_text;
  guint64 pending;

  gtk_widget_set_visible (GTK_WIDGET (self), s != NULL);
  if (s == NULL)
    return;

  pending = ht_sync_scheduler_get_pending (s);
  when = last_success_text (s);
  if (!ht_sync_scheduler_get_enrolled (s))
    {
      icon = "network-offline-symbolic";
      state_text = _("Not connected to a server: this PC is not enrolled");
    }
  else
    switch (ht_sync_scheduler_get_state (s))
      {
      case HT_SYNC_SCHEDULER_RUNNING:
        state_text = _("Syncing…");
        break;
      case HT_SYNC_SCHEDULER_OFFLINE:
        icon = "network-offline-symbolic";
        state_text = _("Offline: the server cannot be reached; the register keeps working");
        break;
      case HT_SYNC_SCHEDULER_ERROR:
        icon = "dialog-warning-symbolic";
        state_text = _("The last sync failed");
        break;
      case HT_SYNC_SCHEDULER_IDLE:
      default:
        icon = ht_sync_scheduler_get_last_success (s) != NULL ? "network-transmit-receive-symbolic"
                                                             : "network-idle-symbolic";
        state_text = ht_sync_scheduler_get_last_success (s) != NULL ? _("Online") : _("Not synced yet");
        break;
      }

  if (pending > 0)
    label = g_strdup_printf (ngettext ("%" PRIu64 " waiting", "%" PRIu64 " waiting", pending), pending);
  else if (ht_sync_scheduler_get_enrolled (s) && ht_sync_scheduler_get_state (s) == HT_SYNC_SCHEDULER_IDLE &&
           ht_sync_scheduler_get_last_success (s) != NULL)
    label = g_strdup (_("Up to date"));
  else if (ht_sync_scheduler_get_state (s) == HT_SYNC_SCHEDULER_OFFLINE)
    label = g_strdup (_("Offline"));
  else
    label = g_strdup ("");

  waiting = pending > 0 ? g_strdup_printf (ngettext ("%" PRIu64 " change waits to be sent",
                                                     "%" PRIu64 " changes wait to be sent", pending), pending)
                        : g_strdup (_("Nothing waits to be sent"));
  tooltip = g_strdup_printf ("%s\n%s\n%s", state_text, waiting, when);
  gtk_label_set_text (self->state_label, label);
  gtk_image_set_from_icon_name (self->state_icon, icon);
  gtk_widget_set_tooltip_text (self->status_button, tooltip);
  gtk_spinner_set_spinning (self->spinner, ht_sync_scheduler_get_state (s) == HT_SYNC_SCHEDULER_RUNNING);
  gtk_stack_set_visible_child_name (self->icon_stack,
                                    ht_sync_scheduler_get_state (s) == HT_SYNC_SCHEDULER_RUNNING ? "spinner" : "icon");
  gtk_widget_set_sensitive (self->sync_button, ht_sync_scheduler_get_enrolled (s));
}

static void
scheduler_notify_cb (HtSyncScheduler *scheduler,
                     GParamSpec      *pspec,
                     HtSyncIndicator *self)
{
  update (self);
}

static void
ht_sync_indicator_dispose (GObject *object)
{
  HtSyncIndicator *self = HT_SYNC_INDICATOR (object);

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->session);
  /* AdwBin keeps its child pointer: the child goes first, so that disposing
   * the template (which unparents bound direct children) leaves it none. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HT_TYPE_SYNC_INDICATOR);
  G_OBJECT_CLASS (ht_sync_indicator_parent_class)->dispose (object);
}

static void
ht_sync_indicator_class_init (HtSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ht_sync_indicator_dispose;

  ht_app_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/hotich/Hotich/ht-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, HtSyncIndicator, status_button);
  gtk_widget_class_bind_template_child (widget_class, HtSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, HtSyncIndicator, state_icon);
  gtk_widget_class_bind_template_child (widget_class, HtSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, HtSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, HtSyncIndicator, sync_button);
}

static void
ht_sync_indicator_init (HtSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

void
ht_sync_indicator_set_session (HtSyncIndicator *self,
                               HtSession       *session)
{
  g_return_if_fail (HT_IS_SYNC_INDICATOR (self));

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  g_set_object (&self->session, session);
  if (session != NULL && HT_IS_SYNC_SCHEDULER (ht_session_get_sync (session)))
    {
      self->scheduler = g_object_ref (HT_SYNC_SCHEDULER (ht_session_get_sync (session)));
      g_signal_connect (self->scheduler, "notify", G_CALLBACK (scheduler_notify_cb), self);
    }
  update (self);
}

void
ht_sync_indicator_reload (HtSyncIndicator *self)
{
  g_return_if_fail (HT_IS_SYNC_INDICATOR (self));

  if (self->scheduler != NULL)
    ht_sync_scheduler_refresh (self->scheduler);
  update (self);
}

/* For tests: the label and tooltip as the clerk sees them. */
const char *
ht_sync_indicator_get_text (HtSyncIndicator *self)
{
  g_return_val_if_fail (HT_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_text (self->state_label);
}
