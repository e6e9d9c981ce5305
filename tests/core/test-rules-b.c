/* test-rules-b.c — the death, guardianship, guardianship_end and adoption kinds.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are written with single quotes for readability and edited path by
 * path from a valid base, so each case shows only what it changes.  Records
 * put into the in-memory register are plain JSON (not canonicalised): the
 * rules read only what a store would hand back.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ht-record.h"
#include "ht-test-lookup.h"

#define NONE (-1)
#define ERR  HT_SEVERITY_ERROR
#define WARN HT_SEVERITY_WARNING

#define SIGNER "'signer':{'full_name':'Lê Văn Tâm','position':'Chủ tịch UBND phường'}"

/* ---- Helpers ---- */

static char *
dq (const char *s)
{
  return s ? g_strdelimit (g_strdup (s), "'", '"') : NULL;
}

/* The member "seg" ("ward", "consents[1]") of node, created when missing. */
static cJSON *
step (cJSON      *node,
      const char *seg)
{
  const char *br = strchr (seg, '[');
  g_autofree char *name = br ? g_strndup (seg, br - seg) : g_strdup (seg);
  cJSON *child = cJSON_GetObjectItemCaseSensitive (node, name);

  if (child == NULL && br == NULL)
    child = cJSON_AddObjectToObject (node, name);
  if (br != NULL && child != NULL)
    child = cJSON_GetArrayItem (child, atoi (br + 1));
  return child;
}

/* Sets a dotted path to JSON text ('-quoted), or removes it when json is NULL. */
static void
set_path (cJSON      *root,
          const char *path,
          const char *json)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  g_autofree char *text = dq (json);
  const char *last = parts[n - 1];
  const char *br = strchr (last, '[');
  cJSON *node = root;
  cJSON *value = text ? cJSON_Parse (text) : NULL;

  ck_assert_msg (text == NULL || value != NULL, "bad JSON value %s", json);
  for (guint i = 0; i + 1 < n; i++)
    {
      node = step (node, parts[i]);
      ck_assert_msg (node != NULL, "no %s in %s", parts[i], path);
    }
  if (br != NULL)
    {
      g_autofree char *name = g_strndup (last, br - last);
      cJSON *array = cJSON_GetObjectItemCaseSensitive (node, name);
      int idx = atoi (br + 1);

      ck_assert_msg (cJSON_IsArray (array), "no list %s", path);
      if (value != NULL && idx < cJSON_GetArraySize (array))
        cJSON_ReplaceItemInArray (array, idx, value);
      else if (value != NULL)
        cJSON_AddItemToArray (array, value);
      else
        cJSON_DeleteItemFromArray (array, idx);
      return;
    }
  cJSON_DeleteItemFromObjectCaseSensitive (node, last);
  if (value != NULL)
    cJSON_AddItemToObject (node, last, value);
}

static cJSON *
edit_v (const char *base,
        va_list     ap)
{
  g_autofree char *text = dq (base);
  cJSON *raw = cJSON_Parse (text);
  const char *path;

  ck_assert_msg (raw != NULL, "bad JSON: %s", text);
  while ((path = va_arg (ap, const char *)) != NULL)
    set_path (raw, path, va_arg (ap, const char *));
  return raw;
}

/* Plain JSON for the register: base plus (path, value) edits, NULL-ended. */
static cJSON *
raw (const char *base,
     ...)
{
  va_list ap;
  cJSON *r;

  va_start (ap, base);
  r = edit_v (base, ap);
  va_end (ap);
  return r;
}

/* A canonical record: base plus (path, value) edits, NULL-ended. */
static cJSON *
make (const char *base,
      ...)
{
  va_list ap;
  g_autoptr(cJSON) r = NULL;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  cJSON *canon;

  va_start (ap, base);
  r = edit_v (base, ap);
  va_end (ap);
  canon = ht_record_canonicalize (r, issues);
  if (canon == NULL)
    ht_test_dump_issues (issues);
  ck_assert_msg (canon != NULL, "record does not parse");
  return canon;
}

static void
add (HtTestLookup *lk,
     cJSON        *record)
{
  ht_test_lookup_add (lk, record);
  cJSON_Delete (record);
}

/* Asserts that issue (field, code) has "severity", or is absent for NONE. */
static void
expect_at (const char   *file,
           int           line,
           cJSON        *record,
           HtTestLookup *lk,
           gboolean      digitised,
           const char   *field,
           const char   *code,
           int           severity)
{
  g_autoptr(cJSON) r = record;
  g_autoptr(HtIssues) issues = ht_test_validate (r, lk ? ht_test_lookup_get (lk) : NULL, digitised);
  HtIssue *found = NULL;

  for (guint i = 0; i < issues->len; i++)
    {
      HtIssue *is = issues->pdata[i];
      if (g_str_equal (is->code, code) && g_str_equal (is->field, field))
        found = is;
    }
  if ((severity == NONE) != (found == NULL) || (found != NULL && (int) found->severity != severity))
    {
      ht_test_dump_issues (issues);
      ck_abort_msg ("%s:%d: expected %s %s at %s", file, line,
                    severity == NONE ? "no" : severity == ERR ? "error" : "warning", code, field);
    }
}
#define expect(r, lk, field, code, sev) expect_at (__FILE__, __LINE__, r, lk, FALSE, field, code, sev)
#define expect_digitised(r, lk, field, code, sev) expect_at (__FILE__, __LINE__, r, lk, TRUE, field, code, sev)

/* Parses, validates without errors, and round-trips exactly; also after
 * the derived fields are computed. */
static void
assert_valid_round_trip (const char *json)
{
  g_autofree char *text = dq (json);
  g_autoptr(cJSON) r = ht_test_parse (text);
  g_autoptr(HtIssues) issues = ht_test_validate (r, NULL, FALSE);
  g_autoptr(HtIssues) derived = ht_issues_new ();
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;
  g_autoptr(cJSON) r2 = NULL;
  g_autoptr(cJSON) r3 = NULL;

  if (ht_issues_n_errors (issues) > 0)
    ht_test_dump_issues (issues);
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
  p1 = ht_record_print (r);
  r2 = ht_test_parse (p1);
  p2 = ht_record_print (r2);
  ck_assert_str_eq (p1, p2);

  ht_record_derive (r2, NULL, derived);
  ck_assert_uint_eq (derived->len, 0);
  g_free (p2);
  p2 = ht_record_print (r2);
  r3 = ht_test_parse (p2);
  p3 = ht_record_print (r3);
  ck_assert_str_eq (p2, p3);
}

/* Every rule and field of a kind carries its documentation. */
static void
assert_documented (const HtField *fields)
{
  for (const HtField *f = fields; f && f->name; f++)
    {
      ck_assert_msg (f->label_vi && f->label && f->source, "field %s lacks a label or source", f->name);
      if (f->children && f->children != ht_shape_paper && f->children != ht_shape_agent &&
          f->children != ht_shape_id_document)
        assert_documented (f->children);
    }
}

START_TEST (test_documented)
{
  const char *codes[] = { "death", "guardianship", "guardianship_end", "adoption", NULL };

  for (guint i = 0; codes[i]; i++)
    {
      const HtKind *k = ht_kinds_lookup (codes[i]);
      ck_assert_ptr_nonnull (k);
      ck_assert_ptr_nonnull (k->title_vi);
      ck_assert_ptr_nonnull (k->authority);
      ck_assert_ptr_nonnull (k->papers[0].code);
      assert_documented (k->fields);
      for (const HtRule *r = k->rules; r->code; r++)
        ck_assert_msg (r->source && r->summary && r->field, "%s: rule %s undocumented", codes[i], r->code);
    }
}
END_TEST

/* ================= death ================= */

#define DEATH_MIN "{'kind':'death','office':'00004','registered_on':'2026-03-10','status':'registered'," \
  "'registration_type':'new'," SIGNER ",'data':{" \
  "'deceased':{'full_name':'Nguyễn Văn Bình','birth_year':1950,'sex':'male','ethnicity':'Kinh','nationality':'Việt Nam'}," \
  "'died_at':'2026-03-01','place_of_death':'Phường Ba Đình, Thành phố Hà Nội'," \
  "'death_notice':{'type':'other_evidence','issuer':'UBND phường Ba Đình','issued_on':'2026-03-02'},'ex_officio':true}}"

