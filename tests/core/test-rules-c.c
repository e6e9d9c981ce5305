/* test-rules-c.c — the change, decision_note and foreign_note kinds: their
 * records parse, round-trip and validate, and every rule passes and fails.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rule is exercised by rows of a table: a fixture record, a few edits,
 * optionally the in-memory register (with one extra entry), and the issue
 * expected at an exact path, or its absence on a record without errors.
 * One looped TCase per kind runs its table.
 */
#define G_LOG_DOMAIN "test-rules-c"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "ht-record.h"
#include "ht-test-lookup.h"
#include "ht-validate.h"

/* ---- Helpers ---- */

/* Test JSON is written with single quotes, so that the Vietnamese text
 * stays readable in C string literals; no value contains an apostrophe. */
static char *
dq (const char *text)
{
  char *out = g_strdup (text);

  for (char *p = out; *p != '\0'; p++)
    if (*p == '\'')
      *p = '"';
  return out;
}

static cJSON *
J (const char *text)
{
  g_autofree char *json = dq (text);
  cJSON *j = cJSON_Parse (json);

  ck_assert_msg (j != NULL, "test JSON does not parse: %s", json);
  return j;
}

/* A canonical record, parsed as the store would. */
static cJSON *
R (const char *text)
{
  g_autofree char *json = dq (text);
  return ht_test_parse (json);
}

/* Sets the value at a dotted path ("data.items[0].from") to single-quoted
 * JSON; "null" removes a member once the record is parsed again. */
static void
set (cJSON      *root,
     const char *path,
     const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  cJSON *node = root;

  for (guint i = 0; i < n; i++)
    {
      char *bracket = strchr (parts[i], '[');
      int index = bracket ? atoi (bracket + 1) : -1;
      cJSON *next;

      if (bracket != NULL)
        *bracket = '\0';
      if (i + 1 == n && index < 0)
        {
          cJSON_DeleteItemFromObjectCaseSensitive (node, parts[i]);
          cJSON_AddItemToObject (node, parts[i], J (value));
          return;
        }
      if ((next = cJSON_GetObjectItemCaseSensitive (node, parts[i])) == NULL)
        next = cJSON_AddObjectToObject (node, parts[i]);
      if (i + 1 == n)
        {
          cJSON_ReplaceItemInArray (next, index, J (value));
          return;
        }
      node = index >= 0 ? cJSON_GetArrayItem (next, index) : next;
      ck_assert_msg (node != NULL, "test path %s does not exist", path);
    }
}

/* Re-parses the (edited) record, which must stay structurally valid, and
 * validates it with today = HOTICH_TODAY. */
static HtIssues *
check_with (const cJSON  *record,
            HtTestLookup *lookup,
            gboolean      digitised)
{
  g_autofree char *text = ht_record_print (record);
  g_autoptr(cJSON) canonical = ht_test_parse (text);

  return ht_test_validate (canonical, lookup ? ht_test_lookup_get (lookup) : NULL, digitised);
}

static void
expect_clean (HtIssues *issues)
{
  if (ht_issues_n_errors (issues) != 0)
    ht_test_dump_issues (issues);
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
}

/* Print → parse → print gives the same bytes (after one canonicalisation). */
static void
expect_round_trip (const cJSON *record)
{
  g_autofree char *first = ht_record_print (record);
  g_autoptr(cJSON) again = ht_test_parse (first);
  g_autofree char *second = ht_record_print (again);
  g_autoptr(cJSON) third = ht_test_parse (second);
  g_autofree char *fourth = ht_record_print (third);

  ck_assert_str_eq (first, second);
  ck_assert_str_eq (second, fourth);
}

/* ---- The register ---- */

#define SIGNER "'signer':{'full_name':'Lê Văn Tâm','position':'Chủ tịch UBND phường'}"
#define ENVELOPE(kind, type) \
  "'kind':'" kind "','office':'00004','registered_on':'2026-03-02','status':'registered','registration_type':'" type "'," SIGNER

static const char birth_1[] =
  "{'id':'birth-1','kind':'birth','office':'00004','book_year':2000,'number':5,'registered_on':'2000-01-20',"
  "'status':'registered','registration_type':'new'," SIGNER ",'data':{"
  "'child':{'full_name':'Nguyễn Văn An','sex':'male','date_of_birth':'2000-01-10','place_of_birth':'Bệnh viện Xanh Pôn, Hà Nội',"
  "'ethnicity':'Kinh','nationality':'Việt Nam','hometown':'Hà Nội'},"
  "'mother':{'full_name':'Trần Thị Bích','birth_year':1975,'ethnicity':'Tày','nationality':'Việt Nam','residence':'Hà Nội'},"
  "'father':{'full_name':'Nguyễn Văn Cường','birth_year':1973,'ethnicity':'Kinh','nationality':'Việt Nam','residence':'Hà Nội'},"
  "'declarant':{'full_name':'Trần Thị Bích','id_document':{'type':'cmnd','number':'012345678'}},"
  "'birth_notice':{'type':'medical','number':'12/GCS','issuer':'Bệnh viện Xanh Pôn','issued_on':'2000-01-11'}},"
  "'review':{'state':'approved'}}";

static const char birth_2[] =
  "{'id':'birth-2','kind':'birth','office':'00004','book_year':2010,'number':6,'registered_on':'2010-05-10',"
  "'status':'registered','registration_type':'new'," SIGNER ",'data':{"
  "'child':{'full_name':'Trần Văn Dũng','sex':'male','date_of_birth':'2010-05-01','place_of_birth':'Hà Nội',"
  "'ethnicity':'Kinh','nationality':'Việt Nam','hometown':'Hà Nội'},"
  "'mother':{'full_name':'Trần Thị Mai','birth_year':1988,'ethnicity':'Kinh','nationality':'Việt Nam','residence':'Hà Nội'},"
  "'parent_unknown':'father',"
  "'declarant':{'full_name':'Trần Thị Mai','id_document':{'type':'cmnd','number':'012345679'}},"
  "'birth_notice':{'type':'medical','number':'13/GCS','issuer':'Bệnh viện Xanh Pôn','issued_on':'2010-05-02'}},"
  "'review':{'state':'approved'}}";

static const char marriage_1[] =
  "{'id':'marriage-1','kind':'marriage','office':'00004','book_year':2015,'number':3,'registered_on':'2015-06-01',"
  "'status':'registered','registration_type':'new','review':{'state':'approved'},'data':{"
  "'husband':{'full_name':'Nguyễn Văn Cường','date_of_birth':'1990-04-02','pin':'001090012345'},"
  "'wife':{'full_name':'Trần Thị Bích','date_of_birth':'1995-07-01'}}}";

