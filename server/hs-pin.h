/* hs-pin.h — the connector that issues personal ID numbers for new births.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * By law (Luật Hộ tịch Điều 16.2, NĐ 70/2024 Điều 11) the number of a newborn
 * is set by the national population database of the Ministry of Public
 * Security, which the civil-status software asks when a birth is
 * registered.  The server reaches it through this interface.  The shipped
 * connector, hs_pin_connector_local_new(), is the stand-in for that
 * database: it allocates numbers itself following the legal structure
 * PPP C YY RRRRRR (DOMAIN.md §3) and keeps them unique in the pins table.
 * A connector to the real database implements the same function table.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct
{
  const char *record_id;      /* the birth record */
  const char *province;       /* current GSO province code of the registering office, "01" */
  const char *sex;            /* "male" or "female" */
  int         birth_year;
  char       *pin;            /* out: the issued number (g_free) */
} HsPinRequest;

typedef struct _HsPinConnector HsPinConnector;

struct _HsPinConnector
{
  const char *name;

  /* Issues one number per request.  Runs inside the caller's open
   * transaction on "db" and records each number there (pins table), so that
   * a number exists exactly when the birth it was issued for is stored.
   * Either every request gets a number (TRUE) or the call fails. */
  gboolean (*issue) (HsPinConnector  *self,
                     PGconn          *db,
                     HsPinRequest    *requests,
                     guint            n_requests,
                     GError         **error);

  void     (*free)  (HsPinConnector *self);
};

/* The stand-in for the national population database (see above). */
HsPinConnector *hs_pin_connector_local_new (void);

void            hs_pin_connector_free      (HsPinConnector *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsPinConnector, hs_pin_connector_free)

G_END_DECLS
