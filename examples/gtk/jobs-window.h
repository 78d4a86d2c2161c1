/* jobs-window.h: the window of futures-jobs.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <futures-glib/futures-glib.h>

G_BEGIN_DECLS

#define FJ_TYPE_WINDOW (fj_window_get_type ())
G_DECLARE_FINAL_TYPE (FjWindow, fj_window, FJ, WINDOW, GtkApplicationWindow)

G_GNUC_WARN_UNUSED_RESULT
FjWindow        *fj_window_new                     (GtkApplication *application);
FuturesExecutor *fj_window_get_executor            (FjWindow       *self);
void             fj_window_get_flood_stall         (FjWindow       *self,
                                                    gint64         *stall,
                                                    gint64         *busy);

const char      *fj_state_name                     (FuturesFutureState state);

G_END_DECLS
