/* ht-stats.c — the Ministry's indicators (forms 13a and 14a) for a period.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure is an unsigned counter in one flat array, so merging partial
 * results is a plain sum and the JSON and CSV writers walk one table in the
 * published order.  The mean ages at first marriage are kept as a sum of
 * full years and a count per sex and only divided when printed: partial
 * results (one per partition, one per office) then merge exactly, which
 * rounded means never would.
 *
 * ht_stats_add() runs once per record over whole registers (a million
 * records for a year's figures), so it reads members with
 * cJSON_GetObjectItemCaseSensitive() and parses dates into stack GDates:
 * no path strings are built and nothing is allocated per record, except
 * folding an ethnicity written with non-ASCII characters (rare: "Kinh" is
 * plain ASCII).
 *
 * The timing (on time / late), "under 5" and the death age bands are
 * computed here from the dates themselves, not read from the stored derived
 * fields "late" and "age_band": a digitised book entry keeps the tick its
 * book shows even when it disagrees with the dates (KINDS.md §1.6), while
 * the statistic follows the form's definition (DOMAIN.md §4).
 */
#define G_LOG_DOMAIN "ht-stats"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "ht-date.h"
#include "ht-fold.h"
#include "ht-stats.h"

/* Deadlines of form 13a's "on time" (LHT 15.1, 33.1; DOMAIN.md §4). */
#define BIRTH_ON_TIME_DAYS 60
#define DEATH_ON_TIME_DAYS 15
/* Form 13a's "under 5" and the death age bands, in full years. */
#define UNDER_5_YEARS 5

typedef enum {
  BIRTH_TOTAL,
  BIRTH_MALE,
  BIRTH_FEMALE,
  BIRTH_KINH,
  BIRTH_OTHER_ETHNICITY,
  BIRTH_ON_TIME,
  BIRTH_LATE,
  BIRTH_RE_REGISTRATION,
  BIRTH_UNDER_5,
  DEATH_TOTAL,
  DEATH_MALE,
  DEATH_FEMALE,
  DEATH_ON_TIME,
  DEATH_LATE,
  DEATH_UNDER_1,
  DEATH_AGE_1_TO_4,
  DEATH_AGE_5_PLUS,
  DEATH_RE_REGISTRATION,
  MARRIAGE_TOTAL,
  MARRIAGE_FIRST,
  MARRIAGE_HUSBAND_YEARS,  /* sum of the husbands' full years, first marriages */
  MARRIAGE_HUSBAND_COUNT,  /* husbands whose age is known, first marriages */
  MARRIAGE_WIFE_YEARS,
  MARRIAGE_WIFE_COUNT,
  MARRIAGE_RE_REGISTRATION,
  MARITAL_TOTAL,
  MARITAL_MALE,
  MARITAL_FEMALE,
  MARITAL_PURPOSE_MARRIAGE,
  MARITAL_PURPOSE_OTHER,
  CHANGE_TOTAL,
  PARENTAGE_TOTAL,
  GUARDIANSHIP_TOTAL,
  GUARDIANSHIP_END_TOTAL,
  DECISION_NOTE_TOTAL,
  FOREIGN_NOTE_TOTAL,
  ADOPTION_TOTAL,
  N_FIGURES
} Figure;

struct _HtStats
{
  char    *scope;
  GDate    from;       /* valid only when has_from */
  GDate    to;         /* valid only when has_to */
  gboolean has_from;
  gboolean has_to;
  guint64  counted;
  guint64  figures[N_FIGURES];
};

/* One published figure: a counter, or a mean of years / count. */
typedef struct
{
  const char *section;
  const char *indicator;
  Figure      value;   /* the counter, or the sum of years for a mean */
  int         count;   /* the count for a mean, -1 for a counter */
} Published;

