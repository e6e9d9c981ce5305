/* test-record.c — canonical JSON, bad input, the generic engine and birth rules.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <check.h>

#include "../ht-check-run.h"
#include "ht-kinds.h"
#include "ht-record.h"
#include "ht-test-lookup.h"

/* DESIGN.md's example record, verbatim but compact. */
static const char design_example[] =
  "{\"id\":\"0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11\",\"kind\":\"birth\",\"office\":\"00004\",\"book_year\":2026,"
  "\"number\":17,\"registered_on\":\"2026-03-02\",\"status\":\"registered\",\"registration_type\":\"new\","
  "\"signer\":{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND xã\"},\"clerk\":\"lan.nt\","
  "\"data\":{\"child\":{\"full_name\":\"Nguyễn Văn An\",\"sex\":\"male\",\"date_of_birth\":\"2026-02-20\","
  "\"place_of_birth\":\"Trạm y tế xã Phúc Xá, Thành phố Hà Nội\",\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\","
  "\"hometown\":\"Xã Phúc Xá, Thành phố Hà Nội\"},\"mother\":{\"full_name\":\"Trần Thị Bích\",\"birth_year\":1995,"
  "\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"residence\":\"Số 5 ngõ 2, phường Phúc Xá, Hà Nội\","
  "\"id_document\":{\"type\":\"cccd\",\"number\":\"001195012345\"}},\"father\":{\"full_name\":\"Nguyễn Văn Cường\","
  "\"birth_year\":1993,\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"residence\":\"Số 5 ngõ 2, phường Phúc Xá, Hà Nội\"},"
  "\"declarant\":{\"full_name\":\"Trần Thị Bích\",\"relationship\":\"mẹ\",\"id_document\":{\"type\":\"cccd\","
  "\"number\":\"001195012345\"}},\"birth_notice\":{\"type\":\"medical\",\"number\":\"123/GCS\","
  "\"issuer\":\"Trạm y tế xã Phúc Xá\",\"issued_on\":\"2026-02-21\"}},\"pin\":null,"
  "\"review\":{\"state\":\"pending\",\"comment\":null,\"by\":null,\"at\":null},\"content_version\":1,"
  "\"updated_at\":\"2026-03-02T02:14:03Z\"}";

/* Parses text that must fail, and checks one issue's field and code. */
static void
assert_rejected (const char *text,
                 gssize      len,
                 const char *field,
                 const char *code)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) r = ht_record_parse (text, len, issues);

  if (r != NULL || !ht_issues_has_code (issues, field, code))
    ht_test_dump_issues (issues);
  ck_assert_ptr_null (r);
  ck_assert_msg (ht_issues_has_code (issues, field, code), "expected %s on '%s'", code, field);
}

/* Takes the DESIGN example, applies "old" → "new" once, parses it. */
static cJSON *
example_with (const char *old,
              const char *replacement)
{
  g_autofree char *text = NULL;
  const char *at = strstr (design_example, old);

  ck_assert_msg (at != NULL, "'%s' not in the example", old);
  text = g_strdup_printf ("%.*s%s%s", (int) (at - design_example), design_example, replacement, at + strlen (old));
  return ht_test_parse (text);
}

static char *
example_text_with (const char *old,
                   const char *replacement)
{
  const char *at = strstr (design_example, old);
  ck_assert_msg (at != NULL, "'%s' not in the example", old);
  return g_strdup_printf ("%.*s%s%s", (int) (at - design_example), design_example, replacement, at + strlen (old));
}

/* ---- Canonical JSON ---- */

START_TEST (test_design_example_round_trip)
{
  g_autoptr(cJSON) r = ht_test_parse (design_example);
  g_autofree char *out = ht_record_print (r);
  g_autoptr(cJSON) again = ht_test_parse (out);
  g_autofree char *out2 = ht_record_print (again);

  ck_assert_str_eq (out, design_example);
  ck_assert_str_eq (out2, design_example);
}
END_TEST

START_TEST (test_canonical_order_and_nfc)
{
  /* Members out of order, NFD text, pretty-printed: the canonical print
   * orders and composes them. */
  g_autofree char *nfd = g_utf8_normalize ("Nguyễn Văn An", -1, G_NORMALIZE_NFD);
  g_autofree char *shuffled = g_strdup_printf (
    "{ \"data\": {\"birth_notice\":{\"issued_on\":\"2026-02-21\",\"issuer\":\"Trạm y tế\",\"number\":\"1\",\"type\":\"medical\"},"
    " \"declarant\":{\"id_document\":{\"number\":\"001195012345\",\"type\":\"cccd\"},\"full_name\":\"Trần Thị Bích\"},"
    " \"mother\":{\"residence\":\"Hà Nội\",\"nationality\":\"Việt Nam\",\"ethnicity\":\"Kinh\",\"birth_year\":1995,\"full_name\":\"Trần Thị Bích\"},"
    " \"child\":{\"hometown\":\"Hà Nội\",\"nationality\":\"Việt Nam\",\"ethnicity\":\"Kinh\",\"place_of_birth\":\"Hà Nội\","
    " \"date_of_birth\":\"2026-02-20\",\"sex\":\"male\",\"full_name\":\"%s\"}, \"parent_unknown\":\"father\"},"
    " \"signer\":{\"position\":\"Chủ tịch UBND xã\",\"full_name\":\"Lê Văn Tâm\"},"
    " \"registered_on\":\"2026-03-02\", \"office\":\"00004\", \"kind\":\"birth\" }", nfd);
  g_autoptr(cJSON) r = ht_test_parse (shuffled);
  g_autofree char *out = ht_record_print (r);

  ck_assert_ptr_nonnull (strstr (out, "\"full_name\":\"Nguyễn Văn An\""));
  ck_assert_ptr_eq (strstr (out, "{\"id\":null,\"kind\":\"birth\",\"office\":\"00004\""), out);
  ck_assert_ptr_nonnull (strstr (out, "\"data\":{\"child\":{\"full_name\""));
  /* Defaults are filled in. */
  ck_assert_ptr_nonnull (strstr (out, "\"status\":\"registered\",\"registration_type\":\"new\""));
  ck_assert_ptr_nonnull (strstr (out, "\"review\":{\"state\":\"pending\",\"comment\":null,\"by\":null,\"at\":null}"));
  {
    g_autoptr(cJSON) again = ht_test_parse (out);
    g_autofree char *out2 = ht_record_print (again);
    ck_assert_str_eq (out, out2);
  }
}
END_TEST

