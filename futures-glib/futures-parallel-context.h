/* futures-parallel-context.h
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
#include "futures-worker-pool.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_PARALLEL_CONTEXT:
 *
 * The #GType of the #FuturesParallelContext interface.
 */
#define FUTURES_TYPE_PARALLEL_CONTEXT (futures_parallel_context_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (FuturesParallelContext, futures_parallel_context, FUTURES, PARALLEL_CONTEXT, GObject)

/**
 * FuturesParallelContextInterface:
 * @g_iface: the parent interface
 * @create_worker_pool: makes a worker pool; see
 *   futures_parallel_context_create_worker_pool()
 * @create_router: makes a message router; see
 *   futures_parallel_context_create_router()
 * @close: releases what the context holds; see
 *   futures_parallel_context_close()
 * @get_closed: whether the context was closed
 *
 * The virtual methods of a parallel context: the factory of the pieces
 * an executor needs that must match each other (threads with a thread
 * router, processes with a process router).
 */
struct _FuturesParallelContextInterface
{
  GTypeInterface g_iface;

  FuturesWorkerPool    *(*create_worker_pool) (FuturesParallelContext  *self,
                                               int                      max_workers,
                                               GError                 **error);
  FuturesMessageRouter *(*create_router)      (FuturesParallelContext  *self,
                                               GMainContext            *context,
                                               GError                 **error);
  void                  (*close)              (FuturesParallelContext  *self);
  gboolean              (*get_closed)         (FuturesParallelContext  *self);

  /*< private >*/
  gpointer padding[8];
};

FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesWorkerPool    *futures_parallel_context_create_worker_pool (FuturesParallelContext  *self,
                                                                   int                      max_workers,
                                                                   GError                 **error);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesMessageRouter *futures_parallel_context_create_router      (FuturesParallelContext  *self,
                                                                   GMainContext            *context,
                                                                   GError                 **error);
FUTURES_AVAILABLE_IN_1_0
void                  futures_parallel_context_close              (FuturesParallelContext  *self);
FUTURES_AVAILABLE_IN_1_0
gboolean              futures_parallel_context_get_closed         (FuturesParallelContext  *self);

G_END_DECLS
