/* futures-test-helper.h: native tasks for the GJS tests
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <futures-glib/futures-glib.h>

G_BEGIN_DECLS

/**
 * FUTURES_TEST_TYPE_GATE:
 *
 * The #GType of #FuturesTestGate.
 */
#define FUTURES_TEST_TYPE_GATE (futures_test_gate_get_type ())

G_DECLARE_FINAL_TYPE (FuturesTestGate, futures_test_gate, FUTURES_TEST, GATE, GObject)

FuturesTestGate        *futures_test_gate_new                (void);
void                    futures_test_gate_open               (FuturesTestGate  *self);
gboolean                futures_test_gate_get_is_open        (FuturesTestGate  *self);
guint                   futures_test_gate_get_arrived        (FuturesTestGate  *self);
guint                   futures_test_gate_get_saw_cancel     (FuturesTestGate  *self);
gboolean                futures_test_gate_wait_arrivals      (FuturesTestGate  *self,
                                                              guint             n,
                                                              guint             timeout_msec);

gboolean                futures_test_in_main_thread          (void);

FuturesCallFuture      *futures_test_submit_sum              (FuturesExecutor  *executor,
                                                              int               a,
                                                              int               b,
                                                              GError          **error);
FuturesCallFuture      *futures_test_submit_fail             (FuturesExecutor  *executor,
                                                              const char       *message,
                                                              GError          **error);
FuturesIterationFuture *futures_test_submit_count            (FuturesExecutor  *executor,
                                                              guint             n,
                                                              GError          **error);
FuturesIterationFuture *futures_test_submit_count_fail       (FuturesExecutor  *executor,
                                                              guint             n,
                                                              const char       *message,
                                                              GError          **error);
FuturesProgressFuture  *futures_test_submit_progress         (FuturesExecutor  *executor,
                                                              guint             steps,
                                                              GError          **error);
FuturesProgressFuture  *futures_test_submit_progress_fail    (FuturesExecutor  *executor,
                                                              guint             steps,
                                                              const char       *message,
                                                              GError          **error);
FuturesCallFuture      *futures_test_submit_messages         (FuturesExecutor  *executor,
                                                              guint             n,
                                                              GError          **error);
FuturesCallFuture      *futures_test_submit_blocking         (FuturesExecutor  *executor,
                                                              FuturesTestGate  *gate,
                                                              GError          **error);
FuturesCallFuture      *futures_test_submit_stubborn         (FuturesExecutor  *executor,
                                                              FuturesTestGate  *gate,
                                                              GError          **error);
FuturesIterationFuture *futures_test_submit_count_gated      (FuturesExecutor  *executor,
                                                              FuturesTestGate  *gate,
                                                              GError          **error);
FuturesProgressFuture  *futures_test_submit_progress_gated   (FuturesExecutor  *executor,
                                                              FuturesTestGate  *gate,
                                                              GError          **error);

FuturesCallFuture      *futures_test_submit_main_thread_check (FuturesExecutor  *executor,
                                                               GError          **error);
FuturesIterationFuture *futures_test_submit_count_batches    (FuturesExecutor  *executor,
                                                              guint             batch,
                                                              FuturesTestGate **gates,
                                                              guint             n_gates,
                                                              GError          **error);
FuturesIterationFuture *futures_test_submit_mixed            (FuturesExecutor  *executor,
                                                              GObject          *object,
                                                              GError          **error);
FuturesCallFuture      *futures_test_submit_wait_cancellable (FuturesExecutor  *executor,
                                                              FuturesTestGate  *gate,
                                                              GError          **error);

G_END_DECLS
