/* futures-glib.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FUTURES_GLIB_INSIDE
# include "futures-version.h"
# include "futures-version-macros.h"
# include "futures-enums.h"
# include "futures-call-future.h"
# include "futures-error.h"
# include "futures-executor.h"
# include "futures-future.h"
# include "futures-item.h"
# include "futures-iteration-future.h"
# include "futures-message-receiver.h"
# include "futures-message-router.h"
# include "futures-message-sender.h"
# include "futures-parallel-context.h"
# include "futures-process-context.h"
# include "futures-process-pool.h"
# include "futures-process-router.h"
# include "futures-progress-future.h"
# include "futures-task.h"
# include "futures-thread-context.h"
# include "futures-thread-pool.h"
# include "futures-thread-router.h"
# include "futures-worker-pool.h"
#undef FUTURES_GLIB_INSIDE

G_END_DECLS
