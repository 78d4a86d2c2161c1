/* futures-future.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "futures-async-private.h"
#include "futures-debug-private.h"
#include "futures-enums.h"
#include "futures-error.h"
#include "futures-future-private.h"
#include "futures-i18n-private.h"
#include "futures-task-private.h"

/**
 * SECTION:futures-future
 * @Title: FuturesFuture
 * @Short_description: The main-context handle of background work
 * @See_also: #FuturesExecutor, #FuturesTask
 *
 * A #FuturesFuture represents one task submitted to a #FuturesExecutor.
 * It lives in the executor's main context and changes only there: its
 * #FuturesFuture:state, #FuturesFuture:done and #FuturesFuture:may-cancel
 * properties, its #FuturesFuture::message signal and those of its
 * subclasses are all emitted in that context, on its thread, whatever
 * thread the task runs on.
 *
 * The life of a future:
 *
 * |[
 *   WAITING ──started──▶ EXECUTING ──returned──▶ COMPLETED
 *      │                     │      ──failed────▶ FAILED
 *   cancel()              cancel()
 *      ▼                     ▼
 *   CANCELLING ──────────────────── (task ends) ─▶ CANCELLED
 * ]|
 *
 * A cancelled task that had not started never runs; one that was running
 * is asked to stop (futures_task_is_cancelled(), the task's
 * #GCancellable) and whatever it returns is discarded. Messages that
 * arrive while the future is CANCELLING are dropped.
 *
 * A task that ends within a millisecond of starting may go from WAITING
 * through EXECUTING to its end in one main-context turn: its start is not
 * announced on its own sooner than that (see the Performance page).
 *
 * Notifications are emitted only for real changes, in the order
 * #FuturesFuture:state, #FuturesFuture:may-cancel, #FuturesFuture:done.
 * #FuturesFuture:done becomes %TRUE exactly once, and by then the result
 * (futures_future_get_result()) or the error (futures_future_dup_error())
 * can already be read.
 *
 * #FuturesFuture is abstract: the executor makes a #FuturesCallFuture, a
 * #FuturesIterationFuture, a #FuturesProgressFuture, or a subclass of your
 * own (see futures_executor_submit()).
 */

/**
 * FuturesFuture:
 *
 * The main-context handle of one submitted task. Its instance structure
 * is opaque: use the functions, properties and signals below. Subclass
 * it, with a #FuturesFutureClass.dispatch of your own, to make a task
 * type.
 */

typedef enum
{
  STATE_WAITING,
  STATE_EXECUTING,
  STATE_CANCELLING_BEFORE_START,
  STATE_CANCELLING_AFTER_START,
  STATE_COMPLETED,
  STATE_FAILED,
  STATE_CANCELLED,
} InternalState;

/* Every in-flight call carries one of these: kept to 64 bytes, which
 * with the GObject header makes a 96-byte block. */
typedef struct
{
  FuturesEndpoint  endpoint;       /* first: the future is found from it */
  InternalState    state;
  GQuark           dispatch_kind;  /* of the message being dispatched */
  /* Once done: the message that completed (a value) or failed (a
   * G_TYPE_ERROR) the future, kept whole; NULL for no value. */
  FuturesMessage  *outcome;
  FuturesTask     *task;
  /* In the executor's list of live futures; its data is the executor,
   * told when the future is done, or NULL once detached. */
  GList            link;
} FuturesFuturePrivate;

enum {
  PROP_0,
  PROP_STATE,
  PROP_DONE,
  PROP_MAY_CANCEL,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FuturesFuture, futures_future, G_TYPE_OBJECT)

