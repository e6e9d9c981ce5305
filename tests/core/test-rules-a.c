/* test-rules-a.c — rules of marriage, marital_status and parentage.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are written with single quotes (turned into double quotes before
 * parsing) so that the JSON stays readable in C strings.  Each rule has a
 * passing and a failing case in the tables below; a case is a base record,
 * a few edits ("path=value", "~" removes), and the register it is checked
 * against.
 */
#define G_LOG_DOMAIN "test-rules-a"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ht-check-run.h"
#include "ht-record.h"
#include "ht-test-lookup.h"
#include "ht-validate.h"

/* ---- Building records ---- */

static char *
q (const char *text)
{
  char *s = g_strdup (text);

  for (char *p = s; *p; p++)
    if (*p == '\'')
      *p = '"';
  return s;
}

static cJSON *
parse_raw (const char *text)
{
  g_autofree char *json = q (text);
  cJSON *v = cJSON_Parse (json);

  ck_assert_msg (v != NULL, "test JSON does not parse: %s", json);
  return v;
}

/* Sets (or with value NULL removes) the member at a dotted path, making the
 * objects on the way. */
static void
set_path (cJSON      *root,
          const char *path,
          cJSON      *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  cJSON *node = root;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      cJSON *next = cJSON_GetObjectItemCaseSensitive (node, parts[i]);
      if (next == NULL)
        next = cJSON_AddObjectToObject (node, parts[i]);
      node = next;
    }
  cJSON_DeleteItemFromObjectCaseSensitive (node, parts[n - 1]);
  if (value != NULL)
    cJSON_AddItemToObject (node, parts[n - 1], value);
}

static cJSON *
build (const char        *base,
       const char *const *mods)
{
  g_autoptr(cJSON) root = parse_raw (base);
  char *printed;
  cJSON *record;

  for (guint i = 0; mods != NULL && mods[i] != NULL; i++)
    {
      const char *eq = strchr (mods[i], '=');
      g_autofree char *path = NULL;

      ck_assert_msg (eq != NULL, "bad edit %s", mods[i]);
      path = g_strndup (mods[i], eq - mods[i]);
      set_path (root, path, g_str_equal (eq + 1, "~") ? NULL : parse_raw (eq + 1));
    }
  printed = cJSON_PrintUnformatted (root);
  record = ht_test_parse (printed);
  cJSON_free (printed);
  return record;
}

static HtTestLookup *
make_register (const char *const *records)
{
  HtTestLookup *lookup = ht_test_lookup_new ();

  for (guint i = 0; records != NULL && records[i] != NULL; i++)
    {
      g_autoptr(cJSON) r = parse_raw (records[i]);
      ht_test_lookup_add (lookup, r);
    }
  return lookup;
}

static const HtIssue *
find_issue (HtIssues   *issues,
            const char *field,
            const char *code)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const HtIssue *is = issues->pdata[i];
      if (g_str_equal (is->code, code) && (field == NULL || g_str_equal (is->field, field)))
        return is;
    }
  return NULL;
}

/* "a" occurs in "text", before "b". */
static void
assert_before (const char *text,
               const char *a,
               const char *b)
{
  const char *pa = strstr (text, a);
  const char *pb = strstr (text, b);

  ck_assert_msg (pa != NULL && pb != NULL && pa < pb, "%s is not before %s in %s", a, b, text);
}

/* ---- Shared pieces of records ---- */

#define ENV(kind, type, reg) \
  "'kind':'" kind "','office':'00004','registered_on':'" reg "','status':'registered','registration_type':'" type \
  "','signer':{'full_name':'Lê Văn Tâm','position':'Chủ tịch UBND xã'}"
#define HOME "'residence':'Số 5 ngõ 2, phường Phúc Xá, Hà Nội'"
#define AN "'full_name':'Nguyễn Văn An','date_of_birth':'1995-05-10','id_document':{'type':'cccd','number':'001095012345'}"
#define BICH "'full_name':'Trần Thị Bích','date_of_birth':'1997-08-20','id_document':{'type':'cccd','number':'001197012345'}"
#define CUC "'full_name':'Lê Thị Cúc','date_of_birth':'1996-02-02','id_document':{'type':'cccd','number':'001196054321'}"
#define VN "'ethnicity':'Kinh','nationality':'Việt Nam'," HOME
#define REG(id, kind, year, num, reg) \
  "'id':'" id "','kind':'" kind "','office':'00004','book_year':" year ",'number':" num ",'registered_on':'" reg \
  "','status':'registered'"

/* A marriage of An and Cúc in 2020, and what may end it. */
#define M_AN_CUC "{" REG ("m-1", "marriage", "2020", "5", "2020-06-01") ",'data':{'husband':{" AN "},'wife':{" CUC "}}}"
#define M_BICH_DUNG "{" REG ("m-2", "marriage", "2018", "7", "2018-06-01") ",'data':{'husband':{'full_name':'Phạm Văn Dũng','date_of_birth':'1990-01-01'},'wife':{" BICH "}}}"
#define DIVORCE(on) "{" REG ("g-1", "decision_note", "2024", "2", "2024-07-01") ",'data':{'event':'divorce','decision':{'effective_on':'" on "'},'original':{'id':'m-1'}}}"
#define ANNULMENT "{" REG ("g-2", "decision_note", "2024", "3", "2024-07-01") ",'data':{'event':'marriage_annulment','decision':{'effective_on':'2024-06-01'},'original':{'id':'m-1'}}}"
#define CUC_DIED "{" REG ("d-1", "death", "2025", "3", "2025-01-10") ",'data':{'deceased':{" CUC "},'died_at':'2025-01-05T10:00'}}"
#define CUC_DECLARED_DEAD "{" REG ("g-3", "decision_note", "2023", "4", "2023-03-01") ",'data':{'event':'declared_dead','subjects':[{" CUC "}],'declared_death_date':'2023-01-01'}}"
#define CUC_DEAD_CANCELLED "{" REG ("g-4", "decision_note", "2024", "5", "2024-03-01") ",'data':{'event':'declared_dead','cancels':{'id':'g-3'},'subjects':[{" CUC "}]}}"
#define FOREIGN_MARRIAGE "{" REG ("f-1", "foreign_note", "2019", "1", "2019-03-01") ",'data':{'event':'marriage','event_data':{'husband':{" AN "},'wife':{" CUC "}},'foreign_act':{'event_date':'2019-01-01'}}}"
#define BICH_DIED "{" REG ("d-2", "death", "2026", "1", "2026-01-10") ",'data':{'deceased':{" BICH "},'died_at':'2026-01-05T10:00'}}"
#define AN_DIED "{" REG ("d-3", "death", "2026", "2", "2026-01-10") ",'data':{'deceased':{" AN "},'died_at':'2026-01-05T10:00'}}"

