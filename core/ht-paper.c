/* ht-paper.c — what a paper says: its form, header, rows, signer and the
 * signed QR payload, resolved from a record and the register.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-paper"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ht-date.h"
#include "ht-error.h"
#include "ht-paper-private.h"
#include "ht-record.h"
#include "ht-sign-store.h"
#include "ht-units.h"

void
ht_paper_options_init (HtPaperOptions *options)
{
  memset (options, 0, sizeof *options);
  options->mode = HT_PAPER_FULL_PAGE;
  g_date_clear (&options->issued_on, 1);
}

const char *const *
ht_paper_preprinted_codes (void)
{
  static const char *codes[8];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint n = 0;
      for (const HtForm *f = ht_paper_forms (); f->code != NULL && n + 1 < G_N_ELEMENTS (codes); f++)
        if (f->preprinted)
          codes[n++] = f->code;
      codes[n] = NULL;
      g_once_init_leave (&done, 1);
    }
  return codes;
}

static void
doc_row_clear (gpointer data)
{
  HtDocRow *row = data;

  for (guint i = 0; i < row->n_cells; i++)
    {
      g_free (row->cells[i].label);
      g_free (row->cells[i].value);
    }
}

void
ht_paper_doc_free (HtPaperDoc *self)
{
  if (self == NULL)
    return;
  g_free (self->header_province);
  g_free (self->header_office);
  g_free (self->number);
  g_free (self->place_date);
  g_free (self->title);
  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self->signer_title);
  g_free (self->signer_name);
  g_free (self->signer_position);
  g_free (self->original_signer);
  g_free (self->copy_source);
  g_free (self->copy_number);
  for (guint i = 0; i < 2; i++)
    {
      g_free (self->party_label[i]);
      g_free (self->party_name[i]);
    }
  g_free (self->payload);
  g_free (self->qr_caption);
  g_free (self);
}

/* The registry's description of a paper code of a kind. */
static const HtPaper *
registry_paper (const HtKind *kind,
                const char   *code)
{
  for (const HtPaper *p = kind != NULL ? kind->papers : NULL; p != NULL && p->code != NULL; p++)
    if (g_str_equal (p->code, code))
      return p;
  return NULL;
}

/* "Trích lục khai tử (bản sao)" → "TRÍCH LỤC KHAI TỬ": the copy mark is
 * printed on a line of its own. */
static char *
title_of (const HtPaper *paper)
{
  g_autofree char *title = g_strdup (paper->title_vi);
  char *mark = strstr (title, " (bản sao)");

  if (mark != NULL)
    *mark = '\0';
  return g_utf8_strup (title, -1);
}

/* Which form prints this record, or why none does. */
static const HtForm *
choose_form (const cJSON          *record,
             const HtPaperOptions *options,
             GError              **error)
{
  const HtKind *kind = ht_record_kind (record);
  const char *status = ht_record_status (record);
  const HtForm *form;

  if (kind == NULL)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The record has no known kind"));
      return NULL;
    }
  if (g_strcmp0 (status, "registered") != 0 || ht_record_number (record) <= 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   g_strcmp0 (status, "revoked") == 0
                   ? _("This entry was revoked: no paper can be issued for it")
                   : _("A draft is not in the book yet: register it before printing a paper"));
      return NULL;
    }
  if (options->paper != NULL)
    {
      form = ht_paper_form_lookup (options->paper);
      if (form == NULL || !g_str_equal (form->kind, kind->code))
        {
          g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("“%s” is not a paper of a %s entry"),
                       options->paper, kind->code);
          return NULL;
        }
      return form;
    }
  form = ht_paper_form_for (record, options->copy);
  if (form == NULL && options->copy && g_str_equal (kind->code, "marital_status"))
    {
      /* NĐ 123/2015 Điều 22.3: one original; a lost one is issued anew. */
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("A marital-status certificate is issued once and has no copy; register a new one (reissue)"));
      return NULL;
    }
  if (form == NULL && options->copy)
    g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A %s entry of this case has no copy"), kind->code);
  else if (form == NULL)
    g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A %s entry of this case has no paper"), kind->code);
  return form;
}