static FuturesFutureState
public_state (InternalState state)
{
  switch (state)
    {
    case STATE_WAITING:
      return FUTURES_FUTURE_STATE_WAITING;
    case STATE_EXECUTING:
      return FUTURES_FUTURE_STATE_EXECUTING;
    case STATE_CANCELLING_BEFORE_START:
    case STATE_CANCELLING_AFTER_START:
      return FUTURES_FUTURE_STATE_CANCELLING;
    case STATE_COMPLETED:
      return FUTURES_FUTURE_STATE_COMPLETED;
    case STATE_FAILED:
      return FUTURES_FUTURE_STATE_FAILED;
    case STATE_CANCELLED:
      return FUTURES_FUTURE_STATE_CANCELLED;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
state_is_done (InternalState state)
{
  return state == STATE_COMPLETED || state == STATE_FAILED || state == STATE_CANCELLED;
}

static gboolean
state_may_cancel (InternalState state)
{
  return state == STATE_WAITING || state == STATE_EXECUTING;
}

static const char *
state_name (FuturesFutureState state)
{
  GEnumClass *klass = g_type_class_peek (FUTURES_TYPE_FUTURE_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value != NULL ? value->value_nick : "?";
}

/* The one place the state changes: notifies state, may-cancel and done,
 * in that order and only where they changed, then completes the future's
 * bookkeeping once it is done. Hot (twice per call): plain C casts. */
static void
futures_future_set_state (FuturesFuture *self,
                          InternalState  new_state)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);
  InternalState old_state = priv->state;
  g_autoptr(FuturesFuture) hold = g_object_ref (self);
  FuturesExecutor *executor;

  priv->state = new_state;

  if (public_state (old_state) != public_state (new_state))
    {
      FUTURES_DEBUG ("%s %p: %s → %s", G_OBJECT_TYPE_NAME (self), self,
               state_name (public_state (old_state)),
               state_name (public_state (new_state)));
      g_object_notify_by_pspec ((GObject *) self, properties[PROP_STATE]);
    }
  if (state_may_cancel (old_state) != state_may_cancel (new_state))
    g_object_notify_by_pspec ((GObject *) self, properties[PROP_MAY_CANCEL]);

  if (!state_is_done (new_state))
    return;

  /* The task has sent its last message: its data is released here, in
   * the main context, as the threading rule wants. (The task object
   * itself goes with the future: dropping it here would finalize it in
   * the middle of the completions, a sixth of their cost.) */
  if (priv->task != NULL)
    futures_task_release_data (priv->task);

  executor = priv->link.data;
  priv->link.data = NULL;

  if (executor != NULL)
    futures_executor_future_done (executor, self, FALSE);
  g_object_notify_by_pspec ((GObject *) self, properties[PROP_DONE]);
  if (executor != NULL)
    futures_executor_future_done (executor, self, TRUE);
}

static void
futures_future_protocol_error (FuturesFuture *self,
                               const char    *event)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  g_critical ("%s %p: unexpected %s in state %d; this is a bug in futures-glib",
              G_OBJECT_TYPE_NAME (self), self, event, priv->state);
}

static GObject *
futures_future_endpoint_owner (FuturesEndpoint *endpoint)
{
  /* The endpoint opens the private structure. */
  return G_STRUCT_MEMBER_P (endpoint, -FuturesFuture_private_offset);
}

