/* test-stats-store.c — the statistics of a real register: figures, periods, locked reports.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test gets a new register file in a temporary directory (a checked
 * fixture, run in check's forked child).  Two data sets:
 *
 *  - the edge register: valid records saved one by one, each built for one
 *    edge of a definition (60/61 days, exactly 5 years, 15/16 days, the age
 *    band birthdays, the period's first and last day), plus a draft, revoked
 *    entries and a re-registration; its figures were worked out by hand;
 *  - a generated register (hotich-gen) of a thousand records over three
 *    years, some revoked and some drafts, whose figures from the register
 *    must equal those of ht_stats_add() fed with its exported records, for
 *    every period.
 *
 * The text and XLSX layouts are tested in test-stats-format.c.
 */
#include <string.h>
#include <check.h>
#include <sqlite3.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-error.h"
#include "ht-gen.h"
#include "ht-record.h"
#include "ht-stats-months.h"
#include "ht-stats-store.h"
#include "ht-test-util.h"

static char *tmpdir;
static char *db_path;
static HtStore *store;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  tmpdir = ht_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "registry.db", NULL);
  store = ht_store_create (db_path, HT_TEST_OFFICE, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_object (&store);
  ht_test_rmtree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
}

/* ---- Building and saving records ---- */

/* Saves a record that must be accepted (updated in place) and returns it. */
static cJSON *
save (cJSON      *record,
      const char *reason,
      HtSaveFlags flags)
{
  g_autoptr(HtIssues) issues = ht_issues_new ();
  g_autoptr(GError) error = NULL;

  if (!ht_store_save (store, record, "lan.nt", reason, flags, issues, &error))
    {
      ht_test_print_issues (issues);
      ck_abort_msg ("save failed: %s", error->message);
    }
  return record;
}

static void
set_string (cJSON      *record,
            const char *path,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  cJSON *node = record;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    node = cJSON_GetObjectItemCaseSensitive (node, parts[i]);
  ck_assert_msg (cJSON_IsObject (node), "no object for %s", path);
  cJSON_DeleteItemFromObjectCaseSensitive (node, parts[n - 1]);
  cJSON_AddStringToObject (node, parts[n - 1], value);
}

/* A record from JSON written with single quotes. */
static cJSON *
parse_quoted (const char *text)
{
  g_autofree char *json = g_strdup (text);
  g_autoptr(HtIssues) issues = ht_issues_new ();
  cJSON *record;

  g_strdelimit (json, "'", '"');
  record = ht_record_parse (json, -1, issues);
  if (record == NULL)
    ht_test_print_issues (issues);
  ck_assert_ptr_nonnull (record);
  return record;
}

static cJSON *
birth (const char *name,
       const char *sex,
       const char *dob,
       const char *ethnicity,
       const char *registered_on)
{
  cJSON *record = ht_test_birth (name, dob, registered_on);

  set_string (record, "data.child.sex", sex);
  set_string (record, "data.child.ethnicity", ethnicity);
  return record;
}

static cJSON *
death (const char *name,
       const char *sex,
       const char *dob,
       const char *died_on,
       const char *registered_on)
{
  cJSON *record = ht_test_death (name, dob, died_on, registered_on);

  set_string (record, "data.deceased.sex", sex);
  return record;
}

#define SIGNER "'signer':{'full_name':'Lê Văn Tâm','position':'Chủ tịch UBND phường'},'clerk':'lan.nt'"

static cJSON *
marital_status (const char *name,
                const char *sex,
                const char *purpose,
                const char *registered_on)
{
  g_autofree char *card = g_strdup_printf ("%09u", g_str_hash (name) % 1000000000u);
  g_autofree char *purpose_part =
    strcmp (purpose, "other") == 0
    ? g_strdup ("'purpose':'other','purpose_text':'Bổ sung hồ sơ xin việc'")
    : g_strdup_printf ("'purpose':'%s','intended_spouse':{'full_name':'Phạm Minh Anh','birth_year':1994,"
                       "'nationality':'Việt Nam'}",
                       purpose);
  g_autofree char *text =
    g_strdup_printf ("{'kind':'marital_status','office':'" HT_TEST_OFFICE "','registered_on':'%s',"
                     "'status':'registered','registration_type':'new'," SIGNER ","
                     "'data':{'subject':{'full_name':'%s','date_of_birth':'1992-03-04','sex':'%s',"
                     "'ethnicity':'Kinh','nationality':'Việt Nam',"
                     "'residence':'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội',"
                     "'id_document':{'type':'cmnd','number':'%s'}},"
                     "'status':'never_married','status_text':'Chưa đăng ký kết hôn với ai.',%s}}",
                     registered_on, name, sex, card, purpose_part);
  return parse_quoted (text);
}

