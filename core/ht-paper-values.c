/* ht-paper-values.c — how each value is written on a paper: dates, names
 * in capitals, identity documents, references, changes, marginal notes,
 * and the office as it was named on the registration date.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-paper"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-kind-util.h"
#include "ht-paper-private.h"
#include "ht-record.h"
#include "ht-units.h"
#include "ht-words.h"

/* The wording printed where a newborn's personal ID number is not known
 * yet (DESIGN.md: it comes from the national population database at the
 * next sync), and its short form in the QR code. */
#define PIN_PENDING    "Đang chờ cấp từ Cơ sở dữ liệu quốc gia về dân cư"
#define PIN_PENDING_QR "chờ cấp"

struct _HtValueSrc
{
  const cJSON       *record;
  const HtLookup    *lookup;
  gboolean           effective;
  HtValidateOptions  options;
  HtRuleCtx          ctx;
  cJSON             *nobody;  /* the "record under validation" of ctx: none */
};

HtValueSrc *
ht_value_src_new (const cJSON    *record,
                  const HtLookup *lookup,
                  gboolean        effective)
{
  HtValueSrc *src = g_new0 (HtValueSrc, 1);

  src->record = record;
  src->lookup = lookup;
  src->effective = effective && lookup != NULL;
  ht_validate_options_init (&src->options);
  src->options.lookup = lookup;
  /* ht_kind_effective_value() applies the approved entries that come
   * before the record under validation; an empty record, undated and
   * without id, comes after all of them. */
  src->nobody = cJSON_CreateObject ();
  src->ctx.record = src->nobody;
  src->ctx.data = NULL;
  src->ctx.kind = ht_record_kind (record);
  src->ctx.options = &src->options;
  g_date_clear (&src->ctx.registered_on, 1);
  return src;
}

void
ht_value_src_free (HtValueSrc *src)
{
  if (src == NULL)
    return;
  cJSON_Delete (src->nobody);
  g_free (src);
}

/* ---- Reading values ---- */

static const cJSON *
node_at (HtValueSrc *src,
         const char *path)
{
  g_autofree char *full = NULL;

  if (path[0] == '$')
    return ht_record_get_path (src->record, path + 1);
  full = g_strconcat ("data.", path, NULL);
  return ht_record_get_path (src->record, full);
}

static char *
scalar_at (HtValueSrc *src,
           const char *path)
{
  if (path[0] != '$' && src->effective)
    return ht_kind_effective_value (&src->ctx, src->record, path);
  return ht_kind_value_text (node_at (src, path));
}

/* "a.b.c" with its last member replaced by "name". */
static char *
sibling (const char *path,
         const char *name)
{
  const char *dot = strrchr (path, '.');

  return dot ? g_strdup_printf ("%.*s.%s", (int) (dot - path), path, name) : g_strdup (name);
}

static const char *
last_member (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot ? dot + 1 : path[0] == '$' ? path + 1 : path;
}

static char *
date_vn (const char *iso)
{
  GDate d;

  if (iso == NULL)
    return NULL;
  return ht_date_parse (iso, &d) ? ht_date_format_vn (&d) : g_strdup (iso);
}

/* ---- The office ---- */

static const HtUnit *
unit_on (HtUnitsDataset dataset,
         HtUnitLevel    level,
         const char    *code)
{
  return code != NULL ? ht_units_lookup (dataset, level, code) : NULL;
}

/* The commune, district and province of an office code on a day, in the
 * dataset then in force; the newest dataset for a code it does not know. */
static gboolean
office_units (const char    *office,
              const GDate   *on,
              const HtUnit **commune,
              const HtUnit **district,
              const HtUnit **province)
{
  HtUnitsDataset dataset = on != NULL && g_date_valid (on) ? ht_units_dataset_on (on) : HT_UNITS_2026_04_30;

  *commune = unit_on (dataset, HT_UNIT_COMMUNE, office);
  if (*commune == NULL)
    {
      dataset = HT_UNITS_2026_04_30;
      *commune = unit_on (dataset, HT_UNIT_COMMUNE, office);
    }
  if (*commune == NULL)
    return FALSE;
  *district = unit_on (dataset, HT_UNIT_DISTRICT, (*commune)->district);
  *province = unit_on (dataset, HT_UNIT_PROVINCE, (*commune)->province);
  return TRUE;
}

