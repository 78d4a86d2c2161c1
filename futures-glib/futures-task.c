/* futures-task.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-task-private.h"

/**
 * SECTION:futures-task
 * @Title: FuturesTask
 * @Short_description: The background handle of a task
 * @See_also: #FuturesFuture, #FuturesExecutor
 *
 * A #FuturesTask is what a #FuturesTaskFunc gets to talk to its future
 * while it runs on a worker: it can send custom messages
 * (futures_task_send()), yield items (futures_task_yield_value()), report
 * progress (futures_task_report_progress()), check for cancellation
 * (futures_task_is_cancelled(), futures_task_get_cancellable()) and
 * return its outcome (futures_task_return_value() and friends,
 * futures_task_return_error()).
 *
 * |[<!-- language="C" -->
 * static void
 * count_words (FuturesTask *task,
 *              gpointer     user_data)
 * {
 *   const char *path = user_data;
 *   g_autofree char *text = NULL;
 *   g_autoptr(GError) error = NULL;
 *
 *   if (!g_file_get_contents (path, &text, NULL, &error))
 *     {
 *       futures_task_return_error (task, g_steal_pointer (&error));
 *       return;
 *     }
 *   futures_task_return_int (task, count (text));
 * }
 * ]|
 *
 * The outcome is delivered when the function returns, so the future
 * becomes done only once the work function has finished. Returning twice,
 * or sending after returning, is a programmer error: it is ignored with a
 * warning. A function that returns without calling a return function
 * completes the future with no value.
 *
 * Everything sent is copied into the future's main context and released
 * there.
 */

/**
 * FuturesTask:
 *
 * The background handle of a task, passed to its #FuturesTaskFunc. An
 * opaque object: use the functions below.
 */

struct _FuturesTask
{
  GObject          parent_instance;

  /* Set at creation, read-only afterwards. */
  FuturesChannel  *channel;
  guint64          connection_id;
  FuturesTaskFunc  func;
  gpointer         func_data;
  GDestroyNotify   func_destroy;

  /* Shared with the main context: set by futures_task_request_cancel(). */
  int              cancelled;
  GCancellable    *cancellable;  /* created lazily, atomically */

  /* Owned by the thread running the task. */
  guint            running : 1;
  guint            finished : 1;
  guint            returned : 1;
  GValue           value;
  GError          *error;
};

G_DEFINE_FINAL_TYPE (FuturesTask, futures_task, G_TYPE_OBJECT)

static void
futures_task_finalize (GObject *object)
{
  FuturesTask *self = FUTURES_TASK (object);

  /* Normally released in the main context when the future is done; a
   * task that never ran (its pool was shut down) is released here. */
  futures_task_release_data (self);

  if (G_IS_VALUE (&self->value))
    g_value_unset (&self->value);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->channel, futures_channel_unref);

  G_OBJECT_CLASS (futures_task_parent_class)->finalize (object);
}

static void
futures_task_class_init (FuturesTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = futures_task_finalize;
}

static void
futures_task_init (FuturesTask *self)
{
}

FuturesTask *
futures_task_new (FuturesChannel  *channel,
                  guint64          connection_id,
                  FuturesTaskFunc  func,
                  gpointer         user_data,
                  GDestroyNotify   destroy)
{
  FuturesTask *self = g_object_new (FUTURES_TYPE_TASK, NULL);

  self->channel = futures_channel_ref (channel);
  self->connection_id = connection_id;
  self->func = func;
  self->func_data = user_data;
  self->func_destroy = destroy;

  return self;
}