/* Bích's father Hùng, as a husband, and the register entries linking them. */
#define HUNG_HUSBAND "data.husband.full_name='Trần Văn Hùng'", "data.husband.date_of_birth='1970-01-01'", \
  "data.husband.id_document.number='001070012345'"
#define HUNG "'full_name':'Trần Văn Hùng','date_of_birth':'1970-01-01','id_document':{'type':'cccd','number':'001070012345'}"
#define BIRTH_BICH_FATHER_HUNG "{" REG ("b-1", "birth", "1997", "10", "1997-09-01") ",'data':{'child':{'full_name':'Trần Thị Bích','date_of_birth':'1997-08-20'},'father':{'full_name':'Trần Văn Hùng','birth_year':1970}}}"
#define BIRTH_BICH_MOTHER_HOA "{" REG ("b-2", "birth", "1997", "11", "1997-09-01") ",'data':{'child':{'full_name':'Trần Thị Bích','date_of_birth':'1997-08-20'},'mother':{'full_name':'Lê Thị Hoa','birth_year':1970,'id_document':{'type':'cccd','number':'001170099999'}}}}"
#define BIRTH_AN_MOTHER_HOA "{" REG ("b-3", "birth", "1995", "12", "1995-06-01") ",'data':{'child':{'full_name':'Nguyễn Văn An','date_of_birth':'1995-05-10'},'mother':{'full_name':'Lê Thị Hoa','birth_year':1970,'id_document':{'type':'cccd','number':'001170099999'}}}}"
#define BIRTH_AN_MOTHER_LAN "{" REG ("b-4", "birth", "1995", "13", "1995-06-01") ",'data':{'child':{'full_name':'Nguyễn Văn An','date_of_birth':'1995-05-10'},'mother':{'full_name':'Đỗ Thị Lan','birth_year':1972,'id_document':{'type':'cccd','number':'001172099999'}}}}"
#define PARENTAGE_HUNG_BICH "{" REG ("p-1", "parentage", "2010", "1", "2010-01-05") ",'data':{'relation':'father','parent':{" HUNG "},'child':{" BICH "}}}"
#define ADOPTION_HUNG_BICH "{" REG ("a-1", "adoption", "2005", "1", "2005-01-05") ",'data':{'adoptive_father':{" HUNG "},'child':{" BICH "}}}"

/* ---- Valid records ---- */

#define MARRIAGE_NEW "{" ENV ("marriage", "new", "2026-03-02") ",'data':{'husband':{" AN "," VN ",'prior_status':'never_married'},'wife':{" BICH "," VN ",'prior_status':'never_married'}}}"
#define MARRIAGE_FULL "{" ENV ("marriage", "new", "2026-03-02") ",'id':'m-9','book_year':2026,'number':17,'clerk':'lan.nt','data':{" \
  "'husband':{" AN ",'sex':'male'," VN ",'residence_unit':{'province':'01','commune':'00004','as_of':'2026-04-30'},'pin':'001095012345'," \
  "'prior_status':'divorced','prior_marriage':{'title':'Quyết định công nhận thuận tình ly hôn','number':'12/2024/QĐST-HNGĐ','issuer':'TAND quận Ba Đình','issued_on':'2024-05-01'}}," \
  "'wife':{" BICH ",'sex':'female'," VN ",'prior_status':'never_married'}," \
  "'foreign_papers':[{'title':'Giấy xác nhận sức khỏe tâm thần','issuer':'Bệnh viện Bạch Mai','issued_on':'2026-02-01'}],'mobile':true,'first_marriage':false}}"
#define MARRIAGE_RECOGNITION "{" ENV ("marriage", "recognition", "2026-03-02") ",'data':{'husband':{'full_name':'Nguyễn Văn Tư','birth_year':1960," VN ",'id_document':{'type':'cccd','number':'001060012345'},'prior_status':'never_married'}," \
  "'wife':{'full_name':'Lê Thị Năm','date_of_birth':'1962-01-01'," VN ",'id_document':{'type':'cccd','number':'001162012345'},'prior_status':'never_married'},'marriage_established_on':'1985-05-15','established_precision':'day'}}"
#define MARRIAGE_REDO "{" ENV ("marriage", "redo", "2026-03-02") ",'data':{'husband':{" AN "," VN ",'prior_status':'never_married'},'wife':{" BICH "," VN ",'prior_status':'never_married'}," \
  "'marriage_established_on':'2020-05-05','established_precision':'day','previous_registration':{'office_name':'UBND xã Cát Quế','number':'12','registered_on':'2020-05-05'}}}"
#define MARRIAGE_REREG "{" ENV ("marriage", "re-registration", "2026-03-02") ",'data':{'husband':{" AN "," VN ",'prior_status':'never_married'},'wife':{" BICH "," VN ",'prior_status':'never_married'}," \
  "'marriage_established_on':'2015-12-01','established_precision':'day','original':{'office_name':'UBND xã Cát Quế','volume':'01','number':'12','registered_on':'2015-12-01'}," \
  "'basis_papers':[{'title':'Sổ hộ khẩu','number':'123'}]}}"

#define MS_MIN "{" ENV ("marital_status", "new", "2026-03-02") ",'data':{'subject':{" AN ",'sex':'male'," VN "},'status':'never_married','status_text':'Chưa đăng ký kết hôn với ai.','purpose':'other','purpose_text':'Bổ sung hồ sơ xin việc'}}"
#define MS_FULL "{" ENV ("marital_status", "reissue", "2026-03-02") ",'id':'x-9','book_year':2026,'number':4,'data':{'subject':{" AN ",'sex':'male'," VN ",'pin':'001095012345'}," \
  "'period_place':'Xã Cát Quế, Hà Nội','period_from':'2015-01-01','period_to':'2019-12-31','status':'married','status_text':'Đang có vợ là bà Lê Thị Cúc.','spouse_name':'Lê Thị Cúc'," \
  "'marriage_paper':{'title':'Giấy chứng nhận kết hôn','number':'5','issuer':'UBND phường Phúc Xá','issued_on':'2020-06-01'},'purpose':'other','purpose_text':'Vay vốn ngân hàng'," \
  "'requester':{'full_name':'Lê Thị Cúc','relationship':'vợ','id_document':{'type':'cccd','number':'001196054321'}},'previous_certificate':{'office_name':'UBND phường Ba Đình','number':'3','registered_on':'2026-01-10'},'valid_until':'2026-09-02'}}"