/* The published order of issue 8 / docs/api.md: JSON keys and CSV lines. */
static const Published published[] = {
  { "birth", "total", BIRTH_TOTAL, -1 },
  { "birth", "male", BIRTH_MALE, -1 },
  { "birth", "female", BIRTH_FEMALE, -1 },
  { "birth", "kinh", BIRTH_KINH, -1 },
  { "birth", "other_ethnicity", BIRTH_OTHER_ETHNICITY, -1 },
  { "birth", "on_time", BIRTH_ON_TIME, -1 },
  { "birth", "late", BIRTH_LATE, -1 },
  { "birth", "re_registration", BIRTH_RE_REGISTRATION, -1 },
  { "birth", "under_5", BIRTH_UNDER_5, -1 },
  { "death", "total", DEATH_TOTAL, -1 },
  { "death", "male", DEATH_MALE, -1 },
  { "death", "female", DEATH_FEMALE, -1 },
  { "death", "on_time", DEATH_ON_TIME, -1 },
  { "death", "late", DEATH_LATE, -1 },
  { "death", "under_1", DEATH_UNDER_1, -1 },
  { "death", "age_1_to_4", DEATH_AGE_1_TO_4, -1 },
  { "death", "age_5_plus", DEATH_AGE_5_PLUS, -1 },
  { "death", "re_registration", DEATH_RE_REGISTRATION, -1 },
  { "marriage", "total", MARRIAGE_TOTAL, -1 },
  { "marriage", "first_marriage", MARRIAGE_FIRST, -1 },
  { "marriage", "mean_age_first_marriage_husband", MARRIAGE_HUSBAND_YEARS, MARRIAGE_HUSBAND_COUNT },
  { "marriage", "mean_age_first_marriage_wife", MARRIAGE_WIFE_YEARS, MARRIAGE_WIFE_COUNT },
  { "marriage", "re_registration", MARRIAGE_RE_REGISTRATION, -1 },
  { "marital_status", "total", MARITAL_TOTAL, -1 },
  { "marital_status", "male", MARITAL_MALE, -1 },
  { "marital_status", "female", MARITAL_FEMALE, -1 },
  { "marital_status", "purpose_marriage", MARITAL_PURPOSE_MARRIAGE, -1 },
  { "marital_status", "purpose_other", MARITAL_PURPOSE_OTHER, -1 },
  { "change", "total", CHANGE_TOTAL, -1 },
  { "parentage", "total", PARENTAGE_TOTAL, -1 },
  { "guardianship", "total", GUARDIANSHIP_TOTAL, -1 },
  { "guardianship_end", "total", GUARDIANSHIP_END_TOTAL, -1 },
  { "decision_note", "total", DECISION_NOTE_TOTAL, -1 },
  { "foreign_note", "total", FOREIGN_NOTE_TOTAL, -1 },
  { "adoption", "total", ADOPTION_TOTAL, -1 },
};

/* Counts a new registration (never a re-registration: those are counted
 * from the envelope alone). */
typedef void (*KindFunc) (HtStats     *self,
                          const cJSON *data,
                          const GDate *registered_on);

/* ---- Reading members ---- */

static inline const cJSON *
member (const cJSON *object,
        const char  *name)
{
  return object != NULL ? cJSON_GetObjectItemCaseSensitive (object, name) : NULL;
}

static inline const char *
member_string (const cJSON *object,
               const char  *name)
{
  const cJSON *item = member (object, name);
  return cJSON_IsString (item) ? item->valuestring : NULL;
}

static inline gboolean
member_is (const cJSON *object,
           const char  *name,
           const char  *value)
{
  const char *s = member_string (object, name);
  return s != NULL && strcmp (s, value) == 0;
}

static inline gboolean
member_date (const cJSON *object,
             const char  *name,
             GDate       *out)
{
  const char *s = member_string (object, name);
  g_date_clear (out, 1);
  return s != NULL && ht_date_parse (s, out);
}

/* A person's day of birth for an age: the date, else 1 January of the year
 * alone, as the death kind does for its age band (⚠ KINDS.md §2.3 rule 5:
 * from a year the age is the largest it can be). */
static gboolean
birth_day (const cJSON *person,
           GDate       *out)
{
  const cJSON *year;

  if (member_date (person, "date_of_birth", out))
    return TRUE;
  year = member (person, "birth_year");
  if (cJSON_IsNumber (year) && year->valuedouble >= 1 && year->valuedouble <= 9999)
    {
      g_date_set_dmy (out, 1, G_DATE_JANUARY, (GDateYear) year->valuedouble);
      return TRUE;
    }
  return FALSE;
}

