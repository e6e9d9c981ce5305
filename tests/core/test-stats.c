/* test-stats.c — the indicators of forms 13a and 14a on a register built for them.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register is generated so that every figure is known by construction:
 * bulk records with simple counts plus one record per edge of a definition
 * (60/61 days, exactly 5 years, 15/16 days, the age-band birthdays, …).
 * Records are parsed from JSON text with the real field names, as the store
 * and the server hand them over.
 */
#include <string.h>
#include <check.h>

#include "../ht-check-run.h"
#include "ht-date.h"
#include "ht-record.h"
#include "ht-stats.h"
#include "ht-test-lookup.h"

#define PERIOD_FROM "2026-01-01"
#define PERIOD_TO   "2026-06-30"

static const char signer[] = "{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND xã\"}";

/* ---- Building records ---- */

static cJSON *
make_record (const char *kind,
             const char *registered_on,
             const char *status,
             const char *type,
             const char *data)
{
  g_autofree char *text = g_strdup_printf ("{\"kind\":\"%s\",\"office\":\"00004\",\"registered_on\":\"%s\","
                                           "\"status\":\"%s\",\"registration_type\":\"%s\",\"signer\":%s,"
                                           "\"data\":%s}",
                                           kind, registered_on, status, type, signer, data);
  return ht_test_parse (text);
}

/* A birth; "extra" is appended inside data (e.g. a stored "late" tick). */
static cJSON *
make_birth (const char *registered_on,
            const char *status,
            const char *type,
            const char *sex,
            const char *date_of_birth,
            const char *ethnicity,
            const char *extra)
{
  g_autofree char *data = g_strdup_printf ("{\"child\":{\"full_name\":\"Nguyễn Văn An\",\"sex\":\"%s\","
                                           "\"date_of_birth\":\"%s\",\"ethnicity\":\"%s\","
                                           "\"nationality\":\"Việt Nam\"}%s}",
                                           sex, date_of_birth, ethnicity, extra != NULL ? extra : "");
  return make_record ("birth", registered_on, status, type, data);
}

/* A death; "born" is a whole member: "\"date_of_birth\":\"…\"" or "\"birth_year\":1940". */
static cJSON *
make_death (const char *registered_on,
            const char *status,
            const char *type,
            const char *sex,
            const char *born,
            const char *died_at,
            const char *extra)
{
  g_autofree char *data = g_strdup_printf ("{\"deceased\":{\"full_name\":\"Trần Văn Bình\",%s,\"sex\":\"%s\","
                                           "\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\"},"
                                           "\"died_at\":\"%s\",\"place_of_death\":\"Trạm y tế xã Phúc Xá\"%s}",
                                           born, sex, died_at, extra != NULL ? extra : "");
  return make_record ("death", registered_on, status, type, data);
}

/* A party of a marriage; "born" is NULL (no birth given) or a whole member. */
static char *
party (const char *name,
       const char *born,
       const char *prior_status)
{
  return g_strdup_printf ("{\"full_name\":\"%s\",%s%s\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\","
                          "\"prior_status\":\"%s\"}",
                          name, born != NULL ? born : "", born != NULL ? "," : "", prior_status);
}

static cJSON *
make_marriage (const char *registered_on,
               const char *status,
               const char *type,
               const char *husband_born,
               const char *husband_prior,
               const char *wife_born,
               const char *wife_prior)
{
  g_autofree char *husband = party ("Nguyễn Văn Cường", husband_born, husband_prior);
  g_autofree char *wife = party ("Trần Thị Bích", wife_born, wife_prior);
  g_autofree char *data = g_strdup_printf ("{\"husband\":%s,\"wife\":%s}", husband, wife);
  return make_record ("marriage", registered_on, status, type, data);
}

static cJSON *
make_marital_status (const char *registered_on,
                     const char *status,
                     const char *type,
                     const char *sex,
                     const char *purpose)
{
  g_autofree char *data = g_strdup_printf ("{\"subject\":{\"full_name\":\"Lê Thị Hoa\",\"sex\":\"%s\"},"
                                           "\"status\":\"never_married\",\"purpose\":\"%s\"}",
                                           sex, purpose);
  return make_record ("marital_status", registered_on, status, type, data);
}

/* "YYYY-MM-DD" minus a number of days. */
static char *
days_before (const char *date,
             guint       days)
{
  GDate d;

  ck_assert (ht_date_parse (date, &d));
  g_date_subtract_days (&d, days);
  return ht_date_format (&d);
}

static const char *const other_kinds[] = {
  "change", "parentage", "guardianship", "guardianship_end", "decision_note", "foreign_note", "adoption",
};