static cJSON *
decision_note (const char *subject,
               const char *registered_on)
{
  g_autofree char *text =
    g_strdup_printf ("{'kind':'decision_note','office':'" HT_TEST_OFFICE "','registered_on':'%s',"
                     "'status':'registered','registration_type':'new'," SIGNER ","
                     "'data':{'event':'declared_missing','decision':{'title':'Quyết định tuyên bố mất tích',"
                     "'number':'15/2026/QĐST','issuer':'Tòa án nhân dân khu vực 1 - Hà Nội',"
                     "'issued_on':'2026-02-10','effective_on':'2026-02-25'},"
                     "'subjects':[{'full_name':'%s'}],"
                     "'content':'Ghi vào Sổ hộ tịch việc tuyên bố mất tích của %s.'}}",
                     registered_on, subject, subject);
  return parse_quoted (text);
}

static cJSON *
foreign_birth (const char *registered_on)
{
  g_autofree char *text =
    g_strdup_printf ("{'kind':'foreign_note','office':'" HT_TEST_OFFICE "','registered_on':'%s',"
                     "'status':'registered','registration_type':'new'," SIGNER ","
                     "'data':{'event':'birth','event_data':{"
                     "'child':{'full_name':'Nguyễn Minh Khoa','sex':'male','date_of_birth':'2025-10-01',"
                     "'place_of_birth':'Bệnh viện Samsung, Seoul, Hàn Quốc','ethnicity':'Kinh',"
                     "'nationality':'Việt Nam','hometown':'Hà Nội'},"
                     "'mother':{'full_name':'Phạm Thị Lan','birth_year':1996,'ethnicity':'Kinh',"
                     "'nationality':'Việt Nam','residence':'Seoul, Hàn Quốc'},"
                     "'father':{'full_name':'Nguyễn Văn Hùng','birth_year':1994,'ethnicity':'Kinh',"
                     "'nationality':'Việt Nam','residence':'Seoul, Hàn Quốc'}},"
                     "'foreign_act':{'title':'Giấy chứng nhận khai sinh',"
                     "'issuer':'Cơ quan đăng ký hộ tịch quận Gangnam, Seoul','country':'Hàn Quốc',"
                     "'issued_on':'2025-10-10','event_date':'2025-10-10'},'legalised':true,"
                     "'requester':{'full_name':'Nguyễn Văn Hùng',"
                     "'id_document':{'type':'cccd','number':'001094012345'}}}}",
                     registered_on);
  return parse_quoted (text);
}

/* A birth re-registration of the generator, registered in the period. */
static cJSON *
generated_re_registration (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  GDate from, to;

  ck_assert (ht_date_parse ("2026-02-01", &from));
  ck_assert (ht_date_parse ("2026-05-31", &to));
  gen = ht_gen_new (HT_TEST_OFFICE, 7, &from, &to, 5000, FALSE, &error);
  ck_assert_ptr_nonnull (gen);
  ht_gen_set_kinds (gen, HT_GEN_BIRTH);
  for (;;)
    {
      cJSON *record = ht_gen_next (gen, &error);

      ck_assert_msg (record != NULL, "no re-registration among the generated births");
      if (g_strcmp0 (ht_record_registration_type (record), "re-registration") == 0)
        return record;
      cJSON_Delete (record);
    }
}

static void
revoke_record (cJSON *record)
{
  set_string (record, "status", "revoked");
  save (record, "Đăng ký sai thẩm quyền", HT_SAVE_DEFAULT);
}

/* The records of the edge register that the tests change later. */
typedef struct
{
  cJSON *tay_girl;       /* a birth whose ethnicity gets corrected */
  cJSON *old_man;        /* a death that gets revoked */
  cJSON *second_marriage;/* a marriage whose date moves out of the period */
} Edges;

static void
edges_clear (Edges *edges)
{
  g_clear_pointer (&edges->tay_girl, cJSON_Delete);
  g_clear_pointer (&edges->old_man, cJSON_Delete);
  g_clear_pointer (&edges->second_marriage, cJSON_Delete);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Edges, edges_clear)

#define PERIOD_FROM "2026-01-01"
#define PERIOD_TO   "2026-06-30"

