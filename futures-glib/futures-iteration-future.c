/* futures-iteration-future.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-item-private.h"
#include "futures-iteration-future.h"
#include "futures-task-private.h"

/**
 * SECTION:futures-iteration-future
 * @Title: FuturesIterationFuture
 * @Short_description: The future of a producer of items
 * @See_also: futures_executor_submit_iteration(), futures_task_yield_value()
 *
 * A #FuturesIterationFuture follows a task that produces a sequence of
 * items with futures_task_yield_value(). Each item arrives, in order and
 * none lost, through the #FuturesIterationFuture::item signal in the main
 * context. The value the task finally returns, if any, is the future's
 * result.
 *
 * Cancelling the future stops the producer before its next item:
 * futures_task_yield_value() returns %FALSE from then on, and items
 * already on their way are dropped.
 *
 * For a list view, futures_iteration_future_get_items() gives the items
 * as a #GListModel of #FuturesItem that grows by a whole batch at a time:
 * one #GListModel::items-changed for all the items that arrived in one
 * main loop iteration, however many thousands that is. Items that arrive
 * together with the end of the task are in the model before
 * #FuturesFuture:done is notified.
 */

/**
 * FuturesIterationFuture:
 *
 * The future of a producer of items. An opaque object: use the functions
 * and the signal below, and those of #FuturesFuture.
 */

/* The items model: the values of the items received, made into
 * FuturesItem objects only when asked for (a list view asks for the few
 * rows it shows). Values past n_visible arrived since the last batch was
 * published. Main context only. */
#define FUTURES_TYPE_ITEM_LIST (futures_item_list_get_type ())
G_DECLARE_FINAL_TYPE (FuturesItemList, futures_item_list, FUTURES, ITEM_LIST, GObject)

struct _FuturesItemList
{
  GObject    parent_instance;
  GArray    *values;     /* of GValue */
  GPtrArray *objects;    /* of FuturesItem, or NULL where not made yet */
  guint      n_visible;
  GSource   *publish;    /* pending publication of the batch */
};

static void
futures_item_list_clear_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static GType
futures_item_list_get_item_type (GListModel *model)
{
  return FUTURES_TYPE_ITEM;
}

static guint
futures_item_list_get_n_items (GListModel *model)
{
  return FUTURES_ITEM_LIST (model)->n_visible;
}

static gpointer
futures_item_list_get_item (GListModel *model,
                            guint       position)
{
  FuturesItemList *self = FUTURES_ITEM_LIST (model);

  if (position >= self->n_visible)
    return NULL;

  if (self->objects->len <= position)
    g_ptr_array_set_size (self->objects, self->n_visible);
  if (self->objects->pdata[position] == NULL)
    self->objects->pdata[position] = futures_item_new (&g_array_index (self->values, GValue, position),
                                                       position);

  return g_object_ref (self->objects->pdata[position]);
}

static void
futures_item_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = futures_item_list_get_item_type;
  iface->get_n_items = futures_item_list_get_n_items;
  iface->get_item = futures_item_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (FuturesItemList, futures_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      futures_item_list_model_iface_init))

/* Makes the items that arrived since the last batch visible, with one
 * items-changed. */
static void
futures_item_list_publish (FuturesItemList *self)
{
  guint first = self->n_visible;

  if (self->publish != NULL)
    {
      g_source_destroy (self->publish);
      g_clear_pointer (&self->publish, g_source_unref);
    }

  if (self->values->len == first)
    return;

  self->n_visible = self->values->len;
  g_list_model_items_changed (G_LIST_MODEL (self), first, 0, self->n_visible - first);
}

static gboolean
futures_item_list_publish_cb (gpointer user_data)
{
  futures_item_list_publish (user_data);
  return G_SOURCE_REMOVE;
}

static void
futures_item_list_append (FuturesItemList *self,
                          const GValue    *value)
{
  GValue *slot;

  g_array_set_size (self->values, self->values->len + 1);
  slot = &g_array_index (self->values, GValue, self->values->len - 1);
  g_value_init (slot, G_VALUE_TYPE (value));
  g_value_copy (value, slot);

  /* The batch is published once this main loop iteration has delivered
   * what it will: before the next redraw (GTK draws at
   * G_PRIORITY_HIGH_IDLE + 20). */
  if (self->publish == NULL)
    {
      GSource *current = g_main_current_source ();
      g_autoptr(GMainContext) context = current != NULL
                                        ? g_main_context_ref (g_source_get_context (current))
                                        : g_main_context_ref_thread_default ();

      self->publish = g_idle_source_new ();
      g_source_set_priority (self->publish, G_PRIORITY_HIGH_IDLE);
      g_source_set_static_name (self->publish, "[futures-glib] items model batch");
      /* The source does not keep the model: the model destroys it. */
      g_source_set_callback (self->publish, futures_item_list_publish_cb, self, NULL);
      g_source_attach (self->publish, context);
    }
}

static void
futures_item_list_dispose (GObject *object)
{
  FuturesItemList *self = FUTURES_ITEM_LIST (object);

  if (self->publish != NULL)
    {
      g_source_destroy (self->publish);
      g_clear_pointer (&self->publish, g_source_unref);
    }

  G_OBJECT_CLASS (futures_item_list_parent_class)->dispose (object);
}