static gboolean
futures_future_deliver (FuturesEndpoint *endpoint,
                        FuturesMessage  *message)
{
  FuturesFuture *self = (FuturesFuture *) futures_future_endpoint_owner (endpoint);
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  switch ((FuturesMessageType) message->type)
    {
    case FUTURES_MESSAGE_CUSTOM:
      if (priv->state == STATE_EXECUTING)
        {
          priv->dispatch_kind = message->detail;
          FUTURES_FUTURE_GET_CLASS (self)->dispatch (self, g_quark_to_string (message->detail),
                                                     &message->value);
          priv->dispatch_kind = 0;
        }
      else if (priv->state != STATE_CANCELLING_AFTER_START)
        futures_future_protocol_error (self, "message");
      break;

    case FUTURES_MESSAGE_CUSTOM_CHUNK:
      /* Values sent one by one, delivered one by one; once a handler
       * cancels the future the rest are dropped, as later messages are. */
      if (priv->state == STATE_EXECUTING)
        {
          FuturesValueChunk *chunk = g_value_get_boxed (&message->value);
          FuturesFutureClass *klass = FUTURES_FUTURE_GET_CLASS (self);
          const char *kind = g_quark_to_string (message->detail);
          guint n = futures_value_chunk_take (chunk), i;

          priv->dispatch_kind = message->detail;
          for (i = 0; i < n && priv->state == STATE_EXECUTING; i++)
            klass->dispatch (self, kind, futures_value_chunk_get (chunk, i));
          priv->dispatch_kind = 0;
        }
      else if (priv->state != STATE_CANCELLING_AFTER_START)
        futures_future_protocol_error (self, "message");
      break;

    case FUTURES_MESSAGE_STARTED:
      if (priv->state == STATE_WAITING)
        futures_future_set_state (self, STATE_EXECUTING);
      else if (priv->state == STATE_CANCELLING_BEFORE_START)
        futures_future_set_state (self, STATE_CANCELLING_AFTER_START);
      else
        futures_future_protocol_error (self, "start");
      break;

    case FUTURES_MESSAGE_RETURNED:
      if (priv->state == STATE_EXECUTING)
        {
          /* Kept, not copied; a message without a value is not needed. */
          gboolean kept = G_VALUE_TYPE (&message->value) != G_TYPE_INVALID;

          if (kept)
            priv->outcome = message;
          futures_future_set_state (self, STATE_COMPLETED);
          return kept;
        }
      else if (priv->state == STATE_CANCELLING_AFTER_START)
        futures_future_set_state (self, STATE_CANCELLED);
      else
        futures_future_protocol_error (self, "return");
      break;

    case FUTURES_MESSAGE_RAISED:
      if (priv->state == STATE_EXECUTING)
        {
          priv->outcome = message;
          futures_future_set_state (self, STATE_FAILED);
          return TRUE;
        }
      else if (priv->state == STATE_CANCELLING_AFTER_START)
        futures_future_set_state (self, STATE_CANCELLED);
      else
        futures_future_protocol_error (self, "failure");
      break;

    case FUTURES_MESSAGE_ABANDONED:
      if (priv->state == STATE_CANCELLING_BEFORE_START)
        futures_future_set_state (self, STATE_CANCELLED);
      else
        futures_future_protocol_error (self, "abandon");
      break;

    case FUTURES_MESSAGE_PLAIN:
    default:
      futures_future_protocol_error (self, "plain message");
      break;
    }
  return FALSE;
}

static const FuturesEndpointClass endpoint_class = {
  futures_future_endpoint_owner,
  futures_future_deliver,
};

static void
futures_future_real_dispatch (FuturesFuture *self,
                              const char    *kind,
                              const GValue  *value)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);
  GQuark detail = priv->dispatch_kind;

  /* The message's own quark when it is the one being dispatched (no
   * lookup, no process-wide lock); a subclass may pass any other kind. */
  if (detail == 0 || g_quark_to_string (detail) != kind)
    detail = g_quark_from_string (kind);
  g_signal_emit (self, signals[MESSAGE], detail, kind, value);
}

static void
futures_future_finalize (GObject *object)
{
  FuturesFuture *self = FUTURES_FUTURE (object);
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  g_clear_pointer (&priv->outcome, futures_message_free);
  g_clear_object (&priv->task);

  G_OBJECT_CLASS (futures_future_parent_class)->finalize (object);
}