static void
fill_edges (Edges *edges)
{
  cJSON *r;

  /* Births registered on 2026-03-10 unless said otherwise. */
  cJSON_Delete (save (birth ("Nguyễn Văn Sáu Mươi", "male", "2026-01-09", "Kinh", "2026-03-10"), NULL, 0));
  edges->tay_girl = save (birth ("Hoàng Thị Sáu Mốt", "female", "2026-01-08", "Tày", "2026-03-10"), NULL, 0);
  cJSON_Delete (save (birth ("Lê Văn Năm Tuổi", "male", "2021-03-10", "Kinh", "2026-03-10"), NULL, 0));
  cJSON_Delete (save (birth ("Đinh Thị Gần Năm", "female", "2021-03-11", "Mường", "2026-03-10"), NULL, 0));
  cJSON_Delete (save (birth ("Trần Văn Đầu Kỳ", "male", "2025-12-31", "Kinh", PERIOD_FROM), NULL, 0));
  cJSON_Delete (save (birth ("Phạm Thị Cuối Kỳ", "female", "2026-06-01", "Kinh", PERIOD_TO), NULL, 0));
  /* Outside the period, a draft, a revoked entry: never counted. */
  cJSON_Delete (save (birth ("Vũ Văn Trước Kỳ", "male", "2025-12-01", "Kinh", "2025-12-31"), NULL, 0));
  cJSON_Delete (save (birth ("Vũ Văn Sau Kỳ", "male", "2026-06-20", "Kinh", "2026-07-01"), NULL, 0));
  cJSON_Delete (save (birth ("Vũ Văn Bản Nháp", "male", "2026-03-01", "Kinh", "2026-03-10"), NULL, HT_SAVE_DRAFT));
  r = save (birth ("Vũ Văn Bị Hủy", "male", "2026-03-01", "Kinh", "2026-03-10"), NULL, 0);
  revoke_record (r);
  cJSON_Delete (r);
  cJSON_Delete (save (generated_re_registration (), NULL, 0));

  /* Deaths. */
  cJSON_Delete (save (death ("Ngô Văn Một Tuổi", "male", "2025-03-31", "2026-03-31", "2026-04-15"), NULL, 0));
  cJSON_Delete (save (death ("Ngô Thị Chưa Một", "female", "2025-03-31", "2026-03-30", "2026-04-15"), NULL, 0));
  cJSON_Delete (save (death ("Đỗ Văn Đủ Năm", "male", "2021-04-10", "2026-04-10", "2026-04-15"), NULL, 0));
  cJSON_Delete (save (death ("Đỗ Thị Gần Năm", "female", "2021-04-11", "2026-04-10", "2026-04-15"), NULL, 0));
  edges->old_man = save (death ("Bùi Văn Cụ", "male", "1950-06-15", "2026-04-10", "2026-04-12"), NULL, 0);
  r = save (death ("Bùi Văn Bị Hủy", "male", "1950-06-15", "2026-04-10", "2026-04-12"), NULL, 0);
  revoke_record (r);
  cJSON_Delete (r);

  /* First marriages: husbands 25, 25 (a birthday the next day), 26;
   * wives 20, 21, 21.  A remarriage is not a first marriage. */
  cJSON_Delete (save (ht_test_marriage ("Nguyễn Văn Cường", "2001-05-20", "Trần Thị Bích", "2006-05-20",
                                        "2026-05-20"), NULL, 0));
  cJSON_Delete (save (ht_test_marriage ("Lê Văn Dũng", "2000-05-21", "Phạm Thị Hà", "2005-05-20",
                                        "2026-05-20"), NULL, 0));
  cJSON_Delete (save (ht_test_marriage ("Hoàng Văn Nam", "2000-05-20", "Đặng Thị Thu", "2005-01-01",
                                        "2026-05-20"), NULL, 0));
  r = ht_test_marriage ("Trịnh Văn Tái", "1986-01-01", "Mai Thị Hồng", "1996-01-01", "2026-05-20");
  set_string (r, "data.husband.prior_status", "divorced");
  edges->second_marriage = save (r, NULL, 0);

  /* Marital-status certificates. */
  cJSON_Delete (save (marital_status ("Lý Văn An", "male", "marriage_domestic", "2026-02-02"), NULL, 0));
  cJSON_Delete (save (marital_status ("Lý Thị Bình", "female", "marriage_abroad", "2026-02-02"), NULL, 0));
  cJSON_Delete (save (marital_status ("Lý Thị Chi", "female", "other", "2026-02-02"), NULL, 0));
  cJSON_Delete (save (marital_status ("Lý Văn Danh", "male", "other", "2026-02-02"), NULL, 0));

  /* Other matters, counted from the index alone. */
  cJSON_Delete (save (decision_note ("Lê Văn Hải", "2026-03-02"), NULL, 0));
  cJSON_Delete (save (decision_note ("Lê Văn Hà", "2026-03-03"), NULL, 0));
  cJSON_Delete (save (foreign_birth ("2026-03-02"), NULL, 0));
  cJSON_Delete (save (decision_note ("Lê Văn Hưng", "2026-07-03"), NULL, 0));
}