static const char adoption_1[] =
  "{'id':'adoption-1','kind':'adoption','office':'00004','book_year':2010,'number':1,'registered_on':'2010-02-01',"
  "'status':'registered','registration_type':'new','review':{'state':'approved'},"
  "'data':{'child':{'full_name':'Nguyễn Văn An','date_of_birth':'2000-01-10'}}}";

static const char death_1[] =
  "{'id':'death-1','kind':'death','office':'00004','book_year':2019,'number':9,'registered_on':'2019-02-01',"
  "'status':'registered','registration_type':'new','review':{'state':'approved'},"
  "'data':{'deceased':{'full_name':'Lê Thị Hoa','date_of_birth':'1930-01-01'}}}";

static const char marital_1[] =
  "{'id':'ms-1','kind':'marital_status','office':'00004','book_year':2025,'number':2,'registered_on':'2025-02-01',"
  "'status':'registered','registration_type':'new','review':{'state':'approved'},"
  "'data':{'subject':{'full_name':'Nguyễn Văn An','date_of_birth':'2000-01-10'}}}";

static void
add (HtTestLookup *lookup,
     const char   *text)
{
  g_autoptr(cJSON) r = J (text);
  ht_test_lookup_add (lookup, r);
}

/* The same entry, registered by another commune (Ngọc Hà, 00008) or by a
 * commune gone in the 2025 reform (Phúc Xá, 00001). */
static void
add_elsewhere (HtTestLookup *lookup,
               const char   *text,
               const char   *id,
               const char   *office)
{
  g_autoptr(cJSON) r = J (text);
  g_autofree char *qid = g_strdup_printf ("'%s'", id);
  g_autofree char *qoffice = g_strdup_printf ("'%s'", office);

  set (r, "id", qid);
  set (r, "office", qoffice);
  ht_test_lookup_add (lookup, r);
}

static HtTestLookup *
register_new (void)
{
  HtTestLookup *lookup = ht_test_lookup_new ();
  g_autoptr(cJSON) b1 = R (birth_1);
  g_autoptr(cJSON) b2 = R (birth_2);

  ht_test_lookup_add (lookup, b1);
  ht_test_lookup_add (lookup, b2);
  add (lookup, marriage_1);
  add (lookup, adoption_1);
  add (lookup, death_1);
  add (lookup, marital_1);
  add_elsewhere (lookup, birth_1, "birth-9", "00008");
  add_elsewhere (lookup, marriage_1, "marriage-9", "00008");
  add_elsewhere (lookup, marriage_1, "marriage-8", "00001");
  return lookup;
}

/* ---- Table-driven rule cases ---- */

typedef enum {
  ERROR,   /* the code at the field, as an error */
  WARNING, /* the code at the field, as a warning */
  ABSENT,  /* the code nowhere */
  CLEAN,   /* the code nowhere, and no error at all */
} Expect;

enum {
  REG = 1 << 0, /* validate against the register (register_new () + extra) */
  DIG = 1 << 1, /* a digitised entry */
};

typedef struct
{
  const char *base;
  const char *edits[12]; /* path, value, path, value, …, NULL */
  const char *extra;     /* one more entry in the register */
  guint       flags;
  const char *field;
  const char *code;
  Expect      expect;
} Case;

static void
run_case (const Case *c,
          int         n)
{
  g_autoptr(cJSON) r = R (c->base);
  g_autoptr(HtTestLookup) lookup = NULL;
  g_autoptr(HtIssues) issues = NULL;
  gboolean found = FALSE;

  for (guint i = 0; c->edits[i] != NULL; i += 2)
    set (r, c->edits[i], c->edits[i + 1]);
  if (c->flags & REG)
    {
      lookup = register_new ();
      if (c->extra != NULL)
        add (lookup, c->extra);
    }
  issues = check_with (r, lookup, (c->flags & DIG) != 0);

  for (guint i = 0; i < issues->len; i++)
    {
      HtIssue *is = issues->pdata[i];
      if (!g_str_equal (is->code, c->code) || (c->field != NULL && !g_str_equal (is->field, c->field)))
        continue;
      found = TRUE;
      if (c->expect == ERROR || c->expect == WARNING)
        ck_assert_msg (is->severity == (c->expect == ERROR ? HT_SEVERITY_ERROR : HT_SEVERITY_WARNING),
                       "case %d: %s at %s has the wrong severity", n, c->code, is->field);
    }
  if (found != (c->expect == ERROR || c->expect == WARNING) || (c->expect == CLEAN && ht_issues_n_errors (issues)))
    ht_test_dump_issues (issues);
  if (c->expect == ERROR || c->expect == WARNING)
    ck_assert_msg (found, "case %d: expected %s at %s", n, c->code, c->field);
  else
    ck_assert_msg (!found, "case %d: unexpected %s", n, c->code);
  if (c->expect == CLEAN)
    ck_assert_msg (ht_issues_n_errors (issues) == 0, "case %d (%s): errors on a valid record", n, c->code);
}

/* ---- change ---- */

static const char change_min[] =
  "{" ENVELOPE ("change", "change") ",'data':{'original':{'id':'birth-1'},"
  "'subject':{'full_name':'Nguyễn Văn An','date_of_birth':'2000-01-10','sex':'male','ethnicity':'Kinh',"
  "'nationality':'Việt Nam','residence':'Số 1 phố Đội Cấn, Hà Nội'},"
  "'items':[{'field':'child.full_name','from':'Nguyễn Văn An','to':'Nguyễn Hoàng An'}],"
  "'reason':'Tên trùng với người thân trong họ',"
  "'requester':{'full_name':'Nguyễn Văn An','id_document':{'type':'cccd','number':'001200012345'}}}}";

static const char change_full[] =
  "{'id':'c0ffee00-0000-4000-8000-000000000001'," ENVELOPE ("change", "change") ",'clerk':'lan.nt','data':{"
  "'original':{'kind':'birth','office':'00008','book_year':2000,'number':5},"
  "'subject':{'full_name':'Nguyễn Văn An','date_of_birth':'2000-01-10','sex':'male','ethnicity':'Kinh',"
  "'nationality':'Việt Nam','residence':'Số 1 phố Đội Cấn, Hà Nội',"
  "'id_document':{'type':'cccd','number':'001200012345','issuer':'Cục Cảnh sát QLHC về TTXH','issued_on':'2021-04-01'},"
  "'pin':'001200012345'},"
  "'items':[{'field':'child.full_name','from':'Nguyễn Văn An','to':'Nguyễn Hoàng An'},"
  "{'field':'father.full_name','from':'Nguyễn Văn Cường','to':'Lê Văn Phúc'}],"
  "'reason':'Thay đổi theo cha nuôi sau khi được nhận làm con nuôi',"
  "'basis_papers':[{'title':'Giấy chứng nhận nuôi con nuôi','number':'01','issuer':'UBND phường Ba Đình','issued_on':'2010-02-01'}],"
  "'requester':{'full_name':'Nguyễn Văn An','relationship':'bản thân',"
  "'id_document':{'type':'cccd','number':'001200012345'},'residence':'Số 1 phố Đội Cấn, Hà Nội',"
  "'authorisation':{'title':'Văn bản ủy quyền','number':'7/UQ','issuer':'Văn phòng công chứng Ba Đình','issued_on':'2026-02-20'}},"
  "'consent_parents':true,'consent_subject':true,'adoption':{'id':'adoption-1'},'notice_sent_on':'2026-03-02'}}";

