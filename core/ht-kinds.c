/* ht-kinds.c — the registry's shared shapes, the envelope and the kind list.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <string.h>

#include "ht-kinds-private.h"
#include "ht-fold.h"

const char *const ht_values_sex[] = { "male", "female", NULL };

/* KINDS.md §1.2; NĐ123 2.1†, TT 07/2023/TT-BNG 4.2. */
const char *const ht_values_id_document_type[] = {
  "cccd", "can_cuoc", "e_id", "id_certificate", "cmnd", "passport", "other", NULL
};

const char *const ht_values_prior_status[] = { "never_married", "divorced", "widowed", NULL };
const char *const ht_values_paper_evidence[] = { "medical", "undertaking", NULL };

static const char *const values_status[] = { "draft", "registered", "revoked", NULL };
static const char *const values_review_state[] = {
  "pending", "approved", "returned", "resubmitted", "rejected", NULL
};
static const char *const values_units_as_of[] = { "2025-03-01", "2025-07-01", "2026-04-30", NULL };

const HtField ht_shape_id_document[] = {
  HT_ENUM ("type", HT_REQ_YES, ht_values_id_document_type, "Loại giấy tờ", N_("Document type"), "NĐ123 2.1†"),
  { .name = "number", .type = HT_T_TEXT, .req = HT_REQ_YES, .max_len = 30, .flags = HT_F_DOC_NUMBER,
    .label_vi = "Số", .label = N_("Document number"), .source = "LHT 9.2" },
  HT_TEXT ("issuer", HT_REQ_NO, "Cơ quan cấp", N_("Issued by"), "DOMAIN §2.1"),
  HT_DATE ("issued_on", HT_REQ_NO, "Ngày cấp", N_("Issued on"), "DOMAIN §2.1"),
  HT_TEXT_IF ("name", "type=other", "Tên giấy tờ", N_("Document name"), "KINDS §1.2"),
  HT_END
};

const HtField ht_shape_paper[] = {
  HT_TEXT ("title", HT_REQ_YES, "Tên giấy tờ", N_("Title"), "KINDS §1.4"),
  HT_TEXT ("number", HT_REQ_NO, "Số", N_("Number"), "KINDS §1.4"),
  HT_TEXT ("issuer", HT_REQ_NO, "Cơ quan cấp", N_("Issued by"), "KINDS §1.4"),
  HT_DATE ("issued_on", HT_REQ_NO, "Ngày cấp", N_("Issued on"), "KINDS §1.4"),
  HT_END
};

const HtField ht_shape_agent[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "LHT 9.2"),
  HT_TEXT ("relationship", HT_REQ_NO, "Quan hệ", N_("Relationship"), "KINDS §1.4"),
  HT_P_ID_DOCUMENT (HT_REQ_YES, "LHT 9.2"),
  HT_P_RESIDENCE (HT_REQ_NO, "KINDS §1.4"),
  HT_PAPER ("authorisation", HT_REQ_NO, "Văn bản ủy quyền", N_("Authorisation"), "TT04 2†"),
  HT_END
};

const HtField ht_shape_unit[] = {
  { .name = "province", .type = HT_T_CODE, .code_len = 2, .label_vi = "Tỉnh", .label = N_("Province code"), .source = "KINDS §1.3" },
  { .name = "district", .type = HT_T_CODE, .code_len = 3, .label_vi = "Huyện", .label = N_("District code"), .source = "KINDS §1.3" },
  { .name = "commune", .type = HT_T_CODE, .code_len = 5, .label_vi = "Xã", .label = N_("Commune code"), .source = "KINDS §1.3" },
  HT_ENUM ("as_of", HT_REQ_YES, values_units_as_of, "Bộ dữ liệu", N_("Unit dataset"), "KINDS §1.3"),
  HT_END
};

static const HtField signer_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên người ký", "LHT 16.2"),
  HT_TEXT ("position", HT_REQ_YES, "Chức vụ", N_("Position"), "LHT 16.2"),
  HT_END
};

static const HtField review_fields[] = {
  HT_ENUM ("state", HT_REQ_YES, values_review_state, "Trạng thái kiểm tra", N_("Review state"), "DESIGN"),
  HT_TEXT ("comment", HT_REQ_NO, "Ý kiến", N_("Review comment"), "DESIGN"),
  HT_TEXT ("by", HT_REQ_NO, "Người kiểm tra", N_("Reviewed by"), "DESIGN"),
  HT_TEXT ("at", HT_REQ_NO, "Thời điểm", N_("Reviewed at"), "DESIGN"),
  HT_END
};

/* The envelope, in canonical order (DESIGN.md "Canonical record").  "data"
 * and "registration_type" are described per kind; the parser handles them. */