START_TEST (test_every_kind_known)
{
  const char *codes[] = { "birth", "marriage", "death", "parentage", "guardianship", "guardianship_end",
                          "change", "marital_status", "decision_note", "foreign_note", "adoption" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const HtKind *k = ht_kinds_lookup (codes[i]);
      ck_assert_ptr_nonnull (k);
      ck_assert_ptr_nonnull (k->book);
      ck_assert_ptr_nonnull (k->registration_types[0]);
    }
  for (const HtKind *const *k = ht_kinds_all (); *k; k++)
    n++;
  ck_assert_uint_eq (n, G_N_ELEMENTS (codes));
  ck_assert_ptr_null (ht_kinds_lookup ("baptism"));
  ck_assert_ptr_nonnull (ht_kind_find_field (ht_kinds_lookup ("birth"), "child.full_name"));
  ck_assert_ptr_nonnull (ht_kind_find_field (ht_kinds_lookup ("birth"), "child.place_of_birth_unit.commune"));
  ck_assert_ptr_null (ht_kind_find_field (ht_kinds_lookup ("birth"), "child.shoe_size"));
}
END_TEST

/* ---- Bad input: clear, field-named, nothing accepted ---- */

START_TEST (test_bad_utf8)
{
  g_autofree char *text = example_text_with ("Nguyễn Văn An", "Nguy\xff\xfe An");
  assert_rejected (text, -1, "", "invalid_utf8");
}
END_TEST

START_TEST (test_truncated_and_malformed)
{
  gsize half = strlen (design_example) / 2;

  assert_rejected (design_example, half, "", "malformed_json");
  assert_rejected ("{\"kind\": \"birth\",}", -1, "", "malformed_json");
  assert_rejected ("[1,2,3]", -1, "", "not_object");
  assert_rejected ("", -1, "", "malformed_json");
  {
    g_autofree char *trailing = g_strconcat (design_example, " {}", NULL);
    assert_rejected (trailing, -1, "", "malformed_json");
  }
}
END_TEST

START_TEST (test_huge_line)
{
  gsize n = HT_RECORD_MAX_BYTES + 10;
  g_autofree char *big = g_malloc (n + 1);

  memset (big, ' ', n);
  big[0] = '{';
  big[n - 1] = '}';
  big[n] = '\0';
  assert_rejected (big, n, "", "too_large");
}
END_TEST

START_TEST (test_unknown_kind_and_fields)
{
  g_autofree char *k = example_text_with ("\"kind\":\"birth\"", "\"kind\":\"baptism\"");
  g_autofree char *f1 = example_text_with ("\"clerk\":\"lan.nt\"", "\"clerk\":\"lan.nt\",\"colour\":\"red\"");
  g_autofree char *f2 = example_text_with ("\"sex\":\"male\"", "\"sex\":\"male\",\"shoe_size\":3");
  g_autofree char *dup = example_text_with ("\"sex\":\"male\"", "\"sex\":\"male\",\"sex\":\"female\"");

  assert_rejected (k, -1, "kind", "unknown_kind");
  assert_rejected (f1, -1, "colour", "unknown_field");
  assert_rejected (f2, -1, "data.child.shoe_size", "unknown_field");
  assert_rejected (dup, -1, "data.child.sex", "duplicate_field");
  assert_rejected ("{\"office\":\"00004\"}", -1, "kind", "required");
}
END_TEST

START_TEST (test_wrong_types)
{
  g_autofree char *a = example_text_with ("\"birth_year\":1995", "\"birth_year\":\"1995\"");
  g_autofree char *b = example_text_with ("\"number\":17", "\"number\":17.5");
  g_autofree char *c = example_text_with ("\"sex\":\"male\"", "\"sex\":\"boy\"");
  g_autofree char *d = example_text_with ("\"office\":\"00004\"", "\"office\":4");
  g_autofree char *e = example_text_with ("\"number\":17", "\"number\":-3");
  g_autofree char *f = example_text_with ("\"child\":{", "\"child\":[],\"x\":{");
  g_autofree char *g = example_text_with ("\"full_name\":\"Nguyễn Văn An\"", "\"full_name\":\"Nguyễn\\nVăn An\"");
  g_autofree char *h = example_text_with ("\"registration_type\":\"new\"", "\"registration_type\":\"recognition\"");

  assert_rejected (a, -1, "data.mother.birth_year", "wrong_type");
  assert_rejected (b, -1, "number", "wrong_type");
  assert_rejected (c, -1, "data.child.sex", "invalid_value");
  assert_rejected (d, -1, "office", "invalid_code");
  assert_rejected (e, -1, "number", "wrong_type");
  assert_rejected (f, -1, "data.child", "wrong_type");
  assert_rejected (g, -1, "data.child.full_name", "control_character");
  /* "recognition" is a marriage type, not a birth type. */
  assert_rejected (h, -1, "registration_type", "invalid_value");
}
END_TEST

