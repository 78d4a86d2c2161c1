/* test-misuse.c: every public function, called wrongly
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Passing NULL or an object of the wrong type where the API forbids it is
 * a programmer error: the function must say so with a g_return_*_if_fail()
 * critical from its own entry point, change nothing and not crash. The
 * table below names every misuse of every public function; each row is a
 * test case of its own (/futures/misuse/FUNCTION/ARGUMENT-MISUSE), run in
 * the test process itself so that valgrind and the sanitizers see it.
 *
 * /futures/misuse/table-complete keeps the table honest: it reads the
 * library's GIR (FUTURES_TEST_GIR) and its exported symbols
 * (FUTURES_TEST_LIBRARY, through nm) and fails when a public function has
 * no row, when a non-nullable pointer argument has no NULL row, when an
 * object argument has no wrong-type row or when a function that throws
 * has no row for an error that is already set.
 */

#include <string.h>

#include <gio/gio.h>

#include "test-utils.h"

/* The objects the misuse cases use as the valid arguments. */
typedef struct
{
  GObject                *object;          /* a plain GObject */
  GParamSpec             *pspec;           /* a type instance that is no GObject */
  FuturesExecutor        *executor;
  FuturesExecutor        *spare_executor;  /* shut down, for shutdown_result */
  FuturesCallFuture      *call_future;     /* EXECUTING: its task waits at gate */
  FuturesIterationFuture *iteration_future;
  FuturesProgressFuture  *progress_future;
  FuturesItem            *item;
  FuturesTask            *task;            /* call_future's task, running */
  TestGate                gate;
  FuturesThreadRouter    *thread_router;   /* running, with one open pipe */
  FuturesProcessRouter   *process_router;
  FuturesMessageSender   *sender;
  FuturesMessageReceiver *receiver;
  FuturesThreadPool      *thread_pool;
  FuturesProcessPool     *process_pool;
  FuturesThreadContext   *thread_context;
  FuturesProcessContext  *process_context;
  GAsyncResult           *wait_result;     /* of futures_future_wait_async (iteration_future) */
  GAsyncResult           *shutdown_result; /* of futures_executor_shutdown_async (spare_executor) */
  GAsyncResult           *untagged_result; /* a GTask of iteration_future without a tag */
  GError                 *preset;          /* see preset_error() */
  GError                 *error;           /* for futures_task_return_error() */
  GValue                  unset;           /* G_VALUE_INIT */
  GValue                  value;           /* an int */
} Fixture;

static Fixture fx;

/* Helpers the calls use ------------------------------------------------ */

/* An error that is already set, passed where the function would set one. */
static GError **
preset_error (void)
{
  g_clear_error (&fx.preset);
  fx.preset = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "already set");
  return &fx.preset;
}

/* For the functions whose result must not be ignored: a misused call
 * makes nothing. */
static void
check_null (gpointer result)
{
  g_assert_null (result);
}

static void
quick_task (FuturesTask *task,
            gpointer     user_data)
{
  futures_task_return_int (task, 1);
}

static gboolean
condition_true (gpointer user_data)
{
  return TRUE;
}

/* A misused call that returns no new object: only its critical counts. */
#define CALL(expr) ((void) (expr))

/* The table ---------------------------------------------------------------
 *
 * X (function, argument, misuse, call): argument is the parameter's name
 * as the GIR has it ("self" for the instance, "error" for a GError
 * out-argument); misuse is "null", "wrong-type" (an object or value of
 * another type), "error-set" or "invalid" (a value out of range). */

