/* futures-i18n.c
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib.h>
#include <libintl.h>

#include "futures-i18n-private.h"

/* Binding the text domain lazily keeps library start-up free of work
 * and still works for programs that never call setlocale() (they then
 * get the untranslated English messages, as gettext intends). */
#if ENABLE_NLS
static void
futures_i18n_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialised, 1);
    }
}
#endif

const char *
futures_gettext (const char *msgid)
{
#if ENABLE_NLS
  futures_i18n_init ();
  return g_dgettext (GETTEXT_PACKAGE, msgid);
#else
  return msgid;
#endif
}

const char *
futures_ngettext (const char *msgid,
                  const char *msgid_plural,
                  gulong      n)
{
#if ENABLE_NLS
  futures_i18n_init ();
  return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
#else
  return n == 1 ? msgid : msgid_plural;
#endif
}