START_TEST (test_impossible_dates)
{
  g_autofree char *a = example_text_with ("\"date_of_birth\":\"2026-02-20\"", "\"date_of_birth\":\"2026-02-30\"");
  g_autofree char *b = example_text_with ("\"registered_on\":\"2026-03-02\"", "\"registered_on\":\"2026-3-2\"");
  g_autofree char *c = example_text_with ("\"issued_on\":\"2026-02-21\"", "\"issued_on\":\"21/02/2026\"");

  assert_rejected (a, -1, "data.child.date_of_birth", "invalid_date");
  assert_rejected (b, -1, "registered_on", "invalid_date");
  assert_rejected (c, -1, "data.birth_notice.issued_on", "invalid_date");
}
END_TEST

START_TEST (test_sql_looking_text_is_data)
{
  g_autoptr(cJSON) r = example_with ("Nguyễn Văn An", "Robert'); DROP TABLE records;--");
  g_autoptr(HtIssues) issues = ht_test_validate (r, NULL, FALSE);

  ck_assert_str_eq (cJSON_GetStringValue (ht_record_get_path (r, "data.child.full_name")),
                    "Robert'); DROP TABLE records;--");
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
}
END_TEST

/* ---- Generic engine ---- */

START_TEST (test_design_example_valid)
{
  g_autoptr(cJSON) r = ht_test_parse (design_example);
  g_autoptr(HtIssues) issues = ht_test_validate (r, NULL, FALSE);

  if (ht_issues_n_errors (issues) != 0)
    ht_test_dump_issues (issues);
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
}
END_TEST

static void
assert_issue (cJSON      *record,
              const char *field,
              const char *code,
              HtSeverity  severity)
{
  g_autoptr(HtIssues) issues = ht_test_validate (record, NULL, FALSE);
  gboolean found = FALSE;

  for (guint i = 0; i < issues->len; i++)
    {
      HtIssue *is = issues->pdata[i];
      if (g_str_equal (is->field, field) && g_str_equal (is->code, code) && is->severity == severity)
        found = TRUE;
    }
  if (!found)
    ht_test_dump_issues (issues);
  ck_assert_msg (found, "expected %s %s on %s", severity == HT_SEVERITY_ERROR ? "error" : "warning", code, field);
  cJSON_Delete (record);
}

START_TEST (test_required_fields)
{
  assert_issue (example_with ("\"sex\":\"male\",", ""), "data.child.sex", "required", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"full_name\":\"Nguyễn Văn An\"", "\"full_name\":\"  \""),
                "data.child.full_name", "required", HT_SEVERITY_ERROR);
  /* Required inside an optional object only when the object is there. */
  assert_issue (example_with ("\"birth_year\":1993,", ""), "data.father.birth_year", "required", HT_SEVERITY_ERROR);
  /* Conditional: the proof of birth is required for a new registration. */
  assert_issue (example_with (",\"birth_notice\":{\"type\":\"medical\",\"number\":\"123/GCS\",\"issuer\":\"Trạm y tế xã Phúc Xá\",\"issued_on\":\"2026-02-21\"}", ""),
                "data.birth_notice", "required", HT_SEVERITY_ERROR);
  /* Conditional on a sibling: a medical notice has a number. */
  assert_issue (example_with ("\"number\":\"123/GCS\",", ""), "data.birth_notice.number", "required", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"signer\":{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND xã\"},", ""),
                "signer", "required", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"registered_on\":\"2026-03-02\",", ""), "registered_on", "required", HT_SEVERITY_ERROR);
}
END_TEST

START_TEST (test_when_language)
{
  g_autoptr(cJSON) r = ht_test_parse (design_example);
  const cJSON *data = ht_record_data (r);
  const cJSON *notice = cJSON_GetObjectItem (data, "birth_notice");

  ck_assert (ht_kinds_eval_when ("$registration_type=new", r, data));
  ck_assert (!ht_kinds_eval_when ("$registration_type=foundling|surrogacy", r, data));
  ck_assert (ht_kinds_eval_when ("$registration_type!=foundling|surrogacy", r, data));
  ck_assert (ht_kinds_eval_when ("type=medical", r, notice));
  ck_assert (ht_kinds_eval_when ("/child.sex=male", r, notice));
  ck_assert (ht_kinds_eval_when ("parent_unknown!=father|both", r, data)); /* absent counts as none */
  ck_assert (ht_kinds_eval_when ("father?", r, data));
  ck_assert (ht_kinds_eval_when ("!foundling?", r, data));
  ck_assert (ht_kinds_eval_when ("father? && mother?", r, data));
  ck_assert (!ht_kinds_eval_when ("father? && foundling?", r, data));
  ck_assert (ht_kinds_eval_when ("foundling? || mother?", r, data));
  ck_assert (ht_kinds_eval_when ("/mother.birth_year=1995", r, data));
}
END_TEST

START_TEST (test_dates_against_registration_and_today)
{
  assert_issue (example_with ("\"date_of_birth\":\"2026-02-20\"", "\"date_of_birth\":\"2026-03-05\""),
                "data.child.date_of_birth", "after_registration", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"registered_on\":\"2026-03-02\"", "\"registered_on\":\"2027-01-02\""),
                "registered_on", "future_date", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"book_year\":2026", "\"book_year\":2025"), "book_year", "book_year_mismatch",
                HT_SEVERITY_ERROR);
}
END_TEST

