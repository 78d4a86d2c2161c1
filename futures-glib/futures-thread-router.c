/* futures-thread-router.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-message-receiver-private.h"
#include "futures-message-sender-private.h"
#include "futures-router-core-private.h"
#include "futures-thread-router-private.h"

/**
 * SECTION:futures-thread-router
 * @Title: FuturesThreadRouter
 * @Short_description: A message router for senders on other threads
 * @See_also: #FuturesMessageRouter
 *
 * #FuturesThreadRouter implements #FuturesMessageRouter for background
 * work on threads of the same process. Senders push onto one local queue
 * (a #GAsyncQueue); a small #GSource in the router's main context is woken
 * when the queue goes from idle to busy, however many messages arrive, and
 * delivers them in batches. A batch that runs past a few milliseconds
 * yields to the main loop and resumes on its next iteration, so a flood of
 * messages never freezes a user interface.
 *
 * |[<!-- language="C" -->
 * g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
 * g_autoptr(FuturesMessageSender) sender = NULL;
 * g_autoptr(FuturesMessageReceiver) receiver = NULL;
 *
 * futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), NULL);
 * futures_message_router_pipe (FUTURES_MESSAGE_ROUTER (router),
 *                              &sender, &receiver, NULL);
 * g_signal_connect (receiver, "message", G_CALLBACK (on_message), NULL);
 * g_thread_unref (g_thread_new ("worker", worker, g_steal_pointer (&sender)));
 * ]|
 *
 * The router must be used, and its last reference dropped, in its main
 * context's thread.
 */

/**
 * FuturesThreadRouter:
 *
 * A #FuturesMessageRouter for senders on threads of the same process.
 * An opaque object: use the #FuturesMessageRouter methods, and the
 * functions and properties below.
 */

struct _FuturesThreadRouter
{
  GObject           parent_instance;
  FuturesRouterCore core;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PRIORITY,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void futures_thread_router_iface_init (FuturesMessageRouterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesThreadRouter, futures_thread_router, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_MESSAGE_ROUTER,
                                                      futures_thread_router_iface_init))

static void
futures_thread_router_notify_running (FuturesThreadRouter *self,
                                      gboolean             was_running)
{
  if (was_running != self->core.running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
futures_thread_router_start (FuturesMessageRouter  *router,
                             GError               **error)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (router);

  if (!futures_router_core_start (&self->core, error))
    return FALSE;

  futures_thread_router_notify_running (self, FALSE);
  return TRUE;
}

static gboolean
futures_thread_router_stop (FuturesMessageRouter  *router,
                            GError               **error)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (router);

  if (!futures_router_core_stop (&self->core, error))
    return FALSE;

  futures_thread_router_notify_running (self, TRUE);
  return TRUE;
}

static gboolean
futures_thread_router_pipe (FuturesMessageRouter    *router,
                            FuturesMessageSender   **sender,
                            FuturesMessageReceiver **receiver,
                            GError                 **error)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (router);
  g_autoptr(FuturesMessageReceiver) new_receiver = NULL;

  new_receiver = futures_router_core_open_pipe (&self->core, error);
  if (new_receiver == NULL)
    return FALSE;

  if (sender != NULL)
    *sender = futures_message_sender_new (futures_message_receiver_get_connection_id (new_receiver),
                                          self->core.channel);
  if (receiver != NULL)
    *receiver = g_steal_pointer (&new_receiver);

  return TRUE;
}

static gboolean
futures_thread_router_close_pipe (FuturesMessageRouter    *router,
                                  FuturesMessageReceiver  *receiver,
                                  GError                 **error)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (router);

  return futures_router_core_close_pipe (&self->core, receiver, error);
}

static gboolean
futures_thread_router_route_until (FuturesMessageRouter  *router,
                                   int                    timeout_msec,
                                   FuturesConditionFunc   condition,
                                   gpointer               user_data,
                                   GError               **error)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (router);
  gboolean was_running = self->core.running;
  gboolean ret;

  ret = futures_router_core_route_until (&self->core, timeout_msec,
                                         condition, user_data, error);
  /* A message handler may have stopped the router. */
  futures_thread_router_notify_running (self, was_running);

  return ret;
}

static GMainContext *
futures_thread_router_get_context (FuturesMessageRouter *router)
{
  return FUTURES_THREAD_ROUTER (router)->core.context;
}

static gboolean
futures_thread_router_get_running (FuturesMessageRouter *router)
{
  return FUTURES_THREAD_ROUTER (router)->core.running;
}

static void
futures_thread_router_iface_init (FuturesMessageRouterInterface *iface)
{
  iface->start = futures_thread_router_start;
  iface->stop = futures_thread_router_stop;
  iface->pipe = futures_thread_router_pipe;
  iface->close_pipe = futures_thread_router_close_pipe;
  iface->route_until = futures_thread_router_route_until;
  iface->get_context = futures_thread_router_get_context;
  iface->get_running = futures_thread_router_get_running;
}

