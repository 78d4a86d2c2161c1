/* futures-wakeup-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * FuturesWakeup: the "pingee" of the design. A GSource that any thread may
 * ping; the owning main context then calls the drain function. Pings are
 * coalesced: however many arrive before the source dispatches, it
 * dispatches once.
 */
typedef struct _FuturesWakeup FuturesWakeup;

/* Returns TRUE when work is left over (the budget ran out); the source then
 * re-arms itself so the main loop gets a turn before the rest is drained. */
typedef gboolean (*FuturesWakeupDrainFunc) (gpointer user_data,
                                            gint64   deadline);

FuturesWakeup *futures_wakeup_new      (FuturesWakeupDrainFunc  drain,
                                        gpointer                user_data,
                                        int                     priority,
                                        gint64                  budget_usec,
                                        GError                **error);
FuturesWakeup *futures_wakeup_ref      (FuturesWakeup          *self);
void           futures_wakeup_unref    (FuturesWakeup          *self);
void           futures_wakeup_attach   (FuturesWakeup          *self,
                                        GMainContext           *context);
void           futures_wakeup_detach   (FuturesWakeup          *self);
void           futures_wakeup_ping     (FuturesWakeup          *self);
void           futures_wakeup_ping_soon (FuturesWakeup         *self,
                                         gint64                 delay_usec);
void           futures_wakeup_set_priority (FuturesWakeup      *self,
                                            int                 priority);
guint          futures_wakeup_get_dispatch_count (FuturesWakeup *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FuturesWakeup, futures_wakeup_unref)

G_END_DECLS