START_TEST (test_id_documents)
{
  assert_issue (example_with ("\"number\":\"001195012345\"}},\"father\"", "\"number\":\"0011950123\"}},\"father\""),
                "data.mother.id_document.number", "invalid_document_number", HT_SEVERITY_ERROR);
  assert_issue (example_with ("{\"type\":\"cccd\",\"number\":\"001195012345\"}},\"father\"",
                              "{\"type\":\"cmnd\",\"number\":\"12345\"}},\"father\""),
                "data.mother.id_document.number", "invalid_document_number", HT_SEVERITY_ERROR);
  assert_issue (example_with ("{\"type\":\"cccd\",\"number\":\"001195012345\"}},\"father\"",
                              "{\"type\":\"passport\",\"number\":\"B-1\"}},\"father\""),
                "data.mother.id_document.number", "invalid_document_number", HT_SEVERITY_ERROR);
  assert_issue (example_with ("{\"type\":\"cccd\",\"number\":\"001195012345\"}},\"father\"",
                              "{\"type\":\"other\",\"number\":\"X1\"}},\"father\""),
                "data.mother.id_document.name", "required", HT_SEVERITY_ERROR);
  /* A CCCD must equal the person's PIN when both are given. */
  assert_issue (example_with ("\"id_document\":{\"type\":\"cccd\",\"number\":\"001195012345\"}},\"father\"",
                              "\"id_document\":{\"type\":\"cccd\",\"number\":\"001195012345\"},\"pin\":\"001195099999\"},\"father\""),
                "data.mother.id_document.number", "pin_mismatch", HT_SEVERITY_ERROR);
  /* A CCCD's province code must be real. */
  assert_issue (example_with ("\"number\":\"001195012345\"}},\"father\"", "\"number\":\"003195012345\"}},\"father\""),
                "data.mother.id_document.number", "invalid_document_number", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"issued_on\":\"2026-02-21\"", "\"issued_on\":\"2026-04-21\""),
                "data.birth_notice.issued_on", "after_registration", HT_SEVERITY_ERROR);
}
END_TEST

START_TEST (test_pins)
{
  /* Born 1995: the year digits must be 95, the province code real. */
  assert_issue (example_with ("\"birth_year\":1995,", "\"birth_year\":1995,\"pin\":\"003195012345\","),
                "data.mother.pin", "invalid_pin", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"birth_year\":1995,", "\"birth_year\":1995,\"pin\":\"001196012345\","),
                "data.mother.pin", "invalid_pin", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"pin\":null", "\"pin\":\"001326000001\""), "pin", "invalid_pin", HT_SEVERITY_ERROR);
  {
    g_autoptr(cJSON) ok = example_with ("\"pin\":null", "\"pin\":\"001226000001\"");
    g_autoptr(HtIssues) issues = NULL;
    /* The DESIGN child is male, born 2026: digit 2, year 26. */
    cJSON_ReplaceItemInObject (ok, "pin", cJSON_CreateString ("001226000001"));
    issues = ht_test_validate (ok, NULL, FALSE);
    ck_assert (!ht_issues_has_code (issues, "pin", "invalid_pin"));
  }
  assert_rejected ("{\"kind\":\"birth\",\"office\":\"00004\",\"pin\":\"12345\",\"data\":{}}", -1, "pin", "invalid_code");
}
END_TEST

START_TEST (test_units_and_office)
{
  /* Ba Đình (00004) is in Hà Nội (01) after the reform. */
  g_autoptr(cJSON) ok = example_with ("\"hometown\":\"Xã Phúc Xá, Thành phố Hà Nội\"",
    "\"hometown\":\"Xã Phúc Xá, Thành phố Hà Nội\",\"hometown_unit\":{\"province\":\"01\",\"commune\":\"00004\",\"as_of\":\"2025-07-01\"}");
  g_autoptr(HtIssues) issues = ht_test_validate (ok, NULL, FALSE);
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);

  assert_issue (example_with ("\"hometown\":\"Xã Phúc Xá, Thành phố Hà Nội\"",
      "\"hometown\":\"X\",\"hometown_unit\":{\"province\":\"79\",\"commune\":\"00004\",\"as_of\":\"2025-07-01\"}"),
                "data.child.hometown_unit", "unit_mismatch", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"hometown\":\"Xã Phúc Xá, Thành phố Hà Nội\"",
      "\"hometown\":\"X\",\"hometown_unit\":{\"province\":\"01\",\"commune\":\"99999\",\"as_of\":\"2025-07-01\"}"),
                "data.child.hometown_unit", "unknown_unit", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"hometown\":\"Xã Phúc Xá, Thành phố Hà Nội\"",
      "\"hometown\":\"X\",\"hometown_unit\":{\"province\":\"01\",\"district\":\"001\",\"commune\":\"00004\",\"as_of\":\"2025-07-01\"}"),
                "data.child.hometown_unit", "unknown_unit", HT_SEVERITY_ERROR);
  /* 3-level units for a registration after 1 July 2025 are only warned. */
  assert_issue (example_with ("\"hometown\":\"Xã Phúc Xá, Thành phố Hà Nội\"",
      "\"hometown\":\"X\",\"hometown_unit\":{\"province\":\"01\",\"district\":\"001\",\"commune\":\"00001\",\"as_of\":\"2025-03-01\"}"),
                "data.child.hometown_unit", "old_units", HT_SEVERITY_WARNING);
  assert_issue (example_with ("\"office\":\"00004\"", "\"office\":\"99999\""), "office", "unknown_office", HT_SEVERITY_ERROR);
  {
    g_autoptr(cJSON) r = ht_test_parse (design_example);
    HtValidateOptions options;
    g_autoptr(HtIssues) is = NULL;
    ht_validate_options_init (&options);
    options.office = "00007";
    is = ht_validate (r, &options);
    ck_assert (ht_issues_has_code (is, "office", "wrong_office"));
  }
}
END_TEST

