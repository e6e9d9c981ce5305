/* admin-print.c — hotich-admin print: a certificate, an extract or a copy
 * of one entry, as a PDF with its signed QR code.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <glib/gi18n.h>

#include "ht-error.h"
#include "ht-paper.h"
#include "ht-record.h"
#include "admin.h"

int
admin_cmd_print (AdminGlobals *globals,
                 int           argc,
                 char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(cJSON) record = NULL;
  g_autoptr(HtPaperDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *issued_on = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *position = NULL;
  gboolean copy = FALSE, preprinted = FALSE, unsigned_ = FALSE;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE") },
    { "copy", 0, 0, G_OPTION_ARG_NONE, &copy, N_("A copy (bản sao) rather than the original"), NULL },
    { "preprinted", 0, 0, G_OPTION_ARG_NONE, &preprinted,
      N_("Only the values, for the ministry's pre-printed form (phôi), shifted by the calibrated offset"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("A paper of the kind by its code, e.g. TLKS-BS"), N_("CODE") },
    { "issued-on", 0, 0, G_OPTION_ARG_STRING, &issued_on,
      N_("The issue date (default: the registration date for an original, today for a copy)"), N_("DATE") },
    { "signer", 0, 0, G_OPTION_ARG_STRING, &signer, N_("Who signs a copy today (default: the entry's signer)"),
      N_("NAME") },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position, N_("That signer's position"), N_("TEXT") },
    { "unsigned", 0, 0, G_OPTION_ARG_NONE, &unsigned_,
      N_("Print without the signed QR code, marked as a preview, when the register has no certificate"), NULL },
    G_OPTION_ENTRY_NULL
  };
  HtPaperOptions options;

  context = admin_option_context_new (globals, _("ID|KIND/YEAR/NUMBER --out FILE.pdf"),
                                      _("Prints the paper of one registered entry as an A4 PDF: the birth "
                                        "certificate, the marriage certificate, the extract of the other kinds, "
                                        "or with --copy its copy. The QR code carries the entry's key fields "
                                        "signed with this register's certified device key "
                                        "(see “hotich-admin certify”)."),
                                      entries);
  if (!admin_option_parse (context, "print", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error ("print", _("give one record id or KIND/YEAR/NUMBER"));
  if (!g_utf8_validate (argv[1], -1, NULL))
    return admin_usage_error ("print", _("the record key is not valid UTF-8 text"));
  if (out == NULL || *out == '\0')
    return admin_usage_error ("print", _("--out FILE.pdf is required"));
  if ((signer == NULL) != (position == NULL))
    return admin_usage_error ("print", _("--signer and --position go together"));
  if (signer != NULL && !copy && paper == NULL)
    return admin_usage_error ("print", _("--signer is for a copy: an original carries the entry's own signer"));

  ht_paper_options_init (&options);
  if (issued_on != NULL && !admin_parse_date_option ("print", "--issued-on", issued_on, &options.issued_on))
    return ADMIN_EXIT_USAGE;
  options.copy = copy;
  options.paper = paper;
  options.mode = preprinted ? HT_PAPER_PREPRINTED : HT_PAPER_FULL_PAGE;
  options.signer_name = signer;
  options.signer_position = position;

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  record = ht_store_lookup (store, argv[1], &error);
  if (record == NULL)
    {
      if (error == NULL)
        admin_error (_("no record %s"), argv[1]);
      else
        admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  doc = ht_paper_doc_new_from_store (store, record, &options, !unsigned_, &error);
  if (doc == NULL || !ht_paper_doc_write_pdf (doc, out, &error))
    {
      admin_error ("%s", error->message);
      return ADMIN_EXIT_FAILURE;
    }
  /* TRANSLATORS: "wrote GKS-BS 17/GKS-BS (GIẤY KHAI SINH) to out.pdf" */
  printf (_("wrote %s %s (%s) to %s%s\n"), ht_paper_doc_get_code (doc), ht_paper_doc_get_number (doc),
          ht_paper_doc_get_title (doc), out,
          ht_paper_doc_get_payload (doc) == NULL ? _(", unsigned: a preview only") : "");
  return ADMIN_EXIT_OK;
}