#define MS_MARRY "{" ENV ("marital_status", "new", "2026-03-02") ",'data':{'subject':{" AN ",'sex':'male'," VN "},'status':'never_married','status_text':'Chưa đăng ký kết hôn với ai.','purpose':'marriage_domestic'," \
  "'intended_spouse':{'full_name':'Trần Thị Bích','birth_year':1997,'nationality':'Việt Nam'}}}"

#define CHILD "'full_name':'Nguyễn Văn Bình','date_of_birth':'2015-04-04','sex':'male'," VN
#define PARENT "'full_name':'Nguyễn Văn An','date_of_birth':'1985-05-10','sex':'male'," VN ",'id_document':{'type':'cccd','number':'001085012345'}"
#define PARENTAGE_MIN "{" ENV ("parentage", "new", "2026-03-02") ",'data':{'relation':'father','direction':'parent_recognises_child','parent':{" PARENT "}," \
  "'child':{" CHILD ",'birth_record':{'office_name':'UBND phường Phúc Xá','number':'45','registered_on':'2015-04-20'}}," \
  "'declarant':{'full_name':'Nguyễn Văn An','id_document':{'type':'cccd','number':'001085012345'}},'evidence':'medical'," \
  "'evidence_paper':{'title':'Kết quả giám định ADN','number':'12/GĐ','issuer':'Viện Pháp y Quốc gia','issued_on':'2026-02-01'}}}"
#define WITNESS(name, doc) "{'full_name':'" name "','relationship':'hàng xóm','id_document':{'type':'cccd','number':'" doc "'}}"
#define PARENTAGE_FULL "{" ENV ("parentage", "with_birth", "2026-03-02") ",'id':'p-9','data':{'relation':'father','direction':'parent_recognises_child'," \
  "'parent':{'full_name':'Kim Min Jun','date_of_birth':'1985-05-10','sex':'male','ethnicity':'Hàn','nationality':'Hàn Quốc'," HOME ",'id_document':{'type':'passport','number':'M12345678'}}," \
  "'child':{" CHILD ",'id_document':{'type':'other','number':'45/2015','name':'Giấy khai sinh'},'pin':'001215012345','birth_record':{'kind':'birth','office':'00004','book_year':2015,'number':45}}," \
  "'declarant':{'full_name':'Kim Min Jun','relationship':'cha','id_document':{'type':'passport','number':'M12345678'}," HOME "},'evidence':'undertaking'," \
  "'witnesses':[" WITNESS ("Đỗ Văn Hải", "001080011111") "," WITNESS ("Đỗ Thị Hà", "001182022222") "]," \
  "'birth':{'kind':'birth','office':'00004','book_year':2026,'number':3},'posting_from':'2026-02-01','posting_to':'2026-02-10'}}"

static const char *const valid_records[] = {
  MARRIAGE_NEW, MARRIAGE_FULL, MARRIAGE_RECOGNITION, MARRIAGE_REDO, MARRIAGE_REREG,
  MS_MIN, MS_FULL, MS_MARRY, PARENTAGE_MIN, PARENTAGE_FULL, NULL
};

START_TEST (test_valid_round_trip)
{
  const char *base = valid_records[_i];
  g_autoptr(cJSON) record = build (base, NULL);
  g_autoptr(HtIssues) issues = ht_test_validate (record, NULL, FALSE);
  g_autofree char *first = ht_record_print (record);
  g_autoptr(cJSON) again = ht_test_parse (first);
  g_autofree char *second = ht_record_print (again);

  if (ht_issues_n_errors (issues) != 0)
    ht_test_dump_issues (issues);
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
  ck_assert_str_eq (first, second);
}
END_TEST

/* The parties keep DESIGN.md's member order in the canonical JSON. */
START_TEST (test_marriage_canonical_order)
{
  g_autoptr(cJSON) record = build (MARRIAGE_NEW, NULL);
  g_autofree char *text = ht_record_print (record);

  ck_assert_ptr_nonnull (strstr (text, "\"husband\":{\"full_name\":\"Nguyễn Văn An\",\"date_of_birth\":\"1995-05-10\","
                                       "\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\","
                                       "\"residence\":\"Số 5 ngõ 2, phường Phúc Xá, Hà Nội\","
                                       "\"id_document\":{\"type\":\"cccd\",\"number\":\"001095012345\"},"
                                       "\"prior_status\":\"never_married\"}"));
  assert_before (text, "\"husband\"", "\"wife\"");
}
END_TEST

/* ---- Derived fields ---- */

static cJSON *
derived (const char        *base,
         const char *const *mods)
{
  cJSON *record = build (base, mods);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  HtValidateOptions options;

  ht_validate_options_init (&options);
  ht_record_derive (record, &options, issues);
  ck_assert_ptr_null (find_issue (issues, NULL, "derived_mismatch"));
  return record;
}

START_TEST (test_marriage_first_marriage)
{
  const char *divorced[] = { "data.wife.prior_status='divorced'", NULL };
  g_autoptr(cJSON) first = derived (MARRIAGE_NEW, NULL);
  g_autoptr(cJSON) second = derived (MARRIAGE_NEW, divorced);

  ck_assert (cJSON_IsTrue (ht_record_get_path (first, "data.first_marriage")));
  ck_assert (cJSON_IsFalse (ht_record_get_path (second, "data.first_marriage")));
}
END_TEST