START_TEST (test_ethnicity_and_name_length)
{
  assert_issue (example_with ("\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"hometown\"",
                              "\"ethnicity\":\"Klingon\",\"nationality\":\"Việt Nam\",\"hometown\""),
                "data.child.ethnicity", "unknown_ethnicity", HT_SEVERITY_WARNING);
  {
    g_autoptr(cJSON) r = example_with ("\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"hometown\"",
                                       "\"ethnicity\":\"H'Mông\",\"nationality\":\"Việt Nam\",\"hometown\"");
    g_autoptr(HtIssues) issues = ht_test_validate (r, NULL, FALSE);
    ck_assert (!ht_issues_has_code (issues, "data.child.ethnicity", "unknown_ethnicity"));
  }
  {
    GString *name = g_string_new ("Nguyễn");
    for (int i = 0; i < 60; i++)
      g_string_append (name, " Văn");
    assert_issue (example_with ("Nguyễn Văn An", name->str), "data.child.full_name", "name_too_long", HT_SEVERITY_WARNING);
    g_string_free (name, TRUE);
  }
}
END_TEST

START_TEST (test_refs)
{
  g_autoptr(HtTestLookup) lookup = ht_test_lookup_new ();
  g_autoptr(cJSON) marriage_ref = example_with ("\"birth_notice\":{",
    "\"parents_marriage\":{\"kind\":\"marriage\",\"office\":\"00004\",\"book_year\":2020,\"number\":5},\"birth_notice\":{");
  g_autoptr(HtIssues) issues = ht_test_validate (marriage_ref, ht_test_lookup_get (lookup), FALSE);

  ck_assert (ht_issues_has_code (issues, "data.parents_marriage", "ref_unresolved"));
  ck_assert (!ht_issues_has_code (issues, "data.father", "father_needs_recognition"));
  {
    /* A revoked target is an error. */
    g_autoptr(cJSON) target = ht_test_parse (design_example);
    g_autoptr(HtIssues) again = NULL;
    cJSON_ReplaceItemInObject (target, "kind", cJSON_CreateString ("marriage"));
    cJSON_ReplaceItemInObject (target, "book_year", cJSON_CreateNumber (2020));
    cJSON_ReplaceItemInObject (target, "number", cJSON_CreateNumber (5));
    cJSON_ReplaceItemInObject (target, "status", cJSON_CreateString ("revoked"));
    ht_test_lookup_add (lookup, target);
    again = ht_test_validate (marriage_ref, ht_test_lookup_get (lookup), FALSE);
    ck_assert (ht_issues_has_code (again, "data.parents_marriage", "ref_revoked"));
  }
  /* A ref by key needs all of its members. */
  assert_issue (example_with ("\"birth_notice\":{",
    "\"parents_marriage\":{\"kind\":\"marriage\",\"office\":\"00004\",\"number\":5},\"birth_notice\":{"),
                "data.parents_marriage.book_year", "required", HT_SEVERITY_ERROR);
}
END_TEST

/* ---- Birth rules (KINDS.md §2.1) ---- */

START_TEST (test_birth_late)
{
  g_autoptr(cJSON) on_time = ht_test_parse (design_example);
  g_autoptr(cJSON) late = example_with ("\"registered_on\":\"2026-03-02\"", "\"registered_on\":\"2026-06-02\"");
  g_autoptr(cJSON) re = example_with ("\"registration_type\":\"new\"", "\"registration_type\":\"re-registration\"");
  g_autoptr(HtIssues) issues = ht_issues_new ();

  ht_record_derive (on_time, NULL, issues);
  ck_assert (cJSON_IsFalse (ht_record_get_path (on_time, "data.late")));
  cJSON_ReplaceItemInObject (late, "book_year", cJSON_CreateNumber (2026));
  ht_record_derive (late, NULL, issues);
  ck_assert (cJSON_IsTrue (ht_record_get_path (late, "data.late")));
  /* A re-registration carries its own tick, never "late". */
  cJSON_ReplaceItemInObject (re, "registered_on", cJSON_CreateString ("2026-09-02"));
  ht_record_derive (re, NULL, issues);
  ck_assert (cJSON_IsFalse (ht_record_get_path (re, "data.late")));
  ck_assert_uint_eq (issues->len, 0);

  /* A digitised entry keeps its book's tick, with a warning. */
  {
    g_autoptr(cJSON) book = example_with ("\"birth_notice\":{", "\"late\":true,\"birth_notice\":{");
    g_autoptr(HtIssues) w = ht_issues_new ();
    HtValidateOptions options;
    ht_validate_options_init (&options);
    options.digitised = TRUE;
    ht_record_derive (book, &options, w);
    ck_assert (cJSON_IsTrue (ht_record_get_path (book, "data.late")));
    ck_assert (ht_issues_has_code (w, "data.late", "derived_mismatch"));
  }
}
END_TEST

