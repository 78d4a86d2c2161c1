/* soak.c: futures-glib under sustained random load, with its invariants
 * checked all along
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For a given duration, thousands of mixed futures (calls, iterations,
 * progress, a custom task type) run on a thread executor and on a
 * process executor, while the program cancels futures at random, kills
 * worker processes with SIGKILL, and shuts executors down (blocking or
 * not) and makes new ones. Checked all the time:
 *
 * - every future becomes done exactly once, in a state that its story
 *   allows (FAILED only when its worker process was killed);
 * - every item arrives exactly once and in order, and a completed
 *   iteration has all of them;
 * - once an executor is STOPPED, none of its futures is left waiting or
 *   executing;
 * - the resident memory is flat after warm-up;
 * - no descriptor and no child process is left at the end.
 *
 * Prints what it did and what it survived; exits 1 on any violation.
 *
 *   futures-soak --duration 600 [--seed N]
 */

#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include <futures-glib/futures-glib.h>

/* A custom task type: the task sends "word" messages numbered 0, 1, … */

#define SOAK_TYPE_WORDS_FUTURE (soak_words_future_get_type ())
G_DECLARE_FINAL_TYPE (SoakWordsFuture, soak_words_future, SOAK, WORDS_FUTURE, FuturesFuture)

struct _SoakWordsFuture
{
  FuturesFuture parent_instance;
  guint         words;
  gboolean      out_of_order;
};

G_DEFINE_FINAL_TYPE (SoakWordsFuture, soak_words_future, FUTURES_TYPE_FUTURE)

static void
soak_words_future_dispatch (FuturesFuture *future,
                            const char    *kind,
                            const GValue  *value)
{
  SoakWordsFuture *self = SOAK_WORDS_FUTURE (future);

  if (!g_str_equal (kind, "word"))
    {
      FUTURES_FUTURE_CLASS (soak_words_future_parent_class)->dispatch (future, kind, value);
      return;
    }
  if (g_value_get_uint (value) != self->words)
    self->out_of_order = TRUE;
  self->words++;
}

static void
soak_words_future_class_init (SoakWordsFutureClass *klass)
{
  FUTURES_FUTURE_CLASS (klass)->dispatch = soak_words_future_dispatch;
}

static void
soak_words_future_init (SoakWordsFuture *self)
{
}

/* Tasks ----------------------------------------------------------------- */

static void
yield_uints (FuturesTask *task,
             guint        n)
{
  GValue value = G_VALUE_INIT;
  guint i;

  g_value_init (&value, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&value, i);
      if (!futures_task_yield_value (task, &value))
        return;
    }
  futures_task_return_int (task, n);
}

static void
call_task (FuturesTask *task,
           gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data);

  if (n % 7 == 0)
    g_usleep (n % 3000);
  futures_task_return_int (task, (gint64) n * 2);
}

static void
iteration_task (FuturesTask *task,
                gpointer     user_data)
{
  yield_uints (task, GPOINTER_TO_UINT (user_data));
}

static void
progress_task (FuturesTask *task,
               gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;

  for (i = 0; i <= n; i++)
    if (!futures_task_report_progress (task, (double) i / MAX (n, 1), NULL))
      return;
  futures_task_return_int (task, n);
}

static void
words_task (FuturesTask *task,
            gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&value, i);
      if (!futures_task_send (task, "word", &value))
        return;
    }
  futures_task_return_int (task, n);
}

/* Named tasks, run by worker processes: the argument is one "(u)". */
static guint
named_argument (FuturesTask *task)
{
  guint n;

  g_variant_get (futures_task_get_arguments (task), "(u)", &n);
  return n;
}

static void
named_call (FuturesTask *task,
            gpointer     user_data)
{
  futures_task_return_int (task, (gint64) named_argument (task) * 2);
}

static void
named_iteration (FuturesTask *task,
                 gpointer     user_data)
{
  yield_uints (task, named_argument (task));
}