static void
futures_future_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FuturesFuture *self = FUTURES_FUTURE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, futures_future_get_state (self));
      break;

    case PROP_DONE:
      g_value_set_boolean (value, futures_future_get_done (self));
      break;

    case PROP_MAY_CANCEL:
      g_value_set_boolean (value, futures_future_get_may_cancel (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_future_class_init (FuturesFutureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = futures_future_finalize;
  object_class->get_property = futures_future_get_property;

  klass->dispatch = futures_future_real_dispatch;

  /**
   * FuturesFuture:state:
   *
   * The state of the task, as far as the main context knows; see
   * #FuturesFutureState. Notified, in the future's main context, only
   * when it changes.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       FUTURES_TYPE_FUTURE_STATE,
                       FUTURES_FUTURE_STATE_WAITING,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * FuturesFuture:done:
   *
   * Whether the future reached a final state (COMPLETED, FAILED or
   * CANCELLED). Becomes %TRUE once and never changes again.
   */
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * FuturesFuture:may-cancel:
   *
   * Whether futures_future_cancel() would do anything: %TRUE while the
   * future is WAITING or EXECUTING. Bind a Cancel button's
   * `sensitive` property (of `GtkWidget`) to it.
   */
  properties[PROP_MAY_CANCEL] =
    g_param_spec_boolean ("may-cancel", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FuturesFuture::message:
   * @self: the future
   * @kind: the kind of the message, as given to futures_task_send(); also
   *   the signal's detail
   * @value: the payload (valid during the emission only)
   *
   * Emitted for each custom message the task sends while the future is
   * EXECUTING, in the order they were sent; messages that arrive once
   * the future is cancelling are dropped. Connect to `message::KIND` for
   * one kind only.
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_VALUE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
futures_future_init (FuturesFuture *self)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  priv->state = STATE_WAITING;
  priv->endpoint.klass = &endpoint_class;
}

FuturesEndpoint *
futures_future_get_endpoint (FuturesFuture *self)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  return &priv->endpoint;
}

void
futures_future_attach (FuturesFuture   *self,
                       FuturesTask     *task,
                       FuturesExecutor *executor)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  g_assert (priv->task == NULL);
  priv->task = g_object_ref (task);
  priv->link.data = executor;
}

/* The executor's list of live futures threads through the futures
 * themselves: no allocation, O(1) removal. */
GList *
futures_future_get_link (FuturesFuture *self)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  return &priv->link;
}

FuturesFuture *
futures_future_from_link (GList *link)
{
  FuturesFuturePrivate *priv = G_STRUCT_MEMBER_P (link, -G_STRUCT_OFFSET (FuturesFuturePrivate, link));

  return G_STRUCT_MEMBER_P (priv, -FuturesFuture_private_offset);
}

FuturesTask *
futures_future_get_task (FuturesFuture *self)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  return priv->task;
}

/* The executor forgets the future without it becoming done (it is being
 * disposed of): no done callback will ever come. */
void
futures_future_detach (FuturesFuture *self)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  priv->link.data = NULL;
}

/**
 * futures_future_get_state:
 * @self: a #FuturesFuture
 *
 * Gets the #FuturesFuture:state property.
 *
 * Returns: the state of the task
 */
FuturesFutureState
futures_future_get_state (FuturesFuture *self)
{
  FuturesFuturePrivate *priv;

  g_return_val_if_fail (FUTURES_IS_FUTURE (self), FUTURES_FUTURE_STATE_WAITING);

  priv = futures_future_get_instance_private (self);

  return public_state (priv->state);
}

/**
 * futures_future_get_done:
 * @self: a #FuturesFuture
 *
 * Gets the #FuturesFuture:done property.
 *
 * Returns: %TRUE once the future is COMPLETED, FAILED or CANCELLED
 */
gboolean
futures_future_get_done (FuturesFuture *self)
{
  FuturesFuturePrivate *priv;

  g_return_val_if_fail (FUTURES_IS_FUTURE (self), FALSE);

  priv = futures_future_get_instance_private (self);

  return state_is_done (priv->state);
}

/**
 * futures_future_get_may_cancel:
 * @self: a #FuturesFuture
 *
 * Gets the #FuturesFuture:may-cancel property.
 *
 * Returns: %TRUE if futures_future_cancel() would do anything
 */
