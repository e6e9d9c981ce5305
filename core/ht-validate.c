/* ht-validate.c — the generic validation engine, in one pass or in two (bulk import).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that follows from a field's description alone (required-ness,
 * dates, codes, ID documents, personal ID numbers, administrative units,
 * references, ethnicity) is checked here, once for every kind; what is
 * particular to a kind is in its rule functions (ht-kind-*.c).
 */
#define G_LOG_DOMAIN "ht-validate"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ht-date.h"
#include "ht-kinds-private.h"
#include "ht-pin.h"
#include "ht-record.h"
#include "ht-units.h"
#include "ht-validate.h"

void
ht_validate_options_init (HtValidateOptions *options)
{
  memset (options, 0, sizeof *options);
  ht_date_today (&options->today);
}

/* ---- Generic checks ---- */

/* A check left for the second pass of a two-pass validation: a reference
 * to resolve ("rule" NULL) or a rule that asked the register. */
typedef struct
{
  guint         position;  /* where in the issue list its findings go */
  const HtRule *rule;
  const cJSON  *ref;
  char         *path;
} Deferred;

/* Deferred checks held without allocating: a record has a few. */
#define INLINE_DEFERRED 8

struct _HtValidation
{
  /* In the order ht_validate() runs them; "items" is "inline_items" or,
   * past INLINE_DEFERRED, a larger array of its own. */
  guint     n;
  guint     allocated;
  Deferred *items;
  Deferred  inline_items[INLINE_DEFERRED];
};

static void
defer (HtValidation   *v,
       const Deferred *d)
{
  if (v->n == v->allocated)
    {
      Deferred *larger = g_new (Deferred, v->allocated * 2);

      memcpy (larger, v->items, v->n * sizeof *larger);
      if (v->items != v->inline_items)
        g_free (v->items);
      v->items = larger;
      v->allocated *= 2;
    }
  v->items[v->n++] = *d;
}

typedef struct
{
  const cJSON             *record;
  const HtKind            *kind;
  const HtValidateOptions *options;
  HtIssues                *issues;
  GDate                    registered_on;
  /* The record's data, found once for all the rules. */
  const cJSON             *data;
  /* In a first pass: where reference checks are put off to. */
  HtValidation            *deferring;
} Check;

static void check_object (Check *c, const HtField *fields, const cJSON *obj, const char *path);

/* Member paths live on the stack: validation runs on every record of a
 * bulk import and should not allocate per field. */
#define HT_PATH_BUF 512

static const char *
join_path (char       *buf,
           const char *path,
           const char *name,
           const char *suffix)
{
  gsize a = strlen (path), b = strlen (name), s = suffix ? strlen (suffix) : 0;

  if (a + b + s + 2 > HT_PATH_BUF)
    return name;
  memcpy (buf, path, a);
  buf[a] = '.';
  memcpy (buf + a + 1, name, b);
  memcpy (buf + a + 1 + b, suffix ? suffix : "", s);
  buf[a + 1 + b + s] = '\0';
  return buf;
}

static void
check_date_bounds (Check         *c,
                   const HtField *f,
                   const cJSON   *v,
                   const char    *path)
{
  GDate d;

  if (!cJSON_IsString (v) || !ht_date_parse (v->valuestring, &d))
    return;
  /* Only dates of what has happened are bounded: a posting's last day or a
   * certificate's validity may lie ahead. */
  if (!(f->flags & HT_F_NOT_FUTURE))
    return;
  if (g_date_valid (&c->options->today) && g_date_compare (&d, &c->options->today) > 0)
    ht_issues_add (c->issues, path, "future_date", HT_SEVERITY_ERROR,
                   _("%s is in the future"), v->valuestring);
  else if (g_date_valid (&c->registered_on) &&
           g_date_compare (&d, &c->registered_on) > 0)
    ht_issues_add (c->issues, path, "after_registration", HT_SEVERITY_ERROR,
                   _("%s is after the registration date"), v->valuestring);
}

/* Year of birth of the person object holding a field, or 0. */
static int
person_birth_year (const cJSON *person)
{
  const cJSON *dob = _ht_json_member (person, "date_of_birth");
  const cJSON *year = _ht_json_member (person, "birth_year");
  GDate d;

  if (cJSON_IsString (dob) && ht_date_parse (dob->valuestring, &d))
    return g_date_get_year (&d);
  if (cJSON_IsNumber (year))
    return (int) year->valuedouble;
  return 0;
}

