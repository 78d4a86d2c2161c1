/* futures-executor.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "futures-async-private.h"
#include "futures-enums.h"
#include "futures-error.h"
#include "futures-executor.h"
#include "futures-future-private.h"
#include "futures-i18n-private.h"
#include "futures-router-core-private.h"
#include "futures-task-private.h"
#include "futures-process-pool.h"
#include "futures-thread-context.h"

/**
 * SECTION:futures-executor
 * @Title: FuturesExecutor
 * @Short_description: Submits tasks and keeps track of their futures
 * @See_also: #FuturesFuture, #FuturesParallelContext
 *
 * A #FuturesExecutor runs tasks on a worker pool and hands back a
 * #FuturesFuture for each, which changes only in the main context the
 * executor was created in (the thread-default one at the time).
 *
 * |[<!-- language="C" -->
 * static void
 * slow_square (FuturesTask *task,
 *              gpointer     user_data)
 * {
 *   gint64 n = GPOINTER_TO_INT (user_data);
 *
 *   g_usleep (G_USEC_PER_SEC);
 *   futures_task_return_int (task, n * n);
 * }
 *
 * static void
 * on_done (FuturesFuture *future,
 *          GParamSpec    *pspec,
 *          gpointer       user_data)
 * {
 *   const GValue *result = futures_future_get_result (future, NULL);
 *
 *   if (result != NULL)
 *     g_print ("%" G_GINT64_FORMAT "\n", g_value_get_int64 (result));
 * }
 *
 *   g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
 *   g_autoptr(FuturesCallFuture) future =
 *     futures_executor_submit_call (executor, slow_square, GINT_TO_POINTER (7), NULL, NULL);
 *   g_signal_connect (future, "notify::done", G_CALLBACK (on_done), NULL);
 * ]|
 *
 * An executor is RUNNING from the start. futures_executor_stop() cancels
 * every future and returns at once; the executor is STOPPING until the
 * last future is done, then STOPPED. futures_executor_shutdown_async()
 * does the same and calls back once STOPPED, the main loop running
 * meanwhile; futures_executor_shutdown() blocks instead, routing messages
 * by hand, until STOPPED or a timeout.
 *
 * The executor is also a #GListModel of its live futures, in the order
 * they were submitted: a future is added when it is submitted and removed
 * once it is done (before #FuturesFuture:done is notified), each change
 * told by #GListModel::items-changed. A `GtkListView` bound to the
 * executor is a panel of background jobs; #FuturesExecutor:n-futures is
 * the number of items.
 *
 * The executor makes its worker pool from its #FuturesParallelContext
 * (a #FuturesThreadContext unless told otherwise) and shuts it down when
 * it stops; a pool handed in is never shut down by the executor, so
 * several executors can share one.
 *
 * Drop the last reference to an executor only once it is STOPPED: an
 * executor disposed of while running cancels its futures, which then
 * never become done. It waits for the workers of a pool it made to end
 * their tasks (so a task that ignores cancellation holds it up), and
 * releases the data handed in with the tasks in the main context.
 */

/**
 * FuturesExecutor:
 *
 * Runs tasks on a worker pool and keeps track of their futures. An
 * opaque object: use the functions and properties below.
 */

struct _FuturesExecutor
{
  GObject                 parent_instance;

  FuturesExecutorState    state;
  FuturesParallelContext *context;
  FuturesWorkerPool      *pool;
  /* The pool's submit, looked up once: the public wrapper's interface
   * checks cost a call more than the lock-free push they lead to. */
  gboolean              (*pool_submit) (FuturesWorkerPool  *pool,
                                        FuturesTask        *task,
                                        GError            **error);
  int                     max_workers;
  gboolean                owns_context;
  gboolean                owns_pool;

  FuturesMessageRouter   *router;
  FuturesRouterCore      *core;
  GQueue                  futures;   /* live futures (their links), each a ref */
  gboolean                blocking;  /* inside futures_executor_shutdown() */

  /* The list model's last position looked up: a view reading items one
   * after another walks one link each time. */
  GList                  *cursor;
  guint                   cursor_position;

  GError                 *init_error;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_RUNNING,
  PROP_STOPPED,
  PROP_CONTEXT,
  PROP_WORKER_POOL,
  PROP_MAX_WORKERS,
  PROP_N_FUTURES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint items_changed_signal;

static void futures_executor_initable_iface_init (GInitableIface *iface);
static void futures_executor_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesExecutor, futures_executor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      futures_executor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      futures_executor_list_model_iface_init))

/* The list model of live futures ------------------------------------------ */

static GType
futures_executor_get_item_type (GListModel *model)
{
  return FUTURES_TYPE_FUTURE;
}

static guint
futures_executor_get_n_items (GListModel *model)
{
  return FUTURES_EXECUTOR (model)->futures.length;
}

