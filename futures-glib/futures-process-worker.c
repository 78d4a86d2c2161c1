/* futures-process-worker.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-process-pool.h"
#include "futures-task-private.h"
#include "futures-wire-private.h"

/* The worker side of the process protocol. The thread that calls
 * futures_process_worker_main() runs the tasks (so that Python and GJS
 * code runs on the thread it belongs to); a reader thread takes frames
 * from the main process and hands them over, handling cancellation
 * itself. */

typedef struct
{
  GIOStream     *connection;
  GInputStream  *in;
  GOutputStream *out;
  GMutex         write_lock;

  GAsyncQueue   *requests;      /* GVariant (ytsv) frames: RUN or QUIT */

  GMutex         lock;          /* current, current_id, cancel_id */
  FuturesTask   *current;
  guint64        current_id;
  guint64        cancel_id;     /* a CANCEL that came before its task ran */
} Worker;

static guint8
wire_op_for (guint32 type)
{
  switch ((FuturesMessageType) type)
    {
    case FUTURES_MESSAGE_STARTED:
      return FUTURES_WIRE_STARTED;
    case FUTURES_MESSAGE_RETURNED:
      return FUTURES_WIRE_RETURNED;
    case FUTURES_MESSAGE_RAISED:
      return FUTURES_WIRE_RAISED;
    case FUTURES_MESSAGE_ABANDONED:
      return FUTURES_WIRE_ABANDONED;
    case FUTURES_MESSAGE_CUSTOM:
      return FUTURES_WIRE_MESSAGE;
    case FUTURES_MESSAGE_PLAIN:
    case FUTURES_MESSAGE_CUSTOM_CHUNK:  /* chunks stay in one process */
    default:
      g_assert_not_reached ();
    }
}

static gboolean
worker_send (gpointer       sink_data,
             guint64        id,
             guint32        type,
             GQuark         detail,
             const GValue  *value,
             GError       **error)
{
  Worker *worker = sink_data;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GError) local_error = NULL;

  if (type == FUTURES_MESSAGE_RAISED)
    variant = g_variant_ref_sink (futures_wire_error_to_variant (g_value_get_boxed (value)));
  else
    {
      variant = futures_wire_value_to_variant (value, error);
      if (variant == NULL)
        return FALSE;
      g_variant_ref_sink (variant);
    }

  if (!futures_wire_write_frame (worker->out, &worker->write_lock, wire_op_for (type), id,
                                 detail != 0 ? g_quark_to_string (detail) : "", variant,
                                 &local_error))
    {
      /* The main process is gone: nobody is left to work for. */
      _exit (0);
    }
  return TRUE;
}

static const FuturesTaskSink worker_sink = { worker_send };

static gpointer
worker_reader (gpointer data)
{
  Worker *worker = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GVariant *frame = futures_wire_read_frame (worker->in, &error);
      guint8 op;
      guint64 id;

      if (frame == NULL)
        {
          /* End of stream: the main process closed our connection or
           * died. A task still running has no one to report to. */
          if (error != NULL)
            g_printerr ("futures-glib worker %d: %s\n", (int) getpid (), error->message);
          _exit (0);
        }

      g_variant_get (frame, "(yt&sv)", &op, &id, NULL, NULL);
      if (op == FUTURES_WIRE_CANCEL)
        {
          g_mutex_lock (&worker->lock);
          if (worker->current != NULL && worker->current_id == id)
            futures_task_request_cancel (worker->current);
          else
            worker->cancel_id = id;
          g_mutex_unlock (&worker->lock);
          g_variant_unref (frame);
        }
      else if (op == FUTURES_WIRE_RUN || op == FUTURES_WIRE_QUIT)
        {
          gboolean quit = op == FUTURES_WIRE_QUIT;

          g_async_queue_push (worker->requests, frame);
          if (quit)
            return NULL;
        }
      else
        {
          g_printerr ("futures-glib worker %d: unexpected operation %u\n", (int) getpid (), op);
          g_variant_unref (frame);
        }
    }
}