/* The edge register's figures, worked out by hand from fill_edges(). */
static const char expected_edges[] =
  "{\"scope\":\"00004\",\"from\":\"2026-01-01\",\"to\":\"2026-06-30\","
  "\"birth\":{\"total\":6,\"male\":3,\"female\":3,\"kinh\":4,\"other_ethnicity\":2,\"on_time\":3,"
  "\"late\":3,\"re_registration\":1,\"under_5\":5},"
  "\"death\":{\"total\":5,\"male\":3,\"female\":2,\"on_time\":4,\"late\":1,\"under_1\":1,\"age_1_to_4\":2,"
  "\"age_5_plus\":2,\"re_registration\":0},"
  "\"marriage\":{\"total\":4,\"first_marriage\":3,\"mean_age_first_marriage_husband\":25.3,"
  "\"mean_age_first_marriage_wife\":20.7,\"re_registration\":0},"
  "\"marital_status\":{\"total\":4,\"male\":2,\"female\":2,\"purpose_marriage\":2,\"purpose_other\":2},"
  "\"change\":{\"total\":0},\"parentage\":{\"total\":0},\"guardianship\":{\"total\":0},"
  "\"guardianship_end\":{\"total\":0},\"decision_note\":{\"total\":2},\"foreign_note\":{\"total\":1},"
  "\"adoption\":{\"total\":0}}";

/* ---- Helpers ---- */

static GDate
date (const char *text)
{
  GDate d;

  ck_assert (ht_date_parse (text, &d));
  return d;
}

static char *
json_text (const cJSON *json)
{
  return cJSON_PrintUnformatted (json);
}

static char *
computed (const char *from,
          const char *to)
{
  g_autoptr(GError) error = NULL;
  GDate f, t;
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(cJSON) json = NULL;

  g_date_clear (&f, 1);
  g_date_clear (&t, 1);
  if (from != NULL)
    f = date (from);
  if (to != NULL)
    t = date (to);
  stats = ht_stats_compute (store, from ? &f : NULL, to ? &t : NULL, NULL, &error);
  ck_assert_msg (stats != NULL, "%s", error ? error->message : "");
  json = ht_stats_to_json (stats);
  return json_text (json);
}

typedef struct
{
  HtStats *stats;
  guint64  seen;
} Feed;

static gboolean
feed_cb (const cJSON *record,
         gpointer     user_data)
{
  Feed *feed = user_data;

  ht_stats_add (feed->stats, record);
  feed->seen++;
  return TRUE;
}

/* The same figures from every exported record fed to ht_stats_add(). */
static char *
from_export (const char *from,
             const char *to)
{
  g_autoptr(GError) error = NULL;
  GDate f, t;
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(cJSON) json = NULL;
  Feed feed;

  g_date_clear (&f, 1);
  g_date_clear (&t, 1);
  if (from != NULL)
    f = date (from);
  if (to != NULL)
    t = date (to);
  stats = ht_stats_new (HT_TEST_OFFICE, from ? &f : NULL, to ? &t : NULL);
  feed.stats = stats;
  feed.seen = 0;
  /* Every record, whatever its date: ht_stats_add() applies the period. */
  ck_assert (ht_store_export (store, NULL, NULL, NULL, feed_cb, &feed, &error));
  ck_assert_uint_gt (feed.seen, 0);
  json = ht_stats_to_json (stats);
  return json_text (json);
}

/* ---- Tests ---- */

START_TEST (test_edge_register)
{
  g_auto(Edges) edges = { 0 };
  g_autofree char *figures = NULL;
  g_autofree char *memory = NULL;

  fill_edges (&edges);
  figures = computed (PERIOD_FROM, PERIOD_TO);
  ck_assert_str_eq (figures, expected_edges);
  /* The register's two paths (index counts, content through
   * ht_store_get) agree with ht_stats_add() over the exported records. */
  memory = from_export (PERIOD_FROM, PERIOD_TO);
  ck_assert_str_eq (figures, memory);
}
END_TEST

START_TEST (test_edge_bounds)
{
  g_auto(Edges) edges = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *open = NULL;
  g_autofree char *day = NULL;
  g_autoptr(cJSON) json = NULL;
  GDate d;

  fill_edges (&edges);

  /* One day: the first day of the period holds one birth. */
  day = computed (PERIOD_FROM, PERIOD_FROM);
  json = cJSON_Parse (day);
  ck_assert_int_eq (cJSON_GetNumberValue (cJSON_GetObjectItem (cJSON_GetObjectItem (json, "birth"), "total")), 1);
  ck_assert_int_eq (cJSON_GetNumberValue (cJSON_GetObjectItem (cJSON_GetObjectItem (json, "death"), "total")), 0);

  /* Open bounds: every registered entry, never a draft or a revoked one. */
  whole = computed (NULL, NULL);
  open = from_export (NULL, NULL);
  ck_assert_str_eq (whole, open);
  g_clear_pointer (&json, cJSON_Delete);
  json = cJSON_Parse (whole);
  ck_assert_int_eq (cJSON_GetNumberValue (cJSON_GetObjectItem (cJSON_GetObjectItem (json, "birth"), "total")), 8);
  ck_assert_int_eq (cJSON_GetNumberValue (cJSON_GetObjectItem (cJSON_GetObjectItem (json, "decision_note"),
                                                               "total")), 3);

  /* A period with nothing in it. */
  d = date ("2030-01-01");
  {
    g_autoptr(HtStats) none = ht_stats_compute (store, &d, &d, NULL, &error);
    ck_assert_ptr_nonnull (none);
    ck_assert_uint_eq (ht_stats_counted (none), 0);
  }
}
END_TEST

