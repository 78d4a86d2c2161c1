/* futures-router-core.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-message-receiver-private.h"
#include "futures-router-core-private.h"
#include "futures-message-sender-private.h"
#include "futures-process-router-private.h"
#include "futures-thread-router-private.h"

/* Deadline checks cost a clock read; doing one every few messages keeps
 * the overshoot past the budget to a handful of deliveries. */
#define DEADLINE_CHECK_INTERVAL 8

/* The endpoint table --------------------------------------------------------
 *
 * A closed endpoint leaves a tombstone, which the next insertion into that
 * slot reuses: shifting entries back instead would walk the whole run of
 * live ids, which sequential ids make as long as the table is full. The
 * table is rebuilt (without tombstones) when it would pass three quarters
 * full, or shrinks after a burst. */

#define ENDPOINT_TABLE_MIN_SIZE 16

static const char endpoint_tombstone;
#define TOMBSTONE ((FuturesEndpoint *) &endpoint_tombstone)

/* The slot of @connection_id's endpoint, or -1. */
static int
endpoint_table_find (FuturesEndpointTable *table,
                     guint64               connection_id)
{
  FuturesEndpoint *endpoint;
  guint i;

  if (table->slots == NULL)
    return -1;
  for (i = connection_id & table->mask; (endpoint = table->slots[i]) != NULL; i = (i + 1) & table->mask)
    if (endpoint != TOMBSTONE && endpoint->connection_id == connection_id)
      return i;
  return -1;
}

static FuturesEndpoint *
endpoint_table_lookup (FuturesEndpointTable *table,
                       guint64               connection_id)
{
  int i = endpoint_table_find (table, connection_id);

  return i >= 0 ? table->slots[i] : NULL;
}

/* Into the first free slot of its run; a reused tombstone is no longer
 * one. */
static void
endpoint_table_place (FuturesEndpointTable *table,
                      FuturesEndpoint      *endpoint)
{
  guint i = endpoint->connection_id & table->mask;

  while (table->slots[i] != NULL && table->slots[i] != TOMBSTONE)
    i = (i + 1) & table->mask;
  if (table->slots[i] == TOMBSTONE)
    table->n_tombstones--;
  table->slots[i] = endpoint;
}

/* Rebuilds the table with room for @n_open endpoints: at most half full,
 * at least an eighth (but never below the minimum size). */
static void
endpoint_table_rebuild (FuturesEndpointTable *table,
                        guint                 n_open)
{
  FuturesEndpoint **old = table->slots;
  guint old_size = old != NULL ? table->mask + 1 : 0, size = ENDPOINT_TABLE_MIN_SIZE, i;

  while (n_open * 2 > size)
    size *= 2;
  table->slots = g_new0 (FuturesEndpoint *, size);
  table->mask = size - 1;
  table->n_tombstones = 0;
  for (i = 0; i < old_size; i++)
    if (old[i] != NULL && old[i] != TOMBSTONE)
      endpoint_table_place (table, old[i]);
  g_free (old);
}

static void
endpoint_table_insert (FuturesEndpointTable *table,
                       FuturesEndpoint      *endpoint)
{
  guint size = table->slots != NULL ? table->mask + 1 : 0;

  if ((table->n_open + table->n_tombstones + 1) * 4 > size * 3)
    endpoint_table_rebuild (table, table->n_open + 1);
  endpoint_table_place (table, endpoint);
  table->n_open++;
}

/* @endpoint must be in the table. */
static void
endpoint_table_remove (FuturesEndpointTable *table,
                       FuturesEndpoint      *endpoint)
{
  int i = endpoint_table_find (table, endpoint->connection_id);

  g_assert (i >= 0 && table->slots[i] == endpoint);
  table->slots[i] = TOMBSTONE;
  table->n_tombstones++;
  table->n_open--;

  if (table->mask + 1 > ENDPOINT_TABLE_MIN_SIZE && table->n_open * 8 < table->mask + 1)
    endpoint_table_rebuild (table, table->n_open);
}

/* Empties the table, then drops its references on the owners (whose
 * finalization may come back to the router). */
