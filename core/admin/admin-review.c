/* admin-review.c — hotich-admin review and amend: the reviewer's decisions
 * and the clerk's amendments, for scripts (docs/review.md).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   review list [--state S] [--office C] [--kind K] [--from D] [--to D] [--limit N] [--json]
 *   review approve ID
 *   review return ID --comment TEXT
 *   review reject ID --reason TEXT
 *   amend ID --set PATH=VALUE [--set …] --reason TEXT
 *
 * Decisions are recorded in the reviewer's register and pushed at the next
 * sync; amendments are edits under exactly the rules of the app.
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ht-error.h"
#include "ht-record.h"
#include "ht-store-review.h"
#include "admin.h"

/* The record "key" names (an id, or KIND/YEAR/NUMBER), or NULL after the
 * message is printed. */
static char *
resolve_id (HtStore    *store,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) record = NULL;

  if (!g_utf8_validate (key, -1, NULL))
    {
      admin_error (_("the record key is not valid UTF-8 text"));
      return NULL;
    }
  record = ht_store_lookup (store, key, &error);
  if (record == NULL)
    {
      if (error == NULL)
        admin_error (_("no record %s"), key);
      else
        admin_report_error (ht_store_get_path (store), error);
      return NULL;
    }
  return g_strdup (ht_record_id (record));
}

/* ---- review list ---- */

static void
print_table (GPtrArray *items)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *h_key = _("REGISTRATION");
  const char *h_office = _("OFFICE");
  const char *h_date = _("REGISTERED ON");
  const char *h_name = _("NAME");
  const char *h_state = _("STATE");
  guint w_key = g_utf8_strlen (h_key, -1);
  guint w_office = MAX (5, g_utf8_strlen (h_office, -1));
  guint w_date = MAX (10, g_utf8_strlen (h_date, -1));
  guint w_name = g_utf8_strlen (h_name, -1);
  guint w_state = MAX (11, g_utf8_strlen (h_state, -1));

  for (guint i = 0; i < items->len; i++)
    {
      const HtReviewItem *item = items->pdata[i];
      char *key = g_strdup_printf ("%s/%" PRId64 "/%" PRId64, item->kind, item->book_year, item->number);

      w_key = MAX (w_key, (guint) g_utf8_strlen (key, -1));
      w_name = MAX (w_name, (guint) g_utf8_strlen (item->subject != NULL ? item->subject : "", -1));
      g_ptr_array_add (keys, key);
    }

  admin_print_padded (h_key, w_key + 2);
  admin_print_padded (h_office, w_office + 2);
  admin_print_padded (h_date, w_date + 2);
  admin_print_padded (h_name, w_name + 2);
  admin_print_padded (h_state, w_state + 2);
  printf ("%s\n", _("ID"));
  for (guint i = 0; i < items->len; i++)
    {
      const HtReviewItem *item = items->pdata[i];

      admin_print_padded (keys->pdata[i], w_key + 2);
      admin_print_padded (item->office, w_office + 2);
      admin_print_padded (item->registered_on != NULL ? item->registered_on : "–", w_date + 2);
      admin_print_padded (item->subject != NULL ? item->subject : "", w_name + 2);
      admin_print_padded (item->review_state, w_state + 2);
      printf ("%s\n", item->id);
      if (item->review_comment != NULL)
        /* TRANSLATORS: the last decision's comment, under a row of the review list. */
        printf ("    %s %s\n", _("comment:"), item->review_comment);
      if (item->duplicates != NULL)
        for (guint d = 0; item->duplicates[d] != NULL; d++)
          /* TRANSLATORS: under a row of the review list: the record it may duplicate. */
          printf ("    %s %s\n", _("potential duplicate of:"), item->duplicates[d]);
    }
}