static void
named_sleep (FuturesTask *task,
             gpointer     user_data)
{
  guint ms = named_argument (task), i;

  for (i = 0; i < ms && !futures_task_is_cancelled (task); i++)
    g_usleep (1000);
  futures_task_return_int (task, (gint64) ms * 2);
}

/* Book-keeping ----------------------------------------------------------- */

typedef enum
{
  KIND_CALL,
  KIND_ITERATION,
  KIND_PROGRESS,
  KIND_WORDS,
  KIND_NAMED_CALL,
  KIND_NAMED_ITERATION,
  KIND_NAMED_SLEEP,
  N_KINDS
} Kind;

static const char *kind_names[N_KINDS] = {
  "call", "iteration", "progress", "custom (words)",
  "process call", "process iteration", "process sleep",
};

typedef struct _Lane Lane;
typedef struct _Soak Soak;

typedef struct
{
  Soak          *soak;
  Lane          *lane;
  FuturesFuture *future;   /* a reference, until done */
  Kind           kind;
  guint          n;        /* the task's argument */
  guint          items;    /* items received */
  guint          dones;    /* notify::done with done TRUE */
  gboolean       cancelled_by_us;
  guint          lane_generation;
} Tracked;

struct _Lane
{
  Soak            *soak;
  const char      *name;
  gboolean         processes;
  FuturesExecutor *executor;
  guint            generation;
  gboolean         restarting;
  GPtrArray       *live;      /* Tracked of this executor, not done */
  guint            killed_pids;
};

struct _Soak
{
  GMainLoop *loop;
  GRand     *rand;
  gint64     start;
  gint64     end;
  gboolean   stopping;
  Lane       lanes[2];

  /* What happened. */
  guint64    submitted[N_KINDS];
  guint64    completed[N_KINDS];
  guint64    failed[N_KINDS];
  guint64    cancelled[N_KINDS];
  guint64    items;
  guint64    cancels;
  guint64    kills;
  guint64    crashes_seen;    /* futures FAILED because their worker was killed */
  guint64    shutdowns_blocking;
  guint64    shutdowns_async;
  guint64    executors_made;
  guint      max_live;

  /* Measures. */
  gsize      rss_start, rss_warm, rss_peak, rss_late_peak;
  guint      fds_start, fds_end;
  GPtrArray *fds_at_start;
  guint      children_end;
  GString   *violations;
  guint      n_violations;
};

static void
violation (Soak       *soak,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
violation (Soak       *soak,
           const char *format,
           ...)
{
  va_list args;

  soak->n_violations++;
  if (soak->n_violations > 20)
    return;
  va_start (args, format);
  g_string_append (soak->violations, "  VIOLATION: ");
  g_string_append_vprintf (soak->violations, format, args);
  g_string_append_c (soak->violations, '\n');
  va_end (args);
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%lu %lu", &size, &resident);
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* The open descriptors, as "N -> target" lines. */
static GPtrArray *
list_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  GPtrArray *fds = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      g_ptr_array_add (fds, g_strdup_printf ("%s -> %s", name, target != NULL ? target : "?"));
    }
  return fds;
}

/* Children of this process, alive or not yet reaped. */
static guint
count_children (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL, *stat = NULL;
      const char *after;
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* pid (comm) state ppid …; comm may hold spaces and parentheses. */
      after = strrchr (stat, ')');
      if (after != NULL && sscanf (after + 1, " %*c %d", &ppid) == 1 && ppid == getpid ())
        n++;
    }
  return n;
}

/* Futures ------------------------------------------------------------- */

static void
tracked_free (gpointer data)
{
  g_free (data);
}

static void
on_item (FuturesIterationFuture *future,
         const GValue           *value,
         gpointer                user_data)
{
  Tracked *tracked = user_data;

  if (g_value_get_uint (value) != tracked->items)
    violation (tracked->soak, "%s future %p: item %u arrived as number %u",
               kind_names[tracked->kind], future, g_value_get_uint (value), tracked->items);
  tracked->items++;
  tracked->soak->items++;
}