START_TEST (test_birth_unknown_parents)
{
  assert_issue (example_with ("\"birth_notice\":{", "\"parent_unknown\":\"father\",\"birth_notice\":{"),
                "data.father", "unknown_parent_given", HT_SEVERITY_ERROR);
  /* Father unknown: the child takes the mother's surname. */
  assert_issue (example_with (",\"father\":{\"full_name\":\"Nguyễn Văn Cường\",\"birth_year\":1993,\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"residence\":\"Số 5 ngõ 2, phường Phúc Xá, Hà Nội\"}",
                              ",\"parent_unknown\":\"father\""),
                "data.child.full_name", "follows_mother", HT_SEVERITY_WARNING);
  {
    g_autoptr(cJSON) ok = example_with ("\"full_name\":\"Nguyễn Văn An\"", "\"full_name\":\"Trần Văn An\"");
    g_autoptr(HtIssues) issues = NULL;
    cJSON_DeleteItemFromObject (ht_record_data (ok), "father");
    cJSON_AddStringToObject (ht_record_data (ok), "parent_unknown", "father");
    issues = ht_test_validate (ok, NULL, FALSE);
    ck_assert (!ht_issues_has_code (issues, NULL, "follows_mother"));
    ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
  }
  /* Mother unknown only with the father's recognition. */
  {
    g_autoptr(cJSON) r = ht_test_parse (design_example);
    cJSON_DeleteItemFromObject (ht_record_data (r), "mother");
    cJSON_AddStringToObject (ht_record_data (r), "parent_unknown", "mother");
    assert_issue (cJSON_Duplicate (r, TRUE), "data.parent_unknown", "mother_unknown_needs_recognition",
                  HT_SEVERITY_ERROR);
    cJSON_ReplaceItemInObject (r, "registration_type", cJSON_CreateString ("with_recognition"));
    cJSON_AddItemToObject (ht_record_data (r), "recognition",
                           cJSON_Parse ("{\"parent\":\"father\",\"evidence\":\"medical\"}"));
    {
      g_autoptr(HtIssues) issues = ht_test_validate (r, NULL, FALSE);
      ck_assert (!ht_issues_has_code (issues, NULL, "mother_unknown_needs_recognition"));
    }
  }
}
END_TEST

START_TEST (test_birth_foundling)
{
  const char *foundling =
    "{\"kind\":\"birth\",\"office\":\"00004\",\"registered_on\":\"2026-03-20\",\"registration_type\":\"foundling\","
    "\"signer\":{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND xã\"},"
    "\"data\":{\"child\":{\"full_name\":\"Hoàng Minh Phúc\",\"sex\":\"male\",\"date_of_birth\":\"2026-03-01\","
    "\"place_of_birth\":\"Phường Ba Đình, Hà Nội\",\"nationality\":\"Việt Nam\",\"hometown\":\"Hà Nội\"},"
    "\"parent_unknown\":\"both\",\"declarant\":{\"full_name\":\"Lê Thị Hoa\",\"id_document\":{\"type\":\"cccd\",\"number\":\"001180000001\"}},"
    "\"birth_notice\":{\"type\":\"abandonment_report\",\"number\":\"1/BB\",\"issuer\":\"Công an phường Ba Đình\",\"issued_on\":\"2026-03-02\"},"
    "\"foundling\":{\"found_on\":\"2026-03-02\",\"found_at\":\"Cổng chùa Một Cột\",\"posting_until\":\"2026-03-10\",\"carer\":\"Lê Thị Hoa\"}}}";
  g_autoptr(cJSON) ok = ht_test_parse (foundling);
  g_autoptr(HtIssues) issues = ht_test_validate (ok, NULL, FALSE);

  if (ht_issues_n_errors (issues))
    ht_test_dump_issues (issues);
  ck_assert_uint_eq (ht_issues_n_errors (issues), 0);
  {
    g_autoptr(cJSON) early = ht_test_parse (foundling);
    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (early), "foundling"), "posting_until",
                               cJSON_CreateString ("2026-03-25"));
    assert_issue (cJSON_Duplicate (early, TRUE), "data.foundling.posting_until", "foundling", HT_SEVERITY_ERROR);
  }
  {
    g_autoptr(cJSON) wrong = ht_test_parse (foundling);
    cJSON_ReplaceItemInObject (cJSON_GetObjectItem (ht_record_data (wrong), "birth_notice"), "type",
                               cJSON_CreateString ("medical"));
    assert_issue (cJSON_Duplicate (wrong, TRUE), "data.birth_notice.type", "foundling", HT_SEVERITY_ERROR);
    cJSON_ReplaceItemInObject (ht_record_data (wrong), "parent_unknown", cJSON_CreateString ("none"));
    assert_issue (cJSON_Duplicate (wrong, TRUE), "data.parent_unknown", "foundling", HT_SEVERITY_ERROR);
  }
  {
    g_autoptr(cJSON) missing = ht_test_parse (foundling);
    cJSON_DeleteItemFromObject (ht_record_data (missing), "foundling");
    assert_issue (cJSON_Duplicate (missing, TRUE), "data.foundling", "required", HT_SEVERITY_ERROR);
  }
}
END_TEST

