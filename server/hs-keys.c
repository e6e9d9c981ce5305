/* hs-keys.c — the keys records are looked up by when rules check the register.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which keys a record has and which ones its rules ask for is core's
 * (ht-record-keys.c), shared with the sync client; this keeps them as the
 * strings the server's statements take.
 */
#define G_LOG_DOMAIN "hotich-server"

#include <string.h>

#include "hs-keys.h"

char *
hs_key (HtKeyType   type,
        const char *value)
{
  return ht_record_key (type, value);
}

void
hs_keys_add (GPtrArray  *keys,
             HtKeyType   type,
             const char *value)
{
  char *key = hs_key (type, value);

  if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_free (key);
  else
    g_ptr_array_add (keys, key);
}

GPtrArray *
hs_record_keys (const cJSON *record)
{
  return ht_record_keys_stored (record);
}

GPtrArray *
hs_record_keys_text (const char *text)
{
  return ht_record_keys_stored_text (text);
}

static void
add_key (HtKeyType   type,
         const char *value,
         gpointer    user_data)
{
  g_hash_table_add (user_data, ht_record_key (type, value));
}

void
hs_keys_for_lookup (GPtrArray  *keys,
                    GHashTable *into)
{
  for (guint i = 0; i < keys->len; i++)
    {
      HtKeyType type;
      const char *value;

      if (ht_record_key_parse (g_ptr_array_index (keys, i), &type, &value))
        ht_record_keys_foreach_lookup (type, value, add_key, into);
    }
}
