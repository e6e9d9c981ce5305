/* hs-pin.c — the shipped personal-ID connector: a stand-in for the national
 * population database.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers follow TT 59/2021/TT-BCA Điều 4 (DOMAIN.md §3): PPP is the GSO
 * code of the province where the birth is registered with a leading 0, C
 * the century and sex, YY the year of birth, RRRRRR random.  Uniqueness is
 * the pins table's primary key; a drawn number that is already taken is
 * drawn again.  With a million serials per province, sex and year, a
 * collision is rare until a province nears that many births of one sex in
 * one year, which none does.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <glib/gi18n.h>
#include <sodium.h>

#include "ht-pin.h"
#include "ht-units.h"
#include "hs-db.h"
#include "hs-pin.h"
#include "hs-server.h"

/* Draws per request before giving up; each draw fails with a probability
 * of (numbers taken) / 1,000,000. */
#define MAX_ROUNDS 16

/* Serials drawn from one buffer of random bytes: one system call for many
 * numbers rather than one per number (libsodium reads the kernel's
 * generator on every call).  A word at or above the largest multiple of
 * 1,000,000 below 2^32 is drawn again, so every serial is equally likely. */
#define DRAW_WORDS 64

typedef struct
{
  guint32 words[DRAW_WORDS];
  guint   next;
} Draws;

#define SERIALS 1000000u
#define SERIAL_LIMIT (G_MAXUINT32 - G_MAXUINT32 % SERIALS)

static guint32
draw_serial (Draws *draws)
{
  for (;;)
    {
      guint32 word;

      if (draws->next == G_N_ELEMENTS (draws->words))
        {
          randombytes_buf (draws->words, sizeof draws->words);
          draws->next = 0;
        }
      word = draws->words[draws->next++];
      if (word < SERIAL_LIMIT)
        return word % SERIALS;
    }
}

/* Adds the insertion of the pending requests' numbers to "steps", with or
 * without "ON CONFLICT (pin) DO NOTHING"; either returns the numbers
 * inserted.  The numbers and records go as arrays in binary format, which
 * PostgreSQL reads without parsing (hs_db_steps_add_arrays()). */
static gboolean
add_insert (HsDbSteps       *steps,
            HsPinConnector  *self,
            GPtrArray       *pending,
            gboolean         on_conflict,
            GError         **error)
{
  HsDbArray *arrays[] = { hs_db_array_new (HS_DB_ARRAY_TEXT), hs_db_array_new (HS_DB_ARRAY_UUID) };

  for (guint i = 0; i < pending->len; i++)
    {
      HsPinRequest *request = g_ptr_array_index (pending, i);

      hs_db_array_add (arrays[0], request->pin);
      hs_db_array_add (arrays[1], request->record_id);
    }
  if (on_conflict)
    return hs_db_steps_add_arrays (steps, "pin_insert",
                                   "INSERT INTO pins (pin, record_id, connector)"
                                   " SELECT x.pin, x.record_id, $1"
                                   " FROM unnest ($2::text[], $3::uuid[]) AS x (pin, record_id)"
                                   " ON CONFLICT (pin) DO NOTHING"
                                   " RETURNING pin",
                                   1, &self->name, G_N_ELEMENTS (arrays), arrays, error);
  return hs_db_steps_add_arrays (steps, "pin_insert_plain",
                                 "INSERT INTO pins (pin, record_id, connector)"
                                 " SELECT x.pin, x.record_id, $1"
                                 " FROM unnest ($2::text[], $3::uuid[]) AS x (pin, record_id)"
                                 " RETURNING pin",
                                 1, &self->name, G_N_ELEMENTS (arrays), arrays, error);
}

