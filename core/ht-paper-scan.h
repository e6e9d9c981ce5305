/* ht-paper-scan.h — the QR codes a PDF paper shows.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Renders every page of the PDF at "path" and returns the text of every
 * QR code found on it (possibly none), in page order. */
GPtrArray *ht_paper_scan_pdf (const char  *path,
                              GError     **error);

G_END_DECLS
