/* hs-db-private.h — what hs-db.c shares with hs-db-steps.c.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Sets "error" from a failed statement's result (or the connection's
 * message when "result" is NULL), by SQLSTATE (HsDbError). */
void        hs_db_set_error      (PGconn         *conn,
                                  const PGresult *result,
                                  GError        **error);
/* The names of the statements prepared on "conn", if it is the pooled
 * connection the calling thread borrowed; NULL otherwise. */
GHashTable *hs_db_prepared_names (PGconn         *conn);

G_END_DECLS
