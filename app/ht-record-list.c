/* ht-record-list.c — a lazy GListModel of the register's records.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At a million records the list holds the ordered row ids of its filter
 * (8 bytes each) and nothing else.  GtkListView asks only for the rows on
 * screen; each request makes a placeholder and, once per page of rows,
 * reads the page in a worker thread (envelope, sync state and the name the
 * record is about), then fills the placeholders in place.  Pages far from
 * the screen are forgotten again, so memory stays flat however far the
 * clerk scrolls.  A search replaces the ids with those of the records
 * found (a hundred at most): its worker reads the indexes, the envelopes
 * to apply the filters, and the first page only, so the results show
 * without a record being read that is not on screen.  Every keystroke
 * cancels the search it made stale (ht_record_list_search_pending), so the
 * last one never waits behind older ones.
 */
#define G_LOG_DOMAIN "hotich"

#include "ht-labels.h"
#include "ht-record.h"
#include "ht-record-list.h"
#include "ht-tasks.h"

/* A page is about two screens of rows: the first page of a search is read
 * before its results are shown, so it is kept small. */
#define PAGE_SIZE 32
#define MAX_PAGES 96
/* A search shows the newest matches; a clerk narrows it rather than
 * scrolling through more. */
#define SEARCH_LIMIT 100
/* The page cache of the app's connection to the register (KiB): reads for
 * the screen touch few pages, and whole-index walks are served by the
 * operating system's cache as fast (ht_store_list_set_cache). */
#define APP_CACHE_KIB 8192
/* Search results first shown: more than a window holds. */
#define FIRST_ROWS 24
#define GROW_DELAY_MS 400

/* ---- HtRecordItem ---- */

struct _HtRecordItem
{
  GObject   parent_instance;

  gboolean  loaded;
  char     *id;
  char     *kind;
  char     *title;
  char     *number;
  char     *registered_on;
  char     *status;
  char     *review_state;
  char     *sync_state;
  char     *sync_message;
};

G_DEFINE_FINAL_TYPE (HtRecordItem, ht_record_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_LOADED,
  ITEM_N_PROPS,
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
ht_record_item_finalize (GObject *object)
{
  HtRecordItem *self = HT_RECORD_ITEM (object);

  g_free (self->id);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->number);
  g_free (self->registered_on);
  g_free (self->status);
  g_free (self->review_state);
  g_free (self->sync_state);
  g_free (self->sync_message);
  G_OBJECT_CLASS (ht_record_item_parent_class)->finalize (object);
}

static void
ht_record_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HtRecordItem *self = HT_RECORD_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_record_item_class_init (HtRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ht_record_item_finalize;
  object_class->get_property = ht_record_item_get_property;

  item_properties[ITEM_PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
ht_record_item_init (HtRecordItem *self)
{
}

static void
item_fill (HtRecordItem    *self,
           const HtListRow *row,
           const char      *title)
{
  g_free (self->id);
  self->id = g_strdup (row->id);
  g_free (self->kind);
  self->kind = g_strdup (row->kind);
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->number);
  self->number = ht_labels_book_number (row->kind, row->book_year, row->number);
  g_free (self->registered_on);
  self->registered_on = ht_labels_date (row->registered_on);
  g_free (self->status);
  self->status = g_strdup (row->status);
  g_free (self->review_state);
  self->review_state = g_strdup (row->review_state);
  g_free (self->sync_state);
  self->sync_state = g_strdup (row->sync_state);
  g_free (self->sync_message);
  self->sync_message = g_strdup (row->sync_message);
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_LOADED]);
}