/* The register.  Each group ends with the records that must not count. */
static GPtrArray *
build_register (void)
{
  GPtrArray *r = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);

  /* Births.  Bulk: 30 new registrations on 2026-03-10, born 0..29 days
   * earlier (on time, under 5); 18 boys, 12 girls; 20 Kinh ("Kinh" and
   * "KINH"), 10 Tày. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *born = days_before ("2026-03-10", i);
      const char *ethnicity = i % 3 == 0 ? "Kinh" : i % 3 == 1 ? "KINH" : "Tày";
      g_ptr_array_add (r, make_birth ("2026-03-10", "registered", "new", i < 18 ? "male" : "female",
                                      born, ethnicity, NULL));
    }
  /* Exactly 60 days: on time. */
  g_ptr_array_add (r, make_birth ("2026-03-10", "registered", "new", "male", "2026-01-09", "Kinh", NULL));
  /* 61 days: late, although the (digitised) entry keeps a "not late" tick. */
  g_ptr_array_add (r, make_birth ("2026-03-10", "registered", "new", "female", "2026-01-08", "Mường",
                                  ",\"late\":false"));
  /* Exactly 5 years old on the registration day: not under 5, late. */
  g_ptr_array_add (r, make_birth ("2026-03-10", "registered", "new", "male", "2021-03-10", " kinh ", NULL));
  /* One day younger: under 5, late. */
  g_ptr_array_add (r, make_birth ("2026-03-10", "registered", "new", "female", "2021-03-11", "Khơ Mú", NULL));
  /* On the first day of the period, a blank ethnicity (counted as other). */
  g_ptr_array_add (r, make_birth (PERIOD_FROM, "registered", "new", "male", "2025-12-31", "", NULL));
  /* On the last day of the period. */
  g_ptr_array_add (r, make_birth (PERIOD_TO, "registered", "new", "female", "2026-06-01", "Kinh", NULL));
  /* A foundling is a new registration. */
  g_ptr_array_add (r, make_birth ("2026-05-05", "registered", "foundling", "female", "2026-04-20", "Kinh", NULL));
  /* A re-registration: only in re_registration. */
  g_ptr_array_add (r, make_birth ("2026-04-01", "registered", "re-registration", "male", "2010-05-05", "Kinh", NULL));
  /* Never counted: revoked, draft, the day before the period, the day after. */
  g_ptr_array_add (r, make_birth ("2026-04-01", "revoked", "new", "male", "2026-03-30", "Kinh", NULL));
  g_ptr_array_add (r, make_birth ("2026-04-02", "draft", "new", "male", "2026-03-30", "Kinh", NULL));
  g_ptr_array_add (r, make_birth ("2025-12-31", "registered", "new", "male", "2025-12-01", "Kinh", NULL));
  g_ptr_array_add (r, make_birth ("2026-07-01", "registered", "new", "male", "2026-06-20", "Kinh", NULL));

  /* Deaths.  Bulk: 20 registered 5 days after the death (on time), aged 5
   * or more (a quarter known by year alone); 11 men, 9 women. */
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (r, make_death ("2026-04-15", "registered", "new", i < 11 ? "male" : "female",
                                    i % 4 == 0 ? "\"birth_year\":1940" : "\"date_of_birth\":\"1960-06-15\"",
                                    "2026-04-10T08:00", NULL));
  /* Exactly 15 days: on time; exactly 1 year old: 1 to 4. */
  g_ptr_array_add (r, make_death ("2026-04-15", "registered", "new", "male", "\"date_of_birth\":\"2025-03-31\"",
                                  "2026-03-31T07:00", NULL));
  /* 16 days (the hour does not matter): late; one day short of 1 year:
   * under 1, whatever the stored tick and band say. */
  g_ptr_array_add (r, make_death ("2026-04-15", "registered", "new", "female", "\"date_of_birth\":\"2025-03-31\"",
                                  "2026-03-30T23:59", ",\"late\":false,\"age_band\":\"5_plus\""));
  /* Exactly 5 years: 5 and over. */
  g_ptr_array_add (r, make_death ("2026-04-15", "registered", "new", "male", "\"date_of_birth\":\"2021-04-10\"",
                                  "2026-04-10", NULL));
  /* One day short of 5 years: 1 to 4. */
  g_ptr_array_add (r, make_death ("2026-04-15", "registered", "new", "female", "\"date_of_birth\":\"2021-04-11\"",
                                  "2026-04-10", NULL));
  /* Died on the day of birth: under 1. */
  g_ptr_array_add (r, make_death ("2026-04-15", "registered", "new", "male", "\"date_of_birth\":\"2026-04-10\"",
                                  "2026-04-10T01:00", NULL));
  /* Born in 2021 (year alone): counted from 1 January, so 5 and over (⚠). */
  g_ptr_array_add (r, make_death ("2026-04-15", "registered", "new", "female", "\"birth_year\":2021",
                                  "2026-04-10", NULL));
  g_ptr_array_add (r, make_death ("2026-04-15", "registered", "re-registration", "male", "\"birth_year\":1930",
                                  "2000-01-01", NULL));
  g_ptr_array_add (r, make_death ("2026-04-15", "revoked", "new", "male", "\"birth_year\":1930",
                                  "2026-04-10", NULL));
  g_ptr_array_add (r, make_death ("2026-04-15", "draft", "new", "male", "\"birth_year\":1930",
                                  "2026-04-10", NULL));
  g_ptr_array_add (r, make_death ("2025-12-31", "registered", "new", "male", "\"birth_year\":1930",
                                  "2025-12-30", NULL));
  g_ptr_array_add (r, make_death ("2026-07-01", "registered", "new", "male", "\"birth_year\":1930",
                                  "2026-06-30", NULL));

  /* Marriages on 2026-05-20.  First marriages: husbands 25 and 26 (and one
   * with no birth given, left out of the mean), wives 20, 21 and 21. */
  g_ptr_array_add (r, make_marriage ("2026-05-20", "registered", "new",
                                     "\"date_of_birth\":\"2001-05-20\"", "never_married",
                                     "\"date_of_birth\":\"2006-05-20\"", "never_married"));
  g_ptr_array_add (r, make_marriage ("2026-05-20", "registered", "new",
                                     "\"date_of_birth\":\"2000-05-19\"", "never_married",
                                     "\"date_of_birth\":\"2005-05-20\"", "never_married"));
  g_ptr_array_add (r, make_marriage ("2026-05-20", "registered", "recognition",
                                     NULL, "never_married",
                                     "\"date_of_birth\":\"2005-01-01\"", "never_married"));
  /* One party divorced or widowed: not a first marriage. */
  g_ptr_array_add (r, make_marriage ("2026-05-20", "registered", "new",
                                     "\"date_of_birth\":\"1986-01-01\"", "divorced",
                                     "\"date_of_birth\":\"1996-01-01\"", "never_married"));
  g_ptr_array_add (r, make_marriage ("2026-05-20", "registered", "new",
                                     "\"date_of_birth\":\"1990-01-01\"", "never_married",
                                     "\"date_of_birth\":\"1980-01-01\"", "widowed"));
  /* A re-registered first marriage counts only in re_registration. */
  g_ptr_array_add (r, make_marriage ("2026-05-20", "registered", "re-registration",
                                     "\"date_of_birth\":\"1960-01-01\"", "never_married",
                                     "\"date_of_birth\":\"1962-01-01\"", "never_married"));
  g_ptr_array_add (r, make_marriage ("2026-05-20", "revoked", "new",
                                     "\"date_of_birth\":\"1960-01-01\"", "never_married",
                                     "\"date_of_birth\":\"1962-01-01\"", "never_married"));
  g_ptr_array_add (r, make_marriage ("2026-05-20", "draft", "new",
                                     "\"date_of_birth\":\"1960-01-01\"", "never_married",
                                     "\"date_of_birth\":\"1962-01-01\"", "never_married"));
  g_ptr_array_add (r, make_marriage ("2025-12-31", "registered", "new",
                                     "\"date_of_birth\":\"1960-01-01\"", "never_married",
                                     "\"date_of_birth\":\"1962-01-01\"", "never_married"));
  g_ptr_array_add (r, make_marriage ("2026-07-01", "registered", "new",
                                     "\"date_of_birth\":\"1960-01-01\"", "never_married",
                                     "\"date_of_birth\":\"1962-01-01\"", "never_married"));

  /* Marital-status certificates: 6 men, 4 women; purposes in turn
   * domestic, abroad, other (4 + 3 to marry, 3 other); a reissue (a woman,
   * other) counts; a revoked one does not. */
  for (guint i = 0; i < 10; i++)
    {
      const char *purpose = i % 3 == 0 ? "marriage_domestic" : i % 3 == 1 ? "marriage_abroad" : "other";
      g_ptr_array_add (r, make_marital_status ("2026-02-02", "registered", "new", i < 6 ? "male" : "female",
                                               purpose));
    }
  g_ptr_array_add (r, make_marital_status ("2026-02-02", "registered", "reissue", "female", "other"));
  g_ptr_array_add (r, make_marital_status ("2026-02-02", "revoked", "new", "male", "marriage_domestic"));

  /* One record of each other kind in the period, one after it; a revoked
   * adoption and a draft change. */
  for (guint i = 0; i < G_N_ELEMENTS (other_kinds); i++)
    {
      const HtKind *kind = ht_kinds_lookup (other_kinds[i]);
      const char *type = kind->registration_types[0];
      g_ptr_array_add (r, make_record (other_kinds[i], "2026-06-15", "registered", type, "{}"));
      g_ptr_array_add (r, make_record (other_kinds[i], "2026-07-01", "registered", type, "{}"));
    }
  g_ptr_array_add (r, make_record ("adoption", "2026-06-15", "revoked", "new", "{}"));
  g_ptr_array_add (r, make_record ("change", "2026-06-15", "draft", "change", "{}"));

  return r;
}