static gboolean
local_issue (HsPinConnector  *self,
             PGconn          *db,
             HsPinRequest    *requests,
             guint            n_requests,
             GError         **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  Draws draws = { .next = DRAW_WORDS };

  for (guint i = 0; i < n_requests; i++)
    {
      g_autofree char *ppp = g_strconcat ("0", requests[i].province, NULL);

      if (!ht_units_pin_province_known (ppp) ||
          ht_pin_century_digit (requests[i].sex, requests[i].birth_year) < 0)
        {
          g_set_error (error, HS_ERROR, HS_ERROR_INVALID,
                       _("No personal ID number can be made for province %s, this sex and year of birth"),
                       requests[i].province);
          return FALSE;
        }
      g_clear_pointer (&requests[i].pin, g_free);
      g_ptr_array_add (pending, &requests[i]);
    }

  for (guint round = 0; pending->len > 0; round++)
    {
      g_autoptr(HsDbSteps) steps = hs_db_steps_new ();
      g_autoptr(GHashTable) drawn = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) issued = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GError) local = NULL;
      PGresult *result;
      guint kept = 0;

      if (round == MAX_ROUNDS)
        {
          g_set_error (error, HS_ERROR, HS_ERROR_FAILED,
                       _("No free personal ID number was found after %d draws"), MAX_ROUNDS);
          return FALSE;
        }

      for (guint i = 0; i < pending->len; i++)
        {
          HsPinRequest *request = g_ptr_array_index (pending, i);
          g_autofree char *ppp = g_strconcat ("0", request->province, NULL);

          /* Two requests of one round drawing the same number would both
           * look issued; draw again until the round's numbers differ. */
          do
            {
              g_free (request->pin);
              request->pin = ht_pin_build (ppp, request->sex, request->birth_year, draw_serial (&draws));
            }
          while (g_hash_table_contains (drawn, request->pin));
          g_hash_table_add (drawn, request->pin);
        }

      /* A plain INSERT first, inside a savepoint, all in one round trip.
       * Numbers are nearly always free, and "ON CONFLICT DO NOTHING" costs
       * PostgreSQL a second descent of the primary key and a second WAL
       * record for every row (a speculative insertion, then its
       * confirmation): about a quarter of this statement's time, measured on
       * 100,000 numbers inserted 100 at a time.  Only when a number is taken
       * (the primary key refuses the whole statement) is the round rolled
       * back to the savepoint and inserted again with ON CONFLICT, which
       * tells the numbers issued from those taken, as before. */
      hs_db_steps_add (steps, NULL, "SAVEPOINT hs_pin", 0, NULL);
      if (!add_insert (steps, self, pending, FALSE, error))
        return FALSE;
      hs_db_steps_add (steps, NULL, "RELEASE SAVEPOINT hs_pin", 0, NULL);
      if (hs_db_steps_run (db, steps, &local))
        result = hs_db_steps_result (steps, 1);
      else if (g_error_matches (local, HS_DB_ERROR, HS_DB_ERROR_UNIQUE))
        {
          g_clear_pointer (&steps, hs_db_steps_free);
          steps = hs_db_steps_new ();
          hs_db_steps_add (steps, NULL, "ROLLBACK TO SAVEPOINT hs_pin", 0, NULL);
          if (!add_insert (steps, self, pending, TRUE, error))
            return FALSE;
          hs_db_steps_add (steps, NULL, "RELEASE SAVEPOINT hs_pin", 0, NULL);
          if (!hs_db_steps_run (db, steps, error))
            return FALSE;
          result = hs_db_steps_result (steps, 1);
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      for (int row = 0; row < PQntuples (result); row++)
        g_hash_table_add (issued, (gpointer) hs_db_value (result, row, 0));

      for (guint i = 0; i < pending->len; i++)
        {
          HsPinRequest *request = g_ptr_array_index (pending, i);
          if (!g_hash_table_contains (issued, request->pin))
            g_ptr_array_index (pending, kept++) = request;
        }
      g_ptr_array_set_size (pending, kept);
    }
  return TRUE;
}

static void
local_free (HsPinConnector *self)
{
  g_free (self);
}

HsPinConnector *
hs_pin_connector_local_new (void)
{
  HsPinConnector *self = g_new0 (HsPinConnector, 1);

  self->name = "local";
  self->issue = local_issue;
  self->free = local_free;
  return self;
}

void
hs_pin_connector_free (HsPinConnector *self)
{
  if (self != NULL && self->free != NULL)
    self->free (self);
}
