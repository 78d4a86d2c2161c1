/* futures-process-pool.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include "futures-worker-pool.h"

G_BEGIN_DECLS

/**
 * FUTURES_PROCESS_WORKER_FD_ENV:
 *
 * The name of the environment variable, `FUTURES_PROCESS_WORKER_FD`,
 * through which a #FuturesProcessPool tells a worker process which file
 * descriptor carries the protocol. The pool starts every worker with
 * descriptor 3 set to the worker's end of a Unix stream socket pair and
 * this variable set to `3`.
 *
 * futures_process_worker_main() reads the number (a decimal of 3 or
 * more; anything else means "not a worker"), then reads and writes that
 * one descriptor, so it must be a bidirectional byte stream such as a
 * socket; a pipe will not do. It unsets the variable, so that programs
 * the worker starts do not take themselves for workers. A launcher that
 * runs workers through another command (a remote shell, say) must give
 * the worker such a descriptor and the variable naming it.
 */
#define FUTURES_PROCESS_WORKER_FD_ENV "FUTURES_PROCESS_WORKER_FD"

/**
 * FUTURES_TYPE_PROCESS_POOL:
 *
 * The #GType of #FuturesProcessPool.
 */
#define FUTURES_TYPE_PROCESS_POOL (futures_process_pool_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesProcessPool, futures_process_pool, FUTURES, PROCESS_POOL, GObject)

FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
FuturesProcessPool *futures_process_pool_new             (int                  max_workers,
                                                          const char * const  *argv);
FUTURES_AVAILABLE_IN_1_0
const char * const *futures_process_pool_get_argv        (FuturesProcessPool  *self);
FUTURES_AVAILABLE_IN_1_0
int                *futures_process_pool_get_worker_pids (FuturesProcessPool  *self,
                                                          guint               *n_pids);

FUTURES_AVAILABLE_IN_1_0
gboolean            futures_process_worker_main          (void);

G_END_DECLS
