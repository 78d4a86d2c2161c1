/* futures-future-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-future.h"
#include "futures-router-core-private.h"
#include "futures-task.h"

G_BEGIN_DECLS

/* Called twice, in the main context, when the future becomes done: once
 * before #FuturesFuture:done is notified (@notified FALSE), so that the
 * owner's bookkeeping already agrees with it inside notify::done
 * handlers, and once after (@notified TRUE). */
typedef void (*FuturesFutureDoneFunc) (FuturesFuture *future,
                                       gboolean       notified,
                                       gpointer       user_data);

FuturesEndpoint *futures_future_get_endpoint      (FuturesFuture         *self);
void             futures_future_attach            (FuturesFuture         *self,
                                                   FuturesTask           *task,
                                                   FuturesFutureDoneFunc  done_func,
                                                   gpointer               done_data);
void             futures_future_detach            (FuturesFuture         *self);
FuturesTask     *futures_future_get_task          (FuturesFuture         *self);
GList           *futures_future_get_link          (FuturesFuture         *self);

G_END_DECLS