#define MISUSE_TABLE(X) \
  /* futures-executor.h */ \
  X (futures_executor_new, "error", "error-set", check_null (futures_executor_new (preset_error ()))) \
  X (futures_executor_new_full, "context", "wrong-type", \
     check_null (futures_executor_new_full ((FuturesParallelContext *) fx.object, NULL, 0, NULL))) \
  X (futures_executor_new_full, "context", "wrong-type-futures", \
     check_null (futures_executor_new_full ((FuturesParallelContext *) fx.thread_pool, NULL, 0, NULL))) \
  X (futures_executor_new_full, "worker_pool", "wrong-type", \
     check_null (futures_executor_new_full (NULL, (FuturesWorkerPool *) fx.object, 0, NULL))) \
  X (futures_executor_new_full, "worker_pool", "wrong-type-futures", \
     check_null (futures_executor_new_full (NULL, (FuturesWorkerPool *) fx.thread_context, 0, NULL))) \
  X (futures_executor_new_full, "max_workers", "invalid", \
     check_null (futures_executor_new_full (NULL, NULL, -1, NULL))) \
  X (futures_executor_new_full, "error", "error-set", \
     check_null (futures_executor_new_full (NULL, NULL, 0, preset_error ()))) \
  SELF_CASES (X, futures_executor_get_state, FuturesExecutor, fx.thread_pool, CALL, ()) \
  SELF_CASES (X, futures_executor_get_running, FuturesExecutor, fx.thread_pool, CALL, ()) \
  SELF_CASES (X, futures_executor_get_stopped, FuturesExecutor, fx.thread_pool, CALL, ()) \
  SELF_CASES (X, futures_executor_get_context, FuturesExecutor, fx.thread_pool, CALL, ()) \
  SELF_CASES (X, futures_executor_get_worker_pool, FuturesExecutor, fx.thread_pool, CALL, ()) \
  SELF_CASES (X, futures_executor_get_n_futures, FuturesExecutor, fx.thread_pool, CALL, ()) \
  SELF_CASES (X, futures_executor_submit, FuturesExecutor, fx.call_future, check_null, (FUTURES_TYPE_CALL_FUTURE, quick_task, NULL, NULL, NULL)) \
  X (futures_executor_submit, "future_type", "wrong-type", \
     check_null (futures_executor_submit (fx.executor, G_TYPE_OBJECT, quick_task, NULL, NULL, NULL))) \
  X (futures_executor_submit, "future_type", "abstract", \
     check_null (futures_executor_submit (fx.executor, FUTURES_TYPE_FUTURE, quick_task, NULL, NULL, NULL))) \
  X (futures_executor_submit, "func", "null", \
     check_null (futures_executor_submit (fx.executor, FUTURES_TYPE_CALL_FUTURE, NULL, NULL, NULL, NULL))) \
  X (futures_executor_submit, "error", "error-set", \
     check_null (futures_executor_submit (fx.executor, FUTURES_TYPE_CALL_FUTURE, quick_task, NULL, NULL, preset_error ()))) \
  SELF_CASES (X, futures_executor_submit_named, FuturesExecutor, fx.thread_router, check_null, (FUTURES_TYPE_CALL_FUTURE, "quick", NULL, NULL)) \
  X (futures_executor_submit_named, "future_type", "wrong-type", \
     check_null (futures_executor_submit_named (fx.executor, FUTURES_TYPE_TASK, "quick", NULL, NULL))) \
  X (futures_executor_submit_named, "name", "null", \
     check_null (futures_executor_submit_named (fx.executor, FUTURES_TYPE_CALL_FUTURE, NULL, NULL, NULL))) \
  X (futures_executor_submit_named, "error", "error-set", \
     check_null (futures_executor_submit_named (fx.executor, FUTURES_TYPE_CALL_FUTURE, "quick", NULL, preset_error ()))) \
  SUBMIT_CASES (X, futures_executor_submit_call) \
  SUBMIT_CASES (X, futures_executor_submit_iteration) \
  SUBMIT_CASES (X, futures_executor_submit_progress) \
  SELF_CASES (X, futures_executor_stop, FuturesExecutor, fx.process_router, CALL, (NULL)) \
  X (futures_executor_stop, "error", "error-set", CALL (futures_executor_stop (fx.executor, preset_error ()))) \
  SELF_CASES (X, futures_executor_shutdown, FuturesExecutor, fx.thread_pool, CALL, (0, NULL)) \
  X (futures_executor_shutdown, "error", "error-set", \
     CALL (futures_executor_shutdown (fx.executor, 0, preset_error ()))) \
  SELF_CASES (X, futures_executor_shutdown_async, FuturesExecutor, fx.call_future, BARE, (NULL, NULL, NULL)) \
  X (futures_executor_shutdown_async, "cancellable", "wrong-type", \
     futures_executor_shutdown_async (fx.executor, (GCancellable *) fx.object, NULL, NULL)) \
  SELF_CASES (X, futures_executor_shutdown_finish, FuturesExecutor, fx.iteration_future, CALL, (fx.shutdown_result, NULL)) \
  X (futures_executor_shutdown_finish, "result", "null", \
     CALL (futures_executor_shutdown_finish (fx.spare_executor, NULL, NULL))) \
  X (futures_executor_shutdown_finish, "result", "wrong-type", \
     CALL (futures_executor_shutdown_finish (fx.spare_executor, (GAsyncResult *) fx.object, NULL))) \
  X (futures_executor_shutdown_finish, "result", "other-source", \
     CALL (futures_executor_shutdown_finish (fx.executor, fx.shutdown_result, NULL))) \
  X (futures_executor_shutdown_finish, "result", "other-function", \
     CALL (futures_executor_shutdown_finish (FUTURES_EXECUTOR (fx.spare_executor), fx.wait_result, NULL))) \
  X (futures_executor_shutdown_finish, "error", "error-set", \
     CALL (futures_executor_shutdown_finish (fx.spare_executor, fx.shutdown_result, preset_error ()))) \
  /* futures-future.h */ \
  SELF_CASES (X, futures_future_get_state, FuturesFuture, fx.executor, CALL, ()) \
  SELF_CASES (X, futures_future_get_done, FuturesFuture, fx.executor, CALL, ()) \
  SELF_CASES (X, futures_future_get_may_cancel, FuturesFuture, fx.executor, CALL, ()) \
  SELF_CASES (X, futures_future_cancel, FuturesFuture, fx.task, CALL, ()) \
  SELF_CASES (X, futures_future_get_result, FuturesFuture, fx.item, CALL, (NULL)) \
  X (futures_future_get_result, "error", "error-set", \
     CALL (futures_future_get_result (FUTURES_FUTURE (fx.iteration_future), preset_error ()))) \
  SELF_CASES (X, futures_future_dup_error, FuturesFuture, fx.task, check_null, (NULL)) \
  X (futures_future_dup_error, "error", "error-set", \
     check_null (futures_future_dup_error (FUTURES_FUTURE (fx.iteration_future), preset_error ()))) \
  SELF_CASES (X, futures_future_wait_async, FuturesFuture, fx.executor, BARE, (NULL, NULL, NULL)) \
  X (futures_future_wait_async, "cancellable", "wrong-type", \
     futures_future_wait_async (FUTURES_FUTURE (fx.iteration_future), (GCancellable *) fx.object, NULL, NULL)) \
  SELF_CASES (X, futures_future_wait_finish, FuturesFuture, fx.task, CALL, (fx.wait_result, NULL)) \
  X (futures_future_wait_finish, "result", "null", \
     CALL (futures_future_wait_finish (FUTURES_FUTURE (fx.iteration_future), NULL, NULL))) \
  X (futures_future_wait_finish, "result", "wrong-type", \
     CALL (futures_future_wait_finish (FUTURES_FUTURE (fx.iteration_future), (GAsyncResult *) fx.object, NULL))) \
  X (futures_future_wait_finish, "result", "other-source", \
     CALL (futures_future_wait_finish (FUTURES_FUTURE (fx.call_future), fx.wait_result, NULL))) \
  X (futures_future_wait_finish, "result", "other-function", \
     CALL (futures_future_wait_finish (FUTURES_FUTURE (fx.iteration_future), fx.untagged_result, NULL))) \
  X (futures_future_wait_finish, "error", "error-set", \
     CALL (futures_future_wait_finish (FUTURES_FUTURE (fx.iteration_future), fx.wait_result, preset_error ()))) \
  /* futures-item.h */ \
  SELF_CASES (X, futures_item_get_value, FuturesItem, fx.receiver, CALL, ()) \
  SELF_CASES (X, futures_item_get_position, FuturesItem, fx.receiver, CALL, ()) \
  SELF_CASES (X, futures_item_get_string, FuturesItem, fx.receiver, CALL, ()) \
  /* futures-iteration-future.h: the wrong type is a sibling future type */ \
  SELF_CASES (X, futures_iteration_future_get_n_items, FuturesIterationFuture, fx.call_future, CALL, ()) \
  SELF_CASES (X, futures_iteration_future_get_items, FuturesIterationFuture, fx.progress_future, CALL, ()) \
  /* futures-progress-future.h */ \
  SELF_CASES (X, futures_progress_future_get_fraction, FuturesProgressFuture, fx.iteration_future, CALL, ()) \
  SELF_CASES (X, futures_progress_future_get_text, FuturesProgressFuture, fx.call_future, CALL, ()) \
  /* futures-message-receiver.h */ \
  SELF_CASES (X, futures_message_receiver_get_connection_id, FuturesMessageReceiver, fx.sender, CALL, ()) \
  /* futures-message-router.h: interface wrappers */ \
  SELF_CASES (X, futures_message_router_start, FuturesMessageRouter, fx.thread_pool, CALL, (NULL)) \
  X (futures_message_router_start, "error", "error-set", \
     CALL (futures_message_router_start (FUTURES_MESSAGE_ROUTER (fx.process_router), preset_error ()))) \
  SELF_CASES (X, futures_message_router_stop, FuturesMessageRouter, fx.thread_context, CALL, (NULL)) \
  X (futures_message_router_stop, "error", "error-set", \
     CALL (futures_message_router_stop (FUTURES_MESSAGE_ROUTER (fx.thread_router), preset_error ()))) \
  SELF_CASES (X, futures_message_router_pipe, FuturesMessageRouter, fx.sender, CALL, (NULL, NULL, NULL)) \
  X (futures_message_router_pipe, "error", "error-set", \
     CALL (futures_message_router_pipe (FUTURES_MESSAGE_ROUTER (fx.thread_router), NULL, NULL, preset_error ()))) \
  SELF_CASES (X, futures_message_router_close_pipe, FuturesMessageRouter, fx.executor, CALL, (fx.receiver, NULL)) \
  X (futures_message_router_close_pipe, "receiver", "null", \
     CALL (futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (fx.thread_router), NULL, NULL))) \
  X (futures_message_router_close_pipe, "receiver", "wrong-type", \
     CALL (futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (fx.thread_router), (FuturesMessageReceiver *) fx.object, NULL))) \
  X (futures_message_router_close_pipe, "receiver", "wrong-type-futures", \
     CALL (futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (fx.thread_router), (FuturesMessageReceiver *) fx.sender, NULL))) \
  X (futures_message_router_close_pipe, "error", "error-set", \
     CALL (futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (fx.thread_router), fx.receiver, preset_error ()))) \
  SELF_CASES (X, futures_message_router_route_until, FuturesMessageRouter, fx.process_pool, CALL, (0, condition_true, NULL, NULL)) \
  X (futures_message_router_route_until, "condition", "null", \
     CALL (futures_message_router_route_until (FUTURES_MESSAGE_ROUTER (fx.thread_router), 0, NULL, NULL, NULL))) \
  X (futures_message_router_route_until, "error", "error-set", \
     CALL (futures_message_router_route_until (FUTURES_MESSAGE_ROUTER (fx.thread_router), 0, condition_true, NULL, preset_error ()))) \
  SELF_CASES (X, futures_message_router_get_context, FuturesMessageRouter, fx.receiver, CALL, ()) \
  SELF_CASES (X, futures_message_router_get_running, FuturesMessageRouter, fx.executor, CALL, ()) \
  /* futures-message-sender.h */ \
  SELF_CASES (X, futures_message_sender_get_connection_id, FuturesMessageSender, fx.receiver, CALL, ()) \
  SELF_CASES (X, futures_message_sender_get_state, FuturesMessageSender, fx.receiver, CALL, ()) \
  SELF_CASES (X, futures_message_sender_start, FuturesMessageSender, fx.receiver, CALL, (NULL)) \
  X (futures_message_sender_start, "error", "error-set", \
     CALL (futures_message_sender_start (fx.sender, preset_error ()))) \
  SELF_CASES (X, futures_message_sender_send, FuturesMessageSender, fx.receiver, CALL, (&fx.value, NULL)) \
  X (futures_message_sender_send, "message", "null", CALL (futures_message_sender_send (fx.sender, NULL, NULL))) \
  X (futures_message_sender_send, "message", "unset-value", \
     CALL (futures_message_sender_send (fx.sender, &fx.unset, NULL))) \
  X (futures_message_sender_send, "error", "error-set", \
     CALL (futures_message_sender_send (fx.sender, &fx.value, preset_error ()))) \
  SELF_CASES (X, futures_message_sender_stop, FuturesMessageSender, fx.receiver, CALL, (NULL)) \
  X (futures_message_sender_stop, "error", "error-set", \
     CALL (futures_message_sender_stop (fx.sender, preset_error ()))) \
  /* futures-parallel-context.h: interface wrappers */ \
  SELF_CASES (X, futures_parallel_context_create_worker_pool, FuturesParallelContext, fx.thread_pool, check_null, (0, NULL)) \
  X (futures_parallel_context_create_worker_pool, "max_workers", "invalid", \
     check_null (futures_parallel_context_create_worker_pool (FUTURES_PARALLEL_CONTEXT (fx.thread_context), -1, NULL))) \
  X (futures_parallel_context_create_worker_pool, "error", "error-set", \
     check_null (futures_parallel_context_create_worker_pool (FUTURES_PARALLEL_CONTEXT (fx.thread_context), 0, preset_error ()))) \
  SELF_CASES (X, futures_parallel_context_create_router, FuturesParallelContext, fx.thread_router, check_null, (NULL, NULL)) \
  X (futures_parallel_context_create_router, "error", "error-set", \
     check_null (futures_parallel_context_create_router (FUTURES_PARALLEL_CONTEXT (fx.process_context), NULL, preset_error ()))) \
  SELF_CASES (X, futures_parallel_context_close, FuturesParallelContext, fx.process_pool, CALL, ()) \
  SELF_CASES (X, futures_parallel_context_get_closed, FuturesParallelContext, fx.thread_router, CALL, ()) \
  /* futures-process-pool.h */ \
  X (futures_process_pool_new, "max_workers", "invalid", check_null (futures_process_pool_new (-1, NULL))) \
  SELF_CASES (X, futures_process_pool_get_argv, FuturesProcessPool, fx.thread_pool, CALL, ()) \
  X (futures_process_pool_get_worker_pids, "self", "null", \
     { guint n_pids; check_null (futures_process_pool_get_worker_pids (NULL, &n_pids)); }) \
  X (futures_process_pool_get_worker_pids, "self", "wrong-type", \
     { guint n_pids; check_null (futures_process_pool_get_worker_pids ((FuturesProcessPool *) fx.object, &n_pids)); }) \
  X (futures_process_pool_get_worker_pids, "self", "wrong-type-futures", \
     { guint n_pids; check_null (futures_process_pool_get_worker_pids ((FuturesProcessPool *) fx.thread_pool, &n_pids)); }) \
  X (futures_process_pool_get_worker_pids, "n_pids", "null", \
     check_null (futures_process_pool_get_worker_pids (fx.process_pool, NULL))) \
  /* futures-process-router.h */ \
  SELF_CASES (X, futures_process_router_get_priority, FuturesProcessRouter, fx.thread_router, CALL, ()) \
  SELF_CASES (X, futures_process_router_set_priority, FuturesProcessRouter, fx.thread_router, BARE, (0)) \
  /* futures-task.h: the wrong type is the task's foreground twin */ \
  SELF_CASES (X, futures_task_run, FuturesTask, fx.call_future, CALL, ()) \
  SELF_CASES (X, futures_task_get_name, FuturesTask, fx.call_future, CALL, ()) \
  SELF_CASES (X, futures_task_get_arguments, FuturesTask, fx.call_future, CALL, ()) \
  SELF_CASES (X, futures_task_is_cancelled, FuturesTask, fx.call_future, CALL, ()) \
  SELF_CASES (X, futures_task_get_cancellable, FuturesTask, fx.call_future, CALL, ()) \
  SELF_CASES (X, futures_task_send, FuturesTask, fx.call_future, CALL, ("kind", &fx.value)) \
  X (futures_task_send, "kind", "null", CALL (futures_task_send (fx.task, NULL, &fx.value))) \
  X (futures_task_send, "value", "null", CALL (futures_task_send (fx.task, "kind", NULL))) \
  X (futures_task_send, "value", "unset-value", CALL (futures_task_send (fx.task, "kind", &fx.unset))) \
  SELF_CASES (X, futures_task_yield_value, FuturesTask, fx.iteration_future, CALL, (&fx.value)) \
  X (futures_task_yield_value, "value", "null", CALL (futures_task_yield_value (fx.task, NULL))) \
  X (futures_task_yield_value, "value", "unset-value", CALL (futures_task_yield_value (fx.task, &fx.unset))) \
  SELF_CASES (X, futures_task_report_progress, FuturesTask, fx.progress_future, CALL, (0.5, NULL)) \
  SELF_CASES (X, futures_task_return_value, FuturesTask, fx.call_future, BARE, (&fx.value)) \
  X (futures_task_return_value, "value", "unset-value", futures_task_return_value (fx.task, &fx.unset)) \
  SELF_CASES (X, futures_task_return_boolean, FuturesTask, fx.call_future, BARE, (TRUE)) \
  SELF_CASES (X, futures_task_return_int, FuturesTask, fx.call_future, BARE, (1)) \
  SELF_CASES (X, futures_task_return_double, FuturesTask, fx.call_future, BARE, (1.0)) \
  SELF_CASES (X, futures_task_return_string, FuturesTask, fx.call_future, BARE, ("s")) \
  SELF_CASES (X, futures_task_return_object, FuturesTask, fx.call_future, BARE, (fx.object)) \
  X (futures_task_return_object, "object", "wrong-type", futures_task_return_object (fx.task, fx.pspec)) \
  SELF_CASES (X, futures_task_return_error, FuturesTask, fx.call_future, BARE, (fx.error)) \
  X (futures_task_return_error, "error", "null", futures_task_return_error (fx.task, NULL)) \
  SELF_CASES (X, futures_task_return_new_error, FuturesTask, fx.call_future, BARE, (G_IO_ERROR, G_IO_ERROR_FAILED, "x")) \
  X (futures_task_return_new_error, "format", "null", return_new_error_null_format ()) \
  X (futures_register_task, "name", "null", futures_register_task (NULL, quick_task, NULL, NULL)) \
  X (futures_register_task, "name", "invalid", futures_register_task ("", quick_task, NULL, NULL)) \
  X (futures_register_task, "func", "null", futures_register_task ("misuse", NULL, NULL, NULL)) \
  /* futures-thread-pool.h */ \
  X (futures_thread_pool_new, "max_workers", "invalid", check_null (futures_thread_pool_new (-1))) \
  /* futures-thread-router.h */ \
  SELF_CASES (X, futures_thread_router_get_priority, FuturesThreadRouter, fx.process_router, CALL, ()) \
  SELF_CASES (X, futures_thread_router_set_priority, FuturesThreadRouter, fx.process_router, BARE, (0)) \
  /* futures-worker-pool.h: interface wrappers */ \
  SELF_CASES (X, futures_worker_pool_submit, FuturesWorkerPool, fx.thread_context, CALL, (fx.task, NULL)) \
  X (futures_worker_pool_submit, "task", "null", \
     CALL (futures_worker_pool_submit (FUTURES_WORKER_POOL (fx.thread_pool), NULL, NULL))) \
  X (futures_worker_pool_submit, "task", "wrong-type", \
     CALL (futures_worker_pool_submit (FUTURES_WORKER_POOL (fx.thread_pool), (FuturesTask *) fx.object, NULL))) \
  X (futures_worker_pool_submit, "task", "wrong-type-futures", \
     CALL (futures_worker_pool_submit (FUTURES_WORKER_POOL (fx.thread_pool), (FuturesTask *) fx.call_future, NULL))) \
  X (futures_worker_pool_submit, "error", "error-set", \
     CALL (futures_worker_pool_submit (FUTURES_WORKER_POOL (fx.thread_pool), fx.task, preset_error ()))) \
  SELF_CASES (X, futures_worker_pool_shutdown, FuturesWorkerPool, fx.process_context, BARE, (FALSE)) \
  SELF_CASES (X, futures_worker_pool_get_max_workers, FuturesWorkerPool, fx.executor, CALL, ())

