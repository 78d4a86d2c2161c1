/* futures-task.h
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
 * FUTURES_TYPE_TASK:
 *
 * The #GType of #FuturesTask.
 */
#define FUTURES_TYPE_TASK (futures_task_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesTask, futures_task, FUTURES, TASK, GObject)

/**
 * FuturesTaskFunc:
 * @task: the background handle of the task
 * @user_data: the data passed when the task was submitted
 *
 * The work of a task. It runs on a worker, never in the main context:
 * it may block, but must not touch objects that belong to the main
 * context. It reports through @task (messages, items, progress) and
 * ends with futures_task_return_value(), futures_task_return_error() or
 * one of their conveniences; a function that returns without either
 * completes the future with no value (futures_future_get_result() then
 * returns %NULL without an error).
 */
typedef void (*FuturesTaskFunc) (FuturesTask *task,
                                 gpointer     user_data);

FUTURES_AVAILABLE_IN_1_0
void          futures_task_run              (FuturesTask   *self);
FUTURES_AVAILABLE_IN_1_0
const char   *futures_task_get_name         (FuturesTask   *self);
FUTURES_AVAILABLE_IN_1_0
GVariant     *futures_task_get_arguments    (FuturesTask   *self);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_task_is_cancelled     (FuturesTask   *self);
FUTURES_AVAILABLE_IN_1_0
GCancellable *futures_task_get_cancellable  (FuturesTask   *self);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_task_send             (FuturesTask   *self,
                                             const char    *kind,
                                             const GValue  *value);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_task_yield_value      (FuturesTask   *self,
                                             const GValue  *value);
FUTURES_AVAILABLE_IN_1_0
gboolean      futures_task_report_progress  (FuturesTask   *self,
                                             double         fraction,
                                             const char    *text);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_value     (FuturesTask   *self,
                                             const GValue  *value);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_boolean   (FuturesTask   *self,
                                             gboolean       value);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_int       (FuturesTask   *self,
                                             gint64         value);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_double    (FuturesTask   *self,
                                             double         value);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_string    (FuturesTask   *self,
                                             const char    *value);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_object    (FuturesTask   *self,
                                             gpointer       object);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_error     (FuturesTask   *self,
                                             GError        *error);
FUTURES_AVAILABLE_IN_1_0
void          futures_task_return_new_error (FuturesTask   *self,
                                             GQuark         domain,
                                             int            code,
                                             const char    *format,
                                             ...) G_GNUC_PRINTF (4, 5);

FUTURES_AVAILABLE_IN_1_0
void          futures_register_task         (const char      *name,
                                             FuturesTaskFunc  func,
                                             gpointer         user_data,
                                             GDestroyNotify   destroy);

G_END_DECLS
