/* hs-test-records.c — valid records and push bodies for server tests and the benchmark.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ht-units.h"
#include "hs-test-records.h"

static const char *const surnames[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
  "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Trịnh", "Mai",
};
static const char *const middles_m[] = { "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Gia" };
static const char *const middles_f[] = { "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Bảo", "Khánh", "Mai" };
static const char *const given_m[] = {
  "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khang", "Khoa",
  "Long", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Trung", "Vinh",
};
static const char *const given_f[] = {
  "Anh", "Bích", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan",
  "Linh", "Mai", "My", "Ngân", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Yến",
};

#define N(a) G_N_ELEMENTS (a)

static char *
person_name (guint    serial,
             gboolean male)
{
  guint s = serial;
  const char *surname = surnames[s % N (surnames)];
  const char *middle, *given;

  s /= N (surnames);
  middle = male ? middles_m[s % N (middles_m)] : middles_f[s % N (middles_f)];
  s /= N (middles_m);
  given = male ? given_m[s % N (given_m)] : given_f[s % N (given_f)];
  return g_strdup_printf ("%s %s %s", surname, middle, given);
}

char *
hs_test_child_name (guint serial)
{
  return person_name (serial, serial % 2 == 0);
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

cJSON *
hs_test_birth (const char *office,
               guint       serial,
               gint64      number,
               const char *id)
{
  return hs_test_birth_in (office, serial, number, id, 2026);
}

cJSON *
hs_test_birth_in (const char *office,
                  guint       serial,
                  gint64      number,
                  const char *id,
                  int         year)
{
  gboolean male = serial % 2 == 0;
  g_autofree char *uuid = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  g_autofree char *child_name = hs_test_child_name (serial);
  g_autofree char *mother_name = person_name (serial / 3 + 7, FALSE);
  g_autofree char *father_name = person_name (serial / 3 + 11, TRUE);
  int mother_year = 1985 + (int) (serial % 15);
  g_autofree char *cccd = g_strdup_printf ("0011%02d%06u", mother_year % 100, serial % 1000000);
  g_autofree char *born = NULL;
  g_autofree char *registered = NULL;
  g_autofree char *notice_day = NULL;
  GDate date;
  cJSON *r, *data, *child, *mother, *father, *declarant, *doc, *notice, *signer, *review;

  /* Born between 1 January and 31 October, registered ten days later: on
   * time, in that year's book, before the pinned "today" (2026-11-22). */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, year);
  g_date_add_days (&date, (serial * 7) % 304);
  born = date_text (&date);
  g_date_add_days (&date, 1);
  notice_day = date_text (&date);
  g_date_add_days (&date, 9);
  registered = date_text (&date);

  r = cJSON_CreateObject ();
  cJSON_AddStringToObject (r, "id", uuid);
  cJSON_AddStringToObject (r, "kind", "birth");
  cJSON_AddStringToObject (r, "office", office);
  cJSON_AddNumberToObject (r, "book_year", year);
  if (number > 0)
    cJSON_AddNumberToObject (r, "number", (double) number);
  cJSON_AddStringToObject (r, "registered_on", registered);
  cJSON_AddStringToObject (r, "status", "registered");
  cJSON_AddStringToObject (r, "registration_type", "new");
  signer = cJSON_AddObjectToObject (r, "signer");
  cJSON_AddStringToObject (signer, "full_name", "Lê Văn Tâm");
  cJSON_AddStringToObject (signer, "position", "Chủ tịch UBND xã");
  cJSON_AddStringToObject (r, "clerk", "lan.nt");

  data = cJSON_AddObjectToObject (r, "data");
  child = cJSON_AddObjectToObject (data, "child");
  cJSON_AddStringToObject (child, "full_name", child_name);
  cJSON_AddStringToObject (child, "sex", male ? "male" : "female");
  cJSON_AddStringToObject (child, "date_of_birth", born);
  cJSON_AddStringToObject (child, "place_of_birth", "Trạm y tế xã Phúc Xá, Thành phố Hà Nội");
  cJSON_AddStringToObject (child, "ethnicity", "Kinh");
  cJSON_AddStringToObject (child, "nationality", "Việt Nam");
  cJSON_AddStringToObject (child, "hometown", "Xã Phúc Xá, Thành phố Hà Nội");

  mother = cJSON_AddObjectToObject (data, "mother");
  cJSON_AddStringToObject (mother, "full_name", mother_name);
  cJSON_AddNumberToObject (mother, "birth_year", mother_year);
  cJSON_AddStringToObject (mother, "ethnicity", "Kinh");
  cJSON_AddStringToObject (mother, "nationality", "Việt Nam");
  cJSON_AddStringToObject (mother, "residence", "Số 5 ngõ 2, phường Phúc Xá, Hà Nội");
  doc = cJSON_AddObjectToObject (mother, "id_document");
  cJSON_AddStringToObject (doc, "type", "cccd");
  cJSON_AddStringToObject (doc, "number", cccd);

  father = cJSON_AddObjectToObject (data, "father");
  cJSON_AddStringToObject (father, "full_name", father_name);
  cJSON_AddNumberToObject (father, "birth_year", mother_year - 2);
  cJSON_AddStringToObject (father, "ethnicity", "Kinh");
  cJSON_AddStringToObject (father, "nationality", "Việt Nam");
  cJSON_AddStringToObject (father, "residence", "Số 5 ngõ 2, phường Phúc Xá, Hà Nội");

  declarant = cJSON_AddObjectToObject (data, "declarant");
  cJSON_AddStringToObject (declarant, "full_name", mother_name);
  cJSON_AddStringToObject (declarant, "relationship", "mẹ");
  doc = cJSON_AddObjectToObject (declarant, "id_document");
  cJSON_AddStringToObject (doc, "type", "cccd");
  cJSON_AddStringToObject (doc, "number", cccd);

  notice = cJSON_AddObjectToObject (data, "birth_notice");
  cJSON_AddStringToObject (notice, "type", "medical");
  cJSON_AddStringToObject (notice, "number", "123/GCS");
  cJSON_AddStringToObject (notice, "issuer", "Trạm y tế xã Phúc Xá");
  cJSON_AddStringToObject (notice, "issued_on", notice_day);

  cJSON_AddNullToObject (r, "pin");
  review = cJSON_AddObjectToObject (r, "review");
  cJSON_AddStringToObject (review, "state", "pending");
  cJSON_AddNullToObject (review, "comment");
  cJSON_AddNullToObject (review, "by");
  cJSON_AddNullToObject (review, "at");
  cJSON_AddNumberToObject (r, "content_version", 1);
  {
    g_autofree char *stamp = g_strdup_printf ("%sT02:14:03Z", registered);
    cJSON_AddStringToObject (r, "updated_at", stamp);
  }
  return r;
}

