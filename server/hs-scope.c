/* hs-scope.c — what part of the register a device or a query covers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <string.h>

#include "ht-units.h"
#include "hs-scope.h"
#include "hs-server.h"

/* The 63 provinces before 2025-07-01 and the one of the 34 that absorbed
 * each (NQ 202/2025/QH15).  Provinces were merged whole, never split, so a
 * pre-2025 commune's current province follows from its old province alone.
 * Taken from dvhcvn/20250701 mapping/splits.json (MIT), as summarised in the
 * project's shared data (province_old63_to_new34.csv). */
static const struct { const char old_code[3], new_code[3]; } province_merges[] = {
  { "01", "01" }, { "02", "08" }, { "04", "04" }, { "06", "19" }, { "08", "08" },
  { "10", "15" }, { "11", "11" }, { "12", "12" }, { "14", "14" }, { "15", "15" },
  { "17", "25" }, { "19", "19" }, { "20", "20" }, { "22", "22" }, { "24", "24" },
  { "25", "25" }, { "26", "25" }, { "27", "24" }, { "30", "31" }, { "31", "31" },
  { "33", "33" }, { "34", "33" }, { "35", "37" }, { "36", "37" }, { "37", "37" },
  { "38", "38" }, { "40", "40" }, { "42", "42" }, { "44", "44" }, { "45", "44" },
  { "46", "46" }, { "48", "48" }, { "49", "48" }, { "51", "51" }, { "52", "52" },
  { "54", "66" }, { "56", "56" }, { "58", "56" }, { "60", "68" }, { "62", "51" },
  { "64", "52" }, { "66", "66" }, { "67", "68" }, { "68", "68" }, { "70", "75" },
  { "72", "80" }, { "74", "79" }, { "75", "75" }, { "77", "79" }, { "79", "79" },
  { "80", "80" }, { "82", "82" }, { "83", "86" }, { "84", "86" }, { "86", "86" },
  { "87", "82" }, { "89", "91" }, { "91", "91" }, { "92", "92" }, { "93", "92" },
  { "94", "92" }, { "95", "96" }, { "96", "96" },
};

/* The district tier ended with the 2025 reform. */
#define DISTRICT_TIER_END "2025-07-01"

const char *
hs_province_current (const char *old_code)
{
  for (guint i = 0; old_code != NULL && i < G_N_ELEMENTS (province_merges); i++)
    if (strcmp (province_merges[i].old_code, old_code) == 0)
      return province_merges[i].new_code;
  return NULL;
}

const char *
hs_office_province (const char *office)
{
  const HtUnit *unit = ht_units_lookup (HT_UNITS_2026_04_30, HT_UNIT_COMMUNE, office);

  if (unit != NULL)
    return unit->province;
  unit = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, office);
  if (unit != NULL)
    return hs_province_current (unit->province);
  return NULL;
}

static gboolean
all_digits (const char *code)
{
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

HsScope *
hs_scope_new (const char  *code,
              GError     **error)
{
  g_autoptr(HsScope) self = g_new0 (HsScope, 1);
  gsize len;

  if (code == NULL)
    code = "";
  len = strlen (code);
  self->code = g_strdup (code);

  if (!all_digits (code))
    len = 1; /* falls through to the error below */

  switch (len)
    {
    case 0:
      self->level = HS_SCOPE_NATION;
      return g_steal_pointer (&self);

    case 2:
      if (ht_units_lookup (HT_UNITS_2026_04_30, HT_UNIT_PROVINCE, code) == NULL)
        break;
      self->level = HS_SCOPE_PROVINCE;
      self->province = g_strdup (code);
      return g_steal_pointer (&self);

    case 3:
      {
        const HtUnit *district = ht_units_lookup (HT_UNITS_2025_03_01, HT_UNIT_DISTRICT, code);
        g_autoptr(GPtrArray) communes = NULL;
        GStrvBuilder *offices;

        if (district == NULL)
          break;
        self->level = HS_SCOPE_DISTRICT;
        self->province = g_strdup (hs_province_current (district->province));
        self->before = g_strdup (DISTRICT_TIER_END);
        communes = ht_units_list (HT_UNITS_2025_03_01, HT_UNIT_COMMUNE, code);
        offices = g_strv_builder_new ();
        for (guint i = 0; i < communes->len; i++)
          g_strv_builder_add (offices, ((const HtUnit *) g_ptr_array_index (communes, i))->code);
        self->offices = g_strv_builder_end (offices);
        g_strv_builder_unref (offices);
        return g_steal_pointer (&self);
      }

    case 5:
      {
        const char *province = hs_office_province (code);
        if (province == NULL)
          break;
        self->level = HS_SCOPE_COMMUNE;
        self->province = g_strdup (province);
        self->offices = g_new0 (char *, 2);
        self->offices[0] = g_strdup (code);
        return g_steal_pointer (&self);
      }

    default:
      break;
    }

  g_set_error (error, HS_ERROR, HS_ERROR_INVALID,
               _("“%s” is not a scope: give a province (2 digits), a pre-2025 district (3 digits) or a commune (5 digits) code"),
               code);
  return NULL;
}

void
hs_scope_free (HsScope *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->province);
  g_strfreev (self->offices);
  g_free (self->before);
  g_free (self);
}

gboolean
hs_scope_has_record (const HsScope *self,
                     const char    *office,
                     const char    *registered_on)
{
  if (self->level == HS_SCOPE_NATION)
    return TRUE;
  if (self->before != NULL && (registered_on == NULL || strcmp (registered_on, self->before) >= 0))
    return FALSE;
  if (self->offices != NULL)
    return office != NULL && g_strv_contains ((const char *const *) self->offices, office);
  return g_strcmp0 (hs_office_province (office), self->province) == 0;
}

gboolean
hs_scope_contains (const HsScope *outer,
                   const HsScope *inner)
{
  if (outer->level == HS_SCOPE_NATION || g_str_equal (outer->code, inner->code))
    return TRUE;
  if (inner->level == HS_SCOPE_NATION)
    return FALSE;

  switch (outer->level)
    {
    case HS_SCOPE_PROVINCE:
      return g_strcmp0 (inner->province, outer->province) == 0;

    case HS_SCOPE_DISTRICT:
      /* A commune of the district; hs_scope_narrow() then limits it to the
       * district's years. */
      return inner->level == HS_SCOPE_COMMUNE &&
             g_strv_contains ((const char *const *) outer->offices, inner->code);

    case HS_SCOPE_COMMUNE:
    case HS_SCOPE_NATION:
    default:
      return FALSE;
    }
}

void
hs_scope_narrow (HsScope       *inner,
                 const HsScope *outer)
{
  if (inner->before == NULL && outer->before != NULL)
    inner->before = g_strdup (outer->before);
}

char *
hs_scope_offices_literal (const HsScope *self)
{
  GString *s;

  if (self->offices == NULL)
    return NULL;
  /* Office codes are digits only (checked when the scope was made), so no
   * element needs quoting. */
  s = g_string_new ("{");
  for (guint i = 0; self->offices[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, self->offices[i]);
    }
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}
