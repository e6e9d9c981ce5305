/* ht-kind-parentage.c — being written. */
#include "ht-kind-util.h"
static const HtField fields[] = { HT_END };
static const char *const types[] = { "new", NULL };
const HtKind ht_kind_parentage = { .code = "parentage", .book = "CMC", .registration_types = types, .fields = fields };

