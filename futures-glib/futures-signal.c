/* futures-signal.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-signal-private.h"

/* g_object_notify_by_pspec() for the hot path: skipped when no handler
 * (for "notify" or for "notify::NAME") and no class handler would see it.
 *
 * Once an object has any "notify" handler, GLib 2.74 runs the emission
 * machinery for every property's notification, matching handlers or
 * not: a future watched on "notify::done" alone paid for its "state"
 * and "may-cancel" notifications (twice the cost of this check, per
 * notification, measured by futures-bench's W1). Skipping an emission
 * that reaches nobody changes nothing a user can see.
 *
 * A class that overrides GObjectClass.notify or dispatch_properties_changed
 * always gets its notifications: such overrides are vfuncs called by the
 * one default class closure, which g_signal_has_handler_pending() does not
 * count. */
void
futures_notify (gpointer    object,
                GParamSpec *pspec)
{
  static gsize notify_signal;
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);
  GObjectClass *base_class = g_type_class_peek_static (G_TYPE_OBJECT);

  if (g_once_init_enter (&notify_signal))
    g_once_init_leave (&notify_signal, g_signal_lookup ("notify", G_TYPE_OBJECT));

  /* GLib 2.74 matches a detail against detailed handlers only: ask
   * for "notify::NAME" and for "notify" apart. */
  if (base_class == NULL || klass->notify != NULL ||
      klass->dispatch_properties_changed != base_class->dispatch_properties_changed ||
      g_signal_has_handler_pending (object, (guint) notify_signal, g_param_spec_get_name_quark (pspec), TRUE) ||
      g_signal_has_handler_pending (object, (guint) notify_signal, 0, TRUE))
    g_object_notify_by_pspec (object, pspec);
}
