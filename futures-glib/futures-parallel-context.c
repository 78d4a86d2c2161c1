/* futures-parallel-context.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-parallel-context.h"

/**
 * SECTION:futures-parallel-context
 * @Title: FuturesParallelContext
 * @Short_description: Makes matching worker pools and routers
 * @See_also: #FuturesThreadContext, #FuturesExecutor
 *
 * A parallel context is where background work runs: on threads
 * (#FuturesThreadContext, the default) or, later, in worker processes. It
 * makes the pieces an executor needs and that must match: a worker pool
 * and a message router for it. Switching an executor from threads to
 * processes is a matter of handing it another context.
 *
 * An executor that makes its own context closes it when it stops; a
 * context handed to an executor stays the caller's, who closes it with
 * futures_parallel_context_close() once no executor uses it.
 */

/**
 * FuturesParallelContext:
 *
 * An object that implements the parallel context interface, such as a
 * #FuturesThreadContext. An opaque type: use the functions below.
 */

G_DEFINE_INTERFACE (FuturesParallelContext, futures_parallel_context, G_TYPE_OBJECT)

/* The contract "a closed context makes nothing" holds here, for every
 * implementation, so that none has to repeat it. */
static gboolean
futures_parallel_context_check_open (FuturesParallelContext  *self,
                                     GError                 **error)
{
  if (FUTURES_PARALLEL_CONTEXT_GET_IFACE (self)->get_closed (self))
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_CLOSED,
                           _("The parallel context was closed"));
      return FALSE;
    }
  return TRUE;
}

static void
futures_parallel_context_default_init (FuturesParallelContextInterface *iface)
{
  /**
   * FuturesParallelContext:closed:
   *
   * Whether futures_parallel_context_close() was called.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_boolean ("closed", NULL, NULL,
                                                             FALSE,
                                                             (G_PARAM_READABLE |
                                                              G_PARAM_EXPLICIT_NOTIFY |
                                                              G_PARAM_STATIC_STRINGS)));
}

/**
 * futures_parallel_context_create_worker_pool:
 * @self: a #FuturesParallelContext
 * @max_workers: the most tasks to run at once, or 0 for the context's
 *   default
 * @error: return location for a #GError, or %NULL
 *
 * Makes a new worker pool of this context's kind. Fails with
 * %FUTURES_ERROR_CLOSED once the context was closed.
 *
 * Returns: (transfer full) (nullable): a new #FuturesWorkerPool, or %NULL
 *   with @error set
 */
FuturesWorkerPool *
futures_parallel_context_create_worker_pool (FuturesParallelContext  *self,
                                             int                      max_workers,
                                             GError                 **error)
{
  g_return_val_if_fail (FUTURES_IS_PARALLEL_CONTEXT (self), NULL);
  g_return_val_if_fail (max_workers >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!futures_parallel_context_check_open (self, error))
    return NULL;

  return FUTURES_PARALLEL_CONTEXT_GET_IFACE (self)->create_worker_pool (self, max_workers, error);
}

/**
 * futures_parallel_context_create_router:
 * @self: a #FuturesParallelContext
 * @context: (nullable): the #GMainContext to deliver messages in, or %NULL
 *   for the calling thread's thread-default context
 * @error: return location for a #GError, or %NULL
 *
 * Makes a new, stopped message router that matches this context's
 * workers. Fails with %FUTURES_ERROR_CLOSED once the context was closed.
 *
 * Returns: (transfer full) (nullable): a new #FuturesMessageRouter, or
 *   %NULL with @error set
 */
FuturesMessageRouter *
futures_parallel_context_create_router (FuturesParallelContext  *self,
                                        GMainContext            *context,
                                        GError                 **error)
{
  g_return_val_if_fail (FUTURES_IS_PARALLEL_CONTEXT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!futures_parallel_context_check_open (self, error))
    return NULL;

  return FUTURES_PARALLEL_CONTEXT_GET_IFACE (self)->create_router (self, context, error);
}

/**
 * futures_parallel_context_close:
 * @self: a #FuturesParallelContext
 *
 * Releases what the context holds. Afterwards it makes nothing more.
 * Closing twice does nothing the second time.
 */
void
futures_parallel_context_close (FuturesParallelContext *self)
{
  g_return_if_fail (FUTURES_IS_PARALLEL_CONTEXT (self));

  FUTURES_PARALLEL_CONTEXT_GET_IFACE (self)->close (self);
}

/**
 * futures_parallel_context_get_closed:
 * @self: a #FuturesParallelContext
 *
 * Gets the #FuturesParallelContext:closed property.
 *
 * Returns: %TRUE once the context was closed
 */
gboolean
futures_parallel_context_get_closed (FuturesParallelContext *self)
{
  g_return_val_if_fail (FUTURES_IS_PARALLEL_CONTEXT (self), TRUE);

  return FUTURES_PARALLEL_CONTEXT_GET_IFACE (self)->get_closed (self);
}
