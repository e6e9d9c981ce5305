/* ht-session.c — the open register and the signed-in user.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views share one session: it owns the store (whose calls they make through
 * GTasks) and says who is signed in; "record-saved" tells lists to reload.
 */
#define G_LOG_DOMAIN "hotich"

#include "ht-labels.h"
#include "ht-session.h"
#include "ht-units.h"

struct _HtSession
{
  GObject  parent_instance;

  HtStore *store;
  char    *user;
  char    *role;
  GObject *sync;
  gboolean reviewer_register;
};

G_DEFINE_FINAL_TYPE (HtSession, ht_session, G_TYPE_OBJECT)

enum {
  SIGNAL_RECORD_SAVED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
ht_session_finalize (GObject *object)
{
  HtSession *self = HT_SESSION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->sync);
  g_free (self->user);
  g_free (self->role);
  G_OBJECT_CLASS (ht_session_parent_class)->finalize (object);
}

static void
ht_session_class_init (HtSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ht_session_finalize;

  /* A record was saved (registered, edited or kept as a draft). */
  signals[SIGNAL_RECORD_SAVED] =
    g_signal_new ("record-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ht_session_init (HtSession *self)
{
}

HtSession *
ht_session_new (HtStore    *store,
                const char *user,
                const char *role)
{
  HtSession *self;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);

  self = g_object_new (HT_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->user = g_strdup (user);
  self->role = g_strdup (role);
  return self;
}

HtStore *
ht_session_get_store (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), NULL);
  return self->store;
}

const char *
ht_session_get_user (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), NULL);
  return self->user;
}

const char *
ht_session_get_role (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), NULL);
  return self->role;
}

const char *
ht_session_get_office (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), NULL);
  return ht_store_get_office (self->store);
}

const char *
ht_session_get_office_name (HtSession *self)
{
  const HtUnit *unit;

  g_return_val_if_fail (HT_IS_SESSION (self), NULL);
  unit = ht_units_office (ht_store_get_office (self->store));
  /* A supervising office's register: its scope is a province of today or
   * a district of before the 2025 reform. */
  if (unit == NULL)
    unit = ht_units_lookup (HT_UNITS_N_DATASETS - 1, HT_UNIT_PROVINCE, ht_store_get_office (self->store));
  if (unit == NULL)
    unit = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_DISTRICT, ht_store_get_office (self->store));
  return unit != NULL ? unit->full_name : ht_store_get_office (self->store);
}

gboolean
ht_session_can_register (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), FALSE);
  /* A supervising office registers nothing: its records are the communes'. */
  return !self->reviewer_register && ht_role_can_register (self->role);
}

gboolean
ht_session_can_browse (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), FALSE);
  return ht_role_can_browse (self->role);
}

void
ht_session_set_reviewer_register (HtSession *self,
                                  gboolean   reviewer_register)
{
  g_return_if_fail (HT_IS_SESSION (self));
  self->reviewer_register = reviewer_register;
}

gboolean
ht_session_is_reviewer_register (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), FALSE);
  return self->reviewer_register;
}

gboolean
ht_session_can_review (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), FALSE);
  return self->reviewer_register &&
         (g_strcmp0 (self->role, "reviewer") == 0 || g_strcmp0 (self->role, "admin") == 0);
}

GObject *
ht_session_get_sync (HtSession *self)
{
  g_return_val_if_fail (HT_IS_SESSION (self), NULL);
  return self->sync;
}

void
ht_session_set_sync (HtSession *self,
                     GObject   *sync)
{
  g_return_if_fail (HT_IS_SESSION (self));
  g_set_object (&self->sync, sync);
}

void
ht_session_record_saved (HtSession  *self,
                         const char *id)
{
  g_return_if_fail (HT_IS_SESSION (self));
  g_signal_emit (self, signals[SIGNAL_RECORD_SAVED], 0, id);
}
