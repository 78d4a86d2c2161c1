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

/* The queue is a list of messages linked through their own @next field:
 * senders push onto @incoming with one compare-and-swap (newest first);
 * the main context takes the whole list with one more and reverses it
 * into @outgoing, which only it touches. No lock, no allocation, and each
 * sender's messages stay in the order it sent them.
 *
 * @incoming is CLOSED once the channel is closed: pushes fail from then on.
 * A consumer that blocks (futures_channel_pop() with a timeout) waits on
 * @cond; a sender takes the lock to signal only when someone waits. */
#define CLOSED ((FuturesMessage *) &closed_marker)
static const char closed_marker;

struct _FuturesChannel
{
  gatomicrefcount  ref_count;
  FuturesMessage  *incoming;   /* atomic; newest first; or CLOSED */
  FuturesMessage  *outgoing;   /* main context only; oldest first */
  int              waiters;    /* atomic: consumers blocked in pop() */
  int              pushing;    /* atomic: lazy pushes that may still arm the wakeup */
  GMutex           lock;
  GCond            cond;
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
  /* Not G_IS_VALUE(): on an unset value it takes the type system's lock. */
  if (G_VALUE_TYPE (&message->value) != G_TYPE_INVALID)
    g_value_unset (&message->value);
  g_free (message);
}

/* Fails only when the process is out of descriptors (see
 * futures_wakeup_new()). */
