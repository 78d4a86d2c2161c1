/* gen-corpus.c: writes the seed corpus of the fuzz targets
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "futures-enums.h"
#include "futures-error.h"
#include "futures-wire-private.h"

#include "fuzz-common.h"

/* usage: fuzz-gen-corpus DIRECTORY
 *
 * Writes DIRECTORY/fuzz-frame/, fuzz-payload/ and fuzz-variant-value/:
 * valid frames for every operation and value type, made with the
 * library's own encoder, and the edge cases the decoder must refuse.
 * The output is the same on every run, so that
 *
 *   _build/tests/fuzzing/fuzz-gen-corpus tests/fuzzing/corpus
 *
 * leaves a clean checkout unchanged unless this program changed. Inputs
 * that a fuzzer found are kept beside the seeds by hand and never written
 * here: crash-* (and leak-*, timeout-*) for the bugs it found, found-*
 * for inputs that reach code no seed reaches (libFuzzer's -merge=1 of a
 * long run's corpus into the seeds). */

static const char *out_dir;

static void
write_seed (const char   *target,
            const char   *name,
            const guint8 *data,
            gsize         size)
{
  g_autofree char *dir = g_build_filename (out_dir, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    g_error ("cannot create %s: %s", dir, g_strerror (errno));
  if (!g_file_set_contents (path, (const char *) data, size, &error))
    g_error ("%s", error->message);
}

/* Takes @stream: a stream of frames (or not quite) for fuzz-frame. */
static void
write_stream (const char *name,
              GBytes     *stream)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (stream, &size);

  write_seed ("fuzz-frame", name, data, size);
  g_bytes_unref (stream);
}

/* Takes @frame: for fuzz-frame, and its payload alone for fuzz-payload. */
static void
write_frame (const char *name,
             GBytes     *frame)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (frame, &size);

  g_assert_cmpuint (size, >=, FUTURES_WIRE_HEADER_SIZE);
  write_seed ("fuzz-payload", name, data + FUTURES_WIRE_HEADER_SIZE,
              size - FUTURES_WIRE_HEADER_SIZE);
  write_stream (name, frame);
}

static GBytes *
encode (guint8      op,
        guint64     id,
        const char *text,
        GVariant   *value)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;

  return futures_wire_encode_frame (op, id, text, sunk);
}

/* What a task's GValue becomes on the wire. */
static GVariant *
wire_value (const GValue *value)
{
  g_autoptr(GError) error = NULL;
  GVariant *variant = futures_wire_value_to_variant (value, &error);

  g_assert_no_error (error);
  return variant;
}

/* A copy of @frame with its byte at @offset (from the start of the
 * payload) replaced. */
static GBytes *
patch (GBytes *frame,
       gsize   offset,
       guint8  byte)
{
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (frame), &size);

  g_assert_cmpuint (FUTURES_WIRE_HEADER_SIZE + offset, <, size);
  data[FUTURES_WIRE_HEADER_SIZE + offset] = byte;
  return g_bytes_new_take (data, size);
}

/* The offset in @frame's payload of the first @needle. */
static gsize
find (GBytes     *frame,
      const char *needle,
      gsize       needle_size)
{
  gsize size, at;
  const guint8 *data = g_bytes_get_data (frame, &size);

  for (at = FUTURES_WIRE_HEADER_SIZE; at + needle_size <= size; at++)
    if (memcmp (data + at, needle, needle_size) == 0)
      return at - FUTURES_WIRE_HEADER_SIZE;
  g_assert_not_reached ();
}

