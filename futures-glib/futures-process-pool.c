/* futures-process-pool.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-process-pool.h"
#include "futures-task-private.h"
#include "futures-wire-private.h"

/**
 * SECTION:futures-process-pool
 * @Title: FuturesProcessPool
 * @Short_description: A worker pool of processes
 * @See_also: #FuturesProcessContext, futures_process_worker_main()
 *
 * #FuturesProcessPool runs named tasks (futures_register_task()) in worker
 * processes, at most #FuturesWorkerPool:max-workers at a time, one task
 * per worker at a time. Workers are started on demand with #GSubprocess
 * from #FuturesProcessPool:argv — by default the running program itself,
 * which then serves as a worker through futures_process_worker_main().
 * Any command works, including `/usr/bin/python3 worker.py`, `gjs -m
 * worker.js` or a remote shell, as long as it ends up calling
 * futures_process_worker_main() with the protocol descriptor (see
 * %FUTURES_PROCESS_WORKER_FD_ENV) intact.
 *
 * A worker that crashes, is killed or exits fails only the task it was
 * running, with %FUTURES_ERROR_WORKER_CRASHED naming the signal or exit
 * status, and a new worker takes the next task. A worker that sends
 * anything but valid frames fails its task with %FUTURES_ERROR_PROTOCOL and
 * is stopped. #FuturesProcessPool:max-tasks-per-worker recycles workers;
 * #FuturesProcessPool:cancel-grace-period kills a worker whose task
 * ignores cancellation for too long. A worker that closes its connection
 * but does not exit within five seconds is killed; its task fails with
 * %FUTURES_ERROR_WORKER_CRASHED all the same.
 *
 * Workers notice when the main process goes away (their connection
 * closes) and exit, so none outlives it.
 *
 * An executor made with a #FuturesProcessContext makes its pool itself;
 * see the [Process workers][futures-process-workers] guide page for how
 * to use both, and for the protocol a worker speaks.
 */

/**
 * FuturesProcessPool:
 *
 * A #FuturesWorkerPool of worker processes. An opaque object: use
 * futures_process_pool_new() or g_object_new() with the properties below,
 * and the #FuturesWorkerPool functions.
 */

typedef struct
{
  gatomicrefcount     ref_count;
  FuturesProcessPool *pool;
  GSubprocess        *process;
  GPid                pid;
  GIOStream          *connection;
  GInputStream       *in;
  GOutputStream      *out;
  GMutex              write_lock;
  GThread            *reader;

  /* Under the pool's lock. */
  FuturesTask        *current;
  guint64             current_id;
  gboolean            started;
  guint               tasks_run;
  gboolean            quitting;
  gboolean            dead;
} Worker;

struct _FuturesProcessPool
{
  GObject    parent_instance;

  char     **argv;
  int        max_workers;
  int        max_tasks_per_worker;
  int        grace_msec;

  GMutex     lock;
  GQueue     pending;       /* FuturesTask*, each a reference */
  GPtrArray *workers;       /* live Worker*s */
  GPtrArray *all_workers;   /* every Worker* whose reader is not joined */
  GPtrArray *graces;        /* every Grace whose thread is not joined */
  GCond      grace_cond;    /* a worker died or finished its task */
  guint64    next_id;
  gboolean   shut_down;
};

enum {
  PROP_0,
  PROP_MAX_WORKERS,
  PROP_ARGV,
  PROP_MAX_TASKS_PER_WORKER,
  PROP_CANCEL_GRACE_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void futures_process_pool_iface_init (FuturesWorkerPoolInterface *iface);
static void futures_process_pool_dispatch_locked (FuturesProcessPool *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesProcessPool, futures_process_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_WORKER_POOL,
                                                      futures_process_pool_iface_init))

static Worker *
worker_ref (Worker *worker)
{
  g_atomic_ref_count_inc (&worker->ref_count);
  return worker;
}

static void
worker_unref (Worker *worker)
{
  if (g_atomic_ref_count_dec (&worker->ref_count))
    {
      g_assert (worker->current == NULL);
      g_clear_object (&worker->process);
      g_clear_object (&worker->in);
      g_clear_object (&worker->out);
      g_clear_object (&worker->connection);
      g_mutex_clear (&worker->write_lock);
      g_free (worker);
    }
}

