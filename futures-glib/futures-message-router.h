/* futures-message-router.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "futures-message-receiver.h"
#include "futures-message-sender.h"
#include "futures-version-macros.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_MESSAGE_ROUTER:
 *
 * The #GType of the #FuturesMessageRouter interface.
 */
#define FUTURES_TYPE_MESSAGE_ROUTER (futures_message_router_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (FuturesMessageRouter, futures_message_router, FUTURES, MESSAGE_ROUTER, GObject)

/**
 * FuturesConditionFunc:
 * @user_data: the data passed along with the function
 *
 * A condition polled by futures_message_router_route_until() after each
 * message it routes.
 *
 * Returns: %TRUE once the wait is over
 */
typedef gboolean (*FuturesConditionFunc) (gpointer user_data);

/**
 * FuturesMessageRouterInterface:
 * @g_iface: the parent interface
 * @start: starts routing; see futures_message_router_start()
 * @stop: stops routing; see futures_message_router_stop()
 * @pipe: makes a sender/receiver pair; see futures_message_router_pipe()
 * @close_pipe: closes a pipe; see futures_message_router_close_pipe()
 * @route_until: routes by hand; see futures_message_router_route_until()
 * @get_context: returns the #GMainContext the router emits in
 * @get_running: whether the router is running
 *
 * The virtual methods of a message router. The library's own
 * #FuturesThreadRouter implements all of them.
 */
struct _FuturesMessageRouterInterface
{
  GTypeInterface g_iface;

  gboolean       (*start)        (FuturesMessageRouter    *self,
                                  GError                 **error);
  gboolean       (*stop)         (FuturesMessageRouter    *self,
                                  GError                 **error);
  gboolean       (*pipe)         (FuturesMessageRouter    *self,
                                  FuturesMessageSender   **sender,
                                  FuturesMessageReceiver **receiver,
                                  GError                 **error);
  gboolean       (*close_pipe)   (FuturesMessageRouter    *self,
                                  FuturesMessageReceiver  *receiver,
                                  GError                 **error);
  gboolean       (*route_until)  (FuturesMessageRouter    *self,
                                  int                      timeout_msec,
                                  FuturesConditionFunc     condition,
                                  gpointer                 user_data,
                                  GError                 **error);
  GMainContext * (*get_context)  (FuturesMessageRouter    *self);
  gboolean       (*get_running)  (FuturesMessageRouter    *self);

  /*< private >*/
  gpointer padding[8];
};

FUTURES_AVAILABLE_IN_1_0
gboolean      futures_message_router_start       (FuturesMessageRouter    *self,
                                                  GError                 **error);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_message_router_stop        (FuturesMessageRouter    *self,
                                                  GError                 **error);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_message_router_pipe        (FuturesMessageRouter    *self,
                                                  FuturesMessageSender   **sender,
                                                  FuturesMessageReceiver **receiver,
                                                  GError                 **error);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_message_router_close_pipe  (FuturesMessageRouter    *self,
                                                  FuturesMessageReceiver  *receiver,
                                                  GError                 **error);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_message_router_route_until (FuturesMessageRouter    *self,
                                                  int                      timeout_msec,
                                                  FuturesConditionFunc     condition,
                                                  gpointer                 user_data,
                                                  GError                 **error);
FUTURES_AVAILABLE_IN_1_0
GMainContext *futures_message_router_get_context (FuturesMessageRouter    *self);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_message_router_get_running (FuturesMessageRouter    *self);

G_END_DECLS
