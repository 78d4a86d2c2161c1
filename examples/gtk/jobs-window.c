/* jobs-window.c: the window of futures-jobs: four kinds of background job
 * and a panel of the executor's live futures.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Nothing here touches a widget from a worker thread, and nothing needs
 * to: the futures change only in the main context, so their properties
 * can be bound straight to widgets, with g_object_bind_property() here
 * and with GtkExpression in the list rows (job-row.ui, item-row.ui).
 */

#include <time.h>

#include "jobs-window.h"

#define PRIME_LIMIT 4000000
#define N_STREAMED  200
#define N_STEPS     100
#define N_FLOOD     1000000

/* The work, on worker threads --------------------------------------------- */

static gboolean
is_prime (guint n)
{
  guint d;

  if (n < 2)
    return FALSE;
  if (n % 2 == 0)
    return n == 2;
  for (d = 3; d * d <= n; d += 2)
    if (n % d == 0)
      return FALSE;
  return TRUE;
}

/* A call: a single result at the end, a second or so of CPU before it. */
static void
count_primes (FuturesTask *task,
              gpointer     user_data)
{
  guint limit = GPOINTER_TO_UINT (user_data), n;
  gint64 count = 0;

  for (n = 0; n < limit; n++)
    {
      /* Nothing reaches a cancelled call's future: just stop. */
      if (n % 10000 == 0 && futures_task_is_cancelled (task))
        return;
      count += is_prime (n);
    }
  futures_task_return_int (task, count);
}

/* An iteration: items trickle in, each one a row of a list view. */
static void
stream_primes (FuturesTask *task,
               gpointer     user_data)
{
  guint wanted = GPOINTER_TO_UINT (user_data), found = 0, n;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  for (n = 2; found < wanted; n++)
    {
      if (!is_prime (n))
        continue;
      found++;
      g_value_take_string (&value, g_strdup_printf ("prime #%u is %u", found, n));
      if (!futures_task_yield_value (task, &value))
        return;
      g_usleep (10 * 1000);
    }
  futures_task_return_int (task, found);
}

/* A progress task: a fraction and a text, delivered latest-wins. */
static void
work_in_steps (FuturesTask *task,
               gpointer     user_data)
{
  guint steps = GPOINTER_TO_UINT (user_data), i;

  for (i = 1; i <= steps; i++)
    {
      g_autofree char *text = NULL;

      g_usleep (25 * 1000);
      text = g_strdup_printf ("step %u of %u", i, steps);
      /* FALSE once the future was cancelled. */
      if (!futures_task_report_progress (task, (double) i / steps, text))
        return;
    }
  futures_task_return_int (task, steps);
}

/* The flood: items as fast as one core can yield them. The main loop
 * drains them in batches with a time budget, so the window keeps
 * redrawing and answering input meanwhile. */
static void
flood (FuturesTask *task,
       gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&value, i);
      if (!futures_task_yield_value (task, &value))
        return;
    }
  futures_task_return_int (task, n);
}

/* The window --------------------------------------------------------------- */

/* One card of the window: a kind of job and its latest future. */
typedef struct
{
  GtkButton     *start;
  GtkButton     *cancel;
  GtkLabel      *state;
  FuturesFuture *future;
  GPtrArray     *bindings;  /* of GBinding, to the current future */
  gint64         started;   /* monotonic time of the submission */
} FjJob;

struct _FjWindow
{
  GtkApplicationWindow parent_instance;

  FuturesExecutor *executor;
  gboolean         closing;

  FjJob call;
  FjJob iteration;
  FjJob progress;
  FjJob flood;

  GtkLabel       *call_result;
  GtkListView    *iteration_view;
  GtkLabel       *iteration_count;
  GtkProgressBar *progress_bar;
  GtkListView    *flood_view;
  GtkLabel       *flood_count;
  GtkLabel       *flood_stall;
  GtkListView    *jobs_view;
  GtkLabel       *jobs_count;

