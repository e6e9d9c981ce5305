/* ht-kind-foreign-note.c — being written. */
#include "ht-kind-util.h"
static const HtField fields[] = { HT_END };
static const char *const types[] = { "new", NULL };
const HtKind ht_kind_foreign_note = { .code = "foreign_note", .book = "GC", .registration_types = types, .fields = fields };

