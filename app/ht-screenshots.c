/* ht-screenshots.c — a test-only mode that saves pictures of the main views.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only tools/screenshots.sh turns this on (HOTICH_SCREENSHOTS=DIR).  It
 * uses the same window actions a clerk's keys do, waits for each view to
 * have its data (polling, as the work happens in worker threads), and
 * renders the window with its own renderer into a PNG.
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>

#include "ht-books-view.h"
#include "ht-form-view.h"
#include "ht-record-list.h"
#include "ht-record-view.h"
#include "ht-screenshots.h"
#include "ht-signin-view.h"

#define POLL_MS 200
/* A view that does not get its data in this time is shot as it is. */
#define STEP_TIMEOUT_MS 30000

typedef struct
{
  HtWindow *window;
  char     *dir;
  guint     step;
  guint     waited;
  guint     settled;  /* polls since the step's view had its data */
} Shots;

/* A view is shot this long after it has its data: stack transitions and
 * the next frame must be over. */
#define SETTLE_POLLS 4

gboolean
ht_screenshots_save (GtkWidget  *widget,
                     const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_warning ("%s: the window is not shown", path);
      return FALSE;
    }
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_warning ("%s: nothing was drawn", path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_warning ("%s: cannot write the picture", path);
      return FALSE;
    }
  g_print ("%s\n", path);
  return TRUE;
}

static void
shoot_now (Shots      *shots,
           const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (shots->dir, file, NULL);

  ht_screenshots_save (GTK_WIDGET (shots->window), path);
}

static gboolean
list_ready (HtWindow *window)
{
  GListModel *model = ht_books_view_get_model (HT_BOOKS_VIEW (ht_window_get_view (window, "books")));
  g_autoptr(HtRecordItem) first = NULL;

  if (model == NULL || ht_record_list_get_loading (HT_RECORD_LIST (model)))
    return FALSE;
  if (g_list_model_get_n_items (model) == 0)
    return TRUE;
  first = g_list_model_get_item (model, 0);
  return ht_record_item_get_loaded (first);
}

/* Shoots once the view has stood still for a while; FALSE until then. */
static gboolean
shoot (Shots      *shots,
       const char *name)
{
  if (++shots->settled < SETTLE_POLLS)
    return FALSE;
  shoot_now (shots, name);
  return TRUE;
}

/* One step of the tour; TRUE when it is done and the next may start. */
static gboolean
run_step (Shots *shots)
{
  HtWindow *w = shots->window;
  GtkWidget *widget = GTK_WIDGET (w);

  switch (shots->step)
    {
    case 0:
      if (g_strcmp0 (ht_window_get_mode (w), "signin") != 0)
        return FALSE;
      if (!shoot (shots, "signin"))
        return FALSE;
      ht_signin_view_submit (HT_SIGNIN_VIEW (ht_window_get_view (w, "signin")),
                             g_getenv ("HOTICH_SCREENSHOT_USER") ? g_getenv ("HOTICH_SCREENSHOT_USER") : "admin",
                             g_getenv ("HOTICH_SCREENSHOT_PASSWORD") ? g_getenv ("HOTICH_SCREENSHOT_PASSWORD")
                                                                     : "demo");
      return TRUE;
    case 1:
      if (g_strcmp0 (ht_window_get_mode (w), "main") != 0 || !list_ready (w))
        return FALSE;
      if (!shoot (shots, "books"))
        return FALSE;
      ht_books_view_set_search (HT_BOOKS_VIEW (ht_window_get_view (w, "books")), "nguyen");
      return TRUE;
    case 2:
      {
        GListModel *model = ht_books_view_get_model (HT_BOOKS_VIEW (ht_window_get_view (w, "books")));
        g_autoptr(HtRecordItem) first = NULL;

        if (!list_ready (w) || ht_record_list_get_search (HT_RECORD_LIST (model)) == NULL)
          return FALSE;
        if (!shoot (shots, "search"))
          return FALSE;
        if (g_list_model_get_n_items (model) > 0)
          {
            first = g_list_model_get_item (model, 0);
            gtk_widget_activate_action (widget, "win.open-record", "s", ht_record_item_get_id (first));
          }
        return TRUE;
      }
    case 3:
      if (ht_record_view_get_record (HT_RECORD_VIEW (ht_window_get_view (w, "record"))) == NULL &&
          shots->waited < 10000)
        return FALSE;
      if (!shoot (shots, "record"))
        return FALSE;
      gtk_widget_activate_action (widget, "win.new-registration", "s", "birth");
      return TRUE;
    case 4:
      {
        HtForm *form = ht_form_view_get_form (HT_FORM_VIEW (ht_window_get_view (w, "form")));

        if (form == NULL)
          return FALSE;
        ht_form_set_text (form, "data.child.full_name", "Nguyễn Minh Khoa");
        ht_form_set_text (form, "data.child.sex", "male");
        ht_form_set_text (form, "data.child.date_of_birth", "31/02/2026");
        ht_form_leave (form, "data.child.full_name");
        ht_form_leave (form, "data.child.date_of_birth");
        return TRUE;
      }
    case 5:
      {
        HtForm *form = ht_form_view_get_form (HT_FORM_VIEW (ht_window_get_view (w, "form")));

        if (ht_form_get_validating (form))
          return FALSE;
        /* The wrong date and its message in view. */
        if (shots->settled == 0)
          ht_form_scroll_to (form, "data.child.full_name");
        if (!shoot (shots, "form"))
          return FALSE;
        gtk_widget_activate_action (widget, "win.show-page", "s", "attention");
        return TRUE;
      }
    case 6:
      if (shots->waited < 2000)
        return FALSE;
      if (!shoot (shots, "attention"))
        return FALSE;
      gtk_widget_activate_action (widget, "win.show-page", "s", "stats");
      return TRUE;
    case 7:
      if (shots->waited < 2000)
        return FALSE;
      if (!shoot (shots, "statistics"))
        return FALSE;
      gtk_widget_activate_action (widget, "win.show-page", "s", "sync");
      return TRUE;
    case 8:
      if (shots->waited < 1000)
        return FALSE;
      if (!shoot (shots, "sync"))
        return FALSE;
      return TRUE;
    default:
      return TRUE;
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  Shots *shots = user_data;

  shots->waited += POLL_MS;
  if (run_step (shots) || shots->waited > STEP_TIMEOUT_MS)
    {
      if (shots->waited > STEP_TIMEOUT_MS)
        g_warning ("Screenshot step %u timed out", shots->step);
      shots->step++;
      shots->waited = 0;
      shots->settled = 0;
    }
  if (shots->step > 8)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (shots->window));

      /* Nothing was typed that needs keeping. */
      gtk_window_destroy (GTK_WINDOW (shots->window));
      if (app != NULL)
        g_application_quit (G_APPLICATION (app));
      g_free (shots->dir);
      g_free (shots);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
ht_screenshots_start (HtWindow   *window,
                      const char *dir)
{
  Shots *shots = g_new0 (Shots, 1);

  g_return_if_fail (HT_IS_WINDOW (window));

  g_mkdir_with_parents (dir, 0755);
  shots->window = window;
  shots->dir = g_strdup (dir);
  g_timeout_add (POLL_MS, tick_cb, shots);
}