  /* How long the main loop went without running a 1 ms timer while a
   * flood was on: in wall-clock time, and in CPU time of the main thread
   * (its own work, without the time the system gave to other threads). */
  guint  stall_timer;
  gint64 last_tick;
  gint64 last_tick_cpu;
  gint64 longest_stall;
  gint64 longest_busy;
};

G_DEFINE_FINAL_TYPE (FjWindow, fj_window, GTK_TYPE_APPLICATION_WINDOW)

/* Shared by the template and the list rows' templates. */
static GtkBuilderScope *fj_scope;

const char *
fj_state_name (FuturesFutureState state)
{
  static GEnumClass *states;
  GEnumValue *value;

  if (states == NULL)
    states = g_type_class_ref (FUTURES_TYPE_FUTURE_STATE);
  value = g_enum_get_value (states, state);
  return value != NULL ? value->value_nick : "?";
}

/* Closures of job-row.ui: builder closures return a new string. */
static char *
fj_state_label (gpointer           this,
                FuturesFutureState state)
{
  return g_strdup (fj_state_name (state));
}

static char *
fj_type_name (gpointer       this,
              FuturesFuture *future)
{
  if (future == NULL)
    return g_strdup ("");
  return g_strdup (G_OBJECT_TYPE_NAME (future));
}

/* The cancel button of a row of the jobs panel. */
static void
on_row_cancel_clicked (GtkListItem *list_item,
                       GtkButton   *button)
{
  FuturesFuture *future = gtk_list_item_get_item (list_item);

  if (future != NULL)
    futures_future_cancel (future);
}

/* Transforms of the bindings made in C. */
static gboolean
state_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_string (to, fj_state_name (g_value_get_enum (from)));
  return TRUE;
}

/* @user_data: what is counted, as a static string */
static gboolean
count_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  const char *what = user_data;

  g_value_take_string (to, g_strdup_printf ("%u %s", g_value_get_uint (from), what));
  return TRUE;
}

static void
fj_job_bind (FjJob      *job,
             gpointer    source,
             const char *source_property,
             gpointer    target,
             const char *target_property,
             GBindingTransformFunc transform,
             gpointer    user_data)
{
  GBinding *binding = g_object_bind_property_full (source, source_property,
                                                   target, target_property,
                                                   G_BINDING_SYNC_CREATE,
                                                   transform, NULL, user_data, NULL);

  g_ptr_array_add (job->bindings, g_object_ref (binding));
}

static void
fj_job_unbind (FjJob *job)
{
  guint i;

  for (i = 0; i < job->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (job->bindings, i));
  g_ptr_array_set_size (job->bindings, 0);
}

/* Makes @future (transfer full) the card's: its state label, cancel and
 * start buttons follow the future from now on. */
static void
fj_job_take_future (FjJob    *job,
                    gpointer  future)
{
  fj_job_unbind (job);
  g_clear_object (&job->future);
  job->future = future;
  job->started = g_get_monotonic_time ();

  fj_job_bind (job, future, "state", job->state, "label", state_to_label, NULL);
  fj_job_bind (job, future, "may-cancel", job->cancel, "sensitive", NULL, NULL);
  /* One job of a kind at a time: startable again once done. */
  fj_job_bind (job, future, "done", job->start, "sensitive", NULL, NULL);
}

static void
fj_job_clear (FjJob *job)
{
  if (job->bindings != NULL)
    fj_job_unbind (job);
  g_clear_pointer (&job->bindings, g_ptr_array_unref);
  g_clear_object (&job->future);
}

static double
fj_job_seconds (FjJob *job)
{
  return (g_get_monotonic_time () - job->started) / (double) G_USEC_PER_SEC;
}

/* Submitting fails once the executor is stopping. */
static void
fj_job_show_error (FjJob  *job,
                   GError *error)
{
  gtk_label_set_label (job->state, error->message);
}

/* The call job ------------------------------------------------------------- */

