/* futures-message-router.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-message-router.h"

/**
 * SECTION:futures-message-router
 * @Title: FuturesMessageRouter
 * @Short_description: Routes messages from background work to a main context
 * @See_also: #FuturesThreadRouter, #FuturesMessageSender,
 *   #FuturesMessageReceiver
 *
 * A message router carries messages from background work to objects in a
 * #GMainContext. It makes pipes: a #FuturesMessageSender that the
 * background work uses to send, paired with a #FuturesMessageReceiver that
 * stays in the foreground and emits #FuturesMessageReceiver::message for
 * each message, in the router's main context, in the order they were
 * sent.
 *
 * The life of a router:
 *
 * - futures_message_router_start() links it to its main context. Pipes can
 *   only be made and closed while it runs.
 * - futures_message_router_pipe() makes a sender/receiver pair.
 * - futures_message_router_close_pipe() removes a receiver from the
 *   routing table; a message that arrives for it afterwards is dropped
 *   with a warning.
 * - futures_message_router_stop() unlinks it; a warning is logged for every
 *   run that ends with pipes still open.
 * - futures_message_router_route_until() routes messages by hand, blocking,
 *   until a condition holds (used for a clean shutdown). From then on the
 *   router no longer routes from its main context on its own, until it is
 *   stopped.
 *
 * A stopped router can be started again; senders of an earlier run are
 * never connected to a later one.
 *
 * All methods but those of the sender must be called in the router's main
 * context (futures_message_router_get_context()), normally the main thread.
 * Misuse that the contract names (starting twice, making a pipe while
 * stopped, …) is reported as a %FUTURES_ERROR #GError and leaves the
 * router as it was.
 */

/**
 * FuturesMessageRouter:
 *
 * An object that implements the message router interface, such as a
 * #FuturesThreadRouter. An opaque type: use the functions below.
 */

G_DEFINE_INTERFACE (FuturesMessageRouter, futures_message_router, G_TYPE_OBJECT)

