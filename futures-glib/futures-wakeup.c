/* futures-wakeup.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <unistd.h>
#if HAVE_EVENTFD
#include <sys/eventfd.h>
#else
#include <fcntl.h>
#include <glib-unix.h>
#endif

#include <gio/gio.h>

#include "futures-i18n-private.h"
#include "futures-wakeup-private.h"

/* A ping reaches the main context through a descriptor of the source's
 * own, written without any lock. g_source_set_ready_time() from a worker
 * would take the main context's lock and signal its poll() while holding
 * it; the main thread, woken, then blocked on that lock until the worker
 * let go, and paid a second wakeup: futures-bench's W3 measured the
 * worker's side of a ping at 10 µs (median) that way. Only the rare
 * "soon" ping of a task's start still sets a ready time. */

struct _FuturesWakeup
{
  GSource                source;

  /* Set by the first ping after a dispatch started, cleared by the
   * dispatch itself: every later ping is a cheap atomic no-op. */
  int                    pending;

  FuturesWakeupDrainFunc drain;
  gpointer               user_data;
  gint64                 budget_usec;
  guint                  dispatch_count;

  /* Written by a ping, read (emptied) by the dispatch. An eventfd uses
   * one descriptor for both. */
  int                    read_fd;
  int                    write_fd;
};

/* Any thread. */
static void
futures_wakeup_signal (FuturesWakeup *self)
{
#if HAVE_EVENTFD
  guint64 one = 1;
#else
  guint8 one = 1;
#endif
  ssize_t written;

  /* A full descriptor (never, in practice: a ping writes once per
   * dispatch) already means "wake up". */
  do
    written = write (self->write_fd, &one, sizeof one);
  while (written < 0 && errno == EINTR);
}

/* Main context, at every dispatch. An eventfd is emptied by one read
 * (it returns the count and resets it); a pipe by reading until a read
 * comes back short. */
static void
futures_wakeup_clear_signal (FuturesWakeup *self)
{
#if HAVE_EVENTFD
  guint64 count;
  ssize_t got;

  do
    got = read (self->read_fd, &count, sizeof count);
  while (got < 0 && errno == EINTR);
#else
  guint8 buffer[64];
  ssize_t got;

  do
    got = read (self->read_fd, buffer, sizeof buffer);
  while (got == sizeof buffer || (got < 0 && errno == EINTR));
#endif
}

static gboolean
futures_wakeup_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  FuturesWakeup *self = (FuturesWakeup *) source;
  gboolean more;

  /* Disarm before clearing the flag: a ping that lands between the two
   * finds the flag set and does nothing, and what it announced is
   * drained below. */
  futures_wakeup_clear_signal (self);
  if (g_source_get_ready_time (source) != -1)
    g_source_set_ready_time (source, -1);
  g_atomic_int_set (&self->pending, 0);

  self->dispatch_count++;

  if (self->drain == NULL)
    return G_SOURCE_CONTINUE;

  more = self->drain (self->user_data,
                      g_get_monotonic_time () + self->budget_usec);

  /* Out of budget with work left: come back on a later iteration, after
   * the main loop has had a chance to run other sources (redraws, input). */
  if (more && !g_source_is_destroyed (source))
    {
      g_atomic_int_set (&self->pending, 1);
      g_source_set_ready_time (source, 0);
    }

  return G_SOURCE_CONTINUE;
}

static void
futures_wakeup_finalize (GSource *source)
{
  FuturesWakeup *self = (FuturesWakeup *) source;

  if (self->write_fd != self->read_fd)
    close (self->write_fd);
  close (self->read_fd);
}

static GSourceFuncs futures_wakeup_funcs = {
  .dispatch = futures_wakeup_dispatch,
  .finalize = futures_wakeup_finalize,
};

/* Makes the descriptor(s) a ping writes to. */
static gboolean
futures_wakeup_open_fds (int     *read_fd,
                         int     *write_fd,
                         GError **error)
{
#if HAVE_EVENTFD
  int fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);

  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not make a descriptor to wake the main context: %s"),
                   g_strerror (errsv));
      return FALSE;
    }
  *read_fd = *write_fd = fd;
#else
  int fds[2];

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return FALSE;
  if (!g_unix_set_fd_nonblocking (fds[0], TRUE, error) ||
      !g_unix_set_fd_nonblocking (fds[1], TRUE, error))
    {
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }
  *read_fd = fds[0];
  *write_fd = fds[1];
#endif
  return TRUE;
}

/* Fails only when the process is out of descriptors. */
FuturesWakeup *
futures_wakeup_new (FuturesWakeupDrainFunc   drain,
                    gpointer                 user_data,
                    int                      priority,
                    gint64                   budget_usec,
                    GError                 **error)
{
  FuturesWakeup *self;
  int read_fd, write_fd;

  g_return_val_if_fail (drain != NULL, NULL);
  g_return_val_if_fail (budget_usec > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!futures_wakeup_open_fds (&read_fd, &write_fd, error))
    return NULL;

  self = (FuturesWakeup *) g_source_new (&futures_wakeup_funcs, sizeof *self);
  self->read_fd = read_fd;
  self->write_fd = write_fd;
  g_source_add_unix_fd ((GSource *) self, self->read_fd, G_IO_IN);
  self->drain = drain;
  self->user_data = user_data;
  self->budget_usec = budget_usec;
  g_source_set_priority ((GSource *) self, priority);
  g_source_set_static_name ((GSource *) self, "[futures-glib] message wakeup");

  return self;
}

FuturesWakeup *
futures_wakeup_ref (FuturesWakeup *self)
{
  return (FuturesWakeup *) g_source_ref ((GSource *) self);
}

void
futures_wakeup_unref (FuturesWakeup *self)
{
  g_source_unref ((GSource *) self);
}

void
futures_wakeup_attach (FuturesWakeup *self,
                       GMainContext  *context)
{
  g_source_attach ((GSource *) self, context);
}

/* After this the drain function is never called again, whatever other
 * threads still ping; pinging a destroyed source is harmless. Main context
 * only. */
void
futures_wakeup_detach (FuturesWakeup *self)
{
  self->drain = NULL;
  self->user_data = NULL;
  g_source_destroy ((GSource *) self);
}

/* Any thread. */
void
futures_wakeup_ping (FuturesWakeup *self)
{
  /* A full-barrier compare-and-exchange rather than a plain load: the
   * caller's queue push must be visible before the flag is read, or a
   * dispatch that just cleared the flag could miss the new message.
   * A ping that finds a "soon" wakeup armed makes it immediate. */
  if (g_atomic_int_compare_and_exchange (&self->pending, 0, 1) ||
      g_atomic_int_compare_and_exchange (&self->pending, 2, 1))
    futures_wakeup_signal (self);
}

/* Any thread. Like futures_wakeup_ping(), but for news that may wait a
 * little: the context wakes within @delay_usec, or at once if a normal
 * ping comes meanwhile. A task's "started" uses it, so that a quick task
 * wakes the main context once, for its start and its end together. */
void
futures_wakeup_ping_soon (FuturesWakeup *self,
                          gint64         delay_usec)
{
  if (g_atomic_int_compare_and_exchange (&self->pending, 0, 2))
    g_source_set_ready_time ((GSource *) self, g_get_monotonic_time () + delay_usec);
}

void
futures_wakeup_set_priority (FuturesWakeup *self,
                             int            priority)
{
  g_source_set_priority ((GSource *) self, priority);
}

guint
futures_wakeup_get_dispatch_count (FuturesWakeup *self)
{
  return self->dispatch_count;
}
