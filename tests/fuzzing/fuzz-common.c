/* fuzz-common.c: checks the fuzz targets share
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "futures-error.h"
#include "futures-wire-private.h"

#include "fuzz-common.h"

/* As much zeroed slack as futures_wire_parse_payload() gives its copy. */
#define FUZZ_SLACK 64

/* Nothing a peer sends may make the library complain: a critical or a
 * warning is a finding, so it aborts like a crash does. (Making them
 * fatal with g_log_set_always_fatal() is not enough: GLib then stops
 * with SIGTRAP, which libFuzzer does not catch, so it would neither
 * report nor save the input.) */
static GLogWriterOutput
fatal_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (fatal_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* An untrusted variant over a copy of @data. The copy has zeroed slack
 * for the same reason as in futures_wire_parse_payload(): GLib 2.74 can
 * read a little past a short, malformed serialisation, and that is
 * GLib's bug, not one of ours. */
GVariant *
fuzz_variant_from_data (const GVariantType *type,
                        const guint8       *data,
                        gsize               size)
{
  guint8 *copy = g_malloc0 (size + FUZZ_SLACK);
  g_autoptr(GBytes) bytes = NULL;

  memcpy (copy, data, size);
  bytes = g_bytes_new_take (copy, size);
  return g_variant_ref_sink (g_variant_new_from_bytes (type, bytes, FALSE));
}

gboolean
fuzz_values_equal (const GValue *a,
                   const GValue *b)
{
  GType type;

  if (!G_IS_VALUE (a) || !G_IS_VALUE (b))
    return !G_IS_VALUE (a) && !G_IS_VALUE (b);

  type = G_VALUE_TYPE (a);
  if (type != G_VALUE_TYPE (b))
    return FALSE;

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_value_get_boolean (a) == g_value_get_boolean (b);
    case G_TYPE_UCHAR:
      return g_value_get_uchar (a) == g_value_get_uchar (b);
    case G_TYPE_INT:
      return g_value_get_int (a) == g_value_get_int (b);
    case G_TYPE_UINT:
      return g_value_get_uint (a) == g_value_get_uint (b);
    case G_TYPE_INT64:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_UINT64:
      return g_value_get_uint64 (a) == g_value_get_uint64 (b);
    case G_TYPE_DOUBLE:
      {
        /* Bit for bit: a NaN must cross as the same NaN. */
        double x = g_value_get_double (a), y = g_value_get_double (b);

        return memcmp (&x, &y, sizeof x) == 0;
      }
    case G_TYPE_STRING:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    case G_TYPE_VARIANT:
      {
        GVariant *x = g_value_get_variant (a), *y = g_value_get_variant (b);

        if (x == NULL || y == NULL)
          return x == y;
        return g_variant_equal (x, y);
      }
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        {
          const char * const empty[] = { NULL };
          const char * const *x = g_value_get_boxed (a), * const *y = g_value_get_boxed (b);

          return g_strv_equal (x != NULL ? x : empty, y != NULL ? y : empty);
        }
      if (type == G_TYPE_BYTES)
        {
          g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
          GBytes *x = g_value_get_boxed (a), *y = g_value_get_boxed (b);

          return g_bytes_equal (x != NULL ? x : empty, y != NULL ? y : empty);
        }
      G_GNUC_FALLTHROUGH;
    default:
      g_assert_not_reached ();
    }
}

/* What a frame's value turns into must turn back into the same value:
 * GVariant -> GValue -> GVariant gives the normal form of what came in,
 * and the GValue survives a second trip unchanged. */
static void
check_value (GVariant *variant)
{
  g_autoptr(GVariant) normal = g_variant_get_normal_form (variant);
  g_autoptr(GVariant) back = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) again = G_VALUE_INIT;

  if (!futures_wire_value_from_variant (variant, &value, &error))
    {
      g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
      g_assert_false (G_IS_VALUE (&value));
      return;
    }
  g_assert_no_error (error);

  back = futures_wire_value_to_variant (&value, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_variant_ref_sink (back);
  g_assert_true (g_variant_equal (back, normal));

  g_assert_true (futures_wire_value_from_variant (back, &again, &error));
  g_assert_no_error (error);
  g_assert_true (fuzz_values_equal (&value, &again));
}

/* A worker's error, read as the main process reads it: the fields come
 * through unchanged and go back out as they came. */
static void
check_error (GVariant *variant)
{
  g_autoptr(GError) error = futures_wire_error_from_variant (variant);
  g_autoptr(GVariant) back = NULL;
  g_autoptr(GVariant) normal = NULL;
  const char *domain;

  g_assert_nonnull (error);
  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE ("(sis)")))
    {
      g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
      return;
    }

  /* A domain that did not become a quark was refused: the fuzzer sends
   * more new names than futures_wire_intern_remote() takes. */
  g_variant_get_child (variant, 0, "&s", &domain);
  if (g_quark_try_string (domain) == 0)
    {
      g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
      return;
    }

  normal = g_variant_get_normal_form (variant);
  back = g_variant_ref_sink (futures_wire_error_to_variant (error));
  g_assert_true (g_variant_equal (back, normal));
}

/* Arguments of a RUN, read as the worker reads them. */
static void
check_arguments (GVariant *args)
{
  g_autoptr(GVariant) maybe = NULL;
  g_autoptr(GVariant) inner = NULL;

  if (!g_variant_is_of_type (args, G_VARIANT_TYPE ("mv")))
    return;
  maybe = g_variant_get_maybe (args);
  if (maybe != NULL)
    inner = g_variant_get_variant (maybe);
}

/* Every decoder either side has for the value of a frame. */
void
fuzz_check_value (GVariant *value)
{
  check_value (value);
  check_error (value);
  check_arguments (value);
}

/* Everything a peer can do with a frame that passed validation. @payload
 * and @size are the bytes it was read from. */
void
fuzz_check_frame (GVariant     *frame,
                  const guint8 *payload,
                  gsize         size)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GBytes) encoded = NULL;
  const guint8 *data;
  gsize encoded_size;
  const char *text;
  guint64 id;
  guint8 op;

  g_assert_true (g_variant_is_of_type (frame, G_VARIANT_TYPE (FUTURES_WIRE_TYPE)));
  g_assert_true (g_variant_is_normal_form (frame));

  g_variant_get (frame, "(yt&sv)", &op, &id, &text, &value);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  /* A normal form is the one serialization of its value: encoding what
   * was read gives back the very same bytes. */
  encoded = futures_wire_encode_frame (op, id, text, value);
  data = g_bytes_get_data (encoded, &encoded_size);
  g_assert_cmpmem (data + FUTURES_WIRE_HEADER_SIZE, encoded_size - FUTURES_WIRE_HEADER_SIZE,
                   payload, size);

  /* Whatever the operation, so that every kind of value meets every
   * decoder the two sides have. */
  fuzz_check_value (value);
}