/* A generated register of three years, some entries revoked, some drafts. */
static void
fill_generated (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtGen) gen = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  g_autoptr(GPtrArray) issues = NULL;
  GDate from = date ("2024-01-01"), to = date ("2026-11-20");
  cJSON *record;

  gen = ht_gen_new (HT_TEST_OFFICE, 11, &from, &to, n + 5, FALSE, &error);
  ck_assert_ptr_nonnull (gen);
  for (guint i = 0; i < n; i++)
    {
      record = ht_gen_next (gen, &error);
      ck_assert_msg (record != NULL, "%s", error ? error->message : "");
      g_ptr_array_add (records, record);
    }
  ck_assert_msg (ht_store_import (store, records, "lan.nt", &issues, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
  /* Every 97th entry revoked (an edit: a new version). */
  for (guint i = 0; i < records->len; i += 97)
    revoke_record (records->pdata[i]);
  /* Five drafts. */
  while ((record = ht_gen_next (gen, &error)) != NULL)
    cJSON_Delete (save (record, NULL, HT_SAVE_DRAFT));
}

START_TEST (test_generated_register)
{
  static const char *const periods[][2] = {
    { "2024-01-01", "2024-12-31" },
    { "2025-01-01", "2025-12-31" },
    { "2026-01-01", "2026-05-31" },
    { "2026-01-01", "2026-10-31" },
    { "2024-03-15", "2026-02-28" },
    { "2025-07-01", "2025-07-01" },
    { NULL, NULL },
  };

  fill_generated (1200);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *figures = computed (periods[i][0], periods[i][1]);
      g_autofree char *memory = from_export (periods[i][0], periods[i][1]);

      ck_assert_str_eq (figures, memory);
    }
}
END_TEST

typedef struct
{
  GMainLoop *loop;
  HtStats   *stats;
  GError    *error;
} AsyncResult;

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->stats = ht_stats_compute_finish (HT_STORE (source), result, &r->error);
  g_main_loop_quit (r->loop);
}

START_TEST (test_async)
{
  g_auto(Edges) edges = { 0 };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GDate from = date (PERIOD_FROM), to = date (PERIOD_TO);
  AsyncResult r = { loop, NULL, NULL };

  fill_edges (&edges);
  ht_stats_compute_async (store, &from, &to, NULL, computed_cb, &r);
  g_main_loop_run (loop);
  ck_assert_ptr_null (r.error);
  ck_assert_ptr_nonnull (r.stats);
  {
    g_autoptr(cJSON) json = ht_stats_to_json (r.stats);
    g_autofree char *text = json_text (json);
    ck_assert_str_eq (text, expected_edges);
  }
  g_clear_pointer (&r.stats, ht_stats_free);

  /* A cancelled computation returns nothing but the cancellation. */
  g_cancellable_cancel (cancellable);
  ht_stats_compute_async (store, &from, &to, cancellable, computed_cb, &r);
  g_main_loop_run (loop);
  ck_assert_ptr_null (r.stats);
  ck_assert (g_error_matches (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&r.error);
}
END_TEST

/* A figure of a statistics JSON. */
static double
value (const cJSON *json,
       const char  *section,
       const char  *indicator)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (json, section), indicator);

  ck_assert_msg (v != NULL, "no %s.%s", section, indicator);
  return cJSON_IsNull (v) ? -1 : cJSON_GetNumberValue (v);
}

static const char *
only_id (const cJSON *records,
         const char  *list)
{
  const cJSON *array = cJSON_GetObjectItemCaseSensitive (records, list);

  ck_assert_msg (cJSON_GetArraySize (array) == 1, "%s has %d records", list, cJSON_GetArraySize (array));
  return cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (array, 0), "id"));
}

