/* sync-progress.c — what hotich-sync shows while a run works: a bar or plain lines.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A technician at a terminal sees one bar, redrawn in place; a script or a
 * log file gets one line per batch, which stays readable when several runs
 * are appended to the same file.
 */
#define G_LOG_DOMAIN "hotich-sync"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "sync-cli.h"

#define BAR_WIDTH 30
#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 8)

struct _SyncProgress
{
  gboolean    terminal;
  gboolean    verbose;
  gboolean    drawn;
  gint64      last_draw;
  HtSyncPhase phase;
  guint64     last_done;
};

SyncProgress *
sync_progress_new (gboolean verbose)
{
  SyncProgress *progress = g_new0 (SyncProgress, 1);

  progress->terminal = isatty (STDERR_FILENO);
  progress->verbose = verbose;
  progress->phase = (HtSyncPhase) -1;
  return progress;
}

void
sync_progress_clear (SyncProgress *progress)
{
  if (progress != NULL && progress->drawn)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      progress->drawn = FALSE;
    }
}

void
sync_progress_free (SyncProgress *progress)
{
  sync_progress_clear (progress);
  g_free (progress);
}

static const char *
phase_label (HtSyncPhase phase)
{
  switch (phase)
    {
    case HT_SYNC_PHASE_PUSH:
      return _("sending");
    case HT_SYNC_PHASE_NUMBERS:
      return _("numbers");
    case HT_SYNC_PHASE_PULL:
      return _("receiving");
    case HT_SYNC_PHASE_WAIT:
    default:
      return _("waiting");
    }
}

static void
draw_bar (SyncProgress *progress,
          HtSyncPhase   phase,
          guint64       done,
          guint64       total)
{
  if (phase == HT_SYNC_PHASE_WAIT)
    {
      fputs ("\r\033[K", stderr);
      fprintf (stderr, _("%-10s no answer (attempt %llu); trying again in %.1f s"), phase_label (phase),
               (unsigned long long) done, total / 1000.0);
    }
  else if (total == 0)
    fprintf (stderr, "\r\033[K%-10s %llu", phase_label (phase), (unsigned long long) done);
  else
    {
      char bar[BAR_WIDTH + 1];
      guint64 shown = MIN (done, total);
      guint filled = (guint) (shown * BAR_WIDTH / total);

      memset (bar, '#', filled);
      memset (bar + filled, '.', BAR_WIDTH - filled);
      bar[BAR_WIDTH] = '\0';
      fprintf (stderr, "\r\033[K%-10s [%s] %llu/%llu", phase_label (phase), bar, (unsigned long long) shown,
               (unsigned long long) total);
    }
  fflush (stderr);
  progress->drawn = TRUE;
}

static void
plain_line (HtSyncPhase phase,
            guint64     done,
            guint64     total)
{
  switch (phase)
    {
    case HT_SYNC_PHASE_PUSH:
      fprintf (stderr, _("push: %llu of %llu changes answered\n"), (unsigned long long) done,
               (unsigned long long) total);
      break;
    case HT_SYNC_PHASE_NUMBERS:
      fprintf (stderr, "%s\n", _("numbers: checking the stock of register numbers"));
      break;
    case HT_SYNC_PHASE_PULL:
      fprintf (stderr, _("pull: %llu changes received\n"), (unsigned long long) done);
      break;
    case HT_SYNC_PHASE_WAIT:
    default:
      fprintf (stderr, _("wait: no answer (attempt %llu); trying again in %.1f s\n"), (unsigned long long) done,
               total / 1000.0);
      break;
    }
  fflush (stderr);
}

void
sync_progress_update (SyncProgress *progress,
                      HtSyncPhase   phase,
                      guint64       done,
                      guint64       total)
{
  gint64 now = g_get_monotonic_time ();
  gboolean new_phase = phase != progress->phase;

  progress->phase = phase;
  if (!progress->terminal)
    {
      /* The start of a phase with nothing done yet says nothing new. */
      if (done > 0 || phase == HT_SYNC_PHASE_WAIT || phase == HT_SYNC_PHASE_NUMBERS)
        plain_line (phase, done, total);
      return;
    }
  if (!new_phase && progress->drawn && now - progress->last_draw < REDRAW_INTERVAL_US && done != total)
    return;
  progress->last_draw = now;
  draw_bar (progress, phase, done, total);
}

void
sync_progress_line (SyncProgress *progress,
                    const char   *line)
{
  if (!progress->verbose)
    return;
  sync_progress_clear (progress);
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
}
