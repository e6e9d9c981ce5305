/* ht-test-util.c — shared helpers for the core test suites.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ht-test"

#include <check.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "ht-record.h"
#include "ht-test-util.h"

char *
ht_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hotich-test-XXXXXX", &error);

  ck_assert_msg (dir != NULL, "cannot make a temporary directory: %s",
                 error != NULL ? error->message : "?");
  return dir;
}

void
ht_test_rmtree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        /* Tests may have taken the write permission away. */
        g_chmod (child, 0700);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          ht_test_rmtree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
ht_test_print_issues (GPtrArray *issues)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      HtIssue *issue = issues->pdata[i];
      fprintf (stderr, "  %s %s: %s (%s)\n",
               issue->severity == HT_SEVERITY_ERROR ? "error" : "warning",
               issue->field, issue->message, issue->code);
    }
}

/* Sets a string at a dotted path of objects that all exist. */
static void
set_string (cJSON      *root,
            const char *path,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  cJSON *node = root;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      node = cJSON_GetObjectItemCaseSensitive (node, parts[i]);
      ck_assert_msg (cJSON_IsObject (node), "test template has no object at %s", path);
    }
  cJSON_DeleteItemFromObjectCaseSensitive (node, parts[n - 1]);
  cJSON_AddStringToObject (node, parts[n - 1], value);
}

/* A nine-digit ID card (CMND) number that differs from name to name. */
static char *
card_number (const char *name)
{
  return g_strdup_printf ("%09u", g_str_hash (name) % 1000000000u);
}

static cJSON *
canonical (cJSON *tree)
{
  g_autoptr(cJSON) owned = tree;
  g_autoptr(HtIssues) issues = ht_issues_new ();
  cJSON *record = ht_record_canonicalize (owned, issues);

  if (record == NULL)
    {
      fprintf (stderr, "test record does not canonicalise:\n");
      ht_test_print_issues (issues);
    }
  ck_assert_ptr_nonnull (record);
  return record;
}

static cJSON *
parse_template (const char *text)
{
  cJSON *tree = cJSON_Parse (text);

  ck_assert_msg (tree != NULL, "test template is not JSON");
  return tree;
}

cJSON *
ht_test_birth (const char *child_name,
               const char *dob,
               const char *registered_on)
{
  cJSON *tree = parse_template (
    "{\"kind\":\"birth\",\"office\":\"" HT_TEST_OFFICE "\",\"status\":\"registered\","
    "\"registration_type\":\"new\",\"clerk\":\"lan.nt\","
    "\"signer\":{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND xã\"},"
    "\"data\":{\"child\":{\"sex\":\"male\",\"place_of_birth\":\"Trạm y tế phường Ba Đình, Thành phố Hà Nội\","
    "\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\",\"hometown\":\"Phường Ba Đình, Thành phố Hà Nội\"},"
    "\"mother\":{\"full_name\":\"Trần Thị Bích\",\"birth_year\":1995,\"ethnicity\":\"Kinh\","
    "\"nationality\":\"Việt Nam\",\"residence\":\"Số 5 ngõ 2, phường Ba Đình, Hà Nội\","
    "\"id_document\":{\"type\":\"cccd\",\"number\":\"001195012345\"}},"
    "\"parent_unknown\":\"father\","
    "\"declarant\":{\"full_name\":\"Trần Thị Bích\",\"relationship\":\"mẹ\","
    "\"id_document\":{\"type\":\"cccd\",\"number\":\"001195012345\"}},"
    "\"birth_notice\":{\"type\":\"medical\",\"number\":\"123/GCS\",\"issuer\":\"Trạm y tế phường Ba Đình\"}}}");

  g_return_val_if_fail (child_name != NULL && dob != NULL && registered_on != NULL, NULL);
  set_string (tree, "registered_on", registered_on);
  set_string (tree, "data.child.full_name", child_name);
  set_string (tree, "data.child.date_of_birth", dob);
  set_string (tree, "data.birth_notice.issued_on", dob);
  return canonical (tree);
}

static void
fill_party (cJSON      *tree,
            const char *role,
            const char *name,
            const char *dob)
{
  g_autofree char *path = NULL;
  g_autofree char *card = card_number (name);

  path = g_strconcat ("data.", role, ".full_name", NULL);
  set_string (tree, path, name);
  g_free (path);
  path = g_strconcat ("data.", role, ".date_of_birth", NULL);
  set_string (tree, path, dob);
  g_free (path);
  path = g_strconcat ("data.", role, ".id_document.number", NULL);
  set_string (tree, path, card);
}

cJSON *
ht_test_marriage (const char *husband,
                  const char *husband_dob,
                  const char *wife,
                  const char *wife_dob,
                  const char *registered_on)
{
  cJSON *tree = parse_template (
    "{\"kind\":\"marriage\",\"office\":\"" HT_TEST_OFFICE "\",\"status\":\"registered\","
    "\"registration_type\":\"new\",\"clerk\":\"lan.nt\","
    "\"signer\":{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND xã\"},"
    "\"data\":{"
    "\"husband\":{\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\","
    "\"residence\":\"Số 7 phố Đội Cấn, phường Ba Đình, Hà Nội\","
    "\"id_document\":{\"type\":\"cmnd\"},\"prior_status\":\"never_married\"},"
    "\"wife\":{\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\","
    "\"residence\":\"Số 9 phố Kim Mã, phường Ba Đình, Hà Nội\","
    "\"id_document\":{\"type\":\"cmnd\"},\"prior_status\":\"never_married\"}}}");

  g_return_val_if_fail (husband != NULL && wife != NULL && registered_on != NULL, NULL);
  set_string (tree, "registered_on", registered_on);
  fill_party (tree, "husband", husband, husband_dob);
  fill_party (tree, "wife", wife, wife_dob);
  return canonical (tree);
}

cJSON *
ht_test_death (const char *name,
               const char *dob,
               const char *died_on,
               const char *registered_on)
{
  g_autofree char *died_at = g_strconcat (died_on, "T12:00", NULL);
  cJSON *tree = parse_template (
    "{\"kind\":\"death\",\"office\":\"" HT_TEST_OFFICE "\",\"status\":\"registered\","
    "\"registration_type\":\"new\",\"clerk\":\"lan.nt\","
    "\"signer\":{\"full_name\":\"Lê Văn Tâm\",\"position\":\"Chủ tịch UBND xã\"},"
    "\"data\":{\"deceased\":{\"sex\":\"male\",\"ethnicity\":\"Kinh\",\"nationality\":\"Việt Nam\","
    "\"residence\":\"Số 3 phố Liễu Giai, phường Ba Đình, Hà Nội\"},"
    "\"place_of_death\":\"Bệnh viện Xanh Pôn, Thành phố Hà Nội\","
    "\"death_notice\":{\"type\":\"medical\",\"number\":\"15/GBT\",\"issuer\":\"Bệnh viện Xanh Pôn\"},"
    "\"declarant\":{\"full_name\":\"Phạm Thị Hoa\",\"relationship\":\"vợ\","
    "\"id_document\":{\"type\":\"cmnd\",\"number\":\"012345678\"}}}}");

  g_return_val_if_fail (name != NULL && dob != NULL && died_on != NULL && registered_on != NULL, NULL);
  set_string (tree, "registered_on", registered_on);
  set_string (tree, "data.deceased.full_name", name);
  set_string (tree, "data.deceased.date_of_birth", dob);
  set_string (tree, "data.died_at", died_at);
  set_string (tree, "data.death_notice.issued_on", died_on);
  return canonical (tree);
}