/* Fails @task as a worker's end would: a task whose worker never said it
 * started is announced as started first, unless the user cancelled it,
 * in which case it was simply never run. Takes @error. */
static void
fail_task (FuturesTask *task,
           gboolean     started,
           GError      *error)
{
  GValue value = G_VALUE_INIT;

  if (!started)
    {
      if (futures_task_is_cancelled (task))
        {
          futures_task_push_remote (task, FUTURES_MESSAGE_ABANDONED, 0, NULL);
          g_error_free (error);
          return;
        }
      futures_task_push_remote (task, FUTURES_MESSAGE_STARTED, 0, NULL);
    }

  g_value_init (&value, G_TYPE_ERROR);
  g_value_take_boxed (&value, error);
  futures_task_push_remote (task, FUTURES_MESSAGE_RAISED, 0, &value);
}

static gboolean
worker_write (Worker      *worker,
              guint8       op,
              guint64      id,
              const char  *text,
              GVariant    *value)
{
  g_autoptr(GError) error = NULL;

  if (!futures_wire_write_frame (worker->out, &worker->write_lock, op, id, text, value, &error))
    {
      g_debug ("FuturesProcessPool: writing to worker %d failed: %s", (int) worker->pid,
               error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
describe_exit (GSubprocess *process)
{
  if (g_subprocess_get_if_signaled (process))
    {
      int sig = g_subprocess_get_term_sig (process);

      return g_strdup_printf (_("was killed by signal %d (%s)"), sig, g_strsignal (sig));
    }
  if (g_subprocess_get_if_exited (process))
    return g_strdup_printf (_("exited with status %d"), g_subprocess_get_exit_status (process));
  return g_strdup (_("ended"));
}

/* Turns one frame from the worker into a message for its task's future. */
static gboolean
worker_deliver (Worker    *worker,
                GVariant  *frame,
                GError   **error)
{
  FuturesProcessPool *self = worker->pool;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(FuturesTask) task = NULL;
  GValue value = G_VALUE_INIT;
  const char *text;
  gboolean final = FALSE;
  guint64 id;
  GQuark kind;
  guint8 op;

  /* "v" yields the value inside the variant. */
  g_variant_get (frame, "(yt&sv)", &op, &id, &text, &payload);

  if (op == FUTURES_WIRE_HELLO)
    return TRUE;

  g_mutex_lock (&self->lock);
  if (worker->current != NULL && worker->current_id == id)
    task = g_object_ref (worker->current);
  g_mutex_unlock (&self->lock);

  if (task == NULL)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                   _("Worker process %d sent a message for task %llu, which it is not running"),
                   (int) worker->pid, (unsigned long long) id);
      return FALSE;
    }

  switch (op)
    {
    case FUTURES_WIRE_STARTED:
      g_mutex_lock (&self->lock);
      worker->started = TRUE;
      g_mutex_unlock (&self->lock);
      futures_task_push_remote (task, FUTURES_MESSAGE_STARTED, 0, NULL);
      return TRUE;

    case FUTURES_WIRE_MESSAGE:
      kind = futures_wire_intern_remote (text);
      if (kind == 0)
        {
          g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                       _("Worker process %d sent a message of kind “%s”, after too many other "
                         "new kinds"), (int) worker->pid, text);
          return FALSE;
        }
      if (!futures_wire_value_from_variant (payload, &value, error))
        return FALSE;
      /* Progress is latest-wins here too: a report replaces the one the
       * main context has not taken yet. A report of another shape goes
       * through as it came, for the future to refuse. (The kind's text,
       * not a quark: interning takes GLib's global lock, per message.) */
      if (g_str_equal (text, FUTURES_KIND_PROGRESS) &&
          G_VALUE_HOLDS_VARIANT (&value) &&
          g_variant_is_of_type (g_value_get_variant (&value), G_VARIANT_TYPE ("(dms)")))
        {
          double fraction;
          const char *report_text;

          g_variant_get (g_value_get_variant (&value), "(dm&s)", &fraction, &report_text);
          futures_task_push_remote_progress (task, fraction, report_text);
          g_value_unset (&value);
          return TRUE;
        }
      futures_task_push_remote (task, FUTURES_MESSAGE_CUSTOM, kind, &value);
      return TRUE;

    case FUTURES_WIRE_RETURNED:
      if (!futures_wire_value_from_variant (payload, &value, error))
        return FALSE;
      futures_task_push_remote (task, FUTURES_MESSAGE_RETURNED, 0, &value);
      final = TRUE;
      break;

    case FUTURES_WIRE_RAISED:
      if (!g_variant_is_of_type (payload, G_VARIANT_TYPE ("(sis)")))
        {
          g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                       _("Worker process %d reported a malformed error"), (int) worker->pid);
          return FALSE;
        }
      g_value_init (&value, G_TYPE_ERROR);
      g_value_take_boxed (&value, futures_wire_error_from_variant (payload));
      futures_task_push_remote (task, FUTURES_MESSAGE_RAISED, 0, &value);
      final = TRUE;
      break;

    case FUTURES_WIRE_ABANDONED:
      futures_task_push_remote (task, FUTURES_MESSAGE_ABANDONED, 0, NULL);
      final = TRUE;
      break;

    default:
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                   _("Worker process %d sent an unknown operation %u"), (int) worker->pid, op);
      return FALSE;
    }

  g_assert (final);
  g_mutex_lock (&self->lock);
  g_clear_object (&worker->current);
  g_cond_broadcast (&self->grace_cond);
  worker->tasks_run++;
  if (self->max_tasks_per_worker > 0 && worker->tasks_run >= (guint) self->max_tasks_per_worker &&
      !worker->quitting)
    {
      /* Recycled: it exits, a new worker takes its place on demand. */
      worker->quitting = TRUE;
      g_ptr_array_remove (self->workers, worker);
      worker_write (worker, FUTURES_WIRE_QUIT, 0, "", NULL);
      worker_unref (worker);
    }
  futures_process_pool_dispatch_locked (self);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/* How long a worker whose connection ended may take to exit. It has no
 * way left to get or report work, so one that lingers (a launcher that
 * dropped the descriptor, a program that closed it and went on) is
 * killed: otherwise its task would wait, and the pool's shutdown hang,
 * for as long as it lives. A worker that quits exits long before. */
