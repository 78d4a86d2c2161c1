/* futures-message-receiver.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-message-receiver-private.h"

/**
 * SECTION:futures-message-receiver
 * @Title: FuturesMessageReceiver
 * @Short_description: The main-context end of a pipe
 * @See_also: #FuturesMessageRouter, #FuturesMessageSender
 *
 * A #FuturesMessageReceiver is the half of a pipe, made by
 * futures_message_router_pipe(), that stays in the foreground. Every
 * message that the paired #FuturesMessageSender sends is announced by the
 * #FuturesMessageReceiver::message signal, always in the router's main
 * context, in the order the sender sent them.
 *
 * Receivers are made by routers; a receiver made with g_object_new() is
 * never connected to anything.
 */

/**
 * FuturesMessageReceiver:
 *
 * The receiving end of a pipe. An opaque object: use the functions, the
 * property and the signal below.
 */

struct _FuturesMessageReceiver
{
  GObject         parent_instance;
  FuturesEndpoint endpoint;
};

enum {
  PROP_0,
  PROP_CONNECTION_ID,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FuturesMessageReceiver, futures_message_receiver, G_TYPE_OBJECT)

static void
futures_message_receiver_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FuturesMessageReceiver *self = FUTURES_MESSAGE_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_CONNECTION_ID:
      g_value_set_uint64 (value, self->endpoint.connection_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_message_receiver_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FuturesMessageReceiver *self = FUTURES_MESSAGE_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_CONNECTION_ID:
      self->endpoint.connection_id = g_value_get_uint64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_message_receiver_class_init (FuturesMessageReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = futures_message_receiver_get_property;
  object_class->set_property = futures_message_receiver_set_property;

  /**
   * FuturesMessageReceiver:connection-id:
   *
   * The identifier of the pipe this receiver ends, the same as the
   * paired sender's #FuturesMessageSender:connection-id. Unique among the
   * pipes of one router.
   */
  properties[PROP_CONNECTION_ID] =
    g_param_spec_uint64 ("connection-id", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FuturesMessageReceiver::message:
   * @self: the receiver
   * @message: the message the paired sender sent, a copy of the value
   *   passed to futures_message_sender_send()
   *
   * Emitted in the router's main context for each message from the paired
   * sender, in the order they were sent. @message is only valid during the
   * emission; copy what you keep.
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  1,
                  G_TYPE_VALUE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static GObject *
futures_message_receiver_endpoint_owner (FuturesEndpoint *endpoint)
{
  return G_STRUCT_MEMBER_P (endpoint, -G_STRUCT_OFFSET (FuturesMessageReceiver, endpoint));
}

static gboolean
futures_message_receiver_deliver (FuturesEndpoint *endpoint,
                                  FuturesMessage  *message)
{
  g_signal_emit (futures_message_receiver_endpoint_owner (endpoint), signals[MESSAGE], 0,
                 &message->value);
  return FALSE;
}

static const FuturesEndpointClass endpoint_class = {
  futures_message_receiver_endpoint_owner,
  futures_message_receiver_deliver,
};

static void
futures_message_receiver_init (FuturesMessageReceiver *self)
{
  self->endpoint.klass = &endpoint_class;
}

FuturesMessageReceiver *
futures_message_receiver_new (void)
{
  return g_object_new (FUTURES_TYPE_MESSAGE_RECEIVER, NULL);
}

/**
 * futures_message_receiver_get_connection_id:
 * @self: a #FuturesMessageReceiver
 *
 * Gets the #FuturesMessageReceiver:connection-id property.
 *
 * Returns: the identifier of the pipe
 */
guint64
futures_message_receiver_get_connection_id (FuturesMessageReceiver *self)
{
  g_return_val_if_fail (FUTURES_IS_MESSAGE_RECEIVER (self), 0);

  return self->endpoint.connection_id;
}

FuturesEndpoint *
futures_message_receiver_get_endpoint (FuturesMessageReceiver *self)
{
  return &self->endpoint;
}
