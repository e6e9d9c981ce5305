/* ht-units.c — administrative units before and after the 2025 reform, and
 * the province codes of personal ID numbers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables come from data/units/ (see its README.md), embedded in the
 * library as a GResource.  They are parsed on first use, in place: the
 * decompressed text is kept for the life of the process and every HtUnit
 * points into it, so a lookup hands out borrowed pointers that never go
 * stale and readers need no lock once the tables exist.
 */
#define G_LOG_DOMAIN "ht-units"

#include "ht-units.h"

#include <gio/gio.h>
#include <string.h>

#include "ht-core-resources.h"

#define UNITS_RESOURCE_DIR "/vn/gov/hotich/core/units/"
#define N_LEVELS 3

typedef struct
{
  const char *ppp;
  const char *name;
  const char *gso;
} PinProvince;

typedef struct
{
  /* Every unit of the dataset in file order, which is the GSO order:
   * provinces, then each province's districts and communes. */
  HtUnit     *units;
  guint       n_units;
  /* code → HtUnit*, one table per level because a commune code and a
   * district code never share a length but a caller asks by level anyway. */
  GHashTable *by_code[N_LEVELS];
} Dataset;

typedef struct
{
  Dataset     datasets[HT_UNITS_N_DATASETS];
  GHashTable *pin_provinces; /* ppp → PinProvince* */
} Units;

static const char * const dataset_names[HT_UNITS_N_DATASETS] = {
  [HT_UNITS_2025_03_01] = "2025-03-01",
  [HT_UNITS_2025_07_01] = "2025-07-01",
  [HT_UNITS_2026_04_30] = "2026-04-30",
};

/* Loads a resource as a writable, NUL-terminated buffer that is never
 * freed: the tables point into it.  A missing or unreadable resource is a
 * broken build, not a condition the program could recover from. */
