/* ht-print.c — the paper of a record for the app: built in a worker
 * thread, printed with GtkPrintOperation, saved as PDF in a worker thread.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building a paper reads the register (the entry as stored now, its
 * marginal notes, the office's names) and signs the QR payload, so it runs
 * in a worker like every other store call of the app.  The preview, the
 * print operation and the PDF file all draw with ht_paper_doc_draw(): what
 * the clerk sees is what is printed and what is saved.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-error.h"
#include "ht-print.h"
#include "ht-record.h"
#include "ht-sign.h"

struct _HtPrintPaper
{
  HtPaperDoc *doc;
  char       *unsigned_reason;
};

static void
paper_clear (HtPrintPaper *self)
{
  g_clear_pointer (&self->doc, ht_paper_doc_free);
  g_clear_pointer (&self->unsigned_reason, g_free);
}

HtPrintPaper *
ht_print_paper_ref (HtPrintPaper *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
ht_print_paper_unref (HtPrintPaper *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) paper_clear);
}

HtPaperDoc *
ht_print_paper_get_doc (HtPrintPaper *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->doc;
}

const char *
ht_print_paper_get_unsigned_reason (HtPrintPaper *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unsigned_reason;
}

char *
ht_print_paper_file_name (HtPrintPaper *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  /* TRANSLATORS: a file name: the paper's title and its number, e.g.
   * "GIẤY KHAI SINH số 17-GKS.pdf". */
  name = g_strdup_printf (_("%s no. %s.pdf"), ht_paper_doc_get_title (self->doc),
                          ht_paper_doc_get_number (self->doc));
  /* A number such as "17/GKS-BS" would otherwise name a folder. */
  g_strdelimit (name, "/\\", '-');
  return g_steal_pointer (&name);
}

/* ---- Building ---- */

typedef struct
{
  HtStore        *store;
  char           *id;
  HtPaperOptions  options;
  char           *path;
  HtPrintPaper   *paper;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_free (job->id);
  g_free (job->path);
  g_clear_pointer (&job->paper, ht_print_paper_unref);
  g_free (job);
}

static void
build_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(cJSON) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) no_key = NULL;
  HtPaperDoc *doc;
  HtPrintPaper *paper;

  /* The entry as stored now, not as a page showed it some time ago. */
  record = ht_store_lookup (job->store, job->id, &error);
  if (record == NULL)
    {
      if (error == NULL)
        g_set_error (&error, HT_ERROR, HT_ERROR_NOT_FOUND, _("There is no record %s in this register"), job->id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  doc = ht_paper_doc_new_from_store (job->store, record, &job->options, TRUE, &no_key);
  if (doc == NULL)
    {
      /* Without a certified key the paper is still worth a preview (and
       * says so on its face); any other failure is the clerk's to see. */
      if (!g_error_matches (no_key, HT_SIGN_ERROR, HT_SIGN_ERROR_NO_KEY))
        {
          g_task_return_error (task, g_steal_pointer (&no_key));
          return;
        }
      doc = ht_paper_doc_new_from_store (job->store, record, &job->options, FALSE, &error);
      if (doc == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  paper = g_atomic_rc_box_new0 (HtPrintPaper);
  paper->doc = doc;
  if (no_key != NULL)
    paper->unsigned_reason = g_strdup (no_key->message);
  g_task_return_pointer (task, paper, (GDestroyNotify) ht_print_paper_unref);
}

void
ht_print_build_async (HtStore             *store,
                      const char          *id,
                      gboolean             copy,
                      HtPaperMode          mode,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (HT_IS_STORE (store));
  g_return_if_fail (id != NULL);

  job = g_new0 (Job, 1);
  job->store = g_object_ref (store);
  job->id = g_strdup (id);
  ht_paper_options_init (&job->options);
  job->options.copy = copy;
  job->options.mode = mode;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_print_build_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, build_worker);
}

HtPrintPaper *
ht_print_build_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_print_build_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- PDF ---- */

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ht_paper_doc_write_pdf (job->paper->doc, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ht_print_write_pdf_async (HtPrintPaper        *paper,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (paper != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (Job, 1);
  job->paper = ht_print_paper_ref (paper);
  job->path = g_strdup (path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ht_print_write_pdf_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, write_worker);
}

gboolean
ht_print_write_pdf_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ht_print_write_pdf_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Printing ---- */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              HtPrintPaper      *paper)
{
  ht_paper_doc_draw (paper->doc, gtk_print_context_get_cairo_context (context),
                     gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

GtkPrintOperation *
ht_print_operation_new (HtPrintPaper *paper)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (paper != NULL, NULL);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* A paper is one A4 page in both modes. */
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The paper keeps its own margins (and the pre-printed form needs the
   * sheet's own corner as origin, where the calibrated offset is measured
   * from), so it is drawn on the whole sheet exactly as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  /* TRANSLATORS: a print job's name: the paper's title and number. */
  job_name = g_strdup_printf (_("%s no. %s"), ht_paper_doc_get_title (paper->doc),
                              ht_paper_doc_get_number (paper->doc));
  gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), ht_print_paper_ref (paper),
                         (GClosureNotify) (void (*) (void)) ht_print_paper_unref, 0);
  return operation;
}

/* ---- Preview ---- */

void
ht_print_draw_preview (HtPrintPaper *paper,
                       cairo_t      *cr,
                       int           width,
                       int           height)
{
  const double margin = 12.0;
  double scale, w, h, x, y;

  g_return_if_fail (paper != NULL);

  scale = MIN ((width - 2 * margin) / HT_PAPER_A4_WIDTH, (height - 2 * margin) / HT_PAPER_A4_HEIGHT);
  if (scale <= 0)
    return;
  w = HT_PAPER_A4_WIDTH * scale;
  h = HT_PAPER_A4_HEIGHT * scale;
  x = (width - w) / 2.0;
  y = (height - h) / 2.0;

  cairo_save (cr);
  /* The sheet: white with a thin grey edge, whatever the theme. */
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  ht_paper_doc_draw (paper->doc, cr, HT_PAPER_A4_WIDTH, HT_PAPER_A4_HEIGHT);
  cairo_restore (cr);
}
