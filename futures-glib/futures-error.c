/* futures-error.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-error.h"

/**
 * SECTION:futures-error
 * @Title: Errors
 * @Short_description: The futures-glib error domain
 *
 * Every #GError that futures-glib itself reports is in the
 * %FUTURES_ERROR domain, with a code from #FuturesError. Errors that a
 * task reports keep their own domain and code.
 *
 * Passing %NULL or an object of the wrong type where the API does not
 * allow it is a programmer error, not a #GError: such calls log a
 * critical warning and return without doing anything.
 */

/**
 * futures_error_quark:
 *
 * The quark of the %FUTURES_ERROR domain.
 *
 * Returns: the #GQuark identifying futures-glib errors
 */
G_DEFINE_QUARK (futures-error-quark, futures_error)
