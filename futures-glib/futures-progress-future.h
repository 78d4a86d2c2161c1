/* futures-progress-future.h
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
 * FUTURES_TYPE_PROGRESS_FUTURE:
 *
 * The #GType of #FuturesProgressFuture.
 */
#define FUTURES_TYPE_PROGRESS_FUTURE (futures_progress_future_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesProgressFuture, futures_progress_future, FUTURES, PROGRESS_FUTURE, FuturesFuture)

FUTURES_AVAILABLE_IN_1_0
double      futures_progress_future_get_fraction (FuturesProgressFuture *self);
FUTURES_AVAILABLE_IN_1_0
const char *futures_progress_future_get_text     (FuturesProgressFuture *self);

G_END_DECLS