/* Form 13a's "Kinh": the ethnicity folded as search folds it equals
 * "kinh", so "Kinh", "KINH" and " kinh " all count.  Plain ASCII text —
 * nearly every entry — is compared in place: folding ASCII only lower-cases
 * and trims white space, so the result is the same as ht_fold()'s without
 * allocating. */
static gboolean
is_kinh (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return FALSE;
  for (end = text; *end != '\0'; end++)
    {
      if ((guchar) *end >= 0x80)
        {
          g_autofree char *folded = ht_fold (text);
          return g_strcmp0 (folded, "kinh") == 0;
        }
    }

  start = text;
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return end - start == 4 && g_ascii_strncasecmp (start, "kinh", 4) == 0;
}

static inline void
count_sex (HtStats     *self,
           const cJSON *person,
           Figure       male,
           Figure       female)
{
  const char *sex = member_string (person, "sex");

  if (sex == NULL)
    return;
  if (strcmp (sex, "male") == 0)
    self->figures[male]++;
  else if (strcmp (sex, "female") == 0)
    self->figures[female]++;
}

/* ---- The kinds ---- */

static void
add_birth (HtStats     *self,
           const cJSON *data,
           const GDate *registered_on)
{
  const cJSON *child = member (data, "child");
  GDate born;

  /* Form 13a splits births into new registrations and re-registrations;
   * every breakdown below is of the new registrations (a re-registration
   * never gets here). */
  self->figures[BIRTH_TOTAL]++;
  count_sex (self, child, BIRTH_MALE, BIRTH_FEMALE);

  /* "Other" is the rest of the new registrations, a blank ethnicity (a
   * foundling with both parents unknown, KINDS.md §2.1) included, so Kinh
   * and other always add up to the total as the form's columns do. */
  if (is_kinh (member_string (child, "ethnicity")))
    self->figures[BIRTH_KINH]++;
  else
    self->figures[BIRTH_OTHER_ETHNICITY]++;

  /* Without a usable date of birth, or with one after the registration (a
   * record no validation lets through), the timing and the age are
   * unknown: such a birth counts in neither on_time nor late. */
  if (member_date (child, "date_of_birth", &born) && g_date_compare (&born, registered_on) <= 0)
    {
      if (ht_date_days_between (&born, registered_on) <= BIRTH_ON_TIME_DAYS)
        self->figures[BIRTH_ON_TIME]++;
      else
        self->figures[BIRTH_LATE]++;
      if (ht_date_full_years (&born, registered_on) < UNDER_5_YEARS)
        self->figures[BIRTH_UNDER_5]++;
    }
}

static void
add_death (HtStats     *self,
           const cJSON *data,
           const GDate *registered_on)
{
  const cJSON *deceased = member (data, "deceased");
  const char *died_at;
  GDate died, born;
  int minutes;

  self->figures[DEATH_TOTAL]++;
  count_sex (self, deceased, DEATH_MALE, DEATH_FEMALE);

  /* The deadline runs from the day of death: the hour does not matter
   * (KINDS.md §2.3 rule 1). */
  died_at = member_string (data, "died_at");
  g_date_clear (&died, 1);
  if (died_at == NULL || !ht_local_datetime_parse (died_at, &died, &minutes))
    return;

  if (g_date_compare (&died, registered_on) <= 0)
    {
      if (ht_date_days_between (&died, registered_on) <= DEATH_ON_TIME_DAYS)
        self->figures[DEATH_ON_TIME]++;
      else
        self->figures[DEATH_LATE]++;
    }

  if (birth_day (deceased, &born) && g_date_compare (&born, &died) <= 0)
    {
      int years = ht_date_full_years (&born, &died);

      if (years < 1)
        self->figures[DEATH_UNDER_1]++;
      else if (years < UNDER_5_YEARS)
        self->figures[DEATH_AGE_1_TO_4]++;
      else
        self->figures[DEATH_AGE_5_PLUS]++;
    }
}

/* Adds one party's full years on the registration day to a mean.  A party
 * with neither a date nor a year of birth, or born after the registration,
 * has no age and is left out of the mean (the marriage still counts). */