START_TEST (test_birth_father_basis)
{
  g_autoptr(HtTestLookup) lookup = ht_test_lookup_new ();
  g_autoptr(cJSON) r = ht_test_parse (design_example);
  g_autoptr(HtIssues) before = ht_test_validate (r, ht_test_lookup_get (lookup), FALSE);

  ck_assert (ht_issues_has_code (before, "data.father", "father_needs_recognition"));
  {
    /* The parents' marriage in the register is the basis (NĐ 07/2025). */
    g_autoptr(cJSON) m = cJSON_Parse (
      "{\"id\":\"m1\",\"kind\":\"marriage\",\"office\":\"00004\",\"book_year\":2020,\"number\":3,\"status\":\"registered\","
      "\"data\":{\"husband\":{\"full_name\":\"Nguyễn Văn Cường\"},\"wife\":{\"full_name\":\"Trần Thị Bích\","
      "\"id_document\":{\"type\":\"cccd\",\"number\":\"001195012345\"}}}}");
    g_autoptr(HtIssues) after = NULL;
    ht_test_lookup_add (lookup, m);
    after = ht_test_validate (r, ht_test_lookup_get (lookup), FALSE);
    ck_assert (!ht_issues_has_code (after, "data.father", "father_needs_recognition"));
  }
}
END_TEST

START_TEST (test_birth_surrogacy_and_recognition)
{
  g_autoptr(cJSON) s = example_with ("\"registration_type\":\"new\"", "\"registration_type\":\"surrogacy\"");
  g_autoptr(HtIssues) issues = ht_test_validate (s, NULL, FALSE);

  ck_assert (ht_issues_has_code (issues, "data.parents_marriage", "required"));
  ck_assert (ht_issues_has_code (issues, "data.surrogate", "required"));
  {
    g_autoptr(cJSON) r = example_with ("\"registration_type\":\"new\"", "\"registration_type\":\"with_recognition\"");
    g_autoptr(HtIssues) i2 = ht_test_validate (r, NULL, FALSE);
    ck_assert (ht_issues_has_code (i2, "data.recognition", "required"));
    cJSON_DeleteItemFromObject (ht_record_data (r), "father");
    cJSON_AddItemToObject (ht_record_data (r), "recognition",
                           cJSON_Parse ("{\"parent\":\"father\",\"evidence\":\"undertaking\",\"witnesses\":[]}"));
    {
      g_autoptr(HtIssues) i3 = ht_test_validate (r, NULL, FALSE);
      ck_assert (ht_issues_has_code (i3, "data.father", "recognising_parent_missing"));
      ck_assert (ht_issues_has_code (i3, "data.recognition.witnesses", "too_few"));
    }
  }
}
END_TEST

START_TEST (test_birth_foreign)
{
  assert_issue (example_with ("\"birth_year\":1993,\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\"",
                              "\"birth_year\":1993,\"ethnicity\":\"Kinh\",\"nationality\":\"Hàn Quốc\""),
                "data.nationality_agreement", "nationality_agreement_required", HT_SEVERITY_ERROR);
  {
    g_autoptr(cJSON) ok = example_with ("\"birth_year\":1993,\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\"",
                                        "\"birth_year\":1993,\"ethnicity\":\"Kinh\",\"nationality\":\"Hàn Quốc\"");
    g_autoptr(HtIssues) issues = NULL;
    cJSON_AddItemToObject (ht_record_data (ok), "nationality_agreement",
                           cJSON_Parse ("{\"title\":\"Văn bản thỏa thuận\"}"));
    issues = ht_test_validate (ok, NULL, FALSE);
    ck_assert (!ht_issues_has_code (issues, NULL, "nationality_agreement_required"));
  }
  {
    g_autoptr(cJSON) child = example_with ("\"sex\":\"male\",\"date_of_birth\":\"2026-02-20\"",
                                           "\"sex\":\"male\",\"date_of_birth\":\"2026-02-20\"");
    cJSON *c = cJSON_GetObjectItem (ht_record_data (child), "child");
    cJSON_ReplaceItemInObject (c, "nationality", cJSON_CreateString ("Pháp"));
    cJSON_AddStringToObject (c, "pin", "001226000001");
    assert_issue (cJSON_Duplicate (child, TRUE), "data.child.pin", "foreign_child_pin", HT_SEVERITY_ERROR);
  }
}
END_TEST

START_TEST (test_birth_re_registration)
{
  g_autoptr(cJSON) r = example_with ("\"registration_type\":\"new\"", "\"registration_type\":\"re-registration\"");
  cJSON *data = ht_record_data (r);

  cJSON_DeleteItemFromObject (data, "birth_notice");
  cJSON_AddItemToObject (data, "original", cJSON_Parse (
    "{\"office_name\":\"UBND xã Phúc Xá\",\"volume\":\"01\",\"number\":\"12\",\"registered_on\":\"2016-03-01\"}"));
  cJSON_AddItemToObject (data, "basis_papers", cJSON_Parse ("[{\"title\":\"Học bạ\"}]"));
  assert_issue (cJSON_Duplicate (r, TRUE), "data.original.registered_on", "re_registration_too_recent", HT_SEVERITY_ERROR);
  assert_issue (cJSON_Duplicate (r, TRUE), "data.child.pin", "child_pin_expected", HT_SEVERITY_WARNING);

  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (data, "original"), "registered_on", cJSON_CreateString ("2010-03-01"));
  {
    g_autoptr(HtIssues) ok = ht_test_validate (r, NULL, FALSE);
    ck_assert (!ht_issues_has_code (ok, NULL, "re_registration_too_recent"));
    ck_assert (!ht_issues_has_code (ok, "data.birth_notice", "required"));
  }
  cJSON_DeleteItemFromObject (data, "basis_papers");
  assert_issue (cJSON_Duplicate (r, TRUE), "data.basis_papers", "required", HT_SEVERITY_ERROR);
  {
    /* For a digitised entry the missing evidence paper is only a warning. */
    g_autoptr(HtIssues) d = ht_test_validate (r, NULL, TRUE);
    ck_assert (ht_issues_has_code (d, "data.basis_papers", "required"));
    for (guint i = 0; i < d->len; i++)
      {
        HtIssue *is = d->pdata[i];
        if (g_str_equal (is->field, "data.basis_papers"))
          ck_assert_int_eq (is->severity, HT_SEVERITY_WARNING);
      }
  }
  {
    /* A dead person is not re-registered. */
    g_autoptr(HtTestLookup) lookup = ht_test_lookup_new ();
    g_autoptr(cJSON) death = cJSON_Parse (
      "{\"id\":\"d1\",\"kind\":\"death\",\"office\":\"00004\",\"book_year\":2026,\"number\":1,\"status\":\"registered\","
      "\"data\":{\"deceased\":{\"full_name\":\"Nguyễn Văn An\",\"date_of_birth\":\"2026-02-20\"}}}");
    g_autoptr(HtIssues) dead = NULL;
    ht_test_lookup_add (lookup, death);
    dead = ht_test_validate (r, ht_test_lookup_get (lookup), FALSE);
    ck_assert (ht_issues_has_code (dead, "data.child", "person_deceased"));
  }
}
END_TEST

