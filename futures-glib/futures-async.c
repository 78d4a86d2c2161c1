/* futures-async.c: what the _async functions share
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-async-private.h"

/* An asynchronous wait for a main-context object to reach a state: a
 * handler of one of its notify signals, and the task's cancellable
 * watched from the task's main context (a cancellable may be cancelled
 * from any thread; the callback must come in the caller's context). */
typedef struct
{
  gulong                    handler;
  GSource                  *cancel_source;
  FuturesAsyncReadyFunc     ready;
  FuturesAsyncCompleteFunc  complete;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  /* The handler holds the task, so it is gone by now. */
  if (watch->cancel_source != NULL)
    {
      g_source_destroy (watch->cancel_source);
      g_source_unref (watch->cancel_source);
    }
  g_free (watch);
}

/* Stops watching: the task is returned next, exactly once. */
static void
watch_stop (GTask *task)
{
  Watch *watch = g_task_get_task_data (task);

  g_clear_signal_handler (&watch->handler, g_task_get_source_object (task));
  if (watch->cancel_source != NULL)
    g_source_destroy (watch->cancel_source);
}

static void
watch_on_notify (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GTask *task = user_data;
  Watch *watch = g_task_get_task_data (task);

  if (!watch->ready (object))
    return;

  g_object_ref (task);
  watch_stop (task);
  watch->complete (object, task);
  g_object_unref (task);
}

static gboolean
watch_on_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;

  g_object_ref (task);
  watch_stop (task);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/* Completes @task with @complete on the first @detailed_signal (a notify
 * signal of the task's source object) after which @ready is TRUE, or
 * fails it with G_IO_ERROR_CANCELLED once its cancellable is cancelled,
 * whichever comes first. Call it when @ready is still FALSE. Until then
 * the object's handler keeps the task, which keeps the object. */
void
futures_async_watch (GTask                    *task,
                     const char               *detailed_signal,
                     FuturesAsyncReadyFunc     ready,
                     FuturesAsyncCompleteFunc  complete)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Watch *watch;

  if (g_task_return_error_if_cancelled (task))
    return;

  watch = g_new0 (Watch, 1);
  watch->ready = ready;
  watch->complete = complete;
  g_task_set_task_data (task, watch, watch_free);

  watch->handler = g_signal_connect_data (g_task_get_source_object (task), detailed_signal,
                                          G_CALLBACK (watch_on_notify), g_object_ref (task),
                                          (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  if (cancellable != NULL)
    {
      watch->cancel_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, watch->cancel_source,
                            (GSourceFunc) (void (*) (void)) watch_on_cancelled);
    }
}
