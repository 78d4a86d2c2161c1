/* futures-thread-pool.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-thread-pool.h"

/**
 * SECTION:futures-thread-pool
 * @Title: FuturesThreadPool
 * @Short_description: A worker pool of threads
 * @See_also: #FuturesWorkerPool, #FuturesThreadContext
 *
 * #FuturesThreadPool runs tasks on a #GThreadPool of at most
 * #FuturesWorkerPool:max-workers threads. Threads are shared with the rest
 * of the process (the pool is not exclusive), so an idle pool costs
 * nothing.
 */

/**
 * FuturesThreadPool:
 *
 * A #FuturesWorkerPool of threads. An opaque object: use
 * futures_thread_pool_new() and the #FuturesWorkerPool functions.
 */

struct _FuturesThreadPool
{
  GObject      parent_instance;
  GThreadPool *pool;
  int          max_workers;
  gboolean     shut_down;
};

enum {
  PROP_0,
  PROP_MAX_WORKERS,
  N_PROPS
};

static void futures_thread_pool_iface_init (FuturesWorkerPoolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesThreadPool, futures_thread_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_WORKER_POOL,
                                                      futures_thread_pool_iface_init))

static void
run_task (gpointer data,
          gpointer user_data)
{
  FuturesTask *task = data;

  futures_task_run (task);
  g_object_unref (task);
}

static gboolean
futures_thread_pool_submit (FuturesWorkerPool  *pool,
                            FuturesTask        *task,
                            GError            **error)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (pool);

  if (self->shut_down)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_CLOSED,
                           _("The worker pool was shut down"));
      return FALSE;
    }

  return g_thread_pool_push (self->pool, g_object_ref (task), error);
}

static void
futures_thread_pool_shutdown (FuturesWorkerPool *pool,
                              gboolean           wait)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (pool);

  if (self->shut_down)
    return;

  self->shut_down = TRUE;
  /* Queued tasks still run: their futures expect an answer. */
  g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, wait);
}

static int
futures_thread_pool_get_max_workers (FuturesWorkerPool *pool)
{
  return FUTURES_THREAD_POOL (pool)->max_workers;
}

static void
futures_thread_pool_iface_init (FuturesWorkerPoolInterface *iface)
{
  iface->submit = futures_thread_pool_submit;
  iface->shutdown = futures_thread_pool_shutdown;
  iface->get_max_workers = futures_thread_pool_get_max_workers;
}

static void
futures_thread_pool_constructed (GObject *object)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (object);

  G_OBJECT_CLASS (futures_thread_pool_parent_class)->constructed (object);

  if (self->max_workers <= 0)
    self->max_workers = (int) g_get_num_processors ();
  /* Not exclusive: creating it cannot fail. */
  self->pool = g_thread_pool_new (run_task, self, self->max_workers, FALSE, NULL);
}

static void
futures_thread_pool_finalize (GObject *object)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (object);

  /* An unreferenced pool has nothing left to run for anyone: wait, so
   * that no worker outlives the object that owns its queue. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);

  G_OBJECT_CLASS (futures_thread_pool_parent_class)->finalize (object);
}

static void
futures_thread_pool_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      g_value_set_int (value, self->max_workers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_thread_pool_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      self->max_workers = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_thread_pool_class_init (FuturesThreadPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = futures_thread_pool_constructed;
  object_class->finalize = futures_thread_pool_finalize;
  object_class->get_property = futures_thread_pool_get_property;
  object_class->set_property = futures_thread_pool_set_property;

  /**
   * FuturesThreadPool:max-workers:
   *
   * The most threads that run tasks at the same time; 0 (the default)
   * means the number of processors.
   */
  g_object_class_install_property (object_class, PROP_MAX_WORKERS,
                                   g_param_spec_int ("max-workers", NULL, NULL,
                                                     0, G_MAXINT, 0,
                                                     (G_PARAM_READWRITE |
                                                      G_PARAM_CONSTRUCT_ONLY |
                                                      G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS)));
}

static void
futures_thread_pool_init (FuturesThreadPool *self)
{
}

/**
 * futures_thread_pool_new:
 * @max_workers: the most threads that run tasks at once, or 0 for the
 *   number of processors
 *
 * Creates a pool of threads for tasks.
 *
 * Returns: (transfer full): a new #FuturesThreadPool
 */
FuturesThreadPool *
futures_thread_pool_new (int max_workers)
{
  g_return_val_if_fail (max_workers >= 0, NULL);

  return g_object_new (FUTURES_TYPE_THREAD_POOL,
                       "max-workers", max_workers,
                       NULL);
}
