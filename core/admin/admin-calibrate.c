/* admin-calibrate.c — hotich-admin calibrate: the printer offset of the
 * ministry's pre-printed forms, and the page to measure it with.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <string.h>
#include <glib/gi18n.h>

#include "ht-paper.h"
#include "admin.h"

/* "X,Y" in millimetres, with a decimal point. */
static gboolean
parse_offset (const char *text,
              double     *x,
              double     *y)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end = NULL;

  if (g_strv_length (parts) != 2)
    return FALSE;
  *x = g_ascii_strtod (g_strstrip (parts[0]), &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  *y = g_ascii_strtod (g_strstrip (parts[1]), &end);
  return end != parts[1] && *end == '\0';
}

int
admin_cmd_calibrate (AdminGlobals *globals,
                     int           argc,
                     char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *out = NULL;
  g_autofree char *paper = NULL;
  const GOptionEntry entries[] = {
    { "offset", 0, 0, G_OPTION_ARG_STRING, &offset,
      N_("Store the offset of this office's printer: X to the right, Y down, in mm (e.g. 1.5,-2)"), N_("X,Y") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the calibration page to this PDF file"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("The pre-printed form: GKS (default), GKS-BS or GCNKH"),
      N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  double x = 0, y = 0;

  context = admin_option_context_new (globals, _("[--offset X,Y] [--out FILE.pdf] [--paper CODE]"),
                                      _("Pre-printed forms (phôi): prints a calibration page — a millimetre "
                                        "grid with a cross where each value goes — to lay over a blank form "
                                        "against the light, and stores the offset measured on it, which "
                                        "“print --preprinted” then applies. Without options, shows the offset."),
                                      entries);
  if (!admin_option_parse (context, "calibrate", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 1)
    return admin_usage_error ("calibrate", _("unexpected argument “%s”"), argv[1]);
  if (offset != NULL && (!parse_offset (offset, &x, &y) ||
                         !(ABS (x) <= HT_PAPER_OFFSET_MAX) || !(ABS (y) <= HT_PAPER_OFFSET_MAX)))
    return admin_usage_error ("calibrate", _("--offset must be X,Y in millimetres, each between -%.0f and %.0f"),
                              HT_PAPER_OFFSET_MAX, HT_PAPER_OFFSET_MAX);
  if (paper == NULL)
    paper = g_strdup ("GKS");
  if (!g_strv_contains (ht_paper_preprinted_codes (), paper))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) ht_paper_preprinted_codes ());
      return admin_usage_error ("calibrate", _("--paper: the ministry prints forms for %s only"), known);
    }

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  if (offset != NULL && !ht_paper_set_offset (store, x, y, &error))
    {
      admin_report_error (ht_store_get_path (store), error);
      return ADMIN_EXIT_FAILURE;
    }
  ht_paper_get_offset (store, &x, &y);
  if (out != NULL && !ht_paper_write_calibration (paper, x, y, out, &error))
    {
      admin_error ("%s", error->message);
      return ADMIN_EXIT_FAILURE;
    }
  printf (_("pre-printed form offset: %.1f mm to the right, %.1f mm down\n"), x, y);
  if (out != NULL)
    printf (_("wrote the calibration page of %s to %s\n"), paper, out);
  return ADMIN_EXIT_OK;
}