gboolean     ht_record_item_get_loaded (HtRecordItem *self) { return self->loaded; }
const char  *ht_record_item_get_id (HtRecordItem *self) { return self->id; }
const char  *ht_record_item_get_kind (HtRecordItem *self) { return self->kind; }
const char  *ht_record_item_get_title (HtRecordItem *self) { return self->title; }
const char  *ht_record_item_get_number (HtRecordItem *self) { return self->number; }
const char  *ht_record_item_get_registered_on (HtRecordItem *self) { return self->registered_on; }
const char  *ht_record_item_get_status (HtRecordItem *self) { return self->status; }
const char  *ht_record_item_get_review_state (HtRecordItem *self) { return self->review_state; }
const char  *ht_record_item_get_sync_state (HtRecordItem *self) { return self->sync_state; }
const char  *ht_record_item_get_sync_message (HtRecordItem *self) { return self->sync_message; }

/* ---- HtRecordList ---- */

typedef struct
{
  guint      index;
  GPtrArray *items;     /* HtRecordItem*, PAGE_SIZE or fewer */
  gboolean   requested;
  guint64    used;      /* tick of the last request, for forgetting */
} Page;

struct _HtRecordList
{
  GObject       parent_instance;

  HtStore      *store;
  HtListFilter  filter;
  char         *kind;
  char         *sync_state;
  char         *review_state;
  char         *search;

  GArray       *ids;          /* gint64 rids of the filter */
  gboolean      ids_current;  /* "ids" are the filter's as the register stands */
  GArray       *search_ids;   /* gint64 rids the search found and the filter let pass */
  GArray       *shown;        /* a reference to "ids" or "search_ids", or NULL */
  guint         found_all;    /* records the search found, before the filters */
  guint         n_items;
  GHashTable   *pages;        /* page index → Page* */
  guint64       tick;
  gboolean      loading;
  gboolean      searching;    /* a search runs in a worker */
  GError       *error;
  GCancellable *cancellable;  /* of the current contents: a new filter cancels it */
  GCancellable *search_cancellable;  /* of the running search */
  guint         grow_id;      /* adds the rest of the search results */
};

static void ht_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HtRecordList, ht_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ht_record_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS,
};

enum {
  SIGNAL_READY,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void refresh (HtRecordList *self, gboolean keep_ids);

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
set_loading (HtRecordList *self,
             gboolean      loading)
{
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static Page *page_new (HtRecordList *self, guint index);

static gboolean
grow_cb (gpointer user_data)
{
  HtRecordList *self = user_data;
  guint old_n = self->n_items;

  self->grow_id = 0;
  self->n_items = self->shown != NULL ? self->shown->len : 0;
  if (self->n_items > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
  return G_SOURCE_REMOVE;
}

static void page_fill (GPtrArray *items, HtRowPage *rows);

/* Replaces the contents with "shown"; "first" (or NULL) is the first page
 * of rows, already read. */
static void
contents_changed (HtRecordList *self,
                  GArray       *shown,
                  guint         old_n,
                  HtRowPage    *first)
{
  if (shown != NULL)
    g_array_ref (shown);
  g_clear_pointer (&self->shown, g_array_unref);
  self->shown = shown;
  self->n_items = shown != NULL ? shown->len : 0;
  g_clear_handle_id (&self->grow_id, g_source_remove);
  /* GtkListView (4.8) makes a row widget for up to 200 items at once,
   * which for a hundred search results costs far more than the search:
   * the results show with a screenful of rows, and the rest are added
   * when typing has paused a while (a keystroke puts it off again). */
  if (shown != NULL && shown == self->search_ids && self->n_items > FIRST_ROWS)
    {
      self->n_items = FIRST_ROWS;
      self->grow_id = g_timeout_add (GROW_DELAY_MS, grow_cb, self);
    }
  g_hash_table_remove_all (self->pages);
  if (first != NULL && self->n_items > 0)
    {
      Page *page = page_new (self, 0);

      page->requested = TRUE;
      page_fill (page->items, first);
    }
  set_loading (self, FALSE);
  /* Removed and added in two steps: told of both at once, GtkListView (4.8)
   * asks for every added item to see whether it is one it already shows,
   * which at a million rows reads every page of the register. */
  if (old_n > 0 && self->n_items > 0)
    {
      guint n = self->n_items;
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
      self->n_items = n;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);
    }
  else
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

static void
forget_far_pages (HtRecordList *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Page *) value)->used < oldest)
          {
            oldest = ((Page *) value)->used;
            oldest_key = key;
          }
      g_hash_table_remove (self->pages, oldest_key);
    }
}

