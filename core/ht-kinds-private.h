/* ht-kinds-private.h — building blocks for the kind tables (ht-kind-*.c).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The macros below spell the shared shapes of KINDS.md §1 once, so that each
 * kind table lists only what is its own: which person fields it asks for and
 * how strongly.  They expand to designated initialisers of HtField.
 */
#pragma once

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ht-kinds.h"
#include "ht-validate.h"

G_BEGIN_DECLS

#define HT_END { NULL }

/* Generic fields. */
#define HT_TEXT(n, r, lv, l, src) \
  { .name = n, .type = HT_T_TEXT, .req = r, .label_vi = lv, .label = l, .source = src }
#define HT_TEXT_IF(n, w, lv, l, src) \
  { .name = n, .type = HT_T_TEXT, .req = HT_REQ_COND, .when = w, .label_vi = lv, .label = l, .source = src }
#define HT_DATE(n, r, lv, l, src) \
  { .name = n, .type = HT_T_DATE, .req = r, .flags = HT_F_NOT_FUTURE, .label_vi = lv, .label = l, .source = src }
#define HT_DATE_IF(n, w, lv, l, src) \
  { .name = n, .type = HT_T_DATE, .req = HT_REQ_COND, .when = w, .flags = HT_F_NOT_FUTURE, .label_vi = lv, .label = l, .source = src }
/* A date that may lie after the registration (a posting period's end, a validity). */
#define HT_DATE_ANY(n, r, lv, l, src) \
  { .name = n, .type = HT_T_DATE, .req = r, .label_vi = lv, .label = l, .source = src }
#define HT_BOOL(n, r, lv, l, src) \
  { .name = n, .type = HT_T_BOOL, .req = r, .label_vi = lv, .label = l, .source = src }
#define HT_ENUM(n, r, vals, lv, l, src) \
  { .name = n, .type = HT_T_ENUM, .req = r, .values = vals, .label_vi = lv, .label = l, .source = src }
#define HT_ENUM_IF(n, w, vals, lv, l, src) \
  { .name = n, .type = HT_T_ENUM, .req = HT_REQ_COND, .when = w, .values = vals, .label_vi = lv, .label = l, .source = src }
#define HT_OBJECT(n, r, kids, lv, l, src) \
  { .name = n, .type = HT_T_OBJECT, .req = r, .children = kids, .label_vi = lv, .label = l, .source = src }
#define HT_OBJECT_IF(n, w, kids, lv, l, src) \
  { .name = n, .type = HT_T_OBJECT, .req = HT_REQ_COND, .when = w, .children = kids, .label_vi = lv, .label = l, .source = src }
#define HT_LIST(n, r, min, kids, lv, l, src) \
  { .name = n, .type = HT_T_LIST, .req = r, .min_items = min, .children = kids, .label_vi = lv, .label = l, .source = src }
#define HT_LIST_IF(n, w, min, kids, lv, l, src) \
  { .name = n, .type = HT_T_LIST, .req = HT_REQ_COND, .when = w, .min_items = min, .children = kids, .label_vi = lv, .label = l, .source = src }
#define HT_REF(n, r, lv, l, src) \
  { .name = n, .type = HT_T_REF, .req = r, .label_vi = lv, .label = l, .source = src }
#define HT_REF_IF(n, w, lv, l, src) \
  { .name = n, .type = HT_T_REF, .req = HT_REQ_COND, .when = w, .label_vi = lv, .label = l, .source = src }
#define HT_PLACE(n, r, lv, l, src) \
  { .name = n, .type = HT_T_TEXT, .req = r, .flags = HT_F_PLACE, .label_vi = lv, .label = l, .source = src }
#define HT_PLACE_IF(n, w, lv, l, src) \
  { .name = n, .type = HT_T_TEXT, .req = HT_REQ_COND, .when = w, .flags = HT_F_PLACE, .label_vi = lv, .label = l, .source = src }
/* An evidence paper: for digitised book entries a missing one is only a warning. */
#define HT_PAPER(n, r, lv, l, src) \
  { .name = n, .type = HT_T_OBJECT, .req = r, .children = ht_shape_paper, .flags = HT_F_EVIDENCE, .label_vi = lv, .label = l, .source = src }
#define HT_PAPER_IF(n, w, lv, l, src) \
  { .name = n, .type = HT_T_OBJECT, .req = HT_REQ_COND, .when = w, .children = ht_shape_paper, .flags = HT_F_EVIDENCE, .label_vi = lv, .label = l, .source = src }