/* "Phường Ba Đình" → "phường Ba Đình": the unit's type inside a sentence. */
static char *
in_sentence (const char *name)
{
  gunichar c = g_utf8_get_char (name);
  char buf[8];
  int len = g_unichar_to_utf8 (g_unichar_tolower (c), buf);

  buf[len] = '\0';
  return g_strconcat (buf, g_utf8_next_char (name), NULL);
}

char *
ht_paper_office_sentence (const char  *office,
                          const GDate *on)
{
  const HtUnit *commune, *district, *province;
  GString *s;

  if (!office_units (office, on, &commune, &district, &province))
    return g_strdup_printf ("Ủy ban nhân dân xã (mã %s)", office ? office : "?");
  s = g_string_new ("Ủy ban nhân dân ");
  {
    g_autofree char *c = in_sentence (commune->full_name);
    g_string_append (s, c);
  }
  if (district != NULL)
    {
      g_autofree char *d = in_sentence (district->full_name);
      g_string_append_printf (s, ", %s", d);
    }
  if (province != NULL)
    {
      g_autofree char *p = in_sentence (province->full_name);
      g_string_append_printf (s, ", %s", p);
    }
  return g_string_free (s, FALSE);
}

char *
ht_paper_place_date (const char  *office,
                     const GDate *on)
{
  const HtUnit *commune, *district, *province;
  const char *place = office_units (office, on, &commune, &district, &province) ? commune->name : "";
  guint day = g_date_get_day (on), month = g_date_get_month (on);

  return g_strdup_printf ("%s, ngày %s%u tháng %s%u năm %u", place, day < 10 ? "0" : "", day,
                          month < 3 ? "0" : "", month, (guint) g_date_get_year (on));
}

/* ---- Formats ---- */

static char *
format_id_doc (const cJSON *doc)
{
  const char *type = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (doc, "type"));
  const char *number = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (doc, "number"));
  const char *issuer = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (doc, "issuer"));
  const char *name = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (doc, "name"));
  g_autofree char *on = date_vn (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (doc, "issued_on")));
  const char *title = ht_paper_enum_text ("type", type);
  GString *s;

  if (!cJSON_IsObject (doc) || number == NULL)
    return NULL;
  s = g_string_new (title != NULL ? title : name != NULL ? name : "Giấy tờ");
  g_string_append_printf (s, " số %s", number);
  if (issuer != NULL)
    g_string_append_printf (s, " do %s cấp", issuer);
  if (on != NULL)
    g_string_append_printf (s, issuer != NULL ? " ngày %s" : " cấp ngày %s", on);
  return g_string_free (s, FALSE);
}

/* A paper, or a court's decision: "<title> số N, do X cấp ngày D" /
 * "<title> số N ngày D của X". */
static char *
format_paper (const cJSON *paper,
              gboolean     decision)
{
  const char *title = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (paper, "title"));
  const char *number = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (paper, "number"));
  const char *issuer = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (paper, "issuer"));
  g_autofree char *on = date_vn (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (paper, "issued_on")));
  GString *s;

  if (!cJSON_IsObject (paper) || title == NULL)
    return NULL;
  s = g_string_new (title);
  if (number != NULL)
    g_string_append_printf (s, " số %s", number);
  if (decision)
    {
      if (on != NULL)
        g_string_append_printf (s, " ngày %s", on);
      if (issuer != NULL)
        g_string_append_printf (s, " của %s", issuer);
    }
  else
    {
      if (issuer != NULL)
        g_string_append_printf (s, ", do %s cấp", issuer);
      if (on != NULL)
        g_string_append_printf (s, issuer != NULL ? " ngày %s" : ", cấp ngày %s", on);
    }
  return g_string_free (s, FALSE);
}

char *
ht_paper_number_text (const cJSON *record,
                      const char  *paper_code)
{
  const HtKind *kind = ht_record_kind (record);
  const char *fmt = "%u";
  g_autofree char *n = g_strdup_printf ("%" PRId64, ht_record_number (record));
  g_auto(GStrv) parts = NULL;

  if (paper_code == NULL)
    {
      const HtForm *form = ht_paper_form_for (record, FALSE);
      paper_code = form != NULL ? form->code : NULL;
    }
  for (const HtPaper *p = kind != NULL ? kind->papers : NULL; p != NULL && p->code != NULL; p++)
    if (g_strcmp0 (p->code, paper_code) == 0)
      fmt = p->number_fmt;
  /* The registry writes "%u/TLKT"; its number is put in by hand so that
   * no format string comes from data. */
  parts = g_strsplit (fmt, "%u", 2);
  return g_strjoinv (n, parts);
}