static void
add_age (HtStats     *self,
         const cJSON *party,
         const GDate *registered_on,
         Figure       years,
         Figure       count)
{
  GDate born;

  if (!birth_day (party, &born) || g_date_compare (&born, registered_on) > 0)
    return;
  self->figures[years] += (guint64) ht_date_full_years (&born, registered_on);
  self->figures[count]++;
}

static void
add_marriage (HtStats     *self,
              const cJSON *data,
              const GDate *registered_on)
{
  const cJSON *husband = member (data, "husband");
  const cJSON *wife = member (data, "wife");

  self->figures[MARRIAGE_TOTAL]++;
  /* A first marriage is one where *both* marry for the first time (the
   * explanation note of form 13a). */
  if (member_is (husband, "prior_status", "never_married") && member_is (wife, "prior_status", "never_married"))
    {
      self->figures[MARRIAGE_FIRST]++;
      add_age (self, husband, registered_on, MARRIAGE_HUSBAND_YEARS, MARRIAGE_HUSBAND_COUNT);
      add_age (self, wife, registered_on, MARRIAGE_WIFE_YEARS, MARRIAGE_WIFE_COUNT);
    }
}

static void
add_marital_status (HtStats     *self,
                    const cJSON *data,
                    const GDate *registered_on)
{
  const char *purpose = member_string (data, "purpose");

  /* A reissued certificate (registration type "reissue") is a certificate
   * issued in the period and counts like a first issue. */
  self->figures[MARITAL_TOTAL]++;
  count_sex (self, member (data, "subject"), MARITAL_MALE, MARITAL_FEMALE);

  if (purpose == NULL)
    return;
  if (strcmp (purpose, "marriage_domestic") == 0 || strcmp (purpose, "marriage_abroad") == 0)
    self->figures[MARITAL_PURPOSE_MARRIAGE]++;
  else if (strcmp (purpose, "other") == 0)
    self->figures[MARITAL_PURPOSE_OTHER]++;
}

/* What each kind counts.  "func" reads a new registration's content for the
 * breakdowns of form 13a and the certificates of form 14a; a kind without
 * one only has a total.  A re-registration is one figure of its own, read
 * from the envelope alone, unless the kind counts it in its total. */
typedef struct
{
  const char *code;
  KindFunc    func;            /* NULL: the kind only has a total */
  Figure      total;
  Figure      re_registration; /* where a re-registration counts */
} KindCounts;

static const KindCounts kinds[] = {
  /* The frequent kinds first: the lookup is a linear scan. */
  { "birth", add_birth, BIRTH_TOTAL, BIRTH_RE_REGISTRATION },
  { "death", add_death, DEATH_TOTAL, DEATH_RE_REGISTRATION },
  { "marriage", add_marriage, MARRIAGE_TOTAL, MARRIAGE_RE_REGISTRATION },
  /* The kind has no re-registration (a reissue is a certificate issued in
   * the period); were one ever recorded, it is still a certificate. */
  { "marital_status", add_marital_status, MARITAL_TOTAL, MARITAL_TOTAL },
  { "change", NULL, CHANGE_TOTAL, CHANGE_TOTAL },
  { "parentage", NULL, PARENTAGE_TOTAL, PARENTAGE_TOTAL },
  { "guardianship", NULL, GUARDIANSHIP_TOTAL, GUARDIANSHIP_TOTAL },
  { "guardianship_end", NULL, GUARDIANSHIP_END_TOTAL, GUARDIANSHIP_END_TOTAL },
  { "decision_note", NULL, DECISION_NOTE_TOTAL, DECISION_NOTE_TOTAL },
  { "foreign_note", NULL, FOREIGN_NOTE_TOTAL, FOREIGN_NOTE_TOTAL },
  /* An adoption re-registration is counted in the total: the published
   * figures of form 14a have no re-registration column for the other
   * matters, and leaving it out would drop the entry from every figure.
   * docs/statistics.md says so. */
  { "adoption", NULL, ADOPTION_TOTAL, ADOPTION_TOTAL },
};

static const KindCounts *
find_kind (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (code, kinds[i].code) == 0)
      return &kinds[i];
  return NULL;
}

static inline gboolean
is_re_registration (const char *registration_type)
{
  return registration_type != NULL && strcmp (registration_type, "re-registration") == 0;
}