static gpointer
futures_executor_get_item (GListModel *model,
                           guint       position)
{
  FuturesExecutor *self = FUTURES_EXECUTOR (model);
  guint length = self->futures.length;
  GList *link;
  guint at;

  if (position >= length)
    return NULL;

  /* Start from whichever of the head, the tail and the cursor is nearest. */
  link = self->futures.head;
  at = 0;
  if (length - 1 - position < position)
    {
      link = self->futures.tail;
      at = length - 1;
    }
  if (self->cursor != NULL &&
      (self->cursor_position > position ? self->cursor_position - position : position - self->cursor_position) <
      (at > position ? at - position : position - at))
    {
      link = self->cursor;
      at = self->cursor_position;
    }

  for (; at < position; at++)
    link = link->next;
  for (; at > position; at--)
    link = link->prev;

  self->cursor = link;
  self->cursor_position = position;

  return g_object_ref (futures_future_from_link (link));
}

static void
futures_executor_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = futures_executor_get_item_type;
  iface->get_n_items = futures_executor_get_n_items;
  iface->get_item = futures_executor_get_item;

  items_changed_signal = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
}

/* Where @link is in the list: counted from the head, where the oldest
 * futures are, which are usually the first done. */
static guint
futures_executor_position_of (FuturesExecutor *self,
                              GList           *link)
{
  GList *l;
  guint position = 0;

  if (link == self->cursor)
    return self->cursor_position;

  for (l = self->futures.head; l != link; l = l->next)
    position++;
  return position;
}

static const char *
executor_state_name (FuturesExecutorState state)
{
  GEnumValue *value = g_enum_get_value (g_type_class_peek (FUTURES_TYPE_EXECUTOR_STATE), state);

  return value != NULL ? value->value_nick : "?";
}

static void
futures_executor_set_state (FuturesExecutor      *self,
                            FuturesExecutorState  state)
{
  FuturesExecutorState old = self->state;
  /* A handler of the first notification may drop the last reference
   * (e.g. the callback of futures_executor_shutdown_async(), which runs
   * from it); the others still need the object. */
  g_autoptr(FuturesExecutor) hold = NULL;

  if (old == state)
    return;

  g_set_object (&hold, self);

  g_debug ("FuturesExecutor %p: %s → %s", self,
           executor_state_name (old), executor_state_name (state));

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if ((old == FUTURES_EXECUTOR_STATE_RUNNING) != (state == FUTURES_EXECUTOR_STATE_RUNNING))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (state == FUTURES_EXECUTOR_STATE_STOPPED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOPPED]);
}

/* The last future is done: release what the executor made. */
static void
futures_executor_finish_stop (FuturesExecutor *self,
                              gboolean         wait)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->state == FUTURES_EXECUTOR_STATE_STOPPING);
  g_assert (self->futures.length == 0);

  if (!futures_message_router_stop (self->router, &error))
    g_warning ("FuturesExecutor %p: could not stop its router: %s", self, error->message);
  if (self->owns_pool)
    futures_worker_pool_shutdown (self->pool, wait);
  if (self->owns_context)
    futures_parallel_context_close (self->context);

  futures_executor_set_state (self, FUTURES_EXECUTOR_STATE_STOPPED);
}

/* Takes @future out of the live list, telling the list model's users. */
static void
futures_executor_remove_future (FuturesExecutor *self,
                                FuturesFuture   *future)
{
  GList *link = futures_future_get_link (future);
  /* Finding the position walks the list: skipped when nobody listens
   * (the cursor is then forgotten instead of moved). */
  gboolean tell = g_signal_has_handler_pending (self, items_changed_signal, 0, FALSE);
  guint position = tell ? futures_executor_position_of (self, link) : 0;

  if (self->cursor == link || !tell)
    self->cursor = NULL;
  else if (self->cursor != NULL && self->cursor_position > position)
    self->cursor_position--;

  g_queue_unlink (&self->futures, link);
  if (tell)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FUTURES]);
  g_object_unref (future);
}

void
futures_executor_future_done (FuturesExecutor *self,
                              FuturesFuture   *future,
                              gboolean         notified)
{
  g_autoptr(GError) error = NULL;

  /* After notify::done: a stop waiting for this future can finish now
   * (unless a handler already finished it, e.g. with shutdown()). */
  if (notified)
    {
      if (self->state == FUTURES_EXECUTOR_STATE_STOPPING &&
          self->futures.length == 0)
        futures_executor_finish_stop (self, self->blocking);
      return;
    }

  if (!futures_router_core_close_endpoint (self->core, futures_future_get_endpoint (future),
                                           &error))
    g_critical ("FuturesExecutor %p: could not close the pipe of %p: %s",
                self, future, error->message);

  futures_executor_remove_future (self, future);
}