cJSON *
hs_test_change (const char  *change_id,
                const cJSON *record,
                gint64       base_version)
{
  cJSON *change = cJSON_CreateObject ();
  g_autofree char *id = change_id != NULL ? g_strdup (change_id) : g_uuid_string_random ();

  cJSON_AddStringToObject (change, "change_id", id);
  cJSON_AddStringToObject (change, "record_id",
                           cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (record, "id")));
  cJSON_AddNumberToObject (change, "base_version", (double) base_version);
  cJSON_AddStringToObject (change, "op", "record");
  cJSON_AddItemToObject (change, "record", cJSON_Duplicate (record, TRUE));
  return change;
}

cJSON *
hs_test_batch (cJSON *changes)
{
  cJSON *batch = cJSON_CreateObject ();
  g_autofree char *id = g_uuid_string_random ();

  cJSON_AddStringToObject (batch, "batch_id", id);
  cJSON_AddItemToObject (batch, "changes", changes);
  return batch;
}

const char *
hs_test_office (const char *province,
                guint       n)
{
  g_autoptr(GPtrArray) communes = ht_units_list (HT_UNITS_2026_04_30, HT_UNIT_COMMUNE, province);

  g_assert (n < communes->len);
  return ((const HtUnit *) g_ptr_array_index (communes, n))->code;
}
