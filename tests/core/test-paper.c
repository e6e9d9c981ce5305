/* test-paper.c — papers and books: the forms against the registry, what
 * each paper says and in which order, effective data and notes, refusals,
 * drawing inside the page, the QR code read back from the PDF, the
 * pre-printed form's offset, register books; and numbers in words.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register is tests/core/test-paper-records.jsonl: one entry of every
 * kind in a real commune (Phường Ba Đình, Hà Nội), certified with a test
 * ministry key.  tests/core/test-paper.sh checks the same papers end to end
 * through hotich-admin, pdftotext and zbarimg.
 */
#define G_LOG_DOMAIN "test-paper"

#include <math.h>
#include <string.h>
#include <check.h>
#include <glib/gstdio.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-error.h"
#include "ht-paper-book.h"
#include "ht-paper-private.h"
#include "ht-paper-scan.h"
#include "ht-record.h"
#include "ht-sign-store.h"
#include "ht-test-util.h"
#include "ht-words.h"

#define RECORDS SOURCE_DIR "/tests/core/test-paper-records.jsonl"

static char *tmp;
static HtStore *store;
static guint8 ministry_pk[HT_SIGN_PUBLIC_KEY_BYTES];

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp, name, NULL);
}

static void
load_register (void)
{
  g_autofree char *db = tmp_path ("reg.db");
  g_autofree char *sec = tmp_path ("m.secret");
  g_autofree char *pub = tmp_path ("m.pub");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];

  ck_assert (g_file_get_contents (RECORDS, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(HtIssues) parse = ht_issues_new ();
      cJSON *r;
      if (*lines[i] == '\0')
        continue;
      r = ht_record_parse (lines[i], -1, parse);
      ck_assert_msg (r != NULL, "line %u does not parse", i + 1);
      g_ptr_array_add (records, r);
    }
  store = ht_store_create (db, "00004", &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error), "%s",
                 error ? error->message : "");
  ck_assert (ht_sign_write_key_pair (sec, pub, NULL));
  ck_assert (ht_sign_read_secret_key (sec, sk, NULL));
  ck_assert (ht_sign_read_public_key (pub, ministry_pk, NULL));
  g_setenv (HT_SIGN_MINISTRY_KEY_ENV, pub, TRUE);
  ck_assert_msg (ht_sign_certify_offline (store, sk, 365, &error), "%s", error ? error->message : "");
}

static void
setup (void)
{
  tmp = ht_test_tmpdir ();
  load_register ();
}

static void
teardown (void)
{
  g_clear_object (&store);
  ht_test_rmtree (tmp);
  g_clear_pointer (&tmp, g_free);
  g_unsetenv (HT_SIGN_MINISTRY_KEY_ENV);
}

static cJSON *
entry (const char *key)
{
  g_autoptr(GError) error = NULL;
  cJSON *r = ht_store_lookup (store, key, &error);

  ck_assert_msg (r != NULL, "no %s: %s", key, error ? error->message : "");
  return r;
}

static HtPaperDoc *
paper (const char *key,
       gboolean    copy)
{
  g_autoptr(cJSON) r = entry (key);
  g_autoptr(GError) error = NULL;
  HtPaperOptions options;
  HtPaperDoc *doc;

  ht_paper_options_init (&options);
  options.copy = copy;
  doc = ht_paper_doc_new_from_store (store, r, &options, TRUE, &error);
  ck_assert_msg (doc != NULL, "%s: %s", key, error ? error->message : "");
  return doc;
}

/* Every string of "expected" (NULL-terminated) occurs in "text", in order. */
static void
assert_in_order (const char        *text,
                 const char *const *expected)
{
  const char *at = text;

  for (guint i = 0; expected[i] != NULL; i++)
    {
      const char *found = strstr (at, expected[i]);
      ck_assert_msg (found != NULL, "“%s” not found (in order) in:\n%s", expected[i], text);
      at = found + strlen (expected[i]);
    }
}

/* ---- Numbers and dates in words ---- */

