/* futures-call-future.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-call-future.h"

/**
 * SECTION:futures-call-future
 * @Title: FuturesCallFuture
 * @Short_description: The future of a single call
 * @See_also: futures_executor_submit_call()
 *
 * A #FuturesCallFuture follows one call of a #FuturesTaskFunc on a
 * worker: it starts, then completes with the returned value
 * (futures_future_get_result()) or fails with its error
 * (futures_future_dup_error()), unless it is cancelled. Made by
 * futures_executor_submit_call().
 */

/**
 * FuturesCallFuture:
 *
 * The future of a single call. It adds nothing to #FuturesFuture: use
 * the functions, properties and signal of its parent.
 */

struct _FuturesCallFuture
{
  FuturesFuture parent_instance;
};

G_DEFINE_FINAL_TYPE (FuturesCallFuture, futures_call_future, FUTURES_TYPE_FUTURE)

static void
futures_call_future_class_init (FuturesCallFutureClass *klass)
{
}

static void
futures_call_future_init (FuturesCallFuture *self)
{
}