FuturesChannel *
futures_channel_new (FuturesWakeupDrainFunc   drain,
                     gpointer                 user_data,
                     int                      priority,
                     GError                 **error)
{
  FuturesWakeup *wakeup = futures_wakeup_new (drain, user_data, priority,
                                              FUTURES_CHANNEL_BUDGET_USEC, error);
  FuturesChannel *self;

  if (wakeup == NULL)
    return NULL;

  self = g_new0 (FuturesChannel, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->wakeup = wakeup;

  return self;
}

FuturesChannel *
futures_channel_ref (FuturesChannel *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/* Frees a list of messages linked through @next. */
static void
free_messages (FuturesMessage *list)
{
  while (list != NULL)
    {
      FuturesMessage *next = list->next;

      futures_message_free (list);
      list = next;
    }
}

void
futures_channel_unref (FuturesChannel *self)
{
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      FuturesMessage *incoming = g_atomic_pointer_get (&self->incoming);

      if (incoming != CLOSED)
        free_messages (incoming);
      free_messages (self->outgoing);
      g_cond_clear (&self->cond);
      g_mutex_clear (&self->lock);
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
  FuturesMessage *head;

  /* A lazy push arms the wakeup with g_source_set_ready_time(), which
   * takes the lock of the wakeup's main context: counted from before its
   * first look at the queue, so that close() can wait until none is left
   * (the context may be freed once the router is gone: a push that
   * delivered a future's start could otherwise still be taking that lock
   * while the main context finishes with the future, its executor and, for
   * a thread-default context, the context itself). Other pushes only write
   * the wakeup's own descriptor, which lives as long as the channel they
   * hold. */
  if (lazy)
    g_atomic_int_inc (&self->pushing);
  do
    {
      head = g_atomic_pointer_get (&self->incoming);
      if (G_UNLIKELY (head == CLOSED))
        {
          if (lazy)
            g_atomic_int_add (&self->pushing, -1);
          return FALSE;
        }
      message->next = head;
    }
  while (!g_atomic_pointer_compare_and_exchange (&self->incoming, head, message));

  /* Full barriers on both sides (the exchange above, the increment in
   * pop()): either the waiter sees the message or this sees the waiter. */
  if (G_UNLIKELY (g_atomic_int_get (&self->waiters) > 0))
    {
      g_mutex_lock (&self->lock);
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }

  if (lazy)
    {
      futures_wakeup_ping_soon (self->wakeup, FUTURES_CHANNEL_LAZY_USEC);
      g_atomic_int_add (&self->pushing, -1);
    }
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

  if (G_UNLIKELY (g_atomic_pointer_get (&self->incoming) == CLOSED))
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

/* Main context. Refuses every later push, frees what is queued, here, and
 * returns once no earlier lazy push is still arming the wakeup. */
void
futures_channel_close (FuturesChannel *self)
{
  FuturesMessage *incoming = g_atomic_pointer_exchange (&self->incoming, CLOSED);

  if (incoming != CLOSED)
    free_messages (incoming);
  free_messages (g_steal_pointer (&self->outgoing));

  /* Wake a blocked pop() so that it sees the channel closed. */
  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  /* Lazy pushes that got in before the exchange above may still be
   * arming the wakeup: a few instructions, unless their thread was
   * preempted. Every later push sees CLOSED (both sides change their own
   * variable, then read the other's). */
  while (g_atomic_int_get (&self->pushing) > 0)
    g_thread_yield ();
}

/* Main context. Moves what senders pushed to the outgoing list, oldest
 * first. Returns FALSE if there was nothing. */
static gboolean
futures_channel_take (FuturesChannel *self)
{
  FuturesMessage *list, *reversed = NULL;

  do
    {
      list = g_atomic_pointer_get (&self->incoming);
      if (list == NULL || list == CLOSED)
        return FALSE;
    }
  while (!g_atomic_pointer_compare_and_exchange (&self->incoming, list, NULL));

  while (list != NULL)
    {
      FuturesMessage *next = list->next;

      list->next = reversed;
      reversed = list;
      list = next;
    }

  /* Only called with the outgoing list empty. */
  g_assert (self->outgoing == NULL);
  self->outgoing = reversed;
  return TRUE;
}

static FuturesMessage *
futures_channel_next (FuturesChannel *self)
{
  FuturesMessage *message;

  if (self->outgoing == NULL && !futures_channel_take (self))
    return NULL;

  message = self->outgoing;
  self->outgoing = message->next;
  message->next = NULL;
  return message;
}

/* Main context. Takes up to @max messages, oldest first. */
guint
futures_channel_pop_batch (FuturesChannel  *self,
                           FuturesMessage **batch,
                           guint            max)
{
  guint n = 0;

  while (n < max)
    {
      FuturesMessage *message = futures_channel_next (self);

      if (message == NULL)
        break;
      batch[n++] = message;
    }

  return n;
}

/* Main context. Blocks for at most @timeout_usec (forever when negative);
 * NULL on timeout or once the channel is closed. */
FuturesMessage *
futures_channel_pop (FuturesChannel *self,
                     gint64          timeout_usec)
{
  gint64 end_time = timeout_usec >= 0 ? g_get_monotonic_time () + timeout_usec : -1;
  FuturesMessage *message;

  while ((message = futures_channel_next (self)) == NULL)
    {
      gboolean timed_out = FALSE;

      if (timeout_usec == 0 || g_atomic_pointer_get (&self->incoming) == CLOSED)
        return NULL;

      g_mutex_lock (&self->lock);
      g_atomic_int_inc (&self->waiters);
      if (g_atomic_pointer_get (&self->incoming) == NULL)
        {
          if (end_time < 0)
            g_cond_wait (&self->cond, &self->lock);
          else
            timed_out = !g_cond_wait_until (&self->cond, &self->lock, end_time);
        }
      g_atomic_int_dec_and_test (&self->waiters);
      g_mutex_unlock (&self->lock);

      if (timed_out && g_atomic_pointer_get (&self->incoming) == NULL)
        return NULL;
      if (end_time >= 0 && g_get_monotonic_time () >= end_time &&
          g_atomic_pointer_get (&self->incoming) == NULL)
        return NULL;
    }

  return message;
}

FuturesWakeup *
futures_channel_get_wakeup (FuturesChannel *self)
{
  return self->wakeup;
}

/* Main context. A push may follow at once; it pings the wakeup. */
gboolean
futures_channel_is_empty (FuturesChannel *self)
{
  FuturesMessage *incoming = g_atomic_pointer_get (&self->incoming);

  return self->outgoing == NULL && (incoming == NULL || incoming == CLOSED);
}