typedef struct
{
  HtRecordList *list;
  Page         *page;    /* may be forgotten meanwhile: checked by index */
  guint         index;
  GPtrArray    *items;   /* the placeholders to fill (a reference) */
} PageLoad;

/* Fills the placeholders "items" from "rows".  Rows come back in the
 * order asked; a record removed meanwhile is missing, so they are matched
 * by position only while ids agree. */
static void
page_fill (GPtrArray *items,
           HtRowPage *rows)
{
  for (guint i = 0, j = 0; i < items->len && j < rows->rows->len; i++)
    {
      HtRecordItem *item = items->pdata[i];
      HtListRow *row = rows->rows->pdata[j];

      if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "rid")) == (gsize) row->rid)
        {
          item_fill (item, row, rows->titles->pdata[j]);
          j++;
        }
    }
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HtRowPage) rows = ht_task_row_page_finish (result, &error);

  if (rows != NULL)
    page_fill (load->items, rows);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Reading a page of the register failed: %s", error->message);

  g_ptr_array_unref (load->items);
  g_object_unref (load->list);
  g_free (load);
}

/* A page of placeholders for the rows shown at index * PAGE_SIZE on. */
static Page *
page_new (HtRecordList *self,
          guint         index)
{
  Page *page = g_new0 (Page, 1);
  guint first = index * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->shown->len - first);

  page->index = index;
  page->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      HtRecordItem *item = g_object_new (HT_TYPE_RECORD_ITEM, NULL);
      g_object_set_data (G_OBJECT (item), "rid",
                         GSIZE_TO_POINTER ((gsize) g_array_index (self->shown, gint64, first + i)));
      g_ptr_array_add (page->items, item);
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  page->used = ++self->tick;
  return page;
}

static Page *
page_get (HtRecordList *self,
          guint         index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  guint first = index * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->shown->len - first);

  if (page == NULL)
    page = page_new (self, index);
  page->used = ++self->tick;
  if (!page->requested)
    {
      PageLoad *load = g_new0 (PageLoad, 1);

      page->requested = TRUE;
      load->list = g_object_ref (self);
      load->index = index;
      load->items = g_ptr_array_ref (page->items);
      ht_task_row_page_async (self->store, &g_array_index (self->shown, gint64, first), n, self->cancellable,
                              page_loaded_cb, load);
    }
  return page;
}

static GType
list_get_item_type (GListModel *model)
{
  return HT_TYPE_RECORD_ITEM;
}

static guint
list_get_n_items (GListModel *model)
{
  return HT_RECORD_LIST (model)->n_items;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  HtRecordList *self = HT_RECORD_LIST (model);
  Page *page;
  gpointer item;

  if (position >= self->n_items)
    return NULL;
  page = page_get (self, position / PAGE_SIZE);
  item = g_object_ref (page->items->pdata[position % PAGE_SIZE]);
  forget_far_pages (self);
  return item;
}

static void
ht_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
restart (HtRecordList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_error (&self->error);
  set_loading (self, TRUE);
}

static void
ids_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(HtRecordList) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *ids = ht_store_list_ids_finish (HT_STORE (source), result, &error);
  guint old_n = self->n_items;

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&ids, g_array_unref);
      return;
    }
  if (ids == NULL)
    {
      g_propagate_error (&self->error, g_steal_pointer (&error));
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = ids;
  self->ids_current = error == NULL && self->error == NULL;
  /* A search begun meanwhile shows its own results; these wait for it to
   * be cleared. */
  if (self->search == NULL)
    contents_changed (self, self->ids, old_n, NULL);
}

/* ---- Search ---- */