#define DEATH_FULL "{'id':'d-full','kind':'death','office':'00004','book_year':2026,'number':12," \
  "'registered_on':'2026-03-10','status':'registered','registration_type':'new'," SIGNER ",'clerk':'lan.nt','data':{" \
  "'deceased':{'full_name':'Hoàng Văn Đức','date_of_birth':'1950-04-02','sex':'male','ethnicity':'Kinh'," \
  "'nationality':'Việt Nam','pin':'001050012345','id_document':{'type':'cccd','number':'001050012345'," \
  "'issuer':'Cục Cảnh sát QLHC về TTXH','issued_on':'2021-11-20'},'residence':'Số 5 phố Đội Cấn, phường Ba Đình'," \
  "'residence_unit':{'province':'01','commune':'00004','as_of':'2025-07-01'}," \
  "'birth_record':{'office_name':'UBND xã Phúc Xá','volume':'1','number':'12','registered_on':'1950-04-20'}}," \
  "'died_at':'2026-03-01T14:30','place_of_death':'Bệnh viện Bạch Mai, phường Kim Liên, Thành phố Hà Nội'," \
  "'place_of_death_unit':{'province':'01','as_of':'2025-07-01'},'cause_of_death':'Suy tim'," \
  "'death_notice':{'type':'medical','number':'35/GBT','issuer':'Bệnh viện Bạch Mai','issued_on':'2026-03-01'}," \
  "'declarant':{'full_name':'Hoàng Thị Mai','relationship':'con','id_document':{'type':'cccd','number':'001180012345'}," \
  "'residence':'Số 5 phố Đội Cấn, phường Ba Đình'},'ex_officio':false,'mobile':false,'late':false,'age_band':'5_plus'}}"

START_TEST (test_death_records)
{
  assert_valid_round_trip (DEATH_MIN);
  assert_valid_round_trip (DEATH_FULL);
  /* A re-registration with its original and papers, digitised or not. */
  assert_valid_round_trip ("{'kind':'death','office':'00004','registered_on':'2026-03-10','registration_type':'re-registration',"
                           SIGNER ",'data':{'deceased':{'full_name':'Lý Văn Ba','birth_year':1930,'sex':'male',"
                           "'ethnicity':'Tày','nationality':'Việt Nam'},'died_at':'2005-07-01','place_of_death':'Xã Phúc Xá',"
                           "'death_notice':{'type':'other_evidence','issuer':'UBND xã Phúc Xá','issued_on':'2005-07-02'},"
                           "'declarant':{'full_name':'Lý Thị Hoa','id_document':{'type':'cmnd','number':'012345678'}},"
                           "'original':{'office_name':'UBND xã Phúc Xá','number':'7','registered_on':'2005-07-05'},"
                           "'basis_papers':[{'title':'Bản sao trích lục khai tử'}]}}");
}
END_TEST

START_TEST (test_death_derived)
{
  struct { const char *path, *value, *path2, *value2, *field, *want; } cases[] = {
    { "data.died_at", "'2026-02-20T08:00'", NULL, NULL, "late", "true" },
    { "data.died_at", "'2026-02-23'", NULL, NULL, "late", "false" },          /* 15 days exactly: on time */
    { "data.died_at", "'2026-02-22'", NULL, NULL, "late", "true" },           /* 16 days */
    { "data.died_at", "'2026-01-01'", "registration_type", "'re-registration'", "late", "false" },
    { "data.deceased.birth_year", "2025", NULL, NULL, "age_band", "'1_to_4'" }, /* ⚠ from 1 January */
    { "data.deceased.birth_year", "2026", NULL, NULL, "age_band", "'under_1'" },
    { "data.deceased.birth_year", "2021", NULL, NULL, "age_band", "'5_plus'" },
    { "data.deceased.birth_year", "2022", NULL, NULL, "age_band", "'1_to_4'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(cJSON) r = make (DEATH_MIN, cases[i].path, cases[i].value, cases[i].path2, cases[i].value2, NULL);
      g_autofree char *want = dq (cases[i].want);
      g_autoptr(cJSON) expected = cJSON_Parse (want);
      g_autoptr(HtIssues) issues = ht_issues_new ();

      ht_record_derive (r, NULL, issues);
      ck_assert_msg (cJSON_Compare (cJSON_GetObjectItem (ht_record_data (r), cases[i].field), expected, TRUE),
                     "case %u: %s", i, cases[i].field);
    }
  {
    /* A date of birth counts full years; a wrong input value is warned. */
    g_autoptr(cJSON) r = make (DEATH_MIN, "data.deceased.birth_year", NULL, "data.deceased.date_of_birth",
                               "'2025-03-02'", "data.late", "true", NULL);
    g_autoptr(HtIssues) issues = ht_issues_new ();
    ht_record_derive (r, NULL, issues);
    ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItem (ht_record_data (r), "age_band")), "under_1");
    ck_assert (ht_issues_has_code (issues, "data.late", "derived_mismatch"));
  }
}
END_TEST

START_TEST (test_death_fields)
{
  /* deceased.date_of_birth / birth_year: one of them. */
  expect (make (DEATH_MIN, NULL), NULL, "data.deceased.date_of_birth", "required", NONE);
  expect (make (DEATH_MIN, "data.deceased.birth_year", NULL, NULL), NULL, "data.deceased.date_of_birth", "required", ERR);
  expect (make (DEATH_MIN, "data.deceased.birth_year", NULL, "data.deceased.date_of_birth", "'1950-01-01'", NULL),
          NULL, "data.deceased.birth_year", "required", NONE);
  expect (make (DEATH_MIN, "data.deceased.birth_year", NULL, NULL), NULL, "data.deceased.birth_year", "required", ERR);
  /* death_notice.number unless other_evidence. */
  expect (make (DEATH_MIN, NULL), NULL, "data.death_notice.number", "required", NONE);
  expect (make (DEATH_MIN, "data.death_notice.type", "'medical'", NULL), NULL, "data.death_notice.number", "required", ERR);
  /* declarant unless ex officio. */
  expect (make (DEATH_MIN, NULL), NULL, "data.declarant", "required", NONE);
  expect (make (DEATH_MIN, "data.ex_officio", "false", NULL), NULL, "data.declarant", "required", ERR);
  /* original and basis_papers for a re-registration; papers only warned for book entries. */
  expect (make (DEATH_MIN, NULL), NULL, "data.original", "required", NONE);
  expect (make (DEATH_MIN, "registration_type", "'re-registration'", NULL), NULL, "data.original", "required", ERR);
  expect (make (DEATH_MIN, NULL), NULL, "data.basis_papers", "required", NONE);
  expect (make (DEATH_MIN, "registration_type", "'re-registration'", NULL), NULL, "data.basis_papers", "required", ERR);
  expect_digitised (make (DEATH_MIN, "registration_type", "'re-registration'", NULL), NULL,
                    "data.basis_papers", "required", WARN);
  /* died_at is civil time: seconds or an offset are refused by the parser. */
  {
    g_autoptr(HtIssues) issues = ht_issues_new ();
    g_autofree char *text = dq ("{'kind':'death','data':{'died_at':'2026-03-01T14:30:00+07:00'}}");
    g_autoptr(cJSON) r = ht_record_parse (text, -1, issues);
    ck_assert_ptr_null (r);
    ck_assert (ht_issues_has_code (issues, "data.died_at", "invalid_date"));
  }
}
END_TEST

