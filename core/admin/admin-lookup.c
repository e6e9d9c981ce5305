/* admin-lookup.c — hotich-admin search and show: finding records and
 * reading them with their history.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ht-error.h"
#include "ht-record.h"
#include "ht-store-sync.h"
#include "ht-units.h"
#include "admin.h"

/* ---- Text helpers ---- */

static char *
record_key (const cJSON *record)
{
  gint64 year = ht_record_book_year (record);
  gint64 number = ht_record_number (record);
  const char *kind = ht_record_kind_code (record);

  if (year == 0 || number == 0)
    /* TRANSLATORS: a draft has no book number yet. */
    return g_strdup_printf (_("%s/(no number)"), kind);
  return g_strdup_printf ("%s/%" PRId64 "/%" PRId64, kind, year, number);
}

static const char *
string_or (const cJSON *v,
           const char  *fallback)
{
  return cJSON_IsString (v) ? v->valuestring : fallback;
}

/* ---- search ---- */

static void
print_results_table (GPtrArray *results)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *h_key = _("REGISTRATION");
  const char *h_date = _("REGISTERED ON");
  const char *h_name = _("NAME");
  const char *h_status = _("STATUS");
  guint w_key = g_utf8_strlen (h_key, -1);
  guint w_date = MAX (10, g_utf8_strlen (h_date, -1));
  guint w_name = g_utf8_strlen (h_name, -1);

  for (guint i = 0; i < results->len; i++)
    {
      char *key = record_key (results->pdata[i]);
      char *name = ht_record_subject (results->pdata[i]);
      w_key = MAX (w_key, (guint) g_utf8_strlen (key, -1));
      w_name = MAX (w_name, (guint) g_utf8_strlen (name, -1));
      g_ptr_array_add (keys, key);
      g_ptr_array_add (names, name);
    }

  admin_print_padded (h_key, w_key + 2);
  admin_print_padded (h_date, w_date + 2);
  admin_print_padded (h_name, w_name + 2);
  printf ("%s\n", h_status);
  for (guint i = 0; i < results->len; i++)
    {
      const cJSON *record = results->pdata[i];
      admin_print_padded (keys->pdata[i], w_key + 2);
      admin_print_padded (string_or (cJSON_GetObjectItemCaseSensitive (record, "registered_on"), "–"), w_date + 2);
      admin_print_padded (names->pdata[i], w_name + 2);
      printf ("%s\n", string_or (cJSON_GetObjectItemCaseSensitive (record, "status"), ""));
    }
}

int
admin_cmd_search (AdminGlobals *globals,
                  int           argc,
                  char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *query = NULL;
  gboolean json = FALSE;
  int limit = 20;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only records of this kind"), N_("KIND") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N records (default 20)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the canonical records, one per line"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("search QUERY…"),
                                      _("Finds records by a person's name (accents and case do not matter: "
                                        "“nguyen van an” finds “Nguyễn Văn An”), a personal ID number, an "
                                        "ID document number, or KIND/YEAR/NUMBER."),
                                      entries);
  if (!admin_option_parse (context, "search", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc < 2)
    return admin_usage_error ("search", _("give something to search for"));
  if (limit <= 0)
    return admin_usage_error ("search", _("--limit must be a positive number"));
  if (!admin_check_kind ("search", "--kind", kind))
    return ADMIN_EXIT_USAGE;
  /* "search nguyen van an" without quotes means the whole name. */
  query = g_strjoinv (" ", argv + 1);
  if (!g_utf8_validate (query, -1, NULL))
    return admin_usage_error ("search", _("the query is not valid UTF-8 text"));
  if (*g_strstrip (query) == '\0')
    return admin_usage_error ("search", _("give something to search for"));

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  results = ht_store_search (store, query, kind, (guint) limit, &error);
  if (results == NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  if (results->len == 0)
    {
      admin_error (_("no record matches “%s”"), query);
      return ADMIN_EXIT_FAILURE;
    }

  if (json)
    for (guint i = 0; i < results->len; i++)
      {
        g_autofree char *text = ht_record_print (results->pdata[i]);
        printf ("%s\n", text);
      }
  else
    print_results_table (results);

  if (results->len >= (guint) limit)
    fprintf (stderr, ngettext ("(showing the first %d match; --limit shows more)\n",
                               "(showing the first %d matches; --limit shows more)\n", limit),
             limit);
  return ADMIN_EXIT_OK;
}

/* ---- show ---- */

typedef struct
{
  char *path;
  char *value;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->path);
  g_free (row->value);
  g_free (row);
}

