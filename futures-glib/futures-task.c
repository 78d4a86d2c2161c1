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
 *
 * A work function can also be registered under a name
 * (futures_register_task()) and submitted by name with #GVariant
 * arguments (futures_executor_submit_named()), which it reads with
 * futures_task_get_arguments(). Such a named task runs on threads or in a
 * worker process alike; in a worker process what it returns, yields or
 * sends must be a value that can cross to the main process (see
 * [Process workers][futures-process-workers]).
 */

/**
 * FuturesTask:
 *
 * The background handle of a task, passed to its #FuturesTaskFunc. An
 * opaque object: use the functions below.
 */

/* Progress, latest wins: a report overwrites the slot, and only a
 * report that finds no marker on its way sends one. The main context
 * takes the slot when the marker arrives. */
typedef struct
{
  GMutex    lock;
  double    fraction;
  char     *text;
  gboolean  pending;
} TaskProgress;

/* What few tasks need: made at creation for a named task (submitted by
 * name, run in a worker process or for one), otherwise by the first
 * progress report, cancellable or failed send, so that a call task stays
 * small while thousands of them wait in a queue. */
typedef struct
{
  char                  *name;
  GVariant              *arguments;
  /* In a worker process: where messages go instead of a channel. */
  const FuturesTaskSink *sink;
  gpointer               sink_data;
  /* Main context: told when the user cancels (a process pool forwards
   * the request to the worker). */
  FuturesTaskCancelFunc  cancel_func;
  gpointer               cancel_data;
  /* Shared with the main context, made on first use, atomically. */
  GCancellable          *cancellable;
  /* The task's thread: the first message that could not be sent. */
  GError                *send_error;
  TaskProgress           progress;
} TaskExtra;

static void
task_extra_free (TaskExtra *extra)
{
  g_free (extra->name);
  g_clear_pointer (&extra->arguments, g_variant_unref);
  g_clear_object (&extra->cancellable);
  g_clear_error (&extra->send_error);
  g_mutex_clear (&extra->progress.lock);
  g_free (extra->progress.text);
  g_free (extra);
}

/* Every waiting call carries one: kept to 104 bytes (a 112-byte block). */
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

  /* Owned by the thread running the task. */
  guint            running : 1;
  guint            finished : 1;
  guint            returned : 1;
  guint            chunk_shift : 4;   /* the next chunk's size, as a power of two */
  FuturesValueChunk *open_chunk;      /* still takes values; see below */
  /* What the function returned or raised: the message that says so,
   * made by the return call and sent when the function ends. */
  FuturesMessage  *outcome;

  /* Shared with the main context; see task_extra(). */
  TaskExtra       *extra;

  /* Owned by the worker pool that queues the task. */
  FuturesTask     *queue_next;
};

G_DEFINE_FINAL_TYPE (FuturesTask, futures_task, G_TYPE_OBJECT)

static void futures_value_chunk_unref (FuturesValueChunk *chunk);

/* The link a worker pool may use to queue the task without allocating:
 * a task waits in at most one queue, once. */
FuturesTask **
futures_task_queue_link (FuturesTask *self)
{
  return &self->queue_next;
}

