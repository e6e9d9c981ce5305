/* ht-print-dialog.h — the preview of a record's paper, with Print… and
 * Save as PDF….
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ht-print.h"

G_BEGIN_DECLS

#define HT_TYPE_PRINT_DIALOG (ht_print_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HtPrintDialog, ht_print_dialog, HT, PRINT_DIALOG, AdwWindow)

/* A modal preview over "parent" of the paper of the record "id" of
 * "store", built at once in a worker.  With "then_save" the Save dialog
 * opens as soon as the paper is there.  The window's actions:
 *   print.version 's'    "original" or "copy" (bản sao)
 *   print.layout 's'     "full" (plain A4) or "preprinted" (phôi)
 *   print.print          GtkPrintOperation with the print dialog
 *   print.save-pdf       a file chooser, then print.save-pdf-to
 *   print.save-pdf-to 's' writes the PDF to that path in a worker */
HtPrintDialog *ht_print_dialog_new            (GtkWindow     *parent,
                                               HtStore       *store,
                                               const char    *id,
                                               gboolean       then_save);

/* The paper shown, or NULL while it is built or when it cannot be. */
HtPrintPaper  *ht_print_dialog_get_paper      (HtPrintDialog *self);
/* Building the paper, writing a PDF, or printing (the print dialog is
 * open or the job is being sent). */
gboolean       ht_print_dialog_get_busy       (HtPrintDialog *self);
/* Why the paper cannot be made, or NULL. */
const char    *ht_print_dialog_get_error      (HtPrintDialog *self);
/* The warning above the paper (unsigned), or NULL. */
const char    *ht_print_dialog_get_notice     (HtPrintDialog *self);
/* The last PDF written, and the last failure to write one (or NULL). */
const char    *ht_print_dialog_get_saved_path (HtPrintDialog *self);
const char    *ht_print_dialog_get_save_error (HtPrintDialog *self);
/* The Save dialog while it is open, or NULL (tests close it). */
GtkFileChooserNative *ht_print_dialog_get_chooser (HtPrintDialog *self);

G_END_DECLS
