/* ht-record-keys.h — the keys a record is found by when rules check the register.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules look the register up by a few keys (ht_kind_find_person(),
 * HtLookup): a personal ID number, an ID document number, a person's folded
 * name with a date or year of birth, a record referred to by id or by its
 * place in a book.  The central server stores every record's keys (its
 * record_keys table) and looks them up; the sync client uses the same keys
 * to decide which queued changes may be with the server at the same time.
 * Both derive them here, from the kinds registry (which fields are
 * HT_F_PIN, HT_F_DOC_NUMBER, HT_F_SEARCH_NAME), so that the two cannot
 * drift apart.
 *
 * A key is written "type\tvalue":
 *   "pin\t<personal ID number>"
 *   "doc\t<ID document number, spaces dropped, upper case>"
 *   "person\t<folded name>|<date or year of birth>"
 *   "ref\t<id>" or "ref\t<kind>/<office>/<book_year>/<number>"
 * These strings are what the server's record_keys rows hold (hashed into
 * key_hash): they must not change for existing data.
 *
 * Keys are read from a record's canonical JSON text in one pass, without
 * building a cJSON tree (the sync client reads every queued change, and a
 * tree cost it more than the keys themselves).  The text must have its
 * members in canonical order where it matters: "kind" before "data", a
 * foreign note's "event" before "event_data", a paper's "title" first.
 * Text printed from a canonical tree (ht_record_print()) always has.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

typedef enum {
  HT_KEY_PIN,        /* a personal ID number */
  HT_KEY_DOC,        /* an ID document number, normalised */
  HT_KEY_PERSON,     /* folded name|date or year of birth */
  HT_KEY_REF_ID,     /* a record referred to, by id */
  HT_KEY_REF_PLACE,  /* a record referred to, by kind/office/book_year/number */
  /* Not in record_keys: the record's own id and place in its book, by
   * which a reference to it is resolved (HtLookup.resolve_ref). */
  HT_KEY_OWN_ID,
  HT_KEY_OWN_PLACE,
} HtKeyType;

/* "pin", "doc", "person" or "ref" (all four reference types are "ref"). */
const char *ht_key_type_name (HtKeyType type);
/* Whether "type" is a key of record_keys (not OWN_ID / OWN_PLACE). */
gboolean    ht_key_type_stored (HtKeyType type);

/* Receives one key; "value" is only valid during the call.  The same key
 * may come more than once. */
typedef void (*HtKeyFunc) (HtKeyType   type,
                           const char *value,
                           gpointer    user_data);

/* "type\tvalue" */
char *ht_record_key             (HtKeyType   type,
                                 const char *value);
/* Splits "type\tvalue"; a "ref" is given as HT_KEY_REF_ID. */
gboolean ht_record_key_parse    (const char  *key,
                                 HtKeyType   *type,
                                 const char **value);
/* ID document numbers are compared without spaces, in upper case. */
char *ht_record_keys_normalize_doc (const char *number);
/* "kind/office/book_year/number" */
char *ht_record_keys_place      (const char *kind,
                                 const char *office,
                                 gint64      book_year,
                                 gint64      number);

/* Calls "func" for every key of the canonical record "text" (a record, or
 * with "change" a push change {"record_id", "op", "record": {…}}, whose
 * record_id is also its own id).  Returns FALSE, having called "func" for
 * some keys or none, when the text cannot be read. */
gboolean ht_record_keys_scan    (const char *text,
                                 gboolean    change,
                                 HtKeyFunc   func,
                                 gpointer    user_data);

/* The record_keys of a canonical record: "type\tvalue" strings, distinct
 * and sorted. */
GPtrArray *ht_record_keys_stored      (const cJSON *record);
GPtrArray *ht_record_keys_stored_text (const char  *text);

/* The keys the rules of a record holding the stored key (type, value) may
 * look up in the register (ht_kind_find_person()): a personal ID number
 * against both kinds of number (a citizen identity card's number is the
 * holder's PIN), and a name with a full date of birth also against the
 * same name recorded with the year alone.  References are looked up by
 * resolve_ref and find_referencing, not by this. */
void ht_record_keys_foreach_lookup (HtKeyType   type,
                                    const char *value,
                                    HtKeyFunc   func,
                                    gpointer    user_data);

/* The keys HtLookup.find_person() searches for (any argument may be NULL):
 * what a rule asking about one person finds that person by. */
void ht_record_keys_of_person   (const char *pin,
                                 const char *doc_number,
                                 const char *folded_name,
                                 const char *date_of_birth,
                                 HtKeyFunc   func,
                                 gpointer    user_data);

/* ---- Which changes depend on each other (the sync client) ----
 *
 * A change "stores" keys by which others' rules find its record, and
 * "looks up" keys its own rules may ask for.  Two changes depend on each
 * other when the looked-up keys of either meet the stored keys of the
 * other.  Keys are 64-bit hashes, over classes wider than the server's
 * equality (a collision or a wider class only makes a change wait when it
 * need not): a PIN and a document number are one class, references are
 * compared without case. */
guint64 ht_record_key_hash      (HtKeyType   type,
                                 const char *value);

/* The id of the record at a place in a book, known to the caller (NULL
 * if none), so that a reference by place meets one by id. */
typedef char *(*HtKeyPlaceFunc) (const char *kind,
                                 const char *office,
                                 gint64      book_year,
                                 gint64      number,
                                 gpointer    user_data);

/* Appends the hashes (guint64) of the stored and the looked-up keys of a
 * push change's JSON text.  "resolve" may be NULL.  Returns FALSE when the
 * change cannot be read or names no record: it may then depend on anything. */
gboolean ht_record_keys_of_change (const char     *json,
                                   HtKeyPlaceFunc  resolve,
                                   gpointer        user_data,
                                   GArray         *stored,
                                   GArray         *looked_up);

G_END_DECLS