/* The instance of @fn made NULL, a plain GObject and an object of
 * another futures type, @other; REST is the parenthesized list of the
 * other arguments and WRAP checks or drops the result. */
#define SELF_CASES(X, fn, Type, other, WRAP, REST) \
  X (fn, "self", "null", WRAP (fn ((Type *) NULL AND_REST REST))) \
  X (fn, "self", "wrong-type", WRAP (fn ((Type *) fx.object AND_REST REST))) \
  X (fn, "self", "wrong-type-futures", WRAP (fn ((Type *) (other) AND_REST REST)))
#define AND_REST(...) , ##__VA_ARGS__
#define BARE(call) call

/* The submit functions that take a C function. */
#define SUBMIT_CASES(X, fn) \
  SELF_CASES (X, fn, FuturesExecutor, fx.process_context, check_null, (quick_task, NULL, NULL, NULL)) \
  X (fn, "func", "null", check_null (fn (fx.executor, NULL, NULL, NULL, NULL))) \
  X (fn, "error", "error-set", check_null (fn (fx.executor, quick_task, NULL, NULL, preset_error ())))

/* Public functions without a forbidden argument: they are in the table
 * all the same, so that the completeness check sees every function. */
#define NO_MISUSE_TABLE(N) \
  N (futures_error_quark, "takes no argument") \
  N (futures_process_context_new, "argv may be NULL (the running program)") \
  N (futures_process_router_new, "takes no argument") \
  N (futures_process_router_new_for_context, "context may be NULL; a GMainContext has no type to check") \
  N (futures_thread_context_new, "takes no argument") \
  N (futures_thread_router_new, "takes no argument") \
  N (futures_thread_router_new_for_context, "context may be NULL; a GMainContext has no type to check")

