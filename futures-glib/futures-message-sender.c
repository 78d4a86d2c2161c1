/* futures-message-sender.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-enums.h"
#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-message-sender-private.h"

/**
 * SECTION:futures-message-sender
 * @Title: FuturesMessageSender
 * @Short_description: The background end of a pipe
 * @See_also: #FuturesMessageRouter, #FuturesMessageReceiver
 *
 * A #FuturesMessageSender is the half of a pipe, made by
 * futures_message_router_pipe(), that is handed to background work. The
 * background code starts it, sends any number of messages and stops it:
 *
 * |[<!-- language="C" -->
 * static gpointer
 * worker (gpointer data)
 * {
 *   g_autoptr(FuturesMessageSender) sender = data;
 *   g_auto(GValue) value = G_VALUE_INIT;
 *
 *   futures_message_sender_start (sender, NULL);
 *   g_value_init (&value, G_TYPE_INT);
 *   for (int i = 0; i < 10; i++)
 *     {
 *       g_value_set_int (&value, i);
 *       futures_message_sender_send (sender, &value, NULL);
 *     }
 *   futures_message_sender_stop (sender, NULL);
 *
 *   return NULL;
 * }
 * ]|
 *
 * A sender is not thread-safe: start, send and stop it from one thread at
 * a time (normally the one thread running the background work). It has no
 * tie to any main context and emits no signal, so it may be used, and its
 * last reference dropped, on any thread.
 *
 * A message is copied when it is sent (g_value_copy(), so objects and
 * boxed values are referenced, not duplicated) and the copy is released in
 * the router's main context after delivery, or when it is dropped there
 * because its pipe was closed or the router stopped. Sending on a pipe of
 * a router that has stopped fails with %FUTURES_ERROR_NOT_RUNNING and
 * copies nothing.
 */

/**
 * FuturesMessageSender:
 *
 * The sending end of a pipe. An opaque object: use the functions and
 * properties below.
 */

struct _FuturesMessageSender
{
  GObject                    parent_instance;
  guint64                    connection_id;
  FuturesMessageSenderState  state;
  FuturesChannel            *channel;
};

enum {
  PROP_0,
  PROP_CONNECTION_ID,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FuturesMessageSender, futures_message_sender, G_TYPE_OBJECT)

static void
futures_message_sender_finalize (GObject *object)
{
  FuturesMessageSender *self = FUTURES_MESSAGE_SENDER (object);

  g_clear_pointer (&self->channel, futures_channel_unref);

  G_OBJECT_CLASS (futures_message_sender_parent_class)->finalize (object);
}

static void
futures_message_sender_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FuturesMessageSender *self = FUTURES_MESSAGE_SENDER (object);

  switch (prop_id)
    {
    case PROP_CONNECTION_ID:
      g_value_set_uint64 (value, self->connection_id);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_message_sender_class_init (FuturesMessageSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = futures_message_sender_finalize;
  object_class->get_property = futures_message_sender_get_property;

  /**
   * FuturesMessageSender:connection-id:
   *
   * The identifier of the pipe, the same as the paired receiver's
   * #FuturesMessageReceiver:connection-id.
   */
  properties[PROP_CONNECTION_ID] =
    g_param_spec_uint64 ("connection-id", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * FuturesMessageSender:state:
   *
   * Where the sender is in its life cycle. The sender lives on a
   * background thread, so no notification is ever emitted for this
   * property: read it when you need it.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       FUTURES_TYPE_MESSAGE_SENDER_STATE,
                       FUTURES_MESSAGE_SENDER_STATE_INITIAL,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
futures_message_sender_init (FuturesMessageSender *self)
{
  self->state = FUTURES_MESSAGE_SENDER_STATE_INITIAL;
}

FuturesMessageSender *
futures_message_sender_new (guint64         connection_id,
                            FuturesChannel *channel)
{
  FuturesMessageSender *self = g_object_new (FUTURES_TYPE_MESSAGE_SENDER, NULL);

  self->connection_id = connection_id;
  self->channel = futures_channel_ref (channel);

  return self;
}

/**
 * futures_message_sender_get_connection_id:
 * @self: a #FuturesMessageSender
 *
 * Gets the #FuturesMessageSender:connection-id property.
 *
 * Returns: the identifier of the pipe
 */
guint64
futures_message_sender_get_connection_id (FuturesMessageSender *self)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_SENDER (self), 0);

  return self->connection_id;
}

/**
 * futures_message_sender_get_state:
 * @self: a #FuturesMessageSender
 *
 * Gets the #FuturesMessageSender:state property.
 *
 * Returns: where the sender is in its life cycle
 */
FuturesMessageSenderState
futures_message_sender_get_state (FuturesMessageSender *self)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_SENDER (self),
                        FUTURES_MESSAGE_SENDER_STATE_CLOSED);

  return self->state;
}