/* The register's figures, worked out by hand from build_register(). */
static const char expected_json[] =
  "{\"scope\":\"00004\",\"from\":\"2026-01-01\",\"to\":\"2026-06-30\","
  "\"birth\":{\"total\":37,\"male\":21,\"female\":16,\"kinh\":24,\"other_ethnicity\":13,\"on_time\":34,"
  "\"late\":3,\"re_registration\":1,\"under_5\":36},"
  "\"death\":{\"total\":26,\"male\":14,\"female\":12,\"on_time\":25,\"late\":1,\"under_1\":2,\"age_1_to_4\":2,"
  "\"age_5_plus\":22,\"re_registration\":1},"
  "\"marriage\":{\"total\":5,\"first_marriage\":3,\"mean_age_first_marriage_husband\":25.5,"
  "\"mean_age_first_marriage_wife\":20.7,\"re_registration\":1},"
  "\"marital_status\":{\"total\":11,\"male\":6,\"female\":5,\"purpose_marriage\":7,\"purpose_other\":4},"
  "\"change\":{\"total\":1},\"parentage\":{\"total\":1},\"guardianship\":{\"total\":1},"
  "\"guardianship_end\":{\"total\":1},\"decision_note\":{\"total\":1},\"foreign_note\":{\"total\":1},"
  "\"adoption\":{\"total\":1}}";

/* Counted: 37 + 1 births, 26 + 1 deaths, 5 + 1 marriages, 11 certificates, 7 others. */
#define EXPECTED_COUNTED 89

