/* futures-wire.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "futures-error.h"
#include "futures-i18n-private.h"
#include "futures-wire-private.h"

#define FUTURES_WIRE_READ_SLACK 64

/* Values travel as a variant whose own type says what GValue to make on the
 * other side. A GValue that holds a GVariant travels as a variant of type
 * "v" (wrapped once more), so it can never be mistaken for a plain value;
 * no value at all travels as the unit "()". */

/* A GVariant string must be UTF-8: GLib refuses anything else with a
 * critical and a NULL variant, which would send a NULL string in its
 * place, or crash for a string array. A GValue string may hold any bytes,
 * so it is checked here and refused like any other value that cannot
 * cross (found by fuzzing, tests/fuzzing/fuzz-variant-value.c). */
static gboolean
check_utf8 (const char  *s,
            GError     **error)
{
  if (g_utf8_validate (s, -1, NULL))
    return TRUE;
  g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE,
                       _("A string that is not valid UTF-8 cannot be sent to another process"));
  return FALSE;
}

GVariant *
futures_wire_value_to_variant (const GValue  *value,
                               GError       **error)
{
  GType type;

  if (value == NULL || !G_IS_VALUE (value))
    return g_variant_new_tuple (NULL, 0);

  type = G_VALUE_TYPE (value);

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_variant_new_boolean (g_value_get_boolean (value));
    case G_TYPE_CHAR:
      return g_variant_new_int32 (g_value_get_schar (value));
    case G_TYPE_UCHAR:
      return g_variant_new_byte (g_value_get_uchar (value));
    case G_TYPE_INT:
      return g_variant_new_int32 (g_value_get_int (value));
    case G_TYPE_UINT:
      return g_variant_new_uint32 (g_value_get_uint (value));
    case G_TYPE_LONG:
      return g_variant_new_int64 (g_value_get_long (value));
    case G_TYPE_ULONG:
      return g_variant_new_uint64 (g_value_get_ulong (value));
    case G_TYPE_INT64:
      return g_variant_new_int64 (g_value_get_int64 (value));
    case G_TYPE_UINT64:
      return g_variant_new_uint64 (g_value_get_uint64 (value));
    case G_TYPE_FLOAT:
      return g_variant_new_double (g_value_get_float (value));
    case G_TYPE_DOUBLE:
      return g_variant_new_double (g_value_get_double (value));
    case G_TYPE_ENUM:
      return g_variant_new_int32 (g_value_get_enum (value));
    case G_TYPE_FLAGS:
      return g_variant_new_uint32 (g_value_get_flags (value));
    case G_TYPE_STRING:
      {
        const char *s = g_value_get_string (value);

        if (s != NULL && !check_utf8 (s, error))
          return NULL;
        return g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                    s != NULL ? g_variant_new_string (s) : NULL);
      }
    case G_TYPE_VARIANT:
      {
        GVariant *v = g_value_get_variant (value);

        if (v == NULL)
          return g_variant_new_tuple (NULL, 0);
        return g_variant_new_variant (v);
      }
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (value);
          gsize i;

          for (i = 0; strv != NULL && strv[i] != NULL; i++)
            if (!check_utf8 (strv[i], error))
              return NULL;
          return g_variant_new_strv (strv, strv != NULL ? -1 : 0);
        }
      if (type == G_TYPE_BYTES)
        {
          GBytes *bytes = g_value_get_boxed (value);
          gsize size = 0;
          gconstpointer data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

          return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, size, 1);
        }
      G_GNUC_FALLTHROUGH;
    default:
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE,
                   _("A value of type %s cannot be sent to another process"),
                   g_type_name (type));
      return NULL;
    }
}

