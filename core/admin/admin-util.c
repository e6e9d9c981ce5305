/* admin-util.c — what every hotich-admin command shares: options, opening
 * the register, reporting errors, reading bounded lines, a progress bar.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hotich-admin"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ht-date.h"
#include "ht-cli.h"
#include "ht-error.h"
#include "ht-kinds.h"
#include "admin.h"

/* ---- Messages ---- */

void
admin_error (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  ht_cli_error_valist ("hotich-admin", format, args);
  va_end (args);
}

int
admin_usage_error (const char *command,
                   const char *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  ht_cli_usage_error_valist ("hotich-admin", command, format, args);
  va_end (args);
  return ADMIN_EXIT_USAGE;
}

void
admin_report_error (const char   *path,
                    const GError *error)
{
  /* Only a problem of the file itself needs its path, and the store's
   * messages often name it already: saying it twice makes a long line that
   * is harder to read, not clearer. */
  gboolean about_file = error->domain != HT_ERROR ||
                        error->code == HT_ERROR_DATABASE || error->code == HT_ERROR_CORRUPT ||
                        error->code == HT_ERROR_IO;

  if (about_file && path != NULL && strstr (error->message, path) == NULL)
    admin_error ("%s: %s", path, error->message);
  else
    admin_error ("%s", error->message);
}

void
admin_print_issue (FILE          *out,
                   guint64        line,
                   const HtIssue *issue)
{
  const char *field = issue->field ? issue->field : "";
  const char *message = issue->message ? issue->message : issue->code;
  unsigned long long n = line;

  if (line == 0 && issue->severity == HT_SEVERITY_WARNING)
    fprintf (out, _("warning: %s: %s\n"), field, message);
  else if (line == 0)
    fprintf (out, "%s: %s\n", field, message);
  /* TRANSLATORS: keep "line N: warning: field: message" in this shape;
   * scripts read it. */
  else if (issue->severity == HT_SEVERITY_WARNING)
    fprintf (out, _("line %llu: warning: %s: %s\n"), n, field, message);
  else
    fprintf (out, _("line %llu: %s: %s\n"), n, field, message);
}

/* ---- Options ---- */

static gboolean
db_option_cb (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  AdminGlobals *globals = data;

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs the path of a register file"), option_name);
      return FALSE;
    }
  g_free (globals->db_path);
  globals->db_path = g_strdup (value);
  return TRUE;
}

/* Wraps a paragraph at "width" characters on spaces, so that translated
 * help texts need no line breaks of their own. */
static char *
wrap_text (const char *text,
           guint       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *out = g_string_new (NULL);
  guint column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = g_utf8_strlen (words[i], -1);

      /* Two spaces between sentences leave an empty word; keep it as a
       * space unless it falls at a line break. */
      if (column > 0 && column + 1 + len > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
          if (len == 0)
            continue;
        }
      else if (column > 0 || (i > 0 && len == 0))
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += len;
    }
  return g_string_free (out, FALSE);
}

GOptionContext *
admin_option_context_new (AdminGlobals       *globals,
                          const char         *parameters,
                          const char         *summary,
                          const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  GOptionGroup *main_group = g_option_group_new (NULL, NULL, NULL, globals, NULL);
  char *wrapped;
  const GOptionEntry db_entries[] = {
    { "db", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) db_option_cb,
      N_("The register file (default: $XDG_DATA_HOME/hotich/registry.db)"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };

  g_option_group_set_translation_domain (main_group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, main_group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  wrapped = wrap_text (summary, 76);
  g_option_context_set_summary (context, wrapped);
  g_free (wrapped);
  wrapped = wrap_text (_("Exit status: 0 success; 1 invalid data (nothing stored), a failed check, "
                         "a record not found or an error of the register file; 2 a bad command line."),
                       76);
  g_option_context_set_description (context, wrapped);
  g_free (wrapped);
  return context;
}

gboolean
admin_option_parse (GOptionContext *context,
                    const char     *command,
                    int            *argc,
                    char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      admin_usage_error (command, "%s", error->message);
      return FALSE;
    }
  /* GOption leaves "--" in place when it ends the options; it is not an
   * argument. */
  for (int i = 1; i < *argc; i++)
    if (strcmp ((*argv)[i], "--") == 0)
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }
  return TRUE;
}