static GBytes *
concat (GBytes *a,
        GBytes *b)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();

  g_byte_array_append (array, g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_byte_array_append (array, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}

static GBytes *
header_only (guint8  version,
             guint8  reserved,
             guint32 length)
{
  guint8 header[FUTURES_WIRE_HEADER_SIZE] = { version, 0, reserved, 0 };
  guint32 le = GUINT32_TO_LE (length);

  memcpy (header + 4, &le, sizeof le);
  return g_bytes_new (header, sizeof header);
}

/* A value nested @depth times in a variant. */
static GVariant *
nested_variants (guint depth)
{
  GVariant *v = g_variant_new_int32 (depth);

  while (depth-- > 0)
    v = g_variant_new_variant (v);
  return v;
}

/* An empty array of arrays of … of int, @depth arrays deep. */
static GVariant *
nested_arrays (guint depth)
{
  g_autofree char *element = g_strnfill (depth, 'a');

  /* The array itself is the outermost 'a'. */
  element[depth - 1] = 'i';
  return g_variant_new_array (G_VARIANT_TYPE (element), NULL, 0);
}

static void
frames (void)
{
  GValue value = G_VALUE_INIT;
  const char * const strv[] = { "one", "", "çà", NULL };
  g_autoptr(GBytes) hello = NULL;
  g_autoptr(GBytes) started = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) returned = NULL;
  g_autoptr(GBytes) boolean = NULL;
  g_autoptr(GBytes) opening = NULL;
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(GBytes) header = NULL;
  gsize at;

  /* Main process -> worker, as the pool writes them. */
  write_frame ("run", encode (FUTURES_WIRE_RUN, 1, "square",
                              g_variant_new_maybe (G_VARIANT_TYPE_VARIANT,
                                                   g_variant_new_variant (g_variant_new ("(i)", 7)))));
  write_frame ("run-no-arguments", encode (FUTURES_WIRE_RUN, 2, "no-arguments",
                                           g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL)));
  write_frame ("cancel", encode (FUTURES_WIRE_CANCEL, 3, "", NULL));
  write_frame ("quit", encode (FUTURES_WIRE_QUIT, 0, "", NULL));

  /* Worker -> main process. */
  hello = encode (FUTURES_WIRE_HELLO, 0, "", g_variant_new_uint32 (4242));
  write_frame ("hello", g_bytes_ref (hello));
  started = encode (FUTURES_WIRE_STARTED, 1, "", NULL);
  write_frame ("started", g_bytes_ref (started));
  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 49);
  message = encode (FUTURES_WIRE_MESSAGE, 1, "item", wire_value (&value));
  write_frame ("message-item", g_bytes_ref (message));
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_VARIANT);
  g_value_set_variant (&value, g_variant_new ("(dms)", 0.5, "half way"));
  write_frame ("message-progress", encode (FUTURES_WIRE_MESSAGE, 1, "progress", wire_value (&value)));
  g_value_unset (&value);
  write_frame ("raised", encode (FUTURES_WIRE_RAISED, 1, "",
                                 futures_wire_error_to_variant (&(GError) {
                                   G_IO_ERROR, G_IO_ERROR_NOT_FOUND, (char *) "No such file" })));
  write_frame ("abandoned", encode (FUTURES_WIRE_ABANDONED, 1, "", NULL));
  write_frame ("unknown-operation", encode (99, 1, "", NULL));

  /* RETURNED with every value type of the "How values cross" table. */
#define RETURNED(name, gtype, setter, v)                                            \
  g_value_init (&value, gtype);                                                     \
  setter (&value, v);                                                               \
  write_frame ("returned-" name, encode (FUTURES_WIRE_RETURNED, 1, "", wire_value (&value))); \
  g_value_unset (&value)

  RETURNED ("boolean", G_TYPE_BOOLEAN, g_value_set_boolean, TRUE);
  RETURNED ("char", G_TYPE_CHAR, g_value_set_schar, -5);
  RETURNED ("uchar", G_TYPE_UCHAR, g_value_set_uchar, 200);
  RETURNED ("int", G_TYPE_INT, g_value_set_int, G_MININT);
  RETURNED ("uint", G_TYPE_UINT, g_value_set_uint, G_MAXUINT);
  RETURNED ("long", G_TYPE_LONG, g_value_set_long, -1);
  RETURNED ("ulong", G_TYPE_ULONG, g_value_set_ulong, G_MAXULONG);
  RETURNED ("int64", G_TYPE_INT64, g_value_set_int64, G_MININT64);
  RETURNED ("uint64", G_TYPE_UINT64, g_value_set_uint64, G_MAXUINT64);
  RETURNED ("float", G_TYPE_FLOAT, g_value_set_float, 1.25f);
  RETURNED ("double", G_TYPE_DOUBLE, g_value_set_double, -1.5e300);
  RETURNED ("enum", FUTURES_TYPE_ERROR, g_value_set_enum, FUTURES_ERROR_PROTOCOL);
  RETURNED ("flags", G_TYPE_BINDING_FLAGS, g_value_set_flags, G_BINDING_BIDIRECTIONAL);
  RETURNED ("string", G_TYPE_STRING, g_value_set_string, "héllo");
  RETURNED ("string-null", G_TYPE_STRING, g_value_set_string, NULL);
  RETURNED ("strv", G_TYPE_STRV, g_value_set_boxed, strv);
  RETURNED ("strv-null", G_TYPE_STRV, g_value_set_boxed, NULL);
  RETURNED ("bytes", G_TYPE_BYTES, g_value_take_boxed, g_bytes_new ("\0\1\2\3", 4));
  RETURNED ("bytes-null", G_TYPE_BYTES, g_value_set_boxed, NULL);
  RETURNED ("variant", G_TYPE_VARIANT, g_value_set_variant,
            g_variant_new_parsed ("{'a': <[1, 2]>, 'b': <('x', @mi nothing)>}"));
  RETURNED ("variant-null", G_TYPE_VARIANT, g_value_set_variant, NULL);
