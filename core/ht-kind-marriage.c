/* ht-kind-marriage.c — being written. */
#include "ht-kind-util.h"
static const HtField fields[] = { HT_END };
static const char *const types[] = { "new", NULL };
const HtKind ht_kind_marriage = { .code = "marriage", .book = "KH", .registration_types = types, .fields = fields };

