/* futures-signal-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void futures_notify (gpointer    object,
                     GParamSpec *pspec);

G_END_DECLS
