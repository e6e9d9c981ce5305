/* ht-error.h — the core library's GError domain.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HT_ERROR (ht_error_quark ())
GQuark ht_error_quark (void);

typedef enum {
  HT_ERROR_FAILED,       /* anything else */
  HT_ERROR_INVALID,      /* the input is not a valid record (see the issues) */
  HT_ERROR_NOT_FOUND,
  HT_ERROR_EXISTS,       /* a file or record that must not exist yet */
  HT_ERROR_CONFLICT,     /* a register number already used, a stale version */
  HT_ERROR_DATABASE,     /* SQLite failed; the message says how */
  HT_ERROR_CORRUPT,      /* the register file is damaged or not a register */
  HT_ERROR_IO,
  HT_ERROR_PERMISSION,   /* the action is not allowed (role, approved content) */
  HT_ERROR_CANCELLED,
} HtError;

G_END_DECLS
