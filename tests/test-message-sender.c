/* test-message-sender.c: the sender's INITIAL → OPEN → CLOSED contract
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-utils.h"

typedef struct
{
  FuturesThreadRouter    *router;
  FuturesMessageSender   *sender;
  FuturesMessageReceiver *receiver;
  GArray                 *received;
} Fixture;

static void
on_message (FuturesMessageReceiver *receiver,
            const GValue           *message,
            gpointer                user_data)
{
  Fixture *fixture = user_data;
  int v = g_value_get_int (message);

  g_array_append_val (fixture->received, v);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->router = futures_thread_router_new ();
  g_assert_true (futures_message_router_start (FUTURES_MESSAGE_ROUTER (fixture->router), &error));
  g_assert_no_error (error);
  g_assert_true (futures_message_router_pipe (FUTURES_MESSAGE_ROUTER (fixture->router),
                                              &fixture->sender, &fixture->receiver, &error));
  g_assert_no_error (error);
  fixture->received = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (fixture->receiver, "message", G_CALLBACK (on_message), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (futures_message_router_get_running (FUTURES_MESSAGE_ROUTER (fixture->router)))
    {
      futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (fixture->router),
                                         fixture->receiver, &error);
      g_assert_no_error (error);
      futures_message_router_stop (FUTURES_MESSAGE_ROUTER (fixture->router), &error);
      g_assert_no_error (error);
    }
  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->receiver);
  g_clear_object (&fixture->router);
  g_clear_pointer (&fixture->received, g_array_unref);
}

static gboolean
send_int (FuturesMessageSender  *sender,
          int                    v,
          GError               **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, v);
  return futures_message_sender_send (sender, &value, error);
}

static void
test_sender_states (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FuturesMessageSenderState state;

  g_test_summary ("A sender moves INITIAL → OPEN → CLOSED and reports it");

  g_assert_cmpint (futures_message_sender_get_state (fixture->sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_INITIAL);
  g_assert_true (futures_message_sender_start (fixture->sender, &error));
  g_assert_no_error (error);
  g_object_get (fixture->sender, "state", &state, NULL);
  g_assert_cmpint (state, ==, FUTURES_MESSAGE_SENDER_STATE_OPEN);
  g_assert_true (send_int (fixture->sender, 1, &error));
  g_assert_no_error (error);
  g_assert_true (futures_message_sender_stop (fixture->sender, &error));
  g_assert_no_error (error);
  g_assert_cmpint (futures_message_sender_get_state (fixture->sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_CLOSED);

  /* What was sent before stop is still delivered. */
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (fixture->received->len, ==, 1);
}