static const char expected_csv[] =
  "section,indicator,value\n"
  "birth,total,37\n"
  "birth,male,21\n"
  "birth,female,16\n"
  "birth,kinh,24\n"
  "birth,other_ethnicity,13\n"
  "birth,on_time,34\n"
  "birth,late,3\n"
  "birth,re_registration,1\n"
  "birth,under_5,36\n"
  "death,total,26\n"
  "death,male,14\n"
  "death,female,12\n"
  "death,on_time,25\n"
  "death,late,1\n"
  "death,under_1,2\n"
  "death,age_1_to_4,2\n"
  "death,age_5_plus,22\n"
  "death,re_registration,1\n"
  "marriage,total,5\n"
  "marriage,first_marriage,3\n"
  "marriage,mean_age_first_marriage_husband,25.5\n"
  "marriage,mean_age_first_marriage_wife,20.7\n"
  "marriage,re_registration,1\n"
  "marital_status,total,11\n"
  "marital_status,male,6\n"
  "marital_status,female,5\n"
  "marital_status,purpose_marriage,7\n"
  "marital_status,purpose_other,4\n"
  "change,total,1\n"
  "parentage,total,1\n"
  "guardianship,total,1\n"
  "guardianship_end,total,1\n"
  "decision_note,total,1\n"
  "foreign_note,total,1\n"
  "adoption,total,1\n";

/* ---- Helpers ---- */

static HtStats *
period_stats (const char *scope)
{
  GDate from, to;

  ck_assert (ht_date_parse (PERIOD_FROM, &from));
  ck_assert (ht_date_parse (PERIOD_TO, &to));
  return ht_stats_new (scope, &from, &to);
}

static char *
stats_json (const HtStats *stats)
{
  g_autoptr(cJSON) json = ht_stats_to_json (stats);
  return cJSON_PrintUnformatted (json);
}

/* One figure of the JSON; a null mean reads as -1. */
static double
figure (const HtStats *stats,
        const char    *section,
        const char    *indicator)
{
  g_autoptr(cJSON) json = ht_stats_to_json (stats);
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (json, section),
                                                         indicator);

  ck_assert_msg (value != NULL, "no %s.%s", section, indicator);
  if (cJSON_IsNull (value))
    return -1;
  ck_assert (cJSON_IsNumber (value));
  return value->valuedouble;
}

/* Adds one record and frees it. */
static void
add_one (HtStats *stats,
         cJSON   *record)
{
  ht_stats_add (stats, record);
  cJSON_Delete (record);
}

/* ---- Tests ---- */

START_TEST (test_register_figures)
{
  g_autoptr(GPtrArray) records = build_register ();
  g_autoptr(HtStats) stats = period_stats ("00004");
  g_autofree char *text = NULL;

  for (guint i = 0; i < records->len; i++)
    ht_stats_add (stats, g_ptr_array_index (records, i));
  text = stats_json (stats);
  ck_assert_str_eq (text, expected_json);
  ck_assert_uint_eq (ht_stats_counted (stats), EXPECTED_COUNTED);
}
END_TEST

START_TEST (test_birth_edges)
{
  g_autoptr(HtStats) stats = NULL;

  /* 60 days: on time; 61: late. */
  stats = period_stats ("00004");
  add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2026-01-09", "Kinh", NULL));
  ck_assert_int_eq (figure (stats, "birth", "on_time"), 1);
  ck_assert_int_eq (figure (stats, "birth", "late"), 0);
  add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2026-01-08", "Kinh", NULL));
  ck_assert_int_eq (figure (stats, "birth", "on_time"), 1);
  ck_assert_int_eq (figure (stats, "birth", "late"), 1);
  g_clear_pointer (&stats, ht_stats_free);

  /* Exactly 5 full years on the registration day: not under 5; a day
   * younger: under 5. */
  stats = period_stats ("00004");
  add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2021-03-10", "Kinh", NULL));
  ck_assert_int_eq (figure (stats, "birth", "under_5"), 0);
  add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2021-03-11", "Kinh", NULL));
  ck_assert_int_eq (figure (stats, "birth", "under_5"), 1);
  g_clear_pointer (&stats, ht_stats_free);

  /* The stored tick does not decide: a "late" entry registered in time is
   * on time, a "not late" one registered after 60 days is late. */
  stats = period_stats ("00004");
  add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2026-03-01", "Kinh", ",\"late\":true"));
  add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2025-03-01", "Kinh", ",\"late\":false"));
  ck_assert_int_eq (figure (stats, "birth", "on_time"), 1);
  ck_assert_int_eq (figure (stats, "birth", "late"), 1);
  g_clear_pointer (&stats, ht_stats_free);

  /* A re-registration is counted only in re_registration. */
  stats = period_stats ("00004");
  add_one (stats, make_birth ("2026-03-10", "registered", "re-registration", "female", "2010-01-01", "Kinh", NULL));
  ck_assert_int_eq (figure (stats, "birth", "re_registration"), 1);
  ck_assert_int_eq (figure (stats, "birth", "total"), 0);
  ck_assert_int_eq (figure (stats, "birth", "female"), 0);
  ck_assert_int_eq (figure (stats, "birth", "kinh"), 0);
  ck_assert_int_eq (figure (stats, "birth", "late"), 0);
  ck_assert_int_eq (ht_stats_counted (stats), 1);
}
END_TEST

