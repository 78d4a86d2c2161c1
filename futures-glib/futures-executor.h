/* futures-executor.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "futures-call-future.h"
#include "futures-iteration-future.h"
#include "futures-parallel-context.h"
#include "futures-progress-future.h"
#include "futures-task.h"
#include "futures-version-macros.h"
#include "futures-worker-pool.h"

G_BEGIN_DECLS

/**
 * FuturesExecutorState:
 * @FUTURES_EXECUTOR_STATE_RUNNING: The executor accepts tasks. A new
 *   executor starts in this state.
 * @FUTURES_EXECUTOR_STATE_STOPPING: futures_executor_stop() or
 *   futures_executor_shutdown() was called: every future was cancelled,
 *   the executor accepts no more tasks and waits for its futures to be
 *   done.
 * @FUTURES_EXECUTOR_STATE_STOPPED: Every future is done and the executor
 *   released its resources (it shut down the worker pool and closed the
 *   parallel context it made itself). Final.
 *
 * The life cycle of a #FuturesExecutor: RUNNING → STOPPING → STOPPED.
 */
typedef enum
{
  FUTURES_EXECUTOR_STATE_RUNNING,
  FUTURES_EXECUTOR_STATE_STOPPING,
  FUTURES_EXECUTOR_STATE_STOPPED,
} FuturesExecutorState;

/**
 * FUTURES_TYPE_EXECUTOR_STATE:
 *
 * The #GType of the #FuturesExecutorState enumeration (registered in the
 * generated futures-enums.h, which futures-glib.h includes).
 */

/**
 * FUTURES_TYPE_EXECUTOR:
 *
 * The #GType of #FuturesExecutor.
 */
#define FUTURES_TYPE_EXECUTOR (futures_executor_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesExecutor, futures_executor, FUTURES, EXECUTOR, GObject)

FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesExecutor        *futures_executor_new               (GError                 **error);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesExecutor        *futures_executor_new_full          (FuturesParallelContext  *context,
                                                            FuturesWorkerPool       *worker_pool,
                                                            int                      max_workers,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
FuturesExecutorState    futures_executor_get_state         (FuturesExecutor         *self);
FUTURES_AVAILABLE_IN_1_0
gboolean                futures_executor_get_running       (FuturesExecutor         *self);
FUTURES_AVAILABLE_IN_1_0
gboolean                futures_executor_get_stopped       (FuturesExecutor         *self);
FUTURES_AVAILABLE_IN_1_0
FuturesParallelContext *futures_executor_get_context       (FuturesExecutor         *self);
FUTURES_AVAILABLE_IN_1_0
FuturesWorkerPool      *futures_executor_get_worker_pool   (FuturesExecutor         *self);
FUTURES_AVAILABLE_IN_1_0
guint                   futures_executor_get_n_futures     (FuturesExecutor         *self);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesFuture          *futures_executor_submit            (FuturesExecutor         *self,
                                                            GType                    future_type,
                                                            FuturesTaskFunc          func,
                                                            gpointer                 user_data,
                                                            GDestroyNotify           destroy,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesFuture          *futures_executor_submit_named      (FuturesExecutor         *self,
                                                            GType                    future_type,
                                                            const char              *name,
                                                            GVariant                *arguments,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesCallFuture      *futures_executor_submit_call       (FuturesExecutor         *self,
                                                            FuturesTaskFunc          func,
                                                            gpointer                 user_data,
                                                            GDestroyNotify           destroy,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesIterationFuture *futures_executor_submit_iteration  (FuturesExecutor         *self,
                                                            FuturesTaskFunc          func,
                                                            gpointer                 user_data,
                                                            GDestroyNotify           destroy,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesProgressFuture  *futures_executor_submit_progress   (FuturesExecutor         *self,
                                                            FuturesTaskFunc          func,
                                                            gpointer                 user_data,
                                                            GDestroyNotify           destroy,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
gboolean                futures_executor_stop              (FuturesExecutor         *self,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
gboolean                futures_executor_shutdown          (FuturesExecutor         *self,
                                                            int                      timeout_msec,
                                                            GError                 **error);
FUTURES_AVAILABLE_IN_1_0
void                    futures_executor_shutdown_async    (FuturesExecutor         *self,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
FUTURES_AVAILABLE_IN_1_0
gboolean                futures_executor_shutdown_finish   (FuturesExecutor         *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);

G_END_DECLS
