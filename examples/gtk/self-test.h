/* self-test.h: futures-jobs --self-test, the application driving itself.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "jobs-window.h"

G_BEGIN_DECLS

void     fj_self_test_start  (FjWindow   *window,
                              const char *screenshot);
gboolean fj_self_test_passed (void);

G_END_DECLS
