/* futures-process-router.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-process-router-private.h"

/**
 * SECTION:futures-process-router
 * @Title: FuturesProcessRouter
 * @Short_description: A message router for tasks in worker processes
 * @See_also: #FuturesMessageRouter, #FuturesProcessPool,
 *   #FuturesProcessContext
 *
 * #FuturesProcessRouter is the #FuturesMessageRouter a
 * #FuturesProcessContext makes. Messages of tasks running in worker
 * processes reach it through the #FuturesProcessPool: for each worker a
 * monitor thread reads and validates the frames the worker writes,
 * decodes their values and pushes them onto the router's local queue,
 * whose wakeup then delivers them in the main context. The local queue,
 * the table of pipes, the wakeup and futures_message_router_route_until()
 * are the very code of #FuturesThreadRouter; only where the messages come
 * from differs. Its own pipes (futures_message_router_pipe()) work as a
 * thread router's do: their senders are used by threads of this process.
 *
 * The router must be used, and its last reference dropped, in its main
 * context's thread.
 */

/**
 * FuturesProcessRouter:
 *
 * A #FuturesMessageRouter for tasks in worker processes. An opaque
 * object: use the #FuturesMessageRouter methods, and the functions and
 * properties below.
 */

struct _FuturesProcessRouter
{
  GObject           parent_instance;
  FuturesRouterCore core;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesProcessRouter, futures_process_router, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_MESSAGE_ROUTER,
                                                      futures_router_core_implement))

static void
futures_process_router_constructed (GObject *object)
{
  FuturesProcessRouter *self = FUTURES_PROCESS_ROUTER (object);

  G_OBJECT_CLASS (futures_process_router_parent_class)->constructed (object);

  futures_router_core_constructed (&self->core);
}

static void
futures_process_router_finalize (GObject *object)
{
  FuturesProcessRouter *self = FUTURES_PROCESS_ROUTER (object);

  if (self->core.running)
    g_debug ("FuturesProcessRouter %p finalized while running", self);

  futures_router_core_clear (&self->core);

  G_OBJECT_CLASS (futures_process_router_parent_class)->finalize (object);
}

static void
futures_process_router_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  futures_router_core_get_property (&FUTURES_PROCESS_ROUTER (object)->core, prop_id, value, pspec);
}

static void
futures_process_router_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  futures_router_core_set_property (&FUTURES_PROCESS_ROUTER (object)->core, prop_id, value, pspec);
}

static void
futures_process_router_class_init (FuturesProcessRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = futures_process_router_constructed;
  object_class->finalize = futures_process_router_finalize;
  object_class->get_property = futures_process_router_get_property;
  object_class->set_property = futures_process_router_set_property;

  /**
   * FuturesProcessRouter:context:
   *
   * The #GMainContext in which messages are delivered. When not given
   * (or %NULL), the thread-default main context of the thread that creates
   * the router.
   */
  /**
   * FuturesProcessRouter:priority:
   *
   * The priority of the source that delivers messages in the main
   * context; %G_PRIORITY_DEFAULT_IDLE by default, as for
   * #FuturesThreadRouter:priority.
   */
  futures_router_core_install_properties (object_class);
}

static void
futures_process_router_init (FuturesProcessRouter *self)
{
  futures_router_core_init (&self->core, G_OBJECT (self), NULL,
                            G_PRIORITY_DEFAULT_IDLE);
}

/**
 * futures_process_router_new:
 *
 * Creates a router that delivers messages in the calling thread's
 * thread-default main context (see g_main_context_ref_thread_default()).
 *
 * Returns: (transfer full): a new, stopped #FuturesProcessRouter
 */
FuturesProcessRouter *
futures_process_router_new (void)
{
  return g_object_new (FUTURES_TYPE_PROCESS_ROUTER, NULL);
}

/**
 * futures_process_router_new_for_context:
 * @context: (nullable): the #GMainContext to deliver messages in, or
 *   %NULL for the calling thread's thread-default main context
 *
 * Creates a router that delivers messages in @context.
 *
 * Returns: (transfer full): a new, stopped #FuturesProcessRouter
 */
FuturesProcessRouter *
futures_process_router_new_for_context (GMainContext *context)
{
  return g_object_new (FUTURES_TYPE_PROCESS_ROUTER,
                       "context", context,
                       NULL);
}

/**
 * futures_process_router_get_priority:
 * @self: a #FuturesProcessRouter
 *
 * Gets the #FuturesProcessRouter:priority property.
 *
 * Returns: the priority of message delivery
 */
int
futures_process_router_get_priority (FuturesProcessRouter *self)
{
  g_return_val_if_fail (FUTURES_IS_PROCESS_ROUTER (self), G_PRIORITY_DEFAULT_IDLE);

  return self->core.priority;
}

/**
 * futures_process_router_set_priority:
 * @self: a #FuturesProcessRouter
 * @priority: a #GSource priority, such as %G_PRIORITY_DEFAULT
 *
 * Sets the #FuturesProcessRouter:priority property. Takes effect at once,
 * also on a running router.
 */
void
futures_process_router_set_priority (FuturesProcessRouter *self,
                                    int                  priority)
{
  g_return_if_fail (FUTURES_IS_PROCESS_ROUTER (self));

  futures_router_core_set_priority (&self->core, priority);
}

FuturesRouterCore *
futures_process_router_get_core (FuturesProcessRouter *self)
{
  return &self->core;
}
