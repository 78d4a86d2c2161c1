/* futures-iteration-future.h
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
#include "futures-item.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_ITERATION_FUTURE:
 *
 * The #GType of #FuturesIterationFuture.
 */
#define FUTURES_TYPE_ITERATION_FUTURE (futures_iteration_future_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesIterationFuture, futures_iteration_future, FUTURES, ITERATION_FUTURE, FuturesFuture)

FUTURES_AVAILABLE_IN_1_0
guint64     futures_iteration_future_get_n_items (FuturesIterationFuture *self);
FUTURES_AVAILABLE_IN_1_0
GListModel *futures_iteration_future_get_items   (FuturesIterationFuture *self);

G_END_DECLS
