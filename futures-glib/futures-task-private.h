/* futures-task-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-channel-private.h"
#include "futures-task.h"

G_BEGIN_DECLS

/* The kinds the built-in task types use for their messages. */
#define FUTURES_KIND_ITEM     "item"
#define FUTURES_KIND_PROGRESS "progress"

FuturesTask *futures_task_new            (FuturesChannel  *channel,
                                          guint64          connection_id,
                                          FuturesTaskFunc  func,
                                          gpointer         user_data,
                                          GDestroyNotify   destroy);
void         futures_task_request_cancel (FuturesTask     *self);
void         futures_task_release_data   (FuturesTask     *self);

G_END_DECLS