START_TEST (test_death_rules)
{
  expect (make (DEATH_MIN, NULL), NULL, "data.deceased.birth_year", "birth_date_and_year", NONE);
  expect (make (DEATH_MIN, "data.deceased.date_of_birth", "'1950-01-01'", NULL), NULL,
          "data.deceased.birth_year", "birth_date_and_year", ERR);

  expect (make (DEATH_MIN, "data.deceased.birth_year", NULL, "data.deceased.date_of_birth", "'2026-03-01'", NULL),
          NULL, "data.died_at", "died_before_birth", NONE);
  expect (make (DEATH_MIN, "data.deceased.birth_year", NULL, "data.deceased.date_of_birth", "'2026-03-02'", NULL),
          NULL, "data.died_at", "died_before_birth", ERR);
  expect (make (DEATH_MIN, "registered_on", "'2026-11-20'", "data.died_at", "'2026-11-19'",
                "data.deceased.birth_year", "2026", NULL), NULL, "data.died_at", "died_before_birth", NONE);
  expect (make (DEATH_MIN, "data.deceased.birth_year", "2027", NULL), NULL, "data.died_at", "died_before_birth", ERR);

  expect (make (DEATH_MIN, "data.died_at", "'2026-03-10T23:59'", "data.death_notice.issued_on", "'2026-03-10'", NULL),
          NULL, "data.died_at", "died_after_registration", NONE);
  expect (make (DEATH_MIN, "data.died_at", "'2026-03-11T00:10'", "data.death_notice.issued_on", "'2026-03-10'", NULL),
          NULL, "data.died_at", "died_after_registration", ERR);

  expect (make (DEATH_MIN, "data.death_notice.issued_on", "'2026-03-01'", NULL), NULL,
          "data.death_notice.issued_on", "notice_before_death", NONE);
  expect (make (DEATH_MIN, "data.death_notice.issued_on", "'2026-02-28'", NULL), NULL,
          "data.death_notice.issued_on", "notice_before_death", ERR);

  /* The personal ID number: warned when probably there. */
  expect (make (DEATH_FULL, NULL), NULL, "data.deceased.pin", "deceased_pin_expected", NONE);
  expect (make (DEATH_FULL, "data.deceased.pin", NULL, NULL), NULL, "data.deceased.pin", "deceased_pin_expected", WARN);
  expect (make (DEATH_MIN, NULL), NULL, "data.deceased.pin", "deceased_pin_expected", WARN);
  expect (make (DEATH_MIN, "data.died_at", "'2012-05-01'", "data.death_notice.issued_on", "'2012-05-02'", NULL), NULL,
          "data.deceased.pin", "deceased_pin_expected", NONE);
  expect (make (DEATH_MIN, "data.deceased.nationality", "'Lào'", NULL), NULL,
          "data.deceased.pin", "deceased_pin_expected", NONE);

  expect (make (DEATH_MIN, NULL), NULL, "data.deceased.nationality", "foreign_national", NONE);
  expect (make (DEATH_MIN, "data.deceased.nationality", "'Lào'", NULL), NULL,
          "data.deceased.nationality", "foreign_national", WARN);

  /* Re-registration only for deaths registered before 2016. */
#define DEATH_RE "registration_type", "'re-registration'", "data.died_at", "'2009-12-20'", \
  "data.death_notice.issued_on", "'2009-12-21'", "data.basis_papers", "[{'title':'Bản sao trích lục khai tử'}]"
  expect (make (DEATH_MIN, DEATH_RE, "data.original",
                "{'office_name':'UBND phường Trúc Bạch','number':'4','registered_on':'2015-12-31'}", NULL),
          NULL, "data.original.registered_on", "re_registration_too_recent", NONE);
  expect (make (DEATH_MIN, DEATH_RE, "data.original",
                "{'office_name':'UBND phường Trúc Bạch','number':'4','registered_on':'2016-01-01'}", NULL),
          NULL, "data.original.registered_on", "re_registration_too_recent", ERR);
}
END_TEST

#define DEATH_IN_REGISTER "{'id':'d-1','kind':'death','office':'00004','book_year':2025,'number':3," \
  "'registered_on':'2025-04-01','status':'registered','registration_type':'new','data':{" \
  "'deceased':{'full_name':'Hoàng Văn Đức','date_of_birth':'1950-04-02','sex':'male','pin':'001050012345'}," \
  "'died_at':'2025-03-30'}}"

START_TEST (test_death_register)
{
  g_autoptr(HtTestLookup) lk = ht_test_lookup_new ();
  g_autoptr(HtTestLookup) empty = ht_test_lookup_new ();

  add (lk, raw (DEATH_IN_REGISTER, NULL));
  /* One death per personal ID number. */
  expect (make (DEATH_FULL, NULL), empty, "data.deceased", "death_already_registered", NONE);
  expect (make (DEATH_FULL, NULL), lk, "data.deceased", "death_already_registered", ERR);
  /* The record itself, already saved, is not a second death. */
  {
    g_autoptr(HtTestLookup) self = ht_test_lookup_new ();
    add (self, raw (DEATH_IN_REGISTER, "id", "'d-full'", NULL));
    expect (make (DEATH_FULL, NULL), self, "data.deceased", "death_already_registered", NONE);
  }

  /* One death per birth record. */
  add (lk, raw ("{'id':'b-1','kind':'birth','office':'00004','book_year':1950,'number':8,'status':'registered',"
                "'data':{'child':{'full_name':'Vũ Văn Sơn','date_of_birth':'1950-02-02'}}}", NULL));
  add (lk, raw (DEATH_IN_REGISTER, "id", "'d-2'", "data.deceased", "{'full_name':'Vũ Văn Sơn','birth_record':{'id':'b-1'}}",
                NULL));
  expect (make (DEATH_MIN, "data.deceased.birth_record", "{'id':'b-1'}", NULL), empty,
          "data.deceased.birth_record", "death_already_registered", NONE);
  expect (make (DEATH_MIN, "data.deceased.birth_record", "{'id':'b-1'}", NULL), lk,
          "data.deceased.birth_record", "death_already_registered", ERR);
  expect (make (DEATH_MIN, "data.deceased.birth_record",
                "{'kind':'birth','office':'00004','book_year':1950,'number':8}", NULL), lk,
          "data.deceased.birth_record", "death_already_registered", ERR); /* the same record, named by key */
  expect (make (DEATH_MIN, "data.deceased.birth_record",
                "{'kind':'birth','office':'00004','book_year':1950,'number':9}", NULL), lk,
          "data.deceased.birth_record", "death_already_registered", NONE);

  /* Same name and date of birth, no number: probably the same. */
  expect (make (DEATH_MIN, "data.deceased.birth_year", NULL, "data.deceased.full_name", "'Hoàng Văn Đức'",
                "data.deceased.date_of_birth", "'1950-04-03'", NULL), lk,
          "data.deceased.full_name", "possible_duplicate", NONE);
  expect (make (DEATH_MIN, "data.deceased.birth_year", NULL, "data.deceased.full_name", "'HOÀNG VĂN ĐỨC'",
                "data.deceased.date_of_birth", "'1950-04-02'", NULL), lk,
          "data.deceased.full_name", "possible_duplicate", WARN);

  /* A re-registration at the original office. */
  add (lk, raw ("{'id':'o-same','kind':'death','office':'00004','book_year':2010,'number':1,'registered_on':'2010-01-05',"
                "'status':'registered','data':{'deceased':{'full_name':'Ông A'}}}", NULL));
  add (lk, raw ("{'id':'o-other','kind':'death','office':'00008','book_year':2010,'number':1,'registered_on':'2010-01-05',"
                "'status':'registered','data':{'deceased':{'full_name':'Ông B'}}}", NULL));
  add (lk, raw ("{'id':'o-merged','kind':'death','office':'00001','book_year':2010,'number':1,'registered_on':'2010-01-05',"
                "'status':'registered','data':{'deceased':{'full_name':'Ông C'}}}", NULL));
  expect (make (DEATH_MIN, DEATH_RE, "data.original", "{'id':'o-same'}", NULL), lk,
          "data.original", "re_registration_other_office", NONE);
  expect (make (DEATH_MIN, DEATH_RE, "data.original", "{'id':'o-other'}", NULL), lk,
          "data.original", "re_registration_other_office", ERR);
  expect (make (DEATH_MIN, DEATH_RE, "data.original", "{'id':'o-merged'}", NULL), lk,
          "data.original", "re_registration_other_office", WARN);
  /* The date of a resolved original comes from the register. */
  expect (make (DEATH_MIN, DEATH_RE, "data.original", "{'id':'o-other'}", NULL), lk,
          "data.original.registered_on", "re_registration_too_recent", NONE);
}
END_TEST

/* ================= guardianship ================= */

#define GUARDIAN "{'full_name':'Trần Văn Hùng','date_of_birth':'1980-05-01','sex':'male','ethnicity':'Kinh'," \
  "'nationality':'Việt Nam','residence':'Phường Ba Đình, Hà Nội','id_document':{'type':'cccd','number':'001080012345'}}"
#define WARD "{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01','sex':'male','ethnicity':'Kinh'," \
  "'nationality':'Việt Nam','residence':'Phường Ba Đình, Hà Nội'," \
  "'birth_record':{'office_name':'UBND phường Trúc Bạch','number':'45','registered_on':'2015-06-20'}}"

#define GUARD_MIN "{'kind':'guardianship','office':'00004','registered_on':'2026-03-10','registration_type':'appointed'," \
  SIGNER ",'data':{'guardian':" GUARDIAN ",'ward':" WARD ",'ward_status':'minor'," \
  "'appointment':{'title':'Văn bản cử người giám hộ','issuer':'UBND phường Ba Đình','issued_on':'2026-03-01'}," \
  "'declarant':{'full_name':'Trần Văn Hùng','id_document':{'type':'cccd','number':'001080012345'}}}}"

