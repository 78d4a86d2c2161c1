/* futures-thread-router-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-router-core-private.h"
#include "futures-thread-router.h"

G_BEGIN_DECLS

FuturesRouterCore *futures_thread_router_get_core (FuturesThreadRouter *self);

G_END_DECLS
