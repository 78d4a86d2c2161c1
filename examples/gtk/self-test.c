/* self-test.c: futures-jobs --self-test: the application drives its own
 * window as a user would (clicking Start and Cancel buttons), checks what
 * the widgets show, takes screenshots, and prints the checks as TAP.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The steps run one after the other, each waiting for what it expects by
 * iterating the main context; everything else (the futures, the widgets,
 * the stall monitor) keeps running as it would without the test.
 */

#include "self-test.h"

#define SELF_TEST_DEADLINE_SECONDS 50
#define MAX_BUSY_USEC  (250 * 1000)
#define MAX_STALL_USEC (1000 * 1000)

static guint n_checks;
static guint n_failures;
static guint n_warnings;
static char *screenshot_path;

static void G_GNUC_PRINTF (2, 3)
check (gboolean    ok,
       const char *format,
       ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  n_checks++;
  if (!ok)
    n_failures++;
  g_print ("%s %u - %s\n", ok ? "ok" : "not ok", n_checks, what);
}

/* Counts warnings and criticals, whoever logs them, then logs as usual. */
static GLogWriterOutput
count_warnings (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    n_warnings++;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Waiting ------------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_deadline (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @condition holds or @timeout_ms passed. */
static gboolean
wait_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add (timeout_ms, on_deadline, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (deadline);
  return condition (data);
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelText;

static gboolean
label_says (gpointer data)
{
  LabelText *expected = data;

  return g_str_equal (gtk_label_get_label (expected->label), expected->text);
}

static gboolean
wait_for_label (GtkLabel   *label,
                const char *text,
                guint       timeout_ms)
{
  LabelText expected = { label, text };

  return wait_until (label_says, &expected, timeout_ms);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)--;
  return *frames > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
no_frames_left (gpointer data)
{
  return *(guint *) data == 0;
}

/* Lets the window draw @n frames, so that what changed is on screen. */
static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  guint frames = n;

  gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  if (!wait_until (no_frames_left, &frames, 5000))
    g_error ("The window drew no frame in 5 s");
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Reading the window ------------------------------------------------------- */

static gpointer
child (FjWindow   *window,
       const char *name)
{
  gpointer object = gtk_widget_get_template_child (GTK_WIDGET (window), FJ_TYPE_WINDOW, name);

  if (object == NULL)
    g_error ("The window has no %s", name);
  return object;
}

static const char *
label (FjWindow   *window,
       const char *name)
{
  return gtk_label_get_label (child (window, name));
}

static guint
n_rows (FjWindow   *window,
        const char *list_view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (child (window, list_view)));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  GtkWidget *c;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, text);
}

/* The text of every label under @name, a line each: what a user reads. */
static char *
text_of (FjWindow   *window,
         const char *name)
{
  GString *text = g_string_new ("\n");

  collect_text (child (window, name), text);
  return g_string_free (text, FALSE);
}

/* How many lines of @text, as text_of() makes it, are @line. */
static guint
n_lines (const char *text,
         const char *line)
{
  g_autofree char *needle = g_strdup_printf ("\n%s\n", line);
  const char *at;
  guint n = 0;

  for (at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

static GtkWidget *
first_button (GtkWidget *widget)
{
  GtkWidget *c, *button = NULL;

  if (GTK_IS_BUTTON (widget))
    return widget;
  for (c = gtk_widget_get_first_child (widget); c != NULL && button == NULL; c = gtk_widget_get_next_sibling (c))
    button = first_button (c);
  return button;
}

/* Clicks @name like a user: only if it is sensitive. */
static gboolean
click (FjWindow   *window,
       const char *name)
{
  GtkWidget *button = child (window, name);

  if (!gtk_widget_is_sensitive (button))
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

static gboolean
is_sensitive (FjWindow   *window,
              const char *name)
{
  return gtk_widget_is_sensitive (child (window, name));
}

/* Screenshots -------------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  GError   *error;
} Finished;

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Finished *finished = user_data;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &finished->error);
  finished->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Finished *) data)->done;
}

/* The X display as it is, by ImageMagick's import. */
static gboolean
import_display (const char  *path,
                GError     **error)
{
  g_autoptr(GSubprocess) import = NULL;
  Finished finished = { FALSE, NULL };

  import = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, error,
                             "import", "-window", "root", path, NULL);
  if (import == NULL)
    return FALSE;
  /* Waited for without blocking: the window keeps drawing meanwhile. */
  g_subprocess_wait_check_async (import, NULL, on_import_done, &finished);
  if (!wait_until (is_done, &finished, 20000))
    {
      g_subprocess_force_exit (import);
      if (!wait_until (is_done, &finished, 5000))
        g_error ("import does not exit");
      g_clear_error (&finished.error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "import took over 20 s");
      return FALSE;
    }
  if (finished.error != NULL)
    {
      g_propagate_error (error, finished.error);
      return FALSE;
    }
  return TRUE;
}

/* The window as GTK renders it: for displays import cannot read. */
static gboolean
render_window (GtkWidget  *window,
               const char *path)
{
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

static void
screenshot (FjWindow   *window,
            const char *suffix)
{
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved;
  const char *how = "of the X display, by import";

  if (screenshot_path == NULL)
    return;

  base = g_str_has_suffix (screenshot_path, ".png")
         ? g_strndup (screenshot_path, strlen (screenshot_path) - 4)
         : g_strdup (screenshot_path);
  path = g_strconcat (base, suffix, ".png", NULL);

  wait_frames (GTK_WIDGET (window), 2);
  saved = import_display (path, &error);
  if (!saved)
    {
      g_print ("# import could not take the screenshot (%s): GTK renders the window instead\n",
               error->message);
      how = "of the window, rendered by GTK";
      saved = render_window (GTK_WIDGET (window), path);
    }
  check (saved && g_file_test (path, G_FILE_TEST_IS_REGULAR),
         "screenshot %s: %s", how, path);
}

/* The test ----------------------------------------------------------------- */

static gboolean
on_watchdog (gpointer user_data)
{
  g_print ("not ok %u - the self-test did not finish within %d s\n",
           ++n_checks, SELF_TEST_DEADLINE_SECONDS);
  g_print ("Bail out! timed out\n");
  exit (1);
}

static gboolean
run (gpointer user_data)
{
  FjWindow *window = user_data;
  g_autoptr(FuturesExecutor) executor = g_object_ref (fj_window_get_executor (window));
  g_autoptr(FuturesFuture) last = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stall_text = NULL;
  guint watchdog = g_timeout_add_seconds (SELF_TEST_DEADLINE_SECONDS, on_watchdog, NULL);
  GtkWidget *row_cancel;
  gint64 stall, busy;

  check (wait_until (is_mapped, window, 10000), "the window is shown");
  wait_frames (GTK_WIDGET (window), 2);
  check (n_rows (window, "jobs_view") == 0 && g_str_equal (label (window, "jobs_count"), "0 live futures"),
         "the jobs panel starts empty");

  /* Every kind of job at once. */
  check (click (window, "iteration_start") && click (window, "progress_start") &&
         click (window, "flood_start") && click (window, "call_start"),
         "the four Start buttons can be clicked");
  check (g_list_model_get_n_items (G_LIST_MODEL (executor)) == 4 && n_rows (window, "jobs_view") == 4 &&
         g_str_equal (label (window, "jobs_count"), "4 live futures"),
         "the jobs panel's model has the four submitted futures");
  check (!is_sensitive (window, "call_start"), "a running job's Start button is insensitive");

  check (wait_for_label (child (window, "call_state"), "executing", 10000),
         "the call job's state label follows its future: executing");
  check (is_sensitive (window, "call_cancel"), "the call job's Cancel button is sensitive while it runs");
  wait_frames (GTK_WIDGET (window), 2);
  text = text_of (window, "jobs_view");
  check (n_lines (text, "FuturesCallFuture") == 1 && n_lines (text, "FuturesIterationFuture") == 2 &&
         n_lines (text, "FuturesProgressFuture") == 1 && n_lines (text, "executing") >= 1,
         "the jobs panel shows each live future's type and state");
  g_clear_pointer (&text, g_free);

  /* Cancel one. */
  check (click (window, "call_cancel") && g_str_equal (label (window, "call_state"), "cancelling"),
         "cancelling the call job: its state label says cancelling at once");
  check (wait_for_label (child (window, "call_state"), "cancelled", 10000),
         "then cancelled, once the worker stopped");
  check (!is_sensitive (window, "call_cancel") && is_sensitive (window, "call_start"),
         "the cancelled job's Cancel button is insensitive, its Start button sensitive again");
  check (g_str_has_prefix (label (window, "call_result"), "cancelled after "),
         "the call's result label says it was cancelled (futures_future_wait_async)");
  wait_frames (GTK_WIDGET (window), 2);
  text = text_of (window, "jobs_view");
  check (n_lines (text, "FuturesCallFuture") == 0, "the cancelled future left the jobs panel");
  g_clear_pointer (&text, g_free);
  screenshot (window, "-running");

  /* Run the call again, and let every job finish. */
  check (click (window, "call_start"), "the call job starts again");
  check (wait_for_label (child (window, "call_state"), "completed", 30000),
         "the call job's state label says completed");
  check (g_str_has_prefix (label (window, "call_result"), "283146 primes below 4000000"),
         "the call's result is shown: %s", label (window, "call_result"));

  check (wait_for_label (child (window, "iteration_state"), "completed", 30000),
         "the iteration job completed");
  check (n_rows (window, "iteration_view") == 200 && g_str_equal (label (window, "iteration_count"), "200 items"),
         "the iteration's list view has the 200 items streamed");
  wait_frames (GTK_WIDGET (window), 2);
  text = text_of (window, "iteration_view");
  check (n_lines (text, "prime #1 is 2") == 1, "its rows show the items' text");
  g_clear_pointer (&text, g_free);

  check (wait_for_label (child (window, "progress_state"), "completed", 30000),
         "the progress job completed");
  check (gtk_progress_bar_get_fraction (child (window, "progress_bar")) == 1.0 &&
         g_strcmp0 (gtk_progress_bar_get_text (child (window, "progress_bar")), "step 100 of 100") == 0,
         "the progress bar reached 1.0, showing the last step's text");

  check (wait_for_label (child (window, "flood_state"), "completed", 40000),
         "the flood job completed");
  check (n_rows (window, "flood_view") == 1000000 &&
         g_str_has_prefix (label (window, "flood_count"), "1000000 items in "),
         "the flood's list view has all 1000000 items: %s", label (window, "flood_count"));
  /* The stall is what a user feels, but on a loaded machine it is mostly
   * the time the system ran other threads and processes; the busy time,
   * the main thread's own CPU time in that gap, is the application's. */
  fj_window_get_flood_stall (window, &stall, &busy);
  g_print ("# longest main-loop stall during the flood: %.1f ms (busy %.1f ms)\n",
           stall / 1000.0, busy / 1000.0);
  check (busy > 0 && busy < MAX_BUSY_USEC,
         "the window stayed responsive during the flood: the main loop was never busy over %d ms at a stretch (%.1f ms)",
         MAX_BUSY_USEC / 1000, busy / 1000.0);
  check (stall < MAX_STALL_USEC,
         "nor stalled over %d ms, counting the time other threads had the CPU (%.1f ms)",
         MAX_STALL_USEC / 1000, stall / 1000.0);
  stall_text = g_strdup_printf ("main loop: longest stall %.1f ms, busy %.1f ms",
                                stall / 1000.0, busy / 1000.0);
  check (g_str_equal (label (window, "flood_stall"), stall_text), "the window shows those figures");

  wait_frames (GTK_WIDGET (window), 2);
  check (futures_executor_get_n_futures (executor) == 0 && n_rows (window, "jobs_view") == 0 &&
         g_str_equal (label (window, "jobs_count"), "0 live futures"),
         "the jobs panel is empty once every job is done");
  screenshot (window, "");

  /* Cancel from the jobs panel this time. */
  check (click (window, "iteration_start"), "the iteration job starts again");
  wait_frames (GTK_WIDGET (window), 2);
  row_cancel = first_button (child (window, "jobs_view"));
  check (row_cancel != NULL && gtk_widget_is_sensitive (row_cancel),
         "its row in the jobs panel has a sensitive Cancel button");
  if (row_cancel != NULL)
    g_signal_emit_by_name (row_cancel, "clicked");
  check (wait_for_label (child (window, "iteration_state"), "cancelled", 10000),
         "clicking it cancels the job: its card says cancelled");

  /* Close the window while a job runs: the executor stops first. */
  check (click (window, "progress_start") &&
         wait_for_label (child (window, "progress_state"), "executing", 10000),
         "a new progress job runs");
  last = g_list_model_get_item (G_LIST_MODEL (executor), 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  check (window != NULL && futures_executor_get_state (executor) == FUTURES_EXECUTOR_STATE_STOPPING,
         "closing the window stops the executor, the window still open");
  check (wait_until (is_null, &window, 10000) && futures_executor_get_stopped (executor),
         "the window closed once the executor was STOPPED (futures_executor_shutdown_async)");
  check (last != NULL && futures_future_get_state (last) == FUTURES_FUTURE_STATE_CANCELLED,
         "the job that was running ended cancelled");

  check (n_warnings == 0, "no warnings or criticals were logged");
  g_print ("1..%u\n", n_checks);

  g_source_remove (watchdog);
  return G_SOURCE_REMOVE;
}

/* Starts the self-test of @window once the main loop runs. */
void
fj_self_test_start (FjWindow   *window,
                    const char *screenshot)
{
  g_log_set_writer_func (count_warnings, NULL, NULL);
  screenshot_path = g_strdup (screenshot);
  g_idle_add (run, window);
}

/* Whether every check passed. */
gboolean
fj_self_test_passed (void)
{
  return n_checks > 0 && n_failures == 0;
}
