/* futures-version-macros.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(FUTURES_GLIB_INSIDE) && !defined(FUTURES_COMPILATION)
# error "Only <futures-glib/futures-glib.h> can be included directly."
#endif

#include <glib.h>

#include "futures-version.h"

#ifndef _FUTURES_EXTERN
# define _FUTURES_EXTERN __attribute__((visibility("default"))) extern
#endif

/**
 * FUTURES_DEPRECATED:
 *
 * Marks a declaration of futures-glib as exported and deprecated; using
 * it makes the compiler warn. The library's headers use the versioned
 * forms, such as %FUTURES_DEPRECATED_IN_1_0, rather than this macro.
 *
 * Defining `FUTURES_DISABLE_DEPRECATION_WARNINGS` before including
 * futures-glib.h turns the warnings off.
 */

/**
 * FUTURES_DEPRECATED_FOR:
 * @f: the name of the function that replaces the deprecated one
 *
 * Like %FUTURES_DEPRECATED, with a warning that names @f as the
 * replacement.
 */

/**
 * FUTURES_UNAVAILABLE:
 * @maj: the major version that introduced the declaration
 * @min: the minor version that introduced the declaration
 *
 * Marks a declaration of futures-glib that is newer than
 * %FUTURES_VERSION_MAX_ALLOWED; using it makes the compiler warn. The
 * library's headers use it through the `FUTURES_AVAILABLE_IN_*` macros.
 */
#ifdef FUTURES_DISABLE_DEPRECATION_WARNINGS
# define FUTURES_DEPRECATED _FUTURES_EXTERN
# define FUTURES_DEPRECATED_FOR(f) _FUTURES_EXTERN
# define FUTURES_UNAVAILABLE(maj,min) _FUTURES_EXTERN
#else
# define FUTURES_DEPRECATED G_DEPRECATED _FUTURES_EXTERN
# define FUTURES_DEPRECATED_FOR(f) G_DEPRECATED_FOR(f) _FUTURES_EXTERN
# define FUTURES_UNAVAILABLE(maj,min) G_UNAVAILABLE(maj,min) _FUTURES_EXTERN
#endif

/**
 * FUTURES_VERSION_1_0:
 *
 * A version constant for futures-glib 1.0, the value to give
 * %FUTURES_VERSION_MIN_REQUIRED or %FUTURES_VERSION_MAX_ALLOWED to
 * target that release.
 *
 * Version constants are encoded with `G_ENCODE_VERSION` (major and minor
 * only), as GLib's are; compare them with each other, not with
 * %FUTURES_VERSION.
 */
#define FUTURES_VERSION_1_0 (G_ENCODE_VERSION (1, 0))

/**
 * FUTURES_VERSION_CUR_STABLE:
 *
 * The version constant of the current stable release series: the
 * version of these headers, or, for a development version, the stable
 * release it leads to (for 0.99.x, that is 1.0).
 */
#if (FUTURES_MINOR_VERSION == 99)
# define FUTURES_VERSION_CUR_STABLE (G_ENCODE_VERSION (FUTURES_MAJOR_VERSION + 1, 0))
#elif (FUTURES_MINOR_VERSION % 2)
# define FUTURES_VERSION_CUR_STABLE (G_ENCODE_VERSION (FUTURES_MAJOR_VERSION, FUTURES_MINOR_VERSION + 1))
#else
# define FUTURES_VERSION_CUR_STABLE (G_ENCODE_VERSION (FUTURES_MAJOR_VERSION, FUTURES_MINOR_VERSION))
#endif

/**
 * FUTURES_VERSION_PREV_STABLE:
 *
 * The version constant of the stable release series before
 * %FUTURES_VERSION_CUR_STABLE (the same as %FUTURES_VERSION_CUR_STABLE
 * for the development versions that lead to 1.0, which has no
 * predecessor).
 */
#if (FUTURES_MINOR_VERSION == 99)
# define FUTURES_VERSION_PREV_STABLE (G_ENCODE_VERSION (FUTURES_MAJOR_VERSION + 1, 0))
#elif (FUTURES_MINOR_VERSION % 2)
# define FUTURES_VERSION_PREV_STABLE (G_ENCODE_VERSION (FUTURES_MAJOR_VERSION, FUTURES_MINOR_VERSION - 1))
#else
# define FUTURES_VERSION_PREV_STABLE (G_ENCODE_VERSION (FUTURES_MAJOR_VERSION, FUTURES_MINOR_VERSION - 2))
#endif

