/* futures-thread-pool.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include "futures-worker-pool.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_THREAD_POOL:
 *
 * The #GType of #FuturesThreadPool.
 */
#define FUTURES_TYPE_THREAD_POOL (futures_thread_pool_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesThreadPool, futures_thread_pool, FUTURES, THREAD_POOL, GObject)

FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesThreadPool *futures_thread_pool_new (int max_workers);

G_END_DECLS
