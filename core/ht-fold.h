/* ht-fold.h — folding Vietnamese text for search.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folds for search: NFD, drops combining marks (tones and vowel marks),
 * maps đ/Đ to d (a letter of its own, not a diacritic), lower-cases, and
 * collapses white space.  "Nguyễn Văn  Đặng" → "nguyen van dang".  Accepts
 * NFC or NFD input; returns NULL for invalid UTF-8. */
char *ht_fold (const char *text);

G_END_DECLS