static gint64
expected_result (Tracked *tracked)
{
  switch (tracked->kind)
    {
    case KIND_CALL:
    case KIND_NAMED_CALL:
    case KIND_NAMED_SLEEP:
      return (gint64) tracked->n * 2;
    case KIND_ITERATION:
    case KIND_PROGRESS:
    case KIND_WORDS:
    case KIND_NAMED_ITERATION:
    case N_KINDS:
    default:
      return tracked->n;
    }
}

static void
check_completed (Tracked *tracked)
{
  FuturesFuture *future = tracked->future;
  const GValue *result = futures_future_get_result (future, NULL);
  const char *kind = kind_names[tracked->kind];

  if (result == NULL || g_value_get_int64 (result) != expected_result (tracked))
    violation (tracked->soak, "%s future %p completed with a wrong result", kind, future);

  if ((tracked->kind == KIND_ITERATION || tracked->kind == KIND_NAMED_ITERATION) &&
      tracked->items != tracked->n)
    violation (tracked->soak, "%s future %p completed with %u of %u items",
               kind, future, tracked->items, tracked->n);

  if (tracked->kind == KIND_WORDS)
    {
      SoakWordsFuture *words = SOAK_WORDS_FUTURE (future);

      if (words->out_of_order || words->words != tracked->n)
        violation (tracked->soak, "custom future %p: %u of %u messages%s", future,
                   words->words, tracked->n, words->out_of_order ? ", out of order" : "");
    }

  /* The last report is in the future before done (a task of 0 steps
   * reports 0 only). */
  if (tracked->kind == KIND_PROGRESS && tracked->n > 0 &&
      futures_progress_future_get_fraction (FUTURES_PROGRESS_FUTURE (future)) != 1.0)
    violation (tracked->soak, "progress future %p completed at fraction %g", future,
               futures_progress_future_get_fraction (FUTURES_PROGRESS_FUTURE (future)));
}

static void
on_done (FuturesFuture *future,
         GParamSpec    *pspec,
         gpointer       user_data)
{
  Tracked *tracked = user_data;
  Soak *soak = tracked->soak;
  Lane *lane = tracked->lane;
  g_autoptr(GError) error = NULL;

  if (!futures_future_get_done (future))
    return;

  if (++tracked->dones != 1)
    {
      violation (soak, "%s future %p became done %u times", kind_names[tracked->kind], future,
                 tracked->dones);
      return;
    }

  switch (futures_future_get_state (future))
    {
    case FUTURES_FUTURE_STATE_COMPLETED:
      soak->completed[tracked->kind]++;
      check_completed (tracked);
      break;

    case FUTURES_FUTURE_STATE_FAILED:
      soak->failed[tracked->kind]++;
      error = futures_future_dup_error (future, NULL);
      /* Only a killed worker process may fail a task here. */
      if (lane->processes && g_error_matches (error, FUTURES_ERROR, FUTURES_ERROR_WORKER_CRASHED))
        soak->crashes_seen++;
      else
        violation (soak, "%s future %p failed: %s", kind_names[tracked->kind], future,
                   error != NULL ? error->message : "?");
      break;

    case FUTURES_FUTURE_STATE_CANCELLED:
      soak->cancelled[tracked->kind]++;
      break;

    case FUTURES_FUTURE_STATE_WAITING:
    case FUTURES_FUTURE_STATE_EXECUTING:
    case FUTURES_FUTURE_STATE_CANCELLING:
    default:
      violation (soak, "future %p: done in state %d", future, futures_future_get_state (future));
    }

  g_ptr_array_remove_fast (lane->live, tracked);
  g_object_unref (future);  /* the book's reference; the object keeps the handler's data */
}

static Kind
pick_kind (Soak *soak,
           Lane *lane)
{
  if (lane->processes)
    return KIND_NAMED_CALL + g_rand_int_range (soak->rand, 0, 3);
  return g_rand_int_range (soak->rand, 0, 4);
}

