/* futures-message-receiver-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-message-receiver.h"
#include "futures-router-core-private.h"

G_BEGIN_DECLS

FuturesMessageReceiver *futures_message_receiver_new          (void);
FuturesEndpoint        *futures_message_receiver_get_endpoint (FuturesMessageReceiver *self);

G_END_DECLS