static void
futures_thread_router_constructed (GObject *object)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (object);

  G_OBJECT_CLASS (futures_thread_router_parent_class)->constructed (object);

  if (self->core.context == NULL)
    self->core.context = g_main_context_ref_thread_default ();
}

static void
futures_thread_router_finalize (GObject *object)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (object);

  if (self->core.running)
    g_debug ("FuturesThreadRouter %p finalized while running", self);

  futures_router_core_clear (&self->core);

  G_OBJECT_CLASS (futures_thread_router_parent_class)->finalize (object);
}

static void
futures_thread_router_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_boxed (value, self->core.context);
      break;

    case PROP_PRIORITY:
      g_value_set_int (value, self->core.priority);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->core.running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_thread_router_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      /* Construct-only; NULL picks the thread-default context in
       * constructed(). */
      self->core.context = g_value_dup_boxed (value);
      break;

    case PROP_PRIORITY:
      futures_thread_router_set_priority (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_thread_router_class_init (FuturesThreadRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = futures_thread_router_constructed;
  object_class->finalize = futures_thread_router_finalize;
  object_class->get_property = futures_thread_router_get_property;
  object_class->set_property = futures_thread_router_set_property;

  /**
   * FuturesThreadRouter:context:
   *
   * The #GMainContext in which messages are delivered. When not given
   * (or %NULL), the thread-default main context of the thread that creates
   * the router.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_boxed ("context", NULL, NULL,
                        G_TYPE_MAIN_CONTEXT,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * FuturesThreadRouter:priority:
   *
   * The priority of the source that delivers messages in the main
   * context. The default, %G_PRIORITY_DEFAULT_IDLE, lets input and
   * redraws (which GTK runs at higher priorities) go first, so that a
   * flood of messages never makes a user interface stutter.
   */
  properties[PROP_PRIORITY] =
    g_param_spec_int ("priority", NULL, NULL,
                      G_MININT, G_MAXINT, G_PRIORITY_DEFAULT_IDLE,
                      (G_PARAM_READWRITE |
                       G_PARAM_CONSTRUCT |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  g_object_class_override_property (object_class, PROP_RUNNING, "running");
  properties[PROP_RUNNING] = g_object_class_find_property (object_class, "running");

  g_object_class_install_property (object_class, PROP_CONTEXT, properties[PROP_CONTEXT]);
  g_object_class_install_property (object_class, PROP_PRIORITY, properties[PROP_PRIORITY]);
}

static void
futures_thread_router_init (FuturesThreadRouter *self)
{
  futures_router_core_init (&self->core, G_OBJECT (self), NULL,
                            G_PRIORITY_DEFAULT_IDLE);
}

/**
 * futures_thread_router_new:
 *
 * Creates a router that delivers messages in the calling thread's
 * thread-default main context (see g_main_context_ref_thread_default()).
 *
 * Returns: (transfer full): a new, stopped #FuturesThreadRouter
 */
FuturesThreadRouter *
futures_thread_router_new (void)
{
  return g_object_new (FUTURES_TYPE_THREAD_ROUTER, NULL);
}

/**
 * futures_thread_router_new_for_context:
 * @context: (nullable): the #GMainContext to deliver messages in, or
 *   %NULL for the calling thread's thread-default main context
 *
 * Creates a router that delivers messages in @context.
 *
 * Returns: (transfer full): a new, stopped #FuturesThreadRouter
 */
FuturesThreadRouter *
futures_thread_router_new_for_context (GMainContext *context)
{
  return g_object_new (FUTURES_TYPE_THREAD_ROUTER,
                       "context", context,
                       NULL);
}

/**
 * futures_thread_router_get_priority:
 * @self: a #FuturesThreadRouter
 *
 * Gets the #FuturesThreadRouter:priority property.
 *
 * Returns: the priority of message delivery
 */
int
futures_thread_router_get_priority (FuturesThreadRouter *self)
{
  g_return_val_if_fail (FUTURES_IS_THREAD_ROUTER (self), G_PRIORITY_DEFAULT_IDLE);

  return self->core.priority;
}

/**
 * futures_thread_router_set_priority:
 * @self: a #FuturesThreadRouter
 * @priority: a #GSource priority, such as %G_PRIORITY_DEFAULT
 *
 * Sets the #FuturesThreadRouter:priority property. Takes effect at once,
 * also on a running router.
 */
void
futures_thread_router_set_priority (FuturesThreadRouter *self,
                                    int                  priority)
{
  g_return_if_fail (FUTURES_IS_THREAD_ROUTER (self));

  if (self->core.priority == priority)
    return;

  futures_router_core_set_priority (&self->core, priority);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
}

FuturesRouterCore *
futures_thread_router_get_core (FuturesThreadRouter *self)
{
  return &self->core;
}
