/* futures-process-context.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-process-context.h"
#include "futures-process-pool.h"
#include "futures-process-router.h"

/**
 * SECTION:futures-process-context
 * @Title: FuturesProcessContext
 * @Short_description: Run background work in worker processes
 * @See_also: #FuturesParallelContext, #FuturesProcessPool,
 *   futures_process_worker_main()
 *
 * A #FuturesParallelContext whose tasks run in worker processes: a
 * #FuturesProcessPool of workers started from #FuturesProcessContext:argv,
 * with a #FuturesProcessRouter. Workers run named tasks
 * (futures_register_task(), futures_executor_submit_named()) whose
 * arguments, messages and results cross as #GVariant<!-- -->s; a crash in
 * a worker fails only its own task. Code that can run in parallel this way
 * escapes a global interpreter lock, and JavaScript code can run in the
 * background at all (in `gjs` workers).
 *
 * futures_process_context_new() takes the worker command only; the other
 * properties (#FuturesProcessContext:max-tasks-per-worker,
 * #FuturesProcessContext:cancel-grace-period) are set with g_object_new().
 * An executor made with the context (futures_executor_new_full()) gets a
 * #FuturesProcessPool of its own, as large as the executor's maximum
 * number of workers, and runs named tasks only: the other submit
 * functions fail with %FUTURES_ERROR_NOT_SUPPORTED there. The
 * [Process workers][futures-process-workers] guide page tells the whole
 * story: the worker hook, what values can cross, crashes, cancellation
 * and the wire protocol.
 *
 * |[<!-- language="C" -->
 * g_autoptr(FuturesProcessContext) context = futures_process_context_new (NULL);
 * g_autoptr(FuturesExecutor) executor =
 *   futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 4, &error);
 * future = futures_executor_submit_named (executor, FUTURES_TYPE_CALL_FUTURE,
 *                                         "render", g_variant_new ("(u)", 42), &error);
 * ]|
 */

/**
 * FuturesProcessContext:
 *
 * A #FuturesParallelContext for worker processes. An opaque object: use
 * futures_process_context_new() or g_object_new() with the properties
 * below, and the #FuturesParallelContext functions.
 */

struct _FuturesProcessContext
{
  GObject   parent_instance;
  char    **argv;
  int       max_tasks_per_worker;
  int       grace_msec;
  gboolean  closed;
};

enum {
  PROP_0,
  PROP_CLOSED,
  PROP_ARGV,
  PROP_MAX_TASKS_PER_WORKER,
  PROP_CANCEL_GRACE_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void futures_process_context_iface_init (FuturesParallelContextInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesProcessContext, futures_process_context, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_PARALLEL_CONTEXT,
                                                      futures_process_context_iface_init))

static FuturesWorkerPool *
futures_process_context_create_worker_pool (FuturesParallelContext  *context,
                                            int                      max_workers,
                                            GError                 **error)
{
  FuturesProcessContext *self = FUTURES_PROCESS_CONTEXT (context);

  return g_object_new (FUTURES_TYPE_PROCESS_POOL,
                       "max-workers", max_workers,
                       "argv", self->argv,
                       "max-tasks-per-worker", self->max_tasks_per_worker,
                       "cancel-grace-period", self->grace_msec,
                       NULL);
}

static FuturesMessageRouter *
futures_process_context_create_router (FuturesParallelContext  *context,
                                       GMainContext            *main_context,
                                       GError                 **error)
{
  return FUTURES_MESSAGE_ROUTER (futures_process_router_new_for_context (main_context));
}

static void
futures_process_context_close (FuturesParallelContext *context)
{
  FuturesProcessContext *self = FUTURES_PROCESS_CONTEXT (context);

  if (self->closed)
    return;

  /* Workers belong to their pools, which their executors shut down. */
  self->closed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
}

static gboolean
futures_process_context_get_closed (FuturesParallelContext *context)
{
  return FUTURES_PROCESS_CONTEXT (context)->closed;
}

static void
futures_process_context_iface_init (FuturesParallelContextInterface *iface)
{
  iface->create_worker_pool = futures_process_context_create_worker_pool;
  iface->create_router = futures_process_context_create_router;
  iface->close = futures_process_context_close;
  iface->get_closed = futures_process_context_get_closed;
}

static void
futures_process_context_finalize (GObject *object)
{
  g_strfreev (FUTURES_PROCESS_CONTEXT (object)->argv);

  G_OBJECT_CLASS (futures_process_context_parent_class)->finalize (object);
}

static void
futures_process_context_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FuturesProcessContext *self = FUTURES_PROCESS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    case PROP_ARGV:
      g_value_set_boxed (value, self->argv);
      break;
    case PROP_MAX_TASKS_PER_WORKER:
      g_value_set_int (value, self->max_tasks_per_worker);
      break;
    case PROP_CANCEL_GRACE_PERIOD:
      g_value_set_int (value, self->grace_msec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_process_context_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FuturesProcessContext *self = FUTURES_PROCESS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_ARGV:
      g_strfreev (self->argv);
      self->argv = g_value_dup_boxed (value);
      break;
    case PROP_MAX_TASKS_PER_WORKER:
      self->max_tasks_per_worker = g_value_get_int (value);
      break;
    case PROP_CANCEL_GRACE_PERIOD:
      self->grace_msec = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_process_context_class_init (FuturesProcessContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = futures_process_context_finalize;
  object_class->get_property = futures_process_context_get_property;
  object_class->set_property = futures_process_context_set_property;

  g_object_class_override_property (object_class, PROP_CLOSED, "closed");
  properties[PROP_CLOSED] = g_object_class_find_property (object_class, "closed");

  /**
   * FuturesProcessContext:argv:
   *
   * The command that starts a worker process; %NULL (the default) runs
   * the current program again. See #FuturesProcessPool:argv.
   */
  properties[PROP_ARGV] =
    g_param_spec_boxed ("argv", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_ARGV, properties[PROP_ARGV]);

  /**
   * FuturesProcessContext:max-tasks-per-worker:
   *
   * Passed to the pools the context makes; see
   * #FuturesProcessPool:max-tasks-per-worker.
   */
  properties[PROP_MAX_TASKS_PER_WORKER] =
    g_param_spec_int ("max-tasks-per-worker", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_MAX_TASKS_PER_WORKER,
                                   properties[PROP_MAX_TASKS_PER_WORKER]);

  /**
   * FuturesProcessContext:cancel-grace-period:
   *
   * Passed to the pools the context makes; see
   * #FuturesProcessPool:cancel-grace-period.
   */
  properties[PROP_CANCEL_GRACE_PERIOD] =
    g_param_spec_int ("cancel-grace-period", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_CANCEL_GRACE_PERIOD,
                                   properties[PROP_CANCEL_GRACE_PERIOD]);
}

static void
futures_process_context_init (FuturesProcessContext *self)
{
  self->grace_msec = -1;
}

/**
 * futures_process_context_new:
 * @argv: (array zero-terminated=1) (nullable): the command that starts a
 *   worker process, or %NULL to run the current program again
 *
 * Creates a context that runs named tasks in worker processes, started
 * from @argv. No process starts until an executor made with the context
 * is given a task. Use g_object_new() to set
 * #FuturesProcessContext:max-tasks-per-worker or
 * #FuturesProcessContext:cancel-grace-period as well.
 *
 * Returns: (transfer full): a new #FuturesProcessContext
 */
FuturesProcessContext *
futures_process_context_new (const char * const *argv)
{
  return g_object_new (FUTURES_TYPE_PROCESS_CONTEXT, "argv", argv, NULL);
}
