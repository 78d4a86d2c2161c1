/* futures-progress-future.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-future-private.h"
#include "futures-progress-future.h"
#include "futures-task-private.h"

/**
 * SECTION:futures-progress-future
 * @Title: FuturesProgressFuture
 * @Short_description: The future of a task that reports progress
 * @See_also: futures_executor_submit_progress(),
 *   futures_task_report_progress()
 *
 * A #FuturesProgressFuture follows a task that reports its progress with
 * futures_task_report_progress(). Each report updates
 * #FuturesProgressFuture:fraction and #FuturesProgressFuture:text (with a
 * notification of each that changed, once both hold the report) and
 * emits #FuturesProgressFuture::progress, all in the main context. Bind
 * a `GtkProgressBar` to it:
 *
 * |[<!-- language="C" -->
 * g_object_bind_property (future, "fraction", bar, "fraction", G_BINDING_SYNC_CREATE);
 * g_object_bind_property (future, "text", bar, "text", G_BINDING_SYNC_CREATE);
 * ]|
 *
 * A report made after the future was cancelled returns %FALSE in the
 * task, which should then return; the future ends CANCELLED.
 */

/**
 * FuturesProgressFuture:
 *
 * The future of a task that reports progress. An opaque object: use the
 * functions, properties and signal below, and those of #FuturesFuture.
 */

struct _FuturesProgressFuture
{
  FuturesFuture  parent_instance;
  double         fraction;
  char          *text;
};

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static const char *progress_kind;

G_DEFINE_FINAL_TYPE (FuturesProgressFuture, futures_progress_future, FUTURES_TYPE_FUTURE)

static void
futures_progress_future_dispatch (FuturesFuture *future,
                                  const char    *kind,
                                  const GValue  *value)
{
  FuturesProgressFuture *self = FUTURES_PROGRESS_FUTURE (future);
  GVariant *report;
  const char *text = NULL;
  g_autofree char *owned_text = NULL;
  double fraction;

  if (kind != progress_kind)
    {
      FUTURES_FUTURE_CLASS (futures_progress_future_parent_class)->dispatch (future, kind, value);
      return;
    }

  if (G_IS_VALUE (value))
    {
      /* From a worker process: the values travel with the report. The
       * worker is another program (or a task that called
       * futures_task_send() with this kind itself): a report of any other
       * form is dropped, where reading it used to log criticals and emit
       * an uninitialized fraction. */
      report = G_VALUE_HOLDS_VARIANT (value) ? g_value_get_variant (value) : NULL;
      if (report == NULL || !g_variant_is_of_type (report, G_VARIANT_TYPE ("(dms)")))
        {
          g_warning ("FuturesProgressFuture: dropping a progress report of type %s: "
                     "a report is a GVariant of type (dms)",
                     report != NULL ? g_variant_get_type_string (report)
                                    : G_VALUE_TYPE_NAME (value));
          return;
        }
      g_variant_get (report, "(dm&s)", &fraction, &text);
    }
  else
    {
      /* A marker: the latest report waits in the task. */
      futures_task_take_progress (futures_future_get_task (future), &fraction, &owned_text);
      text = owned_text;
    }

  /* Both properties change before either is notified: a handler of one,
   * or a binding of both, never sees half a report. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[PROGRESS], 0, fraction, text);
}

static void
futures_progress_future_finalize (GObject *object)
{
  FuturesProgressFuture *self = FUTURES_PROGRESS_FUTURE (object);

  g_free (self->text);

  G_OBJECT_CLASS (futures_progress_future_parent_class)->finalize (object);
}

static void
futures_progress_future_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FuturesProgressFuture *self = FUTURES_PROGRESS_FUTURE (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_progress_future_class_init (FuturesProgressFutureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FuturesFutureClass *future_class = FUTURES_FUTURE_CLASS (klass);

  object_class->finalize = futures_progress_future_finalize;
  object_class->get_property = futures_progress_future_get_property;
  future_class->dispatch = futures_progress_future_dispatch;
  progress_kind = g_intern_static_string (FUTURES_KIND_PROGRESS);

  /**
   * FuturesProgressFuture:fraction:
   *
   * The latest reported fraction of the work done, from 0.0 to 1.0.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * FuturesProgressFuture:text:
   *
   * The latest reported description of the step, or %NULL.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FuturesProgressFuture::progress:
   * @self: the future
   * @fraction: the fraction of the work done, from 0.0 to 1.0
   * @text: (nullable): the description of the step, or %NULL
   *
   * Emitted in the main context for each progress report of the task,
   * after the properties were updated.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  2,
                  G_TYPE_DOUBLE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
futures_progress_future_init (FuturesProgressFuture *self)
{
}

/**
 * futures_progress_future_get_fraction:
 * @self: a #FuturesProgressFuture
 *
 * Gets the #FuturesProgressFuture:fraction property.
 *
 * Returns: the latest reported fraction
 */
double
futures_progress_future_get_fraction (FuturesProgressFuture *self)
{
  g_return_val_if_fail (FUTURES_IS_PROGRESS_FUTURE (self), 0.0);

  return self->fraction;
}

/**
 * futures_progress_future_get_text:
 * @self: a #FuturesProgressFuture
 *
 * Gets the #FuturesProgressFuture:text property.
 *
 * Returns: (nullable): the latest reported description
 */
const char *
futures_progress_future_get_text (FuturesProgressFuture *self)
{
  g_return_val_if_fail (FUTURES_IS_PROGRESS_FUTURE (self), NULL);

  return self->text;
}
