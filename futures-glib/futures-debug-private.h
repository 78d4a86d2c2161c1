/* futures-debug-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_debug() formats its message before deciding to drop it; on hot paths
 * (a future's every state change) ask first. Enabled as usual, with
 * G_MESSAGES_DEBUG=Futures. */
#define FUTURES_DEBUG(...) \
  G_STMT_START { \
    if (G_UNLIKELY (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))) \
      g_debug (__VA_ARGS__); \
  } G_STMT_END

G_END_DECLS
