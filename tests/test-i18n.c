/* test-i18n.c: error messages arrive in the user's language
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <libintl.h>
#include <locale.h>

#include "test-utils.h"

static void
test_i18n_french (void)
{
  const char *localedir = g_getenv ("FUTURES_TEST_LOCALEDIR");
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  g_autoptr(GError) error = NULL;

  g_test_summary ("With LANGUAGE=fr a FUTURES_ERROR message arrives in French");

  if (localedir == NULL)
    {
      g_test_skip ("FUTURES_TEST_LOCALEDIR is not set (run through meson test)");
      return;
    }

  /* The first message binds the library's domain to its installed
   * catalogs; point it at the freshly built ones instead. */
  g_assert_true (futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), NULL));
  futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), &error);
  g_clear_error (&error);
  bindtextdomain ("futures-glib-1.0", localedir);

  g_assert_false (futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_ALREADY_RUNNING);
  g_assert_cmpstr (error->message, ==, "Le routeur de messages est déjà en cours d’exécution");
  futures_message_router_stop (FUTURES_MESSAGE_ROUTER (router), NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* C.UTF-8 exists everywhere; gettext honours LANGUAGE with it. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/futures/i18n/french", test_i18n_french);
  return g_test_run ();
}