static char *
scalar_text (const cJSON *v)
{
  if (cJSON_IsString (v))
    return g_strdup (v->valuestring);
  if (cJSON_IsBool (v))
    return g_strdup (cJSON_IsTrue (v) ? _("yes") : _("no"));
  if (cJSON_IsNumber (v))
    {
      if (v->valuedouble == (double) (gint64) v->valuedouble)
        return g_strdup_printf ("%" PRId64, (gint64) v->valuedouble);
      return g_strdup_printf ("%g", v->valuedouble);
    }
  return NULL;
}

/* Flattens the data object into "path value" rows, every leaf once. */
static void
collect_rows (const cJSON *node,
              const char  *path,
              GPtrArray   *rows)
{
  const cJSON *child;
  guint index = 0;

  if (cJSON_IsObject (node))
    {
      cJSON_ArrayForEach (child, node)
        {
          g_autofree char *sub = g_strconcat (path, ".", child->string, NULL);
          collect_rows (child, sub, rows);
        }
    }
  else if (cJSON_IsArray (node))
    {
      cJSON_ArrayForEach (child, node)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, index++);
          collect_rows (child, sub, rows);
        }
    }
  else
    {
      char *value = scalar_text (node);
      if (value != NULL)
        {
          Row *row = g_new0 (Row, 1);
          row->path = g_strdup (path);
          row->value = value;
          g_ptr_array_add (rows, row);
        }
    }
}

static void
print_field (const char *label,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  printf ("  ");
  admin_print_padded (label, 20);
  printf ("%s\n", value);
}

/* What a technician reads of a record's sync state: the same words as the
 * app's books, with the server's reason for a refusal.  A record with
 * nothing to send is a draft (it stays on this PC) or, on a reviewer's
 * register, a record pulled from the server. */
static char *
sync_text (HtSyncState  state,
           const char  *message)
{
  switch (state)
    {
    case HT_SYNC_STATE_PENDING:
      return g_strdup (_("Waiting to be sent"));
    case HT_SYNC_STATE_SENT:
      return g_strdup (_("Sent"));
    case HT_SYNC_STATE_NEEDS_ATTENTION:
      return message != NULL ? g_strdup_printf ("%s: %s", _("Needs attention"), message)
                             : g_strdup (_("Needs attention"));
    case HT_SYNC_STATE_NONE:
    default:
      return g_strdup (_("Nothing to send"));
    }
}

static const char *
sync_state_name (HtSyncState state)
{
  switch (state)
    {
    case HT_SYNC_STATE_PENDING:
      return "pending";
    case HT_SYNC_STATE_SENT:
      return "sent";
    case HT_SYNC_STATE_NEEDS_ATTENTION:
      return "needs_attention";
    case HT_SYNC_STATE_NONE:
    default:
      return "none";
    }
}

static void
print_record (const cJSON *record,
              const char  *sync)
{
  const HtKind *kind = ht_record_kind (record);
  const char *office = ht_record_office (record);
  const HtUnit *unit = office ? ht_units_office (office) : NULL;
  const cJSON *signer = cJSON_GetObjectItemCaseSensitive (record, "signer");
  const cJSON *review = cJSON_GetObjectItemCaseSensitive (record, "review");
  g_autofree char *key = record_key (record);
  g_autofree char *office_text = NULL;
  g_autofree char *book = NULL;
  g_autofree char *signer_text = NULL;
  g_autofree char *review_text = NULL;
  g_autofree char *version = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  guint width = 0;

  if (kind != NULL)
    printf ("%s — %s (%s)\n", key, kind->title_vi, _(kind->label));
  else
    printf ("%s\n", key);

  office_text = unit ? g_strdup_printf ("%s — %s", office, unit->full_name) : g_strdup (office);
  if (ht_record_number (record) != 0)
    book = g_strdup_printf (_("%s %" PRId64 ", number %" PRId64),
                            kind ? kind->book : "", ht_record_book_year (record), ht_record_number (record));
  if (cJSON_IsObject (signer))
    {
      const char *name = string_or (cJSON_GetObjectItemCaseSensitive (signer, "full_name"), "");
      const char *position = string_or (cJSON_GetObjectItemCaseSensitive (signer, "position"), NULL);
      signer_text = position ? g_strdup_printf ("%s, %s", name, position) : g_strdup (name);
    }
  if (cJSON_IsObject (review))
    {
      const char *state = string_or (cJSON_GetObjectItemCaseSensitive (review, "state"), "");
      const char *comment = string_or (cJSON_GetObjectItemCaseSensitive (review, "comment"), NULL);
      const char *by = string_or (cJSON_GetObjectItemCaseSensitive (review, "by"), NULL);
      const char *at = string_or (cJSON_GetObjectItemCaseSensitive (review, "at"), NULL);
      GString *s = g_string_new (state);
      if (by != NULL)
        g_string_append_printf (s, _(", by %s"), by);
      if (at != NULL)
        g_string_append_printf (s, _(", at %s"), at);
      if (comment != NULL)
        g_string_append_printf (s, ": %s", comment);
      review_text = g_string_free (s, FALSE);
    }
  version = g_strdup_printf ("%" PRId64, ht_record_content_version (record));

  print_field (_("id"), ht_record_id (record));
  print_field (_("office"), office_text);
  print_field (_("book"), book);
  print_field (_("registered on"), string_or (cJSON_GetObjectItemCaseSensitive (record, "registered_on"), NULL));
  print_field (_("status"), ht_record_status (record));
  print_field (_("registration type"), ht_record_registration_type (record));
  print_field (_("signer"), signer_text);
  print_field (_("clerk"), string_or (cJSON_GetObjectItemCaseSensitive (record, "clerk"), NULL));
  print_field (_("personal ID"), string_or (cJSON_GetObjectItemCaseSensitive (record, "pin"), _("(pending)")));
  print_field (_("review"), review_text);
  print_field (_("content version"), version);
  print_field (_("updated at"), string_or (cJSON_GetObjectItemCaseSensitive (record, "updated_at"), NULL));
  print_field (_("sync"), sync);

  collect_rows (ht_record_data (record), "data", rows);
  for (guint i = 0; i < rows->len; i++)
    width = MAX (width, (guint) g_utf8_strlen (((Row *) rows->pdata[i])->path, -1));
  printf ("\n%s\n", _("Data"));
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      printf ("  ");
      admin_print_padded (row->path, width + 2);
      printf ("%s\n", row->value);
    }
}

