/* futures-future.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "futures-version-macros.h"

G_BEGIN_DECLS

/**
 * FuturesFutureState:
 * @FUTURES_FUTURE_STATE_WAITING: The task was submitted and has not
 *   started yet, as far as the main context knows. It may be cancelled.
 * @FUTURES_FUTURE_STATE_EXECUTING: The task is running on a worker; its
 *   messages, items and progress reports are delivered. It may be
 *   cancelled.
 * @FUTURES_FUTURE_STATE_CANCELLING: futures_future_cancel() was called
 *   and the task has not ended yet. Messages from the task are dropped.
 *   A task that had not started will never run; a running one is asked
 *   to stop, and whatever it returns is discarded.
 * @FUTURES_FUTURE_STATE_COMPLETED: The task returned; its result can be
 *   read with futures_future_get_result(). Final.
 * @FUTURES_FUTURE_STATE_FAILED: The task failed; its error can be read
 *   with futures_future_dup_error(). Final.
 * @FUTURES_FUTURE_STATE_CANCELLED: The task was cancelled, before it
 *   started or while it ran; it has neither a result nor an error. Final.
 *
 * The state of a #FuturesFuture, as far as the main context knows. The
 * last three are final: a future in one of them is done
 * (#FuturesFuture:done) and never changes again. Only a future that is
 * WAITING or EXECUTING can be cancelled (#FuturesFuture:may-cancel).
 */
typedef enum
{
  FUTURES_FUTURE_STATE_WAITING,
  FUTURES_FUTURE_STATE_EXECUTING,
  FUTURES_FUTURE_STATE_CANCELLING,
  FUTURES_FUTURE_STATE_COMPLETED,
  FUTURES_FUTURE_STATE_FAILED,
  FUTURES_FUTURE_STATE_CANCELLED,
} FuturesFutureState;

/**
 * FUTURES_TYPE_FUTURE_STATE:
 *
 * The #GType of the #FuturesFutureState enumeration (registered in the
 * generated futures-enums.h, which futures-glib.h includes).
 */

/**
 * FUTURES_TYPE_FUTURE:
 *
 * The #GType of #FuturesFuture.
 */
#define FUTURES_TYPE_FUTURE (futures_future_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (FuturesFuture, futures_future, FUTURES, FUTURE, GObject)

/**
 * FuturesFutureClass:
 * @parent_class: the parent class
 * @dispatch: handles a custom message from the task while the future is
 *   executing. The default emits #FuturesFuture::message with the kind as
 *   detail. Chain up for kinds a subclass does not handle itself.
 *
 * The class of a future. Subclass it (with G_DECLARE_DERIVABLE_TYPE() or
 * G_DECLARE_FINAL_TYPE()) to make a task type of your own; see
 * futures_executor_submit().
 */
struct _FuturesFutureClass
{
  GObjectClass parent_class;

  void (*dispatch) (FuturesFuture *self,
                    const char    *kind,
                    const GValue  *value);

  /*< private >*/
  gpointer padding[8];
};

FUTURES_AVAILABLE_IN_1_0
FuturesFutureState futures_future_get_state      (FuturesFuture  *self);
FUTURES_AVAILABLE_IN_1_0
gboolean           futures_future_get_done       (FuturesFuture  *self);
FUTURES_AVAILABLE_IN_1_0
gboolean           futures_future_get_may_cancel (FuturesFuture  *self);
FUTURES_AVAILABLE_IN_1_0
gboolean           futures_future_cancel         (FuturesFuture  *self);
FUTURES_AVAILABLE_IN_1_0
const GValue      *futures_future_get_result     (FuturesFuture  *self,
                                                  GError        **error);
FUTURES_AVAILABLE_IN_1_0
G_GNUC_WARN_UNUSED_RESULT
GError            *futures_future_dup_error      (FuturesFuture  *self,
                                                  GError        **error);
FUTURES_AVAILABLE_IN_1_0
void               futures_future_wait_async     (FuturesFuture       *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
FUTURES_AVAILABLE_IN_1_0
gboolean           futures_future_wait_finish    (FuturesFuture  *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

G_END_DECLS
