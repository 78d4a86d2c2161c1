/* futures-message-receiver.h
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
 * FUTURES_TYPE_MESSAGE_RECEIVER:
 *
 * The #GType of #FuturesMessageReceiver.
 */
#define FUTURES_TYPE_MESSAGE_RECEIVER (futures_message_receiver_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesMessageReceiver, futures_message_receiver, FUTURES, MESSAGE_RECEIVER, GObject)

FUTURES_AVAILABLE_IN_1_0
guint64 futures_message_receiver_get_connection_id (FuturesMessageReceiver *self);

G_END_DECLS