START_TEST (test_marital_status_derived)
{
  const char *end_of_month[] = { "registered_on='2026-08-31'", "data.status_text=~", NULL };
  const char *widow[] = { "data.subject.sex='female'", "data.status='widowed'", "data.status_text=~",
                          "data.spouse_death_paper={'title':'Trích lục khai tử'}", NULL };
  g_autoptr(cJSON) a = derived (MS_MIN, NULL);
  g_autoptr(cJSON) b = derived (MS_MIN, end_of_month);
  g_autoptr(cJSON) c = derived (MS_MIN, widow);
  g_autofree char *text = ht_record_print (b);

  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (a, "data.valid_until")), "2026-09-02");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (b, "data.valid_until")), "2027-02-28");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (b, "data.status_text")), "Chưa đăng ký kết hôn với ai.");
  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (c, "data.status_text")),
                    "Đã đăng ký kết hôn, nhưng chồng đã chết; hiện tại chưa đăng ký kết hôn với ai.");
  /* Derived members land where the table puts them. */
  assert_before (text, "\"status\"", "\"status_text\"");
  assert_before (text, "\"purpose_text\"", "\"valid_until\"");
}
END_TEST

/* Register-dependent rules say nothing without a register. */
START_TEST (test_silent_without_register)
{
  const char *divorced[] = { "data.husband.prior_status='divorced'", NULL };
  g_autoptr(cJSON) m = build (MARRIAGE_NEW, divorced);
  g_autoptr(HtIssues) issues = ht_test_validate (m, NULL, FALSE);

  ck_assert_ptr_null (find_issue (issues, NULL, "prior_marriage_unproven"));
  ck_assert_ptr_null (find_issue (issues, NULL, "married_in_register"));
}
END_TEST

/* ---- Rule cases ---- */

typedef struct
{
  const char *base;
  const char *mods[7];
  const char *reg[5];       /* the register, raw records */
  gboolean    fail;         /* expects code at field; otherwise no error and not that code */
  const char *field;
  const char *code;
  HtSeverity  severity;
  gboolean    digitised;
} Case;

#define E HT_SEVERITY_ERROR
#define W HT_SEVERITY_WARNING

static void
run_case (const Case *c)
{
  g_autoptr(cJSON) record = build (c->base, c->mods);
  g_autoptr(HtTestLookup) lookup = make_register (c->reg);
  g_autoptr(HtIssues) issues = ht_test_validate (record, ht_test_lookup_get (lookup), c->digitised);
  const HtIssue *found = find_issue (issues, c->field, c->code);

  if (c->fail ? (found == NULL || found->severity != c->severity)
              : (found != NULL || ht_issues_n_errors (issues) != 0))
    {
      g_autofree char *text = ht_record_print (record);
      fprintf (stderr, "case %s %s at %s; record %s\n", c->fail ? "expects" : "rejects", c->code, c->field, text);
      ht_test_dump_issues (issues);
    }
  if (c->fail)
    {
      ck_assert_msg (found != NULL, "expected %s at %s", c->code, c->field);
      ck_assert_int_eq (found->severity, c->severity);
    }
  else
    {
      ck_assert_msg (found == NULL, "unexpected %s at %s", c->code, c->field);
      ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
    }
}

#define PASS(b, f, c, ...) { .base = b, .mods = { __VA_ARGS__ }, .field = f, .code = c }
#define FAIL(b, f, c, s, ...) { .base = b, .mods = { __VA_ARGS__ }, .fail = TRUE, .field = f, .code = c, .severity = s }
#define REGISTER(...) .reg = { __VA_ARGS__ }