static int
review_list (AdminGlobals *globals,
             int           argc,
             char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *office = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint limit = 0;
  gboolean json = FALSE;
  GDate date;
  HtReviewFilter filter = { 0 };
  static const char *const states[] = {
    "pending", "resubmitted", "returned", "approved", "rejected", "potential_duplicate", NULL
  };
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("Only records in this state: pending, resubmitted, returned, approved, rejected or potential_duplicate "
         "(default: pending and resubmitted)"), N_("STATE") },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Only records of this commune"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only records of this kind"), N_("KIND") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Registered on or after this date"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Registered on or before this date"), N_("YYYY-MM-DD") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many records"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One canonical record per line, with its review block"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("review list"),
                                      _("Lists the records of a reviewer's register waiting for a decision (or in "
                                        "the state asked for), oldest registration first."),
                                      entries);
  if (!admin_option_parse (context, "review list", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 1)
    return admin_usage_error ("review list", _("unexpected argument “%s”"), argv[1]);
  if (state != NULL && !g_strv_contains (states, state))
    return admin_usage_error ("review list", _("--state must be one of pending, resubmitted, returned, approved, "
                                               "rejected, potential_duplicate"));
  if (kind != NULL && !admin_check_kind ("review list", "--kind", kind))
    return ADMIN_EXIT_USAGE;
  if (from != NULL && !admin_parse_date_option ("review list", "--from", from, &date))
    return ADMIN_EXIT_USAGE;
  if (to != NULL && !admin_parse_date_option ("review list", "--to", to, &date))
    return ADMIN_EXIT_USAGE;
  if (limit < 0)
    return admin_usage_error ("review list", _("--limit must be a positive number"));
  if (office != NULL && (strlen (office) != 5 || strspn (office, "0123456789") != 5))
    return admin_usage_error ("review list", _("--office must be a commune code of 5 digits"));

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;

  filter.state = state;
  filter.office = office;
  filter.kind = kind;
  filter.from = from;
  filter.to = to;
  filter.limit = (guint) limit;
  items = ht_store_review_list (store, &filter, NULL, &error);
  if (items == NULL)
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }

  if (!json)
    {
      print_table (items);
      return ADMIN_EXIT_OK;
    }
  for (guint i = 0; i < items->len; i++)
    {
      const HtReviewItem *item = items->pdata[i];
      g_autoptr(cJSON) record = ht_store_get (store, item->id, &error);
      g_autofree char *text = NULL;

      if (record == NULL)
        {
          admin_report_error (ht_store_get_path (store), error);
          return ADMIN_EXIT_FAILURE;
        }
      text = ht_record_print (record);
      printf ("%s\n", text);
    }
  return ADMIN_EXIT_OK;
}

/* ---- review approve / return / reject ---- */

