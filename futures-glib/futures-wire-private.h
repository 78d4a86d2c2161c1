/* futures-wire-private.h
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The process-worker wire format (documented in the "Process workers"
 * guide page). Every frame is
 *
 *   byte 0      version, FUTURES_WIRE_VERSION
 *   bytes 1-3   zero
 *   bytes 4-7   payload length, unsigned 32-bit little-endian, at most
 *               FUTURES_WIRE_MAX_PAYLOAD
 *   payload     a GVariant of type FUTURES_WIRE_TYPE in normal form,
 *               serialized (little-endian)
 *
 * The payload (ytsv) is: the operation, the task id, a string (the task
 * name for RUN, the message kind for MESSAGE, empty otherwise) and the
 * value. Values are encoded by futures_wire_value_to_variant().
 */
#define FUTURES_WIRE_VERSION      1
#define FUTURES_WIRE_HEADER_SIZE  8
#define FUTURES_WIRE_MAX_PAYLOAD  (64u * 1024u * 1024u)
#define FUTURES_WIRE_TYPE         "(ytsv)"

/* How many names (error domains, message kinds) that are not quarks yet
 * the main process interns for its workers: see
 * futures_wire_intern_remote(). */
#define FUTURES_WIRE_MAX_REMOTE_NAMES 1024

typedef enum
{
  /* main process → worker */
  FUTURES_WIRE_RUN = 1,       /* id, task name, arguments (or ()) */
  FUTURES_WIRE_CANCEL = 2,    /* id */
  FUTURES_WIRE_QUIT = 3,      /* finish the current task, then exit */

  /* worker → main process */
  FUTURES_WIRE_HELLO = 16,    /* 0, "", the worker's pid (u) */
  FUTURES_WIRE_STARTED = 17,  /* id */
  FUTURES_WIRE_MESSAGE = 18,  /* id, kind, value */
  FUTURES_WIRE_RETURNED = 19, /* id, "", value (or () for none) */
  FUTURES_WIRE_RAISED = 20,   /* id, "", (sis) domain, code, message */
  FUTURES_WIRE_ABANDONED = 21 /* id */
} FuturesWireOp;

GVariant *futures_wire_value_to_variant   (const GValue  *value,
                                           GError       **error);
gboolean  futures_wire_value_from_variant (GVariant      *variant,
                                           GValue        *value,
                                           GError       **error);
GQuark    futures_wire_intern_remote      (const char    *name);
GVariant *futures_wire_error_to_variant   (const GError  *error);
GError   *futures_wire_error_from_variant (GVariant      *variant);

GBytes   *futures_wire_encode_frame       (guint8         op,
                                           guint64        id,
                                           const char    *text,
                                           GVariant      *value);
gboolean  futures_wire_parse_header       (const guint8  *header,
                                           gsize         *payload_size,
                                           GError       **error);
GVariant *futures_wire_parse_payload      (const guint8  *payload,
                                           gsize          size,
                                           GError       **error);

void      futures_wire_open_streams       (int             fd,
                                           GIOStream     **connection,
                                           GInputStream  **in,
                                           GOutputStream **out);
gboolean  futures_wire_write_frame        (GOutputStream *stream,
                                           GMutex        *lock,
                                           guint8         op,
                                           guint64        id,
                                           const char    *text,
                                           GVariant      *value,
                                           GError       **error);
GVariant *futures_wire_read_frame         (GInputStream  *stream,
                                           GError       **error);

G_END_DECLS