START_TEST (test_kinh_folding)
{
  g_autoptr(HtStats) stats = period_stats ("00004");
  /* Kinh however it was typed: case, surrounding white space, a
   * non-breaking space (folded by ht_fold()). */
  static const char *const kinh[] = { "Kinh", "KINH", "kinh", " Kinh ", "  kInH  ", "Kinh\u00a0" };
  /* Anything else, a blank included, is another ethnicity. */
  static const char *const other[] = { "", "Tày", "Khơ Mú", "Kinhh", "Ki nh", "Hoa" };

  for (guint i = 0; i < G_N_ELEMENTS (kinh); i++)
    add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2026-03-01", kinh[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    add_one (stats, make_birth ("2026-03-10", "registered", "new", "male", "2026-03-01", other[i], NULL));
  ck_assert_int_eq (figure (stats, "birth", "kinh"), G_N_ELEMENTS (kinh));
  ck_assert_int_eq (figure (stats, "birth", "other_ethnicity"), G_N_ELEMENTS (other));
  ck_assert_int_eq (figure (stats, "birth", "total"), G_N_ELEMENTS (kinh) + G_N_ELEMENTS (other));
}
END_TEST

START_TEST (test_death_edges)
{
  g_autoptr(HtStats) stats = period_stats ("00004");
  const char *born = "\"date_of_birth\":\"2025-03-31\"";

  /* 15 days from the day of death: on time; 16: late, whatever the hour. */
  add_one (stats, make_death ("2026-04-15", "registered", "new", "male", born, "2026-03-31T23:59", NULL));
  ck_assert_int_eq (figure (stats, "death", "on_time"), 1);
  add_one (stats, make_death ("2026-04-15", "registered", "new", "male", born, "2026-03-30T00:00", NULL));
  ck_assert_int_eq (figure (stats, "death", "late"), 1);
  ck_assert_int_eq (figure (stats, "death", "on_time"), 1);
  /* Exactly 1 year: 1 to 4; the day before: under 1. */
  ck_assert_int_eq (figure (stats, "death", "age_1_to_4"), 1);
  ck_assert_int_eq (figure (stats, "death", "under_1"), 1);
  g_clear_pointer (&stats, ht_stats_free);

  /* Exactly 5 years: 5 and over; a day short: 1 to 4. */
  stats = period_stats ("00004");
  add_one (stats, make_death ("2026-04-15", "registered", "new", "male", "\"date_of_birth\":\"2021-04-10\"",
                              "2026-04-10", NULL));
  ck_assert_int_eq (figure (stats, "death", "age_5_plus"), 1);
  add_one (stats, make_death ("2026-04-15", "registered", "new", "male", "\"date_of_birth\":\"2021-04-11\"",
                              "2026-04-10", NULL));
  ck_assert_int_eq (figure (stats, "death", "age_1_to_4"), 1);
  ck_assert_int_eq (figure (stats, "death", "age_5_plus"), 1);
  g_clear_pointer (&stats, ht_stats_free);

  /* A year of birth alone counts from 1 January: born "2025", died
   * 2025-12-31 is under 1; died 2026-01-01 is 1 to 4. */
  stats = period_stats ("00004");
  add_one (stats, make_death ("2026-01-05", "registered", "new", "female", "\"birth_year\":2025",
                              "2025-12-31", NULL));
  ck_assert_int_eq (figure (stats, "death", "under_1"), 1);
  add_one (stats, make_death ("2026-01-05", "registered", "new", "female", "\"birth_year\":2025",
                              "2026-01-01", NULL));
  ck_assert_int_eq (figure (stats, "death", "age_1_to_4"), 1);
  ck_assert_int_eq (figure (stats, "death", "female"), 2);
  g_clear_pointer (&stats, ht_stats_free);

  /* A stored band or tick that disagrees with the dates does not decide. */
  stats = period_stats ("00004");
  add_one (stats, make_death ("2026-04-15", "registered", "new", "male", "\"date_of_birth\":\"2026-01-01\"",
                              "2026-04-14", ",\"late\":true,\"age_band\":\"5_plus\""));
  ck_assert_int_eq (figure (stats, "death", "on_time"), 1);
  ck_assert_int_eq (figure (stats, "death", "late"), 0);
  ck_assert_int_eq (figure (stats, "death", "under_1"), 1);
  ck_assert_int_eq (figure (stats, "death", "age_5_plus"), 0);
}
END_TEST

START_TEST (test_never_counted)
{
  g_autoptr(HtStats) stats = period_stats ("00004");
  g_autoptr(cJSON) inside = NULL;

  add_one (stats, make_birth ("2026-03-10", "revoked", "new", "male", "2026-03-01", "Kinh", NULL));
  add_one (stats, make_birth ("2026-03-10", "draft", "new", "male", "2026-03-01", "Kinh", NULL));
  add_one (stats, make_birth ("2025-12-31", "registered", "new", "male", "2025-12-01", "Kinh", NULL));
  add_one (stats, make_birth ("2026-07-01", "registered", "new", "male", "2026-06-01", "Kinh", NULL));
  add_one (stats, make_record ("adoption", "2026-03-10", "revoked", "new", "{}"));
  add_one (stats, make_marital_status ("2026-03-10", "draft", "new", "male", "other"));
  ck_assert_uint_eq (ht_stats_counted (stats), 0);
  ck_assert_int_eq (figure (stats, "birth", "total"), 0);
  ck_assert_int_eq (figure (stats, "adoption", "total"), 0);
  ck_assert_int_eq (figure (stats, "marital_status", "total"), 0);

  /* Both bounds are inside the period. */
  add_one (stats, make_birth (PERIOD_FROM, "registered", "new", "male", "2025-12-01", "Kinh", NULL));
  add_one (stats, make_birth (PERIOD_TO, "registered", "new", "male", "2026-06-01", "Kinh", NULL));
  ck_assert_int_eq (figure (stats, "birth", "total"), 2);

  /* A record whose registration date cannot be read is in no period. */
  inside = make_birth ("2026-03-10", "registered", "new", "male", "2026-03-01", "Kinh", NULL);
  cJSON_ReplaceItemInObjectCaseSensitive (inside, "registered_on", cJSON_CreateNull ());
  ht_stats_add (stats, inside);
  ck_assert_uint_eq (ht_stats_counted (stats), 2);
}
END_TEST

