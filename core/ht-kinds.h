/* ht-kinds.h — the kinds registry: every civil-status event kind described once, as data.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One description per kind drives the canonical JSON (ht-record.c), validation
 * (ht-validate.c), the store's search columns (ht-store.c), the generated
 * reference (docs/record-format.md) and, later, forms, certificates and
 * statistics.  The tables live in ht-kind-*.c; this header is their grammar.
 */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

typedef enum {
  HT_T_TEXT,           /* UTF-8 string, NFC-normalised on parse */
  HT_T_DATE,           /* "YYYY-MM-DD", a real calendar date */
  HT_T_YEAR,           /* integer year, 1800..9999 */
  HT_T_INT,            /* integer */
  HT_T_LOCAL_DATETIME, /* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", Vietnamese civil time */
  HT_T_BOOL,
  HT_T_ENUM,           /* one of field->values */
  HT_T_CODE,           /* digit string; field->code_len digits when non-zero */
  HT_T_OBJECT,         /* children describe its members */
  HT_T_LIST,           /* JSON array; children describe each element (an object) */
  HT_T_TEXT_LIST,      /* JSON array of strings */
  HT_T_REF,            /* {id} | {kind,office,book_year,number} | {office_name,volume,number,registered_on,paper_title} */
  HT_T_REF_OR_PAPER,   /* a ref, or a paper {title,number,issuer,issued_on} */
  HT_T_EVENT_DATA,     /* foreign_note.event_data: the data of the kind named by the sibling "event" */
} HtFieldType;

typedef enum {
  HT_REQ_NO,    /* optional */
  HT_REQ_YES,   /* required whenever its parent object is present */
  HT_REQ_COND,  /* required when field->when holds (see below) */
} HtReq;

typedef enum {
  HT_SEVERITY_ERROR,
  HT_SEVERITY_WARNING,
} HtSeverity;

/* Field flags. */
typedef enum {
  HT_F_NONE        = 0,
  HT_F_DERIVED     = 1 << 0, /* computed by core on save; input is checked against it */
  HT_F_SEARCH_NAME = 1 << 1, /* a person's name: goes into the folded FTS name index */
  HT_F_PIN         = 1 << 2, /* a personal ID number: exact lookup */
  HT_F_DOC_NUMBER  = 1 << 3, /* an ID document number: exact lookup */
  HT_F_PLACE       = 1 << 4, /* a place as written; allows the sibling "<name>_unit" */
  HT_F_EVIDENCE    = 1 << 5, /* evidence paper: "required" is only a warning for digitised entries */
  HT_F_NOT_FUTURE  = 1 << 6, /* a date that may not be after the registration date */
  HT_F_UPPERCASE   = 1 << 7, /* printed in capitals on papers */
  HT_F_ETHNICITY   = 1 << 8, /* one of the 54 ethnic groups, else a warning */
} HtFieldFlags;

typedef struct _HtField HtField;

struct _HtField
{
  const char          *name;      /* JSON key */
  HtFieldType          type;
  HtReq                req;
  const char          *when;      /* HT_REQ_COND: condition, see ht_kinds_eval_when() */
  const char *const   *values;    /* HT_T_ENUM: NULL-terminated allowed values */
  const HtField       *children;  /* HT_T_OBJECT / HT_T_LIST members, terminated by {NULL} */
  guint                min_items; /* HT_T_LIST / HT_T_TEXT_LIST: at least this many when present */
  guint                code_len;  /* HT_T_CODE: exact number of digits, 0 = any */
  guint                max_len;   /* HT_T_TEXT: characters, 0 = default (1000) */
  guint                flags;     /* HtFieldFlags */
  const char          *label_vi;  /* the wording printed in the book or on the paper */
  const char          *label;     /* English msgid, marked N_() */
  const char          *source;    /* legal source, e.g. "LHT 14.1.a; NĐ123 4.1†" */
};

/* Conditions ("when") are a tiny declarative language evaluated against the
 * record, so most conditional requirements stay data rather than code:
 *
 *   expr  := term ( " && " term )*  |  term ( " || " term )*
 *   term  := path "=" v1 "|" v2 ...      the value at path is one of v1, v2 …
 *          | path "!=" v1 "|" v2 ...     the value at path is none of them (absent counts as none)
 *          | path "?"                    the path is present (not null)
 *          | "!" path "?"                the path is absent
 *
 * A path is relative to the object that holds the field ("type" inside an
 * id_document); "/path" is relative to the record's data ("/parent_unknown"),
 * and "$name" is record-level ("$registration_type").  Booleans compare as
 * "true"/"false", numbers by their decimal text.
 */