#define HT_PAPERS_IF(n, w, min, lv, l, src) \
  { .name = n, .type = HT_T_LIST, .req = HT_REQ_COND, .when = w, .min_items = min, .children = ht_shape_paper, .flags = HT_F_EVIDENCE, .label_vi = lv, .label = l, .source = src }
#define HT_AGENT(n, r, lv, l, src) \
  { .name = n, .type = HT_T_OBJECT, .req = r, .children = ht_shape_agent, .label_vi = lv, .label = l, .source = src }
#define HT_AGENT_IF(n, w, lv, l, src) \
  { .name = n, .type = HT_T_OBJECT, .req = HT_REQ_COND, .when = w, .children = ht_shape_agent, .label_vi = lv, .label = l, .source = src }
#define HT_DERIVED_BOOL(n, lv, l, src) \
  { .name = n, .type = HT_T_BOOL, .req = HT_REQ_NO, .flags = HT_F_DERIVED, .label_vi = lv, .label = l, .source = src }

/* Person fields (KINDS.md §1.1); "r" says how strongly this kind asks for it. */
#define HT_P_FULL_NAME(r, lv, src) \
  { .name = "full_name", .type = HT_T_TEXT, .req = r, .flags = HT_F_SEARCH_NAME | HT_F_UPPERCASE, .max_len = 200, \
    .label_vi = lv, .label = N_("Full name"), .source = src }
#define HT_P_DATE_OF_BIRTH(r, src) \
  { .name = "date_of_birth", .type = HT_T_DATE, .req = r, .flags = HT_F_NOT_FUTURE, \
    .label_vi = "Ngày, tháng, năm sinh", .label = N_("Date of birth"), .source = src }
#define HT_P_DATE_OF_BIRTH_IF(w, src) \
  { .name = "date_of_birth", .type = HT_T_DATE, .req = HT_REQ_COND, .when = w, .flags = HT_F_NOT_FUTURE, \
    .label_vi = "Ngày, tháng, năm sinh", .label = N_("Date of birth"), .source = src }
#define HT_P_BIRTH_YEAR(r, src) \
  { .name = "birth_year", .type = HT_T_YEAR, .req = r, \
    .label_vi = "Năm sinh", .label = N_("Year of birth"), .source = src }
#define HT_P_SEX(r, src) \
  { .name = "sex", .type = HT_T_ENUM, .req = r, .values = ht_values_sex, \
    .label_vi = "Giới tính", .label = N_("Sex"), .source = src }
#define HT_P_ETHNICITY(r, src) \
  { .name = "ethnicity", .type = HT_T_TEXT, .req = r, .max_len = 60, .flags = HT_F_ETHNICITY, \
    .label_vi = "Dân tộc", .label = N_("Ethnicity"), .source = src }
#define HT_P_NATIONALITY(r, src) \
  { .name = "nationality", .type = HT_T_TEXT, .req = r, .max_len = 100, \
    .label_vi = "Quốc tịch", .label = N_("Nationality"), .source = src }
#define HT_P_RESIDENCE(r, src) \
  { .name = "residence", .type = HT_T_TEXT, .req = r, .flags = HT_F_PLACE, \
    .label_vi = "Nơi cư trú", .label = N_("Residence"), .source = src }
#define HT_P_ID_DOCUMENT(r, src) \
  { .name = "id_document", .type = HT_T_OBJECT, .req = r, .children = ht_shape_id_document, \
    .label_vi = "Giấy tờ tùy thân", .label = N_("Identity document"), .source = src }
#define HT_P_PIN(r, src) \
  { .name = "pin", .type = HT_T_CODE, .req = r, .code_len = 12, .flags = HT_F_PIN, \
    .label_vi = "Số định danh cá nhân", .label = N_("Personal ID number"), .source = src }
#define HT_P_BIRTH_RECORD(r, src) \
  { .name = "birth_record", .type = HT_T_REF, .req = r, \
    .label_vi = "Giấy khai sinh", .label = N_("Birth record"), .source = src }

/* The person of most Forms (guardian, ward, parent, child, subject, …):
 * name, date of birth, sex, ethnicity, nationality and residence required,
 * the identity document as "doc_req" says. */
