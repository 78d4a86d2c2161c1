/* futures-message-receiver-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-message-receiver.h"

G_BEGIN_DECLS

FuturesMessageReceiver *futures_message_receiver_new          (guint64                 connection_id);
const guint64          *futures_message_receiver_get_id_key   (FuturesMessageReceiver *self);
void                    futures_message_receiver_emit_message (FuturesMessageReceiver *self,
                                                               const GValue           *message);

G_END_DECLS