static void
check_pin (Check       *c,
           const cJSON *v,
           const cJSON *person,
           const char  *path)
{
  const cJSON *sex = _ht_json_member (person, "sex");
  HtPinCheck r = ht_pin_check (v->valuestring, cJSON_IsString (sex) ? sex->valuestring : NULL,
                               person_birth_year (person));

  if (r != HT_PIN_OK)
    ht_issues_add (c->issues, path, "invalid_pin", HT_SEVERITY_ERROR, "%s", ht_pin_check_message (r));
}

static gboolean
all_digits (const char *s,
            gsize       min,
            gsize       max)
{
  gsize n = strlen (s);
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return n >= min && n <= max;
}

/* KINDS.md §1.2: the number's shape by document type, and = pin. */
static void
check_id_document (Check       *c,
                   const cJSON *doc,
                   const cJSON *person,
                   const char  *path)
{
  const cJSON *type = _ht_json_member (doc, "type");
  const cJSON *number = _ht_json_member (doc, "number");
  const cJSON *pin = _ht_json_member (person, "pin");
  g_autofree char *npath = g_strconcat (path, ".number", NULL);
  const char *t, *n;

  if (!cJSON_IsString (type) || !cJSON_IsString (number))
    return;
  t = type->valuestring;
  n = number->valuestring;
  if (g_str_equal (t, "cccd") || g_str_equal (t, "can_cuoc") || g_str_equal (t, "e_id"))
    {
      if (!all_digits (n, 12, 12))
        ht_issues_add (c->issues, npath, "invalid_document_number", HT_SEVERITY_ERROR,
                       _("an identity card number has exactly 12 digits"));
      else if (cJSON_IsString (pin) && strcmp (pin->valuestring, n) != 0)
        ht_issues_add (c->issues, npath, "pin_mismatch", HT_SEVERITY_ERROR,
                       _("the identity card number must equal the personal ID number"));
      else
        {
          HtPinCheck r = ht_pin_check (n, NULL, 0);
          if (r != HT_PIN_OK)
            ht_issues_add (c->issues, npath, "invalid_document_number", HT_SEVERITY_ERROR,
                           "%s", ht_pin_check_message (r));
        }
    }
  else if (g_str_equal (t, "cmnd"))
    {
      if (!all_digits (n, 9, 9) && !all_digits (n, 12, 12))
        ht_issues_add (c->issues, npath, "invalid_document_number", HT_SEVERITY_ERROR,
                       _("an identity card (CMND) number has 9 or 12 digits"));
    }
  else if (g_str_equal (t, "passport"))
    {
      gsize len = strlen (n);
      gboolean ok = len >= 6 && len <= 12;
      for (const char *p = n; *p && ok; p++)
        ok = g_ascii_isalnum (*p);
      if (!ok)
        ht_issues_add (c->issues, npath, "invalid_document_number", HT_SEVERITY_ERROR,
                       _("a passport number has 6 to 12 letters or digits"));
    }
  else if (*n == '\0')
    ht_issues_add (c->issues, npath, "required", HT_SEVERITY_ERROR, _("is required"));
}