gboolean
admin_check_kind (const char *command,
                  const char *option,
                  const char *value)
{
  g_autoptr(GString) known = NULL;

  if (value == NULL || ht_kinds_lookup (value) != NULL)
    return TRUE;
  known = g_string_new (NULL);
  for (const HtKind *const *k = ht_kinds_all (); *k != NULL; k++)
    g_string_append_printf (known, "%s%s", known->len ? ", " : "", (*k)->code);
  admin_usage_error (command, _("%s: “%s” is not a kind; the kinds are %s"), option, value, known->str);
  return FALSE;
}

gboolean
admin_parse_date_option (const char *command,
                         const char *option,
                         const char *value,
                         GDate      *out)
{
  g_date_clear (out, 1);
  if (value == NULL)
    return TRUE;
  if (!ht_date_parse (value, out))
    {
      admin_usage_error (command, _("%s: “%s” is not a valid date (YYYY-MM-DD)"), option, value);
      return FALSE;
    }
  return TRUE;
}

/* ---- The register ---- */

const char *
admin_db_path (AdminGlobals *globals)
{
  if (globals->db_path == NULL)
    globals->db_path = ht_store_default_path ();
  return globals->db_path;
}

HtStore *
admin_open_store (AdminGlobals *globals)
{
  const char *path = admin_db_path (globals);
  g_autoptr(GError) error = NULL;
  HtStore *store;

  /* Opening a missing file must not create an empty one: say what to do. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      admin_error (_("there is no register at %s (create one with “hotich-admin init --office CODE”)"),
                   path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      admin_error (_("%s is a directory, not a register file"), path);
      return NULL;
    }
  store = ht_store_open (path, &error);
  if (store == NULL)
    admin_report_error (path, error);
  return store;
}

/* ---- Bounded line reader ---- */

/* The buffer holds one longest line plus a read's worth, so a line at the
 * limit is always seen whole together with its end of line. */
#define READ_CHUNK (256 * 1024)

struct _AdminLineReader
{
  int      fd;
  gboolean owns_fd;
  char    *name;
  char    *buf;
  gsize    cap;
  gsize    start;   /* first byte not yet returned */
  gsize    scanned; /* bytes from start known to hold no newline */
  gsize    end;     /* end of the data read */
  gsize    max_line;
  gboolean eof;
  guint64  line_no;
  guint64  consumed;
  guint64  size;
};

AdminLineReader *
admin_line_reader_open (const char *path,
                        gsize       max_line,
                        GError    **error)
{
  g_autoptr(AdminLineReader) reader = g_new0 (AdminLineReader, 1);
  struct stat st;

  if (path == NULL || strcmp (path, "-") == 0)
    {
      reader->fd = STDIN_FILENO;
      reader->name = g_strdup (_("standard input"));
    }
  else
    {
      reader->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      if (reader->fd < 0)
        {
          int saved = errno;
          reader->fd = -1;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("cannot open %s: %s"), path, g_strerror (saved));
          return NULL;
        }
      reader->owns_fd = TRUE;
      reader->name = g_strdup (path);
    }
  if (fstat (reader->fd, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                       _("%s is a directory, not a file"), reader->name);
          return NULL;
        }
      if (S_ISREG (st.st_mode))
        reader->size = st.st_size;
    }
  reader->max_line = max_line;
  reader->cap = max_line + READ_CHUNK;
  reader->buf = g_malloc (reader->cap);
  return g_steal_pointer (&reader);
}

void
admin_line_reader_free (AdminLineReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->owns_fd && reader->fd >= 0)
    close (reader->fd);
  g_free (reader->buf);
  g_free (reader->name);
  g_free (reader);
}

guint64
admin_line_reader_position (AdminLineReader *reader)
{
  return reader->consumed;
}

guint64
admin_line_reader_size (AdminLineReader *reader)
{
  return reader->size;
}

/* Reads into buf[end..cap); FALSE on a read error. */
static gboolean
fill (AdminLineReader  *reader,
      GError          **error)
{
  gssize n;

  do
    n = read (reader->fd, reader->buf + reader->end, reader->cap - reader->end);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("cannot read %s: %s"), reader->name, g_strerror (saved));
      return FALSE;
    }
  if (n == 0)
    reader->eof = TRUE;
  reader->end += n;
  return TRUE;
}

