/* test-wire.c: the process-worker wire format (white-box)
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "futures-error.h"
#include "futures-wire-private.h"

static void
round_trip (const GValue *in,
            GValue       *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) v = futures_wire_value_to_variant (in, &error);

  g_assert_no_error (error);
  g_variant_ref_sink (v);
  g_assert_true (futures_wire_value_from_variant (v, out, &error));
  g_assert_no_error (error);
}

static void
test_wire_values (void)
{
  g_auto(GValue) in = G_VALUE_INIT;
  g_auto(GValue) out = G_VALUE_INIT;
  const char * const strv[] = { "a", "", "ç", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new ("\0\1\2", 3);

  g_test_summary ("Every supported GValue type survives the trip with its type and value");

#define TRIP(gtype, setter, getter, value, cmp) \
  g_value_init (&in, gtype); setter (&in, value); round_trip (&in, &out); \
  g_assert_true (G_VALUE_HOLDS (&out, gtype)); cmp (getter (&out), ==, value); \
  g_value_unset (&in); g_value_unset (&out)

  TRIP (G_TYPE_BOOLEAN, g_value_set_boolean, g_value_get_boolean, TRUE, g_assert_cmpint);
  TRIP (G_TYPE_INT, g_value_set_int, g_value_get_int, G_MININT, g_assert_cmpint);
  TRIP (G_TYPE_UINT, g_value_set_uint, g_value_get_uint, G_MAXUINT, g_assert_cmpuint);
  TRIP (G_TYPE_INT64, g_value_set_int64, g_value_get_int64, G_MININT64, g_assert_cmpint);
  TRIP (G_TYPE_UINT64, g_value_set_uint64, g_value_get_uint64, G_MAXUINT64, g_assert_cmpuint);
  TRIP (G_TYPE_DOUBLE, g_value_set_double, g_value_get_double, -1.5e300, g_assert_cmpfloat);
  TRIP (G_TYPE_UCHAR, g_value_set_uchar, g_value_get_uchar, 255, g_assert_cmpuint);
#undef TRIP

  g_value_init (&in, G_TYPE_STRING);
  g_value_set_string (&in, "héllo");
  round_trip (&in, &out);
  g_assert_cmpstr (g_value_get_string (&out), ==, "héllo");
  g_value_unset (&in);
  g_value_unset (&out);

  g_value_init (&in, G_TYPE_STRING);
  round_trip (&in, &out);
  g_assert_true (G_VALUE_HOLDS_STRING (&out));
  g_assert_null (g_value_get_string (&out));
  g_value_unset (&in);
  g_value_unset (&out);

  g_value_init (&in, G_TYPE_STRV);
  g_value_set_boxed (&in, strv);
  round_trip (&in, &out);
  g_assert_cmpstrv (g_value_get_boxed (&out), strv);
  g_value_unset (&in);
  g_value_unset (&out);

  g_value_init (&in, G_TYPE_BYTES);
  g_value_set_boxed (&in, bytes);
  round_trip (&in, &out);
  g_assert_true (g_bytes_equal (g_value_get_boxed (&out), bytes));
  g_value_unset (&in);
  g_value_unset (&out);

  /* A GVariant keeps being a GVariant, even one that looks like a plain
   * value. */
  g_value_init (&in, G_TYPE_VARIANT);
  g_value_set_variant (&in, g_variant_new_string ("not a string value"));
  round_trip (&in, &out);
  g_assert_true (G_VALUE_HOLDS_VARIANT (&out));
  g_assert_cmpstr (g_variant_get_string (g_value_get_variant (&out), NULL), ==, "not a string value");
  g_value_unset (&in);
  g_value_unset (&out);

  /* No value at all. */
  round_trip (NULL, &out);
  g_assert_false (G_IS_VALUE (&out));
}

/* Takes @in: unsets it. */
static void
assert_not_serializable (GValue     *in,
                         const char *why)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (futures_wire_value_to_variant (in, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE);
  g_assert_nonnull (strstr (error->message, why));
  g_value_unset (in);
}

static void
test_wire_not_serializable (void)
{
  GValue in = G_VALUE_INIT;

  g_test_summary ("A value without a GVariant form, or a string that is not UTF-8, is refused "
                  "with NOT_SERIALIZABLE saying why");

  g_value_init (&in, G_TYPE_OBJECT);
  assert_not_serializable (&in, "GObject");

  /* A GVariant string must be UTF-8; GLib used to be handed the bytes and
   * answer with a critical (found by fuzz-variant-value). */
  g_value_init (&in, G_TYPE_STRING);
  g_value_set_string (&in, "caf\xe9");
  assert_not_serializable (&in, "UTF-8");

  g_value_init (&in, G_TYPE_STRV);
  g_value_set_boxed (&in, (const char * const[]) { "fine", "caf\xe9", NULL });
  assert_not_serializable (&in, "UTF-8");
}

