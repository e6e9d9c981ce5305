/* ht-pin.c — the 12-digit personal ID number (số định danh cá nhân).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the structure is checked (DOMAIN.md §3): the number itself is issued
 * by the national population database, and nothing here can tell whether a
 * well-formed number was ever issued.
 */
#define G_LOG_DOMAIN "ht-pin"

#include "ht-pin.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ht-units.h"

#define PIN_LENGTH 12

/* TT 59/2021 Điều 4 gives century digits for the 20th to the 24th century:
 * 0/1 for 1900–1999 up to 8/9 for 2300–2399. */
#define PIN_FIRST_YEAR 1900
#define PIN_LAST_YEAR  2399

typedef enum {
  SEX_UNKNOWN,
  SEX_MALE,
  SEX_FEMALE,
} Sex;

static Sex
parse_sex (const char *sex)
{
  if (g_strcmp0 (sex, "male") == 0)
    return SEX_MALE;
  if (g_strcmp0 (sex, "female") == 0)
    return SEX_FEMALE;
  return SEX_UNKNOWN;
}

static gboolean
is_pin_shape (const char *pin)
{
  if (pin == NULL || strlen (pin) != PIN_LENGTH)
    return FALSE;

  for (guint i = 0; i < PIN_LENGTH; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;

  return TRUE;
}

HtPinCheck
ht_pin_check (const char *pin,
              const char *sex,
              int         birth_year)
{
  char ppp[4];
  int c;
  int pin_century;
  Sex want;

  if (!is_pin_shape (pin))
    return HT_PIN_SHAPE;

  memcpy (ppp, pin, 3);
  ppp[3] = '\0';
  if (!ht_units_pin_province_known (ppp))
    return HT_PIN_PROVINCE;

  /* Even C digits are men, odd ones women; each pair is one century. */
  c = pin[3] - '0';
  want = parse_sex (sex);
  if (want != SEX_UNKNOWN && (want == SEX_FEMALE) != (c % 2 == 1))
    return HT_PIN_SEX;

  if (birth_year > 0)
    {
      int yy = (pin[4] - '0') * 10 + (pin[5] - '0');

      pin_century = PIN_FIRST_YEAR + (c / 2) * 100;
      if (birth_year / 100 * 100 != pin_century)
        return HT_PIN_CENTURY;
      if (birth_year % 100 != yy)
        return HT_PIN_YEAR;
    }

  return HT_PIN_OK;
}

const char *
ht_pin_check_message (HtPinCheck check)
{
  switch (check)
    {
    case HT_PIN_OK:
      return _("The personal identification number is well formed.");
    case HT_PIN_SHAPE:
      return _("A personal identification number has exactly 12 digits.");
    case HT_PIN_PROVINCE:
      return _("The first three digits of the personal identification number are not a known province code.");
    case HT_PIN_SEX:
      return _("The fourth digit of the personal identification number does not agree with the sex.");
    case HT_PIN_CENTURY:
      return _("The fourth digit of the personal identification number does not agree with the century of the year of birth.");
    case HT_PIN_YEAR:
      return _("The fifth and sixth digits of the personal identification number do not agree with the year of birth.");
    default:
      g_return_val_if_reached (NULL);
    }
}

int
ht_pin_century_digit (const char *sex,
                      int         birth_year)
{
  Sex s = parse_sex (sex);

  if (s == SEX_UNKNOWN || birth_year < PIN_FIRST_YEAR || birth_year > PIN_LAST_YEAR)
    return -1;

  return (birth_year - PIN_FIRST_YEAR) / 100 * 2 + (s == SEX_FEMALE ? 1 : 0);
}

char *
ht_pin_build (const char *ppp,
              const char *sex,
              int         birth_year,
              guint32     serial)
{
  int c = ht_pin_century_digit (sex, birth_year);

  g_return_val_if_fail (ht_units_pin_province_known (ppp), NULL);
  g_return_val_if_fail (c >= 0, NULL);
  g_return_val_if_fail (serial <= 999999, NULL);

  return g_strdup_printf ("%s%d%02d%06u", ppp, c, birth_year % 100, (guint) serial);
}