/* Drops the rest of an over-long line, up to and including its newline. */
static gboolean
skip_rest_of_line (AdminLineReader  *reader,
                   GError          **error)
{
  for (;;)
    {
      char *nl = memchr (reader->buf + reader->start, '\n', reader->end - reader->start);
      if (nl != NULL)
        {
          gsize next = nl - reader->buf + 1;
          reader->consumed += next - reader->start;
          reader->start = next;
          reader->scanned = 0;
          return TRUE;
        }
      reader->consumed += reader->end - reader->start;
      reader->start = reader->end = reader->scanned = 0;
      if (reader->eof)
        return TRUE;
      if (!fill (reader, error))
        return FALSE;
    }
}

gboolean
admin_line_reader_next (AdminLineReader *reader,
                        const char     **line,
                        gsize           *length,
                        guint64         *line_no,
                        gboolean        *too_long,
                        GError         **error)
{
  *line = NULL;
  *length = 0;
  *too_long = FALSE;

  for (;;)
    {
      char *from = reader->buf + reader->start + reader->scanned;
      char *nl = memchr (from, '\n', reader->end - reader->start - reader->scanned);
      gsize len;

      if (nl != NULL || (reader->eof && reader->start < reader->end))
        {
          char *text = reader->buf + reader->start;
          len = nl != NULL ? (gsize) (nl - text) : reader->end - reader->start;
          reader->consumed += len + (nl != NULL ? 1 : 0);
          reader->start += len + (nl != NULL ? 1 : 0);
          reader->scanned = 0;
          *line_no = ++reader->line_no;
          /* Files written on Windows end their lines with CR LF. */
          if (len > 0 && text[len - 1] == '\r')
            len--;
          if (len > reader->max_line)
            {
              *too_long = TRUE;
              return TRUE;
            }
          *line = text;
          *length = len;
          return TRUE;
        }
      if (reader->eof)
        return FALSE;

      reader->scanned = reader->end - reader->start;
      if (reader->scanned > reader->max_line + 1)
        {
          /* Keeping the line would need an unbounded buffer: count it,
           * report it as too long and go on after it. */
          *line_no = ++reader->line_no;
          *too_long = TRUE;
          reader->consumed += reader->end - reader->start;
          reader->start = reader->end = reader->scanned = 0;
          return skip_rest_of_line (reader, error);
        }
      if (reader->start > 0)
        {
          memmove (reader->buf, reader->buf + reader->start, reader->end - reader->start);
          reader->end -= reader->start;
          reader->start = 0;
        }
      if (!fill (reader, error))
        return FALSE;
    }
}

/* ---- Progress bar ---- */

#define BAR_WIDTH 30
#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 8)

struct _AdminProgress
{
  char    *label;
  gboolean enabled;
  gboolean drawn;
  gint64   last_draw;
};

AdminProgress *
admin_progress_new (const char *label)
{
  AdminProgress *progress = g_new0 (AdminProgress, 1);

  progress->label = g_strdup (label);
  progress->enabled = isatty (STDERR_FILENO);
  return progress;
}

void
admin_progress_update (AdminProgress *progress,
                       guint64        done,
                       guint64        total)
{
  gint64 now;

  if (progress == NULL || !progress->enabled)
    return;
  now = g_get_monotonic_time ();
  if (progress->drawn && now - progress->last_draw < REDRAW_INTERVAL_US && done != total)
    return;
  progress->last_draw = now;
  progress->drawn = TRUE;

  if (total == 0)
    {
      fprintf (stderr, "\r%s: %llu", progress->label, (unsigned long long) done);
    }
  else
    {
      char bar[BAR_WIDTH + 1];
      guint64 shown = MIN (done, total);
      guint filled = (guint) (shown * BAR_WIDTH / total);

      memset (bar, '#', filled);
      memset (bar + filled, '.', BAR_WIDTH - filled);
      bar[BAR_WIDTH] = '\0';
      fprintf (stderr, "\r%-10s [%s] %3u%%", progress->label, bar, (guint) (shown * 100 / total));
    }
  fflush (stderr);
}

void
admin_progress_free (AdminProgress *progress)
{
  if (progress == NULL)
    return;
  /* Erase the bar so that what follows starts on a clean line. */
  if (progress->drawn)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
    }
  g_free (progress->label);
  g_free (progress);
}

void
admin_print_padded (const char *text,
                    guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  fputs (text, stdout);
  for (glong i = n; i < (glong) width; i++)
    fputc (' ', stdout);
}
