/* futures-message-sender.h
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

#include "futures-version-macros.h"

G_BEGIN_DECLS

/**
 * FuturesMessageSenderState:
 * @FUTURES_MESSAGE_SENDER_STATE_INITIAL: The sender was made by a router
 *   and has not been started yet; nothing can be sent.
 * @FUTURES_MESSAGE_SENDER_STATE_OPEN: The sender was started and can send.
 * @FUTURES_MESSAGE_SENDER_STATE_CLOSED: The sender was stopped; nothing
 *   can be sent any more and it cannot be started again.
 *
 * The life cycle of a #FuturesMessageSender. It only ever moves forward:
 * INITIAL → OPEN → CLOSED.
 */
typedef enum
{
  FUTURES_MESSAGE_SENDER_STATE_INITIAL,
  FUTURES_MESSAGE_SENDER_STATE_OPEN,
  FUTURES_MESSAGE_SENDER_STATE_CLOSED,
} FuturesMessageSenderState;

/**
 * FUTURES_TYPE_MESSAGE_SENDER_STATE:
 *
 * The #GType of the #FuturesMessageSenderState enumeration (registered in
 * the generated futures-enums.h, which futures-glib.h includes).
 */

/**
 * FUTURES_TYPE_MESSAGE_SENDER:
 *
 * The #GType of #FuturesMessageSender.
 */
#define FUTURES_TYPE_MESSAGE_SENDER (futures_message_sender_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesMessageSender, futures_message_sender, FUTURES, MESSAGE_SENDER, GObject)

FUTURES_AVAILABLE_IN_1_0
guint64                   futures_message_sender_get_connection_id (FuturesMessageSender  *self);
FUTURES_AVAILABLE_IN_1_0
FuturesMessageSenderState futures_message_sender_get_state         (FuturesMessageSender  *self);
FUTURES_AVAILABLE_IN_1_0
gboolean                  futures_message_sender_start             (FuturesMessageSender  *self,
                                                                    GError               **error);
FUTURES_AVAILABLE_IN_1_0
gboolean                  futures_message_sender_send              (FuturesMessageSender  *self,
                                                                    const GValue          *message,
                                                                    GError               **error);
FUTURES_AVAILABLE_IN_1_0
gboolean                  futures_message_sender_stop              (FuturesMessageSender  *self,
                                                                    GError               **error);

G_END_DECLS
