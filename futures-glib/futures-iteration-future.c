/* futures-iteration-future.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-iteration-future.h"
#include "futures-task-private.h"

/**
 * SECTION:futures-iteration-future
 * @Title: FuturesIterationFuture
 * @Short_description: The future of a producer of items
 * @See_also: futures_executor_submit_iteration(), futures_task_yield_value()
 *
 * A #FuturesIterationFuture follows a task that produces a sequence of
 * items with futures_task_yield_value(). Each item arrives, in order and
 * none lost, through the #FuturesIterationFuture::item signal in the main
 * context. The value the task finally returns, if any, is the future's
 * result.
 *
 * Cancelling the future stops the producer before its next item:
 * futures_task_yield_value() returns %FALSE from then on, and items
 * already on their way are dropped.
 */

/**
 * FuturesIterationFuture:
 *
 * The future of a producer of items. An opaque object: use the functions
 * and the signal below, and those of #FuturesFuture.
 */

struct _FuturesIterationFuture
{
  FuturesFuture parent_instance;
  guint64       n_items;
};

enum {
  ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static const char *item_kind;

G_DEFINE_FINAL_TYPE (FuturesIterationFuture, futures_iteration_future, FUTURES_TYPE_FUTURE)

static void
futures_iteration_future_dispatch (FuturesFuture *future,
                                   const char    *kind,
                                   const GValue  *value)
{
  FuturesIterationFuture *self = FUTURES_ITERATION_FUTURE (future);

  /* Kinds are interned strings: a pointer comparison suffices. */
  if (kind != item_kind)
    {
      FUTURES_FUTURE_CLASS (futures_iteration_future_parent_class)->dispatch (future, kind, value);
      return;
    }

  self->n_items++;
  g_signal_emit (self, signals[ITEM], 0, value);
}

static void
futures_iteration_future_class_init (FuturesIterationFutureClass *klass)
{
  FuturesFutureClass *future_class = FUTURES_FUTURE_CLASS (klass);

  future_class->dispatch = futures_iteration_future_dispatch;
  item_kind = g_intern_static_string (FUTURES_KIND_ITEM);

  /**
   * FuturesIterationFuture::item:
   * @self: the future
   * @value: the item, as passed to futures_task_yield_value() (valid during
   *   the emission only)
   *
   * Emitted in the main context for each item the task yields, in order.
   */
  signals[ITEM] =
    g_signal_new ("item",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  1,
                  G_TYPE_VALUE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
futures_iteration_future_init (FuturesIterationFuture *self)
{
}

/**
 * futures_iteration_future_get_n_items:
 * @self: a #FuturesIterationFuture
 *
 * Gets how many items were delivered so far.
 *
 * Returns: the number of #FuturesIterationFuture::item emissions
 */
guint64
futures_iteration_future_get_n_items (FuturesIterationFuture *self)
{
  g_return_val_if_fail (FUTURES_IS_ITERATION_FUTURE (self), 0);

  return self->n_items;
}