#define CORRECTION "registration_type", "'correction'", "data.basis_papers", "[{'title':'Giấy chứng sinh'}]"
#define ETHNICITY "registration_type", "'ethnicity'", "data.basis_papers", "[{'title':'Giấy khai sinh của mẹ'}]", \
  "data.items[0]", "{'field':'child.ethnicity','from':'Kinh','to':'Tày'}"
#define SUPPLEMENT(item) "registration_type", "'supplement'", "data.items[0]", item
#define PAPER_REF "{'office_name':'UBND xã Phúc Xá','volume':'01','number':'5','registered_on':'1990-01-01'}"
#define FATHER_ITEM "data.items[0]", "{'field':'father.full_name','from':'Nguyễn Văn Cường','to':'Lê Văn Phúc'}"
#define EARLIER_CHANGE(state) \
  "{'id':'change-0','kind':'change','office':'00004','book_year':2010,'number':4,'registered_on':'2010-05-05'," \
  "'status':'registered','registration_type':'change','review':{'state':'" state "'},'data':{'original':{'id':'birth-1'}," \
  "'items':[{'field':'child.full_name','from':'Nguyễn Văn An','to':'Nguyễn Văn Bình'}]}}"
#define PARENTAGE \
  "{'id':'p-1','kind':'parentage','office':'00004','book_year':2020,'number':1,'registered_on':'2020-01-05'," \
  "'status':'registered','review':{'state':'approved'},'data':{'relation':'father','parent':{'full_name':'Phạm Văn Long'," \
  "'date_of_birth':'1985-03-03'},'child':{'full_name':'Trần Văn Dũng','birth_record':{'id':'birth-2'}}}}"