/* Main context. */
void
futures_task_request_cancel (FuturesTask *self)
{
  GCancellable *cancellable;

  g_atomic_int_set (&self->cancelled, TRUE);
  /* If the worker makes the cancellable after this read, it sees the flag
   * and cancels it itself. */
  cancellable = g_atomic_pointer_get (&self->cancellable);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

/* Main context, once the future is done: the work function can no longer
 * be using its data. */
void
futures_task_release_data (FuturesTask *self)
{
  GDestroyNotify destroy = self->func_destroy;
  gpointer data = self->func_data;

  self->func_destroy = NULL;
  self->func_data = NULL;
  if (destroy != NULL)
    destroy (data);
}

/**
 * futures_task_run:
 * @self: a #FuturesTask
 *
 * Runs the task in the calling thread: announces the start to the
 * future, calls the work function and delivers its outcome. A task whose
 * future was cancelled before it started does not call the work function
 * at all. For implementations of #FuturesWorkerPool; each task runs once.
 */
void
futures_task_run (FuturesTask *self)
{
  FuturesMessage *message;

  g_return_if_fail (FUTURES_IS_TASK (self));

  if (self->running || self->finished)
    {
      g_critical ("FuturesTask %p was already run", self);
      return;
    }

  if (g_atomic_int_get (&self->cancelled))
    {
      futures_channel_push_value (self->channel, self->connection_id,
                                  FUTURES_MESSAGE_ABANDONED, 0, NULL);
      self->finished = TRUE;
      return;
    }

  futures_channel_push_value (self->channel, self->connection_id,
                              FUTURES_MESSAGE_STARTED, 0, NULL);

  self->running = TRUE;
  self->func (self, self->func_data);
  self->running = FALSE;
  self->finished = TRUE;

  if (self->error != NULL)
    {
      GValue value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_ERROR);
      g_value_take_boxed (&value, g_steal_pointer (&self->error));
      message = futures_message_new_take (self->connection_id, FUTURES_MESSAGE_RAISED, 0, &value);
    }
  else
    {
      message = futures_message_new_take (self->connection_id, FUTURES_MESSAGE_RETURNED, 0,
                                          &self->value);
    }

  /* The executor keeps its router running until every future is done, so
   * this cannot be refused unless the executor was disposed of early. */
  if (!futures_channel_push (self->channel, message))
    futures_message_free (message);
}

static gboolean
futures_task_check_running (FuturesTask *self,
                            const char  *what)
{
  if (G_UNLIKELY (!self->running))
    {
      g_warning ("FuturesTask %p: %s outside its work function; ignored", self, what);
      return FALSE;
    }
  if (G_UNLIKELY (self->returned))
    {
      g_warning ("FuturesTask %p: %s after the task returned; ignored", self, what);
      return FALSE;
    }
  return TRUE;
}

/**
 * futures_task_is_cancelled:
 * @self: a #FuturesTask
 *
 * Whether the future was cancelled. A long task should check this now and
 * then and return early once it is %TRUE (what it returns is discarded).
 * Safe to call from any thread.
 *
 * Returns: %TRUE if cancellation was requested
 */
gboolean
futures_task_is_cancelled (FuturesTask *self)
{
  g_return_val_if_fail (FUTURES_IS_TASK (self), FALSE);

  return g_atomic_int_get (&self->cancelled);
}

/**
 * futures_task_get_cancellable:
 * @self: a #FuturesTask
 *
 * Gets a #GCancellable that is cancelled when the future is cancelled,
 * to pass to GIO calls so that they stop early. It is made on first use;
 * if the future was cancelled before that, it is returned already
 * cancelled.
 *
 * Note that #GCancellable::cancelled is emitted in the thread that
 * cancels, which is the future's main context: a handler connected to it
 * runs there, not on the worker.
 *
 * Returns: (transfer none): the task's #GCancellable
 */
GCancellable *
futures_task_get_cancellable (FuturesTask *self)
{
  GCancellable *cancellable;

  g_return_val_if_fail (FUTURES_IS_TASK (self), NULL);

  cancellable = g_atomic_pointer_get (&self->cancellable);
  if (cancellable != NULL)
    return cancellable;

  cancellable = g_cancellable_new ();
  if (!g_atomic_pointer_compare_and_exchange (&self->cancellable, NULL, cancellable))
    {
      g_object_unref (cancellable);
      return g_atomic_pointer_get (&self->cancellable);
    }

  if (g_atomic_int_get (&self->cancelled))
    g_cancellable_cancel (cancellable);

  return cancellable;
}