#define HT_PERSON_OF_FORM(name_vi, src, doc_req) \
  HT_P_FULL_NAME (HT_REQ_YES, name_vi, src), \
  HT_P_DATE_OF_BIRTH (HT_REQ_YES, src), \
  HT_P_SEX (HT_REQ_YES, src), \
  HT_P_ETHNICITY (HT_REQ_YES, src), \
  HT_P_NATIONALITY (HT_REQ_YES, src), \
  HT_P_RESIDENCE (HT_REQ_YES, src), \
  HT_P_ID_DOCUMENT (doc_req, src)

/* cJSON_GetObjectItemCaseSensitive() with the same answer (the first
 * member so named; NULL past a member without a name, where cJSON stops),
 * inlined and comparing the first byte before calling strcmp(): rules and
 * the engine look members up by name hundreds of times per record, and
 * those look-ups were the largest part of validating. */
static inline cJSON *
_ht_json_member (const cJSON *object,
                 const char  *name)
{
  if (object == NULL || name == NULL)
    return NULL;
  for (cJSON *m = object->child; m != NULL; m = m->next)
    {
      if (m->string == NULL)
        return NULL;
      if (m->string[0] == name[0] && strcmp (m->string, name) == 0)
        return m;
    }
  return NULL;
}

/* Objects whose field list is longer than this are matched member by
 * member, the slow way (no list of the registry comes near it). */
#define HT_MAX_INDEXED_FIELDS 128

/* A field list of the registry with a table from member name to slot + 1:
 * the fields' own names to 0 … n - 1, and "<place>_unit" to n + the
 * index of the place field.  Built on first use and kept for the life of
 * the process; canonicalisation and validation share it. */
typedef struct
{
  GHashTable *slots;
  guint       n;
  /* Each name (a field's or a place's "_unit") belongs to one slot only,
   * so members in the fields' order can be matched by one ordered walk. */
  gboolean    walkable;
} HtFieldIndex;

const HtFieldIndex *_ht_field_index (const HtField *fields);

/* Whether "name" is "<place>_unit". */
static inline gboolean
_ht_is_unit_of (const char *name,
                const char *place)
{
  gsize len = strlen (place);

  return name[0] == place[0] && strncmp (name, place, len) == 0 && strcmp (name + len, "_unit") == 0;
}

/* Eight bytes of text at once (a guint64 read with memcpy()), for the
 * loops that print or read every string of every record.  The masks have
 * the high bit of a byte set for the bytes of "w" below "n" (at most 0x80)
 * and for those equal to "byte" (Hacker's Delight, "has less than" and
 * "has zero byte"): a mask is 0 exactly when there is no such byte, and
 * its first byte set, in the text's order, is the first such byte (a
 * borrow only ever marks bytes after a true one), which
 * _ht_word_first() tells. */
#define HT_WORD_ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HT_WORD_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
_ht_word_less_mask (guint64 w,
                    guint   n)
{
  return (w - HT_WORD_ONES * n) & ~w & HT_WORD_HIGHS;
}

static inline guint64
_ht_word_byte_mask (guint64 w,
                    guchar  byte)
{
  guint64 x = w ^ (HT_WORD_ONES * byte);

  return (x - HT_WORD_ONES) & ~x & HT_WORD_HIGHS;
}

/* The place in the text of the first byte marked in a mask that is not 0. */
static inline guint
_ht_word_first (guint64 mask)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return (guint) __builtin_ctzll (mask) / 8;
#else
  return (guint) __builtin_clzll (mask) / 8;
#endif
}

/* ht_record_canonicalize() of a tree the caller gives up: values are moved
 * out of "record" into the result, and "record" is then only fit for
 * cJSON_Delete().  Every string of "record" must be valid UTF-8 (as cJSON
 * makes them of a valid text); they are not checked again. */
cJSON *_ht_record_canonicalize_take (cJSON    *record,
                                     HtIssues *issues);

/* Values shared by several kinds. */
extern const char *const ht_values_prior_status[];
extern const char *const ht_values_paper_evidence[];

/* The kinds, defined in ht-kind-*.c. */
extern const HtKind ht_kind_birth;
extern const HtKind ht_kind_marriage;
extern const HtKind ht_kind_death;
extern const HtKind ht_kind_parentage;
extern const HtKind ht_kind_guardianship;
extern const HtKind ht_kind_guardianship_end;
extern const HtKind ht_kind_change;
extern const HtKind ht_kind_marital_status;
extern const HtKind ht_kind_decision_note;
extern const HtKind ht_kind_foreign_note;
extern const HtKind ht_kind_adoption;

G_END_DECLS