char *
ht_paper_entry_citation (const cJSON *entry)
{
  GDate reg;
  g_autofree char *on = NULL;
  g_autofree char *office = NULL;
  g_autofree char *number = ht_paper_number_text (entry, NULL);
  const HtKind *kind = ht_record_kind (entry);

  if (ht_record_registered_on (entry, &reg))
    {
      on = ht_date_format_vn (&reg);
      office = ht_paper_office_sentence (ht_record_office (entry), &reg);
    }
  return g_strdup_printf ("%s số %s%s%s%s%s", kind != NULL ? kind->title_vi : "Đăng ký", number,
                          on ? ", ngày " : "", on ? on : "", office ? ", tại " : "", office ? office : "");
}

static char *
format_ref (HtValueSrc  *src,
            const cJSON *ref)
{
  const char *number, *office_name, *volume, *title, *kind;
  g_autofree char *on = NULL;
  GString *s;

  if (!cJSON_IsObject (ref))
    return NULL;
  if (src->lookup != NULL && src->lookup->resolve_ref != NULL)
    {
      g_autoptr(cJSON) entry = src->lookup->resolve_ref (src->lookup->user_data, ref);
      if (entry != NULL)
        return ht_paper_entry_citation (entry);
    }
  /* An entry outside this register: as the requester's paper names it. */
  office_name = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "office_name"));
  if (office_name != NULL)
    {
      number = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "number"));
      volume = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "volume"));
      title = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "paper_title"));
      on = date_vn (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "registered_on")));
      s = g_string_new (title != NULL ? title : "Đăng ký");
      if (number != NULL)
        g_string_append_printf (s, " số %s", number);
      if (volume != NULL)
        g_string_append_printf (s, ", quyển số %s", volume);
      if (on != NULL)
        g_string_append_printf (s, ", ngày %s", on);
      g_string_append_printf (s, ", tại %s", office_name);
      return g_string_free (s, FALSE);
    }
  kind = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (ref, "kind"));
  if (kind != NULL && cJSON_IsNumber (cJSON_GetObjectItemCaseSensitive (ref, "number")))
    {
      const HtKind *k = ht_kinds_lookup (kind);
      gint64 n = (gint64) cJSON_GetObjectItemCaseSensitive (ref, "number")->valuedouble;
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (ref, "book_year");
      return g_strdup_printf ("%s số %" PRId64 ", năm %" PRId64, k != NULL ? k->title_vi : kind, n,
                              cJSON_IsNumber (year) ? (gint64) year->valuedouble : (gint64) 0);
    }
  return NULL;
}