static gboolean
futures_executor_check_ready (FuturesExecutor  *self,
                              GError          **error)
{
  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      return FALSE;
    }
  return TRUE;
}

static void
futures_executor_constructed (GObject *object)
{
  FuturesExecutor *self = FUTURES_EXECUTOR (object);
  GError *error = NULL;

  G_OBJECT_CLASS (futures_executor_parent_class)->constructed (object);

  /* Until everything below has worked the executor accepts nothing. */
  self->state = FUTURES_EXECUTOR_STATE_STOPPED;

  if (self->pool != NULL && self->max_workers > 0)
    {
      self->init_error = g_error_new_literal (FUTURES_ERROR, FUTURES_ERROR_NOT_SUPPORTED,
                                              _("An executor takes either a worker pool or a maximum number of workers, not both"));
      return;
    }

  if (self->context == NULL)
    {
      self->context = FUTURES_PARALLEL_CONTEXT (futures_thread_context_new ());
      self->owns_context = TRUE;
    }

  if (self->pool == NULL)
    {
      self->pool = futures_parallel_context_create_worker_pool (self->context, self->max_workers,
                                                                &error);
      if (self->pool == NULL)
        {
          self->init_error = error;
          return;
        }
      self->owns_pool = TRUE;
    }

  self->router = futures_parallel_context_create_router (self->context, NULL, &error);
  if (self->router == NULL)
    {
      self->init_error = error;
      return;
    }

  self->core = futures_router_core_from_router (self->router);
  if (self->core == NULL)
    {
      self->init_error = g_error_new (FUTURES_ERROR, FUTURES_ERROR_NOT_SUPPORTED,
                                      _("An executor cannot use a message router of type %s"),
                                      G_OBJECT_TYPE_NAME (self->router));
      return;
    }

  if (!futures_message_router_start (self->router, &error))
    {
      self->init_error = error;
      return;
    }

  self->state = FUTURES_EXECUTOR_STATE_RUNNING;
  g_debug ("FuturesExecutor %p: running", self);
}

static gboolean
futures_executor_initable_init (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  return futures_executor_check_ready (FUTURES_EXECUTOR (initable), error);
}

static void
futures_executor_initable_iface_init (GInitableIface *iface)
{
  iface->init = futures_executor_initable_init;
}

static void
futures_executor_dispose (GObject *object)
{
  FuturesExecutor *self = FUTURES_EXECUTOR (object);

  if (self->futures.length > 0)
    {
      GList *link;

      g_debug ("FuturesExecutor %p disposed of with %u live future(s): cancelling them",
               self, self->futures.length);

      for (link = self->futures.head; link != NULL; link = link->next)
        {
          FuturesFuture *future = futures_future_from_link (link);

          futures_future_detach (future);
          futures_future_cancel (future);
          futures_router_core_close_endpoint (self->core, futures_future_get_endpoint (future),
                                              NULL);
        }
      self->cursor = NULL;
    }

  if (self->router != NULL && futures_message_router_get_running (self->router))
    futures_message_router_stop (self->router, NULL);
  /* Waits for the workers of the pool it made (which its unref below
   * would do anyway): they then hold no task, so that the data handed in
   * with each task is released with its future, here, in the main
   * context, and not where a worker drops the task. */
  if (self->pool != NULL && self->owns_pool)
    futures_worker_pool_shutdown (self->pool, TRUE);
  if (self->context != NULL && self->owns_context)
    futures_parallel_context_close (self->context);

  while (self->futures.length > 0)
    g_object_unref (futures_future_from_link (g_queue_pop_head_link (&self->futures)));

  g_clear_object (&self->router);
  self->core = NULL;
  g_clear_object (&self->pool);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (futures_executor_parent_class)->dispose (object);
}

static void
futures_executor_finalize (GObject *object)
{
  FuturesExecutor *self = FUTURES_EXECUTOR (object);

  g_clear_error (&self->init_error);

  G_OBJECT_CLASS (futures_executor_parent_class)->finalize (object);
}