static const Case marriage_cases[] = {
  /* Ages on the registration date; on the established date for the other types. */
  PASS (MARRIAGE_NEW, "data.husband.date_of_birth", "husband_too_young", "data.husband.date_of_birth='2006-03-02'"),
  FAIL (MARRIAGE_NEW, "data.husband.date_of_birth", "husband_too_young", E, "data.husband.date_of_birth='2006-03-03'"),
  PASS (MARRIAGE_NEW, "data.wife.date_of_birth", "wife_too_young", "data.wife.date_of_birth='2008-03-02'"),
  FAIL (MARRIAGE_NEW, "data.wife.date_of_birth", "wife_too_young", E, "data.wife.date_of_birth='2008-03-03'"),
  FAIL (MARRIAGE_RECOGNITION, "data.husband.birth_year", "husband_too_young", E, "data.husband.birth_year=1966"),
  FAIL (MARRIAGE_RECOGNITION, "data.wife.date_of_birth", "wife_too_young", E, "data.wife.date_of_birth='1967-05-16'"),
  PASS (MARRIAGE_RECOGNITION, "data.wife.date_of_birth", "wife_too_young", "data.wife.date_of_birth='1967-05-15'"),
  /* A man and a woman. */
  PASS (MARRIAGE_NEW, "data.husband.sex", "sex_mismatch", "data.husband.sex='male'", "data.wife.sex='female'"),
  FAIL (MARRIAGE_NEW, "data.husband.sex", "sex_mismatch", E, "data.husband.sex='female'"),
  FAIL (MARRIAGE_NEW, "data.wife.sex", "sex_mismatch", E, "data.wife.sex='male'"),
  /* A date or a year of birth; a year alone only for old marriages. */
  FAIL (MARRIAGE_NEW, "data.wife.birth_year", "date_and_year", E, "data.wife.birth_year=1997"),
  PASS (MARRIAGE_RECOGNITION, "data.husband.birth_year", "date_and_year", NULL),
  FAIL (MARRIAGE_NEW, "data.husband.date_of_birth", "required", E, "data.husband.date_of_birth=~", "data.husband.birth_year=1995"),
  PASS (MARRIAGE_RECOGNITION, "data.husband.date_of_birth", "required", NULL),
  /* Parties differ. */
  FAIL (MARRIAGE_NEW, "data.wife", "same_person", E, "data.wife.id_document.number='001095012345'"),
  FAIL (MARRIAGE_NEW, "data.wife", "same_person", E, "data.wife.full_name='NGUYỄN VĂN AN'", "data.wife.date_of_birth='1995-05-10'"),
  PASS (MARRIAGE_NEW, "data.wife", "same_person", "data.wife.full_name='Nguyễn Văn An'"),
  /* Married according to the register. */
  { .base = MARRIAGE_NEW, .reg = { M_AN_CUC }, .fail = TRUE, .field = "data.husband", .code = "married_in_register", .severity = E },
  { .base = MARRIAGE_NEW, .reg = { M_BICH_DUNG }, .fail = TRUE, .field = "data.wife", .code = "married_in_register", .severity = E },
  { .base = MARRIAGE_NEW, .reg = { FOREIGN_MARRIAGE }, .fail = TRUE, .field = "data.husband", .code = "married_in_register", .severity = E },
  { .base = MARRIAGE_NEW, .reg = { M_AN_CUC, DIVORCE ("2026-06-01") }, .fail = TRUE, .field = "data.husband", .code = "married_in_register", .severity = E },
  { .base = MARRIAGE_NEW, .reg = { M_AN_CUC, CUC_DECLARED_DEAD, CUC_DEAD_CANCELLED }, .fail = TRUE, .field = "data.husband", .code = "married_in_register", .severity = E },
  { .base = MARRIAGE_NEW, .mods = { "data.husband.prior_status='divorced'" }, REGISTER (M_AN_CUC, DIVORCE ("2024-06-01")), .field = "data.husband", .code = "married_in_register" },
  { .base = MARRIAGE_NEW, REGISTER (M_AN_CUC, ANNULMENT), .field = "data.husband", .code = "married_in_register" },
  { .base = MARRIAGE_NEW, .mods = { "data.husband.prior_status='widowed'" }, REGISTER (M_AN_CUC, CUC_DIED), .field = "data.husband", .code = "married_in_register" },
  { .base = MARRIAGE_NEW, .mods = { "data.husband.prior_status='widowed'" }, REGISTER (M_AN_CUC, CUC_DECLARED_DEAD), .field = "data.husband", .code = "married_in_register" },
  /* A redo is not married to itself: the earlier entry is the same marriage. */
  { .base = MARRIAGE_REDO, .mods = { "data.previous_registration={'id':'m-2'}", "data.marriage_established_on='2018-06-01'" },
    REGISTER (M_BICH_DUNG), .field = "data.wife", .code = "married_in_register" },
  /* prior_status agrees with the register. */
  { .base = MARRIAGE_NEW, REGISTER (M_AN_CUC, DIVORCE ("2024-06-01")), .fail = TRUE, .field = "data.husband.prior_status", .code = "prior_status_mismatch", .severity = E },
  { .base = MARRIAGE_NEW, .mods = { "data.husband.prior_status='divorced'" }, REGISTER (M_AN_CUC, CUC_DIED), .fail = TRUE, .field = "data.husband.prior_status", .code = "prior_status_mismatch", .severity = E },
  { .base = MARRIAGE_NEW, REGISTER (M_AN_CUC, ANNULMENT), .field = "data.husband.prior_status", .code = "prior_status_mismatch" },
  /* How a divorced party's earlier marriage ended. */
  FAIL (MARRIAGE_NEW, "data.husband.prior_marriage", "prior_marriage_unproven", W, "data.husband.prior_status='divorced'"),
  PASS (MARRIAGE_NEW, "data.husband.prior_marriage", "prior_marriage_unproven", "data.husband.prior_status='divorced'",
        "data.husband.prior_marriage={'title':'Bản án ly hôn','number':'5/2020'}"),
  { .base = MARRIAGE_NEW, .mods = { "data.husband.prior_status='divorced'" }, REGISTER (M_AN_CUC, DIVORCE ("2024-06-01")), .field = "data.husband.prior_marriage", .code = "prior_marriage_unproven" },
  /* Relations the law forbids, as the register links them. */
  { .base = MARRIAGE_NEW, .mods = { HUNG_HUSBAND }, REGISTER (BIRTH_BICH_FATHER_HUNG), .fail = TRUE, .field = "data.wife", .code = "prohibited_relation", .severity = E },
  { .base = MARRIAGE_NEW, .mods = { HUNG_HUSBAND }, REGISTER (PARENTAGE_HUNG_BICH), .fail = TRUE, .field = "data.wife", .code = "prohibited_relation", .severity = E },
  { .base = MARRIAGE_NEW, .mods = { HUNG_HUSBAND }, REGISTER (ADOPTION_HUNG_BICH), .fail = TRUE, .field = "data.wife", .code = "prohibited_relation", .severity = E },
  { .base = MARRIAGE_NEW, REGISTER (BIRTH_AN_MOTHER_HOA, BIRTH_BICH_MOTHER_HOA), .fail = TRUE, .field = "data.wife", .code = "prohibited_relation", .severity = E },
  { .base = MARRIAGE_NEW, REGISTER (BIRTH_AN_MOTHER_LAN, BIRTH_BICH_MOTHER_HOA, BIRTH_BICH_FATHER_HUNG), .field = "data.wife", .code = "prohibited_relation" },
  /* A foreign party's papers; only a warning for a digitised book entry. */
  FAIL (MARRIAGE_NEW, "data.foreign_papers", "foreign_papers_required", E, "data.wife.nationality='Hàn Quốc'"),
  { .base = MARRIAGE_NEW, .mods = { "data.wife.nationality='Hàn Quốc'" }, .digitised = TRUE, .fail = TRUE, .field = "data.foreign_papers", .code = "foreign_papers_required", .severity = W },
  PASS (MARRIAGE_NEW, "data.foreign_papers", "foreign_papers_required", "data.wife.nationality='Viet Nam'"),
  PASS (MARRIAGE_NEW, "data.foreign_papers", "foreign_papers_required", "data.wife.nationality='Hàn Quốc'",
        "data.foreign_papers=[{'title':'Hộ chiếu'}]"),
  /* Recognition before 3 January 1987; a redo and a re-registration keep the earlier date. */
  FAIL (MARRIAGE_RECOGNITION, "data.marriage_established_on", "recognition_after_1987", E, "data.marriage_established_on='1987-01-03'"),
  PASS (MARRIAGE_RECOGNITION, "data.marriage_established_on", "recognition_after_1987", "data.marriage_established_on='1987-01-02'"),
  FAIL (MARRIAGE_REDO, "data.marriage_established_on", "redo_date_mismatch", E, "data.marriage_established_on='2020-05-06'"),
  PASS (MARRIAGE_REDO, "data.marriage_established_on", "redo_date_mismatch", NULL),
  FAIL (MARRIAGE_REREG, "data.marriage_established_on", "re_registration_date_mismatch", E, "data.marriage_established_on='2015-11-30'"),
  PASS (MARRIAGE_REREG, "data.marriage_established_on", "re_registration_date_mismatch", NULL),
  FAIL (MARRIAGE_REREG, "data.original.registered_on", "re_registration_too_recent", E, "data.original.registered_on='2016-01-01'",
        "data.marriage_established_on='2016-01-01'"),
  PASS (MARRIAGE_REREG, "data.original.registered_on", "re_registration_too_recent", "data.original.registered_on='2015-12-31'",
        "data.marriage_established_on='2015-12-31'"),
  /* Both alive. */
  { .base = MARRIAGE_NEW, REGISTER (BICH_DIED), .fail = TRUE, .field = "data.wife", .code = "person_deceased", .severity = E },
  { .base = MARRIAGE_NEW, REGISTER (AN_DIED), .fail = TRUE, .field = "data.husband", .code = "person_deceased", .severity = E },
  { .base = MARRIAGE_NEW, REGISTER (CUC_DIED), .field = "data.wife", .code = "person_deceased" },
  /* Unknown day or month. */
  FAIL (MARRIAGE_RECOGNITION, "data.marriage_established_on", "precision_date", E, "data.established_precision='month'"),
  PASS (MARRIAGE_RECOGNITION, "data.marriage_established_on", "precision_date", "data.established_precision='month'",
        "data.marriage_established_on='1985-05-01'"),
  FAIL (MARRIAGE_RECOGNITION, "data.marriage_established_on", "precision_date", E, "data.established_precision='year'"),
  PASS (MARRIAGE_RECOGNITION, "data.marriage_established_on", "precision_date", "data.established_precision='year'",
        "data.marriage_established_on='1985-01-01'"),
  FAIL (MARRIAGE_RECOGNITION, "data.marriage_established_on", "after_registration", E, "data.marriage_established_on='2026-03-03'"),
  /* Conditional fields. */
  FAIL (MARRIAGE_RECOGNITION, "data.marriage_established_on", "required", E, "data.marriage_established_on=~", "data.established_precision=~"),
  PASS (MARRIAGE_NEW, "data.marriage_established_on", "required", NULL),
  FAIL (MARRIAGE_RECOGNITION, "data.established_precision", "required", E, "data.established_precision=~"),
  FAIL (MARRIAGE_REREG, "data.original", "required", E, "data.original=~"),
  FAIL (MARRIAGE_REREG, "data.basis_papers", "required", E, "data.basis_papers=~"),
  { .base = MARRIAGE_REREG, .mods = { "data.basis_papers=~" }, .digitised = TRUE, .fail = TRUE, .field = "data.basis_papers", .code = "required", .severity = W },
  FAIL (MARRIAGE_REDO, "data.previous_registration", "required", E, "data.previous_registration=~"),
  PASS (MARRIAGE_NEW, "data.previous_registration", "required", NULL),
};