gboolean
futures_future_get_may_cancel (FuturesFuture *self)
{
  FuturesFuturePrivate *priv;

  g_return_val_if_fail (FUTURES_IS_FUTURE (self), FALSE);

  priv = futures_future_get_instance_private (self);

  return state_may_cancel (priv->state);
}

/**
 * futures_future_cancel:
 * @self: a #FuturesFuture
 *
 * Asks for the task to be cancelled. A task that has not started will
 * never run; a running task sees futures_task_is_cancelled() become
 * %TRUE and its #GCancellable cancelled, and whatever it returns is
 * discarded. The future moves to CANCELLING at once and to CANCELLED
 * when the task has ended.
 *
 * Cancelling a future that is already cancelling or done does nothing.
 *
 * Returns: %TRUE if the future was WAITING or EXECUTING and is now
 *   CANCELLING, %FALSE if there was nothing to cancel
 */
gboolean
futures_future_cancel (FuturesFuture *self)
{
  FuturesFuturePrivate *priv;

  g_return_val_if_fail (FUTURES_IS_FUTURE (self), FALSE);

  priv = futures_future_get_instance_private (self);

  if (!state_may_cancel (priv->state))
    return FALSE;

  if (priv->task != NULL)
    futures_task_request_cancel (priv->task);

  futures_future_set_state (self, priv->state == STATE_WAITING
                                  ? STATE_CANCELLING_BEFORE_START
                                  : STATE_CANCELLING_AFTER_START);
  return TRUE;
}

/* TRUE if the future ended in @wanted (COMPLETED for a result, FAILED for
 * an error); otherwise an INVALID_STATE error that says why there is
 * nothing to read. */
static gboolean
futures_future_check_outcome (FuturesFuture  *self,
                              InternalState   wanted,
                              GError        **error)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);
  const char *message;

  if (priv->state == wanted)
    return TRUE;

  switch (priv->state)
    {
    case STATE_COMPLETED:
      message = _("The task completed, so it has no error");
      break;
    case STATE_FAILED:
      message = _("The task failed, so it has no result");
      break;
    case STATE_CANCELLED:
      message = wanted == STATE_COMPLETED ? _("The task was cancelled, so it has no result")
                                          : _("The task was cancelled, so it has no error");
      break;
    case STATE_WAITING:
    case STATE_EXECUTING:
    case STATE_CANCELLING_BEFORE_START:
    case STATE_CANCELLING_AFTER_START:
    default:
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE,
                   _("The task has not finished yet (the future is %s)"),
                   state_name (public_state (priv->state)));
      return FALSE;
    }

  g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE, message);
  return FALSE;
}

/**
 * futures_future_get_result:
 * @self: a #FuturesFuture
 * @error: return location for a #GError, or %NULL
 *
 * Gets what the task returned. Only a COMPLETED future has a result; in
 * any other state this fails with %FUTURES_ERROR_INVALID_STATE (for a
 * FAILED future, read the error with futures_future_dup_error()).
 *
 * A task that returned nothing completes with no value: this then
 * returns %NULL without setting @error (`None` in Python, `null` in
 * JavaScript).
 *
 * Returns: (transfer none) (nullable): the result, owned by the future;
 *   %NULL with @error set on failure, or %NULL alone if the task
 *   returned no value
 */