static void
futures_executor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FuturesExecutor *self = FUTURES_EXECUTOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, futures_executor_get_running (self));
      break;

    case PROP_STOPPED:
      g_value_set_boolean (value, futures_executor_get_stopped (self));
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_WORKER_POOL:
      g_value_set_object (value, self->pool);
      break;

    case PROP_MAX_WORKERS:
      g_value_set_int (value, self->max_workers);
      break;

    case PROP_N_FUTURES:
      g_value_set_uint (value, futures_executor_get_n_futures (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_executor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FuturesExecutor *self = FUTURES_EXECUTOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_WORKER_POOL:
      self->pool = g_value_dup_object (value);
      break;

    case PROP_MAX_WORKERS:
      self->max_workers = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_executor_class_init (FuturesExecutorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = futures_executor_constructed;
  object_class->dispose = futures_executor_dispose;
  object_class->finalize = futures_executor_finalize;
  object_class->get_property = futures_executor_get_property;
  object_class->set_property = futures_executor_set_property;

  /**
   * FuturesExecutor:state:
   *
   * Where the executor is in its life cycle.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       FUTURES_TYPE_EXECUTOR_STATE,
                       FUTURES_EXECUTOR_STATE_RUNNING,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * FuturesExecutor:running:
   *
   * Whether the executor is RUNNING, i.e. accepts tasks.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * FuturesExecutor:stopped:
   *
   * Whether the executor is STOPPED: every future is done and the
   * executor released what it made. Becomes %TRUE once and never changes
   * again.
   */
  properties[PROP_STOPPED] =
    g_param_spec_boolean ("stopped", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * FuturesExecutor:context:
   *
   * The #FuturesParallelContext the executor makes its worker pool and
   * router with. When none is given the executor makes (and later closes)
   * a #FuturesThreadContext.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         FUTURES_TYPE_PARALLEL_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * FuturesExecutor:worker-pool:
   *
   * The pool tasks run on. When one is given, the executor never shuts it
   * down; otherwise it makes one from its context and shuts it down when
   * it stops. Cannot be combined with #FuturesExecutor:max-workers.
   */
  properties[PROP_WORKER_POOL] =
    g_param_spec_object ("worker-pool", NULL, NULL,
                         FUTURES_TYPE_WORKER_POOL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * FuturesExecutor:max-workers:
   *
   * The size of the worker pool the executor makes; 0 (the default) for
   * the context's default. Cannot be combined with
   * #FuturesExecutor:worker-pool.
   */
  properties[PROP_MAX_WORKERS] =
    g_param_spec_int ("max-workers", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * FuturesExecutor:n-futures:
   *
   * How many futures of this executor are not done yet.
   */
  properties[PROP_N_FUTURES] =
    g_param_spec_uint ("n-futures", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
futures_executor_init (FuturesExecutor *self)
{
}

/**
 * futures_executor_new:
 * @error: return location for a #GError, or %NULL
 *
 * Creates an executor that runs tasks on threads (a #FuturesThreadContext
 * with one worker per processor) and delivers to the calling thread's
 * thread-default main context.
 *
 * Returns: (transfer full): a new, running #FuturesExecutor, or %NULL
 *   with @error set
 */
FuturesExecutor *
futures_executor_new (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (FUTURES_TYPE_EXECUTOR, NULL, error, NULL);
}

/**
 * futures_executor_new_full:
 * @context: (nullable): the #FuturesParallelContext to use, or %NULL for a
 *   new #FuturesThreadContext
 * @worker_pool: (nullable): a worker pool to share, or %NULL to make one
 * @max_workers: the size of the pool to make, or 0 for the default; must
 *   be 0 when @worker_pool is given
 * @error: return location for a #GError, or %NULL
 *
 * Creates an executor. Giving both @worker_pool and a non-zero
 * @max_workers fails with %FUTURES_ERROR_NOT_SUPPORTED.
 *
 * Returns: (transfer full): a new, running #FuturesExecutor, or %NULL
 *   with @error set
 */
FuturesExecutor *
futures_executor_new_full (FuturesParallelContext  *context,
                           FuturesWorkerPool       *worker_pool,
                           int                      max_workers,
                           GError                 **error)
{
  g_return_val_if_fail (context == NULL || FUTURES_IS_PARALLEL_CONTEXT (context), NULL);
  g_return_val_if_fail (worker_pool == NULL || FUTURES_IS_WORKER_POOL (worker_pool), NULL);
  g_return_val_if_fail (max_workers >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (FUTURES_TYPE_EXECUTOR, NULL, error,
                         "context", context,
                         "worker-pool", worker_pool,
                         "max-workers", max_workers,
                         NULL);
}

/**
 * futures_executor_get_state:
 * @self: a #FuturesExecutor
 *
 * Gets the #FuturesExecutor:state property.
 *
 * Returns: the executor's state
 */
FuturesExecutorState
futures_executor_get_state (FuturesExecutor *self)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), FUTURES_EXECUTOR_STATE_STOPPED);

  return self->state;
}

/**
 * futures_executor_get_running:
 * @self: a #FuturesExecutor
 *
 * Gets the #FuturesExecutor:running property.
 *
 * Returns: %TRUE if the executor accepts tasks
 */
gboolean
futures_executor_get_running (FuturesExecutor *self)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), FALSE);

  return self->state == FUTURES_EXECUTOR_STATE_RUNNING;
}

/**
 * futures_executor_get_stopped:
 * @self: a #FuturesExecutor
 *
 * Gets the #FuturesExecutor:stopped property.
 *
 * Returns: %TRUE if the executor is STOPPED
 */
gboolean
futures_executor_get_stopped (FuturesExecutor *self)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), FALSE);

  return self->state == FUTURES_EXECUTOR_STATE_STOPPED;
}

