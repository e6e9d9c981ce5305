/* admin-verify.c — hotich-admin verify: is a paper's QR code genuine?
 * Offline, with nothing but the ministry's public key.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <string.h>
#include <glib/gi18n.h>

#include "ht-paper-scan.h"
#include "ht-sign.h"
#include "ht-units.h"
#include "admin.h"

/* What the verifier reads from a paper, with the payload's key names. */
static const struct
{
  const char *key;
  const char *label;  /* N_() */
} envelope[] = {
  { "p", N_("paper") },
  { "so", N_("number") },
  { "o", N_("office") },
  { "k", N_("entry") },
  { "r", N_("registered on") },
  { "i", N_("issued on") },
  { "t", N_("signed on") },
};

/* "  label           value", padded by characters so Vietnamese labels line up. */
static void
print_field (const char *label,
             const char *value)
{
  glong width = g_utf8_strlen (label, -1);

  printf ("  %s", label);
  for (glong i = width; i < 17; i++)
    putchar (' ');
  printf ("%s\n", value);
}

static gboolean
is_envelope (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (envelope); i++)
    if (g_str_equal (envelope[i].key, key))
      return TRUE;
  return FALSE;
}

/* Verifies one payload and says so; TRUE when valid. */
static gboolean
verify_one (const char   *payload,
            const guint8  ministry[HT_SIGN_PUBLIC_KEY_BYTES],
            const char   *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HtPayload) p = ht_payload_verify (payload, ministry, &error);
  const HtUnit *unit;
  g_autofree char *from = NULL, *until = NULL;

  if (p == NULL)
    {
      printf (_("INVALID: %s\n"), error->message);
      return FALSE;
    }
  unit = ht_units_office (p->cert.office);
  from = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&p->cert.valid_from), g_date_get_month (&p->cert.valid_from),
                          g_date_get_day (&p->cert.valid_from));
  until = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&p->cert.valid_until),
                           g_date_get_month (&p->cert.valid_until), g_date_get_day (&p->cert.valid_until));
  printf (_("VALID: signed by device %s of office %s (%s), certified by %s from %s to %s\n"), p->cert.device_id,
          p->cert.office, unit != NULL ? unit->full_name : "?", where, from, until);
  for (guint i = 0; i < G_N_ELEMENTS (envelope); i++)
    {
      const char *v = ht_payload_get (p, envelope[i].key);
      if (v != NULL)
        print_field (_(envelope[i].label), v);
    }
  /* The fields as the paper prints them: compare them with the page. */
  for (guint i = 0; i < p->keys->len; i++)
    if (!is_envelope (p->keys->pdata[i]))
      print_field (p->keys->pdata[i], p->values->pdata[i]);
  return TRUE;
}

static gboolean
looks_like_pdf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char head[5] = { 0 };
  gsize got = 0;

  return in != NULL && g_input_stream_read_all (G_INPUT_STREAM (in), head, 4, &got, NULL, NULL) && got == 4 &&
         memcmp (head, "%PDF", 4) == 0;
}

int
admin_cmd_verify (AdminGlobals *globals,
                  int           argc,
                  char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key_file = NULL;
  g_autofree char *where = NULL;
  const GOptionEntry entries[] = {
    { "ministry-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("The trusted ministry public key (default: $HOTICH_MINISTRY_KEY, else the key built in)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  guint8 ministry[HT_SIGN_PUBLIC_KEY_BYTES];
  const char *arg;
  guint valid = 0;

  context = admin_option_context_new (globals, _("PAYLOAD|FILE.pdf|FILE|-"),
                                      _("Checks a paper's QR code offline: the text read from the code (as an "
                                        "argument, from a text file or from standard input), or a PDF whose "
                                        "pages are rendered and scanned. Says VALID with what the paper "
                                        "certifies, or INVALID and why. Needs no register and no network."),
                                      entries);
  if (!admin_option_parse (context, "verify", &argc, &argv))
    return ADMIN_EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error ("verify", _("give the payload, a PDF file, a text file, or - for standard input"));
  arg = argv[1];

  if (!ht_sign_ministry_key (key_file, ministry, &where, &error))
    {
      admin_error (_("cannot read the ministry key: %s"), error->message);
      return ADMIN_EXIT_FAILURE;
    }

  if (g_str_has_prefix (arg, "HT1|"))
    g_ptr_array_add (payloads, g_strdup (arg));
  else if (g_str_equal (arg, "-"))
    {
      /* A payload is a few hundred bytes; more than this is not one. */
      GString *text = g_string_new (NULL);
      char buf[4096];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0 && text->len < 65536)
        g_string_append_len (text, buf, n);
      g_ptr_array_add (payloads, g_string_free (text, FALSE));
    }
  else if (g_file_test (arg, G_FILE_TEST_IS_REGULAR) && looks_like_pdf (arg))
    {
      g_autoptr(GPtrArray) found = ht_paper_scan_pdf (arg, &error);
      if (found == NULL)
        {
          admin_error ("%s", error->message);
          return ADMIN_EXIT_FAILURE;
        }
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (payloads, g_strdup (found->pdata[i]));
      if (payloads->len == 0)
        {
          printf (_("INVALID: no QR code was found on the pages of %s\n"), arg);
          return ADMIN_EXIT_FAILURE;
        }
    }
  else if (g_file_test (arg, G_FILE_TEST_IS_REGULAR))
    {
      char *text = NULL;
      if (!g_file_get_contents (arg, &text, NULL, &error))
        {
          admin_error ("%s", error->message);
          return ADMIN_EXIT_FAILURE;
        }
      g_ptr_array_add (payloads, text);
    }
  else
    return admin_usage_error ("verify", _("“%s” is neither a payload (HT1|…) nor a readable file"), arg);

  for (guint i = 0; i < payloads->len; i++)
    valid += verify_one (payloads->pdata[i], ministry, where);
  return valid == payloads->len ? ADMIN_EXIT_OK : ADMIN_EXIT_FAILURE;
}
