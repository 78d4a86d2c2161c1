/* fuzz-variant-value.c: the GVariant <-> GValue conversion, both ways
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "futures-enums.h"
#include "futures-error.h"
#include "futures-wire-private.h"

#include "fuzz-common.h"

/* The first byte of the input says what the rest is (a FuzzKind):
 *
 * - KIND_SERIALIZED: a serialized "v", that is any value of any type
 *   (the type string is part of the data), possibly not in normal form.
 *   It is converted to a GValue and back; see fuzz_check_value().
 * - any other kind: the rest makes a GValue of that kind, which is
 *   converted to a GVariant, sent through a whole frame (encoded,
 *   header and payload validated, decoded) and must come out equal, with
 *   the type the "How values cross" table of the process-workers guide
 *   promises, or be refused with NOT_SERIALIZABLE if it cannot cross. */

typedef struct
{
  const guint8 *data;
  gsize         size;
} Input;

/* Up to @n bytes of the input; what is missing reads as zero. */
static void
take (Input    *in,
      gpointer  out,
      gsize     n)
{
  gsize have = MIN (n, in->size);

  memset (out, 0, n);
  memcpy (out, in->data, have);
  in->data += have;
  in->size -= have;
}

/* Whether the next byte, 0, asks for a NULL string, array, bytes or
 * variant. */
static gboolean
take_null (Input *in)
{
  guint8 byte;

  take (in, &byte, 1);
  return byte == 0;
}

/* The rest of the input as a string, which ends at its first NUL. */
static char *
take_string (Input *in)
{
  char *s = g_strndup ((const char *) in->data, in->size);

  in->data += in->size;
  in->size = 0;
  return s;
}

/* Sets @value to a value of @kind made of the input, and @expected to
 * what the other side must get; returns whether it can cross at all. */
static gboolean
make_value (FuzzKind  kind,
            Input    *in,
            GValue   *value,
            GValue   *expected)
{
  switch (kind)
    {
#define NUMBER(ctype, gtype, setter, expected_gtype, expected_setter) \
      {                                                                 \
        ctype n;                                                        \
                                                                        \
        take (in, &n, sizeof n);                                        \
        g_value_init (value, gtype);                                    \
        setter (value, n);                                              \
        g_value_init (expected, expected_gtype);                        \
        expected_setter (expected, n);                                  \
        return TRUE;                                                    \
      }
    case KIND_UNSET:
      return TRUE;
    case KIND_BOOLEAN:
      NUMBER (gboolean, G_TYPE_BOOLEAN, g_value_set_boolean, G_TYPE_BOOLEAN, g_value_set_boolean);
    case KIND_CHAR:
      NUMBER (gint8, G_TYPE_CHAR, g_value_set_schar, G_TYPE_INT, g_value_set_int);
    case KIND_UCHAR:
      NUMBER (guint8, G_TYPE_UCHAR, g_value_set_uchar, G_TYPE_UCHAR, g_value_set_uchar);
    case KIND_INT:
      NUMBER (gint32, G_TYPE_INT, g_value_set_int, G_TYPE_INT, g_value_set_int);
    case KIND_UINT:
      NUMBER (guint32, G_TYPE_UINT, g_value_set_uint, G_TYPE_UINT, g_value_set_uint);
    case KIND_LONG:
      NUMBER (glong, G_TYPE_LONG, g_value_set_long, G_TYPE_INT64, g_value_set_int64);
    case KIND_ULONG:
      NUMBER (gulong, G_TYPE_ULONG, g_value_set_ulong, G_TYPE_UINT64, g_value_set_uint64);
    case KIND_INT64:
      NUMBER (gint64, G_TYPE_INT64, g_value_set_int64, G_TYPE_INT64, g_value_set_int64);
    case KIND_UINT64:
      NUMBER (guint64, G_TYPE_UINT64, g_value_set_uint64, G_TYPE_UINT64, g_value_set_uint64);
    case KIND_FLOAT:
      NUMBER (float, G_TYPE_FLOAT, g_value_set_float, G_TYPE_DOUBLE, g_value_set_double);
    case KIND_DOUBLE:
      NUMBER (double, G_TYPE_DOUBLE, g_value_set_double, G_TYPE_DOUBLE, g_value_set_double);
    case KIND_ENUM:
      NUMBER (gint32, FUTURES_TYPE_ERROR, g_value_set_enum, G_TYPE_INT, g_value_set_int);
    case KIND_FLAGS:
      NUMBER (guint32, G_TYPE_BINDING_FLAGS, g_value_set_flags, G_TYPE_UINT, g_value_set_uint);
#undef NUMBER
    case KIND_STRING:
      {
        g_autofree char *s = NULL;

        /* A first byte of 0 makes the NULL string. */
        if (!take_null (in))
          s = take_string (in);
        g_value_init (value, G_TYPE_STRING);
        g_value_set_string (value, s);
        g_value_init (expected, G_TYPE_STRING);
        g_value_set_string (expected, s);
        return s == NULL || g_utf8_validate (s, -1, NULL);
      }
    case KIND_STRV:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) strv = NULL;
        gboolean valid = TRUE;

        /* NUL-separated strings; a first byte of 0 makes a NULL array. */
        if (!take_null (in))
          {
            while (in->size > 0)
              {
                g_autofree char *s = g_strndup ((const char *) in->data, in->size);
                gsize len = strlen (s);

                valid = valid && g_utf8_validate (s, -1, NULL);
                g_strv_builder_add (builder, s);
                in->data += MIN (len + 1, in->size);
                in->size -= MIN (len + 1, in->size);
              }
            strv = g_strv_builder_end (builder);
          }
        g_value_init (value, G_TYPE_STRV);
        g_value_set_boxed (value, strv);
        g_value_init (expected, G_TYPE_STRV);
        g_value_set_boxed (expected, strv);
        return valid;
      }
    case KIND_BYTES:
      {
        g_autoptr(GBytes) bytes = NULL;

        if (!take_null (in))
          bytes = g_bytes_new (in->data, in->size);
        g_value_init (value, G_TYPE_BYTES);
        g_value_set_boxed (value, bytes);
        g_value_init (expected, G_TYPE_BYTES);
        g_value_set_boxed (expected, bytes);
        return TRUE;
      }
    case KIND_VARIANT:
      {
        g_autoptr(GVariant) outer = NULL;
        g_autoptr(GVariant) inner = NULL;

        /* Any value of any type, from the rest of the input; a first
         * byte of 0 makes the NULL variant, which crosses as no value. */
        g_value_init (value, G_TYPE_VARIANT);
        if (take_null (in))
          return TRUE;
        outer = fuzz_variant_from_data (G_VARIANT_TYPE_VARIANT, in->data, in->size);
        inner = g_variant_get_variant (outer);
        g_value_set_variant (value, inner);
        g_value_init (expected, G_TYPE_VARIANT);
        g_value_take_variant (expected, g_variant_get_normal_form (inner));
        return TRUE;
      }
    case KIND_OBJECT:
      g_value_init (value, G_TYPE_OBJECT);
      return FALSE;
    case KIND_SERIALIZED:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* GValue -> GVariant -> frame bytes -> GVariant -> GValue. */
