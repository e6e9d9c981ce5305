/* ht-kind-marital-status.c — being written. */
#include "ht-kind-util.h"
static const HtField fields[] = { HT_END };
static const char *const types[] = { "new", NULL };
const HtKind ht_kind_marital_status = { .code = "marital_status", .book = "XNTTHN", .registration_types = types, .fields = fields };

