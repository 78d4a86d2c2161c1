/* fuzz-frame.c: a byte stream from a peer, read frame after frame
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-error.h"
#include "futures-wire-private.h"

#include "fuzz-common.h"

/* The input is what a worker (or the main process) wrote to its end of
 * the connection: futures_wire_read_frame() takes frames from it until
 * the end or the first bad one, exactly as both readers do. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GInputStream) stream = NULL;
  goffset start = 0;

  fuzz_init ();
  stream = g_memory_input_stream_new_from_data (data, size, NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) frame = futures_wire_read_frame (stream, &error);
      goffset end = g_seekable_tell (G_SEEKABLE (stream));

      if (frame == NULL)
        {
          /* A clean end only where a frame could start. */
          if (error == NULL)
            g_assert_cmpint (start, ==, (goffset) size);
          else
            g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
          break;
        }

      g_assert_cmpint (end - start, >=, FUTURES_WIRE_HEADER_SIZE);
      fuzz_check_frame (frame, data + start + FUTURES_WIRE_HEADER_SIZE,
                        end - start - FUTURES_WIRE_HEADER_SIZE);
      start = end;
    }

  return 0;
}