/* Sets an INVALID_STATE error, worded for the operation and the state the
 * sender is in, unless it is open. */
static gboolean
futures_message_sender_check_open (FuturesMessageSender  *self,
                                   gboolean               stopping,
                                   GError               **error)
{
  if (self->state == FUTURES_MESSAGE_SENDER_STATE_OPEN)
    return TRUE;

  if (self->state == FUTURES_MESSAGE_SENDER_STATE_INITIAL)
    g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE,
                 stopping ? _("Message sender #%llu cannot stop before it is started")
                          : _("Message sender #%llu cannot send before it is started"),
                 (unsigned long long) self->connection_id);
  else
    g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE,
                 stopping ? _("Message sender #%llu was already stopped")
                          : _("Message sender #%llu cannot send after it was stopped"),
                 (unsigned long long) self->connection_id);
  return FALSE;
}

/**
 * futures_message_sender_start:
 * @self: a #FuturesMessageSender
 * @error: return location for a #GError, or %NULL
 *
 * Prepares the sender for sending. Call it once, on the thread that
 * will send, before the first futures_message_sender_send().
 *
 * Starting a sender that was started before (whether or not it was
 * stopped since) fails with %FUTURES_ERROR_INVALID_STATE and changes
 * nothing.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_message_sender_start (FuturesMessageSender  *self,
                              GError               **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_SENDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state != FUTURES_MESSAGE_SENDER_STATE_INITIAL)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE,
                   _("Message sender #%llu was already started"),
                   (unsigned long long) self->connection_id);
      return FALSE;
    }

  if (self->channel == NULL)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE,
                           _("The message sender was not made by a message router"));
      return FALSE;
    }

  self->state = FUTURES_MESSAGE_SENDER_STATE_OPEN;

  return TRUE;
}

/**
 * futures_message_sender_send:
 * @self: a #FuturesMessageSender
 * @message: the message, an initialized #GValue of any type
 * @error: return location for a #GError, or %NULL
 *
 * Sends a copy of @message to the paired #FuturesMessageReceiver, which
 * emits #FuturesMessageReceiver::message with it in the router's main
 * context. Never blocks.
 *
 * The sender must be open: sending before futures_message_sender_start()
 * or after futures_message_sender_stop() fails with
 * %FUTURES_ERROR_INVALID_STATE and sends nothing. Once the router that
 * made the pipe has stopped, sending fails with
 * %FUTURES_ERROR_NOT_RUNNING and sends nothing (nobody would read it).
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_message_sender_send (FuturesMessageSender  *self,
                             const GValue          *message,
                             GError               **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_SENDER (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (message), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (G_UNLIKELY (!futures_message_sender_check_open (self, FALSE, error)))
    return FALSE;

  if (G_UNLIKELY (!futures_channel_push_value (self->channel, self->connection_id,
                                               FUTURES_MESSAGE_PLAIN, 0, message)))
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING,
                   _("Message sender #%llu cannot send: its router has stopped"),
                   (unsigned long long) self->connection_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * futures_message_sender_stop:
 * @self: a #FuturesMessageSender
 * @error: return location for a #GError, or %NULL
 *
 * Ends sending. Messages already sent are still delivered. Stopping a
 * sender that is not open (never started, or stopped already) fails with
 * %FUTURES_ERROR_INVALID_STATE and changes nothing.
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 */
gboolean
futures_message_sender_stop (FuturesMessageSender  *self,
                             GError               **error)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_SENDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!futures_message_sender_check_open (self, TRUE, error))
    return FALSE;

  self->state = FUTURES_MESSAGE_SENDER_STATE_CLOSED;

  return TRUE;
}