/* Public functions the test leaves out, and why. */
static const struct
{
  const char *function;
  const char *reason;
} exclusions[] = {
  { "*_get_type", "GType getters take no argument" },
  { "futures_process_worker_main", "takes no argument; in a test it would only return FALSE" },
};

/* A NULL format must not reach the printf machinery. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wnonnull"
#pragma GCC diagnostic ignored "-Wformat-security"
static void
return_new_error_null_format (void)
{
  const char *format = NULL;

  futures_task_return_new_error (fx.task, G_IO_ERROR, G_IO_ERROR_FAILED, format);
}
#pragma GCC diagnostic pop

typedef struct
{
  const char *function;
  const char *argument;   /* NULL: no forbidden argument */
  const char *misuse;     /* or, with no argument, the reason */
  const char *call;
} MisuseCase;

/* The call as it runs, its macros expanded. */
#define ROW(fn, arg, how, call) { #fn, arg, how, G_STRINGIFY (call) },
#define NO_ROW(fn, reason) { #fn, NULL, reason, NULL },
static const MisuseCase misuse_cases[] = {
  MISUSE_TABLE (ROW)
  NO_MISUSE_TABLE (NO_ROW)
};
#undef ROW
#undef NO_ROW

/* Runs row @index of MISUSE_TABLE. */
static void
run_case (guint index)
{
  guint n = 0;

#define RUN(fn, arg, how, call) if (index == n++) { call; return; }
  MISUSE_TABLE (RUN)
#undef RUN

  g_assert_not_reached ();
}