static void
print_history (const cJSON *history)
{
  const cJSON *entry;
  const char *h_version = _("VERSION");
  const char *h_at = _("AT");
  const char *h_by = _("BY");
  const char *h_reason = _("REASON");
  guint w_by = g_utf8_strlen (h_by, -1);

  cJSON_ArrayForEach (entry, history)
    w_by = MAX (w_by, (guint) g_utf8_strlen (string_or (cJSON_GetObjectItemCaseSensitive (entry, "by"), ""), -1));

  printf ("\n%s\n  ", _("History"));
  admin_print_padded (h_version, 9);
  admin_print_padded (h_at, 22);
  admin_print_padded (h_by, w_by + 2);
  printf ("%s\n", h_reason);
  cJSON_ArrayForEach (entry, history)
    {
      g_autofree char *version = scalar_text (cJSON_GetObjectItemCaseSensitive (entry, "version"));
      printf ("  ");
      admin_print_padded (version ? version : "", 9);
      admin_print_padded (string_or (cJSON_GetObjectItemCaseSensitive (entry, "at"), ""), 22);
      admin_print_padded (string_or (cJSON_GetObjectItemCaseSensitive (entry, "by"), ""), w_by + 2);
      printf ("%s\n", string_or (cJSON_GetObjectItemCaseSensitive (entry, "reason"), ""));
    }
}

int
admin_cmd_show (AdminGlobals *globals,
                int           argc,
                char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(cJSON) record = NULL;
  g_autoptr(cJSON) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_message = NULL;
  HtSyncState sync;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print {\"record\": …, \"history\": […], \"sync\": {…}} as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("show ID|KIND/YEAR/NUMBER"),
                                      _("Shows one record, every field of its content, its history "
                                        "(version, time, user, reason) and its sync state."),
                                      entries);
  if (!admin_option_parse (context, "show", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error ("show", _("give one record id or KIND/YEAR/NUMBER"));
  if (!g_utf8_validate (argv[1], -1, NULL))
    return admin_usage_error ("show", _("the record key is not valid UTF-8 text"));

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  record = ht_store_lookup (store, argv[1], &error);
  if (record == NULL)
    {
      if (error == NULL)
        admin_error (_("no record %s"), argv[1]);
      else
        admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  history = ht_store_history (store, ht_record_id (record), &error);
  if (history == NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  sync = ht_store_sync_record_state (store, ht_record_id (record), &sync_message, &error);
  if (error != NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(cJSON) both = cJSON_CreateObject ();
      cJSON *sync_json;
      char *text;
      cJSON_AddItemToObject (both, "record", g_steal_pointer (&record));
      cJSON_AddItemToObject (both, "history", g_steal_pointer (&history));
      sync_json = cJSON_AddObjectToObject (both, "sync");
      cJSON_AddStringToObject (sync_json, "state", sync_state_name (sync));
      if (sync_message != NULL)
        cJSON_AddStringToObject (sync_json, "message", sync_message);
      text = cJSON_PrintUnformatted (both);
      printf ("%s\n", text);
      cJSON_free (text);
    }
  else
    {
      g_autofree char *sync_line = sync_text (sync, sync_message);
      print_record (record, sync_line);
      print_history (history);
    }
  return ADMIN_EXIT_OK;
}