/**
 * FUTURES_VERSION_MIN_REQUIRED:
 *
 * A macro that should be defined by the user prior to including
 * futures-glib.h. Its value should be one of the predefined
 * futures-glib version constants (e.g. %FUTURES_VERSION_1_0), and it sets
 * the lower bound of the API the application uses: using an API
 * deprecated since that version or earlier produces a warning.
 */
#ifndef FUTURES_VERSION_MIN_REQUIRED
# define FUTURES_VERSION_MIN_REQUIRED (FUTURES_VERSION_CUR_STABLE)
#endif

/**
 * FUTURES_VERSION_MAX_ALLOWED:
 *
 * A macro that should be defined by the user prior to including
 * futures-glib.h. Its value should be one of the predefined
 * futures-glib version constants (e.g. %FUTURES_VERSION_1_0), and it sets
 * the upper bound of the API the application may use: using an API
 * added after that version produces a warning.
 */
#ifndef FUTURES_VERSION_MAX_ALLOWED
# if FUTURES_VERSION_MIN_REQUIRED > FUTURES_VERSION_PREV_STABLE
#  define FUTURES_VERSION_MAX_ALLOWED (FUTURES_VERSION_MIN_REQUIRED)
# else
#  define FUTURES_VERSION_MAX_ALLOWED (FUTURES_VERSION_CUR_STABLE)
# endif
#endif

#if FUTURES_VERSION_MAX_ALLOWED < FUTURES_VERSION_MIN_REQUIRED
# error "FUTURES_VERSION_MAX_ALLOWED must be >= FUTURES_VERSION_MIN_REQUIRED"
#endif
#if FUTURES_VERSION_MIN_REQUIRED < FUTURES_VERSION_1_0
# error "FUTURES_VERSION_MIN_REQUIRED must be >= FUTURES_VERSION_1_0"
#endif

/**
 * FUTURES_AVAILABLE_IN_ALL:
 *
 * Marks a declaration of futures-glib as exported and available in every
 * version, whatever %FUTURES_VERSION_MAX_ALLOWED says.
 */
#define FUTURES_AVAILABLE_IN_ALL _FUTURES_EXTERN

/**
 * FUTURES_DEPRECATED_IN_1_0:
 *
 * Marks a declaration of futures-glib as deprecated since version 1.0.
 * Using it makes the compiler warn when %FUTURES_VERSION_MIN_REQUIRED is
 * %FUTURES_VERSION_1_0 or later.
 */

/**
 * FUTURES_DEPRECATED_IN_1_0_FOR:
 * @f: the name of the function that replaces the deprecated one
 *
 * Like %FUTURES_DEPRECATED_IN_1_0, with a warning that names @f as the
 * replacement.
 */
#if FUTURES_VERSION_MIN_REQUIRED >= FUTURES_VERSION_1_0
# define FUTURES_DEPRECATED_IN_1_0 FUTURES_DEPRECATED
# define FUTURES_DEPRECATED_IN_1_0_FOR(f) FUTURES_DEPRECATED_FOR(f)
#else
# define FUTURES_DEPRECATED_IN_1_0 _FUTURES_EXTERN
# define FUTURES_DEPRECATED_IN_1_0_FOR(f) _FUTURES_EXTERN
#endif

/**
 * FUTURES_AVAILABLE_IN_1_0:
 *
 * Marks a declaration of futures-glib as exported and added in version
 * 1.0. Using it makes the compiler warn when %FUTURES_VERSION_MAX_ALLOWED
 * is older than %FUTURES_VERSION_1_0.
 */
#if FUTURES_VERSION_MAX_ALLOWED < FUTURES_VERSION_1_0
# define FUTURES_AVAILABLE_IN_1_0 FUTURES_UNAVAILABLE(1, 0)
#else
# define FUTURES_AVAILABLE_IN_1_0 _FUTURES_EXTERN
#endif
