/* tsan-glib.c: teach ThreadSanitizer GLib's synchronisation
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Linked into the test programs of a -Db_sanitize=thread build only.
 *
 * The system GLib is not built with ThreadSanitizer, and since 2.74 its
 * GMutex and GCond are futexes driven by atomics inside libglib, so
 * ThreadSanitizer sees none of the ordering they give: every field that
 * futures-glib guards with a GMutex, or hands over through a GAsyncQueue
 * or a last reference, would be reported as a race. Suppressing those
 * reports would hide real races in futures-glib too. Instead, these
 * wrappers stand in for the GLib functions that futures-glib and its
 * tests call (the test program's definitions come first in symbol
 * lookup), call the real ones, and tell ThreadSanitizer what ordering
 * each really gives, as its own interceptors do for pthread.
 *
 * Calls that GLib makes to itself bypass these wrappers; what remains of
 * GLib's internals is in tsan.supp.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <glib-object.h>
#include <sanitizer/tsan_interface.h>

/* Declares real_NAME, the GLib function this one stands in for. Any
 * thread may be first to look it up: the pointer is shared atomically. */
#define REAL(name, ret, args)                                           \
  static gpointer real_##name##_ptr;                                    \
  ret (*real_##name) args = g_atomic_pointer_get (&real_##name##_ptr);  \
  if (G_UNLIKELY (real_##name == NULL))                                 \
    {                                                                   \
      real_##name = (ret (*) args) dlsym (RTLD_NEXT, #name);            \
      g_atomic_pointer_set (&real_##name##_ptr, (gpointer) real_##name); \
    }

/* GMutex: a mutex, so lock-order inversions are reported too. */

void
g_mutex_lock (GMutex *mutex)
{
  REAL (g_mutex_lock, void, (GMutex *));
  __tsan_mutex_pre_lock (mutex, 0);
  real_g_mutex_lock (mutex);
  __tsan_mutex_post_lock (mutex, 0, 0);
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  gboolean locked;

  REAL (g_mutex_trylock, gboolean, (GMutex *));
  __tsan_mutex_pre_lock (mutex, __tsan_mutex_try_lock);
  locked = real_g_mutex_trylock (mutex);
  __tsan_mutex_post_lock (mutex,
                          __tsan_mutex_try_lock |
                          (locked ? 0 : __tsan_mutex_try_lock_failed), 0);
  return locked;
}

void
g_mutex_unlock (GMutex *mutex)
{
  REAL (g_mutex_unlock, void, (GMutex *));
  __tsan_mutex_pre_unlock (mutex, 0);
  real_g_mutex_unlock (mutex);
  __tsan_mutex_post_unlock (mutex, 0);
}

void
g_mutex_clear (GMutex *mutex)
{
  REAL (g_mutex_clear, void, (GMutex *));
  __tsan_mutex_destroy (mutex, 0);
  real_g_mutex_clear (mutex);
}

/* GCond: waiting releases the mutex and takes it again. */

void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  REAL (g_cond_wait, void, (GCond *, GMutex *));
  __tsan_mutex_pre_unlock (mutex, 0);
  __tsan_mutex_post_unlock (mutex, 0);
  real_g_cond_wait (cond, mutex);
  __tsan_mutex_pre_lock (mutex, 0);
  __tsan_mutex_post_lock (mutex, 0, 0);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  gboolean signalled;

  REAL (g_cond_wait_until, gboolean, (GCond *, GMutex *, gint64));
  __tsan_mutex_pre_unlock (mutex, 0);
  __tsan_mutex_post_unlock (mutex, 0);
  signalled = real_g_cond_wait_until (cond, mutex, end_time);
  __tsan_mutex_pre_lock (mutex, 0);
  __tsan_mutex_post_lock (mutex, 0, 0);
  return signalled;
}

/* GAsyncQueue: every operation takes the queue's lock, so each one
 * publishes what its thread did before (release) and sees what every
 * earlier one published (acquire). The _unlocked variants run between
 * g_async_queue_lock() and g_async_queue_unlock(), which do the same. */

#define QUEUE_OP(ret, name, params, args)       \
  ret                                           \
  name params                                   \
  {                                             \
    ret result;                                 \
                                                \
    REAL (name, ret, params);                   \
    __tsan_release (queue);                     \
    result = real_##name args;                  \
    __tsan_acquire (queue);                     \
    return result;                              \
  }

QUEUE_OP (gpointer, g_async_queue_pop, (GAsyncQueue *queue), (queue))
QUEUE_OP (gpointer, g_async_queue_try_pop, (GAsyncQueue *queue), (queue))
QUEUE_OP (gpointer, g_async_queue_timeout_pop,
          (GAsyncQueue *queue, guint64 timeout), (queue, timeout))

void
g_async_queue_push (GAsyncQueue *queue,
                    gpointer     data)
{
  REAL (g_async_queue_push, void, (GAsyncQueue *, gpointer));
  __tsan_release (queue);
  real_g_async_queue_push (queue, data);
}

void
g_async_queue_lock (GAsyncQueue *queue)
{
  REAL (g_async_queue_lock, void, (GAsyncQueue *));
  real_g_async_queue_lock (queue);
  __tsan_acquire (queue);
}

void
g_async_queue_unlock (GAsyncQueue *queue)
{
  REAL (g_async_queue_unlock, void, (GAsyncQueue *));
  __tsan_release (queue);
  real_g_async_queue_unlock (queue);
}

/* Reference counts: the thread that drops the last reference sees what
 * every other holder did before dropping its own (GLib's decrements are
 * sequentially consistent). */

gboolean
g_atomic_ref_count_dec (gatomicrefcount *arc)
{
  gboolean last;

  REAL (g_atomic_ref_count_dec, gboolean, (gatomicrefcount *));
  __tsan_release (arc);
  last = real_g_atomic_ref_count_dec (arc);
  if (last)
    __tsan_acquire (arc);
  return last;
}

/* GObject's flag for "has a toggle reference" in its qdata pointer. */
#define OBJECT_HAS_TOGGLE_REF_FLAG 0x1

/* g_object_unref() frees the object in whichever thread drops the last
 * reference, so that thread must see what every other holder did. The
 * decrement happens inside libgobject, out of sight: a release before
 * it is easy, but the acquire must come after every other decrement
 * and before dispose. So the decrements that cannot be the last one are
 * made here (as libgobject's own fast path does), and the call that
 * finds itself holding the last reference, once all others are gone,
 * acquires before handing over. A decrement that would wake a toggle
 * reference is handed over too. */
void
g_object_unref (gpointer object)
{
  GObject *gobject = object;

  REAL (g_object_unref, void, (gpointer));
  if (!G_IS_OBJECT (gobject))
    {
      real_g_object_unref (object);  /* let GObject report it */
      return;
    }

  __tsan_release (gobject);
  for (;;)
    {
      int old_ref = (int) g_atomic_int_get (&gobject->ref_count);
      gboolean toggle =
        (g_datalist_get_flags (&gobject->qdata) & OBJECT_HAS_TOGGLE_REF_FLAG) != 0;

      if (old_ref <= 1 || (old_ref == 2 && toggle))
        {
          __tsan_acquire (gobject);
          real_g_object_unref (object);
          return;
        }
      if (g_atomic_int_compare_and_exchange ((int *) &gobject->ref_count,
                                             old_ref, old_ref - 1))
        return;
    }
}

/* Quarks and interned strings: GLib copies each new string into a block
 * under its own lock, and a later lookup from any thread compares
 * against it. Serialising these calls behind a lock the sanitizer sees
 * gives it that ordering (GLib calls out to nothing while it holds its
 * own, so the two locks cannot deadlock). */

static pthread_mutex_t quark_lock = PTHREAD_MUTEX_INITIALIZER;

#define QUARK_OP(ret, name, type)               \
  ret                                           \
  name (type string)                            \
  {                                             \
    ret result;                                 \
                                                \
    REAL (name, ret, (type));                   \
    pthread_mutex_lock (&quark_lock);           \
    result = real_##name (string);              \
    pthread_mutex_unlock (&quark_lock);         \
    return result;                              \
  }

QUARK_OP (GQuark, g_quark_from_string, const char *)
QUARK_OP (GQuark, g_quark_from_static_string, const char *)
QUARK_OP (GQuark, g_quark_try_string, const char *)
QUARK_OP (const char *, g_intern_string, const char *)
QUARK_OP (const char *, g_intern_static_string, const char *)
