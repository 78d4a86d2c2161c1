/* futures-thread-context.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-thread-context.h"
#include "futures-thread-pool.h"
#include "futures-thread-router.h"

/**
 * SECTION:futures-thread-context
 * @Title: FuturesThreadContext
 * @Short_description: Run background work on threads
 * @See_also: #FuturesParallelContext
 *
 * The default #FuturesParallelContext: tasks run on a #FuturesThreadPool
 * and talk to their futures through a #FuturesThreadRouter. Results and
 * messages can be values of any #GType.
 */

/**
 * FuturesThreadContext:
 *
 * A #FuturesParallelContext for worker threads. An opaque object: use
 * futures_thread_context_new() and the #FuturesParallelContext
 * functions.
 */

struct _FuturesThreadContext
{
  GObject  parent_instance;
  gboolean closed;
};

enum {
  PROP_0,
  PROP_CLOSED,
  N_PROPS
};

static GParamSpec *closed_pspec;

static void futures_thread_context_iface_init (FuturesParallelContextInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesThreadContext, futures_thread_context, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_PARALLEL_CONTEXT,
                                                      futures_thread_context_iface_init))

static FuturesWorkerPool *
futures_thread_context_create_worker_pool (FuturesParallelContext  *context,
                                           int                      max_workers,
                                           GError                 **error)
{
  return FUTURES_WORKER_POOL (futures_thread_pool_new (max_workers));
}

static FuturesMessageRouter *
futures_thread_context_create_router (FuturesParallelContext  *context,
                                      GMainContext            *main_context,
                                      GError                 **error)
{
  return FUTURES_MESSAGE_ROUTER (futures_thread_router_new_for_context (main_context));
}

static void
futures_thread_context_close (FuturesParallelContext *context)
{
  FuturesThreadContext *self = FUTURES_THREAD_CONTEXT (context);

  if (self->closed)
    return;

  /* Threads hold nothing that outlives their pools: closing only stops
   * the context from making more. */
  self->closed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), closed_pspec);
}

static gboolean
futures_thread_context_get_closed (FuturesParallelContext *context)
{
  return FUTURES_THREAD_CONTEXT (context)->closed;
}

static void
futures_thread_context_iface_init (FuturesParallelContextInterface *iface)
{
  iface->create_worker_pool = futures_thread_context_create_worker_pool;
  iface->create_router = futures_thread_context_create_router;
  iface->close = futures_thread_context_close;
  iface->get_closed = futures_thread_context_get_closed;
}

static void
futures_thread_context_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FuturesThreadContext *self = FUTURES_THREAD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_thread_context_class_init (FuturesThreadContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = futures_thread_context_get_property;

  g_object_class_override_property (object_class, PROP_CLOSED, "closed");
  closed_pspec = g_object_class_find_property (object_class, "closed");
}

static void
futures_thread_context_init (FuturesThreadContext *self)
{
}

/**
 * futures_thread_context_new:
 *
 * Creates a context that runs tasks on threads.
 *
 * Returns: (transfer full): a new #FuturesThreadContext
 */
FuturesThreadContext *
futures_thread_context_new (void)
{
  return g_object_new (FUTURES_TYPE_THREAD_CONTEXT, NULL);
}