static void
check_crossing (FuzzKind  kind,
                Input    *in)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) expected = G_VALUE_INIT;
  g_auto(GValue) received = G_VALUE_INIT;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) frame = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean can_cross;
  const guint8 *data;
  gsize size, payload_size;

  can_cross = make_value (kind, in, &value, &expected);

  variant = futures_wire_value_to_variant (&value, &error);
  if (!can_cross)
    {
      g_assert_null (variant);
      g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (variant);
  g_variant_ref_sink (variant);

  bytes = futures_wire_encode_frame (FUTURES_WIRE_RETURNED, 1, "", variant);
  data = g_bytes_get_data (bytes, &size);
  g_assert_true (futures_wire_parse_header (data, &payload_size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (payload_size, ==, size - FUTURES_WIRE_HEADER_SIZE);

  frame = futures_wire_parse_payload (data + FUTURES_WIRE_HEADER_SIZE, payload_size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frame);
  fuzz_check_frame (frame, data + FUTURES_WIRE_HEADER_SIZE, payload_size);

  g_variant_get (frame, "(yt&sv)", NULL, NULL, NULL, &payload);
  g_assert_true (futures_wire_value_from_variant (payload, &received, &error));
  g_assert_no_error (error);
  g_assert_true (fuzz_values_equal (&received, &expected));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  Input in = { data, size };
  guint8 kind;

  fuzz_init ();
  if (size == 0)
    return 0;

  take (&in, &kind, 1);
  kind %= N_KINDS;
  if (kind == KIND_SERIALIZED)
    {
      g_autoptr(GVariant) outer = fuzz_variant_from_data (G_VARIANT_TYPE_VARIANT, in.data, in.size);
      g_autoptr(GVariant) inner = g_variant_get_variant (outer);

      fuzz_check_value (inner);
    }
  else
    check_crossing (kind, &in);

  return 0;
}
