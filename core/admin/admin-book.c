/* admin-book.c — hotich-admin book: a register book of one kind and year
 * as a PDF, with its cover and its year-end closing page.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "ht-paper-book.h"
#include "admin.h"

int
admin_cmd_book (AdminGlobals *globals,
                int           argc,
                char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(HtBook) book = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  guint64 year = 0;

  context = admin_option_context_new (globals, _("KIND YEAR --out FILE.pdf"),
                                      _("Prints the register book of a kind for a year: the cover (office, "
                                        "volume number, opening and closing dates), every entry in number "
                                        "order with its notes column, page numbers, and the year-end closing "
                                        "page with the number of pages and entries."),
                                      entries);
  if (!admin_option_parse (context, "book", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 3)
    return admin_usage_error ("book", _("give a kind and a year"));
  if (!admin_check_kind ("book", "KIND", argv[1]))
    return ADMIN_EXIT_USAGE;
  if (!g_ascii_string_to_unsigned (argv[2], 10, 1800, 9999, &year, NULL))
    return admin_usage_error ("book", _("the year must be a number from 1800 to 9999, not “%s”"), argv[2]);
  if (out == NULL || *out == '\0')
    return admin_usage_error ("book", _("--out FILE.pdf is required"));

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  book = ht_book_new (store, argv[1], (int) year, &error);
  if (book == NULL || !ht_book_write_pdf (book, out, &error))
    {
      admin_error ("%s", error->message);
      return ADMIN_EXIT_FAILURE;
    }
  printf (ngettext ("wrote the %s book %s (%u entry) to %s\n", "wrote the %s book %s (%u entries) to %s\n",
                    ht_book_get_n_entries (book)),
          argv[1], ht_book_get_volume (book), ht_book_get_n_entries (book), out);
  return ADMIN_EXIT_OK;
}
