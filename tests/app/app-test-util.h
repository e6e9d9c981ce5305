/* app-test-util.h — driving the real window in tests and the benchmark.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The programs run under Xvfb (xvfb-run) with GSK_RENDERER=cairo and a
 * private session bus (dbus-run-session), in one process: GTK is started
 * once in main(), and each test opens a window of the one application on
 * its own temporary register.
 */
#pragma once

#include <check.h>

#include "ht-application.h"
#include "ht-form.h"
#include "ht-window.h"

G_BEGIN_DECLS

/* Starts GTK and the application, or exits 77 (skip) saying why. */
HtApplication *app_test_init          (void);
HtApplication *app_test_app           (void);

/* Iterates the main loop until "cond" holds or "ms" passed. */
gboolean       app_test_wait          (gboolean (*cond) (gpointer), gpointer data, guint ms);
/* Iterates the main loop for "ms" milliseconds. */
void           app_test_spin          (guint ms);

/* Outside check (the benchmark), a failure ends the program instead. */
extern gboolean app_test_outside_check;
G_NORETURN void app_test_fail     (const char *what);

#define APP_TEST_TIMEOUT_MS 60000
/* Waits for an expression, failing the test with "what" after a minute. */
#define WAIT_FOR(expr, what) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + (gint64) APP_TEST_TIMEOUT_MS * 1000; \
    while (!(expr)) \
      { \
        if (g_get_monotonic_time () >= _end) \
          app_test_fail (what); \
        if (!g_main_context_iteration (NULL, FALSE)) \
          g_usleep (2000); \
      } \
  } G_STMT_END

/* A new register of office 00004 at "dir"/registry.db with one account;
 * returns its path. */
char          *app_test_make_register (const char *dir,
                                       const char *user,
                                       const char *role,
                                       const char *password);
/* A window of the application on "path", shown. */
HtWindow      *app_test_window        (const char *path);
/* Signs in and waits for the main view. */
void           app_test_sign_in       (HtWindow   *window,
                                       const char *user,
                                       const char *password);
/* Closes the window without questions and lets it go. */
void           app_test_close         (HtWindow   *window);

/* Fills the open birth form with a valid birth of "child" (a girl born on
 * "dob", dd/mm/yyyy) of the mother "mother", father unknown, as a clerk
 * types it; each field is left as it is filled. */
void           app_test_fill_birth    (HtForm     *form,
                                       const char *child,
                                       const char *dob,
                                       const char *mother);
/* The form's messages, for a failing test's output. */
char          *app_test_form_messages (HtForm     *form);
/* Answers the dialog the form view waits on with "response"; waits for
 * one to appear first. */
void           app_test_answer        (HtWindow   *window,
                                       const char *response);

G_END_DECLS
