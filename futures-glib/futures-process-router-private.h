/* futures-process-router-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-router-core-private.h"
#include "futures-process-router.h"

G_BEGIN_DECLS

FuturesRouterCore *futures_process_router_get_core (FuturesProcessRouter *self);

G_END_DECLS