/**
 * futures_executor_get_context:
 * @self: a #FuturesExecutor
 *
 * Gets the #FuturesExecutor:context property.
 *
 * Returns: (transfer none) (nullable): the executor's parallel context
 */
FuturesParallelContext *
futures_executor_get_context (FuturesExecutor *self)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), NULL);

  return self->context;
}

/**
 * futures_executor_get_worker_pool:
 * @self: a #FuturesExecutor
 *
 * Gets the #FuturesExecutor:worker-pool property.
 *
 * Returns: (transfer none) (nullable): the pool tasks run on
 */
FuturesWorkerPool *
futures_executor_get_worker_pool (FuturesExecutor *self)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), NULL);

  return self->pool;
}

/**
 * futures_executor_get_n_futures:
 * @self: a #FuturesExecutor
 *
 * Gets the #FuturesExecutor:n-futures property.
 *
 * Returns: the number of futures that are not done yet
 */
guint
futures_executor_get_n_futures (FuturesExecutor *self)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), 0);

  return self->futures.length;
}

/* What both submit functions share: a future, its pipe, the task, the
 * pool. Takes @task's ownership of the work function's data either way. */
static FuturesFuture *
futures_executor_launch (FuturesExecutor  *self,
                         FuturesFuture    *future,
                         FuturesTask      *task,
                         GError          **error)
{
  futures_future_attach (future, task, self);

  if (G_UNLIKELY (self->pool_submit == NULL))
    self->pool_submit = FUTURES_WORKER_POOL_GET_IFACE (self->pool)->submit;
  if (!self->pool_submit (self->pool, task, error))
    {
      futures_future_detach (future);
      futures_router_core_close_endpoint (self->core, futures_future_get_endpoint (future), NULL);
      return NULL;
    }

  g_queue_push_tail_link (&self->futures, futures_future_get_link (g_object_ref (future)));
  if (g_signal_has_handler_pending (self, items_changed_signal, 0, FALSE))
    g_list_model_items_changed (G_LIST_MODEL (self), self->futures.length - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FUTURES]);

  return g_object_ref (future);
}

/* Makes the future and opens its pipe, or fails as submit must. */
static FuturesFuture *
futures_executor_prepare (FuturesExecutor  *self,
                          GType             future_type,
                          GError          **error)
{
  g_autoptr(FuturesFuture) future = NULL;

  if (!futures_executor_check_ready (self, error))
    return NULL;

  if (self->state != FUTURES_EXECUTOR_STATE_RUNNING)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING,
                   _("Cannot submit a task: the executor is %s"),
                   executor_state_name (self->state));
      return NULL;
    }

  future = g_object_new (future_type, NULL);
  if (!futures_router_core_open_endpoint (self->core, futures_future_get_endpoint (future), error))
    return NULL;

  return g_steal_pointer (&future);
}

static FuturesFuture *futures_executor_submit_checked (FuturesExecutor  *self,
                                                       GType             future_type,
                                                       FuturesTaskFunc   func,
                                                       gpointer          user_data,
                                                       GDestroyNotify    destroy,
                                                       GError          **error);

/**
 * futures_executor_submit:
 * @self: a #FuturesExecutor
 * @future_type: the type of future to make: a non-abstract subclass of
 *   #FuturesFuture
 * @func: (scope notified) (closure user_data) (destroy destroy): the work
 *   to run on a worker
 * @user_data: data for @func
 * @destroy: (nullable): releases @user_data, in the main context, once
 *   the future is done
 * @error: return location for a #GError, or %NULL
 *
 * Submits a task whose future is of type @future_type: how task types of
 * your own are made. The future's class decides what the task's custom
 * messages mean (#FuturesFutureClass.dispatch).
 *
 * A function pointer cannot cross to another process: with a
 * #FuturesProcessContext, submit a named task instead
 * (futures_executor_submit_named()); this fails with
 * %FUTURES_ERROR_NOT_SUPPORTED there. Fails with
 * %FUTURES_ERROR_NOT_RUNNING when the executor is not running. On any
 * failure @user_data is released before this returns.
 *
 * Returns: (transfer full): the new future, or %NULL with @error set
 */