START_TEST (test_words)
{
  static const struct { guint64 n; const char *words; } numbers[] = {
    { 0, "không" }, { 1, "một" }, { 5, "năm" }, { 10, "mười" }, { 11, "mười một" }, { 14, "mười bốn" },
    { 15, "mười lăm" }, { 20, "hai mươi" }, { 21, "hai mươi mốt" }, { 24, "hai mươi tư" }, { 25, "hai mươi lăm" },
    { 100, "một trăm" }, { 101, "một trăm linh một" }, { 105, "một trăm linh năm" }, { 110, "một trăm mười" },
    { 1000, "một nghìn" }, { 1995, "một nghìn chín trăm chín mươi lăm" }, { 2000, "hai nghìn" },
    { 2005, "hai nghìn không trăm linh năm" }, { 2010, "hai nghìn không trăm mười" },
    { 2026, "hai nghìn không trăm hai mươi sáu" }, { 1000005, "một triệu không trăm linh năm" },
    { 2000000000, "hai tỷ" }, { G_GUINT64_CONSTANT (1000000000000), "một nghìn tỷ" },
  };
  static const struct { const char *iso, *words; } dates[] = {
    { "2026-02-20", "Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu" },
    { "2024-04-28", "Ngày hai mươi tám, tháng tư, năm hai nghìn không trăm hai mươi tư" },
    { "2001-01-01", "Ngày một, tháng một, năm hai nghìn không trăm linh một" },
    { "1999-12-31", "Ngày ba mươi mốt, tháng mười hai, năm một nghìn chín trăm chín mươi chín" },
    { "2015-11-15", "Ngày mười lăm, tháng mười một, năm hai nghìn không trăm mười lăm" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *w = ht_words_number (numbers[i].n);
      ck_assert_str_eq (w, numbers[i].words);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      GDate d;
      g_autofree char *w = NULL;
      ck_assert (ht_date_parse (dates[i].iso, &d));
      w = ht_words_date (&d);
      ck_assert_str_eq (w, dates[i].words);
    }
  {
    GDate bad;
    g_autofree char *w = ht_words_number (G_MAXUINT64);
    g_autofree char *cap = ht_words_capitalize ("đặng");
    g_date_clear (&bad, 1);
    ck_assert_ptr_null (ht_words_date (&bad));
    ck_assert (g_str_has_prefix (w, "mười tám tỷ tỷ"));
    ck_assert_str_eq (cap, "Đặng");
  }
}
END_TEST

/* ---- The forms and the registry ---- */

START_TEST (test_forms_match_registry)
{
  /* Every paper of the registry has a form, and every form a paper. */
  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    for (const HtPaper *p = (*k)->papers; p != NULL && p->code != NULL; p++)
      {
        const HtForm *f = ht_paper_form_lookup (p->code);
        ck_assert_msg (f != NULL, "paper %s of %s has no form", p->code, (*k)->code);
        ck_assert_str_eq (f->kind, (*k)->code);
        ck_assert_msg (f->copy == g_str_has_suffix (p->code, "-BS"), "%s: copy flag", p->code);
        ck_assert_msg (strstr (p->number_fmt, "%u") != NULL, "%s: number format", p->code);
      }
  for (const HtForm *f = ht_paper_forms (); f->code != NULL; f++)
    {
      const HtKind *k = ht_kinds_lookup (f->kind);
      gboolean found = FALSE;

      ck_assert_msg (k != NULL, "form %s: unknown kind", f->code);
      for (const HtPaper *p = k->papers; p != NULL && p->code != NULL; p++)
        found |= g_str_equal (p->code, f->code);
      ck_assert_msg (found, "form %s is not a paper of %s in the registry", f->code, f->kind);
      ck_assert (f->signer_title != NULL && f->blocks[0].rows != NULL);
      /* A value that goes into the QR code has a key; keys are unique. */
      {
        g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
        for (guint b = 0; b < G_N_ELEMENTS (f->blocks) && f->blocks[b].rows != NULL; b++)
          for (const HtFormRow *row = f->blocks[b].rows; row->cells[0].label || row->cells[0].path; row++)
            for (guint c = 0; c < 3 && (row->cells[c].label || row->cells[c].path); c++)
              if (row->cells[c].qr != NULL)
                {
                  ck_assert_msg (!g_hash_table_contains (keys, row->cells[c].qr), "%s: QR key %s twice", f->code,
                                 row->cells[c].qr);
                  g_hash_table_add (keys, (gpointer) row->cells[c].qr);
                }
      }
      /* Data paths name registry fields (a misspelt path would print a blank). */
      for (guint b = 0; b < G_N_ELEMENTS (f->blocks) && f->blocks[b].rows != NULL; b++)
        for (const HtFormRow *row = f->blocks[b].rows; row->cells[0].label || row->cells[0].path; row++)
          for (guint c = 0; c < 3 && (row->cells[c].label || row->cells[c].path); c++)
            {
              const char *path = row->cells[c].path;
              const HtKind *kind = k;
              if (path == NULL || path[0] == '$')
                continue;
              if (f->blocks[b].prefix[0] != '\0')
                {
                  /* event_data of a foreign note: the noted event's kind. */
                  const char *event = strchr (f->when, '=') + 1;
                  g_autofree char *first = g_strndup (event, strcspn (event, "|"));
                  kind = ht_foreign_event_kind (first);
                  if (kind == NULL)
                    continue;  /* the subjects shape */
                }
              ck_assert_msg (ht_kind_find_field (kind, path) != NULL, "%s: %s is not a field of %s", f->code, path,
                             kind->code);
            }
    }
}
END_TEST

/* ---- What the papers say ---- */

START_TEST (test_birth_certificate)
{
  g_autoptr(HtPaperDoc) doc = paper ("birth/2026/1", FALSE);
  g_autofree char *text = ht_paper_doc_to_text (doc);
  static const char *const expected[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 1", "GIẤY KHAI SINH",
    /* The approved change of name is written on the certificate too. */
    "Họ, chữ đệm, tên: NGUYỄN VĂN ANH",
    "Ngày, tháng, năm sinh: 20/02/2026",
    "ghi bằng chữ: Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu",
    "Giới tính: Nam", "Dân tộc: Kinh", "Quốc tịch: Việt Nam",
    "Nơi sinh: Trạm y tế phường Ba Đình, thành phố Hà Nội", "Quê quán: Xã Phúc Xá, thành phố Hà Nội",
    "Số định danh cá nhân: Đang chờ cấp từ Cơ sở dữ liệu quốc gia về dân cư",
    /* The mother before the father (LHT 14.1.b). */
    "Họ, chữ đệm, tên người mẹ: TRẦN THỊ BÍCH", "Năm sinh: 1995",
    "Họ, chữ đệm, tên người cha: NGUYỄN VĂN CƯỜNG", "Năm sinh: 1993",
    "Họ, chữ đệm, tên người đi khai sinh: TRẦN THỊ BÍCH",
    "Giấy tờ tùy thân: Căn cước công dân số 001195012345 do Cục Cảnh sát QLHC về TTXH cấp ngày 01/04/2021",
    "Nơi đăng ký khai sinh: Ủy ban nhân dân phường Ba Đình, thành phố Hà Nội",
    "Ngày, tháng, năm đăng ký: 02/03/2026", "NGƯỜI KÝ GIẤY KHAI SINH", "Lê Văn Tâm", NULL
  };

  assert_in_order (text, expected);
  ck_assert_str_eq (ht_paper_doc_get_code (doc), "GKS");
  ck_assert_str_eq (ht_paper_doc_get_number (doc), "1");
  ck_assert (strstr (ht_paper_doc_get_payload (doc), "|dd=chờ cấp|") != NULL);
  ck_assert (strstr (ht_paper_doc_get_payload (doc), "|ten=NGUYỄN VĂN ANH|") != NULL);
}
END_TEST

START_TEST (test_birth_copy_and_old_address)
{
  g_autoptr(HtPaperDoc) copy = paper ("birth/2026/1", TRUE);
  g_autoptr(HtPaperDoc) old = paper ("birth/2024/35", FALSE);
  g_autofree char *copy_text = ht_paper_doc_to_text (copy);
  g_autofree char *old_text = ht_paper_doc_to_text (old);
  static const char *const copy_lines[] = {
    "Số: 1", "GIẤY KHAI SINH", "(BẢN SAO)", "NGUYỄN VĂN ANH", "NGƯỜI KÝ GIẤY KHAI SINH",
    "Sao từ Sổ đăng ký khai sinh", "Ba Đình, ngày 22 tháng 11 năm 2026", "Số: 1/GKS-BS", NULL
  };
  /* Registered in 2024: the office of three levels, as it was named then,
   * and the personal ID the server gave. */
  static const char *const old_lines[] = {
    "Số: 35", "LÊ MINH KHOA", "Ngày hai mươi tám, tháng tư, năm hai nghìn không trăm hai mươi tư",
    "Số định danh cá nhân: 001224012345",
    "Nơi cư trú: Số 12 phố Trúc Bạch, phường Trúc Bạch, quận Ba Đình, thành phố Hà Nội",
    "Nơi đăng ký khai sinh: Ủy ban nhân dân phường Trúc Bạch, quận Ba Đình, thành phố Hà Nội", NULL
  };

  assert_in_order (copy_text, copy_lines);
  assert_in_order (old_text, old_lines);
  ck_assert_str_eq (ht_paper_doc_get_number (copy), "1/GKS-BS");
}
END_TEST

START_TEST (test_extracts)
{
  static const struct { const char *key; gboolean copy; const char *lines[12]; } cases[] = {
    { "marriage/2025/1", FALSE, { "Số: 1", "GIẤY CHỨNG NHẬN KẾT HÔN", "NGUYỄN VĂN CƯỜNG", "TRẦN THỊ BÍCH",
                                   "15/07/1993", "02/09/1995", "Nơi đăng ký kết hôn", "10/10/2025" } },
    { "marriage/2025/1", TRUE, { "UBND PHƯỜNG BA ĐÌNH", "Số: 1/TLKH-BS", "Ba Đình, ngày 22 tháng 11 năm 2026",
                                  "TRÍCH LỤC KẾT HÔN", "(BẢN SAO)", "NGUYỄN VĂN CƯỜNG", "NGƯỜI KÝ TRÍCH LỤC" } },
    { "death/2026/1", FALSE, { "THÀNH PHỐ HÀ NỘI", "UBND PHƯỜNG BA ĐÌNH", "Số: 1/TLKT",
                                "Ba Đình, ngày 15 tháng 9 năm 2026", "TRÍCH LỤC KHAI TỬ",
                                "Họ, chữ đệm, tên: PHẠM VĂN HÙNG", "Ngày, tháng, năm sinh: 15/03/1940",
                                "Đã chết vào lúc: 14 giờ 30 phút, ngày 12/09/2026",
                                "Nơi chết: Bệnh viện Bạch Mai", "người đi khai tử: PHẠM THỊ MAI" } },
    { "death/2026/1", TRUE, { "Số: 1/TLKT-BS", "TRÍCH LỤC KHAI TỬ", "(BẢN SAO)", "PHẠM VĂN HÙNG" } },
    { "parentage/2026/1", FALSE, { "Số: 1/TLCMC", "TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON", "Cha, mẹ nhận con",
                                    "ĐỖ VĂN LONG", "Người con", "ĐỖ MINH CHÂU" } },
    { "guardianship/2026/1", FALSE, { "Số: 1/TLGH", "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ", "Giám hộ đương nhiên",
                                       "Người giám hộ", "TRẦN VĂN TUẤN", "Người được giám hộ", "TRẦN THỊ HOA",
                                       "Căn cứ giám hộ đương nhiên: anh ruột",
                                       /* The later end is noted on the extract. */
                                       "Ghi chú: Chấm dứt giám hộ", "(Số 1/TLCDGH, ngày 01/10/2026)" } },
    { "guardianship_end/2026/1", FALSE, { "Số: 1/TLCDGH", "TRÍCH LỤC ĐĂNG KÝ CHẤM DỨT GIÁM HỘ",
                                           "Đăng ký giám hộ số 1/TLGH, ngày 01/04/2026", "TRẦN VĂN TUẤN",
                                           "Lý do chấm dứt giám hộ: Cha, mẹ của người được giám hộ" } },
    { "change/2026/1", FALSE, { "Số: 1/TLTĐ", "TRÍCH LỤC THAY ĐỔI HỘ TỊCH", "NGUYỄN VĂN AN",
                                 "Đã đăng ký tại: Đăng ký khai sinh số 1, ngày 02/03/2026",
                                 "Nội dung: Họ, chữ đệm, tên: từ “Nguyễn Văn An” thành “Nguyễn Văn Anh”",
                                 "Lý do: Theo nguyện vọng của cha mẹ" } },
    { "marital_status/2026/1", FALSE, { "Số: 1/UBND-XNTTHN", "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "XÁC NHẬN:",
                                         "LÊ THỊ MAI", "Tình trạng hôn nhân: Chưa đăng ký kết hôn với ai.",
                                         "Đăng ký kết hôn với HOÀNG VĂN NAM, sinh năm 1996",
                                         "thời hạn 06 tháng", "Có giá trị đến ngày: 20/01/2027" } },
    { "decision_note/2026/1", FALSE, { "Số: 1/TLGVS", "TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH", "Tuyên bố mất tích",
                                        "LÊ VĂN HẢI, sinh ngày 02/02/1970",
                                        "Quyết định tuyên bố mất tích số 15/2026/QĐST ngày 10/04/2026 của Tòa án",
                                        "Ngày có hiệu lực pháp luật: 25/04/2026" } },
    { "foreign_note/2026/1", FALSE, { "Số: 1/TLGCKS", "TRÍCH LỤC GHI VÀO SỔ HỘ TỊCH VIỆC KHAI SINH",
                                       "NGUYỄN MINH KHÔI", "Ngày một, tháng năm, năm hai nghìn không trăm hai mươi sáu",
                                       "PHẠM THỊ LAN", "NGUYỄN VĂN HÙNG", "Giấy chứng nhận khai sinh",
                                       "Quốc gia: Hàn Quốc" } },
    { "foreign_note/2026/1", TRUE, { "Số: 1/TLGCKS-BS", "(BẢN SAO)", "NGUYỄN MINH KHÔI" } },
    { "adoption/2026/1", FALSE, { "Số: 1", "GIẤY CHỨNG NHẬN NUÔI CON NUÔI", "cha nuôi: VÕ VĂN NAM",
                                   "mẹ nuôi: PHẠM THỊ LAN ANH", "con nuôi: NGUYỄN THỊ MAI",
                                   "Bên giao con nuôi: Cơ sở nuôi dưỡng" } },
    { "adoption/2026/1", TRUE, { "Số: 1/TLNCN-BS", "TRÍCH LỤC ĐĂNG KÝ NUÔI CON NUÔI", "(BẢN SAO)" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HtPaperDoc) doc = paper (cases[i].key, cases[i].copy);
      g_autofree char *text = ht_paper_doc_to_text (doc);
      g_autoptr(HtPayload) p = NULL;
      g_autoptr(GError) error = NULL;

      assert_in_order (text, cases[i].lines);
      p = ht_payload_verify (ht_paper_doc_get_payload (doc), ministry_pk, &error);
      ck_assert_msg (p != NULL, "%s: %s", cases[i].key, error ? error->message : "");
      ck_assert_str_eq (ht_payload_get (p, "p"), ht_paper_doc_get_code (doc));
      ck_assert_str_eq (ht_payload_get (p, "so"), ht_paper_doc_get_number (doc));
    }
}
END_TEST

START_TEST (test_refusals)
{
  g_autoptr(GError) error = NULL;
  HtPaperOptions options;

  /* No copy of a marital-status certificate (NĐ 123 Điều 22.3). */
  {
    g_autoptr(cJSON) r = entry ("marital_status/2026/1");
    ht_paper_options_init (&options);
    options.copy = TRUE;
    ck_assert_ptr_null (ht_paper_doc_new_from_store (store, r, &options, TRUE, &error));
    ck_assert_int_eq (error->code, HT_ERROR_INVALID);
    g_clear_error (&error);
  }
  /* The ministry prints no form for an extract. */
  {
    g_autoptr(cJSON) r = entry ("death/2026/1");
    ht_paper_options_init (&options);
    options.mode = HT_PAPER_PREPRINTED;
    ck_assert_ptr_null (ht_paper_doc_new_from_store (store, r, &options, TRUE, &error));
    g_clear_error (&error);
    /* Not a paper of this kind; issued before the registration. */
    ht_paper_options_init (&options);
    options.paper = "GKS";
    ck_assert_ptr_null (ht_paper_doc_new_from_store (store, r, &options, TRUE, &error));
    g_clear_error (&error);
    ht_paper_options_init (&options);
    ck_assert (ht_date_parse ("2026-01-01", &options.issued_on));
    ck_assert_ptr_null (ht_paper_doc_new_from_store (store, r, &options, TRUE, &error));
    g_clear_error (&error);
  }
  /* A draft and a revoked entry have no papers. */
  {
    g_autoptr(cJSON) r = entry ("birth/2026/1");
    cJSON_ReplaceItemInObject (r, "status", cJSON_CreateString ("revoked"));
    ck_assert_ptr_null (ht_paper_doc_new (r, NULL, NULL, NULL, &error));
    ck_assert (strstr (error->message, "revoked") != NULL);
    g_clear_error (&error);
    cJSON_ReplaceItemInObject (r, "status", cJSON_CreateString ("draft"));
    cJSON_ReplaceItemInObject (r, "number", cJSON_CreateNull ());
    ck_assert_ptr_null (ht_paper_doc_new (r, NULL, NULL, NULL, &error));
    g_clear_error (&error);
  }
  /* The TLKS-BS of 2016–2020 is there when asked for by code. */
  {
    g_autoptr(cJSON) r = entry ("birth/2024/35");
    g_autoptr(HtPaperDoc) doc = NULL;
    ht_paper_options_init (&options);
    options.paper = "TLKS-BS";
    doc = ht_paper_doc_new_from_store (store, r, &options, TRUE, &error);
    ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
    ck_assert_str_eq (ht_paper_doc_get_number (doc), "35/TLKS-BS");
  }
  /* Without a certified key: refused when a signer is required, a marked
   * preview otherwise. */
  {
    g_autoptr(cJSON) r = entry ("birth/2026/1");
    g_autoptr(HtPaperDoc) preview = NULL;
    g_autofree char *text = NULL;
    ck_assert (ht_store_set_key (store, HT_SIGN_KEY_CERTIFICATE, NULL, NULL));
    ck_assert_ptr_null (ht_paper_doc_new_from_store (store, r, NULL, TRUE, &error));
    ck_assert_int_eq (error->code, HT_SIGN_ERROR_NO_KEY);
    preview = ht_paper_doc_new_from_store (store, r, NULL, FALSE, NULL);
    ck_assert_ptr_nonnull (preview);
    ck_assert_ptr_null (ht_paper_doc_get_payload (preview));
    ck_assert (strstr (preview->qr_caption, "CHƯA KÝ SỐ") != NULL);
  }
}
END_TEST

/* ---- Drawing ---- */

/* Draws the paper on a recording surface; everything must be on the page. */
static void
assert_drawn_inside (HtPaperDoc *doc)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  double x, y, w, h;

  ht_paper_doc_draw (doc, cr, HT_PAPER_A4_WIDTH, HT_PAPER_A4_HEIGHT);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  ck_assert_msg (x >= 0 && y >= 0 && x + w <= HT_PAPER_A4_WIDTH + 0.5 && y + h <= HT_PAPER_A4_HEIGHT + 0.5,
                 "%s drawn at %.0f,%.0f %.0f×%.0f", ht_paper_doc_get_code (doc), x, y, w, h);
  ck_assert (w > 200 && h > 200);
  cairo_surface_destroy (surface);
}

START_TEST (test_every_paper_draws_inside)
{
  static const char *const keys[] = {
    "birth/2024/35", "birth/2026/1", "marriage/2025/1", "death/2026/1", "parentage/2026/1",
    "guardianship/2026/1", "guardianship_end/2026/1", "change/2026/1", "marital_status/2026/1",
    "decision_note/2026/1", "foreign_note/2026/1", "adoption/2026/1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    for (int copy = 0; copy < 2; copy++)
      {
        g_autoptr(cJSON) r = entry (keys[i]);
        HtPaperOptions options;
        g_autoptr(HtPaperDoc) doc = NULL;

        ht_paper_options_init (&options);
        options.copy = copy;
        doc = ht_paper_doc_new_from_store (store, r, &options, TRUE, NULL);
        if (doc == NULL)
          {
            ck_assert_str_eq (keys[i], "marital_status/2026/1");
            continue;
          }
        assert_drawn_inside (doc);
      }
}
END_TEST

/* A record with very long values still fits: the type shrinks. */
START_TEST (test_long_values_fit)
{
  g_autoptr(cJSON) r = entry ("birth/2026/1");
  g_autoptr(HtPaperDoc) doc = NULL;
  g_autoptr(GString) place = g_string_new (NULL);

  for (guint i = 0; i < 18; i++)
    g_string_append (place, "Tổ dân phố số 7, đường Nguyễn Trãi kéo dài, ");
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (r, "data"), "child"), "place_of_birth",
                             cJSON_CreateString (place->str));
  cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (r, "data"), "mother"), "residence",
                             cJSON_CreateString (place->str));
  doc = ht_paper_doc_new (r, NULL, NULL, NULL, NULL);
  ck_assert_ptr_nonnull (doc);
  assert_drawn_inside (doc);
}
END_TEST

