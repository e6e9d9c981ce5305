/* ht-paper-private.h — what the files of the paper module share: the form
 * descriptions (ht-paper-forms.c), the resolved paper (ht-paper.c), the
 * drawing helpers (ht-paper-draw.c, ht-paper-qr.c) and the books.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "ht-kinds.h"
#include "ht-paper.h"

G_BEGIN_DECLS

/* ---- Form descriptions: data, one per paper of the registry ---- */

/* How a value is written on the paper. */
typedef enum {
  HT_FMT_TEXT,        /* as written (the registry's capitals flag applies) */
  HT_FMT_DATE,        /* dd/mm/yyyy */
  HT_FMT_DATE_WORDS,  /* the date in words */
  HT_FMT_BIRTH,       /* date_of_birth as dd/mm/yyyy, else the sibling birth_year */
  HT_FMT_YEAR,        /* birth_year, else the year of the sibling date_of_birth */
  HT_FMT_ENUM,        /* the Vietnamese wording of an enumerated value */
  HT_FMT_ID_DOC,      /* "Căn cước công dân số … do … cấp ngày …" */
  HT_FMT_PIN_PENDING, /* a newborn's personal ID: the record's, or "pending" wording */
  HT_FMT_DATETIME,    /* "10 giờ 30 phút, ngày 05/01/2026" */
  HT_FMT_PAPER,       /* "<title> số … do … cấp ngày …" (also a decision) */
  HT_FMT_PAPERS,      /* a list of papers */
  HT_FMT_REF,         /* a registered entry: "Số 5, ngày 20/01/2000, <office>" */
  HT_FMT_ITEMS,       /* "<field>: từ “a” thành “b”", one line per item */
  HT_FMT_PERSONS,     /* a list of persons: "NAME, sinh ngày …" */
  HT_FMT_OFFICE,      /* the registering office as named on the registration date */
  HT_FMT_REGISTERED,  /* the registration date, dd/mm/yyyy */
  HT_FMT_NOTES,       /* marginal notes from the entries that amend this one */
  HT_FMT_PURPOSE,     /* a marital-status certificate's purpose */
  HT_FMT_STATIC,      /* no value: the label is a sentence of the form */
} HtFmt;

typedef struct
{
  const char *label;   /* as printed; NULL: the registry's label_vi of "path" */
  const char *path;    /* a data path ("child.full_name"), "$name" for the envelope, or NULL */
  HtFmt       fmt;
  const char *qr;      /* the key of this value in the signed QR payload, or NULL */
  float       width;   /* share of the line (0: equal shares) */
  float       phoi_x;  /* pre-printed form: mm from the left edge where the value starts */
} HtFormCell;

enum {
  HT_ROW_HEADING  = 1 << 0, /* a bold sub-heading ("Người giám hộ") */
  HT_ROW_OPTIONAL = 1 << 1, /* left out when every value is blank */
  HT_ROW_BOLD     = 1 << 2, /* values in bold (the names of the main people) */
  HT_ROW_NO_BOOK  = 1 << 3, /* not repeated in the register book's content column */
};

typedef struct
{
  guint      flags;
  HtFormCell cells[3];
  float      phoi_y;   /* pre-printed form: mm from the top edge of the value's baseline row */
} HtFormRow;

#define HT_FORM_END { .flags = 0, .cells = { { NULL } } }

/* A run of rows whose paths share a prefix ("event_data." for a noted
 * event), so the rows of a kind serve its foreign notes too. */
typedef struct
{
  const HtFormRow *rows;
  const char      *prefix;
} HtFormBlock;

typedef enum {
  HT_HEADER_NATIONAL, /* the motto centred, "Số:" under it (GKS, GCNKH, GCNNCN) */
  HT_HEADER_OFFICE,   /* the office left, the motto right, number and place-date under them */
} HtHeaderStyle;

typedef struct
{
  const char        *code;          /* a paper code of the registry */
  const char        *kind;          /* the kind it belongs to */
  const char        *when;          /* which entries of the kind (ht_kinds_eval_when), NULL: all */
  gboolean           copy;          /* a copy (bản sao) */
  HtHeaderStyle      header;
  const char        *signer_title;  /* "NGƯỜI KÝ GIẤY KHAI SINH" */
  const char        *copy_source;   /* "Sao từ Sổ đăng ký khai sinh": endorsement block of a copy */
  const char        *parties[4];    /* signatures of the parties: label, name path, label, name path */
  HtFormBlock        blocks[4];
  gboolean           preprinted;    /* the ministry prints a form; rows carry positions */
  float              number_phoi[2];  /* pre-printed: x, y of "Số" (mm) */
  float              signer_phoi[2];  /* pre-printed: x, y of the signer's name (mm) */
  float              endorse_phoi[2]; /* pre-printed copy: x, y of the endorsement's place and date (mm) */
  float              parties_phoi[4]; /* pre-printed: x, y of each party's name (mm) */
} HtForm;

/* Every form, NULL code-terminated. */
const HtForm *ht_paper_forms (void);
const HtForm *ht_paper_form_lookup (const char *code);
/* The form that prints "record" (an original, or a copy), or NULL. */
const HtForm *ht_paper_form_for (const cJSON *record,
                                 gboolean     copy);
/* The Vietnamese wording of an enumerated value ("sex", "female" → "Nữ"),
 * or NULL when none is known. */