#undef RETURNED
  returned = encode (FUTURES_WIRE_RETURNED, 1, "", NULL);
  write_frame ("returned-none", g_bytes_ref (returned));

  /* A value of a type that has no GValue form, and a RAISED whose error
   * is not a (sis). */
  write_frame ("returned-unsupported-type",
               encode (FUTURES_WIRE_RETURNED, 1, "", g_variant_new_parsed ("{'a': 1}")));
  write_frame ("raised-malformed",
               encode (FUTURES_WIRE_RAISED, 1, "", g_variant_new ("(si)", "domain", 1)));

  /* Several frames in one stream, as a worker writes them. */
  opening = concat (hello, started);
  stream = concat (opening, message);
  write_stream ("conversation", concat (stream, returned));

  /* Deep nesting: past GLib's limit of 128 levels, and just under it. */
  write_frame ("nested-variants-200", encode (FUTURES_WIRE_MESSAGE, 1, "deep", nested_variants (200)));
  write_frame ("nested-variants-120", encode (FUTURES_WIRE_MESSAGE, 1, "deep", nested_variants (120)));
  write_frame ("nested-arrays-100", encode (FUTURES_WIRE_MESSAGE, 1, "deep", nested_arrays (100)));

  /* Headers: none, cut short, announcing nothing, the largest payload
   * allowed (which never comes), one byte more, another version,
   * reserved bytes that are not zero. */
  write_stream ("empty", g_bytes_new (NULL, 0));
  write_stream ("truncated-header", g_bytes_new_from_bytes (hello, 0, 5));
  write_stream ("length-0", header_only (FUTURES_WIRE_VERSION, 0, 0));
  header = header_only (FUTURES_WIRE_VERSION, 0, FUTURES_WIRE_MAX_PAYLOAD);
  write_stream ("length-max-truncated", concat (header, started));
  write_stream ("length-max-plus-1", header_only (FUTURES_WIRE_VERSION, 0, FUTURES_WIRE_MAX_PAYLOAD + 1));
  write_stream ("version-2", header_only (2, 0, 0));
  write_stream ("reserved-not-zero", header_only (FUTURES_WIRE_VERSION, 1, 0));

  /* A payload shorter than its header says, and a good frame followed by
   * a bad one. */
  write_stream ("truncated-payload", g_bytes_new_from_bytes (message, 0, g_bytes_get_size (message) - 3));
  g_clear_pointer (&header, g_bytes_unref);
  header = header_only (FUTURES_WIRE_VERSION, 7, 12);
  write_stream ("good-then-bad", concat (hello, header));

  /* Payloads not in normal form: padding that is not zero (after the
   * operation byte), a boolean that is neither 0 nor 1, a bad type string
   * in the variant, a string that is not UTF-8, a framing offset that
   * points outside the payload. */
  write_frame ("not-normal-padding", patch (started, 1, 0xaa));
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, TRUE);
  boolean = encode (FUTURES_WIRE_RETURNED, 1, "", wire_value (&value));
  g_value_unset (&value);
  at = find (boolean, "\1\0b", 3);
  write_frame ("not-normal-boolean", patch (boolean, at, 2));
  write_frame ("wrong-type-string", patch (boolean, at + 2, 'z'));
  at = find (message, "item", 4);
  write_frame ("not-utf8-text", patch (message, at + 1, 0xff));
  write_frame ("bad-framing-offset",
               patch (message, g_bytes_get_size (message) - FUTURES_WIRE_HEADER_SIZE - 1, 0xf0));
}

static void
write_kind (const char   *name,
            guint8        kind,
            const void   *data,
            gsize         size)
{
  g_autofree guint8 *input = g_malloc (size + 1);

  input[0] = kind;
  memcpy (input + 1, data, size);
  write_seed ("fuzz-variant-value", name, input, size + 1);
}

