/* ht-kinds-doc.h — the record-format reference, generated from the registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Markdown describing the envelope, the shared shapes and every kind's
 * fields, rules and papers. */
char *ht_kinds_reference_markdown (void);

G_END_DECLS