#define GUARD_FULL "{'id':'g-full','kind':'guardianship','office':'00004','book_year':2026,'number':4," \
  "'registered_on':'2026-03-10','status':'registered','registration_type':'statutory'," SIGNER ",'data':{" \
  "'guardian':{'full_name':'Trần Văn Hùng','date_of_birth':'1980-05-01','sex':'male','ethnicity':'Kinh'," \
  "'nationality':'Việt Nam','residence':'Phường Ba Đình, Hà Nội','residence_unit':{'province':'01','commune':'00004','as_of':'2025-07-01'}," \
  "'id_document':{'type':'cccd','number':'001080012345','issuer':'Cục Cảnh sát QLHC về TTXH','issued_on':'2022-01-10'}," \
  "'pin':'001080012345'}," \
  "'ward':{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01','sex':'male','ethnicity':'Kinh','nationality':'Việt Nam'," \
  "'residence':'Phường Ba Đình, Hà Nội','id_document':{'type':'can_cuoc','number':'001215012345'},'pin':'001215012345'," \
  "'birth_record':{'kind':'birth','office':'00004','book_year':2015,'number':45}}," \
  "'ward_status':'minor','capacity_decision':{'title':'Quyết định','number':'1/QĐ','issuer':'TAND','issued_on':'2025-01-01'}," \
  "'statutory_basis':'anh ruột','agreement':{'title':'Văn bản thỏa thuận','issued_on':'2026-02-01'}," \
  "'supervisor':{'full_name':'Trần Thị Nga','date_of_birth':'1978-01-01','residence':'Phường Ngọc Hà'," \
  "'id_document':{'type':'passport','number':'C1234567'}}," \
  "'previous_guardianship':{'office_name':'UBND phường Ba Đình','number':'2','registered_on':'2026-03-01'}," \
  "'declarant':{'full_name':'Trần Văn Hùng','relationship':'anh ruột','id_document':{'type':'cccd','number':'001080012345'}," \
  "'residence':'Phường Ba Đình, Hà Nội','authorisation':{'title':'Giấy ủy quyền'}}}}"

START_TEST (test_guardianship_records)
{
  assert_valid_round_trip (GUARD_MIN);
  assert_valid_round_trip (GUARD_FULL);
  /* An organisation as guardian, of an adult who lost capacity. */
  assert_valid_round_trip ("{'kind':'guardianship','office':'00004','registered_on':'2026-03-10','registration_type':'appointed',"
                           SIGNER ",'data':{'guardian_organisation':{'name':'Trung tâm Bảo trợ xã hội','address':'Hà Nội',"
                           "'representative':{'full_name':'Lê Thị Hoa','id_document':{'type':'cccd','number':'001175012345'}}},"
                           "'ward':{'full_name':'Ngô Văn Tư','date_of_birth':'1970-01-01','sex':'male','ethnicity':'Kinh',"
                           "'nationality':'Việt Nam','residence':'Hà Nội','id_document':{'type':'cmnd','number':'012345678'}},"
                           "'ward_status':'lost_capacity','capacity_decision':{'title':'Quyết định tuyên bố mất năng lực hành vi dân sự'},"
                           "'appointment':{'title':'Văn bản cử'},'declarant':{'full_name':'Lê Thị Hoa',"
                           "'id_document':{'type':'cccd','number':'001175012345'}}}}");
}
END_TEST

START_TEST (test_guardianship_fields)
{
  expect (make (GUARD_MIN, NULL), NULL, "data.guardian", "required", NONE);
  expect (make (GUARD_MIN, "data.guardian", NULL, NULL), NULL, "data.guardian", "required", ERR);
  expect (make (GUARD_MIN, NULL), NULL, "data.guardian_organisation", "required", NONE);
  expect (make (GUARD_MIN, "data.guardian", NULL, NULL), NULL, "data.guardian_organisation", "required", ERR);
  expect (make (GUARD_MIN, "data.guardian", NULL, "data.guardian_organisation",
                "{'name':'Trung tâm','address':'Hà Nội','representative':{'full_name':'Lê Thị Hoa',"
                "'id_document':{'type':'cmnd','number':'012345678'}}}", NULL),
          NULL, "data.guardian", "required", NONE);

  expect (make (GUARD_MIN, NULL), NULL, "data.ward.birth_record", "required", NONE);
  expect (make (GUARD_MIN, "data.ward.birth_record", NULL, NULL), NULL, "data.ward.birth_record", "required", ERR);
  expect (make (GUARD_MIN, "data.ward.birth_record", NULL, "data.ward.id_document",
                "{'type':'cmnd','number':'012345678'}", NULL), NULL, "data.ward.birth_record", "required", NONE);

  expect (make (GUARD_MIN, NULL), NULL, "data.capacity_decision", "required", NONE);
  expect (make (GUARD_MIN, "data.ward_status", "'cognitive_difficulty'", NULL), NULL,
          "data.capacity_decision", "required", ERR);
  expect_digitised (make (GUARD_MIN, "data.ward_status", "'cognitive_difficulty'", NULL), NULL,
                    "data.capacity_decision", "required", WARN);

  expect (make (GUARD_MIN, NULL), NULL, "data.appointment", "required", NONE);
  expect (make (GUARD_MIN, "data.appointment", NULL, NULL), NULL, "data.appointment", "required", ERR);
  expect (make (GUARD_MIN, "registration_type", "'statutory'", "data.statutory_basis", "'bà nội'",
                "data.appointment", NULL, NULL), NULL, "data.appointment", "required", NONE);

  expect (make (GUARD_MIN, NULL), NULL, "data.statutory_basis", "required", NONE);
  expect (make (GUARD_MIN, "registration_type", "'statutory'", NULL), NULL, "data.statutory_basis", "required", ERR);
}
END_TEST

START_TEST (test_guardianship_rules)
{
  expect (make (GUARD_MIN, NULL), NULL, "data.guardian_organisation", "guardian_and_organisation", NONE);
  expect (make (GUARD_MIN, "data.guardian_organisation", "{'name':'Trung tâm','address':'Hà Nội','representative':"
                "{'full_name':'Lê Thị Hoa','id_document':{'type':'cmnd','number':'012345678'}}}", NULL),
          NULL, "data.guardian_organisation", "guardian_and_organisation", ERR);

  expect (make (GUARD_MIN, "data.ward.date_of_birth", "'2008-03-11'", NULL), NULL,
          "data.ward.date_of_birth", "ward_not_minor", NONE);
  expect (make (GUARD_MIN, "data.ward.date_of_birth", "'2008-03-10'", NULL), NULL,
          "data.ward.date_of_birth", "ward_not_minor", ERR);
  expect (make (GUARD_MIN, "data.ward.date_of_birth", "'1990-01-01'", "data.ward_status", "'lost_capacity'",
                "data.capacity_decision", "{'title':'Quyết định'}", NULL), NULL,
          "data.ward.date_of_birth", "ward_not_minor", NONE);

  expect (make (GUARD_MIN, "data.guardian.date_of_birth", "'2008-03-10'", NULL), NULL,
          "data.guardian.date_of_birth", "guardian_too_young", NONE);
  expect (make (GUARD_MIN, "data.guardian.date_of_birth", "'2008-03-11'", NULL), NULL,
          "data.guardian.date_of_birth", "guardian_too_young", ERR);

  expect (make (GUARD_MIN, NULL), NULL, "data.guardian", "guardian_is_ward", NONE);
  expect (make (GUARD_MIN, "data.ward.id_document", "{'type':'cccd','number':'001080012345'}", NULL), NULL,
          "data.guardian", "guardian_is_ward", ERR);
  expect (make (GUARD_MIN, "data.guardian.full_name", "'TRẦN MINH KHOA'", "data.guardian.date_of_birth", "'2015-06-01'",
                NULL), NULL, "data.guardian", "guardian_is_ward", ERR);
}
END_TEST

#define GUARD_IN_REGISTER "{'id':'g-1','kind':'guardianship','office':'00004','book_year':2025,'number':2," \
  "'registered_on':'2025-08-01','status':'registered','registration_type':'appointed'," \
  "'review':{'state':'approved'},'data':{'guardian':{'full_name':'Trần Văn Hùng','date_of_birth':'1980-05-01'," \
  "'id_document':{'type':'cccd','number':'001080012345'}},'ward':{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01'}}}"
#define END_IN_REGISTER "{'id':'e-1','kind':'guardianship_end','office':'00004','book_year':2026,'number':1," \
  "'registered_on':'2026-02-01','status':'registered','data':{'guardianship':{'id':'g-1'},'reason':'guardian_change'," \
  "'ward':{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01'}}}"