#define FUTURES_PROCESS_POOL_EXIT_GRACE_MSEC 5000

static void
worker_exited (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
worker_exit_grace_over (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Reaps the process of @worker, whose connection has ended, so that no
 * zombie is left; kills it first if it does not exit on its own. */
static void
worker_reap (Worker *worker)
{
  GMainContext *context = g_main_context_new ();
  GSource *grace = g_timeout_source_new (FUTURES_PROCESS_POOL_EXIT_GRACE_MSEC);
  gboolean exited = FALSE;
  gboolean grace_over = FALSE;

  g_main_context_push_thread_default (context);
  g_subprocess_wait_async (worker->process, NULL, worker_exited, &exited);
  g_source_set_callback (grace, worker_exit_grace_over, &grace_over, NULL);
  g_source_attach (grace, context);

  while (!exited && !grace_over)
    g_main_context_iteration (context, TRUE);
  if (!exited)
    {
      g_debug ("FuturesProcessPool: worker process %d closed its connection but did not exit "
               "within %d ms: killing it", (int) worker->pid, FUTURES_PROCESS_POOL_EXIT_GRACE_MSEC);
      g_subprocess_force_exit (worker->process);
      while (!exited)
        g_main_context_iteration (context, TRUE);
    }

  g_source_destroy (grace);
  g_source_unref (grace);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
}

static gpointer
worker_reader (gpointer data)
{
  Worker *worker = data;
  FuturesProcessPool *self = worker->pool;
  g_autoptr(GError) protocol_error = NULL;
  g_autofree char *how = NULL;
  FuturesTask *task;
  gboolean started;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) frame = futures_wire_read_frame (worker->in, &error);

      if (frame == NULL)
        {
          if (error != NULL && g_error_matches (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL))
            protocol_error = g_steal_pointer (&error);
          break;
        }
      if (!worker_deliver (worker, frame, &protocol_error))
        break;
    }

  if (protocol_error != NULL)
    {
      g_warning ("FuturesProcessPool: stopping worker process %d: %s", (int) worker->pid,
                 protocol_error->message);
      g_subprocess_force_exit (worker->process);
    }

  /* Reap it, and learn how it ended. */
  worker_reap (worker);
  how = describe_exit (worker->process);

  g_mutex_lock (&self->lock);
  worker->dead = TRUE;
  g_cond_broadcast (&self->grace_cond);
  if (g_ptr_array_remove (self->workers, worker))
    worker_unref (worker);
  task = g_steal_pointer (&worker->current);
  started = worker->started;
  g_mutex_unlock (&self->lock);

  if (task != NULL)
    {
      GError *error;

      if (protocol_error != NULL)
        error = g_error_copy (protocol_error);
      else
        error = g_error_new (FUTURES_ERROR, FUTURES_ERROR_WORKER_CRASHED,
                             _("The worker process %d running the task %s"),
                             (int) worker->pid, how);
      fail_task (task, started, error);
      g_object_unref (task);
    }
  else
    g_debug ("FuturesProcessPool: worker process %d %s", (int) worker->pid, how);

  g_mutex_lock (&self->lock);
  futures_process_pool_dispatch_locked (self);
  g_mutex_unlock (&self->lock);

  return NULL;
}