static void
test_misuse_case (gconstpointer data)
{
  const MisuseCase *c = data;
  g_autofree char *summary = g_strdup_printf ("%s with %s %s: a critical from %s, no crash",
                                              c->function, c->argument, c->misuse, c->function);
  g_autofree char *pattern = g_strdup_printf ("%s: assertion*failed", c->function);

  g_test_summary (summary);
  g_test_message ("%s", c->call);

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, pattern);
  run_case ((guint) (c - misuse_cases));
  g_test_assert_expected_messages ();

  /* The function left an error that was set alone. */
  if (fx.preset != NULL)
    g_assert_error (fx.preset, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&fx.preset);
}

/* Completeness ------------------------------------------------------------ */

static gboolean
is_excluded (const char *function)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (exclusions); i++)
    if (g_pattern_match_simple (exclusions[i].function, function))
      return TRUE;
  return FALSE;
}

static gboolean
has_row (const char *function,
         const char *argument,
         const char *misuse_prefix)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (misuse_cases); i++)
    {
      const MisuseCase *c = &misuse_cases[i];

      if (!g_str_equal (c->function, function))
        continue;
      if (argument == NULL)
        return TRUE;
      if (c->argument != NULL && g_str_equal (c->argument, argument) &&
          g_str_has_prefix (c->misuse, misuse_prefix))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  char     *name;
  char     *ctype;
  gboolean  nullable;
  gboolean  out;
} GirParameter;