static void
futures_task_finalize (GObject *object)
{
  FuturesTask *self = FUTURES_TASK (object);

  /* Normally released in the main context when the future is done; a
   * task that never ran (its pool was shut down) is released here. */
  futures_task_release_data (self);

  g_clear_pointer (&self->outcome, futures_message_free);
  g_clear_pointer (&self->open_chunk, futures_value_chunk_unref);
  g_clear_pointer (&self->channel, futures_channel_unref);
  g_clear_pointer (&self->extra, task_extra_free);

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

/* The task's extra part, made by whichever thread needs it first: the
 * task's (a report, a cancellable, a failed send) or, for a named task,
 * the one creating it. The main context only reads it, except to take a
 * report, which follows the report's marker. */
static TaskExtra *
task_extra (FuturesTask *self)
{
  TaskExtra *extra = g_atomic_pointer_get (&self->extra);

  if (extra != NULL)
    return extra;

  extra = g_new0 (TaskExtra, 1);
  g_mutex_init (&extra->progress.lock);
  if (!g_atomic_pointer_compare_and_exchange (&self->extra, NULL, extra))
    {
      task_extra_free (extra);
      extra = g_atomic_pointer_get (&self->extra);
    }
  return extra;
}

/* In a worker process, where the task's messages go; NULL otherwise. */
static inline const FuturesTaskSink *
task_sink (FuturesTask *self)
{
  TaskExtra *extra = g_atomic_pointer_get (&self->extra);

  return extra != NULL ? extra->sink : NULL;
}

static inline const char *
task_name (FuturesTask *self)
{
  TaskExtra *extra = g_atomic_pointer_get (&self->extra);

  return extra != NULL ? extra->name : NULL;
}

/* Creation only. Takes a floating reference on @arguments. */
static void
futures_task_set_named (FuturesTask *self,
                        const char  *name,
                        GVariant    *arguments)
{
  TaskExtra *extra = task_extra (self);

  extra->name = g_strdup (name);
  extra->arguments = arguments != NULL ? g_variant_ref_sink (arguments) : NULL;
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

/* A task that runs elsewhere: only its name and arguments travel. */
FuturesTask *
futures_task_new_named (FuturesChannel *channel,
                        guint64         connection_id,
                        const char     *name,
                        GVariant       *arguments)
{
  FuturesTask *self = g_object_new (FUTURES_TYPE_TASK, NULL);

  self->channel = futures_channel_ref (channel);
  self->connection_id = connection_id;
  futures_task_set_named (self, name, arguments);

  return self;
}

/* A named task run by a thread of this process. The registry keeps the
 * function's data. */
FuturesTask *
futures_task_new_local_named (FuturesChannel  *channel,
                              guint64          connection_id,
                              const char      *name,
                              FuturesTaskFunc  func,
                              gpointer         user_data,
                              GVariant        *arguments)
{
  FuturesTask *self = futures_task_new (channel, connection_id, func, user_data, NULL);

  futures_task_set_named (self, name, arguments);

  return self;
}

/* Worker side: runs @func, sending everything through @sink. */
FuturesTask *
futures_task_new_remote (const FuturesTaskSink *sink,
                         gpointer               sink_data,
                         guint64                id,
                         const char            *name,
                         FuturesTaskFunc        func,
                         gpointer               user_data,
                         GVariant              *arguments)
{
  FuturesTask *self = g_object_new (FUTURES_TYPE_TASK, NULL);

  futures_task_set_named (self, name, arguments);
  self->extra->sink = sink;
  self->extra->sink_data = sink_data;
  self->connection_id = id;
  self->func = func;
  self->func_data = user_data;

  return self;
}


/* Value chunks ---------------------------------------------------------------
 *
 * A task that sends values faster than the main context takes them would
 * otherwise pay, per value, for a message: an allocation on the worker,
 * a free on the main thread (across malloc arenas), a push, a pop and a
 * routing step. Instead a value goes into the task's open chunk while the
 * main context has not taken it yet; only a value that finds no open
 * chunk (or a full or taken one) starts a new chunk and sends it as one
 * message. The main context delivers the chunk's values one by one, as if
 * each had come in its own message.
 *
 * The chunk's state word holds the number of values and a "taken" bit:
 * the task writes the next slot, then publishes it by a compare-and-swap
 * on the state, which fails if the main context has set the bit
 * meanwhile (the value then starts a new chunk). The main context sets
 * the bit and owns every value published before. So nothing waits, and
 * values keep their order: a chunk's message was queued before anything
 * the task sends after it, and any other message seals the open chunk.
 *
 * Sizes adapt: a chunk the task filled before the main context took it
 * makes the next one twice as large (up to 256 values, which bounds the
 * work of one message for the main loop's time budget); a chunk taken
 * while still open starts over small, so a slow producer costs a small
 * allocation per value. */

#define FUTURES_VALUE_CHUNK_MIN_SHIFT 2
#define FUTURES_VALUE_CHUNK_MAX_SHIFT 8

struct _FuturesValueChunk
{
  gatomicrefcount ref_count;
  guint           state;     /* atomic: n_values << 1 | taken */
  guint           capacity;
  GQuark          kind;      /* of every value in it */
  GValue          values[];
};

static FuturesValueChunk *
futures_value_chunk_new (guint capacity)
{
  FuturesValueChunk *chunk = g_malloc (sizeof (FuturesValueChunk) + capacity * sizeof (GValue));

  g_atomic_ref_count_init (&chunk->ref_count);
  chunk->state = 0;
  chunk->capacity = capacity;
  return chunk;
}

static FuturesValueChunk *
futures_value_chunk_ref (FuturesValueChunk *chunk)
{
  g_atomic_ref_count_inc (&chunk->ref_count);
  return chunk;
}

static void
futures_value_chunk_unref (FuturesValueChunk *chunk)
{
  guint i, n;

  if (!g_atomic_ref_count_dec (&chunk->ref_count))
    return;

  n = g_atomic_int_get (&chunk->state) >> 1;
  for (i = 0; i < n; i++)
    if (G_VALUE_TYPE (&chunk->values[i]) != G_TYPE_INVALID)
      g_value_unset (&chunk->values[i]);
  g_free (chunk);
}

/* Main context: closes the chunk to the task and returns how many values
 * it holds; they stay the chunk's, released with its message. */
guint
futures_value_chunk_take (FuturesValueChunk *chunk)
{
  return g_atomic_int_or (&chunk->state, 1) >> 1;
}

/* What freeing the message does, in the main context (or on the task's
 * thread if the channel refused it): closes the chunk and releases its
 * values there, whoever drops the last reference. */
static void
futures_value_chunk_release (FuturesValueChunk *chunk)
{
  guint i, n = futures_value_chunk_take (chunk);

  for (i = 0; i < n; i++)
    if (G_VALUE_TYPE (&chunk->values[i]) != G_TYPE_INVALID)
      g_value_unset (&chunk->values[i]);
  futures_value_chunk_unref (chunk);
}

G_DEFINE_BOXED_TYPE (FuturesValueChunk, futures_value_chunk,
                     futures_value_chunk_ref, futures_value_chunk_release)

GValue *
futures_value_chunk_get (FuturesValueChunk *chunk,
                         guint              index)
{
  return &chunk->values[index];
}

/* The task's thread: adds a copy of @value to the open chunk if it still
 * takes values. */
static gboolean
futures_task_append_to_chunk (FuturesTask  *self,
                              GQuark        kind,
                              const GValue *value)
{
  FuturesValueChunk *chunk = self->open_chunk;
  guint state, n;
  GValue *slot;

  if (chunk == NULL || chunk->kind != kind)
    return FALSE;

  state = g_atomic_int_get (&chunk->state);
  n = state >> 1;
  if ((state & 1) != 0)
    {
      self->chunk_shift = FUTURES_VALUE_CHUNK_MIN_SHIFT;
      return FALSE;
    }
  if (n == chunk->capacity)
    {
      self->chunk_shift = MIN (self->chunk_shift + 1, FUTURES_VALUE_CHUNK_MAX_SHIFT);
      return FALSE;
    }

  slot = &chunk->values[n];
  memset (slot, 0, sizeof *slot);
  g_value_init (slot, G_VALUE_TYPE (value));
  g_value_copy (value, slot);
  if (g_atomic_int_compare_and_exchange (&chunk->state, state, state + 2))
    return TRUE;

  /* Taken meanwhile: the value goes into a new chunk. */
  g_value_unset (slot);
  self->chunk_shift = FUTURES_VALUE_CHUNK_MIN_SHIFT;
  return FALSE;
}

/* The task's thread: no more values go into the open chunk. */
static void
futures_task_seal_chunk (FuturesTask *self)
{
  if (self->open_chunk != NULL)
    g_clear_pointer (&self->open_chunk, futures_value_chunk_unref);
}

/* The channel's end of futures_task_push(): takes @message. */
static gboolean
futures_task_push_to_channel (FuturesTask    *self,
                              FuturesMessage *message)
{
  /* "Started" alone need not wake the main context at once: a quick
   * task's end follows it, and both are delivered together. */
  if (!futures_channel_push_full (self->channel, message, message->type == FUTURES_MESSAGE_STARTED))
    {
      futures_message_free (message);
      return FALSE;
    }
  return TRUE;
}

/* The one way out of a task. Takes @value (which may be NULL or unset).
 * The task's thread, or for a process pool the thread reading its
 * worker. */
static gboolean
futures_task_push (FuturesTask  *self,
                   guint32       type,
                   GQuark        detail,
                   GValue       *value,
                   GError      **error)
{
  /* What comes after the chunk's values must not overtake them. */
  if (type != FUTURES_MESSAGE_CUSTOM_CHUNK)
    futures_task_seal_chunk (self);

  if (task_sink (self) != NULL)
    {
      gboolean ok = self->extra->sink->send (self->extra->sink_data, self->connection_id, type, detail,
                                             value, error);

      if (value != NULL && G_VALUE_TYPE (value) != G_TYPE_INVALID)
        g_value_unset (value);
      return ok;
    }

  return futures_task_push_to_channel (self, futures_message_new_take (self->connection_id, type, detail,
                                                                       value != NULL ? value : &(GValue) G_VALUE_INIT));
}

/* futures_task_push() for a message already made. */
static gboolean
futures_task_push_message (FuturesTask     *self,
                           FuturesMessage  *message,
                           GError         **error)
{
  gboolean ok;

  if (task_sink (self) == NULL)
    {
      futures_task_seal_chunk (self);
      return futures_task_push_to_channel (self, message);
    }

  ok = futures_task_push (self, message->type, message->detail, &message->value, error);
  futures_message_free (message);
  return ok;
}

static FuturesMessage *
task_outcome_new (FuturesTask *self,
                  guint32      type,
                  GError      *error)
{
  GValue value = G_VALUE_INIT;

  if (error != NULL)
    {
      g_value_init (&value, G_TYPE_ERROR);
      g_value_take_boxed (&value, error);
    }
  return futures_message_new_take (self->connection_id, type, 0, &value);
}

/* Once the function has returned: sends its result (none if it set
 * none) or its error. */
static void
futures_task_send_outcome (FuturesTask *self)
{
  FuturesMessage *outcome = g_steal_pointer (&self->outcome);
  TaskExtra *extra = g_atomic_pointer_get (&self->extra);
  GError *error = NULL;

  /* A message that could not be sent fails the task, unless it failed
   * with an error of its own. */
  if (extra != NULL && extra->send_error != NULL &&
      (outcome == NULL || outcome->type == FUTURES_MESSAGE_RETURNED))
    {
      g_clear_pointer (&outcome, futures_message_free);
      outcome = task_outcome_new (self, FUTURES_MESSAGE_RAISED, g_steal_pointer (&extra->send_error));
    }
  if (outcome == NULL)
    outcome = task_outcome_new (self, FUTURES_MESSAGE_RETURNED, NULL);

  if (outcome->type == FUTURES_MESSAGE_RETURNED)
    {
      if (futures_task_push_message (self, outcome, &error))
        return;
      /* Only a sink refuses a result: one that cannot cross to the main
       * process. The task fails with that error instead. */
      if (error == NULL)
        return;
      outcome = task_outcome_new (self, FUTURES_MESSAGE_RAISED, error);
    }
  futures_task_push_message (self, outcome, NULL);
}

/* For a process pool: delivers a message the worker sent, in the
 * reader's thread. */
gboolean
futures_task_push_remote (FuturesTask *self,
                          guint32      type,
                          GQuark       detail,
                          GValue      *value)
{
  return futures_task_push (self, type, detail, value, NULL);
}

void
futures_task_set_cancel_func (FuturesTask           *self,
                              FuturesTaskCancelFunc  func,
                              gpointer               user_data)
{
  TaskExtra *extra = task_extra (self);

  /* Set while the task is submitted, before any thread sees it. */
  extra->cancel_func = func;
  extra->cancel_data = user_data;
}

gboolean
futures_task_is_named (FuturesTask *self)
{
  return self->func == NULL && task_name (self) != NULL;
}

/* Main context. */
void
futures_task_request_cancel (FuturesTask *self)
{
  TaskExtra *extra;
  GCancellable *cancellable;

  g_atomic_int_set (&self->cancelled, TRUE);
  /* If the worker makes the cancellable after these reads, it sees the
   * flag and cancels it itself. */
  extra = g_atomic_pointer_get (&self->extra);
  if (extra == NULL)
    return;
  cancellable = g_atomic_pointer_get (&extra->cancellable);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);

  if (extra->cancel_func != NULL)
    extra->cancel_func (self, extra->cancel_data);
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
  g_return_if_fail (FUTURES_IS_TASK (self));

  if (self->running || self->finished)
    {
      g_critical ("FuturesTask %p was already run", self);
      return;
    }

  if (self->func == NULL)
    {
      g_critical ("FuturesTask %p (%s) runs in another process, not here", self,
                  task_name (self) != NULL ? task_name (self) : "?");
      return;
    }

  if (g_atomic_int_get (&self->cancelled))
    {
      futures_task_push (self, FUTURES_MESSAGE_ABANDONED, 0, NULL, NULL);
      self->finished = TRUE;
      return;
    }

  futures_task_push (self, FUTURES_MESSAGE_STARTED, 0, NULL, NULL);

  self->running = TRUE;
  self->func (self, self->func_data);
  self->running = FALSE;
  self->finished = TRUE;

  futures_task_send_outcome (self);
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
 * runs there, not on the worker. In a worker process it is emitted on the
 * worker's own thread that reads the main process's requests.
 *
 * Returns: (transfer none): the task's #GCancellable
 */
GCancellable *
futures_task_get_cancellable (FuturesTask *self)
{
  TaskExtra *extra;
  GCancellable *cancellable;

  g_return_val_if_fail (FUTURES_IS_TASK (self), NULL);

  extra = task_extra (self);
  cancellable = g_atomic_pointer_get (&extra->cancellable);
  if (cancellable != NULL)
    return cancellable;

  cancellable = g_cancellable_new ();
  if (!g_atomic_pointer_compare_and_exchange (&extra->cancellable, NULL, cancellable))
    {
      g_object_unref (cancellable);
      return g_atomic_pointer_get (&extra->cancellable);
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
 * Nothing is sent once the future is cancelled. In a worker process,
 * @value must be of a type that can cross to the main process (see
 * [Process workers][futures-process-workers]); one that cannot is not
 * sent, and the task fails with %FUTURES_ERROR_NOT_SERIALIZABLE, naming
 * the type, when it ends (unless it fails with an error of its own).
 *
 * Returns: %FALSE if the message was not sent (the future was cancelled,
 *   or the value cannot cross; either way the task should wind up),
 *   %TRUE otherwise
 */
static gboolean futures_task_send_quark (FuturesTask  *self,
                                         GQuark        kind,
                                         const GValue *value);

gboolean
futures_task_send (FuturesTask  *self,
                   const char   *kind,
                   const GValue *value)
{
  g_return_val_if_fail (FUTURES_IS_TASK (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  return futures_task_send_quark (self, g_quark_from_string (kind), value);
}

/* Puts a report in the task's slot, replacing any that the main context
 * has not taken yet; only a report that finds no marker on its way sends
 * one. The marker carries no value: the future reads the slot. */
static void
futures_task_store_progress (FuturesTask *self,
                             double       fraction,
                             const char  *text)
{
  TaskProgress *progress = &task_extra (self)->progress;
  gboolean send_marker;

  g_mutex_lock (&progress->lock);
  progress->fraction = fraction;
  if (g_strcmp0 (progress->text, text) != 0)
    {
      g_free (progress->text);
      progress->text = g_strdup (text);
    }
  send_marker = !progress->pending;
  progress->pending = TRUE;
  g_mutex_unlock (&progress->lock);

  if (send_marker)
    futures_task_push (self, FUTURES_MESSAGE_CUSTOM, g_quark_from_static_string (FUTURES_KIND_PROGRESS),
                       NULL, NULL);
}

/* In this process: into the open chunk, or a new one. */
static gboolean
futures_task_send_local (FuturesTask  *self,
                         GQuark        kind,
                         const GValue *value)
{
  FuturesValueChunk *chunk;
  GValue boxed = G_VALUE_INIT;

  if (futures_task_append_to_chunk (self, kind, value))
    return TRUE;

  futures_task_seal_chunk (self);
  if (self->chunk_shift < FUTURES_VALUE_CHUNK_MIN_SHIFT)
    self->chunk_shift = FUTURES_VALUE_CHUNK_MIN_SHIFT;
  chunk = futures_value_chunk_new (1u << self->chunk_shift);
  chunk->kind = kind;
  memset (&chunk->values[0], 0, sizeof chunk->values[0]);
  g_value_init (&chunk->values[0], G_VALUE_TYPE (value));
  g_value_copy (value, &chunk->values[0]);
  chunk->state = 2;

  g_value_init (&boxed, FUTURES_TYPE_VALUE_CHUNK);
  g_value_set_boxed (&boxed, chunk);
  if (!futures_task_push (self, FUTURES_MESSAGE_CUSTOM_CHUNK, kind, &boxed, NULL))
    {
      /* The channel is closed: nobody takes values any more. */
      futures_value_chunk_unref (chunk);
      return FALSE;
    }
  self->open_chunk = chunk;  /* the reference made with it */
  return TRUE;
}

/* The kind as a quark: g_quark_from_string() takes a process-wide lock,
 * which the item path (one call per item, from every worker) avoids by
 * looking its quark up once. */
static gboolean
futures_task_send_quark (FuturesTask  *self,
                         GQuark        kind,
                         const GValue *value)
{
  GValue copy = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  if (!futures_task_check_running (self, "message sent"))
    return FALSE;
  if (g_atomic_int_get (&self->cancelled))
    return FALSE;

  if (task_sink (self) == NULL)
    return futures_task_send_local (self, kind, value);

  g_value_init (&copy, G_VALUE_TYPE (value));
  g_value_copy (value, &copy);
  if (!futures_task_push (self, FUTURES_MESSAGE_CUSTOM, kind, &copy, &error) &&
      error != NULL)
    {
      /* A value that cannot cross to the main process fails the task with
       * that error when it ends (unless it fails of its own accord). */
      TaskExtra *extra = task_extra (self);

      if (extra->send_error == NULL)
        extra->send_error = g_steal_pointer (&error);
      return FALSE;
    }
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
 * Returns: %TRUE if the item was sent, %FALSE if it was not (the future
 *   was cancelled, or the item cannot cross from a worker process; see
 *   futures_task_send())
 */
gboolean
futures_task_yield_value (FuturesTask  *self,
                          const GValue *value)
{
  static gsize item_kind = 0;

  g_return_val_if_fail (FUTURES_IS_TASK (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (g_once_init_enter (&item_kind))
    g_once_init_leave (&item_kind, g_quark_from_static_string (FUTURES_KIND_ITEM));
  return futures_task_send_quark (self, (GQuark) item_kind, value);
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
 * Progress is delivered latest-wins: a report made while an earlier one
 * is still on its way to the main context replaces it, so a task may
 * report as often as it likes and the main context sees at most one
 * #FuturesProgressFuture::progress per future each time it runs, with the
 * latest values.
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

  fraction = CLAMP (fraction, 0.0, 1.0);

  /* In a worker process every report crosses with its values. */
  if (task_sink (self) != NULL)
    {
      g_value_init (&value, G_TYPE_VARIANT);
      g_value_set_variant (&value, g_variant_new ("(dms)", fraction, text));
      return futures_task_send (self, FUTURES_KIND_PROGRESS, &value);
    }

  if (!futures_task_check_running (self, "progress reported"))
    return FALSE;
  if (g_atomic_int_get (&self->cancelled))
    return FALSE;

  futures_task_store_progress (self, fraction, text);
  return TRUE;
}

/* For a process pool: a report the task's worker sent, delivered
 * latest-wins as a report made in this process is. The reader's thread. */
void
futures_task_push_remote_progress (FuturesTask *self,
                                   double       fraction,
                                   const char  *text)
{
  futures_task_store_progress (self, CLAMP (fraction, 0.0, 1.0), text);
}

/* Main context: the latest report, for the marker that just arrived. */
void
futures_task_take_progress (FuturesTask  *self,
                            double       *fraction,
                            char        **text)
{
  TaskProgress *progress = &task_extra (self)->progress;

  g_mutex_lock (&progress->lock);
  *fraction = progress->fraction;
  *text = g_strdup (progress->text);
  progress->pending = FALSE;
  g_mutex_unlock (&progress->lock);
}

/* Makes the outcome message, for the return call to fill in; FALSE if
 * the task may not return now. */
static gboolean
futures_task_begin_return (FuturesTask *self)
{
  if (!futures_task_check_running (self, "return"))
    return FALSE;
  self->returned = TRUE;
  self->outcome = task_outcome_new (self, FUTURES_MESSAGE_RETURNED, NULL);
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
 *
 * In a worker process a result of a type that cannot cross to the main
 * process fails the task instead, with %FUTURES_ERROR_NOT_SERIALIZABLE
 * naming the type (see [Process workers][futures-process-workers]).
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
      g_value_init (&self->outcome->value, G_VALUE_TYPE (value));
      g_value_copy (value, &self->outcome->value);
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
  g_value_init (&self->outcome->value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&self->outcome->value, value);
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
  g_value_init (&self->outcome->value, G_TYPE_INT64);
  g_value_set_int64 (&self->outcome->value, value);
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
  g_value_init (&self->outcome->value, G_TYPE_DOUBLE);
  g_value_set_double (&self->outcome->value, value);
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
  g_value_init (&self->outcome->value, G_TYPE_STRING);
  g_value_set_string (&self->outcome->value, value);
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
  g_value_init (&self->outcome->value, object != NULL ? G_OBJECT_TYPE (object) : G_TYPE_OBJECT);
  g_value_set_object (&self->outcome->value, object);
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
  self->outcome->type = FUTURES_MESSAGE_RAISED;
  g_value_init (&self->outcome->value, G_TYPE_ERROR);
  g_value_take_boxed (&self->outcome->value, error);
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

/**
 * futures_task_get_name:
 * @self: a #FuturesTask
 *
 * Gets the name the task was submitted under, for a named task (see
 * futures_register_task() and futures_executor_submit_named()).
 *
 * Returns: (nullable): the task's registered name, or %NULL
 */
const char *
futures_task_get_name (FuturesTask *self)
{
  g_return_val_if_fail (FUTURES_IS_TASK (self), NULL);

  return task_name (self);
}

/**
 * futures_task_get_arguments:
 * @self: a #FuturesTask
 *
 * Gets the arguments a named task was submitted with
 * (futures_executor_submit_named()). They are %NULL when it was submitted
 * without; in a worker process an empty tuple arrives as %NULL too.
 *
 * Returns: (transfer none) (nullable): the arguments, or %NULL
 */
GVariant *
futures_task_get_arguments (FuturesTask *self)
{
  TaskExtra *extra;

  g_return_val_if_fail (FUTURES_IS_TASK (self), NULL);

  extra = g_atomic_pointer_get (&self->extra);
  return extra != NULL ? extra->arguments : NULL;
}

/* The registry of named tasks --------------------------------------------- */

typedef struct
{
  FuturesTaskFunc func;
  gpointer        user_data;
  GDestroyNotify  destroy;
} RegisteredTask;

static GMutex registry_lock;
static GHashTable *registry;

static void
registered_task_free (gpointer data)
{
  RegisteredTask *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
  g_free (entry);
}

/**
 * futures_register_task:
 * @name: the name to register the task under
 * @func: (scope notified) (closure user_data) (destroy destroy): the work
 *   function
 * @user_data: data for @func
 * @destroy: (nullable): releases @user_data when the name is registered
 *   again
 *
 * Registers a work function under a name, so that it can be submitted by
 * name (futures_executor_submit_named()) with #GVariant arguments, which
 * the function reads with futures_task_get_arguments(). A named task can
 * run on threads or in worker processes: to run in a worker process, the
 * worker program must register it too, which it does naturally when the
 * worker is the same program (see futures_process_worker_main()).
 *
 * Registering a name again replaces the earlier function. Thread-safe.
 *
 * From Python, the override module's `Futures.register_task(name, fn)`
 * registers a plain Python function instead, called with the arguments
 * unpacked; its return value is the result.
 */
void
futures_register_task (const char      *name,
                       FuturesTaskFunc  func,
                       gpointer         user_data,
                       GDestroyNotify   destroy)
{
  RegisteredTask *entry;

  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (func != NULL);

  entry = g_new0 (RegisteredTask, 1);
  entry->func = func;
  entry->user_data = user_data;
  entry->destroy = destroy;

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, registered_task_free);
  g_hash_table_replace (registry, g_strdup (name), entry);
  g_mutex_unlock (&registry_lock);
}

gboolean
futures_lookup_task (const char       *name,
                     FuturesTaskFunc  *func,
                     gpointer         *user_data)
{
  RegisteredTask *entry = NULL;

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    entry = g_hash_table_lookup (registry, name);
  if (entry != NULL)
    {
      *func = entry->func;
      *user_data = entry->user_data;
    }
  g_mutex_unlock (&registry_lock);

  return entry != NULL;
}