static void
test_sender_start_twice (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("Starting a sender twice is an INVALID_STATE error that changes nothing");

  g_assert_true (futures_message_sender_start (fixture->sender, NULL));
  g_assert_false (futures_message_sender_start (fixture->sender, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
  g_assert_cmpint (futures_message_sender_get_state (fixture->sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_OPEN);
  g_clear_error (&error);

  /* Still usable. */
  g_assert_true (send_int (fixture->sender, 7, &error));
  g_assert_no_error (error);
  g_assert_true (futures_message_sender_stop (fixture->sender, NULL));

  /* A stopped sender cannot be restarted either. */
  g_assert_false (futures_message_sender_start (fixture->sender, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
  g_assert_cmpint (futures_message_sender_get_state (fixture->sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_CLOSED);

  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (fixture->received->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->received, int, 0), ==, 7);
}

static void
test_sender_send_before_start (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("Sending before start fails, sends nothing, and the sender can still start");

  g_assert_false (send_int (fixture->sender, 1, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_cmpint (futures_message_sender_get_state (fixture->sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_INITIAL);

  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (fixture->received->len, ==, 0);

  g_assert_true (futures_message_sender_start (fixture->sender, NULL));
  g_assert_true (send_int (fixture->sender, 2, &error));
  g_assert_no_error (error);
  g_assert_true (futures_message_sender_stop (fixture->sender, NULL));
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (fixture->received->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->received, int, 0), ==, 2);
}

static void
test_sender_send_after_stop (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("Sending after stop fails and sends nothing");

  g_assert_true (futures_message_sender_start (fixture->sender, NULL));
  g_assert_true (futures_message_sender_stop (fixture->sender, NULL));
  g_assert_false (send_int (fixture->sender, 1, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);

  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (fixture->received->len, ==, 0);
}

static void
test_sender_stop_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("Stopping a sender that is not open is an INVALID_STATE error");

  g_assert_false (futures_message_sender_stop (fixture->sender, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_cmpint (futures_message_sender_get_state (fixture->sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_INITIAL);

  g_assert_true (futures_message_sender_start (fixture->sender, NULL));
  g_assert_true (futures_message_sender_stop (fixture->sender, NULL));
  g_assert_false (futures_message_sender_stop (fixture->sender, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
}

static void
test_sender_connection_id (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FuturesMessageSender) sender2 = NULL;
  g_autoptr(FuturesMessageReceiver) receiver2 = NULL;
  guint64 id;

  g_test_summary ("Sender and receiver of one pipe share a connection id; pipes differ");

  g_object_get (fixture->sender, "connection-id", &id, NULL);
  g_assert_cmpuint (id, ==, futures_message_receiver_get_connection_id (fixture->receiver));
  g_assert_cmpuint (futures_message_sender_get_connection_id (fixture->sender), ==, id);

  g_assert_true (futures_message_router_pipe (FUTURES_MESSAGE_ROUTER (fixture->router),
                                              &sender2, &receiver2, NULL));
  g_assert_cmpuint (futures_message_sender_get_connection_id (sender2), ==,
                    futures_message_receiver_get_connection_id (receiver2));
  g_assert_cmpuint (futures_message_sender_get_connection_id (sender2), !=, id);
  g_assert_true (futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (fixture->router),
                                                    receiver2, NULL));
}

static void
test_sender_unattached (void)
{
  g_autoptr(FuturesMessageSender) sender = g_object_new (FUTURES_TYPE_MESSAGE_SENDER, NULL);
  g_autoptr(GError) error = NULL;

  g_test_summary ("A sender not made by a router refuses to start");

  g_assert_false (futures_message_sender_start (sender, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
  g_assert_cmpint (futures_message_sender_get_state (sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_INITIAL);
}

static void
test_sender_bad_arguments (Fixture       *fixture,
                           gconstpointer  data)
{
  GValue unset = G_VALUE_INIT;

  g_test_summary ("NULL and uninitialized arguments are criticals, not crashes");

  g_assert_true (futures_message_sender_start (fixture->sender, NULL));

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*G_IS_VALUE*");
  g_assert_false (futures_message_sender_send (fixture->sender, &unset, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*G_IS_VALUE*");
  g_assert_false (futures_message_sender_send (fixture->sender, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_MESSAGE_SENDER*");
  g_assert_false (futures_message_sender_start (NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_MESSAGE_SENDER*");
  g_assert_false (futures_message_sender_stop ((FuturesMessageSender *) fixture->receiver, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_MESSAGE_SENDER*");
  g_assert_cmpuint (futures_message_sender_get_connection_id (NULL), ==, 0);
  g_test_assert_expected_messages ();

  /* Nothing above disturbed the open sender. */
  g_assert_true (futures_message_sender_stop (fixture->sender, NULL));
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (fixture->received->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/futures/sender/states", test_sender_states);
  ADD ("/futures/sender/start-twice", test_sender_start_twice);
  ADD ("/futures/sender/send-before-start", test_sender_send_before_start);
  ADD ("/futures/sender/send-after-stop", test_sender_send_after_stop);
  ADD ("/futures/sender/stop-errors", test_sender_stop_errors);
  ADD ("/futures/sender/connection-id", test_sender_connection_id);
  ADD ("/futures/sender/bad-arguments", test_sender_bad_arguments);
  g_test_add_func ("/futures/sender/unattached", test_sender_unattached);

#undef ADD

  return g_test_run ();
}