/* ---- Public API ---- */

HtStats *
ht_stats_new (const char  *scope,
              const GDate *from,
              const GDate *to)
{
  HtStats *self;

  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (to == NULL || g_date_valid (to), NULL);

  self = g_new0 (HtStats, 1);
  self->scope = g_strdup (scope != NULL ? scope : "");
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  /* Copied through day, month and year so the bounds compare with the
   * registration dates (parsed the same way) whatever form the caller's
   * GDate was kept in. */
  if (from != NULL)
    {
      g_date_set_dmy (&self->from, g_date_get_day (from), g_date_get_month (from), g_date_get_year (from));
      self->has_from = TRUE;
    }
  if (to != NULL)
    {
      g_date_set_dmy (&self->to, g_date_get_day (to), g_date_get_month (to), g_date_get_year (to));
      self->has_to = TRUE;
    }
  return self;
}

void
ht_stats_free (HtStats *self)
{
  if (self == NULL)
    return;
  g_free (self->scope);
  g_free (self);
}

gboolean
ht_stats_needs_content (const char *kind,
                        const char *registration_type)
{
  const KindCounts *k;

  g_return_val_if_fail (kind != NULL, FALSE);

  k = find_kind (kind);
  /* A re-registration is one figure whatever it holds; only the new
   * registrations of the kinds with breakdowns need their content. */
  if (k == NULL || k->func == NULL)
    return FALSE;
  return !(is_re_registration (registration_type) && k->re_registration != k->total);
}

void
ht_stats_add_counted (HtStats    *self,
                      const char *kind,
                      const char *registration_type,
                      guint64     n)
{
  const KindCounts *k;

  g_return_if_fail (self != NULL);
  g_return_if_fail (kind != NULL);
  g_return_if_fail (!ht_stats_needs_content (kind, registration_type));

  k = find_kind (kind);
  if (k == NULL)
    return;
  self->figures[is_re_registration (registration_type) ? k->re_registration : k->total] += n;
  self->counted += n;
}

void
ht_stats_add (HtStats     *self,
              const cJSON *record)
{
  const char *kind, *type;
  const KindCounts *k;
  GDate registered_on;

  g_return_if_fail (self != NULL);
  g_return_if_fail (record != NULL);

  /* Only entries in the book count: a draft is not yet in it and a revoked
   * entry is struck out.  Anything but "registered" is left out, so a
   * status this version does not know can never inflate the figures. */
  if (!member_is (record, "status", "registered"))
    return;

  kind = member_string (record, "kind");
  if (kind == NULL || (k = find_kind (kind)) == NULL)
    return;

  /* The period is a register's period: by the registration date, both
   * bounds included. */
  if (!member_date (record, "registered_on", &registered_on))
    return;
  if (self->has_from && g_date_compare (&registered_on, &self->from) < 0)
    return;
  if (self->has_to && g_date_compare (&registered_on, &self->to) > 0)
    return;

  type = member_string (record, "registration_type");
  if (!ht_stats_needs_content (kind, type))
    {
      ht_stats_add_counted (self, kind, type, 1);
      return;
    }
  k->func (self, member (record, "data"), &registered_on);
  self->counted++;
}

void
ht_stats_merge (HtStats       *self,
                const HtStats *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  /* The scope and period stay self's: merging the offices of a province
   * into the province's figures is a legitimate use. */
  for (guint i = 0; i < N_FIGURES; i++)
    self->figures[i] += other->figures[i];
  self->counted += other->counted;
}

guint64
ht_stats_counted (const HtStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counted;
}

/* The mean in tenths of a year, rounded half away from zero (the sum is
 * never negative, so that is half up): round (10 · years / count) done in
 * integers, free of binary floating point. */
static guint64
mean_tenths (guint64 years,
             guint64 count)
{
  return (20 * years + count) / (2 * count);
}

static char *
format_mean (guint64 years,
             guint64 count)
{
  guint64 tenths = mean_tenths (years, count);
  return g_strdup_printf ("%" PRIu64 ".%u", tenths / 10, (guint) (tenths % 10));
}

