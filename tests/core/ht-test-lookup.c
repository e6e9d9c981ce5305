/* ht-test-lookup.c — an in-memory register for rule tests.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <stdio.h>
#include <check.h>

#include "ht-fold.h"
#include "ht-record.h"
#include "ht-test-lookup.h"

struct _HtTestLookup
{
  HtLookup   lookup;
  GPtrArray *records; /* cJSON* */
};

static cJSON *
resolve_ref (gpointer     user_data,
             const cJSON *ref)
{
  HtTestLookup *self = user_data;
  const char *id = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "id"));

  for (guint i = 0; i < self->records->len; i++)
    {
      const cJSON *r = self->records->pdata[i];
      if (id != NULL)
        {
          if (g_strcmp0 (ht_record_id (r), id) == 0)
            return cJSON_Duplicate (r, TRUE);
          continue;
        }
      if (g_strcmp0 (ht_record_kind_code (r), cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "kind"))) == 0 &&
          g_strcmp0 (ht_record_office (r), cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "office"))) == 0 &&
          ht_record_book_year (r) == (gint64) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (ref, "book_year")) &&
          ht_record_number (r) == (gint64) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (ref, "number")))
        return cJSON_Duplicate (r, TRUE);
    }
  return NULL;
}

typedef struct
{
  const char *pin, *doc, *folded, *dob;
  gboolean    found;
} Match;

static void
match_person (const cJSON *o,
              Match       *m)
{
  const cJSON *child;

  if (cJSON_IsArray (o))
    {
      cJSON_ArrayForEach (child, o)
        match_person (child, m);
      return;
    }
  if (!cJSON_IsObject (o))
    return;
  {
    const char *pin = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (o, "pin"));
    const char *doc = cJSON_GetStringValue (ht_record_get_path (o, "id_document.number"));
    const char *name = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (o, "full_name"));
    const char *dob = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (o, "date_of_birth"));

    if (m->pin && (g_strcmp0 (pin, m->pin) == 0 || g_strcmp0 (doc, m->pin) == 0))
      m->found = TRUE;
    if (m->doc && g_strcmp0 (doc, m->doc) == 0)
      m->found = TRUE;
    if (m->folded && name && m->dob && g_strcmp0 (dob, m->dob) == 0)
      {
        g_autofree char *f = ht_fold (name);
        if (g_strcmp0 (f, m->folded) == 0)
          m->found = TRUE;
      }
    if (m->folded && name && m->dob == NULL)
      {
        g_autofree char *f = ht_fold (name);
        if (g_strcmp0 (f, m->folded) == 0)
          m->found = TRUE;
      }
  }
  cJSON_ArrayForEach (child, o)
    if (cJSON_IsObject (child) || cJSON_IsArray (child))
      match_person (child, m);
}

static cJSON *
find_person (gpointer    user_data,
             const char *kind,
             const char *pin,
             const char *doc_number,
             const char *folded_name,
             const char *date_of_birth)
{
  HtTestLookup *self = user_data;
  cJSON *out = cJSON_CreateArray ();

  for (guint i = 0; i < self->records->len; i++)
    {
      const cJSON *r = self->records->pdata[i];
      Match m = { pin, doc_number, folded_name, date_of_birth, FALSE };

      if (kind != NULL && g_strcmp0 (ht_record_kind_code (r), kind) != 0)
        continue;
      if (g_strcmp0 (ht_record_status (r), "registered") != 0)
        continue;
      match_person (ht_record_data (r), &m);
      if (m.found)
        cJSON_AddItemToArray (out, cJSON_Duplicate (r, TRUE));
    }
  return out;
}

static gboolean
refers_to (const cJSON *o,
           const char  *id)
{
  const cJSON *child;

  if (cJSON_IsObject (o) && g_strcmp0 (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (o, "id")), id) == 0)
    return TRUE;
  cJSON_ArrayForEach (child, o)
    if ((cJSON_IsObject (child) || cJSON_IsArray (child)) && refers_to (child, id))
      return TRUE;
  return FALSE;
}

static cJSON *
find_referencing (gpointer    user_data,
                  const char *id)
{
  HtTestLookup *self = user_data;
  cJSON *out = cJSON_CreateArray ();

  for (guint i = 0; i < self->records->len; i++)
    {
      const cJSON *r = self->records->pdata[i];
      if (refers_to (ht_record_data (r), id))
        cJSON_AddItemToArray (out, cJSON_Duplicate (r, TRUE));
    }
  return out;
}

HtTestLookup *
ht_test_lookup_new (void)
{
  HtTestLookup *self = g_new0 (HtTestLookup, 1);

  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  self->lookup.user_data = self;
  self->lookup.resolve_ref = resolve_ref;
  self->lookup.find_person = find_person;
  self->lookup.find_referencing = find_referencing;
  return self;
}

void
ht_test_lookup_free (HtTestLookup *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->records);
  g_free (self);
}

void
ht_test_lookup_add (HtTestLookup *self,
                    const cJSON  *record)
{
  g_ptr_array_add (self->records, cJSON_Duplicate (record, TRUE));
}

const HtLookup *
ht_test_lookup_get (HtTestLookup *self)
{
  return &self->lookup;
}

void
ht_test_dump_issues (HtIssues *issues)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      HtIssue *is = issues->pdata[i];
      fprintf (stderr, "  %s %s: %s: %s\n", is->severity == HT_SEVERITY_ERROR ? "error" : "warning",
               is->field, is->code, is->message);
    }
}

cJSON *
ht_test_parse (const char *json)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  cJSON *r = ht_record_parse (json, -1, issues);

  if (r == NULL)
    ht_test_dump_issues (issues);
  ck_assert_msg (r != NULL, "record did not parse: %s", json);
  return r;
}

HtIssues *
ht_test_validate (const cJSON    *record,
                  const HtLookup *lookup,
                  gboolean        digitised)
{
  HtValidateOptions options;

  HtIssues *issues;

  ht_validate_options_init (&options);
  options.lookup = lookup;
  options.digitised = digitised;
  issues = ht_validate (record, &options);

  /* A bulk import validates in two passes (ht_validate_begin() on a worker
   * without the register, ht_validate_finish() with it): every rule case
   * must find exactly the same, in the same order. */
  {
    g_autoptr(HtValidation) validation = ht_validation_new ();
    g_autoptr(HtIssues) two = ht_issues_new ();

    ht_issues_add (two, "", "before", HT_SEVERITY_WARNING, "an issue found before validation");
    ht_validate_begin (validation, record, &options, two);
    ht_validate_finish (validation, record, &options, two);
    ck_assert_msg (two->len == issues->len + 1, "two passes found %u issues, one pass %u",
                   two->len - 1, issues->len);
    for (guint i = 0; i < issues->len; i++)
      {
        HtIssue *a = issues->pdata[i], *b = two->pdata[i + 1];
        ck_assert_msg (g_str_equal (a->field, b->field) && g_str_equal (a->code, b->code)
                       && a->severity == b->severity && g_str_equal (a->message, b->message),
                       "issue %u: one pass %s %s, two passes %s %s", i, a->field, a->code, b->field, b->code);
      }
  }
  return issues;
}