/**
 * futures_task_send:
 * @self: a #FuturesTask
 * @kind: the kind of message, e.g. "status"
 * @value: the payload, an initialized #GValue of any type
 *
 * Sends a custom message to the future, which hands it to its
 * #FuturesFutureClass.dispatch; the default emits
 * #FuturesFuture::message with @kind as the detail. A copy of @value is
 * released in the main context.
 *
 * Nothing is sent once the future is cancelled.
 *
 * Returns: %FALSE if the future was cancelled (the task should wind up),
 *   %TRUE otherwise
 */
gboolean
futures_task_send (FuturesTask  *self,
                   const char   *kind,
                   const GValue *value)
{
  g_return_val_if_fail (FUTURES_IS_TASK (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (!futures_task_check_running (self, "message sent"))
    return FALSE;
  if (g_atomic_int_get (&self->cancelled))
    return FALSE;

  futures_channel_push_value (self->channel, self->connection_id,
                              FUTURES_MESSAGE_CUSTOM, g_quark_from_string (kind), value);
  return TRUE;
}

/**
 * futures_task_yield_value:
 * @self: a #FuturesTask
 * @value: the item
 *
 * Produces the next item of an iteration: a #FuturesIterationFuture emits
 * #FuturesIterationFuture::item with it, in order, losing none.
 *
 * Once the future is cancelled the item is dropped and the producer must
 * stop: this returns %FALSE.
 *
 * Returns: %TRUE if the item was sent, %FALSE if the future was cancelled
 */
gboolean
futures_task_yield_value (FuturesTask  *self,
                          const GValue *value)
{
  return futures_task_send (self, FUTURES_KIND_ITEM, value);
}

/**
 * futures_task_report_progress:
 * @self: a #FuturesTask
 * @fraction: how much of the work is done, from 0.0 to 1.0
 * @text: (nullable): a description of the step, or %NULL
 *
 * Reports progress: a #FuturesProgressFuture updates its
 * #FuturesProgressFuture:fraction and #FuturesProgressFuture:text and
 * emits #FuturesProgressFuture::progress.
 *
 * A report made after the future was cancelled is how a progress task
 * learns it should stop: this returns %FALSE, and the task should return
 * at once (the future then ends CANCELLED).
 *
 * Returns: %TRUE if the report was sent, %FALSE if the future was
 *   cancelled
 */
gboolean
futures_task_report_progress (FuturesTask *self,
                              double       fraction,
                              const char  *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (FUTURES_IS_TASK (self), FALSE);

  g_value_init (&value, G_TYPE_VARIANT);
  g_value_set_variant (&value, g_variant_new ("(dms)", CLAMP (fraction, 0.0, 1.0), text));
  return futures_task_send (self, FUTURES_KIND_PROGRESS, &value);
}

static gboolean
futures_task_begin_return (FuturesTask *self)
{
  if (!futures_task_check_running (self, "return"))
    return FALSE;
  self->returned = TRUE;
  return TRUE;
}

/**
 * futures_task_return_value:
 * @self: a #FuturesTask
 * @value: (nullable): the result, an initialized #GValue of any type, or
 *   %NULL for no result
 *
 * Sets the result of the task (a copy of @value); the future completes
 * with it when the work function returns. Call it once.
 */
void
futures_task_return_value (FuturesTask  *self,
                           const GValue *value)
{
  g_return_if_fail (FUTURES_IS_TASK (self));
  g_return_if_fail (value == NULL || G_IS_VALUE (value));

  if (!futures_task_begin_return (self))
    return;

  if (value != NULL)
    {
      g_value_init (&self->value, G_VALUE_TYPE (value));
      g_value_copy (value, &self->value);
    }
}

/**
 * futures_task_return_boolean:
 * @self: a #FuturesTask
 * @value: the result
 *
 * Sets a #gboolean result; see futures_task_return_value().
 */
void
futures_task_return_boolean (FuturesTask *self,
                             gboolean     value)
{
  g_return_if_fail (FUTURES_IS_TASK (self));

  if (!futures_task_begin_return (self))
    return;
  g_value_init (&self->value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&self->value, value);
}

/**
 * futures_task_return_int:
 * @self: a #FuturesTask
 * @value: the result
 *
 * Sets a #gint64 result; see futures_task_return_value().
 */
void
futures_task_return_int (FuturesTask *self,
                         gint64       value)
{
  g_return_if_fail (FUTURES_IS_TASK (self));

  if (!futures_task_begin_return (self))
    return;
  g_value_init (&self->value, G_TYPE_INT64);
  g_value_set_int64 (&self->value, value);
}

/**
 * futures_task_return_double:
 * @self: a #FuturesTask
 * @value: the result
 *
 * Sets a #gdouble result; see futures_task_return_value().
 */
void
futures_task_return_double (FuturesTask *self,
                            double       value)
{
  g_return_if_fail (FUTURES_IS_TASK (self));

  if (!futures_task_begin_return (self))
    return;
  g_value_init (&self->value, G_TYPE_DOUBLE);
  g_value_set_double (&self->value, value);
}

/**
 * futures_task_return_string:
 * @self: a #FuturesTask
 * @value: (nullable): the result
 *
 * Sets a string result (copied); see futures_task_return_value().
 */
void
futures_task_return_string (FuturesTask *self,
                            const char  *value)
{
  g_return_if_fail (FUTURES_IS_TASK (self));

  if (!futures_task_begin_return (self))
    return;
  g_value_init (&self->value, G_TYPE_STRING);
  g_value_set_string (&self->value, value);
}

/**
 * futures_task_return_object:
 * @self: a #FuturesTask
 * @object: (type GObject) (nullable): the result
 *
 * Sets a #GObject result (a new reference is taken); see
 * futures_task_return_value(). The future's last reference to it is
 * dropped in the main context.
 */
void
futures_task_return_object (FuturesTask *self,
                            gpointer     object)
{
  g_return_if_fail (FUTURES_IS_TASK (self));
  g_return_if_fail (object == NULL || G_IS_OBJECT (object));

  if (!futures_task_begin_return (self))
    return;
  g_value_init (&self->value, object != NULL ? G_OBJECT_TYPE (object) : G_TYPE_OBJECT);
  g_value_set_object (&self->value, object);
}

/**
 * futures_task_return_error:
 * @self: a #FuturesTask
 * @error: (transfer full): the error the task failed with
 *
 * Fails the task with @error (taking ownership of it); the future becomes
 * FAILED and futures_future_dup_error() returns a copy, with the same
 * domain, code and message.
 */
void
futures_task_return_error (FuturesTask *self,
                           GError      *error)
{
  g_return_if_fail (FUTURES_IS_TASK (self));
  g_return_if_fail (error != NULL);

  if (!futures_task_begin_return (self))
    {
      g_error_free (error);
      return;
    }
  self->error = error;
}

/**
 * futures_task_return_new_error: (skip)
 * @self: a #FuturesTask
 * @domain: the error domain
 * @code: the error code
 * @format: a printf()-style format for the message
 * @...: the arguments for @format
 *
 * Fails the task with a new #GError; see futures_task_return_error().
 */
void
futures_task_return_new_error (FuturesTask *self,
                               GQuark       domain,
                               int          code,
                               const char  *format,
                               ...)
{
  va_list args;

  g_return_if_fail (FUTURES_IS_TASK (self));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  futures_task_return_error (self, g_error_new_valist (domain, code, format, args));
  va_end (args);
}