const HtField ht_envelope_fields[] = {
  HT_TEXT ("id", HT_REQ_NO, "Mã bản ghi", N_("Record id"), "DESIGN"),
  HT_TEXT ("kind", HT_REQ_YES, "Loại việc", N_("Kind"), "DESIGN"),
  { .name = "office", .type = HT_T_CODE, .req = HT_REQ_YES, .code_len = 5,
    .label_vi = "Cơ quan đăng ký", .label = N_("Registering office"), .source = "DESIGN" },
  { .name = "book_year", .type = HT_T_YEAR, .label_vi = "Năm sổ", .label = N_("Book year"), .source = "DOMAIN §2.4" },
  { .name = "number", .type = HT_T_INT, .label_vi = "Số", .label = N_("Register number"), .source = "DOMAIN §2.4" },
  HT_DATE ("registered_on", HT_REQ_COND, "Ngày, tháng, năm đăng ký", N_("Registration date"), "DESIGN"),
  HT_ENUM ("status", HT_REQ_YES, values_status, "Tình trạng", N_("Status"), "DESIGN"),
  { .name = "registration_type", .type = HT_T_ENUM, .req = HT_REQ_YES,
    .label_vi = "Loại đăng ký", .label = N_("Registration type"), .source = "KINDS §1.5" },
  HT_OBJECT ("signer", HT_REQ_NO, signer_fields, "Người ký", N_("Signer"), "LHT 16.2"),
  HT_TEXT ("clerk", HT_REQ_NO, "Người thực hiện", N_("Clerk"), "DOMAIN §2.4"),
  { .name = "data", .type = HT_T_OBJECT, .req = HT_REQ_YES, .label_vi = "Nội dung", .label = N_("Content"), .source = "KINDS" },
  { .name = "pin", .type = HT_T_CODE, .code_len = 12, .flags = HT_F_PIN,
    .label_vi = "Số định danh cá nhân", .label = N_("Personal ID number"), .source = "DESIGN; LHT 14.1.c" },
  HT_OBJECT ("review", HT_REQ_NO, review_fields, "Kiểm tra", N_("Review"), "DESIGN"),
  { .name = "content_version", .type = HT_T_INT, .label_vi = "Phiên bản", .label = N_("Content version"), .source = "DESIGN" },
  HT_TEXT ("updated_at", HT_REQ_NO, "Cập nhật lúc", N_("Updated at"), "DESIGN"),
  HT_END
};

static const HtKind *const all_kinds[] = {
  &ht_kind_birth,
  &ht_kind_marriage,
  &ht_kind_death,
  &ht_kind_parentage,
  &ht_kind_guardianship,
  &ht_kind_guardianship_end,
  &ht_kind_change,
  &ht_kind_marital_status,
  &ht_kind_decision_note,
  &ht_kind_foreign_note,
  &ht_kind_adoption,
  NULL
};

const HtKind *const *
ht_kinds_all (void)
{
  return all_kinds;
}

const HtKind *
ht_kinds_lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; all_kinds[i] != NULL; i++)
    if (strcmp (all_kinds[i]->code, code) == 0)
      return all_kinds[i];
  return NULL;
}

static const HtField *
find_in (const HtField *fields,
         const char    *path)
{
  const char *dot = strchr (path, '.');
  gsize len = dot ? (gsize) (dot - path) : strlen (path);

  for (const HtField *f = fields; f != NULL && f->name != NULL; f++)
    {
      if (strlen (f->name) != len || strncmp (f->name, path, len) != 0)
        continue;
      if (dot == NULL)
        return f;
      return find_in (f->children, dot + 1);
    }
  /* A place's "<name>_unit" sibling is described by the unit shape. */
  if (len > 5 && strncmp (path + len - 5, "_unit", 5) == 0)
    {
      for (const HtField *f = fields; f != NULL && f->name != NULL; f++)
        if ((f->flags & HT_F_PLACE) && strlen (f->name) == len - 5 && strncmp (f->name, path, len - 5) == 0)
          return dot ? find_in (ht_shape_unit, dot + 1) : NULL;
    }
  return NULL;
}

const HtField *
ht_kind_find_field (const HtKind *kind,
                    const char   *path)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  return find_in (kind->fields, path);
}

const char *
ht_field_type_name (HtFieldType type)
{
  switch (type)
    {
    case HT_T_TEXT: return "text";
    case HT_T_DATE: return "date";
    case HT_T_YEAR: return "year";
    case HT_T_INT: return "integer";
    case HT_T_LOCAL_DATETIME: return "local_datetime";
    case HT_T_BOOL: return "bool";
    case HT_T_ENUM: return "enum";
    case HT_T_CODE: return "code";
    case HT_T_OBJECT: return "object";
    case HT_T_LIST: return "list";
    case HT_T_TEXT_LIST: return "list<text>";
    case HT_T_REF: return "ref";
    case HT_T_REF_OR_PAPER: return "ref or paper";
    case HT_T_EVENT_DATA: return "event_data";
    default: return "?";
    }
}

const char *const ht_ethnic_groups[] = {
  "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai",
  "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông",
  "Thổ", "Xtiêng", "Khơ Mú", "Bru-Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ-Triêng", "Co",
  "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng", "Phù Lá", "La Hủ", "La Ha",
  "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng", "Cơ Lao", "Bố Y", "Cống", "Si La",
  "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
  NULL
};

