/* ht-error.c — the core library's GError domain.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-error"

#include "ht-error.h"

G_DEFINE_QUARK (ht-error-quark, ht_error)
