/* futures-channel-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

#include "futures-wakeup-private.h"

G_BEGIN_DECLS

/* What a message means to its endpoint. Pipes of the public API only
 * carry PLAIN messages; the others are the protocol between a task and
 * its future. */
typedef enum
{
  FUTURES_MESSAGE_PLAIN,
  FUTURES_MESSAGE_STARTED,
  FUTURES_MESSAGE_RETURNED,
  FUTURES_MESSAGE_RAISED,
  FUTURES_MESSAGE_ABANDONED,
  FUTURES_MESSAGE_CUSTOM,
  FUTURES_MESSAGE_CUSTOM_CHUNK,  /* CUSTOM values of one kind, packed */
} FuturesMessageType;

/* One message on its way from a sender to the main context: the only
 * allocation on the hot path (the channel links messages through @next,
 * so queueing one allocates nothing more). */
typedef struct _FuturesMessage FuturesMessage;
struct _FuturesMessage
{
  FuturesMessage *next;
  guint64  connection_id;
  guint32  type;     /* FuturesMessageType */
  GQuark   detail;   /* the kind of a CUSTOM message */
  GValue   value;    /* unset when the message carries nothing */
};

FuturesMessage *futures_message_new      (guint64         connection_id,
                                          guint32         type,
                                          GQuark          detail,
                                          const GValue   *value);
FuturesMessage *futures_message_new_take (guint64         connection_id,
                                          guint32         type,
                                          GQuark          detail,
                                          GValue         *value);
void            futures_message_free     (FuturesMessage *message);

/*
 * FuturesChannel: the local queue of one router run plus the wakeup that
 * drains it. Senders (on any thread) hold a reference and push; the router
 * pops in its main context. A router makes a new channel on every start
 * and closes it when it stops: a closed channel refuses new messages, so
 * no message is ever stranded where only a worker thread could free it,
 * and a sender left over from an earlier run can never reach a later one.
 */
typedef struct _FuturesChannel FuturesChannel;

FuturesChannel *futures_channel_new       (FuturesWakeupDrainFunc  drain,
                                           gpointer                user_data,
                                           int                     priority,
                                           GError                **error);
FuturesChannel *futures_channel_ref       (FuturesChannel         *self);
void            futures_channel_unref     (FuturesChannel         *self);
gboolean        futures_channel_push      (FuturesChannel         *self,
                                           FuturesMessage         *message);
gboolean        futures_channel_push_full (FuturesChannel         *self,
                                           FuturesMessage         *message,
                                           gboolean                lazy);
gboolean        futures_channel_push_value (FuturesChannel        *self,
                                            guint64                connection_id,
                                            guint32                type,
                                            GQuark                 detail,
                                            const GValue          *value);
void            futures_channel_close     (FuturesChannel         *self);
guint           futures_channel_pop_batch (FuturesChannel         *self,
                                           FuturesMessage        **batch,
                                           guint                   max);
FuturesMessage *futures_channel_pop       (FuturesChannel         *self,
                                           gint64                  timeout_usec);
FuturesWakeup  *futures_channel_get_wakeup (FuturesChannel        *self);
gboolean        futures_channel_is_empty  (FuturesChannel         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FuturesChannel, futures_channel_unref)

G_END_DECLS