/* KINDS.md §1.3: unit codes exist in their dataset, inside each other. */
static void
check_unit (Check       *c,
            const cJSON *unit,
            const char  *path)
{
  const cJSON *as_of = _ht_json_member (unit, "as_of");
  const cJSON *prov = _ht_json_member (unit, "province");
  const cJSON *dist = _ht_json_member (unit, "district");
  const cJSON *comm = _ht_json_member (unit, "commune");
  HtUnitsDataset ds;
  const HtUnit *p = NULL, *d = NULL, *m = NULL;

  if (!cJSON_IsString (as_of) || !ht_units_dataset_from_name (as_of->valuestring, &ds))
    return;

  if (cJSON_IsString (prov) && (p = ht_units_lookup (ds, HT_UNIT_PROVINCE, prov->valuestring)) == NULL)
    ht_issues_add (c->issues, path, "unknown_unit", HT_SEVERITY_ERROR,
                   _("province code %s does not exist in the %s units"), prov->valuestring, as_of->valuestring);
  if (cJSON_IsString (dist))
    {
      if (ds != HT_UNITS_2025_03_01)
        ht_issues_add (c->issues, path, "unknown_unit", HT_SEVERITY_ERROR,
                       _("districts exist only in the 2025-03-01 (3-level) units"));
      else if ((d = ht_units_lookup (ds, HT_UNIT_DISTRICT, dist->valuestring)) == NULL)
        ht_issues_add (c->issues, path, "unknown_unit", HT_SEVERITY_ERROR,
                       _("district code %s does not exist in the %s units"), dist->valuestring, as_of->valuestring);
      else if (p != NULL && g_strcmp0 (d->province, p->code) != 0)
        ht_issues_add (c->issues, path, "unit_mismatch", HT_SEVERITY_ERROR,
                       _("district %s is not in province %s"), d->code, p->code);
    }
  if (cJSON_IsString (comm))
    {
      if ((m = ht_units_lookup (ds, HT_UNIT_COMMUNE, comm->valuestring)) == NULL)
        ht_issues_add (c->issues, path, "unknown_unit", HT_SEVERITY_ERROR,
                       _("commune code %s does not exist in the %s units"), comm->valuestring, as_of->valuestring);
      else if (p != NULL && g_strcmp0 (m->province, p->code) != 0)
        ht_issues_add (c->issues, path, "unit_mismatch", HT_SEVERITY_ERROR,
                       _("commune %s is not in province %s"), m->code, p->code);
      else if (d != NULL && g_strcmp0 (m->district, d->code) != 0)
        ht_issues_add (c->issues, path, "unit_mismatch", HT_SEVERITY_ERROR,
                       _("commune %s is not in district %s"), m->code, d->code);
    }
  if (ds == HT_UNITS_2025_03_01 && g_date_valid (&c->registered_on))
    {
      GDate reform;
      g_date_set_dmy (&reform, 1, G_DATE_JULY, 2025);
      if (g_date_compare (&c->registered_on, &reform) >= 0)
        ht_issues_add (c->issues, path, "old_units", HT_SEVERITY_WARNING,
                       _("3-level units of 2025-03-01 used for a registration after the 2025 reform"));
    }
}

/* KINDS.md §1.4: a known record must resolve and not be revoked. */
static void
check_ref (Check       *c,
           const cJSON *ref,
           const char  *path)
{
  g_autoptr(cJSON) target = NULL;

  if (cJSON_HasObjectItem (ref, "office_name") || cJSON_HasObjectItem (ref, "title"))
    return; /* an entry outside the system, or a paper */
  if (c->options->lookup == NULL || c->options->lookup->resolve_ref == NULL)
    return;
  if (c->deferring != NULL)
    {
      Deferred d = { c->issues->len, NULL, ref, g_strdup (path) };
      defer (c->deferring, &d);
      return;
    }
  target = c->options->lookup->resolve_ref (c->options->lookup->user_data, ref);
  if (target == NULL)
    ht_issues_add (c->issues, path, "ref_unresolved", HT_SEVERITY_WARNING,
                   _("the referenced registration is not in this register"));
  else if (g_strcmp0 (ht_record_status (target), "revoked") == 0)
    ht_issues_add (c->issues, path, "ref_revoked", HT_SEVERITY_ERROR,
                   _("the referenced registration has been revoked"));
}