const char   *ht_paper_enum_text (const char *field,
                                  const char *value);

/* ---- Values (ht-paper-values.c) ---- */

/* Where the values of one record come from: its data, or its effective
 * data (the original with the approved changes that amend it). */
typedef struct _HtValueSrc HtValueSrc;

HtValueSrc *ht_value_src_new  (const cJSON    *record,
                               const HtLookup *lookup,
                               gboolean        effective);
void        ht_value_src_free (HtValueSrc     *src);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtValueSrc, ht_value_src_free)

/* The text a cell prints (NULL when blank), its label in *label (the
 * form's, else the registry's) and, when the QR code carries a shorter
 * text than the page, that text in *qr_text (else NULL). */
char       *ht_value_format   (HtValueSrc       *src,
                               const char       *prefix,
                               const HtFormCell *cell,
                               char            **label,
                               char            **qr_text);

/* The number of an entry as its paper prints it ("17/TLKT"), from the
 * registry's number format of "paper_code" (NULL: the entry's original). */
char       *ht_paper_number_text    (const cJSON *record,
                                     const char  *paper_code);
/* "Đăng ký khai sinh số 17, ngày 02/03/2026, tại Ủy ban nhân dân …". */
char       *ht_paper_entry_citation (const cJSON *entry);
/* Changes as lines "<label>: từ “a” thành “b”"; labels from the registry of
 * "original" (may be NULL: the field paths are shown). */
char       *ht_paper_items_text     (const cJSON *items,
                                     const cJSON *original);

/* ---- A resolved paper ---- */

typedef struct
{
  char    *label;     /* may be NULL */
  char    *value;     /* may be NULL: blank */
  float    width;
  float    phoi_x;
  gboolean is_static; /* the label is a sentence of the form, without a value */
} HtDocCell;

typedef struct
{
  guint     flags;
  guint     n_cells;
  HtDocCell cells[3];
  float     phoi_y;
} HtDocRow;

struct _HtPaperDoc
{
  const HtForm *form;
  HtPaperMode   mode;
  double        offset_x_mm;
  double        offset_y_mm;
  gboolean      copy;

  char   *header_province;   /* "THÀNH PHỐ HÀ NỘI" */
  char   *header_office;     /* "UBND PHƯỜNG BA ĐÌNH" */
  char   *number;            /* "17/TLKT", as printed after "Số:" */
  char   *place_date;        /* "Ba Đình, ngày 22 tháng 11 năm 2026" */
  char   *title;             /* "TRÍCH LỤC KHAI TỬ" */
  GArray *rows;              /* HtDocRow */

  char   *signer_title;
  char   *signer_name;
  char   *signer_position;
  /* A copy of a certificate: the original's signer, shown as signed. */
  char   *original_signer;
  /* The copy endorsement block. */
  char   *copy_source;
  char   *copy_number;
  /* Parties who sign (the spouses). */
  char   *party_label[2];
  char   *party_name[2];

  char   *payload;           /* signed QR text, or NULL */
  char   *qr_caption;
};

/* Drawing helpers (ht-paper-draw.c). */
#define HT_MM(mm) ((mm) * 72.0 / 25.4)
#define HT_PAPER_FONT "Noto Serif, DejaVu Serif, serif"

/* A layout in the paper font at "size" points; "markup" is Pango markup. */
PangoLayout *ht_paper_layout (cairo_t    *cr,
                              const char *markup,
                              double      size,
                              double      width,
                              PangoAlignment align);
/* Draws a layout at (x, y) and returns its height. */
double       ht_paper_show   (cairo_t     *cr,
                              PangoLayout *layout,
                              double       x,
                              double       y);

/* The QR code of "text" as a square of "size" points at (x, y); FALSE when
 * the text is too long for a QR code. */
gboolean     ht_paper_draw_qr (cairo_t    *cr,
                               const char *text,
                               double      x,
                               double      y,
                               double      size);

/* Writes pages to a PDF: "draw" is called for pages 0 … n-1 on A4 (or the
 * given size). */
typedef void (*HtPdfPageFunc) (cairo_t *cr, double width, double height, guint page, gpointer data);
gboolean     ht_paper_write_pdf (const char     *path,
                                 double          width,
                                 double          height,
                                 guint           n_pages,
                                 const char     *title,
                                 HtPdfPageFunc   draw,
                                 gpointer        data,
                                 GError        **error);

/* The office's names on a day (the dataset then in force, else the
 * newest).  "Ủy ban nhân dân phường Ba Đình, thành phố Hà Nội". */
char        *ht_paper_office_sentence (const char  *office,
                                       const GDate *on);
/* "Ba Đình, ngày 05 tháng 02 năm 2026" (day below 10 and months 1, 2 with
 * a leading zero, as administrative documents write them). */
char        *ht_paper_place_date      (const char  *office,
                                       const GDate *on);

/* The marginal note an amending entry writes on "original" ("Thay đổi họ,
 * chữ đệm, tên từ “…” thành “…” (Số 3/TLTĐ, ngày 02/03/2026)"), or NULL
 * when "entry" does not amend it.  Shared by papers and books. */
char        *ht_paper_note_for (const cJSON    *entry,
                                const cJSON    *original);

/* The content of an entry as "label: value" lines, from the rows of its
 * kind's original paper (for the book). */
char        *ht_paper_entry_summary (const cJSON    *record,
                                     const HtLookup *lookup);

G_END_DECLS