START_TEST (test_marriage_means)
{
  g_autoptr(HtStats) stats = period_stats ("00004");
  g_autofree char *csv = NULL;

  /* No first marriage: the means are null (empty in CSV). */
  add_one (stats, make_marriage ("2026-05-20", "registered", "new", "\"date_of_birth\":\"1990-01-01\"", "divorced",
                                 "\"date_of_birth\":\"1995-01-01\"", "never_married"));
  ck_assert_int_eq (figure (stats, "marriage", "total"), 1);
  ck_assert_int_eq (figure (stats, "marriage", "first_marriage"), 0);
  ck_assert_int_eq (figure (stats, "marriage", "mean_age_first_marriage_husband"), -1);
  ck_assert_int_eq (figure (stats, "marriage", "mean_age_first_marriage_wife"), -1);
  csv = ht_stats_to_csv (stats);
  ck_assert_ptr_nonnull (strstr (csv, "\nmarriage,mean_age_first_marriage_husband,\n"));
  ck_assert_ptr_nonnull (strstr (csv, "\nmarriage,mean_age_first_marriage_wife,\n"));
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&stats, ht_stats_free);

  /* Husbands 25, 25, 25, 26 → 25.25 → 25.3 (half away from zero); wives
   * 20, 21, 21 (the fourth has no birth given) → 20.67 → 20.7.  Ages are
   * full years on the registration day: a birthday the next day does not
   * count. */
  stats = period_stats ("00004");
  add_one (stats, make_marriage ("2026-05-20", "registered", "new", "\"date_of_birth\":\"2001-05-20\"", "never_married",
                                 "\"date_of_birth\":\"2006-05-20\"", "never_married"));
  add_one (stats, make_marriage ("2026-05-20", "registered", "new", "\"date_of_birth\":\"2000-05-21\"", "never_married",
                                 "\"date_of_birth\":\"2004-05-21\"", "never_married"));
  add_one (stats, make_marriage ("2026-05-20", "registered", "new", "\"date_of_birth\":\"2001-01-01\"", "never_married",
                                 "\"date_of_birth\":\"2005-01-01\"", "never_married"));
  add_one (stats, make_marriage ("2026-05-20", "registered", "recognition", "\"date_of_birth\":\"2000-05-20\"",
                                 "never_married", NULL, "never_married"));
  ck_assert_int_eq (figure (stats, "marriage", "first_marriage"), 4);
  ck_assert_double_eq (figure (stats, "marriage", "mean_age_first_marriage_husband"), 25.3);
  ck_assert_double_eq (figure (stats, "marriage", "mean_age_first_marriage_wife"), 20.7);
  csv = ht_stats_to_csv (stats);
  ck_assert_ptr_nonnull (strstr (csv, "\nmarriage,mean_age_first_marriage_husband,25.3\n"));
  ck_assert_ptr_nonnull (strstr (csv, "\nmarriage,mean_age_first_marriage_wife,20.7\n"));
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&stats, ht_stats_free);

  /* A year alone counts from 1 January (⚠): born "2000", 26 on
   * 2026-05-20; a whole number prints with one decimal in CSV. */
  stats = period_stats ("00004");
  add_one (stats, make_marriage ("2026-05-20", "registered", "recognition", "\"birth_year\":2000", "never_married",
                                 "\"birth_year\":2001", "never_married"));
  ck_assert_double_eq (figure (stats, "marriage", "mean_age_first_marriage_husband"), 26);
  ck_assert_double_eq (figure (stats, "marriage", "mean_age_first_marriage_wife"), 25);
  csv = ht_stats_to_csv (stats);
  ck_assert_ptr_nonnull (strstr (csv, "\nmarriage,mean_age_first_marriage_husband,26.0\n"));
}
END_TEST

START_TEST (test_marital_status)
{
  g_autoptr(HtStats) stats = period_stats ("00004");

  add_one (stats, make_marital_status ("2026-02-02", "registered", "new", "male", "marriage_domestic"));
  add_one (stats, make_marital_status ("2026-02-02", "registered", "new", "female", "marriage_abroad"));
  add_one (stats, make_marital_status ("2026-02-02", "registered", "new", "female", "other"));
  add_one (stats, make_marital_status ("2026-02-02", "registered", "reissue", "male", "other"));
  ck_assert_int_eq (figure (stats, "marital_status", "total"), 4);
  ck_assert_int_eq (figure (stats, "marital_status", "male"), 2);
  ck_assert_int_eq (figure (stats, "marital_status", "female"), 2);
  ck_assert_int_eq (figure (stats, "marital_status", "purpose_marriage"), 2);
  ck_assert_int_eq (figure (stats, "marital_status", "purpose_other"), 2);
}
END_TEST