static void
endpoint_table_clear (FuturesEndpointTable *table)
{
  FuturesEndpoint **slots = g_steal_pointer (&table->slots);
  guint size = slots != NULL ? table->mask + 1 : 0, i;

  table->mask = 0;
  table->n_open = 0;
  table->n_tombstones = 0;
  for (i = 0; i < size; i++)
    if (slots[i] != NULL && slots[i] != TOMBSTONE)
      g_object_unref (slots[i]->klass->owner (slots[i]));
  g_free (slots);
}

/* The router core ----------------------------------------------------------- */

void
futures_router_core_init (FuturesRouterCore *core,
                          GObject           *owner,
                          GMainContext      *context,
                          int                priority)
{
  memset (core, 0, sizeof *core);
  core->owner = owner;
  /* A router that takes its context from a construct property passes
   * NULL here and fills it in once constructed. */
  core->context = context != NULL ? g_main_context_ref (context) : NULL;
  core->priority = priority;
  core->next_connection_id = 1;
}

/* Ends a run: the wakeup never drains again, the channel refuses new
 * messages, and what was queued is freed here in the main context. */
static void
futures_router_core_shut (FuturesRouterCore *core)
{
  core->running = FALSE;
  core->manual = FALSE;
  core->last_endpoint = NULL;
  endpoint_table_clear (&core->endpoints);

  while (core->batch_pos < core->batch_len)
    futures_message_free (core->batch[core->batch_pos++]);
  core->batch_pos = core->batch_len = 0;

  if (core->channel != NULL)
    {
      futures_wakeup_detach (futures_channel_get_wakeup (core->channel));
      futures_channel_close (core->channel);
      g_clear_pointer (&core->channel, futures_channel_unref);
    }
}

void
futures_router_core_clear (FuturesRouterCore *core)
{
  futures_router_core_shut (core);
  core->last_endpoint = NULL;
  endpoint_table_clear (&core->endpoints);
  g_clear_pointer (&core->context, g_main_context_unref);
}

static void
futures_router_core_deliver (FuturesRouterCore *core,
                             FuturesMessage    *message)
{
  FuturesEndpoint *endpoint;

  /* A stream of items comes from one endpoint: look it up once. */
  endpoint = core->last_endpoint;
  if (endpoint == NULL || endpoint->connection_id != message->connection_id)
    endpoint = core->last_endpoint = endpoint_table_lookup (&core->endpoints, message->connection_id);
  if (G_UNLIKELY (endpoint == NULL))
    {
      g_warning ("%s %p discarding a message from closed pipe #%" G_GUINT64_FORMAT,
                 G_OBJECT_TYPE_NAME (core->owner), core->owner,
                 message->connection_id);
    }
  else
    {
      /* A handler may close the pipe and so drop the table's reference. */
      GObject *owner = g_object_ref (endpoint->klass->owner (endpoint));
      gboolean kept = endpoint->klass->deliver (endpoint, message);

      g_object_unref (owner);
      if (kept)
        return;
    }

  futures_message_free (message);
}

static FuturesMessage *
futures_router_core_next (FuturesRouterCore *core)
{
  if (core->batch_pos == core->batch_len)
    {
      core->batch_pos = 0;
      core->batch_len = futures_channel_pop_batch (core->channel, core->batch,
                                                   FUTURES_ROUTER_CORE_BATCH);
      if (core->batch_len == 0)
        return NULL;
    }

  return core->batch[core->batch_pos++];
}

static gboolean
futures_router_core_drain (gpointer user_data,
                           gint64   deadline)
{
  FuturesRouterCore *core = user_data;
  g_autoptr(GObject) owner = g_object_ref (core->owner);
  FuturesChannel *channel = core->channel;
  guint delivered = 0;

  /* A handler may stop the router, restart it (a new channel) or switch
   * it to manual routing; each ends this drain. */
  while (core->running && !core->manual && core->channel == channel)
    {
      FuturesMessage *message = futures_router_core_next (core);

      if (message == NULL)
        return FALSE;

      futures_router_core_deliver (core, message);

      /* Out of time: come back only for work that is really left, so
       * that a drain that ran out of time on its last message does not
       * cost an empty dispatch. A message pushed after the check pings. */
      if (++delivered % DEADLINE_CHECK_INTERVAL == 0 &&
          g_get_monotonic_time () >= deadline)
        return core->running && !core->manual && core->channel == channel &&
               (core->batch_pos < core->batch_len ||
                !futures_channel_is_empty (channel));
    }

  return FALSE;
}