START_TEST (test_lock_and_changes)
{
  g_auto(Edges) edges = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStatsReport) report = NULL;
  g_autoptr(HtStatsReport) again = NULL;
  g_autoptr(HtStatsReport) six = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(cJSON) changes = NULL;
  g_autoptr(cJSON) late = NULL;
  g_autofree char *locked = NULL;
  GDate from = date (PERIOD_FROM), to = date (PERIOD_TO);
  const cJSON *difference, *records;

  fill_edges (&edges);
  report = ht_stats_report_lock (store, HT_STATS_PERIOD_CUSTOM, 0, &from, &to, "lan.nt", NULL, &error);
  ck_assert_msg (report != NULL, "%s", error ? error->message : "");
  ck_assert (report->intact);
  locked = json_text (report->figures);
  ck_assert_str_eq (locked, expected_edges);

  /* Nothing changed yet. */
  changes = ht_stats_report_changes (store, report, NULL, &error);
  ck_assert_ptr_nonnull (changes);
  ck_assert (ht_stats_json_difference_is_zero (cJSON_GetObjectItem (changes, "difference")));
  g_clear_pointer (&changes, cJSON_Delete);

  /* After the lock: a late entry dated inside the period, a corrected
   * ethnicity, a revoked death, and a marriage whose date was wrong. */
  late = save (birth ("Cao Văn Đến Muộn", "male", "2026-06-01", "Kinh", "2026-06-15"), NULL, 0);
  set_string (edges.tay_girl, "data.child.ethnicity", "Kinh");
  save (edges.tay_girl, "Cải chính dân tộc theo giấy chứng sinh", 0);
  revoke_record (edges.old_man);
  set_string (edges.second_marriage, "registered_on", "2026-07-02");
  save (edges.second_marriage, "Sửa ngày đăng ký ghi nhầm", 0);

  /* The locked figures stay as they were. */
  again = ht_stats_report_find (store, &from, &to, &error);
  ck_assert_ptr_nonnull (again);
  g_free (locked);
  locked = json_text (again->figures);
  ck_assert_str_eq (locked, expected_edges);
  ck_assert (again->intact);

  changes = ht_stats_report_changes (store, again, NULL, &error);
  ck_assert_msg (changes != NULL, "%s", error ? error->message : "");
  records = cJSON_GetObjectItem (changes, "records");
  ck_assert_str_eq (only_id (records, "added"), ht_record_id (late));
  ck_assert_str_eq (only_id (records, "edited"), ht_record_id (edges.tay_girl));
  ck_assert_str_eq (only_id (records, "revoked"), ht_record_id (edges.old_man));
  ck_assert_str_eq (only_id (records, "removed"), ht_record_id (edges.second_marriage));

  difference = cJSON_GetObjectItem (changes, "difference");
  ck_assert (!ht_stats_json_difference_is_zero (difference));
  ck_assert_int_eq (value (difference, "birth", "total"), 1);
  ck_assert_int_eq (value (difference, "birth", "male"), 1);
  ck_assert_int_eq (value (difference, "birth", "kinh"), 2);
  ck_assert_int_eq (value (difference, "birth", "other_ethnicity"), -1);
  ck_assert_int_eq (value (difference, "birth", "on_time"), 1);
  ck_assert_int_eq (value (difference, "death", "total"), -1);
  ck_assert_int_eq (value (difference, "death", "age_5_plus"), -1);
  ck_assert_int_eq (value (difference, "marriage", "total"), -1);
  ck_assert_int_eq (value (difference, "marriage", "first_marriage"), 0);
  ck_assert_int_eq (value (difference, "marriage", "mean_age_first_marriage_husband"), 0);
  ck_assert_int_eq (value (cJSON_GetObjectItem (changes, "current"), "birth", "total"), 7);

  /* A period is locked once; another range is a report of its own. */
  ck_assert_ptr_null (ht_stats_report_lock (store, HT_STATS_PERIOD_CUSTOM, 0, &from, &to, "lan.nt", NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_EXISTS));
  g_clear_error (&error);
  ck_assert (ht_stats_store_period_range (store, HT_STATS_PERIOD_SIX_MONTHS, 2026, &from, &to, &error));
  six = ht_stats_report_lock (store, HT_STATS_PERIOD_SIX_MONTHS, 2026, &from, &to, "lan.nt", NULL, &error);
  ck_assert_ptr_nonnull (six);
  ck_assert_int_eq (six->period, HT_STATS_PERIOD_SIX_MONTHS);
  ck_assert_int_eq (six->year, 2026);
  reports = ht_stats_report_list (store, &error);
  ck_assert_uint_eq (reports->len, 2);

  /* The locks are in the audit chain, and the register is sound. */
  ck_assert_msg (ht_store_check (store, &problems, &error), "%s",
                 problems && problems->len ? (char *) problems->pdata[0] : "");
}
END_TEST

