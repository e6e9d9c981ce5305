/* hs-cli.h — the hotich-server command line.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the command given on the command line; returns the exit status. */
int hs_cli_main (int    argc,
                 char **argv);

G_END_DECLS