/* Other spellings in common use, folded the same way as the names above. */
static const char *const ethnic_aliases[] = {
  "hmong", "khome", "khmer", "ede", "gialai", "jrai", "bahnar", "cham", "koho",
  "sedang", "xodang", "raglai", "mnong", "stieng", "khomu", "khmu", "bru", "vankieu",
  "katu", "taoi", "gietrieng", "churu", "phula", "lahu", "pathen", "lolo", "colao",
  "boy", "puperi", "romam", "brau", "odu", NULL
};

static char *
fold_compact (const char *name)
{
  g_autofree char *folded = ht_fold (name);
  GString *out;

  if (folded == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

gboolean
ht_ethnicity_known (const char *name)
{
  static GHashTable *known;
  static GHashTable *as_written;
  g_autofree char *key = NULL;

  if (g_once_init_enter (&known))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      /* Almost every record writes the official name itself ("Kinh"):
       * those are found without folding, which allocates. */
      as_written = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; ht_ethnic_groups[i]; i++)
        {
          g_hash_table_add (set, fold_compact (ht_ethnic_groups[i]));
          g_hash_table_add (as_written, (gpointer) ht_ethnic_groups[i]);
        }
      for (guint i = 0; ethnic_aliases[i]; i++)
        g_hash_table_add (set, g_strdup (ethnic_aliases[i]));
      g_once_init_leave (&known, set);
    }
  if (name != NULL && g_hash_table_contains (as_written, name))
    return TRUE;
  key = fold_compact (name);
  return key != NULL && g_hash_table_contains (known, key);
}

static const HtField event_subject_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "LHT 48.2"),
  HT_P_DATE_OF_BIRTH (HT_REQ_NO, "LHT 48.2"),
  HT_P_SEX (HT_REQ_NO, "LHT 48.2"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

const HtField ht_shape_event_subjects[] = {
  HT_LIST ("subjects", HT_REQ_YES, 1, event_subject_fields, "Người được ghi chú", N_("Subjects"), "LHT 48.2"),
  HT_END
};

const HtKind *
ht_foreign_event_kind (const char *event)
{
  static const struct { const char *event; const char *kind; } map[] = {
    { "birth", "birth" }, { "marriage", "marriage" }, { "guardianship", "guardianship" },
    { "parentage", "parentage" }, { "adoption", "adoption" }, { "change", "change" },
    { "death", "death" },
  };
  if (event == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (map[i].event, event) == 0)
      return ht_kinds_lookup (map[i].kind);
  return NULL;
}

gboolean
ht_foreign_event_excludes (const char *field_name)
{
  /* Local procedure (KINDS.md §2.10): the foreign act replaces them. */
  static const char *const local[] = {
    "birth_notice", "declarant", "witnesses", "requester", "late", "age_band",
    "first_marriage", "valid_until", "foreign_papers", "notice_sent_on", "consent_parents",
    "consent_subject", "mobile", NULL
  };
  return g_strv_contains (local, field_name);
}

/* The three shapes of a ref (KINDS.md §1.4). */
const HtField ht_shape_ref_id[] = {
  HT_TEXT ("id", HT_REQ_YES, "Mã bản ghi", N_("Record id"), "DESIGN"),
  HT_END
};
const HtField ht_shape_ref_key[] = {
  HT_TEXT ("kind", HT_REQ_YES, "Loại việc", N_("Kind"), "DESIGN"),
  { .name = "office", .type = HT_T_CODE, .req = HT_REQ_YES, .code_len = 5, .label_vi = "Cơ quan", .label = N_("Office"), .source = "DESIGN" },
  { .name = "book_year", .type = HT_T_YEAR, .req = HT_REQ_YES, .label_vi = "Năm", .label = N_("Book year"), .source = "DESIGN" },
  { .name = "number", .type = HT_T_INT, .req = HT_REQ_YES, .label_vi = "Số", .label = N_("Register number"), .source = "DESIGN" },
  HT_END
};
const HtField ht_shape_ref_paper[] = {
  HT_TEXT ("office_name", HT_REQ_YES, "Nơi đăng ký", N_("Office name"), "KINDS §1.4"),
  HT_TEXT ("volume", HT_REQ_NO, "Quyển số", N_("Volume"), "KINDS §1.4"),
  HT_TEXT ("number", HT_REQ_YES, "Số", N_("Number"), "KINDS §1.4"),
  HT_DATE ("registered_on", HT_REQ_YES, "Ngày đăng ký", N_("Registration date"), "KINDS §1.4"),
  HT_TEXT ("paper_title", HT_REQ_NO, "Tên giấy tờ", N_("Paper title"), "KINDS §1.4"),
  HT_END
};

const HtField *
ht_ref_shape (const cJSON *ref)
{
  if (cJSON_HasObjectItem (ref, "id"))
    return ht_shape_ref_id;
  if (cJSON_HasObjectItem (ref, "office_name"))
    return ht_shape_ref_paper;
  return ht_shape_ref_key;
}
