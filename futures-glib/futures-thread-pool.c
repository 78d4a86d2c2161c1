/* futures-thread-pool.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-task-private.h"
#include "futures-thread-pool.h"

/**
 * SECTION:futures-thread-pool
 * @Title: FuturesThreadPool
 * @Short_description: A worker pool of threads
 * @See_also: #FuturesWorkerPool, #FuturesThreadContext
 *
 * #FuturesThreadPool runs tasks on at most #FuturesWorkerPool:max-workers
 * threads of its own, in the order they were submitted. Threads start
 * when tasks need them and end after a few seconds without work, so an
 * idle pool costs nothing.
 */

/**
 * FuturesThreadPool:
 *
 * A #FuturesWorkerPool of threads. An opaque object: use
 * futures_thread_pool_new() and the #FuturesWorkerPool functions.
 */

/* The shared state of a pool and its threads. Each thread holds a
 * reference, so a thread that outlives the pool object (after a
 * shutdown that does not wait) still has its queue.
 *
 * Submitting takes no lock while every thread is started and none is
 * asleep: the task is pushed on a lock-free stack (the inbox), and a
 * thread looking for work moves the whole stack, oldest first, to the
 * queue it takes tasks from under the lock. The thread that submits (a
 * main context, usually) then never waits for a worker that holds the
 * lock, which is where a burst of short tasks used to spend its time.
 *
 * A push and a thread going to sleep must not miss each other: each
 * side writes its own variable (the inbox; n_idle, spinning or
 * n_threads) before it reads the other's, with sequentially consistent
 * atomics, so at least one of them sees the other. */
typedef struct
{
  gatomicrefcount ref_count;
  GMutex          lock;
  GCond           work_cond;   /* an idle thread waits here for work */
  GCond           exit_cond;   /* shutdown waits here for the threads */

  FuturesTask    *inbox;       /* atomic: submitted tasks, newest first */
  FuturesTask    *queue;       /* written under the lock: oldest first */

  int             max_workers;
  /* Written under the lock, also read without it. */
  int             n_threads;
  int             n_idle;      /* threads waiting on work_cond */
  int             n_woken;     /* signalled, not yet awake: no signal twice */
  int             spinning;    /* a thread polls for work before it sleeps */
  gboolean        stopping;    /* run what is queued, then exit */
} PoolState;

/* How long an idle thread waits for work before it exits: an idle pool
 * costs no thread for long, a busy one never pays for creating one. */
#define FUTURES_THREAD_POOL_IDLE_USEC (5 * G_USEC_PER_SEC)

static PoolState *
pool_state_ref (PoolState *state)
{
  g_atomic_ref_count_inc (&state->ref_count);
  return state;
}

static void
pool_state_unref (PoolState *state)
{
  if (!g_atomic_ref_count_dec (&state->ref_count))
    return;

  g_assert (state->inbox == NULL && state->queue == NULL);
  g_cond_clear (&state->exit_cond);
  g_cond_clear (&state->work_cond);
  g_mutex_clear (&state->lock);
  g_free (state);
}

/* The lock is held for a few instructions at a time: spin briefly on
 * contention before sleeping in the kernel, as an adaptive mutex does. */
static void
pool_state_lock (PoolState *state)
{
  int i;

  for (i = 0; i < 200; i++)
    {
      if (g_mutex_trylock (&state->lock))
        return;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause ();
#endif
    }
  g_mutex_lock (&state->lock);
}

/* Any thread, no lock. Takes the caller's reference to @task. */
static void
pool_state_push (PoolState   *state,
                 FuturesTask *task)
{
  FuturesTask **link = futures_task_queue_link (task);
  FuturesTask *top;

  do
    {
      top = g_atomic_pointer_get (&state->inbox);
      *link = top;
    }
  while (!g_atomic_pointer_compare_and_exchange (&state->inbox, top, task));
}

/* Whether a task waits, in the inbox or the queue. */
static gboolean
pool_state_has_work (PoolState *state)
{
  return (g_atomic_pointer_get (&state->queue) != NULL ||
          g_atomic_pointer_get (&state->inbox) != NULL);
}

/* Lock held. Moves the inbox, reversed to oldest first, to the end of
 * the queue: everything in the inbox came after everything queued. */
