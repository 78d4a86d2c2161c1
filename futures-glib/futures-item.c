/* futures-item.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-item.h"
#include "futures-item-private.h"

/**
 * SECTION:futures-item
 * @Title: FuturesItem
 * @Short_description: One item of an iteration future's list model
 * @See_also: futures_iteration_future_get_items()
 *
 * The list model of a #FuturesIterationFuture (see
 * futures_iteration_future_get_items()) holds a #FuturesItem for each
 * item the task yielded: its value, its position, and a text form of it
 * for labels. All three are read-only properties, so a list item of a
 * `GtkListView` can bind them, for instance from a `.ui` file:
 *
 * |[<!-- language="XML" -->
 * <object class="GtkLabel">
 *   <binding name="label">
 *     <lookup name="string" type="FuturesItem">
 *       <lookup name="item">GtkListItem</lookup>
 *     </lookup>
 *   </binding>
 * </object>
 * ]|
 */

/**
 * FuturesItem:
 *
 * One yielded item. An opaque object: use the functions and properties
 * below.
 */

struct _FuturesItem
{
  GObject  parent_instance;
  GValue   value;
  guint    position;
  char    *string;   /* made on first use */
};

enum {
  PROP_0,
  PROP_VALUE,
  PROP_POSITION,
  PROP_STRING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FuturesItem, futures_item, G_TYPE_OBJECT)

static void
futures_item_finalize (GObject *object)
{
  FuturesItem *self = FUTURES_ITEM (object);

  if (G_IS_VALUE (&self->value))
    g_value_unset (&self->value);
  g_free (self->string);

  G_OBJECT_CLASS (futures_item_parent_class)->finalize (object);
}

static void
futures_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FuturesItem *self = FUTURES_ITEM (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_boxed (value, &self->value);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_STRING:
      g_value_set_string (value, futures_item_get_string (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
futures_item_class_init (FuturesItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = futures_item_finalize;
  object_class->get_property = futures_item_get_property;

  /**
   * FuturesItem:value:
   *
   * The item as the task yielded it.
   */
  properties[PROP_VALUE] =
    g_param_spec_boxed ("value", NULL, NULL,
                        G_TYPE_VALUE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FuturesItem:position:
   *
   * Where the item is in the list model: the number of items yielded
   * before it.
   */
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FuturesItem:string:
   *
   * The item as text, for display: a string item itself, a #GVariant
   * printed (g_variant_print()), any other value that GLib can transform
   * to a string transformed, and otherwise a description of the value
   * (g_strdup_value_contents()).
   */
  properties[PROP_STRING] =
    g_param_spec_string ("string", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
futures_item_init (FuturesItem *self)
{
}

/* Copies @value. */
FuturesItem *
futures_item_new (const GValue *value,
                  guint         position)
{
  FuturesItem *self = g_object_new (FUTURES_TYPE_ITEM, NULL);

  g_value_init (&self->value, G_VALUE_TYPE (value));
  g_value_copy (value, &self->value);
  self->position = position;

  return self;
}

/**
 * futures_item_get_value:
 * @self: a #FuturesItem
 *
 * Gets the item as the task yielded it.
 *
 * Returns: (transfer none): the value, owned by @self
 */
const GValue *
futures_item_get_value (FuturesItem *self)
{
  g_return_val_if_fail (FUTURES_IS_ITEM (self), NULL);

  return &self->value;
}

/**
 * futures_item_get_position:
 * @self: a #FuturesItem
 *
 * Gets the #FuturesItem:position property.
 *
 * Returns: the item's position in its list model
 */
guint
futures_item_get_position (FuturesItem *self)
{
  g_return_val_if_fail (FUTURES_IS_ITEM (self), 0);

  return self->position;
}

/**
 * futures_item_get_string:
 * @self: a #FuturesItem
 *
 * Gets the #FuturesItem:string property: the item as text, for display.
 *
 * Returns: (transfer none): the text, owned by @self
 */
const char *
futures_item_get_string (FuturesItem *self)
{
  g_return_val_if_fail (FUTURES_IS_ITEM (self), NULL);

  if (self->string != NULL)
    return self->string;

  if (G_VALUE_HOLDS_STRING (&self->value))
    {
      const char *s = g_value_get_string (&self->value);

      self->string = g_strdup (s != NULL ? s : "");
    }
  else if (G_VALUE_HOLDS_VARIANT (&self->value))
    {
      GVariant *variant = g_value_get_variant (&self->value);

      self->string = variant != NULL ? g_variant_print (variant, FALSE) : g_strdup ("");
    }
  else if (g_value_type_transformable (G_VALUE_TYPE (&self->value), G_TYPE_STRING))
    {
      GValue text = G_VALUE_INIT;

      g_value_init (&text, G_TYPE_STRING);
      g_value_transform (&self->value, &text);
      self->string = g_value_dup_string (&text);
      g_value_unset (&text);
    }

  if (self->string == NULL)
    self->string = g_strdup_value_contents (&self->value);

  return self->string;
}
