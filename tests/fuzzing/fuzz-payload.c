/* fuzz-payload.c: one frame's payload, as validated and decoded
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-error.h"
#include "futures-wire-private.h"

#include "fuzz-common.h"

/* The input is the payload that follows a valid header:
 * futures_wire_parse_payload() must refuse it with a PROTOCOL error or
 * give a frame that every decoder handles. fuzz-frame reaches the same
 * code, but here no length field has to agree with the input, so the
 * fuzzer spends its time on the GVariant itself. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) frame = NULL;

  fuzz_init ();
  frame = futures_wire_parse_payload (data, size, &error);
  if (frame == NULL)
    g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);
  else
    {
      g_assert_no_error (error);
      fuzz_check_frame (frame, data, size);
    }

  return 0;
}