static void
futures_item_list_finalize (GObject *object)
{
  FuturesItemList *self = FUTURES_ITEM_LIST (object);

  g_array_unref (self->values);
  g_ptr_array_unref (self->objects);

  G_OBJECT_CLASS (futures_item_list_parent_class)->finalize (object);
}

static void
futures_item_list_class_init (FuturesItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = futures_item_list_dispose;
  object_class->finalize = futures_item_list_finalize;
}

static void
futures_item_list_init (FuturesItemList *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_array_set_clear_func (self->values, (GDestroyNotify) g_value_unset);
  /* Slots of items never asked for stay NULL. */
  self->objects = g_ptr_array_new_with_free_func (futures_item_list_clear_item);
}

struct _FuturesIterationFuture
{
  FuturesFuture    parent_instance;
  guint64          n_items;
  FuturesItemList *items;   /* made on demand */
};

enum {
  PROP_0,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static const char *item_kind;

G_DEFINE_FINAL_TYPE (FuturesIterationFuture, futures_iteration_future, FUTURES_TYPE_FUTURE)

static void
futures_iteration_future_dispatch (FuturesFuture *future,
                                   const char    *kind,
                                   const GValue  *value)
{
  FuturesIterationFuture *self = FUTURES_ITERATION_FUTURE (future);

  /* Kinds are interned strings: a pointer comparison suffices. */
  if (kind != item_kind)
    {
      FUTURES_FUTURE_CLASS (futures_iteration_future_parent_class)->dispatch (future, kind, value);
      return;
    }

  self->n_items++;
  if (self->items != NULL)
    futures_item_list_append (self->items, value);
  g_signal_emit (self, signals[ITEM], 0, value);
}

/* The class handler of GObject::notify runs before any connected
 * handler: the last batch is in the model before done is told. */
static void
futures_iteration_future_notify (GObject    *object,
                                 GParamSpec *pspec)
{
  FuturesIterationFuture *self = FUTURES_ITERATION_FUTURE (object);

  if (self->items != NULL && futures_future_get_done (FUTURES_FUTURE (self)))
    futures_item_list_publish (self->items);

  if (G_OBJECT_CLASS (futures_iteration_future_parent_class)->notify != NULL)
    G_OBJECT_CLASS (futures_iteration_future_parent_class)->notify (object, pspec);
}

static void
futures_iteration_future_dispose (GObject *object)
{
  FuturesIterationFuture *self = FUTURES_ITERATION_FUTURE (object);

  g_clear_object (&self->items);

  G_OBJECT_CLASS (futures_iteration_future_parent_class)->dispose (object);
}

static void
futures_iteration_future_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FuturesIterationFuture *self = FUTURES_ITERATION_FUTURE (object);

  switch (prop_id)
    {
    case PROP_ITEMS:
      g_value_set_object (value, futures_iteration_future_get_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_iteration_future_class_init (FuturesIterationFutureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FuturesFutureClass *future_class = FUTURES_FUTURE_CLASS (klass);

  object_class->dispose = futures_iteration_future_dispose;
  object_class->get_property = futures_iteration_future_get_property;
  object_class->notify = futures_iteration_future_notify;
  future_class->dispatch = futures_iteration_future_dispatch;
  item_kind = g_intern_static_string (FUTURES_KIND_ITEM);

  /**
   * FuturesIterationFuture:items:
   *
   * The items received, as a #GListModel of #FuturesItem; see
   * futures_iteration_future_get_items(). Reading the property makes the
   * model, as calling that function does.
   */
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FuturesIterationFuture::item:
   * @self: the future
   * @value: the item, as passed to futures_task_yield_value() (valid during
   *   the emission only)
   *
   * Emitted in the main context for each item the task yields, in order.
   */
  signals[ITEM] =
    g_signal_new ("item",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  1,
                  G_TYPE_VALUE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
futures_iteration_future_init (FuturesIterationFuture *self)
{
}

/**
 * futures_iteration_future_get_n_items:
 * @self: a #FuturesIterationFuture
 *
 * Gets how many items were delivered so far.
 *
 * Returns: the number of #FuturesIterationFuture::item emissions
 */
guint64
futures_iteration_future_get_n_items (FuturesIterationFuture *self)
{
  g_return_val_if_fail (FUTURES_IS_ITERATION_FUTURE (self), 0);

  return self->n_items;
}

/**
 * futures_iteration_future_get_items:
 * @self: a #FuturesIterationFuture
 *
 * Gets the items received as a #GListModel of #FuturesItem, which grows
 * by one #GListModel::items-changed per batch (all the items delivered in
 * one main loop iteration), ready for a `GtkListView`.
 *
 * The model is made by the first call and holds the items that arrive
 * from then on: call this right after submitting (before the main loop
 * runs again) to have every item. Until then items are not kept, so a
 * future used through #FuturesIterationFuture::item only costs nothing
 * more. The model keeps a copy of every item for as long as it lives.
 *
 * Returns: (transfer none): the model, owned by @self
 */
GListModel *
futures_iteration_future_get_items (FuturesIterationFuture *self)
{
  g_return_val_if_fail (FUTURES_IS_ITERATION_FUTURE (self), NULL);

  if (self->items == NULL)
    self->items = g_object_new (FUTURES_TYPE_ITEM_LIST, NULL);

  return G_LIST_MODEL (self->items);
}