static void
add_rows (HtPaperDoc       *doc,
          HtValueSrc       *src,
          const HtFormBlock *block,
          HtPayloadBuilder *payload)
{
  for (const HtFormRow *row = block->rows; row->cells[0].label != NULL || row->cells[0].path != NULL; row++)
    {
      HtDocRow out = { .flags = row->flags, .phoi_y = row->phoi_y };
      gboolean any = FALSE, statics = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (row->cells); i++)
        {
          const HtFormCell *cell = &row->cells[i];
          HtDocCell *c;
          g_autofree char *qr_text = NULL;

          if (cell->label == NULL && cell->path == NULL)
            break;
          c = &out.cells[out.n_cells++];
          c->value = ht_value_format (src, block->prefix, cell, &c->label, &qr_text);
          c->width = cell->width;
          c->phoi_x = cell->phoi_x;
          c->is_static = cell->fmt == HT_FMT_STATIC;
          any |= c->value != NULL;
          statics |= cell->fmt == HT_FMT_STATIC;
          if (cell->qr != NULL && payload != NULL)
            ht_payload_builder_add (payload, cell->qr, qr_text != NULL ? qr_text : c->value);
        }
      if (!any && !statics && (row->flags & HT_ROW_OPTIONAL))
        {
          doc_row_clear (&out);
          continue;
        }
      g_array_append_val (doc->rows, out);
    }
}

static char *
strup_or_null (const char *s)
{
  return s != NULL ? g_utf8_strup (s, -1) : NULL;
}

static void
set_header (HtPaperDoc  *doc,
            const char  *office,
            const GDate *issued)
{
  HtUnitsDataset dataset = ht_units_dataset_on (issued);
  const HtUnit *commune = ht_units_lookup (dataset, HT_UNIT_COMMUNE, office);
  const HtUnit *district, *province;

  if (commune == NULL)
    {
      dataset = HT_UNITS_2026_04_30;
      commune = ht_units_lookup (dataset, HT_UNIT_COMMUNE, office);
    }
  if (commune == NULL)
    return;
  district = commune->district ? ht_units_lookup (dataset, HT_UNIT_DISTRICT, commune->district) : NULL;
  province = ht_units_lookup (dataset, HT_UNIT_PROVINCE, commune->province);
  {
    g_autofree char *p = province ? strup_or_null (province->full_name) : NULL;
    g_autofree char *d = district ? strup_or_null (district->full_name) : NULL;
    g_autofree char *c = strup_or_null (commune->full_name);

    doc->header_province = d != NULL ? g_strdup_printf ("%s\n%s", p ? p : "", d) : g_steal_pointer (&p);
    doc->header_office = g_strdup_printf ("UBND %s", c);
  }
}

