/* futures-async-private.h: what the _async functions share
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*FuturesAsyncReadyFunc)    (GObject *object);
typedef void     (*FuturesAsyncCompleteFunc) (GObject *object,
                                              GTask   *task);

void futures_async_watch (GTask                    *task,
                          const char               *detailed_signal,
                          FuturesAsyncReadyFunc     ready,
                          FuturesAsyncCompleteFunc  complete);

G_END_DECLS