static void
test_wire_frame_round_trip (void)
{
  g_autoptr(GBytes) frame = futures_wire_encode_frame (FUTURES_WIRE_MESSAGE, 42, "kind",
                                                       g_variant_new_int32 (7));
  g_autoptr(GVariant) parsed = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  const char *text;
  gsize size, payload;
  guint64 id;
  guint8 op;

  g_test_summary ("A frame carries its operation, id, text and value; header validated");

  data = g_bytes_get_data (frame, &size);
  g_assert_cmpuint (data[0], ==, FUTURES_WIRE_VERSION);
  g_assert_true (futures_wire_parse_header (data, &payload, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (payload + FUTURES_WIRE_HEADER_SIZE, ==, size);

  parsed = futures_wire_parse_payload (data + FUTURES_WIRE_HEADER_SIZE, payload, &error);
  g_assert_no_error (error);
  g_variant_get (parsed, "(yt&sv)", &op, &id, &text, &value);
  g_assert_cmpuint (op, ==, FUTURES_WIRE_MESSAGE);
  g_assert_cmpuint (id, ==, 42);
  g_assert_cmpstr (text, ==, "kind");
  g_assert_cmpint (g_variant_get_int32 (value), ==, 7);
}

static void
test_wire_bad_headers (void)
{
  guint8 header[FUTURES_WIRE_HEADER_SIZE] = { 0 };
  g_autoptr(GError) error = NULL;
  gsize size;

  g_test_summary ("Wrong versions, non-zero reserved bytes and oversized lengths are refused");

  header[0] = 2;
  g_assert_false (futures_wire_parse_header (header, &size, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
  g_clear_error (&error);

  header[0] = FUTURES_WIRE_VERSION;
  header[2] = 1;
  g_assert_false (futures_wire_parse_header (header, &size, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
  g_clear_error (&error);

  header[2] = 0;
  header[7] = 0x10;   /* 256 MiB */
  g_assert_false (futures_wire_parse_header (header, &size, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
}

static void
test_wire_bad_payloads (void)
{
  guint8 junk[64];
  g_autoptr(GError) error = NULL;
  guint i;

  g_test_summary ("Payloads that are not a (ytsv) in normal form are refused, never crash");

  for (i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) (i * 37 + 11);
  for (i = 0; i <= sizeof junk; i++)
    {
      g_autoptr(GVariant) parsed = futures_wire_parse_payload (junk, i, &error);

      if (parsed == NULL)
        {
          g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
          g_clear_error (&error);
        }
      else
        g_assert_true (g_variant_is_normal_form (parsed));
    }
}

static void
test_wire_remote_names (void)
{
  g_autoptr(GVariant) known = NULL;
  g_autoptr(GVariant) unknown = NULL;
  g_autoptr(GError) io_error = NULL;
  g_autoptr(GError) refused = NULL;
  guint i;

  g_test_summary ("The main process interns a bounded number of new names from workers; "
                  "names that are quarks already always pass");

  /* The count is per process: start from a fresh one. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  for (i = 0; i < FUTURES_WIRE_MAX_REMOTE_NAMES; i++)
    {
      g_autofree char *name = g_strdup_printf ("remote-name-%u", i);

      g_assert_cmpuint (futures_wire_intern_remote (name), !=, 0);
    }
  g_assert_cmpuint (futures_wire_intern_remote ("remote-name-0"), ==,
                    g_quark_try_string ("remote-name-0"));
  g_assert_cmpuint (futures_wire_intern_remote ("one-too-many"), ==, 0);
  g_assert_cmpuint (g_quark_try_string ("one-too-many"), ==, 0);

  /* An error keeps a domain this process knows; a new one past the limit
   * turns into a PROTOCOL error that still says what the worker sent. */
  known = g_variant_ref_sink (g_variant_new ("(sis)", g_quark_to_string (G_IO_ERROR),
                                             G_IO_ERROR_NOT_FOUND, "gone"));
  io_error = futures_wire_error_from_variant (known);
  g_assert_error (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  unknown = g_variant_ref_sink (g_variant_new ("(sis)", "yet-another-domain", 1, "the message"));
  refused = futures_wire_error_from_variant (unknown);
  g_assert_error (refused, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (refused->message, "yet-another-domain"));
  g_assert_nonnull (strstr (refused->message, "the message"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/futures/wire/values", test_wire_values);
  g_test_add_func ("/futures/wire/not-serializable", test_wire_not_serializable);
  g_test_add_func ("/futures/wire/frame-round-trip", test_wire_frame_round_trip);
  g_test_add_func ("/futures/wire/bad-headers", test_wire_bad_headers);
  g_test_add_func ("/futures/wire/bad-payloads", test_wire_bad_payloads);
  g_test_add_func ("/futures/wire/remote-names", test_wire_remote_names);

  return g_test_run ();
}
