/* futures-channel.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-channel-private.h"

/* How long one dispatch of the wakeup source may deliver messages before
 * it yields to the rest of the main loop: short enough that a flood never
 * stalls a 60 Hz frame, long enough that the per-dispatch overhead is
 * negligible. */
#define FUTURES_CHANNEL_BUDGET_USEC 4000

/* How late a lazy message may be: well under a frame. */
#define FUTURES_CHANNEL_LAZY_USEC 1000

struct _FuturesChannel
{
  gatomicrefcount  ref_count;
  /* Written under the queue's lock; read without it only as a hint. */
  int              closed;
  GAsyncQueue     *queue;
  FuturesWakeup   *wakeup;
};

FuturesMessage *
futures_message_new (guint64       connection_id,
                     guint32       type,
                     GQuark        detail,
                     const GValue *value)
{
  FuturesMessage *message = g_new0 (FuturesMessage, 1);

  message->connection_id = connection_id;
  message->type = type;
  message->detail = detail;
  if (value != NULL)
    {
      g_value_init (&message->value, G_VALUE_TYPE (value));
      g_value_copy (value, &message->value);
    }

  return message;
}

/* Moves @value into the message and leaves it unset: no copy. */
FuturesMessage *
futures_message_new_take (guint64  connection_id,
                          guint32  type,
                          GQuark   detail,
                          GValue  *value)
{
  FuturesMessage *message = g_new0 (FuturesMessage, 1);
  const GValue unset = G_VALUE_INIT;

  message->connection_id = connection_id;
  message->type = type;
  message->detail = detail;
  message->value = *value;
  *value = unset;

  return message;
}

void
futures_message_free (FuturesMessage *message)
{
  if (G_IS_VALUE (&message->value))
    g_value_unset (&message->value);
  g_free (message);
}

FuturesChannel *
futures_channel_new (FuturesWakeupDrainFunc drain,
                     gpointer               user_data,
                     int                    priority)
{
  FuturesChannel *self = g_new0 (FuturesChannel, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->queue = g_async_queue_new_full ((GDestroyNotify) futures_message_free);
  self->wakeup = futures_wakeup_new (drain, user_data, priority,
                                     FUTURES_CHANNEL_BUDGET_USEC);

  return self;
}

FuturesChannel *
futures_channel_ref (FuturesChannel *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
futures_channel_unref (FuturesChannel *self)
{
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_async_queue_unref (self->queue);
      futures_wakeup_unref (self->wakeup);
      g_free (self);
    }
}

/* Any thread. Returns FALSE, leaving @message to the caller, once the
 * channel is closed. A message marked lazy may reach the main context up
 * to FUTURES_CHANNEL_LAZY_USEC later, or with the next message. */
gboolean
futures_channel_push_full (FuturesChannel *self,
                           FuturesMessage *message,
                           gboolean        lazy)
{
  g_async_queue_lock (self->queue);
  if (G_UNLIKELY (self->closed))
    {
      g_async_queue_unlock (self->queue);
      return FALSE;
    }
  g_async_queue_push_unlocked (self->queue, message);
  g_async_queue_unlock (self->queue);

  if (lazy)
    futures_wakeup_ping_soon (self->wakeup, FUTURES_CHANNEL_LAZY_USEC);
  else
    futures_wakeup_ping (self->wakeup);
  return TRUE;
}

gboolean
futures_channel_push (FuturesChannel *self,
                      FuturesMessage *message)
{
  return futures_channel_push_full (self, message, FALSE);
}

/* Any thread. Copies @value (which may be NULL) only when the channel is
 * open; returns FALSE once it is closed. */
gboolean
futures_channel_push_value (FuturesChannel *self,
                            guint64         connection_id,
                            guint32         type,
                            GQuark          detail,
                            const GValue   *value)
{
  FuturesMessage *message;

  if (G_UNLIKELY (g_atomic_int_get (&self->closed)))
    return FALSE;

  message = futures_message_new (connection_id, type, detail, value);
  if (G_UNLIKELY (!futures_channel_push (self, message)))
    {
      /* Closed in between: the copy never left this thread. */
      futures_message_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Main context. Refuses every later push and frees what is queued, here. */
void
futures_channel_close (FuturesChannel *self)
{
  FuturesMessage *message;

  g_async_queue_lock (self->queue);
  g_atomic_int_set (&self->closed, TRUE);
  while ((message = g_async_queue_try_pop_unlocked (self->queue)) != NULL)
    futures_message_free (message);
  g_async_queue_unlock (self->queue);
}

/* Takes up to @max messages under one lock, so that the lock is never held
 * while a message is delivered and producers contend once per batch. */
guint
futures_channel_pop_batch (FuturesChannel  *self,
                           FuturesMessage **batch,
                           guint            max)
{
  guint n = 0;

  g_async_queue_lock (self->queue);
  while (n < max)
    {
      FuturesMessage *message = g_async_queue_try_pop_unlocked (self->queue);

      if (message == NULL)
        break;
      batch[n++] = message;
    }
  g_async_queue_unlock (self->queue);

  return n;
}

/* Blocks for at most @timeout_usec (forever when negative). */
FuturesMessage *
futures_channel_pop (FuturesChannel *self,
                     gint64          timeout_usec)
{
  if (timeout_usec < 0)
    return g_async_queue_pop (self->queue);
  if (timeout_usec == 0)
    return g_async_queue_try_pop (self->queue);
  return g_async_queue_timeout_pop (self->queue, (guint64) timeout_usec);
}

FuturesWakeup *
futures_channel_get_wakeup (FuturesChannel *self)
{
  return self->wakeup;
}