FuturesFuture *
futures_executor_submit (FuturesExecutor  *self,
                         GType             future_type,
                         FuturesTaskFunc   func,
                         gpointer          user_data,
                         GDestroyNotify    destroy,
                         GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), NULL);
  g_return_val_if_fail (g_type_is_a (future_type, FUTURES_TYPE_FUTURE), NULL);
  g_return_val_if_fail (!G_TYPE_IS_ABSTRACT (future_type), NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return futures_executor_submit_checked (self, future_type, func, user_data, destroy, error);
}

/* futures_executor_submit() once its arguments are known to be good: the
 * typed submit functions come here directly (checking the future type
 * again costs a call several percent). */
static FuturesFuture *
futures_executor_submit_checked (FuturesExecutor  *self,
                                 GType             future_type,
                                 FuturesTaskFunc   func,
                                 gpointer          user_data,
                                 GDestroyNotify    destroy,
                                 GError          **error)
{
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(FuturesTask) task = NULL;

  future = futures_executor_prepare (self, future_type, error);
  if (future == NULL)
    {
      if (destroy != NULL)
        destroy (user_data);
      return NULL;
    }

  /* From here on the task owns the data and releases it with itself. */
  task = futures_task_new (self->core->channel, futures_future_get_endpoint (future)->connection_id,
                           func, user_data, destroy);
  return futures_executor_launch (self, future, task, error);
}

/**
 * futures_executor_submit_named:
 * @self: a #FuturesExecutor
 * @future_type: the type of future to make: a non-abstract subclass of
 *   #FuturesFuture, such as #FUTURES_TYPE_CALL_FUTURE
 * @name: the name the task was registered under (futures_register_task())
 * @arguments: (nullable): the task's arguments, read in the task with
 *   futures_task_get_arguments()
 * @error: return location for a #GError, or %NULL
 *
 * Submits a task registered by name. This works with every parallel
 * context: on threads the registered function runs in this process; with
 * a #FuturesProcessContext it runs in a worker process, which must have
 * registered the same name. Switching an executor between threads and
 * processes therefore changes nothing here.
 *
 * Fails with %FUTURES_ERROR_NOT_REGISTERED when running on threads and no
 * task is registered as @name (a worker process reports its own missing
 * registration as the future's error), and with
 * %FUTURES_ERROR_NOT_RUNNING when the executor is not running.
 *
 * @arguments (a floating reference is taken) reach the task as they are,
 * also in a worker process. On threads the task may return, yield and
 * send values of any type; in a worker process only values that can
 * cross to the main process (see
 * [Process workers][futures-process-workers]).
 *
 * Returns: (transfer full): the new future, or %NULL with @error set
 */
FuturesFuture *
futures_executor_submit_named (FuturesExecutor  *self,
                               GType             future_type,
                               const char       *name,
                               GVariant         *arguments,
                               GError          **error)
{
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(FuturesTask) task = NULL;
  g_autoptr(GVariant) args = NULL;
  FuturesTaskFunc func = NULL;
  gpointer func_data = NULL;
  gboolean in_process;
  guint64 id;

  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), NULL);
  g_return_val_if_fail (g_type_is_a (future_type, FUTURES_TYPE_FUTURE), NULL);
  g_return_val_if_fail (!G_TYPE_IS_ABSTRACT (future_type), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (arguments != NULL)
    args = g_variant_ref_sink (arguments);

  /* Threads of this process run the registered function; a process
   * pool sends the name to a worker, which looks it up itself. */
  in_process = !FUTURES_IS_PROCESS_POOL (self->pool);
  if (in_process && !futures_lookup_task (name, &func, &func_data))
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_REGISTERED,
                   _("No task is registered as “%s”"), name);
      return NULL;
    }

  future = futures_executor_prepare (self, future_type, error);
  if (future == NULL)
    return NULL;

  id = futures_future_get_endpoint (future)->connection_id;
  if (in_process)
    task = futures_task_new_local_named (self->core->channel, id, name, func, func_data, args);
  else
    task = futures_task_new_named (self->core->channel, id, name, args);

  return futures_executor_launch (self, future, task, error);
}

/**
 * futures_executor_submit_call:
 * @self: a #FuturesExecutor
 * @func: (scope notified) (closure user_data) (destroy destroy): the call
 *   to run on a worker
 * @user_data: data for @func
 * @destroy: (nullable): releases @user_data, in the main context, once
 *   the future is done
 * @error: return location for a #GError, or %NULL
 *
 * Submits a single call; see #FuturesCallFuture and
 * futures_executor_submit().
 *
 * Returns: (transfer full): the new future, or %NULL with @error set
 */
FuturesCallFuture *
futures_executor_submit_call (FuturesExecutor  *self,
                              FuturesTaskFunc   func,
                              gpointer          user_data,
                              GDestroyNotify    destroy,
                              GError          **error)
{
  /* Checked here too, so that the critical names the function called. */
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return (FuturesCallFuture *) futures_executor_submit_checked (self, FUTURES_TYPE_CALL_FUTURE,
                                                                func, user_data, destroy, error);
}

