/* futures-worker-pool.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-worker-pool.h"

/**
 * SECTION:futures-worker-pool
 * @Title: FuturesWorkerPool
 * @Short_description: Where tasks run
 * @See_also: #FuturesThreadPool, #FuturesExecutor
 *
 * A worker pool runs #FuturesTask<!-- -->s (futures_task_run()) on its
 * workers, at most #FuturesWorkerPool:max-workers at a time. An executor
 * makes one from its #FuturesParallelContext, or uses one you hand in
 * (which it then never shuts down, so several executors can share it).
 */

/**
 * FuturesWorkerPool:
 *
 * An object that implements the worker pool interface, such as a
 * #FuturesThreadPool. An opaque type: use the functions below.
 */

G_DEFINE_INTERFACE (FuturesWorkerPool, futures_worker_pool, G_TYPE_OBJECT)

static void
futures_worker_pool_default_init (FuturesWorkerPoolInterface *iface)
{
  /**
   * FuturesWorkerPool:max-workers:
   *
   * The most tasks the pool runs at the same time.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_int ("max-workers", NULL, NULL,
                                                         1, G_MAXINT, 1,
                                                         (G_PARAM_READABLE |
                                                          G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS)));
}

/**
 * futures_worker_pool_submit:
 * @self: a #FuturesWorkerPool
 * @task: the task to run
 * @error: return location for a #GError, or %NULL
 *
 * Queues @task to be run on a worker. Fails with %FUTURES_ERROR_CLOSED
 * once the pool was shut down.
 *
 * Returns: %TRUE if the task was queued, %FALSE with @error set otherwise
 */
gboolean
futures_worker_pool_submit (FuturesWorkerPool  *self,
                            FuturesTask        *task,
                            GError            **error)
{
  g_return_val_if_fail (FUTURES_IS_WORKER_POOL (self), FALSE);
  g_return_val_if_fail (FUTURES_IS_TASK (task), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return FUTURES_WORKER_POOL_GET_IFACE (self)->submit (self, task, error);
}

/**
 * futures_worker_pool_shutdown:
 * @self: a #FuturesWorkerPool
 * @wait: whether to block until every queued and running task finished
 *
 * Stops the pool: it accepts no more tasks. Queued tasks still run.
 * Shutting down twice does nothing the second time.
 */
void
futures_worker_pool_shutdown (FuturesWorkerPool *self,
                              gboolean           wait)
{
  g_return_if_fail (FUTURES_IS_WORKER_POOL (self));

  FUTURES_WORKER_POOL_GET_IFACE (self)->shutdown (self, wait);
}

/**
 * futures_worker_pool_get_max_workers:
 * @self: a #FuturesWorkerPool
 *
 * Gets the #FuturesWorkerPool:max-workers property.
 *
 * Returns: the most tasks that run at the same time
 */
int
futures_worker_pool_get_max_workers (FuturesWorkerPool *self)
{
  g_return_val_if_fail (FUTURES_IS_WORKER_POOL (self), 0);

  return FUTURES_WORKER_POOL_GET_IFACE (self)->get_max_workers (self);
}
