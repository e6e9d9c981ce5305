/* ht-labels.c — words for codes: enum values, states, roles, record titles.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kinds registry gives every field its label; enum values are codes of
 * the record format ("cccd", "abandonment_report").  Their words live here,
 * once per value, with the field they belong to where one code means
 * different things in different fields ("other", "medical").
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ht-date.h"
#include "ht-labels.h"
#include "ht-record.h"

typedef struct
{
  const char *context; /* "" (any field), "field", "parent.field" or "kind:registration_type" */
  const char *value;
  const char *label;   /* N_() */
} ValueLabel;

static const ValueLabel value_labels[] = {
  /* Shared by many fields. */
  { "", "male", N_("Male") },
  { "", "female", N_("Female") },
  { "", "father", N_("Father") },
  { "", "mother", N_("Mother") },
  { "", "never_married", N_("Never married") },
  { "", "married", N_("Married") },
  { "", "divorced", N_("Divorced") },
  { "", "widowed", N_("Widowed") },
  { "", "other", N_("Other") },
  { "", "new", N_("New registration") },
  { "", "re-registration", N_("Re-registration") },

  { "id_document.type", "cccd", N_("Citizen identity card (CCCD)") },
  { "id_document.type", "can_cuoc", N_("Identity card (Căn cước)") },
  { "id_document.type", "e_id", N_("Electronic identity (VNeID)") },
  { "id_document.type", "id_certificate", N_("Identity certificate") },
  { "id_document.type", "cmnd", N_("People's identity card (CMND)") },
  { "id_document.type", "passport", N_("Passport") },
  { "id_document.type", "other", N_("Another document") },

  { "parent_unknown", "none", N_("Both parents known") },
  { "parent_unknown", "father", N_("Father unknown") },
  { "parent_unknown", "mother", N_("Mother unknown") },
  { "parent_unknown", "both", N_("Both parents unknown") },

  { "birth_notice.type", "medical", N_("Medical birth certificate") },
  { "birth_notice.type", "witness", N_("Statement of a witness") },
  { "birth_notice.type", "undertaking", N_("Written undertaking") },
  { "birth_notice.type", "abandonment_report", N_("Report of the abandonment") },
  { "birth_notice.type", "surrogacy", N_("Surrogacy birth certificate") },
  { "evidence", "medical", N_("Medical or DNA evidence") },
  { "evidence", "undertaking", N_("Written undertaking with witnesses") },

  { "death_notice.type", "medical", N_("Medical death notice") },
  { "death_notice.type", "execution", N_("Record of an execution") },
  { "death_notice.type", "court", N_("Court decision declaring the death") },
  { "death_notice.type", "police", N_("Police report") },
  { "death_notice.type", "commune", N_("Confirmation by the commune") },
  { "death_notice.type", "other_evidence", N_("Other evidence") },
  { "age_band", "under_1", N_("Under 1 year") },
  { "age_band", "1_to_4", N_("1 to 4 years") },
  { "age_band", "5_plus", N_("5 years or older") },

  { "established_precision", "day", N_("Exact day") },
  { "established_precision", "month", N_("Month and year") },
  { "established_precision", "year", N_("Year only") },

  { "direction", "parent_recognises_child", N_("A parent recognises a child") },
  { "direction", "child_recognises_parent", N_("A child recognises a parent") },

  { "ward_status", "minor", N_("Minor") },
  { "ward_status", "lost_capacity", N_("Has lost civil-act capacity") },
  { "ward_status", "cognitive_difficulty", N_("Has difficulty in cognition and behaviour control") },
  { "reason", "ward_full_capacity", N_("The ward has full capacity") },
  { "reason", "ward_died", N_("The ward has died") },
  { "reason", "parents_able", N_("The parents can exercise their rights again") },
  { "reason", "ward_adopted", N_("The ward was adopted") },
  { "reason", "guardian_change", N_("Change of guardian") },
  { "reason", "other", N_("Another reason") },

  { "purpose", "marriage_domestic", N_("Marriage in Viet Nam") },
  { "purpose", "marriage_abroad", N_("Marriage abroad") },
  { "purpose", "other", N_("Another purpose") },

  { "event", "nationality_change", N_("Change of nationality") },
  { "event", "parentage_determination", N_("Determination of parentage") },
  { "event", "sex_redetermination", N_("Redetermination of sex") },
  { "event", "adoption", N_("Adoption") },
  { "event", "adoption_termination", N_("Termination of an adoption") },
  { "event", "divorce", N_("Divorce") },
  { "event", "marriage_annulment", N_("Annulment of a marriage") },
  { "event", "annulment", N_("Annulment of a marriage") },
  { "event", "marriage_recognition", N_("Recognition of a marriage") },
  { "event", "guardianship_recognition", N_("Recognition of a guardianship") },
  { "event", "declared_missing", N_("Declared missing") },
  { "event", "declared_dead", N_("Declared dead") },
  { "event", "capacity_lost", N_("Loss of civil-act capacity") },
  { "event", "capacity_limited", N_("Limited civil-act capacity") },
  { "event", "birth", N_("Birth") },
  { "event", "marriage", N_("Marriage") },
  { "event", "guardianship", N_("Guardianship") },
  { "event", "parentage", N_("Recognition of parentage") },
  { "event", "change", N_("Change or correction") },
  { "event", "death", N_("Death") },

  { "relationship", "stepparent", N_("Stepfather or stepmother") },
  { "relationship", "aunt_uncle", N_("Aunt or uncle") },
  { "relationship", "other", N_("Another relationship") },
  { "giver.kind", "birth_parents", N_("The birth parents") },
  { "giver.kind", "guardian", N_("The guardian") },
  { "giver.kind", "institution", N_("A care institution") },
  { "consents.by", "birth_father", N_("The birth father") },
  { "consents.by", "birth_mother", N_("The birth mother") },
  { "consents.by", "guardian", N_("The guardian") },
  { "consents.by", "child", N_("The child") },

  /* Registration types, by kind. */
  { "birth:registration_type", "foundling", N_("Abandoned child") },
  { "birth:registration_type", "surrogacy", N_("Birth through surrogacy") },
  { "birth:registration_type", "with_recognition", N_("With recognition of a parent") },
  { "birth:registration_type", "adult_with_documents", N_("Adult with documents") },
  { "marriage:registration_type", "recognition", N_("Recognition of a marriage") },
  { "marriage:registration_type", "redo", N_("Registered again") },
  { "parentage:registration_type", "with_birth", N_("Together with the birth registration") },
  { "guardianship:registration_type", "appointed", N_("Appointed guardian") },
  { "guardianship:registration_type", "statutory", N_("Guardian by law") },
  { "change:registration_type", "change", N_("Change") },
  { "change:registration_type", "correction", N_("Correction") },
  { "change:registration_type", "supplement", N_("Supplement") },
  { "change:registration_type", "ethnicity", N_("Redetermination of ethnicity") },
  { "marital_status:registration_type", "new", N_("New certificate") },
  { "marital_status:registration_type", "reissue", N_("Certificate issued again") },
  { "adoption:registration_type", "de_facto", N_("De facto adoption") },
};

