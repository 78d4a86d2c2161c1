/* fuzz-common.h: what the fuzz targets share
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the first byte of a fuzz-variant-value input says the rest is;
 * see fuzz-variant-value.c. */
typedef enum
{
  KIND_SERIALIZED,
  KIND_UNSET,
  KIND_BOOLEAN,
  KIND_CHAR,
  KIND_UCHAR,
  KIND_INT,
  KIND_UINT,
  KIND_LONG,
  KIND_ULONG,
  KIND_INT64,
  KIND_UINT64,
  KIND_FLOAT,
  KIND_DOUBLE,
  KIND_ENUM,
  KIND_FLAGS,
  KIND_STRING,
  KIND_STRV,
  KIND_BYTES,
  KIND_VARIANT,
  KIND_OBJECT,
  N_KINDS
} FuzzKind;

/* The entry point every target defines: libFuzzer calls it in a fuzzing
 * build, driver.c in the normal test build. */
int  LLVMFuzzerTestOneInput (const guint8 *data,
                             size_t        size);

void fuzz_init              (void);

GVariant *fuzz_variant_from_data (const GVariantType *type,
                                  const guint8       *data,
                                  gsize               size);

void fuzz_check_value       (GVariant     *value);

void fuzz_check_frame       (GVariant     *frame,
                             const guint8 *payload,
                             gsize         size);

gboolean fuzz_values_equal  (const GValue *a,
                             const GValue *b);

G_END_DECLS