typedef struct
{
  char      *identifier;
  gboolean   throws;
  GPtrArray *parameters;   /* GirParameter* */
} GirFunction;

typedef struct
{
  GPtrArray    *functions;     /* GirFunction* */
  GHashTable   *callbacks;     /* c:type of every callback type */
  GirFunction  *function;      /* the one being read */
  GirParameter *parameter;     /* the one being read */
  gboolean      have_type;
  int           skip_depth;    /* inside a callback, signal or vfunc */
} GirReader;

static void
gir_parameter_free (gpointer data)
{
  GirParameter *p = data;

  g_free (p->name);
  g_free (p->ctype);
  g_free (p);
}

static void
gir_function_free (gpointer data)
{
  GirFunction *f = data;

  g_free (f->identifier);
  g_ptr_array_unref (f->parameters);
  g_free (f);
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  guint i;

  for (i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static gboolean
attribute_true (const char **names,
                const char **values,
                const char  *name)
{
  const char *value = attribute (names, values, name);

  return value != NULL && g_str_equal (value, "1");
}

static void
gir_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  GirReader *r = user_data;

  if (g_str_equal (element, "callback"))
    {
      const char *ctype = attribute (names, values, "c:type");

      if (ctype != NULL)
        g_hash_table_add (r->callbacks, g_strdup (ctype));
    }

  if (r->skip_depth > 0 || g_str_equal (element, "callback") ||
      g_str_equal (element, "virtual-method") || g_str_equal (element, "glib:signal"))
    {
      r->skip_depth++;
      return;
    }

  if (g_str_equal (element, "function") || g_str_equal (element, "method") ||
      g_str_equal (element, "constructor"))
    {
      g_assert_null (r->function);
      r->function = g_new0 (GirFunction, 1);
      r->function->identifier = g_strdup (attribute (names, values, "c:identifier"));
      r->function->throws = attribute_true (names, values, "throws");
      r->function->parameters = g_ptr_array_new_with_free_func (gir_parameter_free);
      g_ptr_array_add (r->functions, r->function);
    }
  else if (r->function != NULL &&
           (g_str_equal (element, "parameter") || g_str_equal (element, "instance-parameter")))
    {
      const char *direction = attribute (names, values, "direction");

      r->parameter = g_new0 (GirParameter, 1);
      r->parameter->name = g_strdup (attribute (names, values, "name"));
      r->parameter->nullable = attribute_true (names, values, "nullable") ||
                               attribute_true (names, values, "allow-none") ||
                               attribute_true (names, values, "optional");
      r->parameter->out = direction != NULL && !g_str_equal (direction, "in");
      r->have_type = FALSE;
      g_ptr_array_add (r->function->parameters, r->parameter);
    }
  else if (r->parameter != NULL && !r->have_type &&
           (g_str_equal (element, "type") || g_str_equal (element, "array") ||
            g_str_equal (element, "varargs")))
    {
      r->parameter->ctype = g_strdup (attribute (names, values, "c:type"));
      r->have_type = TRUE;
    }
}

static void
gir_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  GirReader *r = user_data;

  if (r->skip_depth > 0)
    {
      r->skip_depth--;
      return;
    }
  if (g_str_equal (element, "function") || g_str_equal (element, "method") ||
      g_str_equal (element, "constructor"))
    r->function = NULL;
  else if (g_str_equal (element, "parameter") || g_str_equal (element, "instance-parameter"))
    r->parameter = NULL;
}

