/* futures-error.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include <glib.h>

#include "futures-version-macros.h"

G_BEGIN_DECLS

/**
 * FUTURES_ERROR:
 *
 * The error domain of futures-glib. Errors in this domain are from the
 * #FuturesError enumeration. See #GError for how to handle them.
 */
#define FUTURES_ERROR (futures_error_quark ())

/**
 * FuturesError:
 * @FUTURES_ERROR_FAILED: A failure that has no more specific code.
 * @FUTURES_ERROR_NOT_RUNNING: The object (a router, for example) is not
 *   running, and the operation needs it to be.
 * @FUTURES_ERROR_ALREADY_RUNNING: The object was asked to start but it is
 *   running already.
 * @FUTURES_ERROR_INVALID_STATE: The operation is not allowed in the
 *   object's current state, for example sending on a message sender that
 *   was never started or was already stopped.
 * @FUTURES_ERROR_TIMED_OUT: A blocking operation did not reach its goal
 *   before its timeout, for example futures_message_router_route_until().
 * @FUTURES_ERROR_UNKNOWN_PIPE: The pipe end passed in does not belong to
 *   an open pipe of this router (it was closed already, or it was made by
 *   another router).
 * @FUTURES_ERROR_CLOSED: The object was closed or shut down and can no
 *   longer be used for this, for example a worker pool after
 *   futures_worker_pool_shutdown() or a parallel context after
 *   futures_parallel_context_close().
 * @FUTURES_ERROR_NOT_SUPPORTED: The combination asked for is not
 *   supported, for example an executor given both a worker pool and a
 *   maximum number of workers, or a parallel context whose router is not
 *   one of futures-glib's own.
 * @FUTURES_ERROR_NOT_SERIALIZABLE: A value cannot cross to another
 *   process: its type has no #GVariant form. The message names the type.
 * @FUTURES_ERROR_NOT_REGISTERED: No task is registered under the name
 *   given (see futures_register_task()).
 * @FUTURES_ERROR_WORKER_CRASHED: The worker process running the task died
 *   (it crashed, was killed or exited); the message names the signal or
 *   exit status.
 * @FUTURES_ERROR_PROTOCOL: A worker process sent something that is not a
 *   valid frame of the wire protocol; the worker is stopped.
 *
 * Error codes in the %FUTURES_ERROR domain. Their messages are translated
 * into the user's language (gettext domain `futures-glib-1.0`); match on
 * the code, never on the message.
 */
typedef enum
{
  FUTURES_ERROR_FAILED,
  FUTURES_ERROR_NOT_RUNNING,
  FUTURES_ERROR_ALREADY_RUNNING,
  FUTURES_ERROR_INVALID_STATE,
  FUTURES_ERROR_TIMED_OUT,
  FUTURES_ERROR_UNKNOWN_PIPE,
  FUTURES_ERROR_CLOSED,
  FUTURES_ERROR_NOT_SUPPORTED,
  FUTURES_ERROR_NOT_SERIALIZABLE,
  FUTURES_ERROR_NOT_REGISTERED,
  FUTURES_ERROR_WORKER_CRASHED,
  FUTURES_ERROR_PROTOCOL,
} FuturesError;

/**
 * FUTURES_TYPE_ERROR:
 *
 * The #GType of the #FuturesError enumeration (registered in the
 * generated futures-enums.h, which futures-glib.h includes).
 */

FUTURES_AVAILABLE_IN_1_0
GQuark futures_error_quark (void);

G_END_DECLS
