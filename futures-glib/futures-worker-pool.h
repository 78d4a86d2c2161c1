/* futures-worker-pool.h
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

#include "futures-task.h"
#include "futures-version-macros.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_WORKER_POOL:
 *
 * The #GType of the #FuturesWorkerPool interface.
 */
#define FUTURES_TYPE_WORKER_POOL (futures_worker_pool_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (FuturesWorkerPool, futures_worker_pool, FUTURES, WORKER_POOL, GObject)

/**
 * FuturesWorkerPoolInterface:
 * @g_iface: the parent interface
 * @submit: queues a task; see futures_worker_pool_submit()
 * @shutdown: stops the pool; see futures_worker_pool_shutdown()
 * @get_max_workers: the most tasks that run at once
 *
 * The virtual methods of a worker pool.
 */
struct _FuturesWorkerPoolInterface
{
  GTypeInterface g_iface;

  gboolean (*submit)          (FuturesWorkerPool  *self,
                               FuturesTask        *task,
                               GError            **error);
  void     (*shutdown)        (FuturesWorkerPool  *self,
                               gboolean            wait);
  int      (*get_max_workers) (FuturesWorkerPool  *self);

  /*< private >*/
  gpointer padding[8];
};

FUTURES_AVAILABLE_IN_1_0
gboolean futures_worker_pool_submit          (FuturesWorkerPool  *self,
                                              FuturesTask        *task,
                                              GError            **error);
FUTURES_AVAILABLE_IN_1_0
void     futures_worker_pool_shutdown        (FuturesWorkerPool  *self,
                                              gboolean            wait);
FUTURES_AVAILABLE_IN_1_0
int      futures_worker_pool_get_max_workers (FuturesWorkerPool  *self);

G_END_DECLS
