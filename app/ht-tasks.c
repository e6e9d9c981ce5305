/* ht-tasks.c — the app's store calls, each a GTask run in a worker thread.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every worker gets copies of its inputs in one TaskData, so the caller's
 * widgets and trees may change or go away while it runs.
 */
#define G_LOG_DOMAIN "hotich"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-fold.h"
#include "ht-labels.h"
#include "ht-record.h"
#include "ht-store-sync.h"
#include "ht-tasks.h"

typedef struct
{
  char     *path;
  char     *office;
  char     *user;
  char     *role;
  char     *password;
  char     *id;
  cJSON    *record;
  gint64   *rids;
  guint     n;
  gboolean  has_users;
  gboolean  reviewer_register;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_free (data->path);
  g_free (data->office);
  g_free (data->user);
  g_free (data->role);
  if (data->password != NULL)
    {
      /* Do not leave the password in freed memory. */
      memset (data->password, 0, strlen (data->password));
      g_free (data->password);
    }
  g_free (data->id);
  g_clear_pointer (&data->record, cJSON_Delete);
  g_free (data->rids);
  g_free (data);
}

static GTask *
new_task (gpointer             source,
          gpointer             tag,
          TaskData            *data,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  return task;
}

/* ---- Open and create ---- */

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(HtStore) store = NULL;
  GError *error = NULL;

  if (!g_file_test (data->path, G_FILE_TEST_EXISTS))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is no register at %s yet"), data->path);
      return;
    }
  store = ht_store_open (data->path, &error);
  if (store == NULL || !ht_store_has_users (store, &data->has_users, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A supervising office's register: its office is a district or province
   * code, and once enrolled its device's role says so. */
  {
    g_autoptr(HtSyncDevice) device = ht_store_sync_get_device (store, NULL);
    data->reviewer_register = strlen (ht_store_get_office (store)) != 5 ||
                              (device != NULL && g_strcmp0 (device->role, "reviewer") == 0);
  }
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

void
ht_task_open_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->path = g_strdup (path);
  task = new_task (NULL, ht_task_open_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, open_worker);
}

HtStore *
ht_task_open_finish (GAsyncResult  *result,
                     gboolean      *has_users,
                     gboolean      *reviewer_register,
                     GError       **error)
{
  TaskData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  data = g_task_get_task_data (G_TASK (result));
  if (has_users != NULL)
    *has_users = data->has_users;
  if (reviewer_register != NULL)
    *reviewer_register = data->reviewer_register;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_register (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", NULL };

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autofree char *dir = g_path_get_dirname (data->path);
  g_autoptr(HtStore) store = NULL;
  GError *error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Cannot make the folder %s: %s"), dir, g_strerror (saved));
      return;
    }
  store = ht_store_create (data->path, data->office, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->user != NULL && !ht_store_user_add (store, data->user, "admin", data->password, &error))
    {
      g_clear_object (&store);
      remove_register (data->path);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

void
ht_task_create_async (const char          *path,
                      const char          *office,
                      const char          *user,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->path = g_strdup (path);
  data->office = g_strdup (office);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  task = new_task (NULL, ht_task_create_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, create_worker);
}

HtStore *
ht_task_create_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Users ---- */

static void
add_user_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (ht_store_user_add (source_object, data->user, data->role, data->password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ht_task_add_user_async (HtStore             *store,
                        const char          *user,
                        const char          *role,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->user = g_strdup (user);
  data->role = g_strdup (role);
  data->password = g_strdup (password);
  task = new_task (store, ht_task_add_user_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, add_user_worker);
}

gboolean
ht_task_add_user_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
verify_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  char *role = ht_store_user_verify (source_object, data->user, data->password, &error);

  if (role != NULL)
    g_task_return_pointer (task, role, g_free);
  else
    g_task_return_error (task, error);
}

void
ht_task_verify_async (HtStore             *store,
                      const char          *user,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->user = g_strdup (user);
  data->password = g_strdup (password);
  task = new_task (store, ht_task_verify_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, verify_worker);
}

char *
ht_task_verify_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Records ---- */

void
ht_record_bundle_free (HtRecordBundle *bundle)
{
  if (bundle == NULL)
    return;
  g_clear_pointer (&bundle->record, cJSON_Delete);
  g_clear_pointer (&bundle->history, cJSON_Delete);
  g_clear_pointer (&bundle->row, ht_list_row_free);
  g_free (bundle);
}

static void
load_record_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(HtRecordBundle) bundle = g_new0 (HtRecordBundle, 1);
  GError *error = NULL;

  if ((bundle->record = ht_store_get (source_object, data->id, &error)) == NULL ||
      (bundle->history = ht_store_history (source_object, data->id, &error)) == NULL ||
      (bundle->row = ht_store_list_row (source_object, data->id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&bundle), (GDestroyNotify) ht_record_bundle_free);
}

void
ht_task_load_record_async (HtStore             *store,
                           const char          *id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->id = g_strdup (id);
  task = new_task (store, ht_task_load_record_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, load_record_worker);
}

HtRecordBundle *
ht_task_load_record_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
validate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TaskData *data = task_data;
  HtStore *store = source_object;
  HtIssues *issues = ht_issues_new ();
  g_autoptr(cJSON) canon = NULL;

  /* The same steps as a save, without writing: the parser's structural
   * checks, derived fields, then every rule with the register's lookups. */
  canon = ht_record_canonicalize (data->record, issues);
  if (canon != NULL)
    {
      g_autoptr(HtIssues) found = NULL;
      HtValidateOptions options;

      ht_validate_options_init (&options);
      ht_date_today (&options.today);
      options.lookup = ht_store_get_lookup (store);
      options.office = ht_store_get_office (store);
      ht_record_derive (canon, &options, issues);
      found = ht_validate (canon, &options);
      for (guint i = 0; i < found->len; i++)
        {
          HtIssue *issue = found->pdata[i];
          ht_issues_add (issues, issue->field, issue->code, issue->severity, "%s", issue->message);
        }
    }
  g_task_return_pointer (task, issues, (GDestroyNotify) g_ptr_array_unref);
}

void
ht_task_validate_async (HtStore             *store,
                        const cJSON         *record,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->record = cJSON_Duplicate (record, TRUE);
  task = new_task (store, ht_task_validate_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, validate_worker);
}

HtIssues *
ht_task_validate_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
fold_at (const cJSON *record,
         const char  *path)
{
  const char *text = cJSON_GetStringValue (ht_record_get_path (record, path));

  return text != NULL ? ht_fold (text) : NULL;
}

static void
duplicates_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TaskData *data = task_data;
  const HtLookup *lookup = ht_store_get_lookup (source_object);
  g_autofree char *child = fold_at (data->record, "data.child.full_name");
  g_autofree char *mother = fold_at (data->record, "data.mother.full_name");
  const char *dob = cJSON_GetStringValue (ht_record_get_path (data->record, "data.child.date_of_birth"));
  cJSON *out = cJSON_CreateArray ();
  g_autoptr(cJSON) found = NULL;
  cJSON *item;

  if (g_strcmp0 (ht_record_kind_code (data->record), "birth") != 0 || child == NULL || dob == NULL ||
      lookup->find_person == NULL)
    {
      g_task_return_pointer (task, out, (GDestroyNotify) cJSON_Delete);
      return;
    }
  found = lookup->find_person (lookup->user_data, "birth", NULL, NULL, child, dob);
  cJSON_ArrayForEach (item, found)
    {
      g_autofree char *other_child = fold_at (item, "data.child.full_name");
      g_autofree char *other_mother = fold_at (item, "data.mother.full_name");
      const char *other_dob = cJSON_GetStringValue (ht_record_get_path (item, "data.child.date_of_birth"));

      /* The lookup finds anyone of that name and birth date in a birth
       * record (a mother too); a duplicate is the same child of the same
       * mother. */
      if (g_strcmp0 (ht_record_id (item), ht_record_id (data->record)) == 0 ||
          g_strcmp0 (ht_record_status (item), "registered") != 0 ||
          g_strcmp0 (other_child, child) != 0 || g_strcmp0 (other_dob, dob) != 0 ||
          g_strcmp0 (other_mother, mother) != 0)
        continue;
      cJSON_AddItemToArray (out, cJSON_Duplicate (item, TRUE));
    }
  g_task_return_pointer (task, out, (GDestroyNotify) cJSON_Delete);
}

void
ht_task_duplicates_async (HtStore             *store,
                          const cJSON         *record,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->record = cJSON_Duplicate (record, TRUE);
  task = new_task (store, ht_task_duplicates_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, duplicates_worker);
}

cJSON *
ht_task_duplicates_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Counts and checks ---- */

static void
counts_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const HtKind *const *kinds = ht_kinds_all ();
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (guint64));

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      guint64 n = ht_store_count (source_object, kinds[i]->code);
      g_array_append_val (counts, n);
    }
  g_task_return_pointer (task, counts, (GDestroyNotify) g_array_unref);
}