static void
on_call_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FjWindow) self = user_data;
  FuturesFuture *future = FUTURES_FUTURE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* The window dropped the future (it is closing). */
  if (future != self->call.future)
    return;

  if (futures_future_wait_finish (future, result, &error))
    text = g_strdup_printf ("%" G_GINT64_FORMAT " primes below %u, counted in %.1f s",
                            g_value_get_int64 (futures_future_get_result (future, NULL)),
                            PRIME_LIMIT, fj_job_seconds (&self->call));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup_printf ("cancelled after %.1f s", fj_job_seconds (&self->call));
  else
    text = g_strdup_printf ("failed: %s", error->message);
  gtk_label_set_label (self->call_result, text);
}

static void
on_start_call (GtkButton *button,
               FjWindow  *self)
{
  g_autoptr(GError) error = NULL;
  FuturesCallFuture *future;

  future = futures_executor_submit_call (self->executor, count_primes,
                                         GUINT_TO_POINTER (PRIME_LIMIT), NULL, &error);
  if (future == NULL)
    {
      fj_job_show_error (&self->call, error);
      return;
    }
  fj_job_take_future (&self->call, future);
  gtk_label_set_label (self->call_result, "counting…");
  /* The async pair: the callback runs in this main context once done. */
  futures_future_wait_async (FUTURES_FUTURE (future), NULL, on_call_done, g_object_ref (self));
}

/* The iteration and flood jobs --------------------------------------------- */

/* Shows the items of @future in @view, counted in @count. The model grows
 * by a whole batch per main loop iteration, however many items that is. */
static void
fj_window_show_items (FjJob                  *job,
                      FuturesIterationFuture *future,
                      GtkListView            *view,
                      GtkLabel               *count)
{
  GListModel *items = futures_iteration_future_get_items (future);
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (items));

  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (selection));
  fj_job_bind (job, selection, "n-items", count, "label", count_to_label, (gpointer) "items");
}

static void
on_start_iteration (GtkButton *button,
                    FjWindow  *self)
{
  g_autoptr(GError) error = NULL;
  FuturesIterationFuture *future;

  future = futures_executor_submit_iteration (self->executor, stream_primes,
                                              GUINT_TO_POINTER (N_STREAMED), NULL, &error);
  if (future == NULL)
    {
      fj_job_show_error (&self->iteration, error);
      return;
    }
  fj_job_take_future (&self->iteration, future);
  fj_window_show_items (&self->iteration, future, self->iteration_view, self->iteration_count);
}

/* The flood job ----------------------------------------------------------- */

static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
fj_window_show_stall (FjWindow *self)
{
  g_autofree char *text = g_strdup_printf ("main loop: longest stall %.1f ms, busy %.1f ms",
                                           self->longest_stall / 1000.0,
                                           self->longest_busy / 1000.0);

  gtk_label_set_label (self->flood_stall, text);
}

/* A 1 ms timer. A gap between two runs of it is a stall: the main loop
 * did not get round to it. The main thread's CPU time over the gap is how
 * long the main loop was busy; the rest of it, the system ran others. */
