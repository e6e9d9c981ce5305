/* ht-application.c — the hotich application: options, actions, settings.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application is NON_UNIQUE: a clerk's PC runs one register, and tests
 * and benchmarks start several instances without a session bus.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-app-resources.h"
#include "ht-application.h"
#include "ht-screenshots.h"
#include "ht-store.h"
#include "ht-window.h"

struct _HtApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (HtApplication, ht_application, ADW_TYPE_APPLICATION)

const char *
ht_application_locale_dir (void)
{
  static const char *dir;

  if (dir == NULL)
    {
      const char *env = g_getenv ("HOTICH_LOCALEDIR");
      g_autofree char *installed = g_build_filename (LOCALEDIR, "vi", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *built = g_build_filename (HT_BUILD_LOCALEDIR, "vi", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

      if (env != NULL && *env != '\0')
        dir = g_intern_string (env);
      else if (!g_file_test (installed, G_FILE_TEST_EXISTS) && g_file_test (built, G_FILE_TEST_EXISTS))
        dir = HT_BUILD_LOCALEDIR;
      else
        dir = LOCALEDIR;
    }
  return dir;
}

void
ht_app_resources_ensure (void)
{
  /* The generated constructor registers the resource once its object is
   * linked; referring to it here is what links it. */
  g_assert (ht_app_get_resource () != NULL);
}

/* The installed schema, else the one compiled in the build tree. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaSource) built = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, HT_APP_ID, TRUE);
  if (schema == NULL && g_file_test (HT_BUILD_SCHEMADIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    {
      built = g_settings_schema_source_new_from_directory (HT_BUILD_SCHEMADIR, source, FALSE, NULL);
      if (built != NULL)
        schema = g_settings_schema_source_lookup (built, HT_APP_ID, FALSE);
    }
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; window size and server are not kept", HT_APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  HtApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it save its size, cancel its work and ask
   * about an unsaved form; the application ends with its last window. */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  HtApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The hotich developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Civil-status register"));
  adw_about_window_set_application_icon (about, HT_APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The hotich developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("The civil-status register (sổ hộ tịch) of a commune, "
                                          "kept on the clerk's PC and synchronised with the central "
                                          "database whenever a connection is there."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* TRANSLATORS: put your names here, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

static void
ht_application_startup (GApplication *application)
{
  HtApplication *self = HT_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.save-draft", { "<Control>s", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.save-pdf", { "<Control><Shift>s", NULL } },
    { "win.register", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.sync-now", { "F5", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
  };

  G_APPLICATION_CLASS (ht_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  self->settings = load_settings ();
  gtk_window_set_default_icon_name (HT_APP_ID);
}

static void
ht_application_activate (GApplication *application)
{
  HtApplication *self = HT_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (ht_window_new (self, ht_application_get_db_path (self)));
      /* A test-only mode: save pictures of the main views and quit. */
      if (g_getenv ("HOTICH_SCREENSHOTS") != NULL)
        ht_screenshots_start (HT_WINDOW (window), g_getenv ("HOTICH_SCREENSHOTS"));
    }
  gtk_window_present (window);
}

static int
ht_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  HtApplication *self = HT_APPLICATION (application);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("hotich %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autofree char *absolute = g_canonicalize_filename (db, NULL);
      ht_application_set_db_path (self, absolute);
    }
  return -1;
}

static void
ht_application_finalize (GObject *object)
{
  HtApplication *self = HT_APPLICATION (object);

  g_free (self->db_path);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ht_application_parent_class)->finalize (object);
}

static void
ht_application_class_init (HtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ht_application_finalize;
  app_class->startup = ht_application_startup;
  app_class->activate = ht_application_activate;
  app_class->handle_local_options = ht_application_handle_local_options;
}

static void
ht_application_init (HtApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The register file (default: $XDG_DATA_HOME/hotich/registry.db)"),
      N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the program's version"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The civil-status register of a commune."));
}

HtApplication *
ht_application_new (void)
{
  return g_object_new (HT_TYPE_APPLICATION,
                       "application-id", HT_APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/vn/gov/hotich/Hotich",
                       NULL);
}

const char *
ht_application_get_db_path (HtApplication *self)
{
  g_return_val_if_fail (HT_IS_APPLICATION (self), NULL);

  if (self->db_path == NULL)
    self->db_path = ht_store_default_path ();
  return self->db_path;
}

void
ht_application_set_db_path (HtApplication *self,
                            const char    *path)
{
  g_return_if_fail (HT_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

GSettings *
ht_application_get_settings (HtApplication *self)
{
  g_return_val_if_fail (HT_IS_APPLICATION (self), NULL);
  return self->settings;
}
