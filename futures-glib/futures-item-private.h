/* futures-item-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "futures-item.h"

G_BEGIN_DECLS

FuturesItem *futures_item_new (const GValue *value,
                               guint         position);

G_END_DECLS