static const Case marital_status_cases[] = {
  /* For a marriage: of age on the issue date, and not married. */
  FAIL (MS_MARRY, "data.subject.date_of_birth", "subject_too_young", E, "data.subject.date_of_birth='2006-03-03'"),
  PASS (MS_MARRY, "data.subject.date_of_birth", "subject_too_young", "data.subject.date_of_birth='2006-03-02'"),
  FAIL (MS_MARRY, "data.subject.date_of_birth", "subject_too_young", E, "data.subject.sex='female'", "data.subject.date_of_birth='2008-03-03'"),
  PASS (MS_MARRY, "data.subject.date_of_birth", "subject_too_young", "data.subject.sex='female'", "data.subject.date_of_birth='2008-03-02'"),
  PASS (MS_MIN, "data.subject.date_of_birth", "subject_too_young", "data.subject.date_of_birth='2010-01-01'"),
  FAIL (MS_MARRY, "data.status", "status_married", E, "data.status='married'", "data.spouse_name='Lê Thị Cúc'",
        "data.marriage_paper={'title':'Giấy chứng nhận kết hôn'}"),
  PASS (MS_MIN, "data.status", "status_married", "data.status='married'", "data.spouse_name='Lê Thị Cúc'",
        "data.marriage_paper={'title':'Giấy chứng nhận kết hôn'}"),
  /* A marriage in force in the register. */
  { .base = MS_MIN, REGISTER (M_AN_CUC), .fail = TRUE, .field = "data.status", .code = "married_in_register", .severity = E },
  { .base = MS_MIN, .mods = { "data.status='married'", "data.spouse_name='Lê Thị Cúc'", "data.marriage_paper={'id':'m-1'}" },
    REGISTER (M_AN_CUC), .field = "data.status", .code = "married_in_register" },
  { .base = MS_MIN, .mods = { "data.status='divorced'", "data.divorce_paper={'title':'Bản án ly hôn','number':'5/2024'}" },
    REGISTER (M_AN_CUC, DIVORCE ("2024-06-01")), .field = "data.status", .code = "married_in_register" },
  /* The papers of each status. */
  FAIL (MS_MIN, "data.spouse_name", "required", E, "data.status='married'", "data.marriage_paper={'title':'GCNKH'}"),
  FAIL (MS_MIN, "data.marriage_paper", "required", E, "data.status='married'", "data.spouse_name='Lê Thị Cúc'"),
  { .base = MS_MIN, .mods = { "data.status='married'", "data.spouse_name='Lê Thị Cúc'" }, .digitised = TRUE, .fail = TRUE,
    .field = "data.marriage_paper", .code = "required", .severity = W },
  FAIL (MS_MIN, "data.divorce_paper", "required", E, "data.status='divorced'"),
  PASS (MS_MIN, "data.divorce_paper", "required", "data.status='divorced'", "data.divorce_paper={'title':'Bản án ly hôn'}"),
  FAIL (MS_MIN, "data.spouse_death_paper", "required", E, "data.status='widowed'"),
  PASS (MS_MIN, "data.spouse_death_paper", "required", "data.status='widowed'", "data.spouse_death_paper={'title':'Trích lục khai tử'}"),
  FAIL (MS_MIN, "data.purpose_text", "required", E, "data.purpose_text=~"),
  FAIL (MS_MARRY, "data.intended_spouse", "required", E, "data.intended_spouse=~"),
  PASS (MS_MIN, "data.intended_spouse", "required", NULL),
  FAIL (MS_MIN, "data.previous_certificate", "required", E, "registration_type='reissue'"),
  PASS (MS_MIN, "data.previous_certificate", "required", "registration_type='reissue'",
        "data.previous_certificate={'office_name':'UBND phường Ba Đình','number':'3','registered_on':'2026-01-10'}"),
  /* A certified period. */
  FAIL (MS_MIN, "data.period_place", "required", E, "data.period_from='2015-01-01'", "data.period_to='2019-12-31'"),
  FAIL (MS_MIN, "data.period_to", "required", E, "data.period_place='Xã Cát Quế'", "data.period_from='2015-01-01'"),
  FAIL (MS_MIN, "data.period_from", "required", E, "data.period_place='Xã Cát Quế'", "data.period_to='2019-12-31'"),
  FAIL (MS_MIN, "data.period_to", "period_order", E, "data.period_place='Xã Cát Quế'", "data.period_from='2019-01-01'",
        "data.period_to='2015-12-31'"),
  PASS (MS_MIN, "data.period_to", "period_order", "data.period_place='Xã Cát Quế'", "data.period_from='2015-01-01'",
        "data.period_to='2019-12-31'"),
  /* A reissue replaces the same person's certificate. */
  { .base = MS_MIN, .mods = { "registration_type='reissue'", "data.previous_certificate={'id':'x-1'}" },
    REGISTER ("{" REG ("x-1", "marital_status", "2026", "1", "2026-01-10") ",'data':{'subject':{" CUC "}}}"),
    .fail = TRUE, .field = "data.previous_certificate", .code = "previous_certificate_mismatch", .severity = E },
  { .base = MS_MIN, .mods = { "registration_type='reissue'", "data.previous_certificate={'id':'m-1'}" }, REGISTER (M_AN_CUC),
    .fail = TRUE, .field = "data.previous_certificate", .code = "previous_certificate_mismatch", .severity = E },
  { .base = MS_MIN, .mods = { "registration_type='reissue'", "data.previous_certificate={'id':'x-1'}" },
    REGISTER ("{" REG ("x-1", "marital_status", "2026", "1", "2026-01-10") ",'data':{'subject':{" AN "}}}"),
    .field = "data.previous_certificate", .code = "previous_certificate_mismatch" },
  /* The subject is alive. */
  { .base = MS_MIN, REGISTER (AN_DIED), .fail = TRUE, .field = "data.subject", .code = "person_deceased", .severity = E },
  { .base = MS_MIN, REGISTER (BICH_DIED), .field = "data.subject", .code = "person_deceased" },
};

