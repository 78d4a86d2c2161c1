/* futures-item.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "futures-version-macros.h"

G_BEGIN_DECLS

/**
 * FUTURES_TYPE_ITEM:
 *
 * The #GType of #FuturesItem.
 */
#define FUTURES_TYPE_ITEM (futures_item_get_type ())

FUTURES_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FuturesItem, futures_item, FUTURES, ITEM, GObject)

FUTURES_AVAILABLE_IN_1_0
const GValue *futures_item_get_value    (FuturesItem *self);
FUTURES_AVAILABLE_IN_1_0
guint         futures_item_get_position (FuturesItem *self);
FUTURES_AVAILABLE_IN_1_0
const char   *futures_item_get_string   (FuturesItem *self);

G_END_DECLS
