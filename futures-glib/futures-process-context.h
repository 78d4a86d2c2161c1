/* futures-process-context.h
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
 * FUTURES_TYPE_PROCESS_CONTEXT:
 *
 * The #GType of #FuturesProcessContext.
 */
#define FUTURES_TYPE_PROCESS_CONTEXT (futures_process_context_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesProcessContext, futures_process_context, FUTURES, PROCESS_CONTEXT, GObject)

FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesProcessContext *futures_process_context_new (const char * const *argv);

G_END_DECLS
