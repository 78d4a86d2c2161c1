/* futures-call-future.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include "futures-future.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_CALL_FUTURE:
 *
 * The #GType of #FuturesCallFuture.
 */
#define FUTURES_TYPE_CALL_FUTURE (futures_call_future_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesCallFuture, futures_call_future, FUTURES, CALL_FUTURE, FuturesFuture)

G_END_DECLS
