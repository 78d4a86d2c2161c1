/* futures-process-router.h
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

#include "futures-message-router.h"
#include "futures-version-macros.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_PROCESS_ROUTER:
 *
 * The #GType of #FuturesProcessRouter.
 */
#define FUTURES_TYPE_PROCESS_ROUTER (futures_process_router_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesProcessRouter, futures_process_router, FUTURES, PROCESS_ROUTER, GObject)

FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesProcessRouter *futures_process_router_new              (void);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesProcessRouter *futures_process_router_new_for_context  (GMainContext        *context);
FUTURES_AVAILABLE_IN_1_0
int                  futures_process_router_get_priority     (FuturesProcessRouter *self);
FUTURES_AVAILABLE_IN_1_0
void                 futures_process_router_set_priority     (FuturesProcessRouter *self,
                                                             int                  priority);

G_END_DECLS
