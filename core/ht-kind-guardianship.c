/* ht-kind-guardianship.c — being written. */
#include "ht-kind-util.h"
static const HtField fields[] = { HT_END };
static const char *const types[] = { "new", NULL };
const HtKind ht_kind_guardianship = { .code = "guardianship", .book = "GH", .registration_types = types, .fields = fields };

static const HtField end_fields[] = { HT_END };
static const char *const end_types[] = { "new", NULL };
const HtKind ht_kind_guardianship_end = { .code = "guardianship_end", .book = "GH", .registration_types = end_types, .fields = end_fields };