START_TEST (test_guardianship_register)
{
  g_autoptr(HtTestLookup) lk = ht_test_lookup_new ();
  g_autoptr(HtTestLookup) dead = ht_test_lookup_new ();

  /* The lock: a dead ward or guardian. */
  add (dead, raw (DEATH_IN_REGISTER, "data.deceased", "{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01'}", NULL));
  add (dead, raw (DEATH_IN_REGISTER, "id", "'d-9'", "data.deceased", "{'full_name':'X','id_document':{'type':'cccd','number':'001080012345'}}", NULL));
  expect (make (GUARD_MIN, NULL), lk, "data.ward", "person_deceased", NONE);
  expect (make (GUARD_MIN, NULL), dead, "data.ward", "person_deceased", ERR);
  expect (make (GUARD_MIN, NULL), lk, "data.guardian", "person_deceased", NONE);
  expect (make (GUARD_MIN, NULL), dead, "data.guardian", "person_deceased", ERR);

  /* A second open guardianship of the ward. */
  expect (make (GUARD_MIN, NULL), lk, "data.ward", "second_guardianship", NONE);
  add (lk, raw (GUARD_IN_REGISTER, NULL));
  expect (make (GUARD_MIN, "data.ward.full_name", "'Trần Minh Khôi'", NULL), lk, "data.ward", "second_guardianship", NONE);
  expect (make (GUARD_MIN, NULL), lk, "data.ward", "second_guardianship", WARN);
  expect (make (GUARD_MIN, NULL), lk, "data.previous_guardianship", "previous_guardianship_missing", NONE);
  add (lk, raw (END_IN_REGISTER, NULL));
  expect (make (GUARD_MIN, NULL), lk, "data.ward", "second_guardianship", NONE);
  /* That end was for a change of guardian: the new one names it. */
  expect (make (GUARD_MIN, NULL), lk, "data.previous_guardianship", "previous_guardianship_missing", WARN);
  expect (make (GUARD_MIN, "data.previous_guardianship", "{'id':'e-1'}", NULL), lk,
          "data.previous_guardianship", "previous_guardianship_missing", NONE);
  {
    g_autoptr(HtTestLookup) followed = ht_test_lookup_new ();
    add (followed, raw (END_IN_REGISTER, NULL));
    add (followed, raw (GUARD_IN_REGISTER, "id", "'g-2'", "data.previous_guardianship", "{'id':'e-1'}", NULL));
    expect (make (GUARD_MIN, NULL), followed, "data.previous_guardianship", "previous_guardianship_missing", NONE);
  }

  /* A change of guardian names the end of the old one. */
  add (lk, raw (END_IN_REGISTER, "id", "'e-other'", "data.reason", "'other'", NULL));
  add (lk, raw (END_IN_REGISTER, "id", "'e-stranger'", "data.ward", "{'full_name':'Lê Văn A','date_of_birth':'2014-01-01'}",
                NULL));
  expect (make (GUARD_MIN, "data.previous_guardianship", "{'id':'e-1'}", NULL), lk,
          "data.previous_guardianship", "previous_guardianship_invalid", NONE);
  expect (make (GUARD_MIN, "data.previous_guardianship", "{'id':'e-other'}", NULL), lk,
          "data.previous_guardianship", "previous_guardianship_invalid", ERR);
  expect (make (GUARD_MIN, "data.previous_guardianship", "{'id':'e-stranger'}", NULL), lk,
          "data.previous_guardianship", "previous_guardianship_invalid", ERR);
  expect (make (GUARD_MIN, "data.previous_guardianship", "{'id':'g-1'}", NULL), lk,
          "data.previous_guardianship", "previous_guardianship_invalid", ERR);
}
END_TEST

/* ================= guardianship_end ================= */

#define END_GUARDIAN "{'full_name':'Trần Văn Hùng','date_of_birth':'1980-05-01','sex':'male','ethnicity':'Kinh'," \
  "'nationality':'Việt Nam','id_document':{'type':'cccd','number':'001080012345'}}"
#define END_WARD "{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01','sex':'male','ethnicity':'Kinh','nationality':'Việt Nam'}"

#define END_MIN "{'kind':'guardianship_end','office':'00004','registered_on':'2026-06-10'," SIGNER ",'data':{" \
  "'guardianship':{'office_name':'UBND phường Ba Đình','number':'2','registered_on':'2025-08-01'}," \
  "'guardian':" END_GUARDIAN ",'ward':" END_WARD ",'reason':'parents_able','basis_papers':[{'title':'Đơn đề nghị'}]," \
  "'declarant':{'full_name':'Trần Văn Hùng','id_document':{'type':'cccd','number':'001080012345'}}}}"

#define END_FULL "{'id':'e-full','kind':'guardianship_end','office':'00004','book_year':2026,'number':3," \
  "'registered_on':'2026-06-10','status':'registered','registration_type':'new'," SIGNER ",'clerk':'lan.nt','data':{" \
  "'guardianship':{'kind':'guardianship','office':'00004','book_year':2025,'number':2}," \
  "'guardian':{'full_name':'Trần Văn Hùng','date_of_birth':'1980-05-01','sex':'male','ethnicity':'Kinh'," \
  "'nationality':'Việt Nam','id_document':{'type':'cccd','number':'001080012345'},'pin':'001080012345'}," \
  "'ward':{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01','sex':'male','ethnicity':'Kinh'," \
  "'nationality':'Việt Nam','id_document':{'type':'can_cuoc','number':'001215012345'},'pin':'001215012345'}," \
  "'reason':'other','reason_text':'Người giám hộ đi công tác dài hạn ở nước ngoài'," \
  "'basis_papers':[{'title':'Đơn đề nghị','number':'1','issuer':'Ông Hùng','issued_on':'2026-06-01'}," \
  "{'title':'Văn bản thỏa thuận'}],'declarant':{'full_name':'Trần Văn Hùng','relationship':'người giám hộ'," \
  "'id_document':{'type':'cccd','number':'001080012345'},'residence':'Phường Ba Đình, Hà Nội'}}}"

START_TEST (test_end_records)
{
  assert_valid_round_trip (END_MIN);
  assert_valid_round_trip (END_FULL);
}
END_TEST

START_TEST (test_end_fields)
{
  expect (make (END_MIN, NULL), NULL, "data.reason_text", "required", NONE);
  expect (make (END_MIN, "data.reason", "'other'", NULL), NULL, "data.reason_text", "required", ERR);
  expect (make (END_MIN, NULL), NULL, "data.guardian", "required", NONE);
  expect (make (END_MIN, "data.guardian", NULL, NULL), NULL, "data.guardian", "required", ERR);
  expect (make (END_MIN, NULL), NULL, "data.guardian_organisation", "required", NONE);
  expect (make (END_MIN, "data.guardian", NULL, NULL), NULL, "data.guardian_organisation", "required", ERR);
  expect (make (END_MIN, "data.guardian", NULL, "data.guardian_organisation", "{'name':'Trung tâm','address':'Hà Nội',"
                "'representative':{'full_name':'Lê Thị Hoa','id_document':{'type':'cmnd','number':'012345678'}}}", NULL),
          NULL, "data.guardian", "required", NONE);
  expect (make (END_MIN, "data.basis_papers", NULL, NULL), NULL, "data.basis_papers", "required", ERR);
  expect_digitised (make (END_MIN, "data.basis_papers", NULL, NULL), NULL, "data.basis_papers", "required", WARN);
}
END_TEST

START_TEST (test_end_rules)
{
  expect (make (END_MIN, "data.reason", "'ward_full_capacity'", "data.ward.date_of_birth", "'2008-06-10'", NULL), NULL,
          "data.reason", "ward_still_minor", NONE);
  expect (make (END_MIN, "data.reason", "'ward_full_capacity'", "data.ward.date_of_birth", "'2008-06-11'", NULL), NULL,
          "data.reason", "ward_still_minor", ERR);
  expect (make (END_MIN, "data.reason", "'parents_able'", NULL), NULL, "data.reason", "ward_still_minor", NONE);
}
END_TEST

