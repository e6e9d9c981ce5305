/* ht-cli.h — how the command-line tools (hotich-admin, hotich-sync) report errors.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <glib.h>

G_BEGIN_DECLS

void ht_cli_error_valist       (const char *program,
                                const char *format,
                                va_list     args) G_GNUC_PRINTF (2, 0);
void ht_cli_usage_error_valist (const char *program,
                                const char *command,
                                const char *format,
                                va_list     args) G_GNUC_PRINTF (3, 0);

G_END_DECLS