/* The GType an argument of C type @ctype ("const FuturesTask*") points
 * to, if it names a registered type. */
static GType
type_of_ctype (const char *ctype)
{
  g_autofree char *name = g_strdup (ctype);

  if (g_str_has_prefix (name, "const "))
    memmove (name, name + 6, strlen (name + 6) + 1);
  g_strstrip (g_strdelimit (name, "*", ' '));
  return g_type_from_name (name);
}

static void
check_gir (const char *path,
           GString    *missing,
           guint      *n_functions)
{
  static const GMarkupParser parser = { gir_start, gir_end, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  GirReader r = { 0 };
  GMarkupParseContext *context;
  guint i, j;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_no_error (error);

  r.functions = g_ptr_array_new_with_free_func (gir_function_free);
  r.callbacks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &r, NULL);
  g_markup_parse_context_parse (context, text, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  for (i = 0; i < r.functions->len; i++)
    {
      GirFunction *f = r.functions->pdata[i];

      if (is_excluded (f->identifier))
        continue;
      (*n_functions)++;
      if (!has_row (f->identifier, NULL, NULL))
        {
          g_string_append_printf (missing, "  %s: no row at all\n", f->identifier);
          continue;
        }
      if (f->throws && !has_row (f->identifier, "error", "error-set"))
        g_string_append_printf (missing, "  %s: no row for an error already set\n", f->identifier);

      for (j = 0; j < f->parameters->len; j++)
        {
          GirParameter *p = f->parameters->pdata[j];
          gboolean pointer;
          GType type;

          if (p->ctype == NULL)   /* varargs */
            continue;
          pointer = strchr (p->ctype, '*') != NULL || g_hash_table_contains (r.callbacks, p->ctype);
          type = type_of_ctype (p->ctype);

          if (pointer && !p->nullable && !has_row (f->identifier, p->name, "null"))
            g_string_append_printf (missing, "  %s: no row for %s = NULL\n", f->identifier, p->name);
          if (!p->out && (G_TYPE_IS_OBJECT (type) || G_TYPE_IS_INTERFACE (type)) &&
              !has_row (f->identifier, p->name, "wrong-type"))
            g_string_append_printf (missing, "  %s: no row for %s of a wrong type (%s)\n",
                                    f->identifier, p->name, p->ctype);
        }
    }

  g_ptr_array_unref (r.functions);
  g_hash_table_unref (r.callbacks);
}

static void
check_exported_symbols (const char *library,
                        GString    *missing,
                        guint      *n_functions)
{
  const char *argv[] = { "nm", "-D", "--defined-only", library, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  guint i;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_test_message ("cannot run nm (%s): exported symbols not checked", error->message);
      return;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (out, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      guint n = g_strv_length (fields);
      const char *name;

      /* "ADDRESS T name": code symbols only. */
      if (n != 3 || !g_str_equal (fields[1], "T"))
        continue;
      name = fields[2];
      if (is_excluded (name))
        continue;
      (*n_functions)++;
      if (!g_str_has_prefix (name, "futures_"))
        g_string_append_printf (missing, "  %s: exported, but not in the futures_ namespace\n", name);
      else if (!has_row (name, NULL, NULL))
        g_string_append_printf (missing, "  %s: exported, but has no row\n", name);
    }
}

static void
test_table_complete (void)
{
  const char *gir = g_getenv ("FUTURES_TEST_GIR");
  const char *library = g_getenv ("FUTURES_TEST_LIBRARY");
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_gir = 0, n_exported = 0;
  guint i;

  g_test_summary ("The misuse table has a row for every public function, a NULL row for "
                  "every pointer argument that may not be NULL, a wrong-type row for every "
                  "object argument and an error-set row for every function that throws");

  if (gir == NULL && library == NULL)
    {
      g_test_skip ("FUTURES_TEST_GIR and FUTURES_TEST_LIBRARY unset (not in the build tree)");
      return;
    }

  /* Every row names a public function: no row for a function that went. */
  for (i = 0; i < G_N_ELEMENTS (misuse_cases); i++)
    g_assert_true (g_str_has_prefix (misuse_cases[i].function, "futures_"));

  if (gir != NULL)
    {
      check_gir (gir, missing, &n_gir);
      g_test_message ("%u functions in %s", n_gir, gir);
      g_assert_cmpuint (n_gir, >, 50);
    }
  if (library != NULL)
    {
      check_exported_symbols (library, missing, &n_exported);
      g_test_message ("%u exported functions in %s", n_exported, library);
    }

  if (missing->len > 0)
    g_error ("the misuse table is incomplete:\n%s", missing->str);
}

/* Fixture ---------------------------------------------------------------- */

static void
held_task (FuturesTask *task,
           gpointer     user_data)
{
  fx.task = task;
  test_gate_wait (&fx.gate);
  futures_task_return_int (task, 1);
}

static void
one_item_task (FuturesTask *task,
               gpointer     user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, 7);
  futures_task_yield_value (task, &v);
}

static void
half_task (FuturesTask *task,
           gpointer     user_data)
{
  futures_task_report_progress (task, 0.5, "half");
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
fixture_set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) untagged = NULL;

  fx.object = g_object_new (G_TYPE_OBJECT, NULL);
  fx.pspec = g_param_spec_ref_sink (g_param_spec_int ("n", NULL, NULL, 0, 1, 0, G_PARAM_READABLE));
  g_value_init (&fx.value, G_TYPE_INT);
  /* Never taken: a misused call takes nothing. */
  fx.error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "never returned");

  fx.executor = futures_executor_new_full (NULL, NULL, 2, &error);
  g_assert_no_error (error);
  test_gate_init (&fx.gate);
  fx.call_future = futures_executor_submit_call (fx.executor, held_task, NULL, NULL, &error);
  g_assert_no_error (error);
  test_gate_wait_arrivals (&fx.gate, 1);
  fx.iteration_future = futures_executor_submit_iteration (fx.executor, one_item_task, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The model keeps the items that arrive after it is made. */
  futures_iteration_future_get_items (fx.iteration_future);
  fx.progress_future = futures_executor_submit_progress (fx.executor, half_task, NULL, NULL, &error);
  g_assert_no_error (error);
  test_wait_done (FUTURES_FUTURE (fx.iteration_future));
  test_wait_done (FUTURES_FUTURE (fx.progress_future));
  fx.item = g_list_model_get_item (futures_iteration_future_get_items (fx.iteration_future), 0);
  g_assert_true (FUTURES_IS_ITEM (fx.item));

  futures_future_wait_async (FUTURES_FUTURE (fx.iteration_future), NULL, store_result, &fx.wait_result);
  while (fx.wait_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  untagged = g_task_new (fx.iteration_future, NULL, NULL, NULL);
  g_task_return_boolean (untagged, TRUE);
  fx.untagged_result = G_ASYNC_RESULT (g_steal_pointer (&untagged));

  fx.spare_executor = futures_executor_new (&error);
  g_assert_no_error (error);
  futures_executor_shutdown_async (fx.spare_executor, NULL, store_result, &fx.shutdown_result);
  while (fx.shutdown_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  fx.thread_router = futures_thread_router_new ();
  g_assert_true (futures_message_router_start (FUTURES_MESSAGE_ROUTER (fx.thread_router), &error));
  g_assert_no_error (error);
  g_assert_true (futures_message_router_pipe (FUTURES_MESSAGE_ROUTER (fx.thread_router),
                                              &fx.sender, &fx.receiver, &error));
  g_assert_no_error (error);
  fx.process_router = futures_process_router_new ();

  fx.thread_pool = futures_thread_pool_new (1);
  fx.process_pool = futures_process_pool_new (1, NULL);
  fx.thread_context = futures_thread_context_new ();
  fx.process_context = futures_process_context_new (NULL);
}

static void
fixture_tear_down (void)
{
  g_autoptr(GError) error = NULL;

  /* Every misuse left these objects as they were. */
  g_assert_true (futures_executor_get_running (fx.executor));
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (fx.call_future)), ==,
                   FUTURES_FUTURE_STATE_EXECUTING);
  g_assert_true (futures_message_router_get_running (FUTURES_MESSAGE_ROUTER (fx.thread_router)));
  g_assert_false (futures_parallel_context_get_closed (FUTURES_PARALLEL_CONTEXT (fx.thread_context)));

  test_gate_open (&fx.gate);
  test_wait_done (FUTURES_FUTURE (fx.call_future));
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (FUTURES_FUTURE (fx.call_future), NULL)),
                   ==, 1);
  g_assert_true (futures_executor_shutdown (fx.executor, 30000, &error));
  g_assert_no_error (error);

  g_assert_true (futures_message_router_close_pipe (FUTURES_MESSAGE_ROUTER (fx.thread_router),
                                                    fx.receiver, &error));
  g_assert_no_error (error);
  g_assert_true (futures_message_router_stop (FUTURES_MESSAGE_ROUTER (fx.thread_router), &error));
  g_assert_no_error (error);

  g_clear_object (&fx.sender);
  g_clear_object (&fx.receiver);
  g_clear_object (&fx.thread_router);
  g_clear_object (&fx.process_router);
  g_clear_object (&fx.thread_pool);
  g_clear_object (&fx.process_pool);
  g_clear_object (&fx.thread_context);
  g_clear_object (&fx.process_context);
  g_clear_object (&fx.wait_result);
  g_clear_object (&fx.shutdown_result);
  g_clear_object (&fx.untagged_result);
  g_clear_object (&fx.item);
  g_clear_object (&fx.call_future);
  g_clear_object (&fx.iteration_future);
  g_clear_object (&fx.progress_future);
  g_clear_object (&fx.executor);
  g_clear_object (&fx.spare_executor);
  g_clear_object (&fx.object);
  g_clear_pointer (&fx.pspec, g_param_spec_unref);
  g_value_unset (&fx.value);
  g_clear_error (&fx.error);
  test_gate_clear (&fx.gate);
  fx.task = NULL;
}

int
main (int   argc,
      char *argv[])
{
  guint i;
  int ret;

  g_test_init (&argc, &argv, NULL);

  fixture_set_up ();

  g_test_add_func ("/futures/misuse/table-complete", test_table_complete);
  for (i = 0; i < G_N_ELEMENTS (misuse_cases); i++)
    {
      const MisuseCase *c = &misuse_cases[i];
      g_autofree char *path = NULL;

      if (c->argument == NULL)
        continue;
      path = g_strdup_printf ("/futures/misuse/%s/%s-%s", c->function, c->argument, c->misuse);
      g_test_add_data_func (path, c, test_misuse_case);
    }

  ret = g_test_run ();

  fixture_tear_down ();

  return ret;
}