char *
ht_paper_items_text (const cJSON *items,
                     const cJSON *original)
{
  GString *s = g_string_new (NULL);
  const cJSON *item;

  cJSON_ArrayForEach (item, items)
    {
      const char *field = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (item, "field"));
      g_autofree char *from = ht_kind_value_text (cJSON_GetObjectItemCaseSensitive (item, "from"));
      g_autofree char *to = ht_kind_value_text (cJSON_GetObjectItemCaseSensitive (item, "to"));
      /* The label of the changed field, from the registry of the amended entry. */
      const HtField *f = original != NULL && field != NULL ? ht_kind_record_field (original, field) : NULL;
      const char *label = f != NULL && f->label_vi != NULL ? f->label_vi : field != NULL ? field : "?";

      if (s->len > 0)
        g_string_append_c (s, '\n');
      if (from != NULL)
        g_string_append_printf (s, "%s: từ “%s” thành “%s”", label, from, to ? to : "");
      else
        g_string_append_printf (s, "%s: bổ sung “%s”", label, to ? to : "");
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static char *
format_items (HtValueSrc  *src,
              const char  *path,
              const cJSON *items)
{
  g_autofree char *original_path = sibling (path, "original");
  const cJSON *ref = node_at (src, original_path);
  g_autoptr(cJSON) original = NULL;

  if (src->lookup != NULL && src->lookup->resolve_ref != NULL && cJSON_IsObject (ref))
    original = src->lookup->resolve_ref (src->lookup->user_data, ref);
  return ht_paper_items_text (items, original);
}

static char *
format_persons (const cJSON *persons)
{
  GString *s = g_string_new (NULL);
  const cJSON *p;

  cJSON_ArrayForEach (p, persons)
    {
      const char *name = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (p, "full_name"));
      g_autofree char *dob = date_vn (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (p, "date_of_birth")));
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (p, "birth_year");
      g_autofree char *upper = name ? g_utf8_strup (name, -1) : NULL;

      if (upper == NULL)
        continue;
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append (s, upper);
      if (dob != NULL)
        g_string_append_printf (s, ", sinh ngày %s", dob);
      else if (cJSON_IsNumber (year))
        g_string_append_printf (s, ", sinh năm %d", (int) year->valuedouble);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static char *
format_datetime (const char *text)
{
  GDate d;
  int minutes = -1;
  g_autofree char *day = NULL;

  if (text == NULL || !ht_local_datetime_parse (text, &d, &minutes))
    return g_strdup (text);
  day = ht_date_format_vn (&d);
  if (minutes < 0)
    return g_strdup_printf ("ngày %s", day);
  return g_strdup_printf ("%02d giờ %02d phút, ngày %s", minutes / 60, minutes % 60, day);
}

static gboolean
is_vietnamese (const char *nationality)
{
  g_autofree char *folded = nationality != NULL ? ht_fold (nationality) : NULL;

  return folded == NULL || g_str_equal (folded, "viet nam") || g_str_equal (folded, "vietnam");
}

static char *
format_notes (HtValueSrc *src)
{
  g_autoptr(cJSON) found = NULL;
  GString *s;
  const cJSON *entry;

  if (src->lookup == NULL || src->lookup->find_referencing == NULL || ht_record_id (src->record) == NULL)
    return NULL;
  found = src->lookup->find_referencing (src->lookup->user_data, ht_record_id (src->record));
  s = g_string_new (NULL);
  cJSON_ArrayForEach (entry, found)
    {
      g_autofree char *note = NULL;

      /* A paper certifies reviewed content: only approved entries amend it. */
      if (g_strcmp0 (ht_record_status (entry), "registered") != 0 ||
          g_strcmp0 (cJSON_GetStringValue (ht_record_get_path (entry, "review.state")), "approved") != 0)
        continue;
      note = ht_paper_note_for (entry, src->record);
      if (note == NULL)
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, note);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static char *
format_purpose (HtValueSrc *src,
                const char *path)
{
  g_autofree char *purpose = scalar_at (src, path);
  g_autofree char *text_path = sibling (path, "purpose_text");
  g_autofree char *spouse_path = sibling (path, "intended_spouse");
  const cJSON *spouse = node_at (src, spouse_path);
  const char *name = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (spouse, "full_name"));
  const cJSON *year = cJSON_GetObjectItemCaseSensitive (spouse, "birth_year");
  const char *nationality = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (spouse, "nationality"));
  GString *s;

  if (purpose == NULL)
    return NULL;
  if (g_str_equal (purpose, "other"))
    return scalar_at (src, text_path);
  s = g_string_new ("Đăng ký kết hôn");
  if (name != NULL)
    {
      g_autofree char *upper = g_utf8_strup (name, -1);
      g_string_append_printf (s, " với %s", upper);
      if (cJSON_IsNumber (year))
        g_string_append_printf (s, ", sinh năm %d", (int) year->valuedouble);
      if (nationality != NULL)
        g_string_append_printf (s, ", quốc tịch %s", nationality);
    }
  g_string_append (s, g_str_equal (purpose, "marriage_abroad") ? ", tại cơ quan có thẩm quyền của nước ngoài"
                                                               : ", tại cơ quan có thẩm quyền của Việt Nam");
  return g_string_free (s, FALSE);
}

