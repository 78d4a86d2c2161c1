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

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesThreadRouter, futures_thread_router, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_MESSAGE_ROUTER,
                                                      futures_router_core_implement))

static void
futures_thread_router_constructed (GObject *object)
{
  FuturesThreadRouter *self = FUTURES_THREAD_ROUTER (object);

  G_OBJECT_CLASS (futures_thread_router_parent_class)->constructed (object);

  futures_router_core_constructed (&self->core);
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
  futures_router_core_get_property (&FUTURES_THREAD_ROUTER (object)->core, prop_id, value, pspec);
}

static void
futures_thread_router_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  futures_router_core_set_property (&FUTURES_THREAD_ROUTER (object)->core, prop_id, value, pspec);
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
  /**
   * FuturesThreadRouter:priority:
   *
   * The priority of the source that delivers messages in the main
   * context. The default, %G_PRIORITY_DEFAULT_IDLE, lets input and
   * redraws (which GTK runs at higher priorities) go first, so that a
   * flood of messages never makes a user interface stutter.
   */
  futures_router_core_install_properties (object_class);
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

  futures_router_core_set_priority (&self->core, priority);
}

FuturesRouterCore *
futures_thread_router_get_core (FuturesThreadRouter *self)
{
  return &self->core;
}
