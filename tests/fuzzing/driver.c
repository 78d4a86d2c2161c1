/* driver.c: replays fuzz inputs without libFuzzer
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"

/* usage: fuzz-TARGET FILE-OR-DIRECTORY...
 *
 * Runs LLVMFuzzerTestOneInput() once on every file named, and on every
 * file in every directory named (in name order), and reports each as a
 * TAP test case. This is how the normal test build replays the corpus
 * in tests/fuzzing/corpus/; a fuzzing build (-Dfuzzing=true) links
 * libFuzzer's own main() instead. A finding aborts the program, which
 * the test harness counts as a failure. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_path (GPtrArray  *files,
          const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (dir == NULL)
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_extend_and_steal (files, g_steal_pointer (&names));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint failed = 0;
  int i;

  for (i = 1; i < argc; i++)
    add_path (files, argv[i]);

  printf ("1..%u\n", files->len);
  fflush (stdout);
  for (i = 0; i < (int) files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autofree char *label = g_path_get_basename (path);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize size;

      if (!g_file_get_contents (path, &contents, &size, &error))
        {
          printf ("not ok %d %s # %s\n", i + 1, label, error->message);
          failed++;
        }
      else
        {
          LLVMFuzzerTestOneInput ((const guint8 *) contents, size);
          printf ("ok %d %s\n", i + 1, label);
        }
      fflush (stdout);
    }

  return failed == 0 ? 0 : 1;
}