gboolean
futures_router_core_start (FuturesRouterCore  *core,
                           GError            **error)
{
  if (core->running)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_ALREADY_RUNNING,
                           _("The message router is already running"));
      return FALSE;
    }

  core->channel = futures_channel_new (futures_router_core_drain, core,
                                       core->priority, error);
  if (core->channel == NULL)
    return FALSE;
  futures_wakeup_attach (futures_channel_get_wakeup (core->channel),
                         core->context);
  core->running = TRUE;
  core->manual = FALSE;

  g_debug ("%s %p: started", G_OBJECT_TYPE_NAME (core->owner), core->owner);

  return TRUE;
}

static gboolean
futures_router_core_check_running (FuturesRouterCore  *core,
                                   GError            **error)
{
  if (!core->running)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING,
                           _("The message router is not running"));
      return FALSE;
    }
  return TRUE;
}

gboolean
futures_router_core_stop (FuturesRouterCore  *core,
                          GError            **error)
{
  guint unclosed;

  if (!futures_router_core_check_running (core, error))
    return FALSE;

  unclosed = core->endpoints.n_open;
  if (unclosed > 0)
    g_warning ("%s %p stopped with %u unclosed pipe(s)",
               G_OBJECT_TYPE_NAME (core->owner), core->owner, unclosed);

  futures_router_core_shut (core);

  g_debug ("%s %p: stopped", G_OBJECT_TYPE_NAME (core->owner), core->owner);

  return TRUE;
}

gboolean
futures_router_core_open_endpoint (FuturesRouterCore  *core,
                                   FuturesEndpoint    *endpoint,
                                   GError            **error)
{
  g_assert (endpoint->klass != NULL);

  if (!futures_router_core_check_running (core, error))
    return FALSE;

  endpoint->connection_id = core->next_connection_id++;
  endpoint_table_insert (&core->endpoints, endpoint);
  g_object_ref (endpoint->klass->owner (endpoint));

  return TRUE;
}

gboolean
futures_router_core_close_endpoint (FuturesRouterCore  *core,
                                    FuturesEndpoint    *endpoint,
                                    GError            **error)
{
  if (!futures_router_core_check_running (core, error))
    return FALSE;

  if (endpoint_table_lookup (&core->endpoints, endpoint->connection_id) != endpoint)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_UNKNOWN_PIPE,
                   _("Pipe #%llu is not open on this message router"),
                   (unsigned long long) endpoint->connection_id);
      return FALSE;
    }

  if (core->last_endpoint == endpoint)
    core->last_endpoint = NULL;
  endpoint_table_remove (&core->endpoints, endpoint);
  g_object_unref (endpoint->klass->owner (endpoint));

  return TRUE;
}

FuturesMessageReceiver *
futures_router_core_open_pipe (FuturesRouterCore  *core,
                               GError            **error)
{
  g_autoptr(FuturesMessageReceiver) receiver = NULL;

  if (!futures_router_core_check_running (core, error))
    return NULL;

  receiver = futures_message_receiver_new ();
  if (!futures_router_core_open_endpoint (core, futures_message_receiver_get_endpoint (receiver),
                                          error))
    return NULL;

  g_debug ("%s %p: opened pipe #%" G_GUINT64_FORMAT,
           G_OBJECT_TYPE_NAME (core->owner), core->owner,
           futures_message_receiver_get_connection_id (receiver));

  return g_steal_pointer (&receiver);
}

gboolean
futures_router_core_close_pipe (FuturesRouterCore       *core,
                                FuturesMessageReceiver  *receiver,
                                GError                 **error)
{
  if (!futures_router_core_close_endpoint (core, futures_message_receiver_get_endpoint (receiver),
                                           error))
    return FALSE;

  g_debug ("%s %p: closed pipe #%" G_GUINT64_FORMAT,
           G_OBJECT_TYPE_NAME (core->owner), core->owner,
           futures_message_receiver_get_connection_id (receiver));

  return TRUE;
}

