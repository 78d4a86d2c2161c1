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

/* Where a task in a worker process sends what it produces. @value may be
 * NULL or unset; the sink must not keep it. */
typedef struct
{
  gboolean (*send) (gpointer       sink_data,
                    guint64        id,
                    guint32        type,
                    GQuark         detail,
                    const GValue  *value,
                    GError       **error);
} FuturesTaskSink;

typedef void (*FuturesTaskCancelFunc) (FuturesTask *task,
                                       gpointer     user_data);

FuturesTask *futures_task_new            (FuturesChannel  *channel,
                                          guint64          connection_id,
                                          FuturesTaskFunc  func,
                                          gpointer         user_data,
                                          GDestroyNotify   destroy);
FuturesTask *futures_task_new_named      (FuturesChannel  *channel,
                                          guint64          connection_id,
                                          const char      *name,
                                          GVariant        *arguments);
FuturesTask *futures_task_new_local_named (FuturesChannel  *channel,
                                           guint64          connection_id,
                                           const char      *name,
                                           FuturesTaskFunc  func,
                                           gpointer         user_data,
                                           GVariant        *arguments);
FuturesTask *futures_task_new_remote     (const FuturesTaskSink *sink,
                                          gpointer               sink_data,
                                          guint64                id,
                                          const char            *name,
                                          FuturesTaskFunc        func,
                                          gpointer               user_data,
                                          GVariant              *arguments);
gboolean     futures_task_push_remote    (FuturesTask     *self,
                                          guint32          type,
                                          GQuark           detail,
                                          GValue          *value);
void         futures_task_set_cancel_func (FuturesTask          *self,
                                           FuturesTaskCancelFunc func,
                                           gpointer              user_data);
gboolean     futures_task_is_named       (FuturesTask     *self);
void         futures_task_request_cancel (FuturesTask     *self);
void         futures_task_push_remote_progress (FuturesTask *self,
                                                double       fraction,
                                                const char  *text);
void         futures_task_take_progress  (FuturesTask     *self,
                                          double          *fraction,
                                          char           **text);
void         futures_task_release_data   (FuturesTask     *self);

/* Values a task sent (futures_task_send(), futures_task_yield_value())
 * while the main context had not yet taken the previous ones: one
 * CUSTOM_CHUNK message carries them, in a boxed FuturesValueChunk. */
typedef struct _FuturesValueChunk FuturesValueChunk;

#define FUTURES_TYPE_VALUE_CHUNK (futures_value_chunk_get_type ())
GType        futures_value_chunk_get_type (void) G_GNUC_CONST;
guint        futures_value_chunk_take    (FuturesValueChunk *chunk);
GValue      *futures_value_chunk_get     (FuturesValueChunk *chunk,
                                          guint              index);
FuturesTask **futures_task_queue_link    (FuturesTask     *self);
gboolean     futures_lookup_task         (const char       *name,
                                          FuturesTaskFunc  *func,
                                          gpointer         *user_data);

G_END_DECLS