START_TEST (test_merge_halves)
{
  g_autoptr(GPtrArray) records = build_register ();
  g_autoptr(HtStats) whole = period_stats ("00004");
  g_autoptr(HtStats) even = period_stats ("00004");
  g_autoptr(HtStats) odd = period_stats ("00004");
  g_autofree char *whole_json = NULL, *merged_json = NULL, *whole_csv = NULL, *merged_csv = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      ht_stats_add (whole, g_ptr_array_index (records, i));
      ht_stats_add (i % 2 == 0 ? even : odd, g_ptr_array_index (records, i));
    }
  /* The halves' own rounded means differ from the whole's: the merge must
   * use the sums and counts. */
  ck_assert_double_ne (figure (even, "marriage", "mean_age_first_marriage_wife"), 20.7);
  ht_stats_merge (even, odd);

  whole_json = stats_json (whole);
  merged_json = stats_json (even);
  ck_assert_str_eq (merged_json, whole_json);
  ck_assert_str_eq (merged_json, expected_json);
  whole_csv = ht_stats_to_csv (whole);
  merged_csv = ht_stats_to_csv (even);
  ck_assert_str_eq (merged_csv, whole_csv);
  ck_assert_uint_eq (ht_stats_counted (even), ht_stats_counted (whole));
}
END_TEST

START_TEST (test_csv_lines)
{
  g_autoptr(GPtrArray) records = build_register ();
  g_autoptr(HtStats) stats = period_stats ("00004");
  g_autoptr(HtStats) empty = period_stats ("00004");
  g_autofree char *csv = NULL, *empty_csv = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < records->len; i++)
    ht_stats_add (stats, g_ptr_array_index (records, i));
  csv = ht_stats_to_csv (stats);
  ck_assert_str_eq (csv, expected_csv);

  /* Nothing counted: every count is 0, the means are empty; one header
   * and 35 figures. */
  empty_csv = ht_stats_to_csv (empty);
  lines = g_strsplit (empty_csv, "\n", -1);
  ck_assert_uint_eq (g_strv_length (lines), 1 + 35 + 1);  /* the text ends with a newline */
  ck_assert_str_eq (lines[0], "section,indicator,value");
  ck_assert_str_eq (lines[1], "birth,total,0");
  ck_assert_str_eq (lines[21], "marriage,mean_age_first_marriage_husband,");
  ck_assert_str_eq (lines[22], "marriage,mean_age_first_marriage_wife,");
  ck_assert_str_eq (lines[35], "adoption,total,0");
  ck_assert_str_eq (lines[36], "");
}
END_TEST

START_TEST (test_unbounded_and_scope)
{
  g_autoptr(GPtrArray) records = build_register ();
  g_autoptr(HtStats) stats = ht_stats_new (NULL, NULL, NULL);
  g_autoptr(cJSON) json = NULL;
  g_autofree char *empty_json = NULL;

  for (guint i = 0; i < records->len; i++)
    ht_stats_add (stats, g_ptr_array_index (records, i));
  json = ht_stats_to_json (stats);
  /* The nation's scope is "", an open period is null at both ends. */
  ck_assert_str_eq (cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (json, "scope")), "");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItemCaseSensitive (json, "from")));
  ck_assert (cJSON_IsNull (cJSON_GetObjectItemCaseSensitive (json, "to")));
  /* Every registered record counts, before and after the period too:
   * 2 + 2 + 2 more of births, deaths and marriages, 7 more other kinds.
   * Drafts and revoked ones still do not. */
  ck_assert_int_eq (figure (stats, "birth", "total"), 39);
  ck_assert_int_eq (figure (stats, "death", "total"), 28);
  ck_assert_int_eq (figure (stats, "marriage", "total"), 7);
  ck_assert_int_eq (figure (stats, "marriage", "first_marriage"), 5);
  ck_assert_int_eq (figure (stats, "adoption", "total"), 2);
  ck_assert_uint_eq (ht_stats_counted (stats), EXPECTED_COUNTED + 2 + 2 + 2 + 7);

  /* A province's scope is echoed; the key order is fixed. */
  g_clear_pointer (&stats, ht_stats_free);
  stats = period_stats ("01");
  empty_json = stats_json (stats);
  ck_assert_str_eq (empty_json,
                    "{\"scope\":\"01\",\"from\":\"2026-01-01\",\"to\":\"2026-06-30\","
                    "\"birth\":{\"total\":0,\"male\":0,\"female\":0,\"kinh\":0,\"other_ethnicity\":0,\"on_time\":0,"
                    "\"late\":0,\"re_registration\":0,\"under_5\":0},"
                    "\"death\":{\"total\":0,\"male\":0,\"female\":0,\"on_time\":0,\"late\":0,\"under_1\":0,"
                    "\"age_1_to_4\":0,\"age_5_plus\":0,\"re_registration\":0},"
                    "\"marriage\":{\"total\":0,\"first_marriage\":0,\"mean_age_first_marriage_husband\":null,"
                    "\"mean_age_first_marriage_wife\":null,\"re_registration\":0},"
                    "\"marital_status\":{\"total\":0,\"male\":0,\"female\":0,\"purpose_marriage\":0,"
                    "\"purpose_other\":0},"
                    "\"change\":{\"total\":0},\"parentage\":{\"total\":0},\"guardianship\":{\"total\":0},"
                    "\"guardianship_end\":{\"total\":0},\"decision_note\":{\"total\":0},"
                    "\"foreign_note\":{\"total\":0},\"adoption\":{\"total\":0}}");
}
END_TEST