START_TEST (test_birth_ethnicity_and_ages)
{
  assert_issue (example_with ("\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"hometown\"",
                              "\"ethnicity\":\"Tày\",\"nationality\":\"Việt Nam\",\"hometown\""),
                "data.child.ethnicity", "ethnicity_not_parent", HT_SEVERITY_WARNING);
  assert_issue (example_with ("\"birth_year\":1995", "\"birth_year\":2026"), "data.mother.birth_year",
                "parent_not_older", HT_SEVERITY_ERROR);
  assert_issue (example_with ("\"birth_year\":1993", "\"birth_year\":2027"), "data.father.birth_year",
                "parent_not_older", HT_SEVERITY_ERROR);
}
END_TEST

START_TEST (test_birth_possible_duplicate)
{
  g_autoptr(HtTestLookup) lookup = ht_test_lookup_new ();
  g_autoptr(cJSON) first = ht_test_parse (design_example);
  g_autoptr(cJSON) second = example_with ("\"id\":\"0b8f2c1e-6d0a-4c3e-9a57-2f1d4b0e9c11\"", "\"id\":null");
  g_autoptr(HtIssues) none = NULL;
  g_autoptr(HtIssues) dup = NULL;

  none = ht_test_validate (second, ht_test_lookup_get (lookup), FALSE);
  ck_assert (!ht_issues_has_code (none, NULL, "possible_duplicate"));
  ht_test_lookup_add (lookup, first);
  dup = ht_test_validate (second, ht_test_lookup_get (lookup), FALSE);
  ck_assert (ht_issues_has_code (dup, "data.child.full_name", "possible_duplicate"));
  {
    /* Another mother: not the same child. */
    g_autoptr(cJSON) other = example_with ("\"full_name\":\"Trần Thị Bích\",\"birth_year\"",
                                           "\"full_name\":\"Lê Thị Cúc\",\"birth_year\"");
    g_autoptr(HtIssues) no = NULL;
    cJSON_ReplaceItemInObject (other, "id", cJSON_CreateNull ());
    no = ht_test_validate (other, ht_test_lookup_get (lookup), FALSE);
    ck_assert (!ht_issues_has_code (no, NULL, "possible_duplicate"));
  }
}
END_TEST

START_TEST (test_issues_json)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(cJSON) json = NULL;
  g_autofree char *text = NULL;

  ht_issues_add (issues, "data.child.sex", "required", HT_SEVERITY_ERROR, "is required");
  json = ht_issues_to_json (issues);
  text = cJSON_PrintUnformatted (json);
  ck_assert_str_eq (text, "[{\"field\":\"data.child.sex\",\"code\":\"required\",\"severity\":\"error\",\"message\":\"is required\"}]");
}
END_TEST

static Suite *
record_suite (void)
{
  Suite *s = suite_create ("record");
  struct { const char *name; const TTest *test; } cases[] = {
    { "design-example-round-trip", test_design_example_round_trip },
    { "canonical-order-nfc", test_canonical_order_and_nfc },
    { "every-kind-known", test_every_kind_known },
    { "bad-utf8", test_bad_utf8 },
    { "truncated-malformed", test_truncated_and_malformed },
    { "huge-line", test_huge_line },
    { "unknown-kind-fields", test_unknown_kind_and_fields },
    { "wrong-types", test_wrong_types },
    { "impossible-dates", test_impossible_dates },
    { "sql-looking-text", test_sql_looking_text_is_data },
    { "design-example-valid", test_design_example_valid },
    { "required-fields", test_required_fields },
    { "when-language", test_when_language },
    { "dates", test_dates_against_registration_and_today },
    { "id-documents", test_id_documents },
    { "pins", test_pins },
    { "units-office", test_units_and_office },
    { "ethnicity-name-length", test_ethnicity_and_name_length },
    { "refs", test_refs },
    { "birth-late", test_birth_late },
    { "birth-unknown-parents", test_birth_unknown_parents },
    { "birth-foundling", test_birth_foundling },
    { "birth-father-basis", test_birth_father_basis },
    { "birth-surrogacy-recognition", test_birth_surrogacy_and_recognition },
    { "birth-foreign", test_birth_foreign },
    { "birth-re-registration", test_birth_re_registration },
    { "birth-ethnicity-ages", test_birth_ethnicity_and_ages },
    { "birth-possible-duplicate", test_birth_possible_duplicate },
    { "issues-json", test_issues_json },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      _tcase_add_test (tc, cases[i].test, 0, 0, 0, 1);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  return ht_check_run (record_suite (), CK_FORK);
}