static const Case change_cases[] = {
  /* Rule 1: the original. */
  { change_min, { "data.original", "{'id':'ms-1'}" }, NULL, REG, "data.original", "original_wrong_kind", ERROR },
  { change_min, { NULL }, NULL, REG, NULL, "original_wrong_kind", CLEAN },
  { change_min, { "data.original", PAPER_REF }, NULL, REG, "data.original", "original_outside_register", WARNING },
  { change_min, { "data.original", PAPER_REF }, NULL, REG, NULL, "from_mismatch", CLEAN },
  { change_min, { NULL }, NULL, REG, NULL, "original_outside_register", CLEAN },
  { change_min, { "data.original", "{'id':'nowhere'}" }, NULL, REG, "data.original", "ref_unresolved", WARNING },
  /* The items against the original's kind. */
  { change_min, { "data.items[0].field", "'child.nickname'" }, NULL, REG, "data.items[0].field", "item_field_unknown", ERROR },
  { change_min, { "data.items[0].field", "'child'" }, NULL, REG, "data.items[0].field", "item_field_unknown", ERROR },
  { change_min, { NULL }, NULL, REG, NULL, "item_field_unknown", CLEAN },
  { change_min, { CORRECTION, "data.items[0]", "{'field':'late','from':'false','to':'true'}" }, NULL, REG,
    "data.items[0].field", "item_field_derived", ERROR },
  { change_min, { CORRECTION, "data.items[0]", "{'field':'child.sex','from':'male','to':'nữ'}" }, NULL, REG,
    "data.items[0].to", "item_value_invalid", ERROR },
  { change_min, { CORRECTION, "data.items[0]", "{'field':'child.date_of_birth','from':'10/01/2000','to':'2000-01-12'}" },
    NULL, REG, NULL, "item_value_invalid", CLEAN },
  { change_min, { CORRECTION }, NULL, REG, NULL, "item_field_derived", CLEAN },
  { change_min, { "data.items[0].to", "'Nguyễn Văn An'" }, NULL, 0, "data.items[0].to", "item_unchanged", ERROR },
  /* A tone mark is a real correction. */
  { change_min, { "data.items[0].to", "'Nguyễn Văn Ân'" }, NULL, 0, NULL, "item_unchanged", CLEAN },
  /* Rule 2: what a change proper may change. */
  { change_min, { "data.items[0]", "{'field':'child.sex','from':'male','to':'female'}" }, NULL, REG,
    "data.items[0].field", "change_field_not_allowed", ERROR },
  { change_min, { "data.original", "{'id':'marriage-1'}",
                  "data.items[0]", "{'field':'husband.full_name','from':'Nguyễn Văn Cường','to':'Nguyễn Văn Cương'}" },
    NULL, REG, "data.items[0].field", "change_field_not_allowed", ERROR },
  { change_min, { NULL }, NULL, REG, NULL, "change_field_not_allowed", CLEAN },
  { change_min, { FATHER_ITEM }, NULL, REG, "data.adoption", "adoption_required", ERROR },
  { change_min, { FATHER_ITEM, "data.adoption", "{'id':'adoption-1'}" }, NULL, REG, NULL, "adoption_required", CLEAN },
  { change_min, { "data.adoption", "{'id':'death-1'}" }, NULL, REG, "data.adoption", "adoption_wrong_kind", ERROR },
  { change_min, { FATHER_ITEM, "data.adoption", "{'id':'adoption-1'}" }, NULL, REG, NULL, "adoption_wrong_kind", CLEAN },
  /* Rules 3 and 5: papers ("when"); a digitised entry's book is its evidence. */
  { change_min, { "registration_type", "'correction'" }, NULL, 0, "data.basis_papers", "required", ERROR },
  { change_min, { "registration_type", "'ethnicity'" }, NULL, 0, "data.basis_papers", "required", ERROR },
  { change_min, { CORRECTION }, NULL, 0, NULL, "required", CLEAN },
  { change_min, { "registration_type", "'correction'" }, NULL, DIG, "data.basis_papers", "required", WARNING },
  /* "from" is required unless the type is supplement ("when"). */
  { change_min, { "data.items[0].from", "null" }, NULL, 0, "data.items[0].from", "required", ERROR },
  /* Rule 4: supplement. */
  { change_min, { SUPPLEMENT ("{'field':'child.ethnicity','from':'Kinh','to':'Tày'}") }, NULL, REG,
    "data.items[0].from", "supplement_has_from", ERROR },
  { change_min, { SUPPLEMENT ("{'field':'child.ethnicity','to':'Tày'}") }, NULL, REG,
    "data.items[0].field", "supplement_not_blank", ERROR },
  { change_min, { SUPPLEMENT ("{'field':'mother.pin','to':'001175012345'}") }, NULL, REG, NULL, "supplement_not_blank", CLEAN },
  { change_min, { SUPPLEMENT ("{'field':'mother.pin','to':'001175012345'}") }, NULL, REG, NULL, "supplement_has_from", CLEAN },
  /* An approved recognition fills the birth's father: no longer blank there. */
  { change_min, { SUPPLEMENT ("{'field':'father.full_name','to':'Phạm Văn Long'}"), "data.original", "{'id':'birth-2'}" },
    NULL, REG, NULL, "supplement_not_blank", CLEAN },
  { change_min, { SUPPLEMENT ("{'field':'father.full_name','to':'Phạm Văn Long'}"), "data.original", "{'id':'birth-2'}" },
    PARENTAGE, REG, "data.items[0].field", "supplement_not_blank", ERROR },
  /* Rule 5: ethnicity. */
  { change_min, { ETHNICITY, "data.items[0]", "{'field':'child.full_name','from':'Nguyễn Văn An','to':'Lò Văn An'}" },
    NULL, REG, "data.items[0].field", "not_ethnicity_field", ERROR },
  { change_min, { ETHNICITY }, NULL, REG, NULL, "not_ethnicity_field", CLEAN },
  { change_min, { ETHNICITY, "data.items[0].to", "'Mường'" }, NULL, REG, "data.items[0].to", "ethnicity_not_parent", ERROR },
  { change_min, { ETHNICITY }, NULL, REG, NULL, "ethnicity_not_parent", CLEAN },
  /* Rule 6: "from" is the effective value, folded; only approved entries count. */
  { change_min, { "data.items[0].from", "'Nguyễn Văn Anh'" }, NULL, REG, "data.items[0].from", "from_mismatch", ERROR },
  { change_min, { "data.items[0].from", "'NGUYEN VAN AN'" }, NULL, REG, NULL, "from_mismatch", CLEAN },
  { change_min, { NULL }, EARLIER_CHANGE ("pending"), REG, NULL, "from_mismatch", CLEAN },
  { change_min, { NULL }, EARLIER_CHANGE ("approved"), REG, "data.items[0].from", "from_mismatch", ERROR },
  { change_min, { "data.items[0].from", "'Nguyễn Văn Bình'" }, EARLIER_CHANGE ("approved"), REG, NULL, "from_mismatch", CLEAN },
  /* Consents (NĐ123 7.1†; BLDS 29†), by age on the registration date. */
  { change_min, { "data.subject.date_of_birth", "'2017-06-01'" }, NULL, 0, "data.consent_parents", "consent_parents_required", ERROR },
  { change_min, { "data.subject.date_of_birth", "'2017-06-01'" }, NULL, 0, NULL, "consent_subject_required", ABSENT },
  { change_min, { "data.subject.date_of_birth", "'2015-01-01'" }, NULL, 0, "data.consent_subject", "consent_subject_required", ERROR },
  { change_min, { "data.subject.date_of_birth", "'2015-01-01'", "data.consent_parents", "true", "data.consent_subject", "true" },
    NULL, 0, NULL, "consent_parents_required", CLEAN },
  { change_min, { "data.subject.date_of_birth", "'2015-01-01'", "data.consent_parents", "true", "data.consent_subject", "true" },
    NULL, 0, NULL, "consent_subject_required", CLEAN },
  { change_min, { NULL }, NULL, 0, NULL, "consent_parents_required", CLEAN },
  { change_min, { ETHNICITY, "data.subject.date_of_birth", "'2009-06-01'" }, NULL, 0,
    "data.consent_subject", "consent_subject_required", ERROR },
  { change_min, { ETHNICITY, "data.subject.date_of_birth", "'2011-06-01'" }, NULL, 0, NULL, "consent_subject_required", CLEAN },
  /* LHT 28.3: another office's original is notified. */
  { change_min, { "data.original", "{'id':'birth-9'}" }, NULL, REG, "data.notice_sent_on", "notice_required", ERROR },
  { change_min, { "data.original", "{'kind':'birth','office':'00008','book_year':2000,'number':5}" }, NULL, 0,
    "data.notice_sent_on", "notice_required", ERROR },
  { change_min, { NULL }, NULL, REG, NULL, "notice_required", CLEAN },
  { change_min, { "data.original", "{'id':'birth-9'}", "data.notice_sent_on", "'2026-03-03'" }, NULL, REG,
    NULL, "notice_required", CLEAN },
  { change_min, { "data.original", "{'id':'birth-9'}", "status", "'draft'" }, NULL, REG, NULL, "notice_required", CLEAN },
  { change_min, { "data.original", "{'id':'birth-9'}", "data.notice_sent_on", "'2026-03-01'" }, NULL, REG,
    "data.notice_sent_on", "notice_before_registration", ERROR },
  { change_min, { "data.original", "{'id':'birth-9'}", "data.notice_sent_on", "'2026-03-02'" }, NULL, REG,
    NULL, "notice_before_registration", CLEAN },
  /* Rule 9: before the 2025 reform. */
  { change_min, { "registered_on", "'2024-05-02'" }, NULL, 0, "registered_on", "district_competence", ERROR },
  { change_min, { "registered_on", "'2024-05-02'", "data.subject.date_of_birth", "'2012-01-01'",
                  "data.consent_parents", "true", "data.consent_subject", "true" }, NULL, 0, NULL, "district_competence", CLEAN },
  { change_min, { ETHNICITY, "registered_on", "'2024-05-02'" }, NULL, 0, "registered_on", "district_competence", ERROR },
  { change_min, { SUPPLEMENT ("{'field':'child.ethnicity','to':'Tày'}"), "registered_on", "'2024-05-02'" }, NULL, 0,
    NULL, "district_competence", CLEAN },
  { change_min, { NULL }, NULL, 0, NULL, "district_competence", CLEAN },
};

START_TEST (test_change_rules)
{
  run_case (&change_cases[_i], _i);
}
END_TEST

START_TEST (test_change_valid)
{
  g_autoptr(HtTestLookup) lookup = register_new ();
  g_autoptr(cJSON) min = R (change_min);
  g_autoptr(cJSON) full = R (change_full);
  g_autoptr(HtIssues) a = check_with (min, NULL, FALSE);
  g_autoptr(HtIssues) b = check_with (min, lookup, FALSE);
  g_autoptr(HtIssues) c = check_with (full, lookup, FALSE);

  expect_clean (a);
  ck_assert_uint_eq (b->len, 0);
  expect_clean (c);
  expect_round_trip (min);
  expect_round_trip (full);
  ck_assert_str_eq (ht_record_registration_type (min), "change");
}
END_TEST

