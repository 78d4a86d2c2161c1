/* futures-debug.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-debug-private.h"

/* Whether the library's debug messages would be written. GLib reads
 * G_MESSAGES_DEBUG from the environment at every message it is asked
 * about, which showed in futures-bench's W1 profile (getenv() on every
 * state change of every future); the environment is read once here,
 * while g_log_set_debug_enabled() still takes effect at any time. */
gboolean
futures_debug_enabled (void)
{
  static gsize env_state;  /* 0: not read yet, 1: off, 2: on */

  if (g_log_get_debug_enabled ())
    return TRUE;

  if (g_once_init_enter (&env_state))
    g_once_init_leave (&env_state,
                       g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) ? 1 : 2);
  return env_state == 2;
}
