/* futures-thread-context.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include "futures-parallel-context.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_THREAD_CONTEXT:
 *
 * The #GType of #FuturesThreadContext.
 */
#define FUTURES_TYPE_THREAD_CONTEXT (futures_thread_context_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesThreadContext, futures_thread_context, FUTURES, THREAD_CONTEXT, GObject)

FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesThreadContext *futures_thread_context_new (void);

G_END_DECLS