/* A serialized "v": the value, a zero byte, its type string. */
static void
write_serialized (const char *name,
                  GVariant   *value)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_variant (value));
  g_autoptr(GVariant) normal = g_variant_get_normal_form (v);
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (normal);
  g_autofree char *full = g_strconcat ("serialized-", name, NULL);

  write_kind (full, KIND_SERIALIZED, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
values (void)
{
  const gint32 i32 = -12345;
  const guint32 u32 = 0xdeadbeef;
  const gint64 i64 = G_MININT64;
  const guint64 u64 = G_MAXUINT64;
  const float f = -0.0f;
  const double d = 6.02214076e23;
  static const char strv[] = "one\0\0çà";
  static const char not_utf8[] = "\x01\xff\xfe";

  /* GValue -> wire -> GValue, one per kind. */
  write_kind ("unset", KIND_UNSET, NULL, 0);
  write_kind ("boolean", KIND_BOOLEAN, "\1", 1);
  write_kind ("char", KIND_CHAR, "\x80", 1);
  write_kind ("uchar", KIND_UCHAR, "\xff", 1);
  write_kind ("int", KIND_INT, &i32, sizeof i32);
  write_kind ("uint", KIND_UINT, &u32, sizeof u32);
  write_kind ("long", KIND_LONG, &i64, sizeof i64);
  write_kind ("ulong", KIND_ULONG, &u64, sizeof u64);
  write_kind ("int64", KIND_INT64, &i64, sizeof i64);
  write_kind ("uint64", KIND_UINT64, &u64, sizeof u64);
  write_kind ("float", KIND_FLOAT, &f, sizeof f);
  write_kind ("double", KIND_DOUBLE, &d, sizeof d);
  write_kind ("enum", KIND_ENUM, &i32, sizeof i32);
  write_kind ("flags", KIND_FLAGS, &u32, sizeof u32);
  write_kind ("string", KIND_STRING, "\1héllo", strlen ("\1héllo"));
  write_kind ("string-null", KIND_STRING, "\0", 1);
  write_kind ("string-not-utf8", KIND_STRING, not_utf8, sizeof not_utf8 - 1);
  write_kind ("strv", KIND_STRV, "\1one\0\0çà", 1 + sizeof strv - 1);
  write_kind ("strv-null", KIND_STRV, "\0", 1);
  write_kind ("strv-not-utf8", KIND_STRV, "\1ok\0\xff", 5);
  write_kind ("bytes", KIND_BYTES, "\1\0\1\2", 4);
  write_kind ("bytes-null", KIND_BYTES, "\0", 1);
  write_kind ("variant-null", KIND_VARIANT, "\0", 1);
  write_kind ("object", KIND_OBJECT, NULL, 0);

  /* GVariant -> GValue -> GVariant: every type with a GValue form, some
   * without, and nesting. */
  write_serialized ("boolean", g_variant_new_boolean (TRUE));
  write_serialized ("byte", g_variant_new_byte (7));
  write_serialized ("int32", g_variant_new_int32 (-7));
  write_serialized ("uint32", g_variant_new_uint32 (7));
  write_serialized ("int64", g_variant_new_int64 (-7));
  write_serialized ("uint64", g_variant_new_uint64 (7));
  write_serialized ("double", g_variant_new_double (0.1));
  write_serialized ("maybe-string", g_variant_new_parsed ("@ms 'x'"));
  write_serialized ("maybe-string-nothing", g_variant_new_parsed ("@ms nothing"));
  write_serialized ("strv", g_variant_new_parsed ("['a', '', 'b']"));
  write_serialized ("bytestring", g_variant_new_parsed ("b'bytes'"));
  write_serialized ("variant", g_variant_new_parsed ("<(1, 'two')>"));
  write_serialized ("unit", g_variant_new_tuple (NULL, 0));
  write_serialized ("error", g_variant_new ("(sis)", "g-io-error-quark", 1, "message"));
  write_serialized ("arguments", g_variant_new_parsed ("@mv <(1, 2)>"));
  write_serialized ("string", g_variant_new_string ("no GValue form"));
  write_serialized ("dict", g_variant_new_parsed ("{'a': <1>}"));
  write_serialized ("nested-variants-120", nested_variants (120));
  write_serialized ("nested-variants-200", nested_variants (200));
  write_serialized ("nested-arrays-100", nested_arrays (100));

  /* Kinds that carry a serialized value: a GVariant in a GValue. */
  {
    g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_variant (
      g_variant_new_parsed ("[<1>, <'x'>]")));
    g_autoptr(GVariant) normal = g_variant_get_normal_form (v);
    g_autoptr(GByteArray) input = g_byte_array_new ();

    g_byte_array_append (input, (const guint8 *) "\1", 1);
    g_byte_array_append (input, g_variant_get_data (normal), g_variant_get_size (normal));
    write_kind ("variant", KIND_VARIANT, input->data, input->len);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DIRECTORY\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];

  frames ();
  values ();
  return 0;
}