/* ---- decision_note ---- */

#define DECISION(title) \
  "'decision':{'title':'" title "','number':'15/2026/QĐST','issuer':'Tòa án nhân dân khu vực 1 - Hà Nội'," \
  "'issued_on':'2026-02-10','effective_on':'2026-02-25'}"

static const char note_min[] =
  "{" ENVELOPE ("decision_note", "new") ",'data':{'event':'declared_missing'," DECISION ("Quyết định tuyên bố mất tích") ","
  "'subjects':[{'full_name':'Lê Văn Hải'}],'content':'Ghi vào Sổ hộ tịch việc tuyên bố mất tích của Lê Văn Hải.'}}";

static const char note_full[] =
  "{'id':'c0ffee00-0000-4000-8000-000000000002'," ENVELOPE ("decision_note", "new") ",'data':{'event':'parentage_determination',"
  DECISION ("Bản án xác định cha cho con") ",'notice_received_on':'2026-02-27',"
  "'subjects':[{'full_name':'Trần Văn Dũng','date_of_birth':'2010-05-01','sex':'male','pin':'001210012345'}],"
  "'original':{'id':'birth-2'},'items':[{'field':'father.full_name','to':'Phạm Văn Long'},"
  "{'field':'child.full_name','from':'Trần Văn Dũng','to':'Phạm Văn Dũng'}],"
  "'content':'Ghi vào Sổ hộ tịch việc xác định cha, mẹ, con của Trần Văn Dũng.'}}";

static const char note_divorce[] =
  "{" ENVELOPE ("decision_note", "new") ",'data':{'event':'divorce'," DECISION ("Bản án ly hôn") ","
  "'subjects':[{'full_name':'Nguyễn Văn Cường','date_of_birth':'1990-04-02','sex':'male','pin':'001090012345'},"
  "{'full_name':'Trần Thị Bích'}],'original':{'id':'marriage-1'},"
  "'content':'Ghi vào Sổ hộ tịch việc ly hôn giữa Nguyễn Văn Cường và Trần Thị Bích.'}}";

#define DECLARATION(id, number, event, extra) \
  "{'id':'dn-" id "','kind':'decision_note','office':'00004','book_year':2024,'number':" number "," \
  "'registered_on':'2024-05-02','status':'registered','data':{'event':'" event "'," \
  "'subjects':[{'full_name':'Lê Văn Hải'}]" extra "}}"
#define DEAD DECLARATION ("dead", "1", "declared_dead", "")
#define MISSING DECLARATION ("missing", "2", "declared_missing", "")
#define CANCELLING DECLARATION ("cancel", "3", "declared_missing", ",'cancels':{'id':'dn-missing'}")
#define DIVORCED \
  "{'id':'dn-1','kind':'decision_note','office':'00004','book_year':2020,'number':1,'registered_on':'2020-03-01'," \
  "'status':'registered','data':{'event':'divorce','original':{'id':'marriage-1'},'decision':{'effective_on':'2020-02-01'}}}"
#define SEX_ITEMS(items) "data.event", "'sex_redetermination'", "data.items", items
#define STRANGER "{'full_name':'Phan Thị Hạnh','date_of_birth':'1996-01-01'}"

static const Case note_cases[] = {
  /* Conditional fields ("when"). */
  { note_divorce, { "data.original", "null" }, NULL, 0, "data.original", "required", ERROR },
  { note_min, { "data.event", "'adoption_termination'" }, NULL, 0, "data.original", "required", ERROR },
  { note_min, { "data.items", "[{'field':'child.sex','to':'female'}]" }, NULL, 0, "data.original", "required", ERROR },
  { note_min, { "data.event", "'sex_redetermination'" }, NULL, 0, "data.items", "required", ERROR },
  { note_divorce, { "data.event", "'marriage_recognition'" }, NULL, 0, "data.marriage_established_on", "required", ERROR },
  { note_divorce, { "data.event", "'marriage_recognition'", "data.marriage_established_on", "'2016-01-01'" }, NULL, REG,
    NULL, "required", CLEAN },
  { note_min, { "data.event", "'declared_dead'" }, NULL, 0, "data.declared_death_date", "required", ERROR },
  { note_min, { "data.event", "'declared_dead'", "data.declared_death_date", "'2020-01-01'" }, NULL, 0, NULL, "required", CLEAN },
  { note_min, { "data.event", "'declared_dead'", "data.cancels", "{'kind':'decision_note','office':'00004','book_year':2024,'number':1}" },
    NULL, 0, NULL, "required", CLEAN },
  { note_min, { "data.content", "null" }, NULL, 0, "data.content", "required", ERROR },
  /* Rules 1, 2: the marriage. */
  { note_divorce, { "data.original", "{'id':'birth-1'}" }, NULL, REG, "data.original", "original_not_marriage", ERROR },
  { note_divorce, { NULL }, NULL, REG, NULL, "original_not_marriage", CLEAN },
  { note_divorce, { "data.original", "{'id':'marriage-9'}" }, NULL, REG, "data.original", "original_elsewhere", ERROR },
  { note_divorce, { "data.original", "{'id':'marriage-8'}" }, NULL, REG, NULL, "original_elsewhere", CLEAN },
  { note_divorce, { NULL }, NULL, REG, NULL, "original_elsewhere", CLEAN },
  { note_divorce, { "data.subjects[1]", STRANGER }, NULL, REG, "data.subjects[1].full_name", "subject_not_spouse", WARNING },
  { note_divorce, { NULL }, NULL, REG, NULL, "subject_not_spouse", CLEAN },
  { note_divorce, { NULL }, DIVORCED, REG, "data.original", "marriage_already_ended", ERROR },
  { note_divorce, { NULL }, NULL, REG, NULL, "marriage_already_ended", CLEAN },
  /* Rule 4: adoption. */
  { note_min, { "data.event", "'adoption_termination'", "data.original", "{'id':'birth-1'}" }, NULL, REG,
    "data.original", "original_not_adoption", ERROR },
  { note_min, { "data.event", "'adoption_termination'", "data.original", "{'id':'adoption-1'}" }, NULL, REG,
    NULL, "original_not_adoption", CLEAN },
  /* Rule 3: cancelling a declaration. */
  { note_divorce, { "data.cancels", "{'id':'dn-dead'}" }, DEAD, REG, "data.cancels", "cancels_not_declaration", ERROR },
  { note_min, { "data.cancels", "{'id':'dn-missing'}" }, MISSING, REG, NULL, "cancels_not_declaration", CLEAN },
  { note_min, { "data.cancels", "{'id':'dn-dead'}" }, DEAD, REG, "data.cancels", "cancels_wrong_target", ERROR },
  { note_min, { "data.cancels", "{'id':'dn-cancel'}" }, CANCELLING, REG, "data.cancels", "cancels_wrong_target", ERROR },
  { note_min, { "data.cancels", "{'id':'dn-missing'}" }, MISSING, REG, NULL, "cancels_wrong_target", CLEAN },
  { note_min, { "data.event", "'declared_dead'", "data.declared_death_date", "'2026-02-11'" }, NULL, 0,
    "data.declared_death_date", "death_date_after_decision", ERROR },
  { note_min, { "data.event", "'declared_dead'", "data.declared_death_date", "'2026-02-10'" }, NULL, 0,
    NULL, "death_date_after_decision", CLEAN },
  /* Rule 6 and the decision's dates.  In force Wednesday 25 February 2026:
   * Monday 9 March is the 8th working day after, Wednesday 4 March the 5th. */
  { note_min, { "data.decision.issued_on", "'2026-02-26'" }, NULL, 0, "data.decision.effective_on", "effective_before_issued", ERROR },
  { note_min, { NULL }, NULL, 0, NULL, "effective_before_issued", CLEAN },
  { note_min, { "data.decision.effective_on", "'2026-03-05'" }, NULL, 0, "data.decision.effective_on", "after_registration", ERROR },
  { note_min, { "registered_on", "'2026-03-10'", "data.notice_received_on", "'2026-03-09'" }, NULL, 0,
    "data.notice_received_on", "late_notice", WARNING },
  { note_min, { "registered_on", "'2026-03-10'", "data.notice_received_on", "'2026-03-04'" }, NULL, 0, NULL, "late_notice", CLEAN },
  /* Rule 5: items against the original. */
  { note_full, { SEX_ITEMS ("[{'field':'child.gender','to':'female'}]") }, NULL, REG,
    "data.items[0].field", "item_field_unknown", ERROR },
  { note_full, { NULL }, NULL, REG, NULL, "item_field_unknown", CLEAN },
  { note_full, { SEX_ITEMS ("[{'field':'late','to':'true'}]") }, NULL, REG, "data.items[0].field", "item_field_derived", ERROR },
  { note_full, { NULL }, NULL, REG, NULL, "item_field_derived", CLEAN },
  { note_full, { SEX_ITEMS ("[{'field':'child.sex','from':'male','to':'nữ'}]") }, NULL, REG,
    "data.items[0].to", "item_value_invalid", ERROR },
  { note_full, { SEX_ITEMS ("[{'field':'child.sex','from':'male','to':'female'}]") }, NULL, REG, NULL, "item_value_invalid", CLEAN },
  { note_full, { SEX_ITEMS ("[{'field':'child.sex','from':'female','to':'male'}]") }, NULL, REG,
    "data.items[0].from", "item_from_mismatch", WARNING },
  { note_full, { SEX_ITEMS ("[{'field':'child.sex','from':'male','to':'female'}]") }, NULL, REG, NULL, "item_from_mismatch", CLEAN },
};