typedef struct
{
  HtStore      *store;
  char         *query;
  HtListFilter  filter;
  char         *kind;
  char         *sync_state;
  char         *review_state;
  guint         found;
  GArray       *ids;
  HtRowPage    *first;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_object_unref (job->store);
  g_free (job->query);
  g_free (job->kind);
  g_free (job->sync_state);
  g_free (job->review_state);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->first, ht_row_page_free);
  g_free (job);
}

/* The ids of what is found, and the first page of rows with their titles,
 * in one trip to the worker: the results are shown filled in. */
static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  GError *error = NULL;
  HtRowPage *first;

  job->ids = ht_store_list_search (job->store, job->query, &job->filter, SEARCH_LIMIT, &job->found,
                                   cancellable, &error);
  if (job->ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  first = job->first = g_new0 (HtRowPage, 1);
  first->rows = ht_store_list_rows (job->store, (const gint64 *) (gpointer) job->ids->data,
                                    MIN (PAGE_SIZE, job->ids->len), &error);
  if (first->rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  first->titles = g_ptr_array_new_full (first->rows->len, g_free);
  for (guint i = 0; i < first->rows->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(cJSON) record = ht_store_get (job->store, ((HtListRow *) first->rows->pdata[i])->id, NULL);
      g_ptr_array_add (first->titles, record != NULL ? ht_labels_record_title (record) : g_strdup ("?"));
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HtRecordList) self = user_data;
  g_autoptr(GError) error = NULL;
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  guint old_n = self->n_items;

  /* A search made stale (by a keystroke, a filter, or leaving the
   * search) says nothing any more. */
  if (g_task_get_cancellable (G_TASK (result)) != self->search_cancellable ||
      g_cancellable_is_cancelled (self->search_cancellable))
    return;
  self->searching = FALSE;
  /* The rows of the previous contents are not needed any more. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_error (&self->error);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_propagate_error (&self->error, g_steal_pointer (&error));
      self->search_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->found_all = 0;
      contents_changed (self, self->search_ids, old_n, NULL);
      return;
    }
  self->search_ids = g_steal_pointer (&job->ids);
  self->found_all = job->found;
  contents_changed (self, self->search_ids, old_n, job->first);
}

static void
start_search (HtRecordList *self)
{
  g_autoptr(GTask) task = NULL;
  SearchJob *job = g_new0 (SearchJob, 1);

  job->store = g_object_ref (self->store);
  job->query = g_strdup (self->search);
  job->filter = self->filter;
  job->filter.kind = job->kind = g_strdup (self->filter.kind);
  job->filter.sync_state = job->sync_state = g_strdup (self->filter.sync_state);
  job->filter.review_state = job->review_state = g_strdup (self->filter.review_state);

  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;
  set_loading (self, TRUE);
  task = g_task_new (NULL, self->search_cancellable, search_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_worker);
}

static void
stop_search (HtRecordList *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->searching = FALSE;
}

/* Reads the contents again; "keep_ids": the filter's ids, when current,
 * serve again (leaving a search shows the whole list at once). */
static void
refresh (HtRecordList *self,
         gboolean      keep_ids)
{
  /* The running search answers an older question: it stops mid-scan and
   * lets go of the register for the new one. */
  stop_search (self);
  if (!keep_ids)
    self->ids_current = FALSE;
  if (self->search != NULL)
    {
      start_search (self);
      /* The filter's ids are read again meanwhile when they are stale, for
       * when the search is cleared. */
      return;
    }
  restart (self);
  if (self->ids_current && self->ids != NULL)
    contents_changed (self, self->ids, self->n_items, NULL);
  else
    ht_store_list_ids_async (self->store, &self->filter, self->cancellable, ids_cb, g_object_ref (self));
}

void
ht_record_list_search_pending (HtRecordList *self)
{
  g_return_if_fail (HT_IS_RECORD_LIST (self));

  /* The next question follows after the entry's pause; "loading" stays on
   * until it is answered.  The rest of the current results wait too. */
  if (self->searching)
    stop_search (self);
  if (self->grow_id != 0)
    {
      g_source_remove (self->grow_id);
      self->grow_id = g_timeout_add (GROW_DELAY_MS, grow_cb, self);
    }
}

void
ht_record_list_reload (HtRecordList *self)
{
  g_return_if_fail (HT_IS_RECORD_LIST (self));
  refresh (self, FALSE);
}

static void
ht_record_list_dispose (GObject *object)
{
  HtRecordList *self = HT_RECORD_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  G_OBJECT_CLASS (ht_record_list_parent_class)->dispose (object);
}

static void
ht_record_list_finalize (GObject *object)
{
  HtRecordList *self = HT_RECORD_LIST (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_hash_table_unref (self->pages);
  g_clear_error (&self->error);
  g_free (self->kind);
  g_free (self->sync_state);
  g_free (self->review_state);
  g_free (self->search);
  G_OBJECT_CLASS (ht_record_list_parent_class)->finalize (object);
}

static void
ht_record_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HtRecordList *self = HT_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ht_record_list_class_init (HtRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ht_record_list_dispose;
  object_class->finalize = ht_record_list_finalize;
  object_class->get_property = ht_record_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The contents were replaced by those of the current filter or search. */
  signals[SIGNAL_READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ht_record_list_init (HtRecordList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->cancellable = g_cancellable_new ();
}

static void
cache_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!ht_store_list_set_cache (source_object, APP_CACHE_KIB, &error))
    g_warning ("Setting the page cache of the register failed: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

HtRecordList *
ht_record_list_new (HtStore *store)
{
  HtRecordList *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (HT_IS_STORE (store), NULL);

  self = g_object_new (HT_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  /* In a worker: the store may be busy, and the main thread never waits. */
  task = g_task_new (store, NULL, NULL, NULL);
  g_task_run_in_thread (task, cache_worker);
  return self;
}

void
ht_record_list_set_filter (HtRecordList       *self,
                           const HtListFilter *filter)
{
  g_return_if_fail (HT_IS_RECORD_LIST (self));
  g_return_if_fail (filter != NULL);

  g_free (self->kind);
  g_free (self->sync_state);
  g_free (self->review_state);
  self->filter = *filter;
  self->filter.kind = self->kind = g_strdup (filter->kind);
  self->filter.sync_state = self->sync_state = g_strdup (filter->sync_state);
  self->filter.review_state = self->review_state = g_strdup (filter->review_state);
  ht_record_list_reload (self);
}

void
ht_record_list_set_search (HtRecordList *self,
                           const char   *query)
{
  g_autofree char *trimmed = query != NULL ? g_strstrip (g_strdup (query)) : NULL;

  g_return_if_fail (HT_IS_RECORD_LIST (self));

  if (trimmed != NULL && *trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  if (g_strcmp0 (trimmed, self->search) == 0 && !self->loading && self->error == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_READY], 0);
      return;
    }
  g_free (self->search);
  self->search = g_steal_pointer (&trimmed);
  refresh (self, TRUE);
}

const char *
ht_record_list_get_search (HtRecordList *self)
{
  g_return_val_if_fail (HT_IS_RECORD_LIST (self), NULL);
  return self->search;
}

gboolean
ht_record_list_get_loading (HtRecordList *self)
{
  g_return_val_if_fail (HT_IS_RECORD_LIST (self), FALSE);
  return self->loading;
}

gboolean
ht_record_list_get_truncated (HtRecordList *self)
{
  g_return_val_if_fail (HT_IS_RECORD_LIST (self), FALSE);
  return self->search != NULL && self->shown == self->search_ids && self->found_all >= SEARCH_LIMIT;
}

guint
ht_record_list_get_count (HtRecordList *self)
{
  g_return_val_if_fail (HT_IS_RECORD_LIST (self), 0);
  return self->shown != NULL ? self->shown->len : 0;
}

const GError *
ht_record_list_get_error (HtRecordList *self)
{
  g_return_val_if_fail (HT_IS_RECORD_LIST (self), NULL);
  return self->error;
}