START_TEST (test_lock_bad_input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  GDate from = date ("2026-06-30"), to = date ("2026-01-01");

  ck_assert_ptr_null (ht_stats_report_lock (store, HT_STATS_PERIOD_CUSTOM, 0, &from, &to, "lan.nt", NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert_ptr_null (ht_stats_report_lock (store, HT_STATS_PERIOD_CUSTOM, 2026, &to, &from, "lan.nt", NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert_ptr_null (ht_stats_report_lock (store, HT_STATS_PERIOD_YEAR, 0, &to, &from, "lan.nt", NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert_ptr_null (ht_stats_report_lock (store, HT_STATS_PERIOD_CUSTOM, 0, &to, &from, "", NULL, &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  g_clear_error (&error);
  /* Nothing was stored. */
  reports = ht_stats_report_list (store, &error);
  ck_assert_ptr_nonnull (reports);
  ck_assert_uint_eq (reports->len, 0);
}
END_TEST

static void
sql (const char *text,
     gboolean    must_succeed)
{
  sqlite3 *db = NULL;
  int rc;

  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  rc = sqlite3_exec (db, text, NULL, NULL, NULL);
  sqlite3_close (db);
  if (must_succeed)
    ck_assert_msg (rc == SQLITE_OK, "%s failed", text);
  else
    ck_assert_msg (rc != SQLITE_OK, "%s was let through", text);
}

START_TEST (test_lock_tampered)
{
  g_auto(Edges) edges = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStatsReport) report = NULL;
  g_autoptr(HtStatsReport) found = NULL;
  GDate from = date (PERIOD_FROM), to = date (PERIOD_TO);

  fill_edges (&edges);
  report = ht_stats_report_lock (store, HT_STATS_PERIOD_CUSTOM, 0, &from, &to, "lan.nt", NULL, &error);
  ck_assert_ptr_nonnull (report);

  /* The table is append-only. */
  sql ("UPDATE stats_reports SET figures = '{}'", FALSE);
  sql ("DELETE FROM stats_reports", FALSE);
  sql ("DELETE FROM stats_report_records", FALSE);

  /* Past the triggers, the audit log still knows the figures. */
  sql ("DROP TRIGGER stats_reports_no_update;"
       "UPDATE stats_reports SET figures = replace (figures, '\"total\":6', '\"total\":60')", TRUE);
  found = ht_stats_report_find (store, &from, &to, &error);
  ck_assert_ptr_nonnull (found);
  ck_assert (!found->intact);
  ck_assert_int_eq (value (found->figures, "birth", "total"), 60);
}
END_TEST

START_TEST (test_periods)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cutoff = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean overridden = TRUE;
  GDate from, to;

  /* The built-in dates (TT 03/2019: actual figures to 31 May, to 31
   * October, to 31 December). */
  ck_assert (ht_stats_store_period_range (store, HT_STATS_PERIOD_SIX_MONTHS, 2026, &from, &to, &error));
  from_text = ht_date_format (&from);
  to_text = ht_date_format (&to);
  ck_assert_str_eq (from_text, "2026-01-01");
  ck_assert_str_eq (to_text, "2026-05-31");
  cutoff = ht_stats_store_get_cutoff (store, HT_STATS_PERIOD_YEAR, &overridden);
  ck_assert_str_eq (cutoff, "01-01..12-31");
  ck_assert (!overridden);

  /* This register's own dates: the year of the pre-2019 regime starts in
   * October of the year before. */
  ck_assert (ht_stats_store_set_cutoff (store, HT_STATS_PERIOD_YEAR, "10-01..09-30", &error));
  ck_assert (ht_stats_store_period_range (store, HT_STATS_PERIOD_YEAR, 2026, &from, &to, &error));
  g_free (from_text);
  g_free (to_text);
  from_text = ht_date_format (&from);
  to_text = ht_date_format (&to);
  ck_assert_str_eq (from_text, "2025-10-01");
  ck_assert_str_eq (to_text, "2026-09-30");

  /* A bad value is refused and the override stays. */
  ck_assert (!ht_stats_store_set_cutoff (store, HT_STATS_PERIOD_YEAR, "13-01..09-30", &error));
  ck_assert (g_error_matches (error, HT_ERROR, HT_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert (!ht_stats_store_set_cutoff (store, HT_STATS_PERIOD_CUSTOM, "01-01..09-30", &error));
  g_clear_error (&error);
  g_free (cutoff);
  cutoff = ht_stats_store_get_cutoff (store, HT_STATS_PERIOD_YEAR, &overridden);
  ck_assert_str_eq (cutoff, "10-01..09-30");
  ck_assert (overridden);

  /* Back to the built-in dates. */
  ck_assert (ht_stats_store_set_cutoff (store, HT_STATS_PERIOD_YEAR, NULL, &error));
  g_free (cutoff);
  cutoff = ht_stats_store_get_cutoff (store, HT_STATS_PERIOD_YEAR, &overridden);
  ck_assert_str_eq (cutoff, "01-01..12-31");
  ck_assert (!overridden);
}
END_TEST

/* The births of the charts (ht-stats-months.h) over the edge register and
 * two more births at the edge of "within a year": one registered exactly
 * 365 days after the birth (within), one 366 days after (beyond). */
static char *
birth_months (const char *from,
              const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) json = NULL;
  GDate f, t;

  g_date_clear (&f, 1);
  g_date_clear (&t, 1);
  if (from != NULL)
    f = date (from);
  if (to != NULL)
    t = date (to);
  json = ht_stats_compute_birth_months (store, from ? &f : NULL, to ? &t : NULL, NULL, &error);
  ck_assert_msg (json != NULL, "%s", error ? error->message : "");
  return json_text (json);
}

START_TEST (test_birth_months)
{
  g_auto(Edges) edges = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HtStats) stats = NULL;
  g_autoptr(cJSON) figures = NULL;
  g_autoptr(cJSON) charts = NULL;
  g_autofree char *period = NULL;
  g_autofree char *open = NULL;
  g_autofree char *long_period = NULL;
  g_autofree char *reversed = NULL;
  GDate from = date (PERIOD_FROM), to = date (PERIOD_TO);

  fill_edges (&edges);
  cJSON_Delete (save (birth ("Cao Văn Đủ Năm", "male", "2025-03-10", "Kinh", "2026-03-10"), NULL, 0));
  cJSON_Delete (save (birth ("Cao Thị Quá Năm", "female", "2025-03-09", "Kinh", "2026-03-10"), NULL, 0));

  /* By hand: January one boy (registered on the period's first day),
   * March three boys and three girls (the draft, the revoked entry and the
   * re-registration never count), June one girl (on the period's last
   * day); the empty months are there too.  Within a year: the four of
   * 2026, and the one of exactly 365 days; beyond: the two nearly five
   * years old and the one of 366 days. */
  period = birth_months (PERIOD_FROM, PERIOD_TO);
  ck_assert_str_eq (period,
                    "{\"birth_months\":[{\"month\":\"2026-01\",\"male\":1,\"female\":0},"
                    "{\"month\":\"2026-02\",\"male\":0,\"female\":0},"
                    "{\"month\":\"2026-03\",\"male\":3,\"female\":3},"
                    "{\"month\":\"2026-04\",\"male\":0,\"female\":0},"
                    "{\"month\":\"2026-05\",\"male\":0,\"female\":0},"
                    "{\"month\":\"2026-06\",\"male\":0,\"female\":1}],"
                    "\"birth_within_year\":5,\"birth_beyond_year\":3}");

  /* The same births as the statistics: within and beyond a year are the
   * births whose timing is known, as on time and late are. */
  stats = ht_stats_compute (store, &from, &to, NULL, &error);
  ck_assert_ptr_nonnull (stats);
  figures = ht_stats_to_json (stats);
  ck_assert_int_eq ((int) value (figures, "birth", "total"), 8);
  ck_assert_int_eq ((int) (value (figures, "birth", "on_time") + value (figures, "birth", "late")), 8);

  /* Open, or longer than ten years: only the months that have a birth
   * (the ones before and after the period now count too). */
  open = birth_months (NULL, NULL);
  long_period = birth_months ("2000-01-01", "2026-12-31");
  ck_assert_str_eq (open, long_period);
  ck_assert_str_eq (open,
                    "{\"birth_months\":[{\"month\":\"2025-12\",\"male\":1,\"female\":0},"
                    "{\"month\":\"2026-01\",\"male\":1,\"female\":0},"
                    "{\"month\":\"2026-03\",\"male\":3,\"female\":3},"
                    "{\"month\":\"2026-06\",\"male\":0,\"female\":1},"
                    "{\"month\":\"2026-07\",\"male\":1,\"female\":0}],"
                    "\"birth_within_year\":7,\"birth_beyond_year\":3}");
  /* A period that ends before it starts has nothing. */
  reversed = birth_months (PERIOD_TO, PERIOD_FROM);
  ck_assert_str_eq (reversed, "{\"birth_months\":[],\"birth_within_year\":0,\"birth_beyond_year\":0}");

  /* Cancelled: the cancellation and nothing else. */
  g_cancellable_cancel (cancellable);
  charts = ht_stats_compute_birth_months (store, &from, &to, cancellable, &error);
  ck_assert_ptr_null (charts);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}
END_TEST

static Suite *
stats_store_suite (void)
{
  Suite *s = suite_create ("stats-store");
  struct { const char *name; const TTest *test; } cases[] = {
    { "edge-register", test_edge_register },
    { "edge-bounds", test_edge_bounds },
    { "generated-register", test_generated_register },
    { "async", test_async },
    { "lock-and-changes", test_lock_and_changes },
    { "lock-bad-input", test_lock_bad_input },
    { "lock-tampered", test_lock_tampered },
    { "periods", test_periods },
    { "birth-months", test_birth_months },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_checked_fixture (tc, setup, teardown);
      _tcase_add_test (tc, cases[i].test, 0, 0, 0, 1);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  return ht_check_run (stats_store_suite (), CK_FORK);
}