void
ht_task_counts_async (HtStore             *store,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (store, ht_task_counts_async, g_new0 (TaskData, 1),
                                    cancellable, callback, user_data);

  g_task_run_in_thread (task, counts_worker);
}

GArray *
ht_task_counts_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
check_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *problems = NULL;
  GError *error = NULL;

  if (ht_store_check (source_object, &problems, &error))
    {
      g_clear_pointer (&problems, g_ptr_array_unref);
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_free), (GDestroyNotify) g_ptr_array_unref);
    }
  else if (problems != NULL && problems->len > 0)
    {
      g_clear_error (&error);
      g_task_return_pointer (task, problems, (GDestroyNotify) g_ptr_array_unref);
    }
  else
    {
      g_clear_pointer (&problems, g_ptr_array_unref);
      g_task_return_error (task, error);
    }
}

void
ht_task_check_async (HtStore             *store,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (store, ht_task_check_async, g_new0 (TaskData, 1),
                                    cancellable, callback, user_data);

  g_task_run_in_thread (task, check_worker);
}

GPtrArray *
ht_task_check_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Pages of list rows ---- */

void
ht_row_page_free (HtRowPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_pointer (&page->titles, g_ptr_array_unref);
  g_free (page);
}

static void
row_page_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(HtRowPage) page = g_new0 (HtRowPage, 1);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  page->rows = ht_store_list_rows (source_object, data->rids, data->n, &error);
  if (page->rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A row shows who the record is about, which only its content says. */
  page->titles = g_ptr_array_new_full (page->rows->len, g_free);
  for (guint i = 0; i < page->rows->len; i++)
    {
      HtListRow *row = page->rows->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(cJSON) record = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      record = ht_store_get (source_object, row->id, &local_error);
      g_ptr_array_add (page->titles, record != NULL ? ht_labels_record_title (record) : g_strdup ("?"));
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) ht_row_page_free);
}