static void
submit_one (Soak *soak,
            Lane *lane)
{
  g_autoptr(GError) error = NULL;
  Tracked *tracked;
  FuturesFuture *future = NULL;
  Kind kind = pick_kind (soak, lane);
  guint n;

  switch (kind)
    {
    case KIND_CALL:
      n = g_rand_int_range (soak->rand, 0, 10000);
      future = FUTURES_FUTURE (futures_executor_submit_call (lane->executor, call_task,
                                                             GUINT_TO_POINTER (n), NULL, &error));
      break;
    case KIND_ITERATION:
      n = g_rand_int_range (soak->rand, 0, 300);
      future = FUTURES_FUTURE (futures_executor_submit_iteration (lane->executor, iteration_task,
                                                                  GUINT_TO_POINTER (n), NULL, &error));
      break;
    case KIND_PROGRESS:
      n = g_rand_int_range (soak->rand, 0, 300);
      future = FUTURES_FUTURE (futures_executor_submit_progress (lane->executor, progress_task,
                                                                 GUINT_TO_POINTER (n), NULL, &error));
      break;
    case KIND_WORDS:
      n = g_rand_int_range (soak->rand, 0, 100);
      future = futures_executor_submit (lane->executor, SOAK_TYPE_WORDS_FUTURE, words_task,
                                        GUINT_TO_POINTER (n), NULL, &error);
      break;
    case KIND_NAMED_CALL:
      n = g_rand_int_range (soak->rand, 0, 10000);
      future = futures_executor_submit_named (lane->executor, FUTURES_TYPE_CALL_FUTURE, "soak-call",
                                              g_variant_new ("(u)", n), &error);
      break;
    case KIND_NAMED_ITERATION:
      n = g_rand_int_range (soak->rand, 0, 300);
      future = futures_executor_submit_named (lane->executor, FUTURES_TYPE_ITERATION_FUTURE,
                                              "soak-iteration", g_variant_new ("(u)", n), &error);
      break;
    case KIND_NAMED_SLEEP:
      n = g_rand_int_range (soak->rand, 0, 20);
      future = futures_executor_submit_named (lane->executor, FUTURES_TYPE_CALL_FUTURE, "soak-sleep",
                                              g_variant_new ("(u)", n), &error);
      break;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (future == NULL)
    {
      violation (soak, "submitting to the %s executor failed: %s", lane->name, error->message);
      return;
    }

  tracked = g_new0 (Tracked, 1);
  tracked->soak = soak;
  tracked->lane = lane;
  tracked->future = future;
  tracked->kind = kind;
  tracked->n = n;
  tracked->lane_generation = lane->generation;
  g_object_set_data_full (G_OBJECT (future), "soak-tracked", tracked, tracked_free);
  if (FUTURES_IS_ITERATION_FUTURE (future))
    g_signal_connect (future, "item", G_CALLBACK (on_item), tracked);
  g_signal_connect (future, "notify::done", G_CALLBACK (on_done), tracked);
  g_ptr_array_add (lane->live, tracked);
  soak->submitted[kind]++;
}

/* Executors --------------------------------------------------------------- */

static void
lane_start (Lane *lane)
{
  g_autoptr(GError) error = NULL;

  if (lane->processes)
    {
      /* A task that ignores its cancellation is killed after 200 ms. */
      g_autoptr(FuturesProcessContext) context = g_object_new (FUTURES_TYPE_PROCESS_CONTEXT,
                                                               "cancel-grace-period", 200,
                                                               NULL);

      lane->executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 2, &error);
    }
  else
    lane->executor = futures_executor_new_full (NULL, NULL, 4, &error);

  if (lane->executor == NULL)
    g_error ("could not make the %s executor: %s", lane->name, error->message);
  lane->generation++;
  lane->soak->executors_made++;
}

