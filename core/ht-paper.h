/* ht-paper.h — the papers a citizen leaves the office with: certificates,
 * extracts and their copies, drawn with cairo and pango.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A paper is made in two steps.  ht_paper_doc_new() reads what the paper
 * says from the record and the register (effective data, marginal notes,
 * the office's names as they were, the signed QR payload) — the part that
 * may touch the database.  ht_paper_doc_draw() then draws it on any cairo
 * context: a PDF page here, a GtkPrintOperation page in the app:
 *
 *   static void
 *   draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page, gpointer doc)
 *   {
 *     ht_paper_doc_draw (doc, gtk_print_context_get_cairo_context (context),
 *                        gtk_print_context_get_width (context),
 *                        gtk_print_context_get_height (context));
 *   }
 *
 * with gtk_print_operation_set_unit (op, GTK_UNIT_POINTS), one page, and
 * gtk_print_operation_set_use_full_page (op, TRUE) for the pre-printed form.
 * Sizes are in points (1/72 inch); a paper is A4 portrait.  Which fields a
 * paper shows, in which order, with which labels, is data (ht-paper-forms.c)
 * read together with the kinds registry.
 */
#pragma once

#include <cairo.h>
#include <cjson/cJSON.h>

#include "ht-sign.h"
#include "ht-store.h"
#include "ht-validate.h"

G_BEGIN_DECLS

/* A4 in points. */
#define HT_PAPER_A4_WIDTH  595.2756
#define HT_PAPER_A4_HEIGHT 841.8898

typedef enum {
  HT_PAPER_FULL_PAGE,   /* the whole paper on plain A4 */
  HT_PAPER_PREPRINTED,  /* only the values, onto the ministry's pre-printed form (phôi) */
} HtPaperMode;

typedef struct
{
  gboolean     copy;            /* a copy (bản sao) instead of the original */
  const char  *paper;           /* a paper code of the kind ("TLKS-BS"); NULL: chosen by the record and "copy" */
  HtPaperMode  mode;
  GDate        issued_on;       /* invalid: the registration date for an original, today for a copy */
  const char  *signer_name;     /* who signs a copy today; NULL: the record's signer */
  const char  *signer_position;
  double       offset_x_mm;     /* pre-printed form: where this printer puts the page, */
  double       offset_y_mm;     /* measured with the calibration page (right and down) */
} HtPaperOptions;

void ht_paper_options_init (HtPaperOptions *options);

typedef struct _HtPaperDoc HtPaperDoc;

/* What a paper of "record" says.  "lookup" (may be NULL) gives effective
 * data, marginal notes and referenced entries; "signer" (may be NULL)
 * signs the QR payload — without one the QR place says the paper is not
 * signed, which suits a preview only.  Fails (HT_ERROR_INVALID) for a
 * draft or revoked record, a kind or case without such a paper, a copy
 * that the law does not allow, or the pre-printed mode of a paper that
 * the ministry does not print. */
HtPaperDoc *ht_paper_doc_new  (const cJSON          *record,
                               const HtLookup       *lookup,
                               HtSigner             *signer,
                               const HtPaperOptions *options,
                               GError              **error);
void        ht_paper_doc_free (HtPaperDoc *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtPaperDoc, ht_paper_doc_free)

/* The same from a register: its lookups, its signer (HT_SIGN_ERROR_NO_KEY
 * when it has no certified key and "require_signer"), and its pre-printed
 * form offset unless the options give one. */
HtPaperDoc *ht_paper_doc_new_from_store (HtStore              *store,
                                         const cJSON          *record,
                                         const HtPaperOptions *options,
                                         gboolean              require_signer,
                                         GError              **error);

const char *ht_paper_doc_get_code    (HtPaperDoc *self);  /* "GKS-BS" */
const char *ht_paper_doc_get_title   (HtPaperDoc *self);  /* "GIẤY KHAI SINH" */
const char *ht_paper_doc_get_number  (HtPaperDoc *self);  /* as printed: "17/GKS-BS" */
/* The signed QR payload, or NULL when unsigned. */
const char *ht_paper_doc_get_payload (HtPaperDoc *self);
/* The paper as plain lines (header, title, "label: value" rows, signer):
 * what the page shows, for logs, tests and accessibility. */
char       *ht_paper_doc_to_text     (HtPaperDoc *self);

/* Draws the paper on one page of width × height points at the origin of
 * "cr".  The text shrinks when a long record would not fit. */
void        ht_paper_doc_draw        (HtPaperDoc *self,
                                      cairo_t    *cr,
                                      double      width,
                                      double      height);
/* Writes an A4 PDF of the paper (atomically: the file is whole or absent). */
gboolean    ht_paper_doc_write_pdf   (HtPaperDoc  *self,
                                      const char  *path,
                                      GError     **error);

/* ---- Pre-printed forms ---- */

/* The paper codes the ministry prints a form for (GKS, GKS-BS, GCNKH),
 * NULL-terminated. */
const char *const *ht_paper_preprinted_codes (void);

/* A calibration page for the pre-printed form of "paper": a millimetre
 * grid, and a cross at every place a value goes, drawn with the offset.
 * Printed on plain paper and laid over a blank form against the light, it
 * shows how far this printer is off. */
gboolean    ht_paper_draw_calibration  (const char *paper,
                                        cairo_t    *cr,
                                        double      width,
                                        double      height,
                                        double      offset_x_mm,
                                        double      offset_y_mm,
                                        GError    **error);
gboolean    ht_paper_write_calibration (const char  *paper,
                                        double       offset_x_mm,
                                        double       offset_y_mm,
                                        const char  *path,
                                        GError     **error);

/* The per-office printer offset, kept in the register's keys table
 * ("paper.offset_mm" = "X,Y"); 0,0 when never set.  At most ±30 mm. */
#define HT_PAPER_KEY_OFFSET "paper.offset_mm"
#define HT_PAPER_OFFSET_MAX 30.0
void        ht_paper_get_offset (HtStore *store,
                                 double  *x_mm,
                                 double  *y_mm);
gboolean    ht_paper_set_offset (HtStore  *store,
                                 double    x_mm,
                                 double    y_mm,
                                 GError  **error);

G_END_DECLS
