/* futures-router-core-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

#include "futures-channel-private.h"
#include "futures-message-router.h"

G_BEGIN_DECLS

#define FUTURES_ROUTER_CORE_BATCH 64

/*
 * FuturesEndpoint: the main-context end of one pipe, embedded in the
 * object that owns it (a FuturesMessageReceiver, a FuturesFuture). While
 * it is open the routing table holds a reference on the owner. Two words:
 * it lives in every in-flight future, so what is the same for every
 * endpoint of a kind is in its class.
 */
typedef struct _FuturesEndpoint FuturesEndpoint;

typedef struct
{
  /* The object the endpoint is embedded in. */
  GObject  *(*owner)   (FuturesEndpoint *endpoint);
  /* Returns TRUE if it keeps @message (and so frees it itself later). */
  gboolean  (*deliver) (FuturesEndpoint *endpoint,
                        FuturesMessage  *message);
} FuturesEndpointClass;

struct _FuturesEndpoint
{
  guint64                     connection_id;
  const FuturesEndpointClass *klass;
};

/*
 * The open endpoints by connection id: open addressing with linear
 * probing, one pointer per slot (the id is read from the endpoint). Ids
 * are handed out in sequence, so the live ones mostly sit in distinct
 * slots and a lookup is one read.
 */
typedef struct
{
  FuturesEndpoint **slots;
  guint             mask;    /* number of slots - 1; 0 before the first */
  guint             n_open;
  guint             n_tombstones;
} FuturesEndpointTable;

/*
 * FuturesRouterCore: what every router has in common, whatever carries
 * its messages: the receiver table, the local queue and its wakeup, the
 * running/manual state, delivery and route_until. Embedded in the router
 * instance; every function here runs in the router's main context.
 */
typedef struct
{
  GObject        *owner;
  GMainContext   *context;
  int             priority;

  gboolean        running;
  gboolean        manual;
  FuturesChannel *channel;

  FuturesEndpointTable endpoints;
  FuturesEndpoint *last_endpoint; /* the last one delivered to, while open */
  guint64         next_connection_id;

  /* Messages already taken from the queue and not yet delivered; shared
   * by the wakeup's drain and route_until so that a route_until called
   * from a message handler keeps the order. */
  FuturesMessage *batch[FUTURES_ROUTER_CORE_BATCH];
  guint           batch_pos;
  guint           batch_len;
} FuturesRouterCore;

void      futures_router_core_init         (FuturesRouterCore       *core,
                                            GObject                 *owner,
                                            GMainContext            *context,
                                            int                      priority);
void      futures_router_core_clear        (FuturesRouterCore       *core);
gboolean  futures_router_core_start        (FuturesRouterCore       *core,
                                            GError                 **error);
gboolean  futures_router_core_stop         (FuturesRouterCore       *core,
                                            GError                 **error);
gboolean  futures_router_core_open_endpoint  (FuturesRouterCore     *core,
                                              FuturesEndpoint       *endpoint,
                                              GError               **error);
gboolean  futures_router_core_close_endpoint (FuturesRouterCore     *core,
                                              FuturesEndpoint       *endpoint,
                                              GError               **error);
FuturesMessageReceiver *
          futures_router_core_open_pipe    (FuturesRouterCore       *core,
                                            GError                 **error);
gboolean  futures_router_core_close_pipe   (FuturesRouterCore       *core,
                                            FuturesMessageReceiver  *receiver,
                                            GError                 **error);
gboolean  futures_router_core_route_until  (FuturesRouterCore       *core,
                                            int                      timeout_msec,
                                            FuturesConditionFunc     condition,
                                            gpointer                 user_data,
                                            GError                 **error);
void      futures_router_core_set_priority (FuturesRouterCore       *core,
                                            int                      priority);

FuturesRouterCore *futures_router_core_from_router (FuturesMessageRouter *router);

/* The implementation of FuturesMessageRouter and of the properties
 * "context", "priority" and "running" shared by every router type that
 * embeds a core (futures_router_core_from_router() must know the type). */
enum
{
  FUTURES_ROUTER_PROP_0,
  FUTURES_ROUTER_PROP_CONTEXT,
  FUTURES_ROUTER_PROP_PRIORITY,
  FUTURES_ROUTER_PROP_RUNNING,
};

void      futures_router_core_implement          (FuturesMessageRouterInterface *iface);
void      futures_router_core_install_properties (GObjectClass                  *klass);
void      futures_router_core_constructed        (FuturesRouterCore             *core);
void      futures_router_core_get_property       (FuturesRouterCore             *core,
                                                  guint                          prop_id,
                                                  GValue                        *value,
                                                  GParamSpec                    *pspec);
void      futures_router_core_set_property       (FuturesRouterCore             *core,
                                                  guint                          prop_id,
                                                  const GValue                  *value,
                                                  GParamSpec                    *pspec);

G_END_DECLS