static void
worker_run (Worker   *worker,
            GVariant *frame)
{
  g_autoptr(GVariant) args = NULL;
  g_autoptr(FuturesTask) task = NULL;
  FuturesTaskFunc func;
  gpointer func_data;
  const char *name;
  guint64 id;

  /* "v" yields the value inside the variant: here a maybe of the
   * arguments (nothing when there are none). */
  g_variant_get (frame, "(yt&sv)", NULL, &id, &name, &args);
  if (g_variant_is_of_type (args, G_VARIANT_TYPE ("mv")))
    {
      g_autoptr(GVariant) maybe = g_variant_get_maybe (args);

      g_clear_pointer (&args, g_variant_unref);
      if (maybe != NULL)
        args = g_variant_get_variant (maybe);
    }
  else
    g_clear_pointer (&args, g_variant_unref);

  if (!futures_lookup_task (name, &func, &func_data))
    {
      g_autoptr(GError) error = g_error_new (FUTURES_ERROR, FUTURES_ERROR_NOT_REGISTERED,
                                             _("No task is registered as “%s” in worker process %d"),
                                             name, (int) getpid ());
      GValue value = G_VALUE_INIT;

      worker_send (worker, id, FUTURES_MESSAGE_STARTED, 0, NULL, NULL);
      g_value_init (&value, G_TYPE_ERROR);
      g_value_set_boxed (&value, error);
      worker_send (worker, id, FUTURES_MESSAGE_RAISED, 0, &value, NULL);
      g_value_unset (&value);
      return;
    }

  task = futures_task_new_remote (&worker_sink, worker, id, name, func, func_data, args);

  g_mutex_lock (&worker->lock);
  worker->current = task;
  worker->current_id = id;
  if (worker->cancel_id == id)
    futures_task_request_cancel (task);
  g_mutex_unlock (&worker->lock);

  futures_task_run (task);

  g_mutex_lock (&worker->lock);
  worker->current = NULL;
  g_mutex_unlock (&worker->lock);
}

/**
 * futures_process_worker_main:
 *
 * The hook that makes a program usable as its own process worker. Call it
 * at the top of main(), after registering the program's named tasks
 * (futures_register_task()):
 *
 * |[<!-- language="C" -->
 * int
 * main (int argc, char *argv[])
 * {
 *   futures_register_task ("render", render_task, NULL, NULL);
 *   if (futures_process_worker_main ())
 *     return 0;
 *   ...
 * ]|
 *
 * In a process started by a #FuturesProcessPool it serves tasks until the
 * pool lets it go, then returns %TRUE; the program should then exit. In
 * any other process it returns %FALSE at once. Tasks run on the calling
 * thread, one at a time, so Python and JavaScript workers run theirs on
 * their main thread; a second thread reads the main process's requests
 * and passes on cancellation. When the connection to the main process
 * closes (the main process exited, was killed or dropped the worker),
 * the worker exits at once with status 0, even in the middle of a task,
 * without returning.
 *
 * A process is a worker when the environment variable named by
 * %FUTURES_PROCESS_WORKER_FD_ENV holds the number of a file descriptor
 * (3 or more) that is a bidirectional byte stream, such as a socket; the
 * pool sets both up. The variable is unset on the way in. The protocol
 * uses only that descriptor, so the worker's standard input, output and
 * error stay free for the program's own use.
 *
 * From Python and GJS it is `Futures.process_worker_main()`; see the
 * [Process workers][futures-process-workers] guide page for workers
 * written in those languages.
 *
 * Returns: %TRUE if this process served as a worker (and should exit now),
 *   %FALSE if it is not a worker
 */
gboolean
futures_process_worker_main (void)
{
  const char *fd_text = g_getenv (FUTURES_PROCESS_WORKER_FD_ENV);
  Worker worker = { 0 };
  g_autoptr(GError) error = NULL;
  GThread *reader;
  guint64 fd;

  if (fd_text == NULL || !g_ascii_string_to_unsigned (fd_text, 10, 3, G_MAXINT, &fd, NULL))
    return FALSE;

  /* Programs this worker starts are not workers themselves. */
  g_unsetenv (FUTURES_PROCESS_WORKER_FD_ENV);

  futures_wire_open_streams ((int) fd, &worker.connection, &worker.in, &worker.out);
  g_mutex_init (&worker.write_lock);
  g_mutex_init (&worker.lock);
  worker.requests = g_async_queue_new_full ((GDestroyNotify) g_variant_unref);

  if (!futures_wire_write_frame (worker.out, &worker.write_lock, FUTURES_WIRE_HELLO, 0, "",
                                 g_variant_new_uint32 ((guint32) getpid ()), &error))
    _exit (0);

  reader = g_thread_new ("futures-worker-reader", worker_reader, &worker);

  for (;;)
    {
      GVariant *frame = g_async_queue_pop (worker.requests);
      guint8 op;

      g_variant_get (frame, "(yt&sv)", &op, NULL, NULL, NULL);
      if (op == FUTURES_WIRE_QUIT)
        {
          g_variant_unref (frame);
          break;
        }
      worker_run (&worker, frame);
      g_variant_unref (frame);
    }

  g_thread_join (reader);
  g_async_queue_unref (worker.requests);
  g_clear_object (&worker.in);
  g_clear_object (&worker.out);
  if (worker.connection != NULL)
    g_io_stream_close (worker.connection, NULL, NULL);
  g_clear_object (&worker.connection);
  g_mutex_clear (&worker.write_lock);
  g_mutex_clear (&worker.lock);

  return TRUE;
}
