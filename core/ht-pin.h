/* ht-pin.h — the 12-digit personal ID number (số định danh cá nhân).
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Structure PPP C YY RRRRRR (DOMAIN.md §3; TT 59/2021/TT-BCA Điều 4):
 * PPP the province of birth registration, C century and sex, YY the last two
 * digits of the year of birth, RRRRRR random.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HT_PIN_OK,
  HT_PIN_SHAPE,        /* not 12 ASCII digits */
  HT_PIN_PROVINCE,     /* PPP not a known province code */
  HT_PIN_SEX,          /* C disagrees with the sex */
  HT_PIN_CENTURY,      /* C disagrees with the century of the year of birth */
  HT_PIN_YEAR,         /* YY disagrees with the year of birth */
} HtPinCheck;

/* Checks a PIN; "sex" ("male"/"female") and "birth_year" (0 = unknown) are
 * compared when given. */
HtPinCheck ht_pin_check (const char *pin, const char *sex, int birth_year);
/* A translated sentence for a failed check. */
const char *ht_pin_check_message (HtPinCheck check);
/* The C digit for a sex and year (male/female, 1900..2399); -1 if none. */
int        ht_pin_century_digit (const char *sex, int birth_year);
/* Builds a PIN from its parts; "serial" 0..999999. */
char      *ht_pin_build (const char *ppp, const char *sex, int birth_year, guint32 serial);

G_END_DECLS