#define BINH_BIRTH(id, parents) "{" REG (id, "birth", "2015", "45", "2015-04-20") ",'data':{'child':{'full_name':'Nguyễn Văn Bình','date_of_birth':'2015-04-04'}," parents "}}"
#define BIRTH_WITH_FATHER BINH_BIRTH ("b-5", "'mother':{'full_name':'Trần Thị Bích','birth_year':1990},'father':{'full_name':'Phạm Văn Dũng','birth_year':1988}")
#define BIRTH_MOTHER_ONLY BINH_BIRTH ("b-6", "'mother':{'full_name':'Trần Thị Bích','birth_year':1990},'parent_unknown':'father'")
#define BINH_DIED "{" REG ("d-5", "death", "2025", "9", "2025-02-02") ",'data':{'deceased':{'full_name':'Nguyễn Văn Bình','date_of_birth':'2015-04-04'},'died_at':'2025-02-01'}}"
#define PARENT_DIED "{" REG ("d-6", "death", "2025", "8", "2025-02-02") ",'data':{'deceased':{'full_name':'Nguyễn Văn An','date_of_birth':'1985-05-10','id_document':{'type':'cccd','number':'001085012345'}},'died_at':'2025-02-01'}}"
#define EARLIER_RECOGNITION "{" REG ("p-2", "parentage", "2020", "3", "2020-02-02") ",'data':{'relation':'father','parent':{'full_name':'Phạm Văn Dũng'},'child':{'full_name':'Nguyễn Văn Bình','date_of_birth':'2015-04-04'}}}"