const GValue *
futures_future_get_result (FuturesFuture  *self,
                           GError        **error)
{
  FuturesFuturePrivate *priv;

  g_return_val_if_fail (FUTURES_IS_FUTURE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  priv = futures_future_get_instance_private (self);

  if (!futures_future_check_outcome (self, STATE_COMPLETED, error))
    return NULL;
  return priv->outcome != NULL ? &priv->outcome->value : NULL;
}

/**
 * futures_future_dup_error:
 * @self: a #FuturesFuture
 * @error: return location for a #GError, or %NULL
 *
 * Gets the error the task failed with, with its own domain, code and
 * message. Only a FAILED future has one; in any other state this fails
 * with %FUTURES_ERROR_INVALID_STATE.
 *
 * Returns: (transfer full) (nullable): a copy of the task's error, or
 *   %NULL with @error set
 */
GError *
futures_future_dup_error (FuturesFuture  *self,
                          GError        **error)
{
  FuturesFuturePrivate *priv;

  g_return_val_if_fail (FUTURES_IS_FUTURE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  priv = futures_future_get_instance_private (self);

  if (!futures_future_check_outcome (self, STATE_FAILED, error))
    return NULL;
  return g_error_copy (g_value_get_boxed (&priv->outcome->value));
}

/* Waiting without blocking ------------------------------------------------ */

/* Returns the outcome of a done future to @task. */
static void
futures_future_return_outcome (FuturesFuture *self,
                               GTask         *task)
{
  FuturesFuturePrivate *priv = futures_future_get_instance_private (self);

  switch (public_state (priv->state))
    {
    case FUTURES_FUTURE_STATE_COMPLETED:
      g_task_return_boolean (task, TRUE);
      break;
    case FUTURES_FUTURE_STATE_FAILED:
      g_task_return_error (task, g_error_copy (g_value_get_boxed (&priv->outcome->value)));
      break;
    case FUTURES_FUTURE_STATE_CANCELLED:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The future was cancelled"));
      break;
    case FUTURES_FUTURE_STATE_WAITING:
    case FUTURES_FUTURE_STATE_EXECUTING:
    case FUTURES_FUTURE_STATE_CANCELLING:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
futures_future_ready (GObject *object)
{
  return futures_future_get_done (FUTURES_FUTURE (object));
}

static void
futures_future_complete (GObject *object,
                         GTask   *task)
{
  futures_future_return_outcome (FUTURES_FUTURE (object), task);
}

/**
 * futures_future_wait_async:
 * @self: a #FuturesFuture
 * @cancellable: (nullable): a #GCancellable to stop waiting, or %NULL
 * @callback: (scope async): called when the future is done, or when
 *   @cancellable is cancelled
 * @user_data: data for @callback
 *
 * Waits, without blocking, for the future to be done, then calls
 * @callback in the thread-default main context of the caller; call
 * futures_future_wait_finish() there to learn the outcome. The main
 * context must run meanwhile: it is what delivers the future's messages.
 *
 * Waiting for a future that is done already completes on the next main
 * loop iteration. Cancelling @cancellable stops the wait only, not the
 * task: use futures_future_cancel() for that.
 *
 * From JavaScript, after
 * `Gio._promisify(Futures.Future.prototype, 'wait_async', 'wait_finish')`,
 * `await future.wait_async(null)` resolves when the future completed and
 * rejects with the task's error when it failed.
 */
void
futures_future_wait_async (FuturesFuture       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FUTURES_IS_FUTURE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, futures_future_wait_async);
  g_task_set_name (task, "[futures-glib] futures_future_wait_async");
  /* The wait's own cancellation is told apart from the future's. */
  g_task_set_check_cancellable (task, FALSE);

  if (futures_future_get_done (self))
    {
      futures_future_return_outcome (self, task);
      return;
    }

  futures_async_watch (task, "notify::done", futures_future_ready, futures_future_complete);
}

/**
 * futures_future_wait_finish:
 * @self: a #FuturesFuture
 * @result: the #GAsyncResult given to the callback of
 *   futures_future_wait_async()
 * @error: return location for a #GError, or %NULL
 *
 * Finishes a wait started with futures_future_wait_async().
 *
 * Fails with the task's own error if the future FAILED, with
 * %G_IO_ERROR_CANCELLED if the future was CANCELLED or the wait's
 * cancellable was cancelled (the future then may still be running).
 *
 * Returns: %TRUE if the future COMPLETED (its result is then available
 *   from futures_future_get_result()), %FALSE with @error set otherwise
 */
gboolean
futures_future_wait_finish (FuturesFuture  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (FUTURES_IS_FUTURE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, futures_future_wait_async), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