gboolean
futures_router_core_route_until (FuturesRouterCore     *core,
                                 int                    timeout_msec,
                                 FuturesConditionFunc   condition,
                                 gpointer               user_data,
                                 GError               **error)
{
  g_autoptr(GObject) owner = NULL;
  gint64 end_time = -1;
  gboolean ret = FALSE;

  if (!g_main_context_acquire (core->context))
    {
      g_critical ("%s %p: route_until() must be called from the thread that "
                  "runs the router's main context",
                  G_OBJECT_TYPE_NAME (core->owner), core->owner);
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_FAILED,
                           _("Messages can only be routed from the thread of the router’s main context"));
      return FALSE;
    }

  g_set_object (&owner, core->owner);

  if (!futures_router_core_check_running (core, error))
    goto out;

  if (!core->manual)
    {
      /* Permanent for this run: from now on only route_until delivers. */
      core->manual = TRUE;
      futures_wakeup_detach (futures_channel_get_wakeup (core->channel));
      g_debug ("%s %p: switched to manual routing",
               G_OBJECT_TYPE_NAME (core->owner), core->owner);
    }

  if (timeout_msec >= 0)
    end_time = g_get_monotonic_time () + (gint64) timeout_msec * 1000;

  while (!condition (user_data))
    {
      FuturesMessage *message;

      if (!core->running)
        {
          g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING,
                               _("The message router was stopped while routing messages"));
          goto out;
        }

      if (end_time >= 0 && g_get_monotonic_time () >= end_time)
        message = NULL;
      else if (core->batch_pos < core->batch_len)
        message = core->batch[core->batch_pos++];
      else
        message = futures_channel_pop (core->channel,
                                       end_time < 0 ? -1
                                       : MAX (0, end_time - g_get_monotonic_time ()));

      if (message == NULL)
        {
          g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT,
                       futures_ngettext ("The condition did not become true within %d millisecond",
                                         "The condition did not become true within %d milliseconds",
                                         timeout_msec),
                       timeout_msec);
          goto out;
        }

      futures_router_core_deliver (core, message);
    }

  ret = TRUE;

out:
  g_main_context_release (core->context);
  return ret;
}

void
futures_router_core_set_priority (FuturesRouterCore *core,
                                  int                priority)
{
  if (core->priority == priority)
    return;

  core->priority = priority;
  if (core->channel != NULL && core->running && !core->manual)
    futures_wakeup_set_priority (futures_channel_get_wakeup (core->channel),
                                 priority);
  g_object_notify (core->owner, "priority");
}

/* The core of one of the library's own routers, or NULL for a router
 * implemented elsewhere (which futures cannot use). */
FuturesRouterCore *
futures_router_core_from_router (FuturesMessageRouter *router)
{
  if (FUTURES_IS_THREAD_ROUTER (router))
    return futures_thread_router_get_core (FUTURES_THREAD_ROUTER (router));
  if (FUTURES_IS_PROCESS_ROUTER (router))
    return futures_process_router_get_core (FUTURES_PROCESS_ROUTER (router));
  return NULL;
}

/* The FuturesMessageRouter implementation ------------------------------- */

static void
notify_running (FuturesRouterCore *core,
                gboolean           was_running)
{
  if (was_running != core->running)
    g_object_notify (core->owner, "running");
}

static gboolean
router_start (FuturesMessageRouter  *router,
              GError               **error)
{
  FuturesRouterCore *core = futures_router_core_from_router (router);

  if (!futures_router_core_start (core, error))
    return FALSE;
  notify_running (core, FALSE);
  return TRUE;
}

static gboolean
router_stop (FuturesMessageRouter  *router,
             GError               **error)
{
  FuturesRouterCore *core = futures_router_core_from_router (router);

  if (!futures_router_core_stop (core, error))
    return FALSE;
  notify_running (core, TRUE);
  return TRUE;
}