static const Case parentage_cases[] = {
  /* Nobody dead. */
  { .base = PARENTAGE_MIN, REGISTER (BINH_DIED), .fail = TRUE, .field = "data.child", .code = "person_deceased", .severity = E },
  { .base = PARENTAGE_MIN, REGISTER (PARENT_DIED), .fail = TRUE, .field = "data.parent", .code = "person_deceased", .severity = E },
  { .base = PARENTAGE_MIN, REGISTER (CUC_DIED), .field = "data.child", .code = "person_deceased" },
  /* Sex and age of the parent. */
  FAIL (PARENTAGE_MIN, "data.parent.sex", "parent_sex_mismatch", E, "data.parent.sex='female'"),
  FAIL (PARENTAGE_MIN, "data.parent.sex", "parent_sex_mismatch", E, "data.relation='mother'"),
  PASS (PARENTAGE_MIN, "data.parent.sex", "parent_sex_mismatch", "data.relation='mother'", "data.parent.sex='female'",
        "data.parent.id_document.number='001185012345'", "data.declarant.id_document.number='001185012345'"),
  FAIL (PARENTAGE_MIN, "data.parent.date_of_birth", "parent_not_older", E, "data.parent.date_of_birth='2015-04-04'"),
  PASS (PARENTAGE_MIN, "data.parent.date_of_birth", "parent_not_older", "data.parent.date_of_birth='2000-04-04'"),
  /* A birth that already names the parent, or an earlier recognition. */
  { .base = PARENTAGE_MIN, REGISTER (BIRTH_WITH_FATHER), .fail = TRUE, .field = "data.relation", .code = "parent_already_registered", .severity = E },
  { .base = PARENTAGE_MIN, REGISTER (EARLIER_RECOGNITION), .fail = TRUE, .field = "data.relation", .code = "parent_already_registered", .severity = E },
  { .base = PARENTAGE_MIN, REGISTER (BIRTH_MOTHER_ONLY), .field = "data.relation", .code = "parent_already_registered" },
  { .base = PARENTAGE_MIN, .mods = { "registration_type='with_birth'", "data.birth={'id':'b-5'}" }, REGISTER (BIRTH_WITH_FATHER),
    .field = "data.relation", .code = "parent_already_registered" },
  /* The referenced birth is the child's. */
  { .base = PARENTAGE_MIN, .mods = { "data.child.birth_record={'id':'b-1'}" }, REGISTER (BIRTH_BICH_FATHER_HUNG),
    .fail = TRUE, .field = "data.child.birth_record", .code = "birth_record_mismatch", .severity = E },
  { .base = PARENTAGE_MIN, .mods = { "data.child.birth_record={'id':'b-6'}" }, REGISTER (BIRTH_MOTHER_ONLY),
    .field = "data.child.birth_record", .code = "birth_record_mismatch" },
  /* A minor child recognising a parent acts through a representative. */
  FAIL (PARENTAGE_MIN, "data.declarant", "minor_representative", W, "data.direction='child_recognises_parent'",
        "data.declarant={'full_name':'Nguyễn Văn Bình','id_document':{'type':'other','number':'45','name':'Giấy khai sinh'}}"),
  PASS (PARENTAGE_MIN, "data.declarant", "minor_representative", "data.direction='child_recognises_parent'",
        "data.declarant={'full_name':'Trần Thị Bích','relationship':'mẹ','id_document':{'type':'cccd','number':'001190012345'}}"),
  /* Foreign element: a 7-day posting before the registration. */
  FAIL (PARENTAGE_MIN, "data.posting_from", "posting_required", E, "data.parent.nationality='Hoa Kỳ'"),
  PASS (PARENTAGE_MIN, "data.posting_from", "posting_required", "data.parent.nationality='Hoa Kỳ'",
        "data.posting_from='2026-02-01'", "data.posting_to='2026-02-07'"),
  FAIL (PARENTAGE_MIN, "data.posting_to", "posting_period", E, "data.posting_from='2026-02-01'", "data.posting_to='2026-02-06'"),
  FAIL (PARENTAGE_MIN, "data.posting_to", "posting_period", E, "data.posting_from='2026-02-24'", "data.posting_to='2026-03-02'"),
  PASS (PARENTAGE_MIN, "data.posting_to", "posting_period", "data.posting_from='2026-02-23'", "data.posting_to='2026-03-01'"),
  FAIL (PARENTAGE_MIN, "data.posting_to", "required", E, "data.posting_from='2026-02-01'"),
  FAIL (PARENTAGE_MIN, "data.posting_from", "required", E, "data.posting_to='2026-02-07'"),
  /* With a birth: the referenced record is a birth. */
  { .base = PARENTAGE_MIN, .mods = { "registration_type='with_birth'", "data.birth={'id':'m-1'}" }, REGISTER (M_AN_CUC),
    .fail = TRUE, .field = "data.birth", .code = "with_birth_not_birth", .severity = E },
  { .base = PARENTAGE_MIN, .mods = { "registration_type='with_birth'", "data.birth={'id':'b-6'}" }, REGISTER (BIRTH_MOTHER_ONLY),
    .field = "data.birth", .code = "with_birth_not_birth" },
  FAIL (PARENTAGE_MIN, "data.birth", "required", E, "registration_type='with_birth'"),
  /* Conditional fields. */
  FAIL (PARENTAGE_MIN, "data.child.birth_record", "required", E, "data.child.birth_record=~"),
  PASS (PARENTAGE_MIN, "data.child.birth_record", "required", "data.child.birth_record=~",
        "data.child.id_document={'type':'cccd','number':'001215012345'}"),
  FAIL (PARENTAGE_MIN, "data.evidence_paper", "required", E, "data.evidence_paper=~"),
  { .base = PARENTAGE_MIN, .mods = { "data.evidence_paper=~" }, .digitised = TRUE, .fail = TRUE, .field = "data.evidence_paper",
    .code = "required", .severity = W },
  FAIL (PARENTAGE_MIN, "data.witnesses", "required", E, "data.evidence='undertaking'"),
  FAIL (PARENTAGE_MIN, "data.witnesses", "too_few", E, "data.evidence='undertaking'",
        "data.witnesses=[" WITNESS ("Đỗ Văn Hải", "001080011111") "]"),
  PASS (PARENTAGE_MIN, "data.witnesses", "required", "data.evidence='undertaking'", "data.evidence_paper=~",
        "data.witnesses=[" WITNESS ("Đỗ Văn Hải", "001080011111") "," WITNESS ("Đỗ Thị Hà", "001182022222") "]"),
};

START_TEST (test_marriage_rules) { run_case (&marriage_cases[_i]); }
END_TEST
START_TEST (test_marital_status_rules) { run_case (&marital_status_cases[_i]); }
END_TEST
START_TEST (test_parentage_rules) { run_case (&parentage_cases[_i]); }
END_TEST

/* Every rule with a function is exercised by a failing case above. */
START_TEST (test_every_rule_fails_somewhere)
{
  static const struct { const char *kind; const Case *cases; guint n; } sets[] = {
    { "marriage", marriage_cases, G_N_ELEMENTS (marriage_cases) },
    { "marital_status", marital_status_cases, G_N_ELEMENTS (marital_status_cases) },
    { "parentage", parentage_cases, G_N_ELEMENTS (parentage_cases) },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (const HtRule *r = ht_kinds_lookup (sets[s].kind)->rules; r->code != NULL; r++)
      {
        gboolean failed = FALSE, passed = FALSE;

        if (r->func == NULL)
          continue;
        for (guint i = 0; i < sets[s].n; i++)
          if (g_str_equal (sets[s].cases[i].code, r->code))
            {
              failed |= sets[s].cases[i].fail;
              passed |= !sets[s].cases[i].fail;
            }
        ck_assert_msg (failed && passed, "%s rule %s lacks a passing or a failing case", sets[s].kind, r->code);
      }
}
END_TEST

static Suite *
rules_suite (void)
{
  Suite *s = suite_create ("rules-a");
  TCase *tc;

  tc = tcase_create ("valid");
  tcase_add_loop_test (tc, test_valid_round_trip, 0, G_N_ELEMENTS (valid_records) - 1);
  tcase_add_test (tc, test_marriage_canonical_order);
  tcase_add_test (tc, test_every_rule_fails_somewhere);
  suite_add_tcase (s, tc);

  tc = tcase_create ("derived");
  tcase_add_test (tc, test_marriage_first_marriage);
  tcase_add_test (tc, test_marital_status_derived);
  tcase_add_test (tc, test_silent_without_register);
  suite_add_tcase (s, tc);

  tc = tcase_create ("marriage");
  tcase_add_loop_test (tc, test_marriage_rules, 0, G_N_ELEMENTS (marriage_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("marital_status");
  tcase_add_loop_test (tc, test_marital_status_rules, 0, G_N_ELEMENTS (marital_status_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("parentage");
  tcase_add_loop_test (tc, test_parentage_rules, 0, G_N_ELEMENTS (parentage_cases));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return ht_check_run (rules_suite (), CK_FORK);
}