gboolean
futures_wire_value_from_variant (GVariant  *variant,
                                 GValue    *value,
                                 GError   **error)
{
  const GVariantType *type = g_variant_get_type (variant);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_UNIT))
    return TRUE;  /* no value: leave @value unset */

  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, g_variant_get_boolean (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTE))
    {
      g_value_init (value, G_TYPE_UCHAR);
      g_value_set_uchar (value, g_variant_get_byte (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    {
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, g_variant_get_int32 (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    {
      g_value_init (value, G_TYPE_UINT);
      g_value_set_uint (value, g_variant_get_uint32 (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    {
      g_value_init (value, G_TYPE_INT64);
      g_value_set_int64 (value, g_variant_get_int64 (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT64))
    {
      g_value_init (value, G_TYPE_UINT64);
      g_value_set_uint64 (value, g_variant_get_uint64 (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, g_variant_get_double (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE ("ms")))
    {
      g_autoptr(GVariant) s = g_variant_get_maybe (variant);

      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, s != NULL ? g_variant_get_string (s, NULL) : NULL);
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_value_init (value, G_TYPE_STRV);
      g_value_take_boxed (value, g_variant_dup_strv (variant, NULL));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTESTRING))
    {
      g_value_init (value, G_TYPE_BYTES);
      g_value_take_boxed (value, g_variant_get_data_as_bytes (variant));
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_VARIANT))
    {
      g_value_init (value, G_TYPE_VARIANT);
      g_value_take_variant (value, g_variant_get_variant (variant));
    }
  else
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                   _("A value of variant type “%s” has no GValue form"),
                   g_variant_get_type_string (variant));
      return FALSE;
    }

  return TRUE;
}

static int remote_names;

/* A name from a worker as a quark. Quarks are never freed, so a broken or
 * hostile worker that sent ever new error domains or message kinds would
 * make the main process grow for as long as it runs (found by
 * fuzz-payload: LeakSanitizer reported the arrays GLib drops each time
 * its quark table grows). A name that is a quark already costs nothing;
 * new ones are interned up to FUTURES_WIRE_MAX_REMOTE_NAMES per process,
 * far more than a real program uses, and past that refused: returns 0. */
GQuark
futures_wire_intern_remote (const char *name)
{
  GQuark quark = g_quark_try_string (name);

  if (quark != 0)
    return quark;
  if (g_atomic_int_get (&remote_names) >= FUTURES_WIRE_MAX_REMOTE_NAMES)
    return 0;
  g_atomic_int_inc (&remote_names);
  return g_quark_from_string (name);
}

/* Errors cross as (domain name, code, message): quarks are per process. */
GVariant *
futures_wire_error_to_variant (const GError *error)
{
  return g_variant_new ("(sis)", g_quark_to_string (error->domain), error->code,
                        error->message != NULL ? error->message : "");
}

GError *
futures_wire_error_from_variant (GVariant *variant)
{
  const char *domain, *message;
  gint32 code;
  GQuark quark;

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE ("(sis)")))
    return g_error_new_literal (FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                                _("The worker reported a malformed error"));

  g_variant_get (variant, "(&si&s)", &domain, &code, &message);
  quark = futures_wire_intern_remote (domain);
  if (quark == 0)
    return g_error_new (FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                        _("The worker reported an error in domain “%s”, after too many other "
                          "new domains: %s"), domain, message);
  return g_error_new_literal (quark, code, message);
}

GBytes *
futures_wire_encode_frame (guint8      op,
                           guint64     id,
                           const char *text,
                           GVariant   *value)
{
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GVariant) normal = NULL;
  g_autoptr(GVariant) little = NULL;
  guint8 *frame;
  gsize size;
  guint32 le;

  payload = g_variant_ref_sink (g_variant_new ("(yts@v)", op, id, text != NULL ? text : "",
                                               g_variant_new_variant (value != NULL
                                                                      ? value
                                                                      : g_variant_new_tuple (NULL, 0))));
  normal = g_variant_get_normal_form (payload);
  little = G_BYTE_ORDER == G_LITTLE_ENDIAN ? g_variant_ref (normal) : g_variant_byteswap (normal);
  size = g_variant_get_size (little);

  frame = g_malloc (FUTURES_WIRE_HEADER_SIZE + size);
  frame[0] = FUTURES_WIRE_VERSION;
  frame[1] = frame[2] = frame[3] = 0;
  le = GUINT32_TO_LE ((guint32) size);
  memcpy (frame + 4, &le, sizeof le);
  g_variant_store (little, frame + FUTURES_WIRE_HEADER_SIZE);

  return g_bytes_new_take (frame, FUTURES_WIRE_HEADER_SIZE + size);
}

gboolean
futures_wire_parse_header (const guint8  *header,
                           gsize         *payload_size,
                           GError       **error)
{
  guint32 le;

  if (header[0] != FUTURES_WIRE_VERSION || header[1] != 0 || header[2] != 0 || header[3] != 0)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                   _("Unsupported frame header (version %u)"), header[0]);
      return FALSE;
    }

  memcpy (&le, header + 4, sizeof le);
  *payload_size = GUINT32_FROM_LE (le);
  if (*payload_size > FUTURES_WIRE_MAX_PAYLOAD)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                   _("A frame of %lu bytes exceeds the limit of %u bytes"),
                   (unsigned long) *payload_size, FUTURES_WIRE_MAX_PAYLOAD);
      return FALSE;
    }
  return TRUE;
}