/**
 * futures_executor_submit_iteration:
 * @self: a #FuturesExecutor
 * @func: (scope notified) (closure user_data) (destroy destroy): the
 *   producer, which yields items with futures_task_yield_value()
 * @user_data: data for @func
 * @destroy: (nullable): releases @user_data, in the main context, once
 *   the future is done
 * @error: return location for a #GError, or %NULL
 *
 * Submits a producer of items; see #FuturesIterationFuture and
 * futures_executor_submit().
 *
 * Returns: (transfer full): the new future, or %NULL with @error set
 */
FuturesIterationFuture *
futures_executor_submit_iteration (FuturesExecutor  *self,
                                   FuturesTaskFunc   func,
                                   gpointer          user_data,
                                   GDestroyNotify    destroy,
                                   GError          **error)
{
  /* Checked here too, so that the critical names the function called. */
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return (FuturesIterationFuture *) futures_executor_submit_checked (self, FUTURES_TYPE_ITERATION_FUTURE,
                                                                     func, user_data, destroy, error);
}

/**
 * futures_executor_submit_progress:
 * @self: a #FuturesExecutor
 * @func: (scope notified) (closure user_data) (destroy destroy): the work,
 *   which reports with futures_task_report_progress()
 * @user_data: data for @func
 * @destroy: (nullable): releases @user_data, in the main context, once
 *   the future is done
 * @error: return location for a #GError, or %NULL
 *
 * Submits work that reports its progress; see #FuturesProgressFuture and
 * futures_executor_submit().
 *
 * Returns: (transfer full): the new future, or %NULL with @error set
 */
FuturesProgressFuture *
futures_executor_submit_progress (FuturesExecutor  *self,
                                  FuturesTaskFunc   func,
                                  gpointer          user_data,
                                  GDestroyNotify    destroy,
                                  GError          **error)
{
  /* Checked here too, so that the critical names the function called. */
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return (FuturesProgressFuture *) futures_executor_submit_checked (self, FUTURES_TYPE_PROGRESS_FUTURE,
                                                                    func, user_data, destroy, error);
}

/* RUNNING → STOPPING, cancelling every live future. */
static void
futures_executor_begin_stop (FuturesExecutor *self)
{
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
  GList *link;
  guint i;

  futures_executor_set_state (self, FUTURES_EXECUTOR_STATE_STOPPING);

  /* A snapshot: cancelling runs user handlers (notify::state), which may
   * submit or drop futures. */
  for (link = self->futures.head; link != NULL; link = link->next)
    g_ptr_array_add (live, g_object_ref (futures_future_from_link (link)));
  for (i = 0; i < live->len; i++)
    futures_future_cancel (live->pdata[i]);
}

/**
 * futures_executor_stop:
 * @self: a #FuturesExecutor
 * @error: return location for a #GError, or %NULL
 *
 * Cancels every future and stops accepting tasks, without blocking. The
 * executor is STOPPING until its last future is done, then STOPPED (at
 * once if it has none; #FuturesExecutor:state is notified for both).
 *
 * Fails with %FUTURES_ERROR_NOT_RUNNING unless the executor is RUNNING.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_executor_stop (FuturesExecutor  *self,
                       GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!futures_executor_check_ready (self, error))
    return FALSE;

  if (self->state != FUTURES_EXECUTOR_STATE_RUNNING)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING,
                   _("Cannot stop the executor: it is %s"),
                   executor_state_name (self->state));
      return FALSE;
    }

  futures_executor_begin_stop (self);
  if (self->futures.length == 0)
    futures_executor_finish_stop (self, FALSE);

  return TRUE;
}

static gboolean
no_live_futures (gpointer user_data)
{
  FuturesExecutor *self = user_data;

  return self->state == FUTURES_EXECUTOR_STATE_STOPPED;
}

/**
 * futures_executor_shutdown:
 * @self: a #FuturesExecutor
 * @timeout_msec: the longest time to wait, in milliseconds, or -1 to wait
 *   as long as it takes
 * @error: return location for a #GError, or %NULL
 *
 * Stops the executor and waits for it: cancels every future, then blocks,
 * delivering the futures' messages by hand (the main loop need not run),
 * until every future is done and the executor is STOPPED. An owned worker
 * pool is shut down and waited for.
 *
 * On timeout this fails with %FUTURES_ERROR_TIMED_OUT and the executor
 * stays STOPPING; call it again to keep waiting. Because it routes by
 * hand, the executor's router stays in manual mode afterwards (see
 * futures_message_router_route_until()). Fails with
 * %FUTURES_ERROR_NOT_RUNNING if the executor is already STOPPED.
 *
 * Returns: %TRUE once the executor is STOPPED, %FALSE with @error set
 *   otherwise
 */
