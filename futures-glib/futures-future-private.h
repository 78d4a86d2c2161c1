/* futures-future-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-executor.h"
#include "futures-future.h"
#include "futures-router-core-private.h"
#include "futures-task.h"

G_BEGIN_DECLS

FuturesEndpoint *futures_future_get_endpoint      (FuturesFuture         *self);
void             futures_future_attach            (FuturesFuture         *self,
                                                   FuturesTask           *task,
                                                   FuturesExecutor       *executor);
void             futures_future_detach            (FuturesFuture         *self);
FuturesTask     *futures_future_get_task          (FuturesFuture         *self);
GList           *futures_future_get_link          (FuturesFuture         *self);
FuturesFuture   *futures_future_from_link         (GList                 *link);

/* Implemented by the executor: called twice, in the main context, when
 * an attached future becomes done: once before #FuturesFuture:done is
 * notified (@notified FALSE), so that the executor's bookkeeping already
 * agrees with it inside notify::done handlers, and once after (@notified
 * TRUE). */
void             futures_executor_future_done     (FuturesExecutor       *executor,
                                                   FuturesFuture         *future,
                                                   gboolean               notified);

G_END_DECLS