/* Returns a new (ytsv) in normal form, or NULL with a PROTOCOL error. */
GVariant *
futures_wire_parse_payload (const guint8  *payload,
                            gsize          size,
                            GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) variant = NULL;
  guint8 *copy;

  /* GLib 2.74's normal-form check can read a little past the end of a
   * short, malformed serialisation (seen with valgrind on a 1-byte
   * payload). The copy carries zeroed slack after the payload so that such
   * a read stays inside our buffer. */
  copy = g_malloc0 (size + FUTURES_WIRE_READ_SLACK);
  memcpy (copy, payload, size);
  bytes = g_bytes_new_take (copy, size);

  variant = g_variant_new_from_bytes (G_VARIANT_TYPE (FUTURES_WIRE_TYPE), bytes, FALSE);
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (variant);

      g_variant_unref (variant);
      variant = swapped;
    }

  /* Anything not in normal form is refused outright: it is either
   * corrupt or was not written by futures-glib. */
  if (!g_variant_is_normal_form (variant))
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                           _("A frame from the worker is not a valid message"));
      /* g_autoptr() frees it: cppcheck does not follow cleanup attributes. */
      /* cppcheck-suppress memleak */
      return NULL;
    }

  /* The caller owns it now: cppcheck does not see g_steal_pointer() take
   * it from the g_autoptr() either. */
  /* cppcheck-suppress memleak */
  return g_steal_pointer (&variant);
}

/* Streams over a protocol descriptor. A socket goes through GSocket,
 * which sends with MSG_NOSIGNAL: writing to a peer that just died must
 * fail with an error, not kill this process with SIGPIPE. Anything else
 * (a launcher may hand over another kind of descriptor) is used as it is.
 * Takes @fd: the streams close it. */
void
futures_wire_open_streams (int             fd,
                           GIOStream     **connection,
                           GInputStream  **in,
                           GOutputStream **out)
{
  g_autoptr(GSocket) socket = g_socket_new_from_fd (fd, NULL);

  if (socket != NULL)
    {
      *connection = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
      *in = g_object_ref (g_io_stream_get_input_stream (*connection));
      *out = g_object_ref (g_io_stream_get_output_stream (*connection));
      return;
    }

  *connection = NULL;
  *in = g_unix_input_stream_new (fd, TRUE);
  *out = g_unix_output_stream_new (fd, FALSE);
}

gboolean
futures_wire_write_frame (GOutputStream  *stream,
                          GMutex         *lock,
                          guint8          op,
                          guint64         id,
                          const char     *text,
                          GVariant       *value,
                          GError        **error)
{
  g_autoptr(GBytes) frame = futures_wire_encode_frame (op, id, text, value);
  gsize size;
  gconstpointer data = g_bytes_get_data (frame, &size);
  gboolean ok;

  if (size - FUTURES_WIRE_HEADER_SIZE > FUTURES_WIRE_MAX_PAYLOAD)
    {
      g_set_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE,
                   _("A message of %lu bytes is larger than a frame may be (%u bytes)"),
                   (unsigned long) (size - FUTURES_WIRE_HEADER_SIZE), FUTURES_WIRE_MAX_PAYLOAD);
      return FALSE;
    }

  if (lock != NULL)
    g_mutex_lock (lock);
  ok = g_output_stream_write_all (stream, data, size, NULL, NULL, error);
  if (lock != NULL)
    g_mutex_unlock (lock);
  return ok;
}

/* Blocking. Returns NULL with @error unset at a clean end of stream. */
GVariant *
futures_wire_read_frame (GInputStream  *stream,
                         GError       **error)
{
  guint8 header[FUTURES_WIRE_HEADER_SIZE];
  g_autofree guint8 *payload = NULL;
  gsize got = 0, size;

  if (!g_input_stream_read_all (stream, header, sizeof header, &got, NULL, error))
    return NULL;
  if (got == 0)
    return NULL;
  if (got < sizeof header)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                           _("The connection ended in the middle of a frame"));
      return NULL;
    }
  if (!futures_wire_parse_header (header, &size, error))
    return NULL;

  payload = g_malloc (MAX (size, 1));
  if (!g_input_stream_read_all (stream, payload, size, &got, NULL, error))
    return NULL;
  if (got < size)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL,
                           _("The connection ended in the middle of a frame"));
      return NULL;
    }

  return futures_wire_parse_payload (payload, size, error);
}
