/* ht-print.h — the paper of a record for the app: built in a worker
 * thread, printed with GtkPrintOperation, saved as PDF in a worker thread.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ht-paper.h"
#include "ht-store.h"

G_BEGIN_DECLS

/* A built paper.  Reference counted, because the preview, a print
 * operation and a PDF written in a worker thread may hold it at once; the
 * paper itself is read-only once built. */
typedef struct _HtPrintPaper HtPrintPaper;

HtPrintPaper *ht_print_paper_ref                (HtPrintPaper *self);
void          ht_print_paper_unref              (HtPrintPaper *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtPrintPaper, ht_print_paper_unref)
HtPaperDoc   *ht_print_paper_get_doc            (HtPrintPaper *self);
/* Why the paper carries no signed QR code (the register has no certified
 * signing key), or NULL when it is signed. */
const char   *ht_print_paper_get_unsigned_reason (HtPrintPaper *self);
/* A file name for the paper: its title and number, "/" made "-". */
char         *ht_print_paper_file_name          (HtPrintPaper *self) G_GNUC_WARN_UNUSED_RESULT;

/* Builds the paper of the record "id" as stored now, signed with the
 * register's certified key.  Without such a key the paper is built
 * unsigned (it says so on its face) and the reason is kept; every other
 * failure (a draft, a kind or case without this paper, no pre-printed form
 * for it, a key of another office) is an error. */
void          ht_print_build_async     (HtStore             *store,
                                        const char          *id,
                                        gboolean             copy,
                                        HtPaperMode          mode,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
HtPrintPaper *ht_print_build_finish    (GAsyncResult        *result,
                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the paper as an A4 PDF at "path" (atomically) in a worker. */
void          ht_print_write_pdf_async  (HtPrintPaper        *paper,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean      ht_print_write_pdf_finish (GAsyncResult        *result,
                                         GError             **error);

/* A print operation of the paper: A4 portrait, one page, drawn by the
 * same routine as the PDF file. */
GtkPrintOperation *ht_print_operation_new (HtPrintPaper *paper) G_GNUC_WARN_UNUSED_RESULT;

/* Draws the paper scaled to fit "width" × "height" (widget pixels),
 * centred on a white sheet with a thin border: the preview. */
void          ht_print_draw_preview     (HtPrintPaper *paper,
                                         cairo_t      *cr,
                                         int           width,
                                         int           height);

G_END_DECLS
