/* consumer.c: a program outside the tree, built against the installed
 * futures-glib with nothing but `pkg-config --cflags --libs futures-glib-1.0`.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <futures-glib/futures-glib.h>

#if !FUTURES_CHECK_VERSION (0, 1, 0)
# error "FUTURES_CHECK_VERSION does not work"
#endif

static gpointer
worker (gpointer data)
{
  FuturesMessageSender *sender = data;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, "from the installed library");
  futures_message_sender_start (sender, NULL);
  futures_message_sender_send (sender, &value, NULL);
  futures_message_sender_stop (sender, NULL);
  return NULL;
}

static void
on_message (FuturesMessageReceiver *receiver,
            const GValue           *message,
            gpointer                user_data)
{
  g_print ("received: %s\n", g_value_get_string (message));
  g_main_loop_quit (user_data);
}

int
main (void)
{
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  GThread *thread;

  if (!futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), &error) ||
      !futures_message_router_pipe (FUTURES_MESSAGE_ROUTER (router), &sender, &receiver, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* A documented error, with its registered enum type. */
  if (futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), &error) ||
      !g_error_matches (error, FUTURES_ERROR, FUTURES_ERROR_ALREADY_RUNNING) ||
      !G_TYPE_IS_ENUM (FUTURES_TYPE_ERROR))
    {
      g_printerr ("expected FUTURES_ERROR_ALREADY_RUNNING\n");
      return 1;
    }

  g_signal_connect (receiver, "message", G_CALLBACK (on_message), loop);
  thread = g_thread_new ("consumer", worker, sender);
  g_main_loop_run (loop);
  g_thread_join (thread);

  futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (router), receiver, NULL);
  futures_message_router_stop (FUTURES_MESSAGE_ROUTER (router), NULL);
  g_print ("futures-glib %s OK\n", FUTURES_VERSION_S);
  return 0;
}
