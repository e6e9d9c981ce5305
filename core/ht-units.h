/* ht-units.h — administrative units before and after the 2025 reform, and
 * the province codes of personal ID numbers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data is compiled from shared/data into the project's data/ (compact
 * TSV, embedded compressed in a GResource), loaded once, thread-safe to read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The datasets, named by the date they describe (KINDS.md §1.3 "as_of"). */
typedef enum {
  HT_UNITS_2025_03_01, /* 3 levels: province → district → commune; valid until 2025-06-30 */
  HT_UNITS_2025_07_01, /* 2 levels: province → commune; from 2025-07-01 */
  HT_UNITS_2026_04_30, /* 2 levels, same codes; from 2026-04-30 */
  HT_UNITS_N_DATASETS
} HtUnitsDataset;

typedef enum {
  HT_UNIT_PROVINCE,
  HT_UNIT_DISTRICT,
  HT_UNIT_COMMUNE,
} HtUnitLevel;

typedef struct
{
  const char *code;       /* "01", "001", "00004" */
  const char *name;       /* "Ba Đình" */
  const char *full_name;  /* "Phường Ba Đình" */
  const char *province;   /* province code (for districts and communes) */
  const char *district;   /* district code (communes of the 3-level dataset), else NULL */
  HtUnitLevel level;
} HtUnit;

/* Parses "2025-03-01" etc.; FALSE for an unknown dataset name. */
gboolean     ht_units_dataset_from_name (const char *as_of, HtUnitsDataset *out);
const char  *ht_units_dataset_name      (HtUnitsDataset dataset);
/* First and last day the dataset describes (last = G_DATE_BAD for the newest). */
void         ht_units_dataset_validity  (HtUnitsDataset dataset, GDate *from, GDate *to);
/* The dataset in force on a day. */
HtUnitsDataset ht_units_dataset_on      (const GDate *day);

/* Looks a unit up by code at a level; NULL if unknown in that dataset. */
const HtUnit *ht_units_lookup (HtUnitsDataset dataset, HtUnitLevel level, const char *code);
/* Every unit of a level, optionally only those inside "parent" (a province
 * or district code; NULL for all).  Returns a new array of borrowed pointers. */
GPtrArray    *ht_units_list   (HtUnitsDataset dataset, HtUnitLevel level, const char *parent);

/* The current commune for a register office: looked up in the newest dataset. */
const HtUnit *ht_units_office (const char *commune_code);

/* Personal ID province codes ("001" … "096"): TRUE if the 3-digit code is
 * one of TT 07/2016 Phụ lục 1. */
gboolean      ht_units_pin_province_known (const char *ppp);
/* The province name for a PIN province code, or NULL. */
const char   *ht_units_pin_province_name  (const char *ppp);

G_END_DECLS