HtPaperDoc *
ht_paper_doc_new (const cJSON          *record,
                  const HtLookup       *lookup,
                  HtSigner             *signer,
                  const HtPaperOptions *options,
                  GError              **error)
{
  g_autoptr(HtPaperDoc) doc = NULL;
  g_autoptr(HtValueSrc) src = NULL;
  g_autoptr(HtPayloadBuilder) payload = NULL;
  HtPaperOptions defaults;
  const HtForm *form;
  const HtPaper *paper;
  const char *office = ht_record_office (record);
  GDate issued, reg;

  g_return_val_if_fail (record != NULL, NULL);
  if (options == NULL)
    {
      ht_paper_options_init (&defaults);
      options = &defaults;
    }
  form = choose_form (record, options, error);
  if (form == NULL)
    return NULL;
  paper = registry_paper (ht_record_kind (record), form->code);
  if (paper == NULL)
    {
      /* test-paper checks every form against the registry; this is for a
       * registry edited without its form. */
      g_set_error (error, HT_ERROR, HT_ERROR_FAILED, _("The paper “%s” is not in the kinds registry"), form->code);
      return NULL;
    }
  if (options->mode == HT_PAPER_PREPRINTED && !form->preprinted)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID,
                   _("The ministry prints no form for “%s”: print it on a full page"), paper->title_vi);
      return NULL;
    }
  if (!ht_record_registered_on (record, &reg))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("The record has no registration date"));
      return NULL;
    }
  /* An original is issued on the day of registration; a copy today. */
  if (g_date_valid (&options->issued_on))
    issued = options->issued_on;
  else if (form->copy)
    ht_date_today (&issued);
  else
    issued = reg;
  if (g_date_compare (&issued, &reg) < 0)
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("A paper cannot be issued before the registration date"));
      return NULL;
    }

  doc = g_new0 (HtPaperDoc, 1);
  doc->form = form;
  doc->mode = options->mode;
  doc->offset_x_mm = options->offset_x_mm;
  doc->offset_y_mm = options->offset_y_mm;
  doc->copy = form->copy;
  doc->rows = g_array_new (FALSE, TRUE, sizeof (HtDocRow));
  g_array_set_clear_func (doc->rows, doc_row_clear);
  doc->title = title_of (paper);
  set_header (doc, office, &issued);
  doc->place_date = ht_paper_place_date (office, &issued);

  /* The birth certificate's copy keeps the entry's own number on top and
   * carries the copy's number in its endorsement (DOMAIN.md §2.2). */
  if (form->copy_source != NULL)
    {
      doc->number = ht_paper_number_text (record, NULL);
      doc->copy_number = ht_paper_number_text (record, form->code);
      doc->copy_source = g_strdup (form->copy_source);
    }
  else
    doc->number = ht_paper_number_text (record, form->code);

  payload = ht_payload_builder_new ();
  {
    g_autofree char *key = g_strdup_printf ("%s/%" PRId64 "/%" PRId64, ht_record_kind_code (record),
                                            ht_record_book_year (record), ht_record_number (record));
    g_autofree char *reg_text = ht_date_format (&reg);
    g_autofree char *issued_text = ht_date_format (&issued);

    ht_payload_builder_add (payload, "p", form->code);
    ht_payload_builder_add (payload, "so", doc->copy_number != NULL ? doc->copy_number : doc->number);
    ht_payload_builder_add (payload, "o", office);
    ht_payload_builder_add (payload, "k", key);
    ht_payload_builder_add (payload, "r", reg_text);
    ht_payload_builder_add (payload, "i", issued_text);
  }
  {
    /* The device certificate must be valid on the day it signs, which for
     * an original printed late is after the paper's own date. */
    GDate today;
    g_autofree char *today_text = NULL;

    ht_date_today (&today);
    today_text = ht_date_format (&today);
    ht_payload_builder_add (payload, "t", today_text);
  }

  /* Originals show the effective data: an approved change is written on
   * the certificate too (LHT 28.2), so a reprint carries it. */
  src = ht_value_src_new (record, lookup, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (form->blocks) && form->blocks[i].rows != NULL; i++)
    add_rows (doc, src, &form->blocks[i], payload);

  {
    const char *name = cJSON_GetStringValue (ht_record_get_path (record, "signer.full_name"));
    const char *position = cJSON_GetStringValue (ht_record_get_path (record, "signer.position"));

    doc->signer_title = g_strdup (form->signer_title);
    if (form->copy)
      {
        doc->signer_name = g_strdup (options->signer_name != NULL ? options->signer_name : name);
        doc->signer_position = g_strdup (options->signer_name != NULL ? options->signer_position : position);
        if (form->copy_source != NULL)
          doc->original_signer = g_strdup (name);
      }
    else
      {
        doc->signer_name = g_strdup (name);
        doc->signer_position = g_strdup (position);
      }
  }
  for (guint i = 0; i < 2 && form->parties[2 * i] != NULL; i++)
    {
      HtFormCell cell = { .path = form->parties[2 * i + 1], .fmt = HT_FMT_TEXT };
      g_autofree char *label = NULL, *qr = NULL;

      doc->party_label[i] = g_strdup (form->parties[2 * i]);
      doc->party_name[i] = ht_value_format (src, "", &cell, &label, &qr);
    }

  if (signer != NULL)
    {
      const HtDeviceCert *cert = ht_signer_get_certificate (signer);

      if (g_strcmp0 (cert->office, office) != 0)
        {
          g_set_error (error, HT_SIGN_ERROR, HT_SIGN_ERROR_MISMATCH,
                       _("This register's signing key is certified for office %s, the entry is of office %s"),
                       cert->office, office);
          return NULL;
        }
      doc->payload = ht_payload_builder_sign (payload, signer);
      doc->qr_caption = g_strdup ("Mã QR chứa dữ liệu chính của giấy này và chữ ký số của cơ quan đăng ký; "
                                  "kiểm tra ngoại tuyến bằng khóa công khai của Bộ Tư pháp.");
    }
  else
    doc->qr_caption = g_strdup ("CHƯA KÝ SỐ — bản xem trước, không có giá trị sử dụng.");
  return g_steal_pointer (&doc);
}