static gboolean
on_stall_tick (gpointer user_data)
{
  FjWindow *self = user_data;
  gint64 now = g_get_monotonic_time (), cpu = thread_cpu_time ();

  if (now - self->last_tick > self->longest_stall || cpu - self->last_tick_cpu > self->longest_busy)
    {
      self->longest_stall = MAX (self->longest_stall, now - self->last_tick);
      self->longest_busy = MAX (self->longest_busy, cpu - self->last_tick_cpu);
      fj_window_show_stall (self);
    }
  self->last_tick = now;
  self->last_tick_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
on_flood_done (FuturesFuture *future,
               GParamSpec    *pspec,
               FjWindow      *self)
{
  g_autofree char *text = NULL;

  /* The window dropped the future (it is closing). */
  if (future != self->flood.future)
    return;
  g_clear_handle_id (&self->stall_timer, g_source_remove);
  text = g_strdup_printf ("%s in %.1f s", gtk_label_get_label (self->flood_count),
                          fj_job_seconds (&self->flood));
  gtk_label_set_label (self->flood_count, text);
}

static void
on_start_flood (GtkButton *button,
                FjWindow  *self)
{
  g_autoptr(GError) error = NULL;
  FuturesIterationFuture *future;

  future = futures_executor_submit_iteration (self->executor, flood,
                                              GUINT_TO_POINTER (N_FLOOD), NULL, &error);
  if (future == NULL)
    {
      fj_job_show_error (&self->flood, error);
      return;
    }
  fj_job_take_future (&self->flood, future);
  fj_window_show_items (&self->flood, future, self->flood_view, self->flood_count);
  g_signal_connect_object (future, "notify::done", G_CALLBACK (on_flood_done), self, 0);

  self->longest_stall = self->longest_busy = 0;
  self->last_tick = g_get_monotonic_time ();
  self->last_tick_cpu = thread_cpu_time ();
  fj_window_show_stall (self);
  if (self->stall_timer == 0)
    self->stall_timer = g_timeout_add (1, on_stall_tick, self);
}

/* The progress job --------------------------------------------------------- */

static void
on_start_progress (GtkButton *button,
                   FjWindow  *self)
{
  g_autoptr(GError) error = NULL;
  FuturesProgressFuture *future;

  future = futures_executor_submit_progress (self->executor, work_in_steps,
                                             GUINT_TO_POINTER (N_STEPS), NULL, &error);
  if (future == NULL)
    {
      fj_job_show_error (&self->progress, error);
      return;
    }
  fj_job_take_future (&self->progress, future);
  fj_job_bind (&self->progress, future, "fraction", self->progress_bar, "fraction", NULL, NULL);
  fj_job_bind (&self->progress, future, "text", self->progress_bar, "text", NULL, NULL);
}

/* Cancel buttons of the cards ---------------------------------------------- */

static void
on_cancel (GtkButton *button,
           FjWindow  *self)
{
  FjJob *jobs[] = { &self->call, &self->iteration, &self->progress, &self->flood };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (jobs); i++)
    if (jobs[i]->cancel == button && jobs[i]->future != NULL)
      futures_future_cancel (jobs[i]->future);
}

/* Closing: stop the executor first, without blocking the main loop ------- */

static void
on_shutdown_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FjWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!futures_executor_shutdown_finish (FUTURES_EXECUTOR (source), result, &error))
    g_warning ("Could not shut the executor down: %s", error->message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
fj_window_close_request (GtkWindow *window)
{
  FjWindow *self = FJ_WINDOW (window);

  if (futures_executor_get_stopped (self->executor))
    return GTK_WINDOW_CLASS (fj_window_parent_class)->close_request (window);

  /* Every job is cancelled; the window stays, showing them end, until
   * the executor is STOPPED. */
  if (!self->closing)
    {
      self->closing = TRUE;
      gtk_window_set_title (window, "futures-jobs: stopping…");
      gtk_widget_set_sensitive (gtk_window_get_child (window), FALSE);
      futures_executor_shutdown_async (self->executor, NULL, on_shutdown_done, g_object_ref (self));
    }
  return TRUE;
}

static void
fj_window_dispose (GObject *object)
{
  FjWindow *self = FJ_WINDOW (object);

  g_clear_handle_id (&self->stall_timer, g_source_remove);
  fj_job_clear (&self->call);
  fj_job_clear (&self->iteration);
  fj_job_clear (&self->progress);
  fj_job_clear (&self->flood);

  /* Normally STOPPED by now (see close_request); if the window goes
   * without being closed, stop the executor here, blocking. */
  if (self->executor != NULL && !futures_executor_get_stopped (self->executor))
    futures_executor_shutdown (self->executor, -1, NULL);
  g_clear_object (&self->executor);

  G_OBJECT_CLASS (fj_window_parent_class)->dispose (object);
}

#define BIND_JOB(job)                                                              \
  G_STMT_START {                                                                   \
    gtk_widget_class_bind_template_child_full (widget_class, #job "_start", FALSE, \
                                               G_STRUCT_OFFSET (FjWindow, job.start)); \
    gtk_widget_class_bind_template_child_full (widget_class, #job "_cancel", FALSE, \
                                               G_STRUCT_OFFSET (FjWindow, job.cancel)); \
    gtk_widget_class_bind_template_child_full (widget_class, #job "_state", FALSE, \
                                               G_STRUCT_OFFSET (FjWindow, job.state)); \
  } G_STMT_END

static void
fj_window_class_init (FjWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fj_window_dispose;
  window_class->close_request = fj_window_close_request;

  /* The rows' templates look these types up by name. */
  g_type_ensure (FUTURES_TYPE_FUTURE);
  g_type_ensure (FUTURES_TYPE_ITEM);

  fj_scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (fj_scope),
                                           "fj_state_label", G_CALLBACK (fj_state_label),
                                           "fj_type_name", G_CALLBACK (fj_type_name),
                                           "on_row_cancel_clicked", G_CALLBACK (on_row_cancel_clicked),
                                           "on_start_call", G_CALLBACK (on_start_call),
                                           "on_start_iteration", G_CALLBACK (on_start_iteration),
                                           "on_start_progress", G_CALLBACK (on_start_progress),
                                           "on_start_flood", G_CALLBACK (on_start_flood),
                                           "on_cancel", G_CALLBACK (on_cancel),
                                           NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/futures_glib/Jobs/jobs-window.ui");
  gtk_widget_class_set_template_scope (widget_class, fj_scope);

  BIND_JOB (call);
  BIND_JOB (iteration);
  BIND_JOB (progress);
  BIND_JOB (flood);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, call_result);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, iteration_view);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, iteration_count);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, flood_view);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, flood_count);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, flood_stall);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, jobs_view);
  gtk_widget_class_bind_template_child (widget_class, FjWindow, jobs_count);
}

