/* hs-scope.h — what part of the register a device or a query covers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scope is written as a GSO code:
 *   ""       the nation (admin devices);
 *   2 digits a current province (Sở Tư pháp): every record whose office lies
 *            in it — current communes, and pre-2025 communes of the old
 *            provinces merged into it;
 *   3 digits a pre-2025 district (phòng Tư pháp): records of its communes
 *            (2025-03-01 units) registered before 2025-07-01, when the
 *            district tier ended;
 *   5 digits one commune: records whose office is that code.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HS_SCOPE_NATION,
  HS_SCOPE_PROVINCE,
  HS_SCOPE_DISTRICT,
  HS_SCOPE_COMMUNE,
} HsScopeLevel;

typedef struct
{
  char         *code;
  HsScopeLevel  level;
  char         *province;  /* current province to filter on; NULL for the nation */
  char        **offices;   /* the only offices covered; NULL = every office of "province" */
  char         *before;    /* records registered before this day only, or NULL */
} HsScope;

/* Parses and checks a scope code against the administrative units. */
HsScope    *hs_scope_new        (const char  *code,
                                 GError     **error);
void        hs_scope_free       (HsScope *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsScope, hs_scope_free)

/* TRUE if "inner" lies inside "outer" (see hs_scope_narrow()). */
gboolean    hs_scope_contains   (const HsScope *outer,
                                 const HsScope *inner);
/* Limits "inner" (contained in "outer") to the records "outer" covers: a
 * commune seen by its pre-2025 district keeps only the district's years. */
void        hs_scope_narrow     (HsScope       *inner,
                                 const HsScope *outer);
/* TRUE if a record of "office" registered on "registered_on" (may be NULL)
 * is in the scope. */
gboolean    hs_scope_has_record (const HsScope *self,
                                 const char    *office,
                                 const char    *registered_on);
/* The offices as a PostgreSQL array literal ("{00004,00008}"), or NULL. */
char       *hs_scope_offices_literal (const HsScope *self);

/* The current province (GSO code, 2 digits) of a register office: its
 * province in the newest units, else its pre-2025 province mapped to the
 * province that absorbed it.  NULL for an unknown code. */
const char *hs_office_province  (const char *office);

/* The current province that absorbed a pre-2025 province (itself if kept). */
const char *hs_province_current (const char *old_code);

G_END_DECLS