/* The executor is STOPPED: none of its futures may be left undone. */
static void
lane_check_stopped (Lane *lane)
{
  guint i;

  if (futures_executor_get_state (lane->executor) != FUTURES_EXECUTOR_STATE_STOPPED)
    violation (lane->soak, "the %s executor is not STOPPED after its shutdown", lane->name);
  for (i = 0; i < lane->live->len; i++)
    {
      Tracked *tracked = lane->live->pdata[i];

      violation (lane->soak, "%s future %p still %d after its executor stopped",
                 kind_names[tracked->kind], tracked->future,
                 futures_future_get_state (tracked->future));
    }
  if (futures_executor_get_n_futures (lane->executor) != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (lane->executor)) != 0)
    violation (lane->soak, "the stopped %s executor still lists futures", lane->name);
}

static void
lane_replace (Lane *lane)
{
  lane_check_stopped (lane);
  g_clear_object (&lane->executor);
  lane->restarting = FALSE;
  if (!lane->soak->stopping)
    lane_start (lane);
}

static void
on_lane_shut_down (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Lane *lane = user_data;
  g_autoptr(GError) error = NULL;

  if (!futures_executor_shutdown_finish (FUTURES_EXECUTOR (source), result, &error))
    violation (lane->soak, "shutdown_async of the %s executor failed: %s", lane->name, error->message);
  lane_replace (lane);
}

static void
lane_restart (Lane *lane)
{
  Soak *soak = lane->soak;

  if (lane->restarting || lane->executor == NULL)
    return;

  if (g_rand_boolean (soak->rand))
    {
      g_autoptr(GError) error = NULL;

      soak->shutdowns_blocking++;
      if (!futures_executor_shutdown (lane->executor, -1, &error))
        violation (soak, "shutdown of the %s executor failed: %s", lane->name, error->message);
      lane_replace (lane);
    }
  else
    {
      soak->shutdowns_async++;
      lane->restarting = TRUE;
      futures_executor_shutdown_async (lane->executor, NULL, on_lane_shut_down, lane);
    }
}

/* Chaos -------------------------------------------------------------------- */