static gboolean
router_pipe (FuturesMessageRouter    *router,
             FuturesMessageSender   **sender,
             FuturesMessageReceiver **receiver,
             GError                 **error)
{
  FuturesRouterCore *core = futures_router_core_from_router (router);
  g_autoptr(FuturesMessageReceiver) new_receiver = NULL;

  new_receiver = futures_router_core_open_pipe (core, error);
  if (new_receiver == NULL)
    return FALSE;

  if (sender != NULL)
    *sender = futures_message_sender_new (futures_message_receiver_get_connection_id (new_receiver),
                                          core->channel);
  if (receiver != NULL)
    *receiver = g_steal_pointer (&new_receiver);

  return TRUE;
}

static gboolean
router_close_pipe (FuturesMessageRouter    *router,
                   FuturesMessageReceiver  *receiver,
                   GError                 **error)
{
  return futures_router_core_close_pipe (futures_router_core_from_router (router), receiver, error);
}

static gboolean
router_route_until (FuturesMessageRouter  *router,
                    int                    timeout_msec,
                    FuturesConditionFunc   condition,
                    gpointer               user_data,
                    GError               **error)
{
  FuturesRouterCore *core = futures_router_core_from_router (router);
  gboolean was_running = core->running;
  gboolean ret;

  ret = futures_router_core_route_until (core, timeout_msec, condition, user_data, error);
  /* A message handler may have stopped the router. */
  notify_running (core, was_running);

  return ret;
}

static GMainContext *
router_get_context (FuturesMessageRouter *router)
{
  return futures_router_core_from_router (router)->context;
}

static gboolean
router_get_running (FuturesMessageRouter *router)
{
  return futures_router_core_from_router (router)->running;
}

void
futures_router_core_implement (FuturesMessageRouterInterface *iface)
{
  iface->start = router_start;
  iface->stop = router_stop;
  iface->pipe = router_pipe;
  iface->close_pipe = router_close_pipe;
  iface->route_until = router_route_until;
  iface->get_context = router_get_context;
  iface->get_running = router_get_running;
}

void
futures_router_core_install_properties (GObjectClass *klass)
{
  g_object_class_install_property (klass, FUTURES_ROUTER_PROP_CONTEXT,
                                   g_param_spec_boxed ("context", NULL, NULL,
                                                       G_TYPE_MAIN_CONTEXT,
                                                       (G_PARAM_READWRITE |
                                                        G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_EXPLICIT_NOTIFY |
                                                        G_PARAM_STATIC_STRINGS)));
  g_object_class_install_property (klass, FUTURES_ROUTER_PROP_PRIORITY,
                                   g_param_spec_int ("priority", NULL, NULL,
                                                     G_MININT, G_MAXINT, G_PRIORITY_DEFAULT_IDLE,
                                                     (G_PARAM_READWRITE |
                                                      G_PARAM_CONSTRUCT |
                                                      G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS)));
  g_object_class_override_property (klass, FUTURES_ROUTER_PROP_RUNNING, "running");
}

/* NULL (no context given) means the thread-default context of the thread
 * that creates the router. */
void
futures_router_core_constructed (FuturesRouterCore *core)
{
  if (core->context == NULL)
    core->context = g_main_context_ref_thread_default ();
}

void
futures_router_core_get_property (FuturesRouterCore *core,
                                  guint              prop_id,
                                  GValue            *value,
                                  GParamSpec        *pspec)
{
  switch (prop_id)
    {
    case FUTURES_ROUTER_PROP_CONTEXT:
      g_value_set_boxed (value, core->context);
      break;

    case FUTURES_ROUTER_PROP_PRIORITY:
      g_value_set_int (value, core->priority);
      break;

    case FUTURES_ROUTER_PROP_RUNNING:
      g_value_set_boolean (value, core->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (core->owner, prop_id, pspec);
    }
}

void
futures_router_core_set_property (FuturesRouterCore *core,
                                  guint              prop_id,
                                  const GValue      *value,
                                  GParamSpec        *pspec)
{
  switch (prop_id)
    {
    case FUTURES_ROUTER_PROP_CONTEXT:
      core->context = g_value_dup_boxed (value);
      break;

    case FUTURES_ROUTER_PROP_PRIORITY:
      futures_router_core_set_priority (core, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (core->owner, prop_id, pspec);
    }
}
