/* admin-keygen.c — hotich-admin keygen: a new Ed25519 key pair in files,
 * for the ministry (hotich-server serve --ministry-key, hotich-admin
 * certify) and for tests and demos that need their own ministry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <glib/gi18n.h>

#include "ht-sign.h"
#include "admin.h"

int
admin_cmd_keygen (AdminGlobals *globals,
                  int           argc,
                  char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *public = NULL;
  const GOptionEntry entries[] = {
    { "secret", 0, 0, G_OPTION_ARG_FILENAME, &secret, N_("The secret key file to create (mode 0600)"), N_("FILE") },
    { "public", 0, 0, G_OPTION_ARG_FILENAME, &public, N_("The public key file to create"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  context = admin_option_context_new (globals, _("--secret FILE --public FILE"),
                                      _("Makes a new Ed25519 key pair: the secret key readable by its owner "
                                        "only, the public key for verifiers. Existing files are never "
                                        "replaced. Needs no register."),
                                      entries);
  if (!admin_option_parse (context, "keygen", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 1)
    return admin_usage_error ("keygen", _("unexpected argument “%s”"), argv[1]);
  if (secret == NULL || public == NULL)
    return admin_usage_error ("keygen", _("give both --secret FILE and --public FILE"));
  if (!ht_sign_write_key_pair (secret, public, &error))
    {
      admin_error ("%s", error->message);
      return ADMIN_EXIT_FAILURE;
    }
  printf (_("wrote the secret key %s and the public key %s\n"), secret, public);
  return ADMIN_EXIT_OK;
}