/* The last two members of a data path, indices dropped:
 * "mother.id_document.type" → "id_document.type". */
static void
path_context (const char *path,
              char      **parent_field,
              char      **field)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  *parent_field = *field = NULL;
  if (path == NULL || *path == '\0')
    return;
  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      if (bracket != NULL)
        *bracket = '\0';
    }
  n = g_strv_length (parts);
  *field = g_strdup (parts[n - 1]);
  if (n >= 2)
    *parent_field = g_strconcat (parts[n - 2], ".", parts[n - 1], NULL);
}

static const char *
find_label (const char *context,
            const char *value)
{
  if (context == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (strcmp (value_labels[i].context, context) == 0 && strcmp (value_labels[i].value, value) == 0)
      return _(value_labels[i].label);
  return NULL;
}

const char *
ht_labels_value (const char *kind,
                 const char *path,
                 const char *value)
{
  g_autofree char *parent_field = NULL;
  g_autofree char *field = NULL;
  const char *label;

  if (value == NULL)
    return "";
  path_context (path, &parent_field, &field);
  if (kind != NULL && g_strcmp0 (field, "registration_type") == 0)
    {
      g_autofree char *context = g_strconcat (kind, ":registration_type", NULL);
      if ((label = find_label (context, value)) != NULL)
        return label;
    }
  if ((label = find_label (parent_field, value)) != NULL ||
      (label = find_label (field, value)) != NULL ||
      (label = find_label ("", value)) != NULL)
    return label;
  if (g_strcmp0 (field, "status") == 0)
    return ht_labels_status (value);
  if (g_strcmp0 (parent_field, "review.state") == 0)
    return ht_labels_review_state (value);
  return value;
}

const char *
ht_labels_kind (const char *kind)
{
  const HtKind *k = ht_kinds_lookup (kind);

  return k != NULL ? _(k->label) : (kind != NULL ? kind : "");
}

const char *
ht_labels_status (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (status, "registered") == 0)
    return _("Registered");
  if (g_strcmp0 (status, "revoked") == 0)
    return _("Revoked");
  return status != NULL ? status : "";
}