static void
child_setup (gpointer user_data)
{
  /* A worker must not keep the main process's terminal signals: it ends
   * when its connection does. */
  setpgid (0, 0);
}

static Worker *
futures_process_pool_spawn_locked (FuturesProcessPool  *self,
                                   GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *fd_text = NULL;
  Worker *worker;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not make a connection for a worker process: %s"), g_strerror (saved));
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  fd_text = g_strdup_printf ("%d", 3);
  g_subprocess_launcher_setenv (launcher, FUTURES_PROCESS_WORKER_FD_ENV, fd_text, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) self->argv, error);
  if (process == NULL)
    {
      close (fds[0]);
      return NULL;
    }

  worker = g_new0 (Worker, 1);
  g_atomic_ref_count_init (&worker->ref_count);
  worker->pool = self;
  worker->process = g_steal_pointer (&process);
  worker->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (worker->process), NULL, 10);
  futures_wire_open_streams (fds[0], &worker->connection, &worker->in, &worker->out);
  g_mutex_init (&worker->write_lock);

  g_ptr_array_add (self->workers, worker_ref (worker));
  g_ptr_array_add (self->all_workers, worker);   /* the reader's reference */
  worker->reader = g_thread_new ("futures-process-reader", worker_reader, worker);

  g_debug ("FuturesProcessPool %p: started worker process %d", self, (int) worker->pid);
  return worker;
}

static Worker *
futures_process_pool_idle_worker_locked (FuturesProcessPool *self)
{
  guint i;

  for (i = 0; i < self->workers->len; i++)
    {
      Worker *worker = self->workers->pdata[i];

      if (worker->current == NULL && !worker->quitting && !worker->dead)
        return worker;
    }
  return NULL;
}

/* Hands queued tasks to idle workers, starting workers up to the limit. */
static void
futures_process_pool_dispatch_locked (FuturesProcessPool *self)
{
  while (!g_queue_is_empty (&self->pending) && !self->shut_down)
    {
      g_autoptr(GError) error = NULL;
      Worker *worker = futures_process_pool_idle_worker_locked (self);
      FuturesTask *task;
      GVariant *arguments;

      if (worker == NULL && self->workers->len < (guint) self->max_workers)
        worker = futures_process_pool_spawn_locked (self, &error);

      if (worker == NULL && error != NULL)
        {
          /* No worker can be started at all: fail the task rather than
           * leave it waiting forever. */
          task = g_queue_pop_head (&self->pending);
          fail_task (task, FALSE, g_steal_pointer (&error));
          g_object_unref (task);
          continue;
        }
      if (worker == NULL)
        return;

      task = g_queue_pop_head (&self->pending);
      if (futures_task_is_cancelled (task))
        {
          futures_task_push_remote (task, FUTURES_MESSAGE_ABANDONED, 0, NULL);
          g_object_unref (task);
          continue;
        }

      worker->current = task;
      worker->current_id = ++self->next_id;
      worker->started = FALSE;
      arguments = futures_task_get_arguments (task);
      /* A failed write means the worker died: its reader fails the task.
       * Arguments travel as a maybe, so that no arguments and () differ. */
      worker_write (worker, FUTURES_WIRE_RUN, worker->current_id, futures_task_get_name (task),
                    g_variant_new_maybe (G_VARIANT_TYPE_VARIANT,
                                         arguments != NULL ? g_variant_new_variant (arguments)
                                                           : NULL));
    }
}