START_TEST (test_note_rules)
{
  run_case (&note_cases[_i], _i);
}
END_TEST

START_TEST (test_note_valid)
{
  g_autoptr(HtTestLookup) lookup = register_new ();
  g_autoptr(cJSON) min = R (note_min);
  g_autoptr(cJSON) full = R (note_full);
  g_autoptr(cJSON) divorce = R (note_divorce);
  g_autoptr(HtIssues) a = check_with (min, NULL, FALSE);
  g_autoptr(HtIssues) b = check_with (full, lookup, FALSE);
  g_autoptr(HtIssues) c = check_with (divorce, lookup, FALSE);

  ck_assert_uint_eq (a->len, 0);
  expect_clean (b);
  ck_assert_uint_eq (c->len, 0);
  expect_round_trip (min);
  expect_round_trip (full);
  expect_round_trip (divorce);
}
END_TEST

/* "content" is generated when blank, and an edited text is kept. */
START_TEST (test_note_content_derived)
{
  g_autoptr(cJSON) r = R (note_divorce);
  g_autoptr(cJSON) full = R (note_full);
  g_autoptr(cJSON) edited = R (note_divorce);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(HtIssues) after = NULL;
  HtValidateOptions options;
  const char *content;

  ht_validate_options_init (&options);
  cJSON_DeleteItemFromObjectCaseSensitive (ht_record_data (r), "content");
  ht_record_derive (r, &options, issues);
  content = cJSON_GetStringValue (ht_record_get_path (r, "data.content"));
  ck_assert_ptr_nonnull (content);
  ck_assert_str_eq (content, "Ghi vào Sổ hộ tịch việc ly hôn giữa Nguyễn Văn Cường và Trần Thị Bích theo Bản án ly hôn "
                             "số 15/2026/QĐST ngày 10/02/2026 của Tòa án nhân dân khu vực 1 - Hà Nội, có hiệu lực "
                             "pháp luật ngày 25/02/2026.");
  expect_round_trip (r);
  after = check_with (r, NULL, FALSE);
  expect_clean (after);

  cJSON_DeleteItemFromObjectCaseSensitive (ht_record_data (full), "content");
  ht_record_derive (full, &options, issues);
  content = cJSON_GetStringValue (ht_record_get_path (full, "data.content"));
  ck_assert_ptr_nonnull (strstr (content, "việc xác định cha, mẹ, con của Trần Văn Dũng theo Bản án"));
  ck_assert_ptr_nonnull (strstr (content, "; Họ, chữ đệm, tên của người cha thành \"Phạm Văn Long\"; "
                                          "Họ, chữ đệm, tên của người được khai sinh từ \"Trần Văn Dũng\" "
                                          "thành \"Phạm Văn Dũng\"."));

  ht_record_derive (edited, &options, issues);
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (edited, "data.content")),
                    "Ghi vào Sổ hộ tịch việc ly hôn giữa Nguyễn Văn Cường và Trần Thị Bích.");
  ck_assert_uint_eq (issues->len, 0);
}
END_TEST

/* ---- foreign_note ---- */

#define FOREIGN_ACT(title, issued, event) \
  "'foreign_act':{'title':'" title "','issuer':'Cơ quan đăng ký hộ tịch quận Gangnam, Seoul','country':'Hàn Quốc'," \
  "'issued_on':'" issued "','event_date':'" event "'}"
#define REQUESTER "'requester':{'full_name':'Nguyễn Văn Hùng','id_document':{'type':'cccd','number':'001094012345'}}"