const char *
ht_labels_review_state (const char *state)
{
  if (g_strcmp0 (state, "pending") == 0)
    return _("Awaiting review");
  if (g_strcmp0 (state, "approved") == 0)
    return _("Approved");
  if (g_strcmp0 (state, "returned") == 0)
    return _("Returned for correction");
  if (g_strcmp0 (state, "resubmitted") == 0)
    return _("Resubmitted");
  if (g_strcmp0 (state, "rejected") == 0)
    return _("Rejected");
  return state != NULL ? state : "";
}

const char *
ht_labels_sync_state (const char *state)
{
  if (g_strcmp0 (state, "pending") == 0)
    return _("Waiting to be sent");
  if (g_strcmp0 (state, "sent") == 0)
    return _("Sent");
  if (g_strcmp0 (state, "needs_attention") == 0)
    return _("Needs attention");
  /* A draft stays on this PC. */
  return _("Not sent (draft)");
}

const char *
ht_labels_role (const char *role)
{
  if (g_strcmp0 (role, "clerk") == 0)
    return _("Clerk");
  if (g_strcmp0 (role, "signer") == 0)
    return _("Signer");
  if (g_strcmp0 (role, "reviewer") == 0)
    return _("Reviewer");
  if (g_strcmp0 (role, "technician") == 0)
    return _("Technician");
  if (g_strcmp0 (role, "admin") == 0)
    return _("Administrator");
  return role != NULL ? role : "";
}

gboolean
ht_role_can_register (const char *role)
{
  return g_strcmp0 (role, "clerk") == 0 || g_strcmp0 (role, "signer") == 0 || g_strcmp0 (role, "admin") == 0;
}

gboolean
ht_role_can_browse (const char *role)
{
  /* A technician runs sync and backups; the records' content is not theirs
   * to read. */
  return role != NULL && g_strcmp0 (role, "technician") != 0;
}

char *
ht_labels_book_number (const char *kind,
                       gint64      book_year,
                       gint64      number)
{
  const HtKind *k = ht_kinds_lookup (kind);

  if (number <= 0)
    return g_strdup (_("Draft"));
  return g_strdup_printf ("%s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                          k != NULL ? k->book : (kind != NULL ? kind : "?"), book_year, number);
}

typedef struct
{
  GPtrArray *names;
} TitleData;

static void
collect_name_cb (const HtField *field,
                 const char    *path,
                 const cJSON   *value,
                 gpointer       user_data)
{
  TitleData *data = user_data;

  if (g_str_has_prefix (path, "data.") && cJSON_IsString (value) && value->valuestring[0] != '\0')
    g_ptr_array_add (data->names, value->valuestring);
}

char *
ht_labels_record_title (const cJSON *record)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  TitleData data = { names };
  const char *kind = ht_record_kind_code (record);

  if (record == NULL)
    return g_strdup ("");
  /* The registry lists the people a record is about first (the child, the
   * spouses, the deceased …), declarants and witnesses after them. */
  ht_record_foreach_flagged (record, HT_F_SEARCH_NAME, collect_name_cb, &data);
  if (names->len == 0)
    return g_strdup (_("(no name yet)"));
  if (g_strcmp0 (kind, "marriage") == 0 && names->len >= 2)
    return g_strdup_printf ("%s – %s", (const char *) names->pdata[0], (const char *) names->pdata[1]);
  return g_strdup (names->pdata[0]);
}