static void
pool_state_take_inbox (PoolState *state)
{
  FuturesTask *stack = g_atomic_pointer_exchange (&state->inbox, NULL);
  FuturesTask *list = NULL;
  FuturesTask **tail;

  while (stack != NULL)
    {
      FuturesTask **link = futures_task_queue_link (stack);
      FuturesTask *next = *link;

      *link = list;
      list = stack;
      stack = next;
    }

  for (tail = &state->queue; *tail != NULL; tail = futures_task_queue_link (*tail))
    ;
  g_atomic_pointer_set (tail, list);
}

/* Lock held. Returns the oldest waiting task, or NULL. */
static FuturesTask *
pool_state_dequeue (PoolState *state)
{
  FuturesTask *task;
  FuturesTask **link;

  if (state->queue == NULL)
    pool_state_take_inbox (state);

  task = state->queue;
  if (task == NULL)
    return NULL;

  link = futures_task_queue_link (task);
  g_atomic_pointer_set (&state->queue, *link);
  *link = NULL;
  return task;
}

/* Lock held, no thread running: takes back a task whose submission
 * failed. Returns the pool's reference. */
static void
pool_state_unqueue (PoolState   *state,
                    FuturesTask *task)
{
  FuturesTask **pos;

  pool_state_take_inbox (state);
  for (pos = &state->queue; *pos != NULL; pos = futures_task_queue_link (*pos))
    if (*pos == task)
      {
        g_atomic_pointer_set (pos, *futures_task_queue_link (task));
        *futures_task_queue_link (task) = NULL;
        g_object_unref (task);
        return;
      }
  g_assert_not_reached ();
}

/* Lock held. Wakes a sleeping thread unless one is already on its way
 * or a spinning thread will see the work. Returns FALSE if no thread
 * sleeps. */
static gboolean
pool_state_wake_one (PoolState *state)
{
  if (g_atomic_int_get (&state->spinning))
    return TRUE;
  if (state->n_idle <= state->n_woken)
    return FALSE;

  g_atomic_int_inc (&state->n_woken);
  g_cond_signal (&state->work_cond);
  return TRUE;
}

/* How long one idle thread polls for a next task before it sleeps. A
 * main context that submits many short tasks then finds it busy and
 * does not pay for waking a thread each time. */
#define FUTURES_THREAD_POOL_SPIN_USEC 50

/* Lock held on entry and on return; dropped meanwhile. At most one
 * thread spins at a time, so spinning never takes every processor from
 * the thread that submits. */
static void
pool_state_spin (PoolState *state)
{
  gint64 deadline;

  if (!g_atomic_int_compare_and_exchange (&state->spinning, 0, 1))
    return;

  g_mutex_unlock (&state->lock);
  deadline = g_get_monotonic_time () + FUTURES_THREAD_POOL_SPIN_USEC;
  do
    {
      if (pool_state_has_work (state))
        break;
      g_thread_yield ();
    }
  while (g_get_monotonic_time () < deadline);
  pool_state_lock (state);

  /* A submitter that saw this thread spinning left the task to it: the
   * caller looks for work again after this. */
  g_atomic_int_set (&state->spinning, 0);
}

static gboolean pool_state_find_worker (PoolState  *state,
                                        GError    **error);

static gpointer
pool_thread (gpointer data)
{
  PoolState *state = data;

  pool_state_lock (state);
  for (;;)
    {
      FuturesTask *task = pool_state_dequeue (state);
      gint64 deadline;
      gboolean signalled;

      if (task != NULL)
        {
          /* More work than this thread: pass the wakeup on, so that the
           * main context rarely has to. With no thread asleep, start one:
           * every submit made while this thread spun counted on it, and it
           * takes only this task, which may run for long. */
          if (pool_state_has_work (state))
            pool_state_find_worker (state, NULL);
          g_mutex_unlock (&state->lock);
          futures_task_run (task);
          g_object_unref (task);
          pool_state_lock (state);
          continue;
        }

      if (state->stopping)
        break;

      pool_state_spin (state);
      if (pool_state_has_work (state) || state->stopping)
        continue;

      g_atomic_int_inc (&state->n_idle);
      if (pool_state_has_work (state))
        {
          /* Pushed by a submitter that did not see this thread idle. */
          g_atomic_int_add (&state->n_idle, -1);
          continue;
        }
      deadline = g_get_monotonic_time () + FUTURES_THREAD_POOL_IDLE_USEC;
      signalled = g_cond_wait_until (&state->work_cond, &state->lock, deadline);
      g_atomic_int_add (&state->n_idle, -1);
      if (state->n_woken > 0)
        g_atomic_int_add (&state->n_woken, -1);

      if (!signalled && !pool_state_has_work (state) && !state->stopping)
        {
          /* Idle for long: give the thread back, unless a submitter
           * pushed a task while it still counted this thread. */
          g_atomic_int_add (&state->n_threads, -1);
          if (!pool_state_has_work (state))
            goto exit;
          g_atomic_int_inc (&state->n_threads);
        }
    }

  g_atomic_int_add (&state->n_threads, -1);
exit:
  if (state->n_threads == 0)
    g_cond_broadcast (&state->exit_cond);
  g_mutex_unlock (&state->lock);

  pool_state_unref (state);
  return NULL;
}