static const char foreign_birth[] =
  "{" ENVELOPE ("foreign_note", "new") ",'data':{'event':'birth','event_data':{"
  "'child':{'full_name':'Nguyễn Minh Khoa','sex':'male','date_of_birth':'2025-10-01',"
  "'place_of_birth':'Bệnh viện Samsung, Seoul, Hàn Quốc','ethnicity':'Kinh','nationality':'Việt Nam','hometown':'Hà Nội'},"
  "'mother':{'full_name':'Phạm Thị Lan','birth_year':1996,'ethnicity':'Kinh','nationality':'Việt Nam','residence':'Seoul, Hàn Quốc'},"
  "'father':{'full_name':'Nguyễn Văn Hùng','birth_year':1994,'ethnicity':'Kinh','nationality':'Việt Nam','residence':'Seoul, Hàn Quốc'}},"
  FOREIGN_ACT ("Giấy chứng nhận khai sinh", "2025-10-10", "2025-10-10") ",'legalised':true," REQUESTER "}}";

static const char foreign_divorce[] =
  "{'id':'fn-divorce'," ENVELOPE ("foreign_note", "new") ",'data':{'event':'divorce','event_data':{'subjects':["
  "{'full_name':'Nguyễn Văn Cường','date_of_birth':'1990-04-02','sex':'male','pin':'001090012345'},"
  "{'full_name':'Trần Thị Bích','date_of_birth':'1995-07-01','sex':'female'}]},"
  "'foreign_act':{'title':'Phán quyết ly hôn','number':'D-2025-114','issuer':'Tòa án gia đình Seoul','country':'Hàn Quốc',"
  "'issued_on':'2025-11-03','event_date':'2025-11-03'},'legalised':true,'original':{'id':'marriage-1'},"
  "'requester':{'full_name':'Nguyễn Văn Cường','relationship':'chồng','id_document':{'type':'cccd','number':'001090012345'},"
  "'residence':'Số 3 phố Kim Mã, Hà Nội'}}}";

static const char foreign_marriage[] =
  "{" ENVELOPE ("foreign_note", "new") ",'data':{'event':'marriage','event_data':{"
  "'husband':{'full_name':'Đỗ Văn Nam','date_of_birth':'2005-06-01','ethnicity':'Kinh','nationality':'Việt Nam',"
  "'residence':'Tokyo, Nhật Bản','id_document':{'type':'passport','number':'C1234567'},'prior_status':'never_married'},"
  "'wife':{'full_name':'Sato Yuki','date_of_birth':'2004-02-02','ethnicity':'Kinh','nationality':'Nhật Bản',"
  "'residence':'Tokyo, Nhật Bản','id_document':{'type':'passport','number':'TK1234567'},'prior_status':'never_married'}},"
  FOREIGN_ACT ("Giấy chứng nhận kết hôn", "2025-08-01", "2025-08-01") ",'legalised':true," REQUESTER "}}";

/* A name change settled abroad for a 15-year-old before the 2025 reform:
 * locally it would need consents, a notice to office 00008 and the
 * district; abroad, only the change kind's rules on the items hold. */
#define FOREIGN_CHANGE \
  "data.event", "'change'", "data.foreign_act.event_date", "'2024-10-10'", "data.foreign_act.issued_on", "'2024-10-10'", \
  "data.event_data", "{'original':{'id':'birth-9'},'subject':{'full_name':'Nguyễn Văn An','date_of_birth':'2009-01-10'," \
  "'sex':'male','ethnicity':'Kinh','nationality':'Việt Nam','residence':'Seoul, Hàn Quốc'}," \
  "'items':[{'field':'child.full_name','from':'Nguyễn Văn An','to':'Nguyễn Hoàng An'}],'reason':'Đổi tên ở Hàn Quốc'}"
#define ANNULLED \
  "{'id':'dn-2','kind':'decision_note','office':'00004','book_year':2021,'number':2,'registered_on':'2021-03-01'," \
  "'status':'registered','data':{'event':'marriage_annulment','original':{'id':'marriage-1'}}}"
#define ABROAD(date) "{'title':'Giấy chứng nhận kết hôn','issuer':'Tokyo','country':'Nhật Bản','issued_on':'" date "','event_date':'" date "'}"