/* A watch on a cancelled task: its worker is killed if the task still
 * runs when the grace period is over. The pool joins every watch before
 * it goes (a watch uses the pool's lock), and a watch ends early once
 * the task or its worker did. */
typedef struct
{
  Worker   *worker;
  guint64   id;
  int       grace_msec;
  GThread  *thread;
  gboolean  finished;   /* under the pool's lock */
} Grace;

static gboolean
grace_still_running (Grace *grace)
{
  return !grace->worker->dead && grace->worker->current != NULL &&
         grace->worker->current_id == grace->id;
}

static gpointer
grace_watch (gpointer data)
{
  Grace *grace = data;
  FuturesProcessPool *self = grace->worker->pool;
  gint64 deadline = g_get_monotonic_time () + (gint64) grace->grace_msec * 1000;

  g_mutex_lock (&self->lock);
  while (grace_still_running (grace) &&
         g_cond_wait_until (&self->grace_cond, &self->lock, deadline))
    ;
  if (grace_still_running (grace))
    {
      g_debug ("FuturesProcessPool: task %llu ignored cancellation for %d ms: killing worker %d",
               (unsigned long long) grace->id, grace->grace_msec, (int) grace->worker->pid);
      g_subprocess_force_exit (grace->worker->process);
    }
  grace->finished = TRUE;
  g_mutex_unlock (&self->lock);

  return NULL;
}

static void
grace_join (Grace *grace)
{
  g_thread_join (grace->thread);
  worker_unref (grace->worker);
  g_free (grace);
}

/* Lock held. Joins the watches that are over: they only have to return. */
static void
futures_process_pool_reap_graces_locked (FuturesProcessPool *self)
{
  guint i = 0;

  while (i < self->graces->len)
    {
      Grace *grace = self->graces->pdata[i];

      if (grace->finished)
        {
          g_ptr_array_remove_index_fast (self->graces, i);
          grace_join (grace);
        }
      else
        i++;
    }
}

/* Main context, from futures_future_cancel(). */
static void
futures_process_pool_cancel (FuturesTask *task,
                             gpointer     user_data)
{
  FuturesProcessPool *self = user_data;
  guint i;

  g_mutex_lock (&self->lock);
  for (i = 0; i < self->workers->len; i++)
    {
      Worker *worker = self->workers->pdata[i];

      if (worker->current != task)
        continue;

      worker_write (worker, FUTURES_WIRE_CANCEL, worker->current_id, "", NULL);
      if (self->grace_msec >= 0)
        {
          Grace *grace = g_new0 (Grace, 1);

          futures_process_pool_reap_graces_locked (self);
          grace->worker = worker_ref (worker);
          grace->id = worker->current_id;
          grace->grace_msec = self->grace_msec;
          grace->thread = g_thread_new ("futures-cancel-grace", grace_watch, grace);
          g_ptr_array_add (self->graces, grace);
        }
      break;
    }
  /* A task still queued is abandoned when its turn comes. */
  g_mutex_unlock (&self->lock);
}

static gboolean
futures_process_pool_submit (FuturesWorkerPool  *pool,
                             FuturesTask        *task,
                             GError            **error)
{
  FuturesProcessPool *self = FUTURES_PROCESS_POOL (pool);

  if (!futures_task_is_named (task))
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SUPPORTED,
                           _("Worker processes run only named tasks (see futures_executor_submit_named())"));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  if (self->shut_down)
    {
      g_mutex_unlock (&self->lock);
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_CLOSED,
                           _("The worker pool was shut down"));
      return FALSE;
    }

  if (futures_task_get_arguments (task) != NULL &&
      g_variant_get_size (futures_task_get_arguments (task)) > FUTURES_WIRE_MAX_PAYLOAD - 1024)
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE,
                   _("The arguments of task “%s” are larger than a frame may be (%u bytes)"),
                   futures_task_get_name (task), FUTURES_WIRE_MAX_PAYLOAD);
      return FALSE;
    }

  futures_task_set_cancel_func (task, futures_process_pool_cancel, self);
  g_queue_push_tail (&self->pending, g_object_ref (task));
  futures_process_pool_dispatch_locked (self);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static void