static int
review_decide (AdminGlobals *globals,
               const char   *state,
               int           argc,
               char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *user = NULL;
  g_autofree char *id = NULL;
  g_autofree char *command = g_strdup_printf ("review %s", argv[0]);
  gboolean approving = strcmp (state, "approved") == 0;
  gboolean returning = strcmp (state, "returned") == 0;
  const GOptionEntry entries[] = {
    { returning ? "comment" : "reason", 0, 0, G_OPTION_ARG_STRING, &comment,
      returning ? N_("What the commune must correct (required)") : N_("Why the entry is void (required)"),
      N_("TEXT") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The reviewer named in the audit log (default: your login)"),
      N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry approve_entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("An optional remark"), N_("TEXT") },
    entries[1],
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *parameters = g_strdup_printf (approving ? _("%s ID|KIND/YEAR/NUMBER")
                                                 : returning ? _("%s ID|KIND/YEAR/NUMBER --comment TEXT")
                                                 : _("%s ID|KIND/YEAR/NUMBER --reason TEXT"),
                                                 command);

  context = admin_option_context_new (globals, parameters,
                                      _("Records a review decision on the current version of a record in a "
                                        "reviewer's register; it is pushed at the next sync."),
                                      approving ? approve_entries : entries);
  if (!admin_option_parse (context, command, &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error (command, _("give one record id or KIND/YEAR/NUMBER"));
  if (!approving && (comment == NULL || g_strstrip (comment)[0] == '\0'))
    return admin_usage_error (command, returning ? _("--comment is required: say what the commune must correct")
                                                 : _("--reason is required: say why the entry is void"));
  if (user != NULL && (*user == '\0' || !g_utf8_validate (user, -1, NULL)))
    return admin_usage_error (command, _("--user needs a name"));

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  id = resolve_id (store, argv[1]);
  if (id == NULL)
    return ADMIN_EXIT_FAILURE;
  if (!ht_store_review_decide (store, id, state, comment, user != NULL ? user : g_get_user_name (), &error))
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  /* TRANSLATORS: %s is a record id, the second a review state. */
  printf (_("%s: %s; the decision is pushed at the next sync\n"), id, state);
  return ADMIN_EXIT_OK;
}

int
admin_cmd_review (AdminGlobals *globals,
                  int           argc,
                  char        **argv)
{
  const char *sub = argc >= 2 ? argv[1] : NULL;

  if (sub == NULL || strcmp (sub, "--help") == 0 || strcmp (sub, "-h") == 0)
    {
      FILE *out = sub == NULL ? stderr : stdout;

      fprintf (out, "%s\n", _("Usage: hotich-admin review list [--state S] [--json]"));
      fprintf (out, "%s\n", _("       hotich-admin review approve ID"));
      fprintf (out, "%s\n", _("       hotich-admin review return ID --comment TEXT"));
      fprintf (out, "%s\n", _("       hotich-admin review reject ID --reason TEXT"));
      return sub == NULL ? ADMIN_EXIT_USAGE : ADMIN_EXIT_OK;
    }
  /* The subcommand sees its own name as argv[0], as commands do. */
  if (strcmp (sub, "list") == 0)
    return review_list (globals, argc - 1, argv + 1);
  if (strcmp (sub, "approve") == 0)
    return review_decide (globals, "approved", argc - 1, argv + 1);
  if (strcmp (sub, "return") == 0)
    return review_decide (globals, "returned", argc - 1, argv + 1);
  if (strcmp (sub, "reject") == 0)
    return review_decide (globals, "rejected", argc - 1, argv + 1);
  return admin_usage_error ("review", _("unknown subcommand “%s” (list, approve, return, reject)"), sub);
}

/* ---- amend ---- */

int
admin_cmd_amend (AdminGlobals *globals,
                 int           argc,
                 char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_auto(GStrv) sets = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *user = NULL;
  g_autofree char *id = NULL;
  g_autoptr(cJSON) record = NULL;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("Set a field of the content, e.g. data.child.full_name=Nguyễn Văn An (VALUE is JSON when it parses as "
         "JSON, otherwise text; empty removes the field); repeatable"), N_("PATH=VALUE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the record is amended (required)"), N_("TEXT") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The clerk named in the history (default: your login)"),
      N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("amend ID|KIND/YEAR/NUMBER --set PATH=VALUE --reason TEXT"),
                                      _("Edits a registered record's content under the rules of an edit in the "
                                        "app: validated, kept as a new version with its reason, pushed at the "
                                        "next sync. A returned record becomes resubmitted; an approved one cannot "
                                        "be amended (its content changes only through a change record)."),
                                      entries);
  if (!admin_option_parse (context, "amend", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error ("amend", _("give one record id or KIND/YEAR/NUMBER"));
  if (sets == NULL || sets[0] == NULL)
    return admin_usage_error ("amend", _("give at least one --set PATH=VALUE"));
  if (reason == NULL || g_strstrip (reason)[0] == '\0')
    return admin_usage_error ("amend", _("--reason is required: an edit of a registered record needs a reason"));
  if (user != NULL && (*user == '\0' || !g_utf8_validate (user, -1, NULL)))
    return admin_usage_error ("amend", _("--user needs a name"));

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  id = resolve_id (store, argv[1]);
  if (id == NULL)
    return ADMIN_EXIT_FAILURE;

  if (!ht_store_amend (store, id, (const char *const *) sets, reason, user != NULL ? user : g_get_user_name (),
                       issues, &error))
    {
      for (guint i = 0; i < issues->len; i++)
        admin_print_issue (stderr, 0, issues->pdata[i]);
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  for (guint i = 0; i < issues->len; i++)
    admin_print_issue (stderr, 0, issues->pdata[i]);
  record = ht_store_get (store, id, NULL);
  /* TRANSLATORS: %s is a record id, then its new version and review state. */
  printf (_("%s: amended (version %" PRId64 ", review %s)\n"), id,
          record != NULL ? ht_record_content_version (record) : (gint64) 0,
          record != NULL && cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "review"), "state"))
            ? cJSON_GetStringValue (cJSON_GetObjectItem (cJSON_GetObjectItem (record, "review"), "state")) : "?");
  return ADMIN_EXIT_OK;
}