/* The QR code read back from the PDF page verifies; its text is the signed payload. */
START_TEST (test_pdf_qr_round_trip)
{
  g_autoptr(HtPaperDoc) doc = paper ("death/2026/1", FALSE);
  g_autofree char *pdf = tmp_path ("tlkt.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(HtPayload) p = NULL;

  ck_assert (ht_paper_doc_write_pdf (doc, pdf, &error));
  found = ht_paper_scan_pdf (pdf, &error);
  ck_assert_msg (found != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (found->len, 1);
  ck_assert_str_eq (found->pdata[0], ht_paper_doc_get_payload (doc));
  p = ht_payload_verify (found->pdata[0], ministry_pk, &error);
  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (ht_payload_get (p, "ten"), "PHẠM VĂN HÙNG");
  /* A file that is not a PDF, a PDF path that cannot be written. */
  {
    g_autofree char *junk = tmp_path ("junk.pdf");
    ck_assert (g_file_set_contents (junk, "not a pdf", -1, NULL));
    ck_assert_ptr_null (ht_paper_scan_pdf (junk, &error));
    g_clear_error (&error);
    ck_assert (!ht_paper_doc_write_pdf (doc, "/nonexistent/dir/x.pdf", &error));
    g_clear_error (&error);
  }
}
END_TEST

/* ---- Pre-printed forms ---- */

START_TEST (test_preprinted_and_offset)
{
  g_autoptr(cJSON) r = entry ("birth/2026/1");
  g_autoptr(HtPaperDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  HtPaperOptions options;
  double x, y;

  ht_paper_get_offset (store, &x, &y);
  ck_assert (x == 0 && y == 0);
  ck_assert (ht_paper_set_offset (store, 1.5, -2, &error));
  ht_paper_get_offset (store, &x, &y);
  ck_assert (x == 1.5 && y == -2);
  ck_assert (!ht_paper_set_offset (store, 31, 0, &error));
  g_clear_error (&error);
  ck_assert (!ht_paper_set_offset (store, NAN, 0, &error));
  g_clear_error (&error);
  /* A damaged setting counts as none. */
  ck_assert (ht_store_set_key (store, HT_PAPER_KEY_OFFSET, "999,oops", NULL));
  ht_paper_get_offset (store, &x, &y);
  ck_assert (x == 0 && y == 0);
  ck_assert (ht_paper_set_offset (store, 1.5, -2, NULL));

  ht_paper_options_init (&options);
  options.mode = HT_PAPER_PREPRINTED;
  doc = ht_paper_doc_new_from_store (store, r, &options, TRUE, &error);
  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  ck_assert (doc->offset_x_mm == 1.5 && doc->offset_y_mm == -2);
  assert_drawn_inside (doc);

  for (const char *const *code = ht_paper_preprinted_codes (); *code != NULL; code++)
    {
      g_autofree char *pdf = g_strdup_printf ("%s/cal-%s.pdf", tmp, *code);
      ck_assert_msg (ht_paper_write_calibration (*code, 1.5, -2, pdf, &error), "%s", error ? error->message : "");
    }
  ck_assert_uint_eq (g_strv_length ((char **) ht_paper_preprinted_codes ()), 3);
  ck_assert (!ht_paper_write_calibration ("TLKT", 0, 0, "/dev/null", &error));
}
END_TEST

/* ---- Books ---- */

static void
draw_all_pages (HtBook *book,
                guint   pages)
{
  for (guint i = 0; i < pages; i++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, w, h;

      ht_book_draw_page (book, cr, HT_BOOK_PAGE_WIDTH, HT_BOOK_PAGE_HEIGHT, i);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      ck_assert_msg (y + h <= HT_BOOK_PAGE_HEIGHT + 0.5 && x + w <= HT_BOOK_PAGE_WIDTH + 0.5, "page %u overflows", i);
      cairo_surface_destroy (surface);
    }
}

START_TEST (test_books)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtBook) empty = ht_book_new (store, "birth", 2019, &error);
  g_autoptr(HtBook) births = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (scratch);
  guint pages;

  ck_assert_ptr_nonnull (empty);
  ck_assert_uint_eq (ht_book_get_n_entries (empty), 0);
  ck_assert_uint_eq (ht_book_paginate (empty, cr, HT_BOOK_PAGE_WIDTH, HT_BOOK_PAGE_HEIGHT), 2);
  draw_all_pages (empty, 2);
  ck_assert_ptr_null (ht_book_new (store, "nope", 2026, &error));
  g_clear_error (&error);
  ck_assert_ptr_null (ht_book_new (store, "birth", 99, &error));
  g_clear_error (&error);

  /* Sixty more births: the book runs over several pages, numbers in order. */
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(cJSON) r = entry ("birth/2026/1");
      g_autofree char *name = g_strdup_printf ("Nguyễn Văn Số %u", i);
      g_autoptr(HtIssues) parse = ht_issues_new ();
      cJSON *copy;
      cJSON_DeleteItemFromObject (r, "id");
      cJSON_DeleteItemFromObject (r, "number");
      cJSON_DeleteItemFromObject (r, "book_year");
      cJSON_ReplaceItemInObject (cJSON_GetObjectItem (cJSON_GetObjectItem (r, "data"), "child"), "full_name",
                                 cJSON_CreateString (name));
      cJSON_ReplaceItemInObject (r, "registered_on", cJSON_CreateString ("2026-03-05"));
      copy = ht_record_canonicalize (r, parse);
      ck_assert_ptr_nonnull (copy);
      g_ptr_array_add (more, copy);
      ck_assert_msg (ht_store_save (store, copy, "lan.nt", NULL, HT_SAVE_DEFAULT, parse, &error), "%s",
                     error ? error->message : "");
    }
  births = ht_book_new (store, "birth", 2026, &error);
  ck_assert_uint_eq (ht_book_get_n_entries (births), 61);
  ck_assert_str_eq (ht_book_get_volume (births), "01-TP/HT-2026-KS");
  pages = ht_book_paginate (births, cr, HT_BOOK_PAGE_WIDTH, HT_BOOK_PAGE_HEIGHT);
  ck_assert_uint_gt (pages, 4);
  draw_all_pages (births, pages);
  {
    g_autofree char *pdf = tmp_path ("book.pdf");
    ck_assert (ht_book_write_pdf (births, pdf, &error));
  }
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}
END_TEST

static Suite *
paper_suite (void)
{
  Suite *s = suite_create ("paper");
  const struct { const char *name; const TTest *test; gboolean fixture; } cases[] = {
    { "words", test_words, FALSE },
    { "forms match the registry", test_forms_match_registry, FALSE },
    { "birth certificate", test_birth_certificate, TRUE },
    { "birth copy and old address", test_birth_copy_and_old_address, TRUE },
    { "extracts", test_extracts, TRUE },
    { "refusals", test_refusals, TRUE },
    { "every paper draws inside the page", test_every_paper_draws_inside, TRUE },
    { "long values fit", test_long_values_fit, TRUE },
    { "PDF QR round trip", test_pdf_qr_round_trip, TRUE },
    { "pre-printed form and offset", test_preprinted_and_offset, TRUE },
    { "books", test_books, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      if (cases[i].fixture)
        tcase_add_checked_fixture (tc, setup, teardown);
      tcase_add_test (tc, cases[i].test);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  return ht_check_run (paper_suite (), CK_FORK);
}
