/* ht-unit-picker.h — choosing an administrative unit: province → (district →) commune.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-units.h"

G_BEGIN_DECLS

#define HT_TYPE_UNIT_PICKER (ht_unit_picker_get_type ())
G_DECLARE_FINAL_TYPE (HtUnitPicker, ht_unit_picker, HT, UNIT_PICKER, GtkPopover)

/* Emits "picked" (const char *text, gpointer unit) where "unit" is a cJSON
 * object {"province","district","commune","as_of"} valid during the
 * emission, and "text" the place written out ("Phường Ba Đình, Thành phố
 * Hà Nội"). */
GtkWidget *ht_unit_picker_new         (void);
/* The dataset shown first: the one in force on the record's date. */
void       ht_unit_picker_set_dataset (HtUnitPicker   *self,
                                       HtUnitsDataset  dataset);
/* Selects units by code (tests and prefilled records); unknown codes are
 * ignored. */
void       ht_unit_picker_select      (HtUnitPicker   *self,
                                       const char     *province,
                                       const char     *district,
                                       const char     *commune);
/* Emits "picked" for the current choice, as the "Use" button does. */
void       ht_unit_picker_use         (HtUnitPicker   *self);

G_END_DECLS