START_TEST (test_end_register)
{
  g_autoptr(HtTestLookup) lk = ht_test_lookup_new ();
  g_autoptr(HtTestLookup) empty = ht_test_lookup_new ();
  const char *const codes[] = {
    "guardianship_not_found", "guardianship_not_approved", "guardianship_other_office",
    "guardianship_already_ended", NULL
  };

  add (lk, raw (GUARD_IN_REGISTER, NULL));
  add (lk, raw (GUARD_IN_REGISTER, "id", "'g-pending'", "number", "5", "review", "{'state':'pending'}", NULL));
  add (lk, raw (GUARD_IN_REGISTER, "id", "'g-other'", "office", "'00008'", NULL));
  add (lk, raw (GUARD_IN_REGISTER, "id", "'g-merged'", "office", "'00001'", "registered_on", "'2024-08-01'", NULL));
  add (lk, raw (DEATH_IN_REGISTER, "id", "'d-x'", NULL));
  for (guint i = 0; codes[i]; i++)
    expect (make (END_MIN, "data.guardianship", "{'id':'g-1'}", NULL), lk, "data.guardianship", codes[i], NONE);
  expect (make (END_FULL, NULL), lk, "data.guardianship", "guardianship_not_found", NONE); /* by key */

  expect (make (END_MIN, NULL), empty, "data.guardianship", "guardianship_not_found", NONE); /* paper form */
  expect (make (END_MIN, "data.guardianship", "{'id':'g-1'}", NULL), NULL, "data.guardianship",
          "guardianship_not_found", NONE); /* no register: silent */
  expect (make (END_MIN, "data.guardianship", "{'id':'g-1'}", NULL), empty, "data.guardianship",
          "guardianship_not_found", ERR);
  expect (make (END_MIN, "data.guardianship", "{'id':'d-x'}", NULL), lk, "data.guardianship",
          "guardianship_not_found", ERR);
  expect (make (END_MIN, "data.guardianship", "{'id':'g-pending'}", NULL), lk, "data.guardianship",
          "guardianship_not_approved", ERR);
  add (lk, raw (GUARD_IN_REGISTER, "id", "'g-draft'", "status", "'draft'", "review", "{'state':'pending'}", NULL));
  expect (make (END_MIN, "data.guardianship", "{'id':'g-draft'}", NULL), lk, "data.guardianship",
          "guardianship_not_approved", ERR);
  expect (make (END_MIN, "data.guardianship", "{'id':'g-other'}", NULL), lk, "data.guardianship",
          "guardianship_other_office", ERR);
  expect (make (END_MIN, "data.guardianship", "{'id':'g-merged'}", NULL), lk, "data.guardianship",
          "guardianship_other_office", WARN);

  /* Ended once only; the end itself, once saved, does not count. */
  add (lk, raw (END_IN_REGISTER, "id", "'e-self'", NULL));
  expect (make (END_MIN, "id", "'e-self'", "data.guardianship", "{'id':'g-1'}", NULL), lk, "data.guardianship",
          "guardianship_already_ended", NONE);
  expect (make (END_MIN, "id", "'e-new'", "data.guardianship", "{'id':'g-1'}", NULL), lk, "data.guardianship",
          "guardianship_already_ended", ERR);

  /* The people are those of the guardianship. */
  expect (make (END_MIN, "data.guardianship", "{'id':'g-1'}", NULL), lk, "data.ward", "differs_from_guardianship", NONE);
  expect (make (END_MIN, "data.guardianship", "{'id':'g-1'}", NULL), lk, "data.guardian", "differs_from_guardianship", NONE);
  expect (make (END_MIN, "data.guardianship", "{'id':'g-1'}", "data.ward.date_of_birth", "'2015-06-02'", NULL), lk,
          "data.ward", "differs_from_guardianship", WARN);
  expect (make (END_MIN, "data.guardianship", "{'id':'g-1'}", "data.guardian.id_document.number", "'001080099999'",
                "data.guardian.date_of_birth", "'1980-05-02'", NULL), lk,
          "data.guardian", "differs_from_guardianship", WARN);

  /* A dead ward, an adopted ward: found in the register, else warned. */
  expect (make (END_MIN, "data.reason", "'ward_died'", NULL), NULL, "data.reason", "ward_death_not_found", NONE);
  expect (make (END_MIN, "data.reason", "'ward_died'", NULL), empty, "data.reason", "ward_death_not_found", WARN);
  expect (make (END_MIN, "data.reason", "'ward_adopted'", NULL), empty, "data.reason", "ward_adoption_not_found", WARN);
  add (lk, raw (DEATH_IN_REGISTER, "id", "'d-ward'", "data.deceased",
                "{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01'}", NULL));
  add (lk, raw ("{'id':'a-ward','kind':'adoption','office':'00004','book_year':2026,'number':1,'status':'registered',"
                "'data':{'child':{'full_name':'Trần Minh Khoa','date_of_birth':'2015-06-01'}}}", NULL));
  expect (make (END_MIN, "data.reason", "'ward_died'", NULL), lk, "data.reason", "ward_death_not_found", NONE);
  expect (make (END_MIN, "data.reason", "'ward_adopted'", NULL), lk, "data.reason", "ward_adoption_not_found", NONE);
}
END_TEST

/* ================= adoption ================= */

#define ADOPTIVE_MOTHER "{'full_name':'Phạm Thị Lan','date_of_birth':'1985-02-10','ethnicity':'Kinh','nationality':'Việt Nam'," \
  "'residence':'Phường Ba Đình, Hà Nội','id_document':{'type':'cccd','number':'001185012345'}}"
#define ADOPTED_CHILD "{'full_name':'Nguyễn Thị Mai','sex':'female','date_of_birth':'2022-01-15'," \
  "'place_of_birth':'Bệnh viện Phụ sản Hà Nội','ethnicity':'Kinh','nationality':'Việt Nam','residence':'Phường Ba Đình, Hà Nội'}"

#define ADOPT_MIN "{'kind':'adoption','office':'00004','registered_on':'2026-05-20'," SIGNER ",'data':{" \
  "'adoptive_mother':" ADOPTIVE_MOTHER ",'child':" ADOPTED_CHILD ",'relationship':'other'," \
  "'giver':{'kind':'institution','institution':{'name':'Trung tâm Bảo trợ xã hội','representative':" \
  "{'full_name':'Lê Thị Hoa','id_document':{'type':'cccd','number':'001175012345'}},'position':'Giám đốc'}}," \
  "'consents':[{'by':'guardian','on':'2026-05-10'}]}}"

#define ADOPT_FULL "{'id':'a-full','kind':'adoption','office':'00004','book_year':2026,'number':2," \
  "'registered_on':'2026-05-20','status':'registered','registration_type':'new'," SIGNER ",'clerk':'lan.nt','data':{" \
  "'adoptive_father':{'full_name':'Võ Văn Nam','date_of_birth':'1980-07-07','ethnicity':'Kinh','nationality':'Việt Nam'," \
  "'residence':'Phường Ba Đình, Hà Nội','id_document':{'type':'cccd','number':'001080054321'},'pin':'001080054321'}," \
  "'adoptive_mother':" ADOPTIVE_MOTHER "," \
  "'child':{'full_name':'Nguyễn Thị Mai','sex':'female','date_of_birth':'2022-01-15','place_of_birth':'Bệnh viện Phụ sản Hà Nội'," \
  "'place_of_birth_unit':{'province':'01','as_of':'2025-07-01'},'ethnicity':'Kinh','nationality':'Việt Nam'," \
  "'residence':'Phường Ba Đình, Hà Nội','birth_record':{'office_name':'UBND phường Kim Liên','number':'30','registered_on':'2022-02-01'}}," \
  "'relationship':'other','giver':{'kind':'birth_parents','persons':[" \
  "{'full_name':'Nguyễn Văn Tú','date_of_birth':'1990-03-03','ethnicity':'Kinh','nationality':'Việt Nam'," \
  "'residence':'Xã Phúc Xá','id_document':{'type':'cccd','number':'001090011111'}}," \
  "{'full_name':'Đỗ Thị Hạnh','date_of_birth':'1995-07-07','ethnicity':'Kinh','nationality':'Việt Nam'," \
  "'residence':'Xã Phúc Xá','id_document':{'type':'cccd','number':'001195022222'}}],'relationship':'cha mẹ đẻ'}," \
  "'consents':[{'by':'birth_father','on':'2026-05-08'},{'by':'birth_mother','on':'2026-05-08'}]," \
  "'handover_on':'2026-05-20','new_full_name':'Võ Thị Mai'}}"

START_TEST (test_adoption_records)
{
  assert_valid_round_trip (ADOPT_MIN);
  assert_valid_round_trip (ADOPT_FULL);
  assert_valid_round_trip ("{'kind':'adoption','office':'00004','registered_on':'2026-05-20','registration_type':'re-registration',"
                           SIGNER ",'data':{'adoptive_mother':" ADOPTIVE_MOTHER ",'child':" ADOPTED_CHILD ","
                           "'relationship':'other','giver':{'kind':'guardian','persons':[{'full_name':'Lê Thị Hoa',"
                           "'date_of_birth':'1975-01-01','ethnicity':'Kinh','nationality':'Việt Nam','residence':'Hà Nội',"
                           "'id_document':{'type':'cccd','number':'001175012345'}}],'relationship':'bà ngoại'},"
                           "'consents':[{'by':'guardian','on':'2024-03-01'}],'original':{'office_name':'UBND phường Trúc Bạch',"
                           "'number':'3','registered_on':'2024-03-15'},'basis_papers':[{'title':'Bản sao Giấy chứng nhận nuôi con nuôi'}]}}");
}
END_TEST