static char *
load_text (const char *name,
           gsize      *out_len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (UNITS_RESOURCE_DIR, name, NULL);
  GBytes *bytes;
  char *text;
  gsize len;

  /* Looked up in our own GResource rather than the global registry, which
   * also makes the linker keep the resource object of the static library. */
  bytes = g_resource_lookup_data (ht_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("Cannot read the embedded unit table %s: %s", path, error->message);

  /* For compressed resources this takes over the decompressed buffer
   * without copying it. */
  text = g_bytes_unref_to_data (bytes, &len);
  text = g_realloc (text, len + 1);
  text[len] = '\0';

  *out_len = len;
  return text;
}

/* Splits "line" at tabs in place into at most "max" fields; returns how many
 * there were. */
static guint
split_fields (char        *line,
              const char **fields,
              guint        max)
{
  guint n = 0;

  fields[n++] = line;
  for (char *p = line; *p != '\0'; p++)
    {
      if (*p == '\t')
        {
          *p = '\0';
          if (n == max)
            return max + 1;
          fields[n++] = p + 1;
        }
    }

  return n;
}

static gboolean
parse_level (const char  *text,
             HtUnitLevel *out)
{
  if (text[0] == '\0' || text[1] != '\0')
    return FALSE;

  switch (text[0])
    {
    case 'P':
      *out = HT_UNIT_PROVINCE;
      return TRUE;
    case 'D':
      *out = HT_UNIT_DISTRICT;
      return TRUE;
    case 'C':
      *out = HT_UNIT_COMMUNE;
      return TRUE;
    default:
      return FALSE;
    }
}

static inline const char *
empty_to_null (const char *s)
{
  return *s == '\0' ? NULL : s;
}

/* Walks the lines of "text", cutting each at its newline; calls back with
 * each line that is neither blank nor a comment. */
typedef void (*LineFunc) (char *line, guint lineno, gpointer user_data);

static void
for_each_line (char     *text,
               LineFunc  func,
               gpointer  user_data)
{
  guint lineno = 0;
  char *line = text;

  while (line != NULL && *line != '\0')
    {
      char *end = strchr (line, '\n');

      lineno++;
      if (end != NULL)
        *end = '\0';
      if (*line != '#' && *line != '\0')
        func (line, lineno, user_data);
      line = end != NULL ? end + 1 : NULL;
    }
}

typedef struct
{
  Dataset    *dataset;
  const char *name;
} DatasetLoad;

static void
add_unit_line (char     *line,
               guint     lineno,
               gpointer  user_data)
{
  DatasetLoad *load = user_data;
  Dataset *ds = load->dataset;
  const char *f[6];
  HtUnit *unit;

  if (split_fields (line, f, G_N_ELEMENTS (f)) != G_N_ELEMENTS (f))
    g_error ("Unit table %s, line %u: expected 6 fields", load->name, lineno);

  unit = &ds->units[ds->n_units];
  if (!parse_level (f[0], &unit->level))
    g_error ("Unit table %s, line %u: unknown level “%s”", load->name, lineno, f[0]);
  unit->code = f[1];
  unit->province = empty_to_null (f[2]);
  unit->district = empty_to_null (f[3]);
  unit->name = f[4];
  unit->full_name = f[5];

  if (!g_hash_table_insert (ds->by_code[unit->level], (gpointer) unit->code, unit))
    g_error ("Unit table %s, line %u: code %s appears twice", load->name, lineno, unit->code);
  ds->n_units++;
}

static void
load_dataset (Dataset    *ds,
              const char *name)
{
  g_autofree char *file = g_strconcat (name, ".tsv", NULL);
  DatasetLoad load = { ds, name };
  gsize len;
  char *text = load_text (file, &len);
  guint max_units = 0;

  /* One unit per line, so the line count bounds the array and it is
   * allocated once. */
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      max_units++;
  ds->units = g_new0 (HtUnit, max_units + 1);
  ds->n_units = 0;

  for (guint level = 0; level < N_LEVELS; level++)
    ds->by_code[level] = g_hash_table_new (g_str_hash, g_str_equal);

  for_each_line (text, add_unit_line, &load);
}

static void
add_pin_line (char     *line,
              guint     lineno,
              gpointer  user_data)
{
  GHashTable *table = user_data;
  const char *f[3];
  PinProvince *p;

  if (split_fields (line, f, G_N_ELEMENTS (f)) != G_N_ELEMENTS (f))
    g_error ("PIN province table, line %u: expected 3 fields", lineno);

  p = g_new (PinProvince, 1);
  p->ppp = f[0];
  p->name = f[1];
  p->gso = f[2];
  g_hash_table_insert (table, (gpointer) p->ppp, p);
}

static Units *
units_load (void)
{
  Units *units = g_new0 (Units, 1);
  gint64 start = g_get_monotonic_time ();
  gsize len;

  for (guint i = 0; i < HT_UNITS_N_DATASETS; i++)
    load_dataset (&units->datasets[i], dataset_names[i]);

  units->pin_provinces = g_hash_table_new (g_str_hash, g_str_equal);
  for_each_line (load_text ("pin-provinces.tsv", &len), add_pin_line, units->pin_provinces);

  g_debug ("Loaded the unit tables in %.1f ms",
           (double) (g_get_monotonic_time () - start) / 1000.0);
  return units;
}

/* The tables, loaded by whichever thread first needs them; the others wait
 * in g_once_init_enter() and then read without locking. */
static const Units *
units_get (void)
{
  static const Units *units;

  if (g_once_init_enter (&units))
    g_once_init_leave (&units, units_load ());

  return units;
}

gboolean
ht_units_dataset_from_name (const char     *as_of,
                            HtUnitsDataset *out)
{
  if (as_of == NULL)
    return FALSE;

  for (guint i = 0; i < HT_UNITS_N_DATASETS; i++)
    {
      if (strcmp (as_of, dataset_names[i]) == 0)
        {
          if (out != NULL)
            *out = (HtUnitsDataset) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
ht_units_dataset_name (HtUnitsDataset dataset)
{
  g_return_val_if_fail ((guint) dataset < HT_UNITS_N_DATASETS, NULL);

  return dataset_names[dataset];
}

void
ht_units_dataset_validity (HtUnitsDataset  dataset,
                           GDate          *from,
                           GDate          *to)
{
  g_return_if_fail ((guint) dataset < HT_UNITS_N_DATASETS);

  if (from != NULL)
    g_date_clear (from, 1);
  if (to != NULL)
    g_date_clear (to, 1);

  switch (dataset)
    {
    /* The 3-level dataset stands for every earlier time too: the register
     * has no older unit tables, and pre-2025 codes were stable enough that
     * old records are checked against the last state before the reform. */
    case HT_UNITS_2025_03_01:
      if (from != NULL)
        g_date_set_dmy (from, 1, G_DATE_JANUARY, 1900);
      if (to != NULL)
        g_date_set_dmy (to, 30, G_DATE_JUNE, 2025);
      break;
    case HT_UNITS_2025_07_01:
      if (from != NULL)
        g_date_set_dmy (from, 1, G_DATE_JULY, 2025);
      if (to != NULL)
        g_date_set_dmy (to, 29, G_DATE_APRIL, 2026);
      break;
    case HT_UNITS_2026_04_30:
      if (from != NULL)
        g_date_set_dmy (from, 30, G_DATE_APRIL, 2026);
      /* The newest dataset has no end yet: "to" stays cleared. */
      break;
    case HT_UNITS_N_DATASETS:
    default:
      g_assert_not_reached ();
    }
}

HtUnitsDataset
ht_units_dataset_on (const GDate *day)
{
  GDate from;

  g_return_val_if_fail (day != NULL && g_date_valid (day), HT_UNITS_2026_04_30);

  /* The newest dataset whose first day is not after "day"; anything before
   * the 2025 reform falls back to the oldest. */
  for (int i = HT_UNITS_N_DATASETS - 1; i > 0; i--)
    {
      ht_units_dataset_validity ((HtUnitsDataset) i, &from, NULL);
      if (g_date_compare (day, &from) >= 0)
        return (HtUnitsDataset) i;
    }

  return HT_UNITS_2025_03_01;
}

const HtUnit *
ht_units_lookup (HtUnitsDataset  dataset,
                 HtUnitLevel     level,
                 const char     *code)
{
  g_return_val_if_fail ((guint) dataset < HT_UNITS_N_DATASETS, NULL);
  g_return_val_if_fail ((guint) level < N_LEVELS, NULL);

  /* An absent code is simply not found: callers pass optional fields of
   * records straight through. */
  if (code == NULL)
    return NULL;

  return g_hash_table_lookup (units_get ()->datasets[dataset].by_code[level], code);
}

GPtrArray *
ht_units_list (HtUnitsDataset  dataset,
               HtUnitLevel     level,
               const char     *parent)
{
  const Dataset *ds;
  GPtrArray *list;

  g_return_val_if_fail ((guint) dataset < HT_UNITS_N_DATASETS, NULL);
  g_return_val_if_fail ((guint) level < N_LEVELS, NULL);

  ds = &units_get ()->datasets[dataset];
  list = g_ptr_array_new ();

  /* A parent is a province (2 digits) or a district (3 digits); the lengths
   * differ, so comparing with both columns cannot mix them up. */
  for (guint i = 0; i < ds->n_units; i++)
    {
      const HtUnit *unit = &ds->units[i];

      if (unit->level != level)
        continue;
      if (parent != NULL
          && g_strcmp0 (unit->province, parent) != 0
          && g_strcmp0 (unit->district, parent) != 0)
        continue;

      g_ptr_array_add (list, (gpointer) unit);
    }

  return list;
}

const HtUnit *
ht_units_office (const char *commune_code)
{
  return ht_units_lookup (HT_UNITS_2026_04_30, HT_UNIT_COMMUNE, commune_code);
}

static const PinProvince *
pin_province (const char *ppp)
{
  if (ppp == NULL)
    return NULL;

  return g_hash_table_lookup (units_get ()->pin_provinces, ppp);
}

gboolean
ht_units_pin_province_known (const char *ppp)
{
  return pin_province (ppp) != NULL;
}

const char *
ht_units_pin_province_name (const char *ppp)
{
  const PinProvince *p = pin_province (ppp);

  return p != NULL ? p->name : NULL;
}