static void
futures_message_router_default_init (FuturesMessageRouterInterface *iface)
{
  /**
   * FuturesMessageRouter:running:
   *
   * Whether the router is running: between a successful
   * futures_message_router_start() and the next
   * futures_message_router_stop().
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_boolean ("running", NULL, NULL,
                                                             FALSE,
                                                             (G_PARAM_READABLE |
                                                              G_PARAM_EXPLICIT_NOTIFY |
                                                              G_PARAM_STATIC_STRINGS)));
}

/**
 * futures_message_router_start:
 * @self: a #FuturesMessageRouter
 * @error: return location for a #GError, or %NULL
 *
 * Starts routing messages into the router's main context. Must be called
 * before futures_message_router_pipe() or
 * futures_message_router_close_pipe().
 *
 * Fails with %FUTURES_ERROR_ALREADY_RUNNING if the router is running.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_message_router_start (FuturesMessageRouter  *self,
                              GError               **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_ROUTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return FUTURES_MESSAGE_ROUTER_GET_IFACE (self)->start (self, error);
}

/**
 * futures_message_router_stop:
 * @self: a #FuturesMessageRouter
 * @error: return location for a #GError, or %NULL
 *
 * Stops routing messages. Call it when every pipe is finished with: pipes
 * still open are closed, with a warning. Messages not yet delivered are
 * dropped.
 *
 * Fails with %FUTURES_ERROR_NOT_RUNNING if the router is not running.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_message_router_stop (FuturesMessageRouter  *self,
                             GError               **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_ROUTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return FUTURES_MESSAGE_ROUTER_GET_IFACE (self)->stop (self, error);
}

/**
 * futures_message_router_pipe:
 * @self: a #FuturesMessageRouter
 * @sender: (out) (transfer full) (optional): the sending end, for the
 *   background work
 * @receiver: (out) (transfer full) (optional): the receiving end, which
 *   stays in the main context
 * @error: return location for a #GError, or %NULL
 *
 * Makes a new pipe: a sender and a receiver with the same connection id.
 *
 * Fails with %FUTURES_ERROR_NOT_RUNNING if the router is not running.
 *
 * From Python the call returns the pair: `sender, receiver = router.pipe()`.
 * GJS 1.74 also returns the boolean: `const [, sender, receiver] = router.pipe();`.
 *
 * Returns: (skip): %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_message_router_pipe (FuturesMessageRouter    *self,
                             FuturesMessageSender   **sender,
                             FuturesMessageReceiver **receiver,
                             GError                 **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_ROUTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return FUTURES_MESSAGE_ROUTER_GET_IFACE (self)->pipe (self, sender, receiver, error);
}

/**
 * futures_message_router_close_pipe:
 * @self: a #FuturesMessageRouter
 * @receiver: the receiving end of a pipe made by this router
 * @error: return location for a #GError, or %NULL
 *
 * Closes a pipe: @receiver leaves the routing table and emits no further
 * message. A message that its sender sends afterwards is dropped with a
 * warning when it arrives.
 *
 * Fails with %FUTURES_ERROR_NOT_RUNNING if the router is not running, and
 * with %FUTURES_ERROR_UNKNOWN_PIPE if @receiver is not an open pipe of
 * this router.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_message_router_close_pipe (FuturesMessageRouter    *self,
                                   FuturesMessageReceiver  *receiver,
                                   GError                 **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_ROUTER (self), FALSE);
  g_return_val_if_fail (FUTURES_IS_MESSAGE_RECEIVER (receiver), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return FUTURES_MESSAGE_ROUTER_GET_IFACE (self)->close_pipe (self, receiver, error);
}

/**
 * futures_message_router_route_until:
 * @self: a #FuturesMessageRouter
 * @timeout_msec: the longest time to route for, in milliseconds, or -1 to
 *   wait as long as it takes; with 0 the condition is checked once and
 *   no message is routed
 * @condition: (scope call) (closure user_data): the condition to wait for
 * @user_data: data for @condition
 * @error: return location for a #GError, or %NULL
 *
 * Routes messages by hand, blocking the calling thread, until @condition
 * returns %TRUE. @condition is checked first, then after each message;
 * if it holds on entry no message is routed. Messages are delivered in
 * the calling thread, which must be the one running the router's main
 * context (the context is acquired for the duration).
 *
 * This is mostly for a clean shutdown, when the main loop is no longer
 * running. It switches the router to manual mode for good: from now on
 * and until the router is stopped, messages are only delivered by
 * route_until, never by the main context on its own.
 *
 * Fails with %FUTURES_ERROR_NOT_RUNNING if the router is not running (or is
 * stopped by a message handler meanwhile) and with
 * %FUTURES_ERROR_TIMED_OUT if @condition is still false after
 * @timeout_msec. The deadline is kept even while messages keep arriving.
 *
 * Returns: %TRUE once @condition holds, %FALSE with @error set otherwise
 */
gboolean
futures_message_router_route_until (FuturesMessageRouter  *self,
                                    int                    timeout_msec,
                                    FuturesConditionFunc   condition,
                                    gpointer               user_data,
                                    GError               **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_ROUTER (self), FALSE);
  g_return_val_if_fail (condition != NULL, FALSE);
  g_return_val_if_fail (timeout_msec >= -1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return FUTURES_MESSAGE_ROUTER_GET_IFACE (self)->route_until (self, timeout_msec,
                                                               condition, user_data,
                                                               error);
}

/**
 * futures_message_router_get_context:
 * @self: a #FuturesMessageRouter
 *
 * Gets the main context in which the router delivers messages.
 *
 * Returns: (transfer none): the router's #GMainContext
 */
GMainContext *
futures_message_router_get_context (FuturesMessageRouter *self)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_ROUTER (self), NULL);

  return FUTURES_MESSAGE_ROUTER_GET_IFACE (self)->get_context (self);
}

/**
 * futures_message_router_get_running:
 * @self: a #FuturesMessageRouter
 *
 * Gets the #FuturesMessageRouter:running property.
 *
 * Returns: %TRUE if the router is running
 */
gboolean
futures_message_router_get_running (FuturesMessageRouter *self)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_ROUTER (self), FALSE);

  return FUTURES_MESSAGE_ROUTER_GET_IFACE (self)->get_running (self);
}
