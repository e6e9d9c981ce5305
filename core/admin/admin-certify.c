/* admin-certify.c — hotich-admin certify: the register's signing key and
 * its certificate, for an office that never enrols with the server, and a
 * look at the certificate it holds.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <glib/gi18n.h>
#include <sodium.h>

#include "ht-date.h"
#include "ht-sign-store.h"
#include "admin.h"

static int
show (HtStore *store)
{
  g_autofree char *cert = ht_store_get_key (store, HT_SIGN_KEY_CERTIFICATE);
  g_autofree char *pk = ht_store_get_key (store, HT_SIGN_KEY_PUBLIC);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  guint8 ministry[HT_SIGN_PUBLIC_KEY_BYTES];
  HtDeviceCert c;
  GDate today;

  if (pk == NULL)
    {
      printf (_("no signing key: run “hotich-admin certify --ministry-key FILE”, or enrol the PC\n"));
      return ADMIN_EXIT_FAILURE;
    }
  printf (_("device public key: %s\n"), pk);
  if (cert == NULL)
    {
      printf (_("no certificate yet: papers cannot be signed\n"));
      return ADMIN_EXIT_FAILURE;
    }
  ht_date_today (&today);
  if (!ht_sign_certificate_parse (cert, &c, &error))
    {
      printf ("%s\n", error->message);
      return ADMIN_EXIT_FAILURE;
    }
  {
    g_autofree char *from = ht_date_format (&c.valid_from);
    g_autofree char *until = ht_date_format (&c.valid_until);
    printf (_("certificate: device %s, office %s, valid from %s to %s\n"), c.device_id, c.office, from, until);
  }
  if (!ht_sign_ministry_key (NULL, ministry, &where, &error) ||
      !ht_sign_certificate_verify (cert, ministry, &today, NULL, &error))
    {
      printf (_("not usable today: %s\n"), error->message);
      return ADMIN_EXIT_FAILURE;
    }
  printf (_("trusted: signed by %s, valid today\n"), where);
  return ADMIN_EXIT_OK;
}

int
admin_cmd_certify (AdminGlobals *globals,
                   int           argc,
                   char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_file = NULL;
  gboolean show_only = FALSE;
  int days = HT_SIGN_CERT_DAYS_DEFAULT;
  const GOptionEntry entries[] = {
    { "ministry-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("The ministry's secret key file (hotich-ed25519-secret …, mode 0600)"), N_("FILE") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Days the certificate is valid (default 1826, five years)"), N_("N") },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show_only, N_("Show the key and certificate the register holds"), NULL },
    G_OPTION_ENTRY_NULL
  };
  guint8 sk[HT_SIGN_SECRET_KEY_BYTES];
  gboolean ok;

  context = admin_option_context_new (globals, _("--ministry-key FILE [--days N] | --show"),
                                      _("Gives this register a device signing key, if it has none, and a "
                                        "certificate for it signed offline with the ministry's secret key: the "
                                        "way for an office that never enrols with the server. An enrolled PC "
                                        "gets its certificate at enrolment instead. The certificate must verify "
                                        "with the trusted ministry public key ($HOTICH_MINISTRY_KEY, else the "
                                        "key built in)."),
                                      entries);
  if (!admin_option_parse (context, "certify", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 1)
    return admin_usage_error ("certify", _("unexpected argument “%s”"), argv[1]);
  if (show_only == (key_file != NULL))
    return admin_usage_error ("certify", _("give either --ministry-key FILE or --show"));
  if (days < 1 || days > 3660)
    return admin_usage_error ("certify", _("--days must be 1 to 3660"));

  store = admin_open_store (globals);
  if (store == NULL)
    return ADMIN_EXIT_FAILURE;
  if (show_only)
    return show (store);

  if (!ht_sign_read_secret_key (key_file, sk, &error))
    {
      admin_error ("%s", error->message);
      return ADMIN_EXIT_FAILURE;
    }
  ok = ht_sign_certify_offline (store, sk, (guint) days, &error);
  sodium_memzero (sk, sizeof sk);
  if (!ok)
    {
      admin_error (_("the register was not certified: %s"), error->message);
      return ADMIN_EXIT_FAILURE;
    }
  return show (store);
}