char *
ht_value_format (HtValueSrc       *src,
                 const char       *prefix,
                 const HtFormCell *cell,
                 char            **label,
                 char            **qr_text)
{
  g_autofree char *path = NULL;
  const HtField *field = NULL;
  GDate d;

  *qr_text = NULL;
  if (cell->path != NULL)
    {
      path = cell->path[0] == '$' ? g_strdup (cell->path) : g_strconcat (prefix ? prefix : "", cell->path, NULL);
      if (path[0] != '$')
        field = ht_kind_record_field (src->record, path);
    }
  *label = g_strdup (cell->label != NULL ? cell->label : field != NULL ? field->label_vi : NULL);

  switch (cell->fmt)
    {
    case HT_FMT_TEXT:
      {
        char *v = scalar_at (src, path);
        if (v != NULL && field != NULL && (field->flags & HT_F_UPPERCASE))
          {
            char *upper = g_utf8_strup (v, -1);
            g_free (v);
            v = upper;
          }
        return v;
      }
    case HT_FMT_DATE:
      {
        g_autofree char *v = scalar_at (src, path);
        return date_vn (v);
      }
    case HT_FMT_DATE_WORDS:
      {
        g_autofree char *v = scalar_at (src, path);
        return v != NULL && ht_date_parse (v, &d) ? ht_words_date (&d) : NULL;
      }
    case HT_FMT_BIRTH:
    case HT_FMT_YEAR:
      {
        gboolean birth = cell->fmt == HT_FMT_BIRTH;
        g_autofree char *other = sibling (path, birth ? "birth_year" : "date_of_birth");
        g_autofree char *v = scalar_at (src, path);
        g_autofree char *w = v == NULL ? scalar_at (src, other) : NULL;

        if (v != NULL)
          return birth ? date_vn (v) : g_steal_pointer (&v);
        if (w != NULL && !birth && ht_date_parse (w, &d))
          return g_strdup_printf ("%d", g_date_get_year (&d));
        return birth && w != NULL ? g_strdup_printf ("Năm %s", w) : NULL;
      }
    case HT_FMT_ENUM:
      {
        g_autofree char *v = scalar_at (src, path);
        const char *text = ht_paper_enum_text (last_member (path), v);

        if (v != NULL && g_str_equal (v, "other"))
          {
            g_autofree char *text_path = g_strconcat (path, "_text", NULL);
            char *t = scalar_at (src, text_path);
            if (t != NULL)
              return t;
          }
        return text != NULL ? g_strdup (text) : g_steal_pointer (&v);
      }
    case HT_FMT_ID_DOC:
      return format_id_doc (node_at (src, path));
    case HT_FMT_PIN_PENDING:
      {
        g_autofree char *nationality_path = sibling (path, "nationality");
        g_autofree char *nationality = scalar_at (src, nationality_path);
        char *v = ht_kind_value_text (ht_record_get_path (src->record, "pin"));

        if (v == NULL)
          v = scalar_at (src, path);
        if (v != NULL || !is_vietnamese (nationality))
          return v;
        *qr_text = g_strdup (PIN_PENDING_QR);
        return g_strdup (PIN_PENDING);
      }
    case HT_FMT_DATETIME:
      {
        g_autofree char *v = scalar_at (src, path);
        return v != NULL ? format_datetime (v) : NULL;
      }
    case HT_FMT_PAPER:
      return format_paper (node_at (src, path), g_str_equal (last_member (path), "decision"));
    case HT_FMT_PAPERS:
      {
        GString *s = g_string_new (NULL);
        const cJSON *p;
        cJSON_ArrayForEach (p, node_at (src, path))
          {
            g_autofree char *one = format_paper (p, FALSE);
            if (one == NULL)
              continue;
            if (s->len > 0)
              g_string_append (s, "; ");
            g_string_append (s, one);
          }
        if (s->len == 0)
          {
            g_string_free (s, TRUE);
            return NULL;
          }
        return g_string_free (s, FALSE);
      }
    case HT_FMT_REF:
      return format_ref (src, node_at (src, path));
    case HT_FMT_ITEMS:
      return format_items (src, path, node_at (src, path));
    case HT_FMT_PERSONS:
      return format_persons (node_at (src, path));
    case HT_FMT_OFFICE:
      {
        GDate reg;
        gboolean have = ht_record_registered_on (src->record, &reg);
        return ht_paper_office_sentence (ht_record_office (src->record), have ? &reg : NULL);
      }
    case HT_FMT_REGISTERED:
      return ht_record_registered_on (src->record, &d) ? ht_date_format_vn (&d) : NULL;
    case HT_FMT_NOTES:
      return format_notes (src);
    case HT_FMT_PURPOSE:
      return format_purpose (src, path);
    case HT_FMT_STATIC:
    default:
      return NULL;
    }
}