static void
fj_window_init (FjWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkListItemFactory) row_factory = NULL;
  g_autoptr(GtkListItemFactory) item_factory = NULL;
  g_autoptr(GtkNoSelection) live_futures = NULL;
  FjJob *jobs[] = { &self->call, &self->iteration, &self->progress, &self->flood };
  guint i;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (i = 0; i < G_N_ELEMENTS (jobs); i++)
    jobs[i]->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  /* Enough workers for every kind of job to run at once. */
  self->executor = futures_executor_new_full (NULL, NULL, G_N_ELEMENTS (jobs), &error);
  if (self->executor == NULL)
    g_error ("Could not make an executor: %s", error->message);

  /* The jobs panel: the executor is the list model of its live futures. */
  live_futures = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->executor)));
  row_factory = gtk_builder_list_item_factory_new_from_resource (fj_scope,
                                                                 "/org/futures_glib/Jobs/job-row.ui");
  gtk_list_view_set_factory (self->jobs_view, row_factory);
  gtk_list_view_set_model (self->jobs_view, GTK_SELECTION_MODEL (live_futures));
  g_object_bind_property_full (self->executor, "n-futures", self->jobs_count, "label",
                               G_BINDING_SYNC_CREATE, count_to_label, NULL,
                               (gpointer) "live futures", NULL);

  item_factory = gtk_builder_list_item_factory_new_from_resource (fj_scope,
                                                                  "/org/futures_glib/Jobs/item-row.ui");
  gtk_list_view_set_factory (self->iteration_view, item_factory);
  gtk_list_view_set_factory (self->flood_view, item_factory);
}

FjWindow *
fj_window_new (GtkApplication *application)
{
  return g_object_new (FJ_TYPE_WINDOW, "application", application, NULL);
}

/* The executor of the window's jobs. */
FuturesExecutor *
fj_window_get_executor (FjWindow *self)
{
  g_return_val_if_fail (FJ_IS_WINDOW (self), NULL);

  return self->executor;
}

/* The longest main-loop stall measured during the latest flood, in
 * microseconds: @stall in wall-clock time, @busy in CPU time of the main
 * thread. */
void
fj_window_get_flood_stall (FjWindow *self,
                           gint64   *stall,
                           gint64   *busy)
{
  g_return_if_fail (FJ_IS_WINDOW (self));

  *stall = self->longest_stall;
  *busy = self->longest_busy;
}
