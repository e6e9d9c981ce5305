/* ht-store-users.c — the office's user accounts (Argon2id password hashes) and settings.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-store"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "ht-date.h"
#include "ht-store-private.h"

static const char *const roles[] = { "clerk", "signer", "reviewer", "technician", "admin", NULL };

/* Verified against when the user does not exist, so that a wrong name takes
 * as long as a wrong password and does not reveal which names exist. */
static char dummy_hash[crypto_pwhash_STRBYTES];

static gboolean
init_sodium (GError **error)
{
  static gsize ready = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&ready))
    {
      ok = sodium_init () >= 0
        && crypto_pwhash_str (dummy_hash, "hotich", strlen ("hotich"),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
      g_once_init_leave (&ready, 1);
    }
  if (!ok)
    g_set_error (error, HT_ERROR, HT_ERROR_FAILED,
                 _("The password library could not start (out of memory?)"));
  return ok;
}

static gboolean
valid_name (const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        return FALSE;
    }
  return TRUE;
}

gboolean
ht_store_user_add (HtStore     *self,
                   const char  *name,
                   const char  *role,
                   const char  *password,
                   GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) local_error = NULL;
  HtAuditChain chain;
  int rc;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!valid_name (name))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("A user name must be 1 to 64 characters without spaces"));
      return FALSE;
    }
  if (role == NULL || !g_strv_contains (roles, role))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("Unknown role “%s”; the roles are clerk, signer, reviewer, technician and admin"),
                   role != NULL ? role : "");
      return FALSE;
    }
  if (password == NULL || password[0] == '\0')
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The password of “%s” must not be empty"), name);
      return FALSE;
    }
  if (!init_sodium (error))
    return FALSE;

  /* Hashing is slow on purpose; it runs before the lock is taken. */
  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_FAILED,
                   _("Not enough memory to hash the password"));
      return FALSE;
    }

  now = ht_timestamp_now ();
  detail = g_strdup_printf ("role=%s", role);

  g_rec_mutex_lock (&self->lock);
  if (!_ht_store_begin (self, &local_error))
    goto out;
  {
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (self,
                      "INSERT INTO users (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
                      &local_error);
    if (stmt == NULL)
      goto out;
    _ht_store_bind_text (stmt, 1, name);
    _ht_store_bind_text (stmt, 2, role);
    _ht_store_bind_text (stmt, 3, hash);
    _ht_store_bind_text (stmt, 4, now);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
      {
        g_set_error (&local_error, HT_ERROR, HT_ERROR_EXISTS, _("There is already a user “%s”"), name);
        goto out;
      }
    if (rc != SQLITE_DONE)
      {
        _ht_store_db_error (self->db, rc, _("adding a user"), &local_error);
        goto out;
      }
  }
  if (!_ht_audit_chain_load (self, &chain, &local_error)
      || !_ht_audit_append (self, &chain, now, name, "user_add", NULL, 0, detail, NULL, 0, &local_error)
      || !_ht_audit_chain_store (self, &chain, &local_error))
    goto out;
  _ht_store_commit (self, &local_error);

out:
  if (local_error != NULL)
    _ht_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
  sodium_memzero (hash, sizeof hash);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

char *
ht_store_user_verify (HtStore     *self,
                      const char  *name,
                      const char  *password,
                      GError     **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *role = NULL;
  gboolean ok;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!init_sodium (error))
    return NULL;

  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(HtCachedStmt) stmt =
      _ht_store_stmt (self, "SELECT password_hash, role FROM users WHERE name = ?1", error);
    int rc;

    if (stmt == NULL)
      {
        g_rec_mutex_unlock (&self->lock);
        return NULL;
      }
    _ht_store_bind_text (stmt, 1, name != NULL ? name : "");
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        role = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      }
    else if (rc != SQLITE_DONE)
      {
        _ht_store_db_error (self->db, rc, _("reading the users"), error);
        g_clear_pointer (&stmt, _ht_cached_stmt_release);
        g_rec_mutex_unlock (&self->lock);
        return NULL;
      }
  }
  g_rec_mutex_unlock (&self->lock);

  ok = password != NULL
    && crypto_pwhash_str_verify (hash != NULL ? hash : dummy_hash, password, strlen (password)) == 0
    && hash != NULL;
  if (!ok)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION, _("Wrong user name or password"));
      return NULL;
    }
  return g_steal_pointer (&role);
}

/* ---- Settings (the keys table) ---- */

char *
ht_store_get_key (HtStore    *self,
                  const char *key)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (HT_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self, "SELECT value FROM keys WHERE key = ?1", NULL);
  if (stmt != NULL)
    {
      _ht_store_bind_text (stmt, 1, key);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return value;
}

gboolean
ht_store_set_key (HtStore     *self,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  g_autoptr(HtCachedStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (HT_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (g_str_has_prefix (key, "store."))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_PERMISSION,
                   _("The setting “%s” is kept by the register itself"), key);
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  stmt = _ht_store_stmt (self,
                         value != NULL ? "INSERT OR REPLACE INTO keys (key, value) VALUES (?1, ?2)"
                                       : "DELETE FROM keys WHERE key = ?1",
                         error);
  if (stmt != NULL)
    {
      _ht_store_bind_text (stmt, 1, key);
      if (value != NULL)
        _ht_store_bind_text (stmt, 2, value);
      ok = _ht_store_step_done (self, stmt, _("writing a setting"), error);
    }
  g_clear_pointer (&stmt, _ht_cached_stmt_release);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