/* Lock held. Finds a thread for one more task: a spinning or sleeping
 * one, or a new one while fewer than max-workers run; otherwise a busy
 * thread takes the task when done. */
static gboolean
pool_state_find_worker (PoolState  *state,
                        GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GThread *thread;

  if (pool_state_wake_one (state))
    return TRUE;

  if (state->n_threads >= state->max_workers)
    return TRUE;

  thread = g_thread_try_new ("futures-worker", pool_thread, pool_state_ref (state), &local_error);
  if (thread == NULL)
    {
      /* The reference meant for the thread goes back. It is never the
       * last one: the caller (the pool while it submits, or a running
       * thread) holds another. */
      if (g_atomic_ref_count_dec (&state->ref_count))
        g_assert_not_reached ();

      /* Another thread will get to the task in time; with none, fail. */
      if (state->n_threads > 0)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_thread_unref (thread);
  g_atomic_int_inc (&state->n_threads);
  return TRUE;
}

/* After a push: whether a thread must be woken or started for the task
 * (under the lock), or one is sure to find it (spinning, or busy and
 * looking for work when done). */
static gboolean
pool_state_needs_worker (PoolState *state)
{
  int woken;

  if (g_atomic_int_get (&state->spinning))
    return FALSE;
  /* n_woken first: a thread counted there is awake and looks for work
   * after this read, so it finds the task even if n_idle has dropped. */
  woken = g_atomic_int_get (&state->n_woken);
  return (g_atomic_int_get (&state->n_idle) > woken ||
          g_atomic_int_get (&state->n_threads) < state->max_workers);
}

struct _FuturesThreadPool
{
  GObject    parent_instance;
  PoolState *state;
  int        max_workers;
  gboolean   shut_down;
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

  pool_state_push (self->state, g_object_ref (task));
  if (!pool_state_needs_worker (self->state))
    return TRUE;

  pool_state_lock (self->state);
  if (!pool_state_find_worker (self->state, error))
    {
      /* No thread at all, and none could start: nothing will run it. */
      pool_state_unqueue (self->state, task);
      g_mutex_unlock (&self->state->lock);
      return FALSE;
    }
  g_mutex_unlock (&self->state->lock);

  return TRUE;
}

/* Queued tasks still run: their futures expect an answer. */
static void
pool_state_stop (PoolState *state,
                 gboolean   wait)
{
  pool_state_lock (state);
  state->stopping = TRUE;
  g_cond_broadcast (&state->work_cond);
  if (wait)
    while (state->n_threads > 0)
      g_cond_wait (&state->exit_cond, &state->lock);
  g_mutex_unlock (&state->lock);
}

static void
futures_thread_pool_shutdown (FuturesWorkerPool *pool,
                              gboolean           wait)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (pool);

  if (self->shut_down)
    return;

  self->shut_down = TRUE;
  pool_state_stop (self->state, wait);
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
  self->state->max_workers = self->max_workers;
}

static void
futures_thread_pool_finalize (GObject *object)
{
  FuturesThreadPool *self = FUTURES_THREAD_POOL (object);

  /* An unreferenced pool has nothing left to run for anyone: wait, so
   * that no worker outlives the object that owns its queue. */
  pool_state_stop (self->state, TRUE);
  g_clear_pointer (&self->state, pool_state_unref);

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
  self->state = g_new0 (PoolState, 1);
  g_atomic_ref_count_init (&self->state->ref_count);
  g_mutex_init (&self->state->lock);
  g_cond_init (&self->state->work_cond);
  g_cond_init (&self->state->exit_cond);
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