futures_process_pool_shutdown (FuturesWorkerPool *pool,
                               gboolean           wait)
{
  FuturesProcessPool *self = FUTURES_PROCESS_POOL (pool);
  g_autoptr(GPtrArray) readers = g_ptr_array_new ();
  g_autoptr(GPtrArray) graces = NULL;
  FuturesTask *task;
  guint i;

  g_mutex_lock (&self->lock);
  if (!self->shut_down)
    {
      self->shut_down = TRUE;
      while ((task = g_queue_pop_head (&self->pending)) != NULL)
        {
          fail_task (task, FALSE, g_error_new_literal (FUTURES_ERROR, FUTURES_ERROR_CLOSED,
                                                       _("The worker pool was shut down")));
          g_object_unref (task);
        }
      /* Each worker finishes what it runs, then exits. */
      for (i = 0; i < self->workers->len; i++)
        {
          Worker *worker = self->workers->pdata[i];

          worker->quitting = TRUE;
          worker_write (worker, FUTURES_WIRE_QUIT, 0, "", NULL);
        }
    }
  if (wait)
    {
      for (i = 0; i < self->all_workers->len; i++)
        g_ptr_array_add (readers, self->all_workers->pdata[i]);
      g_ptr_array_set_size (self->all_workers, 0);
    }
  g_mutex_unlock (&self->lock);

  for (i = 0; i < readers->len; i++)
    {
      Worker *worker = readers->pdata[i];

      g_thread_join (worker->reader);
      worker_unref (worker);
    }

  /* Every worker is gone: the watches end at once. A task ignoring its
   * cancellation was killed by its watch meanwhile, or the wait above
   * would not have ended. */
  if (wait)
    {
      g_mutex_lock (&self->lock);
      graces = g_steal_pointer (&self->graces);
      self->graces = g_ptr_array_new ();
      g_mutex_unlock (&self->lock);
      for (i = 0; i < graces->len; i++)
        grace_join (graces->pdata[i]);
    }
}

static int
futures_process_pool_get_max_workers (FuturesWorkerPool *pool)
{
  return FUTURES_PROCESS_POOL (pool)->max_workers;
}

static void
futures_process_pool_iface_init (FuturesWorkerPoolInterface *iface)
{
  iface->submit = futures_process_pool_submit;
  iface->shutdown = futures_process_pool_shutdown;
  iface->get_max_workers = futures_process_pool_get_max_workers;
}

static void
futures_process_pool_constructed (GObject *object)
{
  FuturesProcessPool *self = FUTURES_PROCESS_POOL (object);

  G_OBJECT_CLASS (futures_process_pool_parent_class)->constructed (object);

  if (self->max_workers <= 0)
    self->max_workers = (int) g_get_num_processors ();
  if (self->argv == NULL || self->argv[0] == NULL)
    {
      /* The running program, re-executed: its main() calls
       * futures_process_worker_main() first thing. */
      g_strfreev (self->argv);
      self->argv = g_new0 (char *, 2);
      self->argv[0] = g_file_read_link ("/proc/self/exe", NULL);
      if (self->argv[0] == NULL)
        self->argv[0] = g_strdup (g_get_prgname ());
    }
}

static void
futures_process_pool_finalize (GObject *object)
{
  FuturesProcessPool *self = FUTURES_PROCESS_POOL (object);

  /* Also joins every reader, which reaps every worker process. */
  futures_process_pool_shutdown (FUTURES_WORKER_POOL (self), TRUE);

  g_ptr_array_unref (self->workers);
  g_ptr_array_unref (self->all_workers);
  g_ptr_array_unref (self->graces);
  g_cond_clear (&self->grace_cond);
  g_strfreev (self->argv);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (futures_process_pool_parent_class)->finalize (object);
}