static const Case foreign_cases[] = {
  /* Rule 1: a citizen's event. */
  { foreign_birth, { "data.event_data.child.nationality", "'Hàn Quốc'", "data.event_data.mother.nationality", "'Hàn Quốc'",
                     "data.event_data.father.nationality", "'Hàn Quốc'" }, NULL, 0, "data.event_data", "no_vietnamese_party", ERROR },
  { foreign_birth, { "data.event_data.child.nationality", "'Hàn Quốc'", "data.event_data.mother.nationality", "'Hàn Quốc'" },
    NULL, 0, NULL, "no_vietnamese_party", ABSENT },
  { foreign_birth, { "data.event_data.mother.nationality", "'Hàn Quốc'" }, NULL, 0,
    "data.event_data.nationality_agreement", "nationality_agreement_required", ERROR },
  /* Rules 1, 2: the event kind's own rules, dated by the event abroad, with its codes. */
  { foreign_birth, { "data.event_data.mother.birth_year", "2025" }, NULL, 0,
    "data.event_data.mother.birth_year", "parent_not_older", ERROR },
  { foreign_birth, { "data.event_data.child.ethnicity", "'Mường'" }, NULL, 0,
    "data.event_data.child.ethnicity", "ethnicity_not_parent", WARNING },
  /* 18 on the day abroad, 20 on this note's date: the day abroad counts. */
  { foreign_marriage, { "data.foreign_act", ABROAD ("2024-05-01") }, NULL, REG,
    "data.event_data.husband.date_of_birth", "husband_too_young", ERROR },
  { foreign_marriage, { NULL }, NULL, REG, NULL, "husband_too_young", CLEAN },
  /* Local procedure is not forwarded: no late flag, no papers for the office. */
  { foreign_marriage, { NULL }, NULL, REG, NULL, "foreign_papers_required", CLEAN },
  { foreign_birth, { "data.event_data.child.date_of_birth", "'2020-10-01'", "data.foreign_act.issued_on", "'2020-10-10'",
                     "data.foreign_act.event_date", "'2020-10-10'" }, NULL, 0, NULL, "late", CLEAN },
  { foreign_birth, { FOREIGN_CHANGE }, NULL, REG, NULL, "notice_required", CLEAN },
  { foreign_birth, { FOREIGN_CHANGE }, NULL, REG, NULL, "consent_parents_required", CLEAN },
  { foreign_birth, { FOREIGN_CHANGE }, NULL, REG, NULL, "consent_subject_required", CLEAN },
  { foreign_birth, { FOREIGN_CHANGE }, NULL, REG, NULL, "district_competence", CLEAN },
  { foreign_birth, { FOREIGN_CHANGE, "data.event_data.items[0].from", "'Nguyễn Văn Anh'" }, NULL, REG,
    "data.event_data.items[0].from", "from_mismatch", ERROR },
  /* The foreign act's dates. */
  { foreign_birth, { "data.foreign_act.event_date", "'2025-09-30'" }, NULL, 0,
    "data.foreign_act.event_date", "event_date_too_early", ERROR },
  { foreign_birth, { NULL }, NULL, 0, NULL, "event_date_too_early", CLEAN },
  { foreign_birth, { "data.foreign_act.issued_on", "'2025-10-05'" }, NULL, 0,
    "data.foreign_act.issued_on", "act_before_event", WARNING },
  { foreign_birth, { NULL }, NULL, 0, NULL, "act_before_event", CLEAN },
  /* Rule 3: divorce and annulment against the marriage here ("when" included). */
  { foreign_divorce, { "data.original", "null" }, NULL, REG, "data.original", "required", ERROR },
  { foreign_birth, { NULL }, NULL, 0, NULL, "required", CLEAN },
  { foreign_divorce, { "data.original", "{'id':'birth-1'}" }, NULL, REG, "data.original", "original_not_marriage", ERROR },
  { foreign_divorce, { NULL }, NULL, REG, NULL, "original_not_marriage", CLEAN },
  { foreign_divorce, { "data.original", "{'id':'marriage-9'}" }, NULL, REG, "data.original", "original_elsewhere", ERROR },
  { foreign_divorce, { NULL }, NULL, REG, NULL, "original_elsewhere", CLEAN },
  { foreign_divorce, { "data.event_data.subjects[1]", STRANGER }, NULL, REG,
    "data.event_data.subjects[1].full_name", "subject_not_spouse", WARNING },
  { foreign_divorce, { NULL }, NULL, REG, NULL, "subject_not_spouse", CLEAN },
  { foreign_divorce, { NULL }, ANNULLED, REG, "data.original", "marriage_already_ended", ERROR },
  { foreign_divorce, { NULL }, NULL, REG, NULL, "marriage_already_ended", CLEAN },
  /* Rule 5: legalisation; a digitised entry's book is its evidence. */
  { foreign_birth, { "data.legalised", "false" }, NULL, 0, "data.legalised", "not_legalised", ERROR },
  { foreign_birth, { "data.legalised", "false" }, NULL, DIG, "data.legalised", "not_legalised", WARNING },
  { foreign_birth, { NULL }, NULL, 0, NULL, "not_legalised", CLEAN },
};

START_TEST (test_foreign_rules)
{
  run_case (&foreign_cases[_i], _i);
}
END_TEST

START_TEST (test_foreign_valid)
{
  g_autoptr(HtTestLookup) lookup = register_new ();
  g_autoptr(cJSON) min = R (foreign_birth);
  g_autoptr(cJSON) full = R (foreign_divorce);
  g_autoptr(cJSON) marriage = R (foreign_marriage);
  g_autoptr(HtIssues) a = check_with (min, NULL, FALSE);
  g_autoptr(HtIssues) b = check_with (full, lookup, FALSE);
  g_autoptr(HtIssues) c = check_with (marriage, lookup, FALSE);

  expect_clean (a);
  ck_assert_uint_eq (b->len, 0);
  expect_clean (c);
  expect_round_trip (min);
  expect_round_trip (full);
  expect_round_trip (marriage);
}
END_TEST

/* Local procedure is not part of event_data: the parser refuses it. */
START_TEST (test_foreign_local_procedure_refused)
{
  g_autoptr(cJSON) r = R (foreign_birth);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autofree char *text = NULL;

  set (r, "data.event_data.declarant", "{'full_name':'Nguyễn Văn Hùng','id_document':{'type':'cccd','number':'001094012345'}}");
  text = ht_record_print (r);
  ck_assert_ptr_null (ht_record_parse (text, -1, issues));
  ck_assert (ht_issues_has_code (issues, "data.event_data.declarant", "unknown_field"));
}
END_TEST

/* ---- The registry entries ---- */

static void
assert_documented (const HtField *fields)
{
  for (const HtField *f = fields; f != NULL && f->name != NULL; f++)
    {
      ck_assert_msg (f->label_vi && f->label && f->source, "field %s is undocumented", f->name);
      ck_assert_msg (f->req != HT_REQ_COND || f->when != NULL, "field %s has no condition", f->name);
      if (f->children != NULL && f->children != ht_shape_paper && f->children != ht_shape_agent &&
          f->children != ht_shape_id_document)
        assert_documented (f->children);
    }
}

START_TEST (test_kinds_documented)
{
  const char *codes[] = { "change", "decision_note", "foreign_note", NULL };

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const HtKind *k = ht_kinds_lookup (codes[i]);

      ck_assert_ptr_nonnull (k);
      ck_assert (k->title_vi && k->label && k->authority && k->registration_types[0]);
      assert_documented (k->fields);
      for (const HtRule *r = k->rules; r->code != NULL; r++)
        {
          g_autofree char *top = g_strndup (r->field, strcspn (r->field, "."));
          ck_assert_msg (r->source && r->summary, "%s: rule %s undocumented", codes[i], r->code);
          /* A rule is reported on a field of the kind, or on the envelope. */
          ck_assert_msg (r->field[0] == '$' || ht_kind_find_field (k, top), "%s: rule %s names no field", codes[i], r->code);
        }
      for (const HtPaper *p = k->papers; p->code != NULL; p++)
        ck_assert_msg (p->title_vi && strstr (p->number_fmt, "%u"), "%s: paper %s", codes[i], p->code);
    }
  ck_assert_str_eq (ht_kinds_lookup ("change")->registration_types[0], "change");
}
END_TEST

/* ---- Suite ---- */

static Suite *
rules_c_suite (void)
{
  Suite *s = suite_create ("rules-c");
  struct { const char *name; const TTest *test; int n; } cases[] = {
    { "kinds-documented", test_kinds_documented, 1 },
    { "change-valid", test_change_valid, 1 },
    { "change-rules", test_change_rules, G_N_ELEMENTS (change_cases) },
    { "note-valid", test_note_valid, 1 },
    { "note-rules", test_note_rules, G_N_ELEMENTS (note_cases) },
    { "note-content-derived", test_note_content_derived, 1 },
    { "foreign-valid", test_foreign_valid, 1 },
    { "foreign-rules", test_foreign_rules, G_N_ELEMENTS (foreign_cases) },
    { "foreign-local-procedure-refused", test_foreign_local_procedure_refused, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_loop_test (tc, cases[i].test, 0, cases[i].n);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (rules_c_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