START_TEST (test_adoption_fields)
{
  const char *institution = "{'name':'Trung tâm','representative':{'full_name':'Lê Thị Hoa',"
                            "'id_document':{'type':'cmnd','number':'012345678'}},'position':'Giám đốc'}";

  expect (make (ADOPT_MIN, NULL), NULL, "data.adoptive_father", "required", NONE);
  expect (make (ADOPT_MIN, "data.adoptive_mother", NULL, NULL), NULL, "data.adoptive_father", "required", ERR);
  expect (make (ADOPT_MIN, NULL), NULL, "data.adoptive_mother", "required", NONE);
  expect (make (ADOPT_MIN, "data.adoptive_mother", NULL, NULL), NULL, "data.adoptive_mother", "required", ERR);

  expect (make (ADOPT_MIN, NULL), NULL, "data.giver.persons", "required", NONE);
  expect (make (ADOPT_MIN, "data.giver", "{'kind':'guardian','relationship':'bà ngoại'}", NULL), NULL,
          "data.giver.persons", "required", ERR);
  expect (make (ADOPT_MIN, NULL), NULL, "data.giver.institution", "required", NONE);
  expect (make (ADOPT_MIN, "data.giver.institution", NULL, NULL), NULL, "data.giver.institution", "required", ERR);
  expect (make (ADOPT_MIN, NULL), NULL, "data.giver.relationship", "required", NONE);
  expect (make (ADOPT_MIN, "data.giver.kind", "'guardian'", NULL), NULL, "data.giver.relationship", "required", ERR);
  expect (make (ADOPT_MIN, "data.giver", "{'kind':'institution'}", "data.giver.institution", institution, NULL),
          NULL, "data.giver.relationship", "required", NONE);

  expect (make (ADOPT_MIN, NULL), NULL, "data.original", "required", NONE);
  expect (make (ADOPT_MIN, "registration_type", "'re-registration'", NULL), NULL, "data.original", "required", ERR);
  expect (make (ADOPT_MIN, NULL), NULL, "data.basis_papers", "required", NONE);
  expect (make (ADOPT_MIN, "registration_type", "'re-registration'", NULL), NULL, "data.basis_papers", "required", ERR);
  expect_digitised (make (ADOPT_MIN, "registration_type", "'re-registration'", NULL), NULL,
                    "data.basis_papers", "required", WARN);
  expect (make (ADOPT_MIN, NULL), NULL, "data.de_facto_since", "required", NONE);
  expect (make (ADOPT_MIN, "registration_type", "'de_facto'", NULL), NULL, "data.de_facto_since", "required", ERR);
  expect (make (ADOPT_MIN, "data.consents", "[]", NULL), NULL, "data.consents", "too_few", ERR);
}
END_TEST

START_TEST (test_adoption_rules)
{
  /* Under 16, or under 18 for a step-parent, aunt or uncle. */
  expect (make (ADOPT_MIN, "data.child.date_of_birth", "'2010-05-21'", "data.consents[1]", "{'by':'child','on':'2026-05-10'}",
                NULL), NULL, "data.child.date_of_birth", "child_too_old", NONE);
  expect (make (ADOPT_MIN, "data.child.date_of_birth", "'2010-05-20'", NULL), NULL,
          "data.child.date_of_birth", "child_too_old", ERR);
  expect (make (ADOPT_MIN, "data.child.date_of_birth", "'2009-01-01'", "data.relationship", "'stepparent'", NULL), NULL,
          "data.child.date_of_birth", "child_too_old", NONE);
  expect (make (ADOPT_MIN, "data.child.date_of_birth", "'2008-05-20'", "data.relationship", "'aunt_uncle'", NULL), NULL,
          "data.child.date_of_birth", "child_too_old", ERR);
  /* De facto: the age when the relationship began. */
  expect (make (ADOPT_MIN, "registration_type", "'de_facto'", "data.de_facto_since", "'2005-01-01'",
                "data.child.date_of_birth", "'2000-01-01'", NULL), NULL, "data.child.date_of_birth", "child_too_old", NONE);

  /* Twenty years older, unless a step-parent, aunt or uncle. */
  expect (make (ADOPT_MIN, "data.adoptive_mother.date_of_birth", "'2002-01-15'", NULL), NULL,
          "data.adoptive_mother.date_of_birth", "adopter_age_gap", NONE);
  expect (make (ADOPT_MIN, "data.adoptive_mother.date_of_birth", "'2002-01-16'", NULL), NULL,
          "data.adoptive_mother.date_of_birth", "adopter_age_gap", ERR);
  expect (make (ADOPT_MIN, "data.adoptive_mother.date_of_birth", "'2004-01-16'", "data.relationship", "'stepparent'", NULL),
          NULL, "data.adoptive_mother.date_of_birth", "adopter_age_gap", NONE);

  /* Of age. */
  expect (make (ADOPT_MIN, "data.adoptive_mother.date_of_birth", "'2008-05-20'", "data.relationship", "'aunt_uncle'", NULL),
          NULL, "data.adoptive_mother.date_of_birth", "adopter_not_adult", NONE);
  expect (make (ADOPT_MIN, "data.adoptive_mother.date_of_birth", "'2008-05-21'", "data.relationship", "'aunt_uncle'", NULL),
          NULL, "data.adoptive_mother.date_of_birth", "adopter_not_adult", ERR);

  /* Consents: parents, else guardian; the child from 9; parents after 15 days. */
  expect (make (ADOPT_FULL, NULL), NULL, "data.consents", "parent_consent_missing", NONE);
  expect (make (ADOPT_FULL, "data.consents[1]", NULL, NULL), NULL, "data.consents", "parent_consent_missing", ERR);
  expect (make (ADOPT_FULL, "data.consents[1]", NULL, "data.giver.persons[1]", NULL, NULL), NULL,
          "data.consents", "parent_consent_missing", NONE);
  expect (make (ADOPT_FULL, "data.consents", "[{'by':'guardian','on':'2026-05-08'}]", NULL), NULL,
          "data.consents", "parent_consent_missing", ERR);
  expect (make (ADOPT_MIN, "data.consents[0].by", "'birth_mother'", NULL), NULL, "data.consents", "parent_consent_missing", ERR);

  expect (make (ADOPT_MIN, "data.child.date_of_birth", "'2017-05-21'", NULL), NULL, "data.consents", "child_consent_missing", NONE);
  expect (make (ADOPT_MIN, "data.child.date_of_birth", "'2017-05-20'", NULL), NULL, "data.consents", "child_consent_missing", ERR);
  expect (make (ADOPT_MIN, "data.child.date_of_birth", "'2017-05-20'", "data.consents[1]", "{'by':'child','on':'2026-05-11'}",
                NULL), NULL, "data.consents", "child_consent_missing", NONE);

  expect (make (ADOPT_FULL, "data.child.date_of_birth", "'2026-04-23'", NULL), NULL,
          "data.consents[1].on", "consent_too_early", NONE);
  expect (make (ADOPT_FULL, "data.child.date_of_birth", "'2026-04-24'", NULL), NULL,
          "data.consents[1].on", "consent_too_early", ERR);

  /* Registered within 20 days of the last consent. */
  expect (make (ADOPT_MIN, "data.consents[0].on", "'2026-04-30'", NULL), NULL, "registered_on", "late_after_consent", NONE);
  expect (make (ADOPT_MIN, "data.consents[0].on", "'2026-04-29'", NULL), NULL, "registered_on", "late_after_consent", WARN);
  expect (make (ADOPT_MIN, "data.consents[0].on", "'2026-04-29'", "data.consents[1]", "{'by':'guardian','on':'2026-05-01'}",
                NULL), NULL, "registered_on", "late_after_consent", NONE);

  /* De facto (NCN 50): begun before 2011, filed until 2015. */
#define DE_FACTO "registration_type", "'de_facto'", "data.child.date_of_birth", "'2000-01-01'"
  expect (make (ADOPT_MIN, DE_FACTO, "data.de_facto_since", "'2010-12-31'", NULL), NULL,
          "data.de_facto_since", "de_facto_too_recent", NONE);
  expect (make (ADOPT_MIN, DE_FACTO, "data.de_facto_since", "'2011-01-01'", NULL), NULL,
          "data.de_facto_since", "de_facto_too_recent", ERR);
  expect (make (ADOPT_MIN, DE_FACTO, "data.de_facto_since", "'2005-01-01'", "registered_on", "'2015-12-31'", NULL), NULL,
          "registered_on", "de_facto_filing_closed", NONE);
  expect (make (ADOPT_MIN, DE_FACTO, "data.de_facto_since", "'2005-01-01'", NULL), NULL,
          "registered_on", "de_facto_filing_closed", ERR);
  expect_digitised (make (ADOPT_MIN, DE_FACTO, "data.de_facto_since", "'2005-01-01'", NULL), NULL,
                    "registered_on", "de_facto_filing_closed", NONE);
}
END_TEST