HtPaperDoc *
ht_paper_doc_new_from_store (HtStore              *store,
                             const cJSON          *record,
                             const HtPaperOptions *options,
                             gboolean              require_signer,
                             GError              **error)
{
  g_autoptr(HtSigner) signer = NULL;
  g_autoptr(GError) local = NULL;
  HtPaperOptions opts;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);
  if (options != NULL)
    opts = *options;
  else
    ht_paper_options_init (&opts);
  if (opts.offset_x_mm == 0 && opts.offset_y_mm == 0)
    ht_paper_get_offset (store, &opts.offset_x_mm, &opts.offset_y_mm);
  signer = ht_sign_load_signer (store, &local);
  if (signer == NULL && require_signer)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return ht_paper_doc_new (record, ht_store_get_lookup (store), signer, &opts, error);
}

const char *
ht_paper_doc_get_code (HtPaperDoc *self)
{
  return self->form->code;
}

const char *
ht_paper_doc_get_title (HtPaperDoc *self)
{
  return self->title;
}

const char *
ht_paper_doc_get_number (HtPaperDoc *self)
{
  return self->copy_number != NULL ? self->copy_number : self->number;
}

const char *
ht_paper_doc_get_payload (HtPaperDoc *self)
{
  return self->payload;
}

char *
ht_paper_doc_to_text (HtPaperDoc *self)
{
  GString *s = g_string_new (NULL);

  if (self->form->header == HT_HEADER_OFFICE && self->header_office != NULL)
    g_string_append_printf (s, "%s\n%s\n", self->header_province ? self->header_province : "", self->header_office);
  g_string_append (s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n");
  g_string_append_printf (s, "Số: %s\n", self->number);
  if (self->form->header == HT_HEADER_OFFICE)
    g_string_append_printf (s, "%s\n", self->place_date);
  g_string_append_printf (s, "%s\n", self->title);
  if (self->copy)
    g_string_append (s, "(BẢN SAO)\n");
  for (guint i = 0; i < self->rows->len; i++)
    {
      const HtDocRow *row = &g_array_index (self->rows, HtDocRow, i);
      for (guint j = 0; j < row->n_cells; j++)
        {
          const HtDocCell *c = &row->cells[j];
          if (j > 0)
            g_string_append (s, "   ");
          if (c->label != NULL)
            g_string_append (s, c->label);
          if (c->value != NULL)
            g_string_append_printf (s, "%s%s", c->label != NULL ? ": " : "", c->value);
        }
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, "%s\n%s\n%s\n", self->signer_title, self->signer_name ? self->signer_name : "",
                          self->signer_position ? self->signer_position : "");
  if (self->copy_source != NULL)
    g_string_append_printf (s, "%s\n%s\nSố: %s\n", self->copy_source, self->place_date, self->copy_number);
  return g_string_free (s, FALSE);
}

/* ---- The printer offset of the pre-printed forms ---- */

void
ht_paper_get_offset (HtStore *store,
                     double  *x_mm,
                     double  *y_mm)
{
  g_autofree char *text = ht_store_get_key (store, HT_PAPER_KEY_OFFSET);
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, ",", 2) : NULL;

  *x_mm = *y_mm = 0;
  if (parts != NULL && parts[0] != NULL && parts[1] != NULL)
    {
      double x = g_ascii_strtod (parts[0], NULL), y = g_ascii_strtod (parts[1], NULL);
      /* A damaged setting must not throw the print off the sheet. */
      if (fabs (x) <= HT_PAPER_OFFSET_MAX && fabs (y) <= HT_PAPER_OFFSET_MAX)
        {
          *x_mm = x;
          *y_mm = y;
        }
    }
}

