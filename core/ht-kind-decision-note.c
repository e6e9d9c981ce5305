/* ht-kind-decision-note.c — being written. */
#include "ht-kind-util.h"
static const HtField fields[] = { HT_END };
static const char *const types[] = { "new", NULL };
const HtKind ht_kind_decision_note = { .code = "decision_note", .book = "GVS", .registration_types = types, .fields = fields };

