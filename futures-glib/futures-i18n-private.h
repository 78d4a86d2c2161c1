/* futures-i18n-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *futures_gettext  (const char *msgid) G_GNUC_FORMAT (1);
const char *futures_ngettext (const char *msgid,
                              const char *msgid_plural,
                              gulong      n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

#define _(s) futures_gettext (s)
#define N_(s) (s)

G_END_DECLS