char *
ht_labels_date (const char *iso)
{
  GDate date;
  int minutes = -1;

  if (iso == NULL)
    return NULL;
  if (ht_local_datetime_parse (iso, &date, &minutes))
    {
      g_autofree char *day = ht_date_format_vn (&date);
      if (minutes >= 0)
        return g_strdup_printf ("%s %02d:%02d", day, minutes / 60, minutes % 60);
      return g_steal_pointer (&day);
    }
  return g_strdup (iso);
}

char *
ht_labels_timestamp (const char *rfc3339)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (rfc3339 == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (rfc3339, NULL);
  if (utc == NULL)
    return g_strdup (rfc3339);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

char *
ht_labels_field_value (const char    *kind,
                       const char    *path,
                       const HtField *field,
                       const cJSON   *value)
{
  if (value == NULL || cJSON_IsNull (value))
    return NULL;
  if (cJSON_IsBool (value))
    return g_strdup (cJSON_IsTrue (value) ? _("Yes") : _("No"));
  if (cJSON_IsNumber (value))
    return g_strdup_printf ("%.0f", value->valuedouble);
  if (!cJSON_IsString (value))
    return NULL;
  if (field != NULL && field->type == HT_T_ENUM)
    return g_strdup (ht_labels_value (kind, path, value->valuestring));
  if (field != NULL && (field->type == HT_T_DATE || field->type == HT_T_LOCAL_DATETIME))
    return ht_labels_date (value->valuestring);
  return g_strdup (value->valuestring);
}

/* Walks "path" ("data.items[1].to", "signer.full_name") down the registry,
 * calling "func" on each member with its field (NULL when unknown) and its
 * list index (-1 when none). */
typedef void (*PathFunc) (const HtField *field, const char *name, int index, gpointer user_data);

static void
walk_path (const char *kind,
           const char *path,
           PathFunc    func,
           gpointer    user_data)
{
  const HtKind *k = ht_kinds_lookup (kind);
  g_auto(GStrv) parts = NULL;
  const HtField *fields = ht_envelope_fields;
  gboolean in_data = FALSE;

  if (path == NULL)
    return;
  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      int index = -1;
      const HtField *found = NULL;

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }
      if (i == 0 && g_str_equal (parts[i], "data"))
        {
          fields = k != NULL ? k->fields : NULL;
          in_data = TRUE;
          continue;
        }
      for (const HtField *f = fields; f != NULL && f->name != NULL; f++)
        if (g_str_equal (f->name, parts[i]))
          found = f;
      /* A place's administrative unit is described by the unit shape. */
      if (found == NULL && g_str_has_suffix (parts[i], "_unit"))
        {
          static const HtField unit = { .name = "unit", .type = HT_T_OBJECT, .children = ht_shape_unit,
                                        .label = N_("Administrative unit") };
          found = &unit;
        }
      func (found, parts[i], index, user_data);
      fields = found != NULL ? found->children : NULL;
    }
  (void) in_data;
}

static void
label_part_cb (const HtField *field,
               const char    *name,
               int            index,
               gpointer       user_data)
{
  GString *out = user_data;

  if (out->len > 0)
    g_string_append (out, " › ");
  g_string_append (out, field != NULL && field->label != NULL ? _(field->label) : name);
  if (index >= 0)
    g_string_append_printf (out, " %d", index + 1);
}

char *
ht_labels_path (const char *kind,
                const char *path)
{
  GString *out = g_string_new (NULL);

  walk_path (kind, path, label_part_cb, out);
  return g_string_free (out, FALSE);
}

static void
field_part_cb (const HtField *field,
               const char    *name,
               int            index,
               gpointer       user_data)
{
  *(const HtField **) user_data = field;
}

const HtField *
ht_labels_field (const char *kind,
                 const char *path)
{
  const HtField *field = NULL;

  walk_path (kind, path, field_part_cb, &field);
  return field;
}