static gboolean
submit_tick (gpointer user_data)
{
  Soak *soak = user_data;
  int round;

  if (soak->stopping)
    return G_SOURCE_REMOVE;

  for (round = 0; round < 4; round++)
    {
      Lane *lane = &soak->lanes[g_rand_int_range (soak->rand, 0, 2)];
      /* Process workers are slower: fewer of them in flight. */
      guint limit = lane->processes ? 40 : 300;

      if (!lane->restarting && lane->executor != NULL && lane->live->len < limit)
        submit_one (soak, lane);
      soak->max_live = MAX (soak->max_live, soak->lanes[0].live->len + soak->lanes[1].live->len);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
chaos_tick (gpointer user_data)
{
  Soak *soak = user_data;
  Lane *processes = &soak->lanes[1];
  int i;

  if (soak->stopping)
    return G_SOURCE_REMOVE;

  /* Cancel a few futures of either lane. */
  for (i = 0; i < 3; i++)
    {
      Lane *lane = &soak->lanes[g_rand_int_range (soak->rand, 0, 2)];

      if (lane->live->len > 0 && g_rand_int_range (soak->rand, 0, 3) == 0)
        {
          Tracked *tracked = lane->live->pdata[g_rand_int_range (soak->rand, 0, lane->live->len)];

          if (futures_future_cancel (tracked->future))
            {
              tracked->cancelled_by_us = TRUE;
              soak->cancels++;
            }
        }
    }

  /* Now and then, kill a worker process. */
  if (processes->executor != NULL && g_rand_int_range (soak->rand, 0, 20) == 0)
    {
      FuturesWorkerPool *pool = futures_executor_get_worker_pool (processes->executor);
      guint n_pids = 0;
      g_autofree int *pids = NULL;

      if (FUTURES_IS_PROCESS_POOL (pool))
        pids = futures_process_pool_get_worker_pids (FUTURES_PROCESS_POOL (pool), &n_pids);
      if (n_pids > 0 && kill (pids[g_rand_int_range (soak->rand, 0, n_pids)], SIGKILL) == 0)
        soak->kills++;
    }

  /* Rarely, shut an executor down and make a new one. */
  if (g_rand_int_range (soak->rand, 0, 150) == 0)
    lane_restart (&soak->lanes[g_rand_int_range (soak->rand, 0, 2)]);

  return G_SOURCE_CONTINUE;
}

static gboolean
monitor_tick (gpointer user_data)
{
  Soak *soak = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 length = soak->end - soak->start;
  gsize rss = resident_bytes ();

  soak->rss_peak = MAX (soak->rss_peak, rss);
  /* Warm-up: the first quarter. The reference is the peak of the second
   * quarter; "late" is the last quarter. */
  if (now - soak->start >= length / 4 && now - soak->start < length / 2)
    soak->rss_warm = MAX (soak->rss_warm, rss);
  else if (now - soak->start >= 3 * length / 4)
    soak->rss_late_peak = MAX (soak->rss_late_peak, rss);

  if (now >= soak->end)
    {
      soak->stopping = TRUE;
      g_main_loop_quit (soak->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Main ------------------------------------------------------------------- */

static void
print_summary (Soak *soak,
               int   seconds,
               guint seed)
{
  guint64 total_submitted = 0, total_done = 0;
  int k;

  g_print ("futures-soak: %d s, seed %u\n\n", seconds, seed);
  g_print ("  %-20s %10s %10s %10s %10s\n", "task", "submitted", "completed", "failed", "cancelled");
  for (k = 0; k < N_KINDS; k++)
    {
      g_print ("  %-20s %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT
               " %10" G_GUINT64_FORMAT "\n", kind_names[k], soak->submitted[k], soak->completed[k],
               soak->failed[k], soak->cancelled[k]);
      total_submitted += soak->submitted[k];
      total_done += soak->completed[k] + soak->failed[k] + soak->cancelled[k];
    }
  g_print ("  %-20s %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT " (done, each exactly once)\n\n",
           "all", total_submitted, total_done);
  g_print ("  items delivered, in order          %" G_GUINT64_FORMAT "\n", soak->items);
  g_print ("  cancels requested                  %" G_GUINT64_FORMAT "\n", soak->cancels);
  g_print ("  worker processes killed            %" G_GUINT64_FORMAT
           " (%" G_GUINT64_FORMAT " tasks failed with WORKER_CRASHED)\n", soak->kills, soak->crashes_seen);
  g_print ("  executor shutdowns                 %" G_GUINT64_FORMAT " blocking, %" G_GUINT64_FORMAT
           " async; %" G_GUINT64_FORMAT " executors made\n",
           soak->shutdowns_blocking, soak->shutdowns_async, soak->executors_made);
  g_print ("  most futures in flight             %u\n", soak->max_live);
  g_print ("  resident memory                    start %.1f MiB, after warm-up %.1f MiB, "
           "last quarter peak %.1f MiB, peak %.1f MiB\n",
           soak->rss_start / 1048576.0, soak->rss_warm / 1048576.0,
           soak->rss_late_peak / 1048576.0, soak->rss_peak / 1048576.0);
  g_print ("  open descriptors                   start %u, end %u\n", soak->fds_start, soak->fds_end);
  g_print ("  child processes                    start 0, end %u\n", soak->children_end);
  g_print ("\n%s", soak->violations->str);
  g_print ("%u violation(s)\n", soak->n_violations);
}

/* One short life of a process executor before counting descriptors:
 * GLib opens a few for good the first time (its child-watch and worker
 * thread wakeups); those are not leaks. */
static void
warm_up (void)
{
  g_autoptr(FuturesProcessContext) context = futures_process_context_new (NULL);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 1, &error);
  if (executor == NULL)
    g_error ("warm-up: %s", error->message);
  future = futures_executor_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "soak-call",
                                          g_variant_new ("(u)", 1), &error);
  if (future == NULL)
    g_error ("warm-up: %s", error->message);
  while (!futures_future_get_done (future))
    g_main_context_iteration (NULL, TRUE);
  if (!futures_executor_shutdown (executor, -1, &error))
    g_error ("warm-up: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  int seconds = 60;
  guint seed = (guint) g_get_real_time ();
  gint64 deadline;
  Soak soak = { 0 };
  int i;

  futures_register_task ("soak-call", named_call, NULL, NULL);
  futures_register_task ("soak-iteration", named_iteration, NULL, NULL);
  futures_register_task ("soak-sleep", named_sleep, NULL, NULL);
  if (futures_process_worker_main ())
    return 0;

  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--duration") && i + 1 < argc)
        seconds = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        seed = (guint) strtoul (argv[++i], NULL, 10);
      else
        {
          g_printerr ("usage: %s [--duration SECONDS] [--seed N]\n", argv[0]);
          return 2;
        }
    }
  if (seconds < 4)
    seconds = 4;

  soak.loop = g_main_loop_new (NULL, FALSE);
  soak.rand = g_rand_new_with_seed (seed);
  soak.violations = g_string_new (NULL);
  warm_up ();
  soak.fds_at_start = list_fds ();
  soak.fds_start = soak.fds_at_start->len;
  soak.rss_start = resident_bytes ();
  soak.start = g_get_monotonic_time ();
  soak.end = soak.start + (gint64) seconds * G_USEC_PER_SEC;

  soak.lanes[0] = (Lane) { &soak, "thread", FALSE, NULL, 0, FALSE, g_ptr_array_new (), 0 };
  soak.lanes[1] = (Lane) { &soak, "process", TRUE, NULL, 0, FALSE, g_ptr_array_new (), 0 };
  for (i = 0; i < 2; i++)
    lane_start (&soak.lanes[i]);

  g_timeout_add (2, submit_tick, &soak);
  g_timeout_add (50, chaos_tick, &soak);
  g_timeout_add (250, monitor_tick, &soak);
  g_main_loop_run (soak.loop);

  /* The end: shut both executors down, every future must end. */
  for (i = 0; i < 2; i++)
    {
      Lane *lane = &soak.lanes[i];
      g_autoptr(GError) error = NULL;

      while (lane->restarting)
        g_main_context_iteration (NULL, TRUE);
      if (lane->executor != NULL)
        {
          if (!futures_executor_shutdown (lane->executor, 60000, &error))
            violation (&soak, "final shutdown of the %s executor: %s", lane->name, error->message);
          lane_check_stopped (lane);
          g_clear_object (&lane->executor);
        }
      g_ptr_array_unref (lane->live);
    }

  /* Worker processes are reaped asynchronously: give them a moment. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((soak.children_end = count_children ()) > 0 && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  {
    g_autoptr(GPtrArray) fds = list_fds ();

    soak.fds_end = fds->len;
  }

  if (soak.children_end != 0)
    violation (&soak, "%u child process(es) left", soak.children_end);
  if (soak.fds_end > soak.fds_start)
    {
      g_autoptr(GPtrArray) now = list_fds ();
      guint k;

      violation (&soak, "%u descriptor(s) leaked", soak.fds_end - soak.fds_start);
      for (k = 0; k < now->len; k++)
        if (!g_ptr_array_find_with_equal_func (soak.fds_at_start, now->pdata[k], g_str_equal, NULL))
          violation (&soak, "  new descriptor %s", (char *) now->pdata[k]);
    }
  g_ptr_array_unref (soak.fds_at_start);
  /* Flat: the last quarter stays within a quarter (plus 16 MiB for the
   * allocator's own slack) of the level reached after warm-up. */
  if (soak.rss_warm > 0 && soak.rss_late_peak > soak.rss_warm + soak.rss_warm / 4 + 16 * 1048576)
    violation (&soak, "resident memory grew from %.1f to %.1f MiB after warm-up",
               soak.rss_warm / 1048576.0, soak.rss_late_peak / 1048576.0);

  print_summary (&soak, seconds, seed);

  g_string_free (soak.violations, TRUE);
  g_rand_free (soak.rand);
  g_main_loop_unref (soak.loop);

  return soak.n_violations == 0 ? 0 : 1;
}
