/* ht-store-pcache.c — SQLite's page cache, spared a walk of all its pages at every commit.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At the end of every write transaction the pager asks its page cache to
 * drop the pages past the end of the file (xTruncate with the file's size
 * in pages).  SQLite's default cache (pcache1) remembers the highest page
 * number it ever held, and when that is far past the limit it walks every
 * slot of its hash table and every page in it, however few pages are
 * actually past the end.  SQLite 3.40's b-tree balancer (balance_nonroot)
 * puts new sibling pages in ascending order by renumbering them in the
 * cache, and uses the page of the locking byte (1 GiB into the file, page
 * 1,048,577 with 1 KiB pages) as the spare number while it swaps two:
 * every save whose insertions split a page out of order leaves that number
 * as the highest.  So in every register smaller than 1 GiB a save walked
 * the whole cache at its commit, 16,384 pages once warm: perf showed it as
 * 18 % of a save's CPU time (bench-store, 100,000 records).
 *
 * This cache wraps the default one and keeps, per cache, its own bound on
 * the page numbers it holds: the highest number a page was created with or
 * moved to, except a number a page was moved to and then moved away from
 * again (the balancer's spare).  A truncation to a limit past that bound
 * cannot drop anything and does not reach the default cache; any other one
 * does, unchanged.  Everything else goes straight through.
 *
 * SQLite takes a page cache only before it initialises itself, which the
 * first connection of the process does; so the wrapper is installed by a
 * constructor, before main().  If something initialised SQLite first
 * anyway, or HOTICH_SQLITE_DEFAULT_PCACHE is set in the environment, the
 * default cache stays, and everything works as before, with the walks.
 */
#define G_LOG_DOMAIN "ht-store"

#include "ht-store-private.h"

typedef struct
{
  sqlite3_pcache *inner;
  /* Every page held has a number at most "bound", or "spare" while
   * "n_spare" is not 0 (it may count pages already dropped: it only errs
   * towards walking). */
  unsigned        bound;
  unsigned        spare;
  unsigned        n_spare;
} LeanCache;

static sqlite3_pcache_methods2 inner_methods;
static gboolean installed;
/* Truncations that did not reach the default cache, for the tests. */
static guint skipped;

static int
lean_init (void *arg)
{
  return inner_methods.xInit != NULL ? inner_methods.xInit (inner_methods.pArg) : SQLITE_OK;
}

static void
lean_shutdown (void *arg)
{
  if (inner_methods.xShutdown != NULL)
    inner_methods.xShutdown (inner_methods.pArg);
}

static sqlite3_pcache *
lean_create (int szPage,
             int szExtra,
             int bPurgeable)
{
  sqlite3_pcache *inner = inner_methods.xCreate (szPage, szExtra, bPurgeable);
  LeanCache *cache;

  if (inner == NULL)
    return NULL;
  /* sqlite3_malloc, not GLib: SQLite reports a failed allocation here as
   * SQLITE_NOMEM instead of ending the program. */
  cache = sqlite3_malloc (sizeof *cache);
  if (cache == NULL)
    {
      inner_methods.xDestroy (inner);
      return NULL;
    }
  cache->inner = inner;
  cache->bound = 0;
  cache->spare = 0;
  cache->n_spare = 0;
  return (sqlite3_pcache *) cache;
}

static void
lean_cachesize (sqlite3_pcache *p,
                int             n)
{
  inner_methods.xCachesize (((LeanCache *) p)->inner, n);
}

static int
lean_pagecount (sqlite3_pcache *p)
{
  return inner_methods.xPagecount (((LeanCache *) p)->inner);
}

static sqlite3_pcache_page *
lean_fetch (sqlite3_pcache *p,
            unsigned        key,
            int             create)
{
  LeanCache *cache = (LeanCache *) p;
  sqlite3_pcache_page *page = inner_methods.xFetch (cache->inner, key, create);

  /* A page found without creating one was counted when it was made. */
  if (page != NULL && create != 0 && key > cache->bound && !(cache->n_spare > 0 && key == cache->spare))
    cache->bound = key;
  return page;
}

static void
lean_unpin (sqlite3_pcache      *p,
            sqlite3_pcache_page *page,
            int                  discard)
{
  inner_methods.xUnpin (((LeanCache *) p)->inner, page, discard);
}

static void
lean_rekey (sqlite3_pcache      *p,
            sqlite3_pcache_page *page,
            unsigned             old_key,
            unsigned             new_key)
{
  LeanCache *cache = (LeanCache *) p;

  inner_methods.xRekey (cache->inner, page, old_key, new_key);
  if (cache->n_spare > 0 && old_key == cache->spare)
    cache->n_spare--;
  if (new_key <= cache->bound)
    return;
  if (cache->n_spare == 0 || new_key == cache->spare)
    {
      cache->spare = new_key;
      cache->n_spare++;
    }
  else
    {
      /* A second number above the bound while the first is still held:
       * both go into the bound, which stays an upper limit. */
      cache->bound = MAX (new_key, cache->spare);
      cache->n_spare = 0;
    }
}

static void
lean_truncate (sqlite3_pcache *p,
               unsigned        limit)
{
  LeanCache *cache = (LeanCache *) p;
  unsigned highest = cache->n_spare > 0 ? MAX (cache->bound, cache->spare) : cache->bound;

  /* No page has a number at or past "limit": nothing to drop. */
  if (limit > highest)
    {
      g_atomic_int_inc (&skipped);
      return;
    }
  inner_methods.xTruncate (cache->inner, limit);
  if (cache->bound >= limit)
    cache->bound = limit > 0 ? limit - 1 : 0;
  if (cache->n_spare > 0 && cache->spare >= limit)
    cache->n_spare = 0;
}

static void
lean_destroy (sqlite3_pcache *p)
{
  LeanCache *cache = (LeanCache *) p;

  inner_methods.xDestroy (cache->inner);
  sqlite3_free (cache);
}

static void
lean_shrink (sqlite3_pcache *p)
{
  inner_methods.xShrink (((LeanCache *) p)->inner);
}

static const sqlite3_pcache_methods2 lean_methods = {
  1, NULL,
  lean_init, lean_shutdown, lean_create, lean_cachesize, lean_pagecount, lean_fetch,
  lean_unpin, lean_rekey, lean_truncate, lean_destroy, lean_shrink,
};

/* Before main(): the first connection of the process initialises SQLite,
 * and after that it takes no other page cache. */
__attribute__ ((constructor)) static void
install_lean_cache (void)
{
  sqlite3_pcache_methods2 current;

  /* A switch for measuring against SQLite's own cache (bench-store), and
   * for a technician who suspects this one. */
  if (g_getenv ("HOTICH_SQLITE_DEFAULT_PCACHE") != NULL)
    return;
  if (sqlite3_config (SQLITE_CONFIG_GETPCACHE2, &current) != SQLITE_OK || current.iVersion < 1)
    return;
  inner_methods = current;
  installed = sqlite3_config (SQLITE_CONFIG_PCACHE2, &lean_methods) == SQLITE_OK;
}

gboolean
_ht_store_pcache_installed (void)
{
  return installed;
}

const sqlite3_pcache_methods2 *
_ht_store_pcache_methods (void)
{
  return installed ? &lean_methods : NULL;
}

guint
_ht_store_pcache_skipped (void)
{
  return (guint) g_atomic_int_get (&skipped);
}
