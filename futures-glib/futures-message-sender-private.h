/* futures-message-sender-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-channel-private.h"
#include "futures-message-sender.h"

G_BEGIN_DECLS

FuturesMessageSender *futures_message_sender_new (guint64         connection_id,
                                                  FuturesChannel *channel);

G_END_DECLS