gboolean
ht_paper_set_offset (HtStore  *store,
                     double    x_mm,
                     double    y_mm,
                     GError  **error)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL;

  if (!(fabs (x_mm) <= HT_PAPER_OFFSET_MAX) || !(fabs (y_mm) <= HT_PAPER_OFFSET_MAX))
    {
      g_set_error (error, HT_ERROR, HT_ERROR_INVALID, _("An offset is at most %.0f mm either way"),
                   HT_PAPER_OFFSET_MAX);
      return FALSE;
    }
  g_ascii_formatd (x, sizeof x, "%.1f", x_mm);
  g_ascii_formatd (y, sizeof y, "%.1f", y_mm);
  text = g_strdup_printf ("%s,%s", x, y);
  return ht_store_set_key (store, HT_PAPER_KEY_OFFSET, text, error);
}

/* ---- The book's content column ---- */

char *
ht_paper_entry_summary (const cJSON    *record,
                        const HtLookup *lookup)
{
  const HtForm *form = ht_paper_form_for (record, FALSE);
  g_autoptr(HtValueSrc) src = NULL;
  GString *s;

  if (form == NULL)
    return NULL;
  /* The book holds what was registered; later changes go to the notes. */
  src = ht_value_src_new (record, lookup, FALSE);
  s = g_string_new (NULL);
  for (guint b = 0; b < G_N_ELEMENTS (form->blocks) && form->blocks[b].rows != NULL; b++)
    for (const HtFormRow *row = form->blocks[b].rows; row->cells[0].label != NULL || row->cells[0].path != NULL; row++)
      {
        GString *line;

        if (row->flags & (HT_ROW_NO_BOOK | HT_ROW_HEADING))
          continue;
        line = g_string_new (NULL);
        for (guint i = 0; i < G_N_ELEMENTS (row->cells) && (row->cells[i].label || row->cells[i].path); i++)
          {
            g_autofree char *label = NULL, *qr = NULL;
            g_autofree char *value = NULL;

            if (row->cells[i].fmt == HT_FMT_STATIC || row->cells[i].fmt == HT_FMT_DATE_WORDS)
              continue;
            value = ht_value_format (src, form->blocks[b].prefix, &row->cells[i], &label, &qr);
            if (value == NULL)
              continue;
            if (line->len > 0)
              g_string_append (line, "; ");
            g_string_append_printf (line, "%s: %s", label ? label : "", value);
          }
        if (line->len > 0)
          g_string_append_printf (s, "%s%s", s->len > 0 ? "\n" : "", line->str);
        g_string_free (line, TRUE);
      }
  return g_string_free (s, FALSE);
}