gboolean ht_kinds_eval_when (const char  *when,
                             const cJSON *record,
                             const cJSON *container);

typedef struct _HtRuleCtx HtRuleCtx;
typedef void (*HtRuleFunc) (HtRuleCtx *ctx);

/* A rule: one check of KINDS.md, with its legal source next to it.  The code
 * is what the issue carries ("late", "too_young", …); "field" is the field it
 * is reported on (a data path, or "" for the record).  Rules with func == NULL
 * are documentation-only entries enforced elsewhere (by the generic engine or
 * the store) and say where in "summary". */
typedef struct
{
  const char *code;
  HtSeverity  severity;
  const char *field;
  const char *source;
  const char *summary;  /* English msgid, N_(): what the rule checks */
  HtRuleFunc  func;
} HtRule;

typedef struct
{
  const char *code;        /* "GKS", "TLKT", … */
  const char *title_vi;    /* "Giấy khai sinh" */
  const char *number_fmt;  /* "%u" or "%u/TLKT"; copies add "-BS" */
  const char *source;
} HtPaper;

typedef struct
{
  const char        *code;               /* JSON "kind" */
  const char        *book;               /* KS, KH, … */
  const char        *title_vi;           /* "Đăng ký khai sinh" */
  const char        *label;              /* English msgid, N_() */
  const char *const *registration_types; /* NULL-terminated; the first is the default */
  /* The main parties, as members of "data", whose names say which record
   * it is (a list row, a search result, the review queue); NULL for kinds
   * whose parties vary (notes), where the first person named stands in. */
  const char *const *parties;
  const HtField     *fields;             /* the data object's members, {NULL}-terminated */
  const HtRule      *rules;              /* {NULL}-terminated */
  const HtPaper     *papers;             /* {NULL}-terminated */
  const char        *authority;          /* who registers, with its source */
  guint              late_after_days;    /* 0 = no deadline flag */
  /* Computes the derived fields: returns an object {"data path": value}
   * (e.g. {"late": true}); NULL when the kind has none.  ht_record_derive()
   * compares and stores them. */
  cJSON *          (*derive) (const cJSON *record);
} HtKind;

/* All kinds, in DESIGN.md order, NULL-terminated. */
const HtKind *const *ht_kinds_all   (void);
const HtKind        *ht_kinds_lookup (const char *code);

/* Finds a field description by dotted data path ("child.full_name",
 * "items.to" for list elements).  Returns NULL for unknown paths. */
const HtField *ht_kind_find_field (const HtKind *kind,
                                   const char   *path);

const char *ht_field_type_name (HtFieldType type);

/* Shared shapes (KINDS.md §1), reusable by every kind table. */
extern const HtField ht_shape_id_document[];
extern const HtField ht_shape_paper[];
extern const HtField ht_shape_agent[];
extern const HtField ht_shape_unit[];
extern const char *const ht_values_sex[];
extern const char *const ht_values_id_document_type[];

/* The 54 ethnic groups of Viet Nam (Danh mục các dân tộc Việt Nam,
 * QĐ 121-TCTK/PPCĐ), NULL-terminated, in the official order. */
extern const char *const ht_ethnic_groups[];
/* TRUE if "name" is one of them (folded, so "Mông", "H'Mông" and "HMÔNG" match). */
gboolean ht_ethnicity_known (const char *name);

/* The three shapes of a ref (KINDS.md §1.4) and the one a value has. */
extern const HtField ht_shape_ref_id[];
extern const HtField ht_shape_ref_key[];
extern const HtField ht_shape_ref_paper[];
const HtField *ht_ref_shape (const cJSON *ref);

/* foreign_note event_data for divorce, annulment and parentage_determination. */
extern const HtField ht_shape_event_subjects[];
/* The kind whose data a foreign_note's event_data holds, or NULL when the
 * event uses ht_shape_event_subjects.  Fields of "excluded" are local
 * procedure and not part of event_data. */
const HtKind *ht_foreign_event_kind (const char *event);
gboolean      ht_foreign_event_excludes (const char *field_name);

/* The record envelope (DESIGN.md "Canonical record"), in canonical key order. */
extern const HtField ht_envelope_fields[];

G_END_DECLS