cJSON *
ht_stats_to_json (const HtStats *self)
{
  cJSON *out, *section = NULL;
  const char *section_name = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  out = cJSON_CreateObject ();
  cJSON_AddStringToObject (out, "scope", self->scope);
  if (self->has_from)
    {
      g_autofree char *text = ht_date_format (&self->from);
      cJSON_AddStringToObject (out, "from", text);
    }
  else
    cJSON_AddNullToObject (out, "from");
  if (self->has_to)
    {
      g_autofree char *text = ht_date_format (&self->to);
      cJSON_AddStringToObject (out, "to", text);
    }
  else
    cJSON_AddNullToObject (out, "to");

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      const Published *p = &published[i];

      if (section_name == NULL || strcmp (section_name, p->section) != 0)
        {
          section_name = p->section;
          section = cJSON_AddObjectToObject (out, p->section);
        }

      if (p->count < 0)
        cJSON_AddNumberToObject (section, p->indicator, (double) self->figures[p->value]);
      else if (self->figures[p->count] == 0)
        cJSON_AddNullToObject (section, p->indicator);
      else
        {
          /* A tenth is exactly what the text "27.4" reads back as, so the
           * printed number has one decimal (or none, "26" for 26.0). */
          guint64 tenths = mean_tenths (self->figures[p->value], self->figures[p->count]);
          cJSON_AddNumberToObject (section, p->indicator, (double) tenths / 10.0);
        }
    }
  return out;
}

char *
ht_stats_to_csv (const HtStats *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new ("section,indicator,value\n");
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      const Published *p = &published[i];

      g_string_append_printf (out, "%s,%s,", p->section, p->indicator);
      if (p->count < 0)
        g_string_append_printf (out, "%" PRIu64, self->figures[p->value]);
      else if (self->figures[p->count] > 0)
        {
          /* Always one decimal ("26.0"): a spreadsheet reads it as the
           * same number the JSON carries. */
          g_autofree char *mean = format_mean (self->figures[p->value], self->figures[p->count]);
          g_string_append (out, mean);
        }
      /* A mean with nothing to average stays empty, as null in the JSON. */
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ---- Comparing two sets of figures ---- */

/* A figure of a statistics JSON in tenths (a count is a whole number of
 * tens); FALSE when it is null or missing. */
static gboolean
figure_tenths (const cJSON *json,
               const char  *section,
               const char  *indicator,
               gint64      *out)
{
  const cJSON *value = member (member (json, section), indicator);

  if (!cJSON_IsNumber (value))
    return FALSE;
  /* The means carry one decimal; rounding to tenths undoes the binary
   * representation of "27.4". */
  *out = (gint64) llround (value->valuedouble * 10.0);
  return TRUE;
}

cJSON *
ht_stats_json_difference (const cJSON *now,
                          const cJSON *before)
{
  cJSON *out, *section = NULL;
  const char *section_name = NULL;

  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (before != NULL, NULL);

  out = cJSON_CreateObject ();
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      const Published *p = &published[i];
      gint64 a = 0, b = 0;
      gboolean has_a, has_b;

      if (section_name == NULL || strcmp (section_name, p->section) != 0)
        {
          section_name = p->section;
          section = cJSON_AddObjectToObject (out, p->section);
        }
      has_a = figure_tenths (now, p->section, p->indicator, &a);
      has_b = figure_tenths (before, p->section, p->indicator, &b);
      if (p->count < 0)
        cJSON_AddNumberToObject (section, p->indicator, (double) ((a - b) / 10));
      else if (!has_a && !has_b)
        cJSON_AddNumberToObject (section, p->indicator, 0);
      else if (!has_a || !has_b)
        cJSON_AddNullToObject (section, p->indicator);
      else
        cJSON_AddNumberToObject (section, p->indicator, (double) (a - b) / 10.0);
    }
  return out;
}

gboolean
ht_stats_json_difference_is_zero (const cJSON *difference)
{
  g_return_val_if_fail (difference != NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      const cJSON *value = member (member (difference, published[i].section), published[i].indicator);

      /* A mean that appeared or vanished is a change too. */
      if (published[i].count >= 0 && cJSON_IsNull (value))
        return FALSE;
      if (cJSON_IsNumber (value) && value->valuedouble != 0)
        return FALSE;
    }
  return TRUE;
}
