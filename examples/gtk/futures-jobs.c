/* futures-jobs.c: a GTK 4 application running background jobs with
 * futures-glib: a call, an iteration streaming into a list, a progress
 * bar, a flood of a million items, and a panel of the live jobs.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Run it from the build directory: examples/gtk/futures-jobs
 * With --self-test it drives its own window and prints TAP (the test
 * suite runs it that way under Xvfb).
 */

#include "jobs-window.h"
#include "self-test.h"

static gboolean self_test;
static char *screenshot;

static void
on_startup (GtkApplication *application)
{
  const char *close_accels[] = { "<Control>q", "<Control>w", NULL };

  gtk_application_set_accels_for_action (application, "window.close", close_accels);
}

static void
on_activate (GtkApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (application);

  if (window == NULL)
    {
      window = GTK_WINDOW (fj_window_new (application));
      if (self_test)
        fj_self_test_start (FJ_WINDOW (window), screenshot);
    }
  gtk_window_present (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) application = NULL;
  const GOptionEntry entries[] = {
    { "self-test", 0, 0, G_OPTION_ARG_NONE, &self_test,
      "Drive the window, check what it shows, print the checks as TAP", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot,
      "With --self-test: save screenshots as FILE (and FILE-running.png)", "FILE" },
    { NULL }
  };
  int status;

  /* Several may run at once (the test suite's among them). */
  application = gtk_application_new ("org.futures_glib.Jobs", G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (application), entries);
  g_signal_connect (application, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);

  status = g_application_run (G_APPLICATION (application), argc, argv);
  if (status == 0 && self_test && !fj_self_test_passed ())
    status = 1;
  g_free (screenshot);
  return status;
}