static gboolean
is_blank (const cJSON *v)
{
  if (v == NULL || cJSON_IsNull (v))
    return TRUE;
  if (cJSON_IsString (v))
    {
      for (const char *p = v->valuestring; *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

static void
check_field (Check         *c,
             const HtField *f,
             const cJSON   *v,
             const cJSON   *container,
             const char    *path)
{
  switch (f->type)
    {
    case HT_T_TEXT:
      {
        guint max = f->max_len ? f->max_len : 1000;
        /* A text has no more characters than bytes: only a long one is
         * counted (counting every text was a tenth of validating). */
        glong len = strlen (v->valuestring) > max ? g_utf8_strlen (v->valuestring, -1) : 0;
        if (len > (glong) max)
          ht_issues_add (c->issues, path, (f->flags & HT_F_SEARCH_NAME) ? "name_too_long" : "too_long",
                         (f->flags & HT_F_SEARCH_NAME) ? HT_SEVERITY_WARNING : HT_SEVERITY_ERROR,
                         _("is %ld characters long, more than %u"), len, max);
        if ((f->flags & HT_F_ETHNICITY) && !is_blank (v) && !ht_ethnicity_known (v->valuestring))
          ht_issues_add (c->issues, path, "unknown_ethnicity", HT_SEVERITY_WARNING,
                         _("\"%s\" is not one of the 54 ethnic groups of Viet Nam"), v->valuestring);
      }
      break;
    case HT_T_DATE:
      check_date_bounds (c, f, v, path);
      break;
    case HT_T_LOCAL_DATETIME:
      {
        GDate d;
        int minutes;
        if (!ht_local_datetime_parse (v->valuestring, &d, &minutes))
          break;
        if (g_date_valid (&c->options->today) && g_date_compare (&d, &c->options->today) > 0)
          ht_issues_add (c->issues, path, "future_date", HT_SEVERITY_ERROR,
                         _("%s is in the future"), v->valuestring);
        else if ((f->flags & HT_F_NOT_FUTURE) && g_date_valid (&c->registered_on) &&
                 g_date_compare (&d, &c->registered_on) > 0)
          ht_issues_add (c->issues, path, "after_registration", HT_SEVERITY_ERROR,
                         _("%s is after the registration date"), v->valuestring);
      }
      break;
    case HT_T_CODE:
      if (f->flags & HT_F_PIN)
        check_pin (c, v, container, path);
      break;
    case HT_T_OBJECT:
      check_object (c, f->children, v, path);
      if (f->children == ht_shape_id_document)
        check_id_document (c, v, container, path);
      break;
    case HT_T_LIST:
    case HT_T_TEXT_LIST:
      {
        int n = cJSON_GetArraySize (v);
        if ((guint) n < f->min_items)
          ht_issues_add (c->issues, path, "too_few",
                         ((f->flags & HT_F_EVIDENCE) && c->options->digitised) ? HT_SEVERITY_WARNING
                                                                              : HT_SEVERITY_ERROR,
                         g_dngettext (GETTEXT_PACKAGE, "needs at least %u entry", "needs at least %u entries",
                                      f->min_items), f->min_items);
        if (f->type == HT_T_LIST)
          for (int i = 0; i < n; i++)
            {
              g_autofree char *ipath = g_strdup_printf ("%s[%d]", path, i);
              check_object (c, f->children, cJSON_GetArrayItem (v, i), ipath);
            }
      }
      break;
    case HT_T_REF:
      check_object (c, ht_ref_shape (v), v, path);
      check_ref (c, v, path);
      break;
    case HT_T_REF_OR_PAPER:
      if (cJSON_HasObjectItem (v, "title"))
        check_object (c, ht_shape_paper, v, path);
      else
        {
          check_object (c, ht_ref_shape (v), v, path);
          check_ref (c, v, path);
        }
      break;
    case HT_T_EVENT_DATA:
      {
        const cJSON *event = _ht_json_member (container, "event");
        const HtKind *ekind = cJSON_IsString (event) ? ht_foreign_event_kind (event->valuestring) : NULL;
        const cJSON *outer = c->record;
        cJSON *inner = cJSON_CreateObject ();

        /* Conditions inside event_data speak of the noted event: "/path"
         * is relative to event_data and "$registration_type" is the event
         * kind's ordinary one, as if it had been registered here. */
        if (ekind != NULL)
          cJSON_AddStringToObject (inner, "registration_type", ekind->registration_types[0]);
        cJSON_AddItemReferenceToObject (inner, "data", (cJSON *) v);
        c->record = inner;
        check_object (c, ekind ? ekind->fields : ht_shape_event_subjects, v, path);
        c->record = outer;
        cJSON_Delete (inner);
      }
      break;
    default:
      break;
    }
}

/* Fills "values" (one slot per field of "fields", NULL when absent) and
 * "units" (a place's "<name>_unit" member, or NULL) from the members of
 * "obj".  A canonical object has its members in the order of its fields,
 * a unit right after its place, and the names are mostly the registry's
 * own strings: one walk over both, comparing pointers first, matches them.
 * When a member is left over (out of order, repeated, unknown) the
 * members are looked up by name instead, the first of repeated members
 * winning, as with cJSON_GetObjectItemCaseSensitive().  Returns FALSE for
 * lists too long to index. */
static gboolean
members_by_field (const HtField  *fields,
                  const cJSON    *obj,
                  const cJSON   **values,
                  const cJSON   **units)
{
  const HtFieldIndex *index = _ht_field_index (fields);
  const cJSON *m = obj->child;

  if (index->n > HT_MAX_INDEXED_FIELDS)
    return FALSE;
  memset (values, 0, index->n * sizeof *values);
  memset (units, 0, index->n * sizeof *units);
  if (index->walkable)
    {
      for (guint i = 0; i < index->n && m != NULL; i++)
        {
          if (m->string != NULL &&
              (m->string == fields[i].name ||
               (m->string[0] == fields[i].name[0] && strcmp (m->string, fields[i].name) == 0)))
            {
              values[i] = m;
              m = m->next;
            }
          if ((fields[i].flags & HT_F_PLACE) && m != NULL && m->string != NULL &&
              _ht_is_unit_of (m->string, fields[i].name))
            {
              units[i] = m;
              m = m->next;
            }
        }
      if (m == NULL)
        return TRUE;
      memset (values, 0, index->n * sizeof *values);
    }
  for (m = obj->child; m != NULL; m = m->next)
    {
      guint i = m->string != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (index->slots, m->string)) : 0;

      /* Slots past n are places' "_unit" members, which go to "units" below. */
      if (i > 0 && i <= index->n && values[i - 1] == NULL)
        values[i - 1] = m;
    }
  for (guint i = 0; i < index->n; i++)
    if (fields[i].flags & HT_F_PLACE)
      {
        char uname[HT_PATH_BUF];

        if (g_snprintf (uname, sizeof uname, "%s_unit", fields[i].name) < (int) sizeof uname)
          units[i] = _ht_json_member (obj, uname);
        else
          units[i] = NULL;
      }
  return TRUE;
}

static void
check_object (Check         *c,
              const HtField *fields,
              const cJSON   *obj,
              const char    *path)
{
  const cJSON *values[HT_MAX_INDEXED_FIELDS];
  const cJSON *units[HT_MAX_INDEXED_FIELDS];
  gboolean indexed;
  gboolean event_data;

  if (fields == NULL || !cJSON_IsObject (obj))
    return;

  indexed = members_by_field (fields, obj, values, units);
  event_data = g_str_has_suffix (path, "event_data");
  for (const HtField *f = fields; f->name != NULL; f++)
    {
      const cJSON *v = indexed ? values[f - fields] : _ht_json_member (obj, f->name);
      char fbuf[HT_PATH_BUF];
      const char *fpath = NULL;
      gboolean required;

      if (event_data && ht_foreign_event_excludes (f->name))
        continue;
      if (is_blank (v))
        {
          /* The condition is only evaluated, and the path only made,
           * for a field that is missing. */
          required = f->req == HT_REQ_YES ||
                     (f->req == HT_REQ_COND && f->when != NULL && ht_kinds_eval_when (f->when, c->record, obj));
          if (required && !(f->flags & HT_F_DERIVED))
            {
              HtSeverity sev = ((f->flags & HT_F_EVIDENCE) && c->options->digitised)
                               ? HT_SEVERITY_WARNING : HT_SEVERITY_ERROR;
              ht_issues_add (c->issues, join_path (fbuf, path, f->name, NULL), "required", sev, _("is required"));
            }
          continue;
        }
      fpath = join_path (fbuf, path, f->name, NULL);
      check_field (c, f, v, obj, fpath);

      if (f->flags & HT_F_PLACE)
        {
          char ubuf[HT_PATH_BUF];
          const char *upath = join_path (ubuf, path, f->name, "_unit");
          const cJSON *u = indexed ? units[f - fields]
                                   : _ht_json_member (obj, strrchr (upath, '.') ? strrchr (upath, '.') + 1 : upath);
          if (cJSON_IsObject (u))
            check_unit (c, u, upath);
        }
    }
}

static void
check_envelope (Check *c)
{
  const cJSON *r = c->record;
  const char *status = ht_record_status (r);
  const char *office = ht_record_office (r);
  const cJSON *registered_on = _ht_json_member (r, "registered_on");
  const cJSON *signer = _ht_json_member (r, "signer");
  const cJSON *pin = _ht_json_member (r, "pin");
  gint64 book_year = ht_record_book_year (r);
  gboolean draft = g_strcmp0 (status, "draft") == 0;

  if (!draft && !cJSON_IsString (registered_on))
    ht_issues_add (c->issues, "registered_on", "required", HT_SEVERITY_ERROR, _("is required"));
  if (g_date_valid (&c->registered_on) && g_date_valid (&c->options->today) &&
      g_date_compare (&c->registered_on, &c->options->today) > 0)
    ht_issues_add (c->issues, "registered_on", "future_date", HT_SEVERITY_ERROR,
                   _("%s is in the future"), registered_on->valuestring);

  if (!draft && !cJSON_IsObject (signer))
    ht_issues_add (c->issues, "signer", "required", HT_SEVERITY_ERROR,
                   _("is required: the name and position of who signs the paper"));
  else if (cJSON_IsObject (signer))
    {
      const HtField *sf = NULL;
      for (const HtField *f = ht_envelope_fields; f->name; f++)
        if (g_str_equal (f->name, "signer"))
          sf = f;
      check_object (c, sf->children, signer, "signer");
    }

  if (office != NULL)
    {
      HtUnitsDataset ds = g_date_valid (&c->registered_on) ? ht_units_dataset_on (&c->registered_on)
                                                          : HT_UNITS_2026_04_30;
      if (ht_units_lookup (ds, HT_UNIT_COMMUNE, office) == NULL)
        ht_issues_add (c->issues, "office", "unknown_office", HT_SEVERITY_ERROR,
                       _("%s is not a commune code in the %s administrative units"),
                       office, ht_units_dataset_name (ds));
      else if (c->options->office != NULL && strcmp (office, c->options->office) != 0)
        ht_issues_add (c->issues, "office", "wrong_office", HT_SEVERITY_ERROR,
                       _("this register belongs to office %s, not %s"), c->options->office, office);
    }

  if (book_year != 0 && g_date_valid (&c->registered_on) && book_year != g_date_get_year (&c->registered_on))
    ht_issues_add (c->issues, "book_year", "book_year_mismatch", HT_SEVERITY_ERROR,
                   _("the book year %" PRId64 " is not the year of the registration date"), book_year);
  if (cJSON_IsNumber (_ht_json_member (r, "number")) && ht_record_number (r) < 1)
    ht_issues_add (c->issues, "number", "invalid_number", HT_SEVERITY_ERROR, _("must be 1 or more"));
  if (cJSON_IsNumber (_ht_json_member (r, "number")) && book_year == 0)
    ht_issues_add (c->issues, "book_year", "required", HT_SEVERITY_ERROR,
                   _("is required with a register number"));
  if (draft && cJSON_IsNumber (_ht_json_member (r, "number")))
    ht_issues_add (c->issues, "number", "draft_numbered", HT_SEVERITY_ERROR,
                   _("a draft is not in the book and has no number"));

  /* The record-level PIN is written by the server only (DESIGN.md field
   * ownership), but whatever comes must still be a well-formed number. */
  if (cJSON_IsString (pin))
    {
      const cJSON *child = ht_record_get_path (r, "data.child");
      check_pin (c, pin, g_str_equal (c->kind->code, "birth") ? child : NULL, "pin");
    }
}

/* Sets up "c" for "record" and runs the checks of the envelope and of
 * the fields; the kind's rules are left to the caller. */
static gboolean
check_start (Check                   *c,
             const cJSON             *record,
             const HtValidateOptions *options,
             HtIssues                *issues,
             HtValidation            *deferring)
{
  memset (c, 0, sizeof *c);
  c->record = record;
  c->kind = ht_record_kind (record);
  c->options = options;
  c->issues = issues;
  c->deferring = deferring;
  ht_record_registered_on (record, &c->registered_on);
  g_return_val_if_fail (c->kind != NULL, FALSE);

  check_envelope (c);
  c->data = ht_record_data (record);
  check_object (c, c->kind->fields, c->data, "data");
  return TRUE;
}

static void
run_rule (Check        *c,
          const HtRule *rule,
          HtIssues     *issues)
{
  HtRuleCtx ctx = {
    .record = c->record,
    .data = c->data,
    .kind = c->kind,
    .rule = rule,
    .options = c->options,
    .issues = issues,
    .registered_on = c->registered_on,
  };

  rule->func (&ctx);
}

HtIssues *
ht_validate (const cJSON             *record,
             const HtValidateOptions *options)
{
  HtValidateOptions defaults;
  HtIssues *issues;
  Check c;

  g_return_val_if_fail (record != NULL, NULL);

  if (options == NULL)
    {
      ht_validate_options_init (&defaults);
      options = &defaults;
    }

  issues = ht_issues_new ();
  if (!check_start (&c, record, options, issues, NULL))
    return issues;
  for (const HtRule *rule = c.kind->rules; rule != NULL && rule->code != NULL; rule++)
    if (rule->func != NULL)
      run_rule (&c, rule, issues);
  return issues;
}

/* ---- Two passes ---- */

/* The lookup of a first pass answers like an empty register and notes
 * that it was asked: the rule that asked is then run again in the second
 * pass, with the real register. */
typedef struct
{
  gboolean asked;
} Probe;

static cJSON *
probe_resolve_ref (gpointer     user_data,
                   const cJSON *ref)
{
  ((Probe *) user_data)->asked = TRUE;
  return NULL;
}

static cJSON *
probe_find_person (gpointer    user_data,
                   const char *kind,
                   const char *pin,
                   const char *doc_number,
                   const char *folded_name,
                   const char *date_of_birth)
{
  ((Probe *) user_data)->asked = TRUE;
  return cJSON_CreateArray ();
}

static cJSON *
probe_find_referencing (gpointer    user_data,
                        const char *id)
{
  ((Probe *) user_data)->asked = TRUE;
  return cJSON_CreateArray ();
}

static void
validation_clear (HtValidation *v)
{
  for (guint i = 0; i < v->n; i++)
    g_free (v->items[i].path);
  if (v->items != v->inline_items)
    g_free (v->items);
}

HtValidation *
ht_validation_new (void)
{
  HtValidation *v = g_new0 (HtValidation, 1);

  v->allocated = INLINE_DEFERRED;
  v->items = v->inline_items;
  return v;
}

void
ht_validation_free (HtValidation *validation)
{
  if (validation == NULL)
    return;
  validation_clear (validation);
  g_free (validation);
}

gboolean
ht_validate_begin (HtValidation            *v,
                   const cJSON             *record,
                   const HtValidateOptions *options,
                   HtIssues                *issues)
{
  Probe probe = { FALSE };
  HtLookup lookup = { &probe, probe_resolve_ref, probe_find_person, probe_find_referencing };
  HtValidateOptions probing;
  Check c;

  g_return_val_if_fail (v != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (issues != NULL, FALSE);

  /* What the last record left is forgotten; the storage is kept. */
  for (guint i = 0; i < v->n; i++)
    g_clear_pointer (&v->items[i].path, g_free);
  v->n = 0;
  probing = *options;
  probing.lookup = &lookup;
  if (!check_start (&c, record, &probing, issues, v))
    return FALSE;
  for (const HtRule *rule = c.kind->rules; rule != NULL && rule->code != NULL; rule++)
    {
      guint before = issues->len;

      if (rule->func == NULL)
        continue;
      probe.asked = FALSE;
      run_rule (&c, rule, issues);
      /* What the rule found without the register's answers does not
       * count: it runs again in the second pass. */
      if (probe.asked)
        {
          Deferred d = { before, rule, NULL, NULL };

          g_ptr_array_remove_range (issues, before, issues->len - before);
          defer (v, &d);
        }
    }
  return v->n > 0;
}

void
ht_validate_finish (HtValidation            *validation,
                    const cJSON             *record,
                    const HtValidateOptions *options,
                    HtIssues                *issues)
{
  guint shift = 0, n;
  Check c;

  g_return_if_fail (record != NULL && options != NULL && issues != NULL);
  if (validation == NULL)
    return;

  memset (&c, 0, sizeof c);
  c.record = record;
  c.kind = ht_record_kind (record);
  c.data = ht_record_data (record);
  c.options = options;
  ht_record_registered_on (record, &c.registered_on);
  g_return_if_fail (c.kind != NULL);

  for (guint i = 0; i < validation->n; i++)
    {
      Deferred *d = &validation->items[i];
      g_autoptr(HtIssues) found = ht_issues_new ();

      c.issues = found;
      if (d->rule != NULL)
        run_rule (&c, d->rule, found);
      else
        check_ref (&c, d->ref, d->path);
      /* Each finding goes where the one-pass validation put it. */
      n = found->len;
      for (guint j = 0; j < n; j++)
        g_ptr_array_insert (issues, (gint) (d->position + shift + j), g_ptr_array_steal_index (found, 0));
      shift += n;
    }
}