#define BIRTH_OF(id, child, mother, father) "{'id':'" id "','kind':'birth','office':'00004','book_year':2000,'number':1," \
  "'registered_on':'2000-06-01','status':'registered','registration_type':'new','data':{'child':" child "," \
  "'mother':" mother ",'father':" father "}}"
#define ADOPTED_CHILD_KEY "{'full_name':'Nguyễn Thị Mai','date_of_birth':'2022-01-15'}"

START_TEST (test_adoption_register)
{
  g_autoptr(HtTestLookup) lk = ht_test_lookup_new ();
  g_autoptr(HtTestLookup) empty = ht_test_lookup_new ();

  /* The lock on each person. */
  {
    g_autoptr(HtTestLookup) dead = ht_test_lookup_new ();
    add (dead, raw (DEATH_IN_REGISTER, "data.deceased", "{'full_name':'P','id_document':{'number':'001185012345'}}", NULL));
    add (dead, raw (DEATH_IN_REGISTER, "id", "'d-c'", "data.deceased", ADOPTED_CHILD_KEY, NULL));
    add (dead, raw (DEATH_IN_REGISTER, "id", "'d-f'", "data.deceased", "{'full_name':'Q','pin':'001080054321'}", NULL));
    expect (make (ADOPT_FULL, NULL), empty, "data.adoptive_mother", "person_deceased", NONE);
    expect (make (ADOPT_FULL, NULL), dead, "data.adoptive_mother", "person_deceased", ERR);
    expect (make (ADOPT_FULL, NULL), empty, "data.adoptive_father", "person_deceased", NONE);
    expect (make (ADOPT_FULL, NULL), dead, "data.adoptive_father", "person_deceased", ERR);
    expect (make (ADOPT_FULL, NULL), empty, "data.child", "person_deceased", NONE);
    expect (make (ADOPT_FULL, NULL), dead, "data.child", "person_deceased", ERR);
  }

  /* Two adopters are spouses in the register. */
  expect (make (ADOPT_FULL, NULL), NULL, "data.adoptive_mother", "adopters_not_spouses", NONE);
  expect (make (ADOPT_FULL, NULL), empty, "data.adoptive_mother", "adopters_not_spouses", WARN);
  {
    g_autoptr(HtTestLookup) married = ht_test_lookup_new ();
    add (married, raw ("{'id':'m-1','kind':'marriage','office':'00004','book_year':2010,'number':9,'registered_on':'2010-01-01',"
                       "'status':'registered','data':{'husband':{'full_name':'Võ Văn Nam','date_of_birth':'1980-07-07',"
                       "'id_document':{'type':'cccd','number':'001080054321'}},'wife':" ADOPTIVE_MOTHER "}}", NULL));
    expect (make (ADOPT_FULL, NULL), married, "data.adoptive_mother", "adopters_not_spouses", NONE);
    add (married, raw ("{'id':'dn-div','kind':'decision_note','status':'registered','data':{'event':'divorce',"
                       "'original':{'id':'m-1'},'decision':{'effective_on':'2020-01-01'}}}", NULL));
    expect (make (ADOPT_FULL, NULL), married, "data.adoptive_mother", "adopters_not_spouses", WARN);
  }

  /* One adoption in force per child. */
  expect (make (ADOPT_MIN, NULL), lk, "data.child", "child_already_adopted", NONE);
  add (lk, raw ("{'id':'a-1','kind':'adoption','office':'00004','book_year':2024,'number':1,'status':'registered',"
                "'data':{'child':" ADOPTED_CHILD_KEY "}}", NULL));
  expect (make (ADOPT_MIN, NULL), lk, "data.child", "child_already_adopted", ERR);
  add (lk, raw ("{'id':'dn-1','kind':'decision_note','status':'registered','data':{'event':'adoption_termination',"
                "'original':{'id':'a-1'}}}", NULL));
  expect (make (ADOPT_MIN, NULL), lk, "data.child", "child_already_adopted", NONE);

  /* An open guardianship of the child is offered for ending. */
  expect (make (ADOPT_MIN, NULL), lk, "data.child", "open_guardianship", NONE);
  add (lk, raw (GUARD_IN_REGISTER, "id", "'g-c'", "data.ward", ADOPTED_CHILD_KEY, NULL));
  expect (make (ADOPT_MIN, NULL), lk, "data.child", "open_guardianship", WARN);
  add (lk, raw (END_IN_REGISTER, "id", "'e-c'", "data.guardianship", "{'id':'g-c'}", NULL));
  expect (make (ADOPT_MIN, NULL), lk, "data.child", "open_guardianship", NONE);

  /* Siblings and grandparents, through the birth records. */
  {
    g_autoptr(HtTestLookup) family = ht_test_lookup_new ();
    add (family, raw (BIRTH_OF ("b-c", ADOPTED_CHILD_KEY,
                                "{'full_name':'Lê Thị Thu','birth_year':2000,'id_document':{'type':'cccd','number':'001300099999'}}",
                                "{'full_name':'Nguyễn Văn Tú','birth_year':1958}"), NULL));
    expect (make (ADOPT_MIN, NULL), family, "data.adoptive_mother", "sibling_adoption", NONE);
    expect (make (ADOPT_MIN, NULL), family, "data.adoptive_mother", "grandparent_adoption", NONE);
    add (family, raw (BIRTH_OF ("b-m", "{'full_name':'Lê Thị Thu','date_of_birth':'2000-04-04','pin':'001300099999'}",
                                "{'full_name':'Phạm Thị Lan','birth_year':1960}", "{'full_name':'Lê Văn Hai','birth_year':1958}"),
                      NULL));
    add (family, raw (BIRTH_OF ("b-a", "{'full_name':'Phạm Thị Lan','date_of_birth':'1985-02-10'}",
                                "{'full_name':'Hồ Thị Én','birth_year':1962}", "{'full_name':'NGUYỄN VĂN TÚ','birth_year':1958}"),
                      NULL));
    expect (make (ADOPT_MIN, NULL), family, "data.adoptive_mother", "sibling_adoption", ERR);
    expect (make (ADOPT_MIN, "data.adoptive_mother.date_of_birth", "'1960-02-10'", NULL), family,
            "data.adoptive_mother", "grandparent_adoption", ERR);
    expect (make (ADOPT_MIN, "data.adoptive_mother.date_of_birth", "'1961-02-10'", NULL), family,
            "data.adoptive_mother", "grandparent_adoption", NONE);
  }

  /* A foundling takes an adoptive parent's ethnicity. */
  {
    g_autoptr(HtTestLookup) found = ht_test_lookup_new ();
    add (found, raw (BIRTH_OF ("b-f", ADOPTED_CHILD_KEY, "null", "null"), "registration_type", "'foundling'",
                     "data.parent_unknown", "'both'", NULL));
    expect (make (ADOPT_MIN, NULL), found, "data.child.ethnicity", "ethnicity_not_adopter", NONE);
    expect (make (ADOPT_MIN, "data.child.ethnicity", "'Tày'", NULL), found, "data.child.ethnicity",
            "ethnicity_not_adopter", WARN);
    expect (make (ADOPT_MIN, "data.child.ethnicity", "'Tày'", NULL), empty, "data.child.ethnicity",
            "ethnicity_not_adopter", NONE);
  }
}
END_TEST

static Suite *
rules_b_suite (void)
{
  Suite *s = suite_create ("rules-b");
  struct { const char *name; const TTest *test; } cases[] = {
    { "documented", test_documented },
    { "death-records", test_death_records },
    { "death-derived", test_death_derived },
    { "death-fields", test_death_fields },
    { "death-rules", test_death_rules },
    { "death-register", test_death_register },
    { "guardianship-records", test_guardianship_records },
    { "guardianship-fields", test_guardianship_fields },
    { "guardianship-rules", test_guardianship_rules },
    { "guardianship-register", test_guardianship_register },
    { "guardianship-end-records", test_end_records },
    { "guardianship-end-fields", test_end_fields },
    { "guardianship-end-rules", test_end_rules },
    { "guardianship-end-register", test_end_register },
    { "adoption-records", test_adoption_records },
    { "adoption-fields", test_adoption_fields },
    { "adoption-rules", test_adoption_rules },
    { "adoption-register", test_adoption_register },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_test (tc, cases[i].test);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (rules_b_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