START_TEST (test_envelope_counts)
{
  g_autoptr(GPtrArray) records = build_register ();
  g_autoptr(HtStats) whole = period_stats ("00004");
  g_autoptr(HtStats) split = period_stats ("00004");
  g_autofree char *whole_json = NULL, *split_json = NULL;

  /* Only the new registrations of the kinds with breakdowns need their
   * content; a re-registration and the other matters count from the
   * envelope. */
  ck_assert (ht_stats_needs_content ("birth", "new"));
  ck_assert (ht_stats_needs_content ("birth", "foundling"));
  ck_assert (!ht_stats_needs_content ("birth", "re-registration"));
  ck_assert (!ht_stats_needs_content ("death", "re-registration"));
  ck_assert (!ht_stats_needs_content ("marriage", "re-registration"));
  ck_assert (ht_stats_needs_content ("marriage", "recognition"));
  ck_assert (ht_stats_needs_content ("marital_status", "reissue"));
  ck_assert (!ht_stats_needs_content ("adoption", "re-registration"));
  ck_assert (!ht_stats_needs_content ("change", "change"));
  ck_assert (!ht_stats_needs_content ("no_such_kind", "new"));

  /* Counting the envelope-only records in bulk (as the register's SQL
   * does) gives the same figures as adding them one by one. */
  for (guint i = 0; i < records->len; i++)
    {
      const cJSON *r = g_ptr_array_index (records, i);
      const char *kind = cJSON_GetStringValue (cJSON_GetObjectItem (r, "kind"));
      const char *type = cJSON_GetStringValue (cJSON_GetObjectItem (r, "registration_type"));
      const char *status = cJSON_GetStringValue (cJSON_GetObjectItem (r, "status"));
      const char *on = cJSON_GetStringValue (cJSON_GetObjectItem (r, "registered_on"));

      ht_stats_add (whole, r);
      if (ht_stats_needs_content (kind, type))
        ht_stats_add (split, r);
      else if (g_strcmp0 (status, "registered") == 0 && strcmp (on, PERIOD_FROM) >= 0 && strcmp (on, PERIOD_TO) <= 0)
        ht_stats_add_counted (split, kind, type, 1);
    }
  whole_json = stats_json (whole);
  split_json = stats_json (split);
  ck_assert_str_eq (split_json, whole_json);
  ck_assert_uint_eq (ht_stats_counted (split), ht_stats_counted (whole));

  /* An adoption re-registration counts in the adoption total (docs/statistics.md). */
  ht_stats_add_counted (split, "adoption", "re-registration", 2);
  ck_assert_int_eq (figure (split, "adoption", "total"), 3);
}
END_TEST

START_TEST (test_difference)
{
  g_autoptr(GPtrArray) records = build_register ();
  g_autoptr(HtStats) now = period_stats ("00004");
  g_autoptr(HtStats) before = period_stats ("00004");
  g_autoptr(HtStats) empty = period_stats ("00004");
  g_autoptr(cJSON) now_json = NULL, before_json = NULL, empty_json = NULL;
  g_autoptr(cJSON) diff = NULL, same = NULL, none = NULL;
  const cJSON *marriage;

  for (guint i = 0; i < records->len; i++)
    {
      ht_stats_add (now, g_ptr_array_index (records, i));
      if (i % 3 != 0)
        ht_stats_add (before, g_ptr_array_index (records, i));
    }
  now_json = ht_stats_to_json (now);
  before_json = ht_stats_to_json (before);
  empty_json = ht_stats_to_json (empty);

  diff = ht_stats_json_difference (now_json, before_json);
  ck_assert (!ht_stats_json_difference_is_zero (diff));
  /* Every count is now minus before. */
  for (const cJSON *section = now_json->child; section != NULL; section = section->next)
    {
      if (!cJSON_IsObject (section))
        continue;
      for (const cJSON *item = section->child; item != NULL; item = item->next)
        {
          const cJSON *b = cJSON_GetObjectItem (cJSON_GetObjectItem (before_json, section->string), item->string);
          const cJSON *d = cJSON_GetObjectItem (cJSON_GetObjectItem (diff, section->string), item->string);

          ck_assert_msg (d != NULL, "no difference for %s.%s", section->string, item->string);
          if (cJSON_IsNumber (item) && cJSON_IsNumber (b))
            ck_assert_double_eq_tol (cJSON_GetNumberValue (d), item->valuedouble - b->valuedouble, 0.05);
        }
    }
  ck_assert_ptr_null (cJSON_GetObjectItem (diff, "scope"));

  same = ht_stats_json_difference (now_json, now_json);
  ck_assert (ht_stats_json_difference_is_zero (same));

  /* A mean that appears (no first marriage before) is null, not a number;
   * two null means are no change. */
  none = ht_stats_json_difference (now_json, empty_json);
  marriage = cJSON_GetObjectItem (none, "marriage");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (marriage, "mean_age_first_marriage_husband")));
  ck_assert_int_eq (cJSON_GetNumberValue (cJSON_GetObjectItem (marriage, "total")), 5);
  g_clear_pointer (&none, cJSON_Delete);
  none = ht_stats_json_difference (empty_json, empty_json);
  ck_assert (ht_stats_json_difference_is_zero (none));
}
END_TEST

static Suite *
stats_suite (void)
{
  Suite *s = suite_create ("stats");
  struct { const char *name; const TTest *test; } cases[] = {
    { "register-figures", test_register_figures },
    { "birth-edges", test_birth_edges },
    { "kinh-folding", test_kinh_folding },
    { "death-edges", test_death_edges },
    { "never-counted", test_never_counted },
    { "marriage-means", test_marriage_means },
    { "marital-status", test_marital_status },
    { "merge-halves", test_merge_halves },
    { "csv-lines", test_csv_lines },
    { "unbounded-scope", test_unbounded_and_scope },
    { "envelope-counts", test_envelope_counts },
    { "difference", test_difference },
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
  return ht_check_run (stats_suite (), CK_FORK);
}