static void
futures_process_pool_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FuturesProcessPool *self = FUTURES_PROCESS_POOL (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      g_value_set_int (value, self->max_workers);
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
futures_process_pool_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FuturesProcessPool *self = FUTURES_PROCESS_POOL (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      self->max_workers = g_value_get_int (value);
      break;
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
futures_process_pool_class_init (FuturesProcessPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = futures_process_pool_constructed;
  object_class->finalize = futures_process_pool_finalize;
  object_class->get_property = futures_process_pool_get_property;
  object_class->set_property = futures_process_pool_set_property;

  /**
   * FuturesProcessPool:max-workers:
   *
   * The most worker processes at a time; 0 (the default) means the number
   * of processors.
   */
  properties[PROP_MAX_WORKERS] =
    g_param_spec_int ("max-workers", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FuturesProcessPool:argv:
   *
   * The command that starts a worker process. %NULL (the default) runs the
   * current program again, which must call futures_process_worker_main()
   * at the top of its main().
   */
  properties[PROP_ARGV] =
    g_param_spec_boxed ("argv", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FuturesProcessPool:max-tasks-per-worker:
   *
   * How many tasks a worker process runs before it is replaced by a fresh
   * one; 0 (the default) means no limit.
   */
  properties[PROP_MAX_TASKS_PER_WORKER] =
    g_param_spec_int ("max-tasks-per-worker", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FuturesProcessPool:cancel-grace-period:
   *
   * How long, in milliseconds, a cancelled task may keep running before
   * its worker process is killed (and replaced); the future then ends
   * CANCELLED all the same. -1 (the default) never kills.
   */
  properties[PROP_CANCEL_GRACE_PERIOD] =
    g_param_spec_int ("cancel-grace-period", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
futures_process_pool_init (FuturesProcessPool *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->pending);
  self->workers = g_ptr_array_new ();
  self->all_workers = g_ptr_array_new ();
  self->graces = g_ptr_array_new ();
  g_cond_init (&self->grace_cond);
  self->grace_msec = -1;
}

/**
 * futures_process_pool_new:
 * @max_workers: the most worker processes at a time, or 0 for the number
 *   of processors
 * @argv: (array zero-terminated=1) (nullable): the command that starts a
 *   worker, or %NULL to run the current program again
 *
 * Creates a pool of worker processes. No process starts until a task is
 * submitted. Use g_object_new() to set
 * #FuturesProcessPool:max-tasks-per-worker or
 * #FuturesProcessPool:cancel-grace-period as well.
 *
 * Returns: (transfer full): a new #FuturesProcessPool
 */
FuturesProcessPool *
futures_process_pool_new (int                 max_workers,
                          const char * const *argv)
{
  g_return_val_if_fail (max_workers >= 0, NULL);

  return g_object_new (FUTURES_TYPE_PROCESS_POOL,
                       "max-workers", max_workers,
                       "argv", argv,
                       NULL);
}

/**
 * futures_process_pool_get_argv:
 * @self: a #FuturesProcessPool
 *
 * Gets the #FuturesProcessPool:argv property.
 *
 * Returns: (array zero-terminated=1) (transfer none): the command that
 *   starts a worker
 */
const char * const *
futures_process_pool_get_argv (FuturesProcessPool *self)
{
  g_return_val_if_fail (FUTURES_IS_PROCESS_POOL (self), NULL);

  return (const char * const *) self->argv;
}

/**
 * futures_process_pool_get_worker_pids:
 * @self: a #FuturesProcessPool
 * @n_pids: (out): the number of process ids returned
 *
 * Gets the process ids of the worker processes running now: those of the
 * processes the pool started from #FuturesProcessPool:argv. When that
 * command is a launcher (a remote shell, say), they are the launcher's
 * ids, not those of the workers behind it.
 *
 * Returns: (array length=n_pids) (transfer full): the process ids
 */
int *
futures_process_pool_get_worker_pids (FuturesProcessPool *self,
                                      guint              *n_pids)
{
  int *pids;
  guint i;

  g_return_val_if_fail (FUTURES_IS_PROCESS_POOL (self), NULL);
  g_return_val_if_fail (n_pids != NULL, NULL);

  g_mutex_lock (&self->lock);
  *n_pids = self->workers->len;
  pids = g_new0 (int, MAX (1, self->workers->len));
  for (i = 0; i < self->workers->len; i++)
    pids[i] = (int) ((Worker *) self->workers->pdata[i])->pid;
  g_mutex_unlock (&self->lock);

  return pids;
}
