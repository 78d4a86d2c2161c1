/* futures-debug-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean futures_debug_enabled (void);

/* g_debug() formats its message before deciding to drop it; on hot paths
 * (a future's every state change) ask first. Enabled as usual, with
 * G_MESSAGES_DEBUG=Futures (read once) or g_log_set_debug_enabled(). */
#define FUTURES_DEBUG(...) \
  G_STMT_START { \
    if (G_UNLIKELY (futures_debug_enabled ())) \
      g_debug (__VA_ARGS__); \
  } G_STMT_END

G_END_DECLS