void
ht_task_row_page_async (HtStore             *store,
                        const gint64        *rids,
                        guint                n,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->rids = g_memdup2 (rids, sizeof (gint64) * n);
  data->n = n;
  task = new_task (store, ht_task_row_page_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, row_page_worker);
}

HtRowPage *
ht_task_row_page_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(HtRowPage) page = g_new0 (HtRowPage, 1);
  g_autoptr(GPtrArray) records = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  records = ht_store_search (source_object, data->path, data->id, data->n, &error);
  if (records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  page->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ht_list_row_free);
  page->titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < records->len; i++)
    {
      const cJSON *record = records->pdata[i];
      g_autoptr(GError) local_error = NULL;
      HtListRow *row;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* The envelope row adds what only the register knows (sync state). */
      row = ht_store_list_row (source_object, ht_record_id (record), &local_error);
      if (row == NULL)
        continue;
      g_ptr_array_add (page->rows, row);
      g_ptr_array_add (page->titles, ht_labels_record_title (record));
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) ht_row_page_free);
}

void
ht_task_search_async (HtStore             *store,
                      const char          *query,
                      const char          *kind,
                      guint                limit,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->path = g_strdup (query);
  data->id = g_strdup (kind);
  data->n = limit;
  task = new_task (store, ht_task_search_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, search_worker);
}

HtRowPage *
ht_task_search_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
years_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  GArray *years = ht_store_list_years (source_object, data->id, &error);

  if (years != NULL)
    g_task_return_pointer (task, years, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

void
ht_task_years_async (HtStore             *store,
                     const char          *kind,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TaskData *data = g_new0 (TaskData, 1);
  g_autoptr(GTask) task = NULL;

  data->id = g_strdup (kind);
  task = new_task (store, ht_task_years_async, data, cancellable, callback, user_data);
  g_task_run_in_thread (task, years_worker);
}

GArray *
ht_task_years_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Errors a clerk can act on ---- */

char *
ht_task_error_advice (const GError *error)
{
  const char *advice = NULL;

  if (error == NULL)
    return g_strdup ("");
  if (error->domain == HT_ERROR)
    {
      switch ((HtError) error->code)
        {
        case HT_ERROR_CORRUPT:
          advice = _("The register file is damaged. Do not keep working on it: ask the technician to run "
                     "“hotich-admin check” and to restore the latest backup (“hotich-admin restore”).");
          break;
        case HT_ERROR_IO:
          advice = _("Check that the disk is not full and that the register file can be written, then try "
                     "again. Nothing was lost: the form is kept as it was.");
          break;
        case HT_ERROR_DATABASE:
          advice = _("Another program may be using the register. Close it (or wait a moment) and try again. "
                     "The form is kept as it was.");
          break;
        case HT_ERROR_PERMISSION:
          advice = _("This is not allowed for this record or for your account.");
          break;
        case HT_ERROR_CONFLICT:
          advice = _("Open the record again to see its latest version, or save a draft and sync.");
          break;
        case HT_ERROR_FAILED:
        case HT_ERROR_INVALID:
        case HT_ERROR_NOT_FOUND:
        case HT_ERROR_EXISTS:
        case HT_ERROR_CANCELLED:
        default:
          break;
        }
    }
  if (advice == NULL)
    return g_strdup (error->message);
  return g_strdup_printf ("%s\n\n%s", error->message, advice);
}