gboolean
futures_executor_shutdown (FuturesExecutor  *self,
                           int               timeout_msec,
                           GError          **error)
{
  g_autoptr(FuturesExecutor) hold = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), FALSE);
  g_return_val_if_fail (timeout_msec >= -1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!futures_executor_check_ready (self, error))
    return FALSE;

  if (self->state == FUTURES_EXECUTOR_STATE_STOPPED)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING,
                           _("Cannot shut the executor down: it is already stopped"));
      return FALSE;
    }

  /* A handler run while routing may drop the caller's reference. */
  g_set_object (&hold, self);

  if (self->state == FUTURES_EXECUTOR_STATE_RUNNING)
    futures_executor_begin_stop (self);

  if (self->futures.length == 0)
    {
      futures_executor_finish_stop (self, TRUE);
      return TRUE;
    }

  self->blocking = TRUE;
  if (!futures_message_router_route_until (self->router, timeout_msec,
                                           no_live_futures, self, &local_error))
    {
      self->blocking = FALSE;
      if (g_error_matches (local_error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT))
        g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT,
                     futures_ngettext ("The executor did not stop within %d millisecond",
                                       "The executor did not stop within %d milliseconds",
                                       timeout_msec),
                     timeout_msec);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->blocking = FALSE;

  return TRUE;
}

/* Shutting down without blocking ------------------------------------------- */

static gboolean
futures_executor_stopped (GObject *object)
{
  return FUTURES_EXECUTOR (object)->state == FUTURES_EXECUTOR_STATE_STOPPED;
}

static void
futures_executor_return_stopped (GObject *object,
                                 GTask   *task)
{
  g_task_return_boolean (task, TRUE);
}

/**
 * futures_executor_shutdown_async:
 * @self: a #FuturesExecutor
 * @cancellable: (nullable): a #GCancellable to stop waiting, or %NULL
 * @callback: (scope async): called once the executor is STOPPED, or when
 *   @cancellable is cancelled
 * @user_data: data for @callback
 *
 * Stops the executor like futures_executor_stop() — every future is
 * cancelled — and calls @callback, in the thread-default main context of
 * the caller, once the last future is done and the executor is STOPPED.
 * Nothing blocks: the main loop keeps running and delivers the futures'
 * messages meanwhile. Call futures_executor_shutdown_finish() from
 * @callback.
 *
 * Cancelling @cancellable stops the wait, not the stop: the executor
 * stays STOPPING until its futures are done.
 *
 * From JavaScript, after
 * `Gio._promisify(Futures.Executor.prototype, 'shutdown_async', 'shutdown_finish')`,
 * `await executor.shutdown_async(null)`.
 */
void
futures_executor_shutdown_async (FuturesExecutor     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (FUTURES_IS_EXECUTOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, futures_executor_shutdown_async);
  g_task_set_name (task, "[futures-glib] futures_executor_shutdown_async");

  if (!futures_executor_check_ready (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->state == FUTURES_EXECUTOR_STATE_STOPPED)
    {
      g_task_return_new_error (task, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING,
                               "%s", _("Cannot shut the executor down: it is already stopped"));
      return;
    }

  if (self->core->manual)
    {
      /* Only route_until() delivers this router's messages any more. */
      g_task_return_new_error (task, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE,
                               "%s", _("The executor's messages are routed by hand since a blocking "
                                       "shutdown timed out: call futures_executor_shutdown() again"));
      return;
    }

  if (self->state == FUTURES_EXECUTOR_STATE_RUNNING)
    futures_executor_begin_stop (self);

  if (self->futures.length == 0)
    {
      if (self->state == FUTURES_EXECUTOR_STATE_STOPPING)
        futures_executor_finish_stop (self, FALSE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  futures_async_watch (task, "notify::state", futures_executor_stopped,
                       futures_executor_return_stopped);
}

/**
 * futures_executor_shutdown_finish:
 * @self: a #FuturesExecutor
 * @result: the #GAsyncResult given to the callback of
 *   futures_executor_shutdown_async()
 * @error: return location for a #GError, or %NULL
 *
 * Finishes futures_executor_shutdown_async().
 *
 * Fails with %FUTURES_ERROR_NOT_RUNNING if the executor was STOPPED
 * already, with %FUTURES_ERROR_INVALID_STATE after a blocking
 * futures_executor_shutdown() timed out (it must be called again), and
 * with %G_IO_ERROR_CANCELLED if the wait was cancelled.
 *
 * Returns: %TRUE once the executor is STOPPED, %FALSE with @error set
 *   otherwise
 */
gboolean
futures_executor_shutdown_finish (FuturesExecutor  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, futures_executor_shutdown_async), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
