/* ht-form-build.c — building a form from the kinds registry.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Walks a kind's fields and makes the bindings and their rows: a group per
 * person or paper the record needs, an expander for nested and optional
 * objects, list editors, a shape chooser for references, and the
 * envelope's own members first.  Adding or removing a list element, or
 * choosing another shape, collects the record and builds the form again
 * from it (ht-form.c keeps what was typed and where the clerk was).
 */
#define G_LOG_DOMAIN "hotich"

#include <glib/gi18n.h>
#include <string.h>

#include "ht-form-private.h"
#include "ht-record.h"

/* The shapes a reference can take (KINDS.md §1.4), and how they read. */
static const HtField *const ref_shapes[] = { ht_shape_ref_key, ht_shape_ref_paper, ht_shape_ref_id };
static const HtField *const ref_or_paper_shapes[] = {
  ht_shape_ref_key, ht_shape_ref_paper, ht_shape_ref_id, ht_shape_paper
};
static const char *const shape_labels[] = {
  N_("An entry of this register"),
  N_("An entry of a paper book"),
  N_("A record by its id"),
  N_("A paper"),
};


void
_ht_form_binding_free (Binding *b)
{
  g_free (b->path);
  g_free (b->name);
  g_clear_pointer (&b->children, g_ptr_array_unref);
  g_clear_pointer (&b->values, g_ptr_array_unref);
  g_clear_pointer (&b->unit, cJSON_Delete);
  g_free (b->local_error);
  g_free (b);
}

static Binding *
binding_new (HtForm        *self,
             BindingKind    kind,
             Binding       *parent,
             const HtField *field,
             const char    *path,
             const char    *name)
{
  Binding *b = g_new0 (Binding, 1);

  b->form = self;
  b->kind = kind;
  b->parent = parent;
  b->field = field;
  b->path = g_strdup (path);
  b->name = g_strdup (name);
  b->children = g_ptr_array_new ();
  g_ptr_array_add (self->all, b);
  g_hash_table_replace (self->by_path, b->path, b);
  if (parent != NULL)
    g_ptr_array_add (parent->children, b);
  else
    g_ptr_array_add (self->roots, b);
  return b;
}

/* ---- Rows into groups and expanders ---- */

static void
sink_add (GtkWidget *sink,
          GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (sink))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (sink), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (sink), row);
}

static GtkWidget *
new_group (HtForm     *self,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL && g_strcmp0 (description, title) != 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->box), group);
  return group;
}

static void
add_error_row (Binding   *b,
               GtkWidget *sink)
{
  b->error_row = _ht_form_error_row_new (&b->error_label);
  sink_add (sink, b->error_row);
}

/* ---- Building ---- */

static ScalarType
scalar_type (const HtField *field,
             gboolean       in_ref_key)
{
  switch (field->type)
    {
    case HT_T_DATE: return S_DATE;
    case HT_T_LOCAL_DATETIME: return S_DATETIME;
    case HT_T_YEAR: return S_YEAR;
    case HT_T_INT: return S_INT;
    case HT_T_CODE: return S_CODE;
    case HT_T_BOOL: return S_BOOL;
    case HT_T_ENUM: return S_ENUM;
    case HT_T_TEXT:
      if (field->flags & HT_F_ETHNICITY)
        return S_ETHNICITY;
      if (field->flags & HT_F_PLACE)
        return S_PLACE;
      if (g_strcmp0 (field->name, "nationality") == 0)
        return S_NATIONALITY;
      if (in_ref_key && g_strcmp0 (field->name, "kind") == 0)
        return S_KIND;
      return S_TEXT;
    case HT_T_OBJECT:
    case HT_T_LIST:
    case HT_T_TEXT_LIST:
    case HT_T_REF:
    case HT_T_REF_OR_PAPER:
    case HT_T_EVENT_DATA:
    default:
      return S_TEXT;
    }
}

static gboolean
is_scalar (const HtField *field)
{
  return field->type != HT_T_OBJECT && field->type != HT_T_LIST && field->type != HT_T_TEXT_LIST &&
         field->type != HT_T_REF && field->type != HT_T_REF_OR_PAPER && field->type != HT_T_EVENT_DATA;
}

/* A paper that is only required in some cases is still welcome in the
 * others (the parents' marriage of a birth): it is offered as optional. */
static gboolean
optional_evidence (const HtField *field)
{
  return field->req == HT_REQ_COND && (field->flags & HT_F_EVIDENCE) != 0;
}

/* A person or paper the record needs gets a group of its own; optional
 * ones are expanders among the details. */
static gboolean
own_group (const HtField *field)
{
  return !is_scalar (field) && field->req != HT_REQ_NO && !optional_evidence (field);
}

static void build_field (HtForm *self, Binding *parent, GtkWidget *sink, const HtField *field,
                         const char *path, const cJSON *value, const cJSON *container, gboolean in_ref_key);

static void
build_scalar (HtForm        *self,
              Binding       *parent,
              GtkWidget     *sink,
              const HtField *field,
              const char    *path,
              const cJSON   *value,
              const cJSON   *container,
              gboolean       in_ref_key)
{
  Binding *b = binding_new (self, B_SCALAR, parent, field, path, field->name);
  const char *raw = g_hash_table_lookup (self->raw, path);

  b->stype = scalar_type (field, in_ref_key);
  if (b->stype == S_PLACE && container != NULL)
    {
      g_autofree char *unit_key = g_strconcat (field->name, "_unit", NULL);
      const cJSON *unit = cJSON_GetObjectItemCaseSensitive (container, unit_key);
      if (cJSON_IsObject (unit))
        b->unit = cJSON_Duplicate (unit, TRUE);
    }
  _ht_form_row_create (b, self->kind->code, value, self->is_new);
  /* Text that was not a value survives a rebuild as typed. */
  if (raw != NULL)
    _ht_form_row_set_text (b, raw);
  sink_add (sink, b->row);
  add_error_row (b, sink);
}

static void
remove_item_clicked_cb (GtkButton *button,
                        Binding   *item)
{
  HtForm *self = item->form;
  g_autoptr(cJSON) record = ht_form_collect (self, ht_record_status (self->record));
  cJSON *list = (cJSON *) ht_record_get_path (record, item->parent->path);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (cJSON_IsArray (list))
    cJSON_DeleteItemFromArray (list, (int) index);
  cJSON_Delete (self->record);
  self->record = g_steal_pointer (&record);
  _ht_form_mark_dirty (self);
  _ht_form_build (self);
  _ht_form_start_check (self);
}

static void
add_item_clicked_cb (GtkButton *button,
                     Binding   *list)
{
  HtForm *self = list->form;
  g_autoptr(cJSON) record = ht_form_collect (self, ht_record_status (self->record));
  const char *path = list->path;
  const char *dot = strrchr (path, '.');
  g_autofree char *parent_path = g_strndup (path, dot - path);
  cJSON *parent = (cJSON *) ht_record_get_path (record, parent_path);
  cJSON *array;

  if (!cJSON_IsObject (parent))
    return;
  array = cJSON_GetObjectItemCaseSensitive (parent, list->name);
  if (!cJSON_IsArray (array))
    {
      cJSON_DeleteItemFromObjectCaseSensitive (parent, list->name);
      array = cJSON_AddArrayToObject (parent, list->name);
    }
  /* An empty element: the form shows its fields at once. */
  cJSON_AddItemToArray (array, list->field->type == HT_T_TEXT_LIST ? cJSON_CreateString ("")
                                                                    : cJSON_CreateObject ());
  cJSON_Delete (self->record);
  self->record = g_steal_pointer (&record);
  _ht_form_mark_dirty (self);
  _ht_form_build (self);
  _ht_form_start_check (self);
}

static GtkWidget *
remove_button (Binding *item,
               guint    index)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (remove_item_clicked_cb), item);
  return button;
}

static void
build_list (HtForm        *self,
            Binding       *parent,
            GtkWidget     *sink,
            const HtField *field,
            const char    *path,
            const cJSON   *value,
            const cJSON   *container)
{
  Binding *b = binding_new (self, B_LIST, parent, field, path, field->name);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  const cJSON *item;
  guint i = 0;

  /* An empty list is no list: one its condition does not ask for may
   * still be filled in (evidence), or keeps what it holds. */
  b->evidence = optional_evidence (field);
  b->keep = field->req == HT_REQ_COND && field->when != NULL && cJSON_GetArraySize (value) > 0 &&
            container != NULL && !ht_kinds_eval_when (field->when, self->record, container);

  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add"));
  g_signal_connect (add, "clicked", G_CALLBACK (add_item_clicked_cb), b);

  if (sink == NULL)
    {
      b->row = b->sink = new_group (self, _ht_form_field_label (field), field->label_vi);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (b->sink), add);
      add_error_row (b, b->sink);
    }
  else
    {
      b->row = b->sink = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->row), _ht_form_field_label (field));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (b->row), add);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (b->row), cJSON_GetArraySize (value) > 0);
      sink_add (sink, b->row);
      add_error_row (b, sink);
    }

  cJSON_ArrayForEach (item, value)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *title = g_strdup_printf ("%s %u", _ht_form_field_label (field), i + 1);

      if (field->type == HT_T_TEXT_LIST)
        {
          static const HtField text_item = { .name = "", .type = HT_T_TEXT, .req = HT_REQ_YES };
          Binding *t = binding_new (self, B_SCALAR, b, &text_item, item_path, NULL);

          t->stype = S_TEXT;
          _ht_form_row_create (t, self->kind->code, item, self->is_new);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (t->row), title);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (t->row), remove_button (t, i));
          sink_add (b->sink, t->row);
          add_error_row (t, b->sink);
        }
      else
        {
          Binding *o = binding_new (self, B_OBJECT, b, field, item_path, NULL);

          o->row = o->sink = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (o->row), title);
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (o->row), TRUE);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (o->row), remove_button (o, i));
          sink_add (b->sink, o->row);
          add_error_row (o, b->sink);
          for (const HtField *c = field->children; c != NULL && c->name != NULL; c++)
            {
              g_autofree char *child_path = g_strconcat (item_path, ".", c->name, NULL);
              build_field (self, o, o->sink, c, child_path,
                           cJSON_GetObjectItemCaseSensitive (item, c->name), item, FALSE);
            }
        }
      i++;
    }
}

/* The shape a stored reference has, as an index of "shapes". */
static guint
shape_of (const cJSON          *value,
          const HtField *const *shapes,
          guint                 n)
{
  const HtField *shape = cJSON_IsObject (value) ? ht_ref_shape (value) : NULL;

  if (cJSON_IsObject (value) && n > 3 && cJSON_HasObjectItem (value, "title") &&
      !cJSON_HasObjectItem (value, "office_name"))
    return 3;
  for (guint i = 0; shape != NULL && i < n; i++)
    if (shapes[i] == shape)
      return i;
  return 0;
}

static void
shape_changed_cb (AdwComboRow *combo,
                  GParamSpec  *pspec,
                  Binding     *b)
{
  HtForm *self = b->form;
  guint shape = adw_combo_row_get_selected (combo);
  g_autoptr(cJSON) record = NULL;

  if (self->building || shape == b->shape || shape >= b->n_shapes)
    return;
  record = ht_form_collect (self, ht_record_status (self->record));
  {
    /* The fields of another shape start empty. */
    cJSON *ref = (cJSON *) ht_record_get_path (record, b->path);
    if (ref != NULL)
      {
        cJSON *child;
        while ((child = ref->child) != NULL)
          cJSON_Delete (cJSON_DetachItemViaPointer (ref, child));
      }
  }
  g_hash_table_replace (self->shapes, g_strdup (b->path), GUINT_TO_POINTER (shape + 1));
  cJSON_Delete (self->record);
  self->record = g_steal_pointer (&record);
  _ht_form_build (self);
  _ht_form_start_check (self);
}

static void
build_object_children (HtForm        *self,
                       Binding       *b,
                       const HtField *children,
                       const cJSON   *value,
                       gboolean       in_ref_key)
{
  for (const HtField *c = children; c != NULL && c->name != NULL; c++)
    {
      g_autofree char *child_path = g_strconcat (b->path, ".", c->name, NULL);

      /* A foreign note's event data leave out the local procedure. */
      if (self->kind->fields != NULL && b->field->type == HT_T_EVENT_DATA && ht_foreign_event_excludes (c->name))
        continue;
      build_field (self, b, b->sink, c, child_path, cJSON_GetObjectItemCaseSensitive (value, c->name),
                   value, in_ref_key);
    }
}

static void
build_field (HtForm        *self,
             Binding       *parent,
             GtkWidget     *sink,
             const HtField *field,
             const char    *path,
             const cJSON   *value,
             const cJSON   *container,
             gboolean       in_ref_key)
{
  Binding *b;
  gboolean optional;

  if (field->flags & HT_F_DERIVED)
    return;
  if (is_scalar (field))
    {
      build_scalar (self, parent, sink, field, path, value, container, in_ref_key);
      return;
    }
  if (field->type == HT_T_LIST || field->type == HT_T_TEXT_LIST)
    {
      build_list (self, parent, sink, field, path, value, container);
      return;
    }

  b = binding_new (self, field->type == HT_T_OBJECT || field->type == HT_T_EVENT_DATA ? B_OBJECT : B_VARIANT,
                   parent, field, path, field->name);
  b->evidence = optional_evidence (field);
  /* A value its condition does not ask for (an imported record) is shown
   * and kept, never dropped behind the clerk's back. */
  b->keep = field->req == HT_REQ_COND && field->when != NULL && cJSON_IsObject (value) && container != NULL &&
            !ht_kinds_eval_when (field->when, self->record, container);
  optional = field->req == HT_REQ_NO || b->evidence || b->keep;
  if (sink == NULL)
    {
      b->row = b->sink = new_group (self, _ht_form_field_label (field), field->label_vi);
      add_error_row (b, b->sink);
    }
  else
    {
      b->row = b->sink = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->row), _ht_form_field_label (field));
      /* The book's wording, where it says more than the label. */
      if (field->label_vi != NULL && g_strcmp0 (field->label_vi, _ht_form_field_label (field)) != 0)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (b->row), field->label_vi);
      if (optional)
        {
          /* An optional object is there when its switch is on. */
          adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (b->row), TRUE);
          adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (b->row), cJSON_IsObject (value));
          b->enable = b->row;
          g_signal_connect_swapped (b->row, "notify::enable-expansion", G_CALLBACK (_ht_form_row_committed), b);
        }
      else
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (b->row), TRUE);
      sink_add (sink, b->row);
      add_error_row (b, sink);
    }

  if (field->type == HT_T_OBJECT)
    build_object_children (self, b, field->children, value, FALSE);
  else if (field->type == HT_T_EVENT_DATA)
    {
      const char *event = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (container, "event"));
      const HtKind *event_kind = ht_foreign_event_kind (event);

      if (event == NULL)
        {
          GtkWidget *hint = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (hint), _("Choose the event first"));
          gtk_widget_add_css_class (hint, "dim-label");
          sink_add (b->sink, hint);
        }
      else
        build_object_children (self, b, event_kind != NULL ? event_kind->fields : ht_shape_event_subjects,
                               value, FALSE);
    }
  else
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GtkWidget *combo = adw_combo_row_new ();
      gpointer chosen = g_hash_table_lookup (self->shapes, path);
      g_autoptr(cJSON) defaults = NULL;

      b->shapes = field->type == HT_T_REF ? ref_shapes : ref_or_paper_shapes;
      b->n_shapes = field->type == HT_T_REF ? G_N_ELEMENTS (ref_shapes) : G_N_ELEMENTS (ref_or_paper_shapes);
      b->shape = chosen != NULL ? GPOINTER_TO_UINT (chosen) - 1 : shape_of (value, b->shapes, b->n_shapes);
      for (guint i = 0; i < b->n_shapes; i++)
        gtk_string_list_append (labels, _(shape_labels[i]));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Given as"));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (combo), b->shape);
      g_signal_connect (combo, "notify::selected", G_CALLBACK (shape_changed_cb), b);
      sink_add (b->sink, combo);
      /* An entry of this register is most often one of this office. */
      if (b->shapes[b->shape] == ht_shape_ref_key && !cJSON_IsObject (value))
        {
          defaults = cJSON_CreateObject ();
          cJSON_AddStringToObject (defaults, "office", ht_store_get_office (self->store));
          value = defaults;
        }
      build_object_children (self, b, b->shapes[b->shape], value, b->shapes[b->shape] == ht_shape_ref_key);
    }
}

/* The envelope members a clerk fills in: the rest is the register's. */
static void
build_envelope (HtForm    *self,
                GtkWidget *group)
{
  static const HtField registration_type = {
    .name = "registration_type", .type = HT_T_ENUM, .req = HT_REQ_YES,
    .label_vi = "Loại đăng ký", .label = N_("Registration type"),
  };
  const cJSON *record = self->record;

  for (const HtField *f = ht_envelope_fields; f->name != NULL; f++)
    {
      if (g_str_equal (f->name, "registration_type"))
        build_scalar (self, NULL, group, &registration_type, "registration_type",
                      cJSON_GetObjectItemCaseSensitive (record, "registration_type"), record, FALSE);
      else if (g_str_equal (f->name, "registered_on"))
        build_field (self, NULL, group, f, f->name, cJSON_GetObjectItemCaseSensitive (record, f->name),
                     record, FALSE);
      else if (g_str_equal (f->name, "signer"))
        {
          /* Optional in the record format (a draft has none), but a paper in
           * the book is signed: the form asks for it. */
          static HtField signer;
          signer = *f;
          signer.req = HT_REQ_YES;
          build_field (self, NULL, group, &signer, f->name, cJSON_GetObjectItemCaseSensitive (record, f->name),
                       record, FALSE);
        }
    }
}

void
_ht_form_build (HtForm *self)
{
  const cJSON *data = cJSON_GetObjectItemCaseSensitive (self->record, "data");
  double scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
  GtkWidget *registration, *details;
  guint n_before;

  self->building = TRUE;
  /* The old rows go first: their signals still find their bindings (and
   * see that the form is building) while they are destroyed. */
  gtk_scrolled_window_set_child (self->scroller, NULL);
  g_ptr_array_set_size (self->roots, 0);
  g_hash_table_remove_all (self->by_path);
  g_ptr_array_set_size (self->all, 0);
  g_ptr_array_set_size (self->general_rows, 0);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->box, 24);
  gtk_widget_set_margin_bottom (self->box, 24);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  {
    GtkWidget *clamp = adw_clamp_new ();
    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
    adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
    gtk_scrolled_window_set_child (self->scroller, clamp);
  }

  self->general = ADW_PREFERENCES_GROUP (new_group (self, _("Problems to fix"), NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->general), FALSE);

  registration = new_group (self, _("Registration"), self->kind->title_vi);
  build_envelope (self, registration);

  /* The record's own scalar members (who is unknown, the event, the
   * cause …) come next: they decide which groups below apply. */
  details = new_group (self, _("Details"), NULL);
  n_before = self->all->len;
  for (const HtField *f = self->kind->fields; f->name != NULL; f++)
    {
      g_autofree char *path = g_strconcat ("data.", f->name, NULL);

      if (!own_group (f) && !(f->flags & HT_F_DERIVED))
        build_field (self, NULL, details, f, path, cJSON_GetObjectItemCaseSensitive (data, f->name), data, FALSE);
    }
  /* An empty "Details" group would show only its title. */
  gtk_widget_set_visible (details, self->all->len > n_before);
  for (const HtField *f = self->kind->fields; f->name != NULL; f++)
    {
      g_autofree char *path = g_strconcat ("data.", f->name, NULL);

      if (own_group (f))
        build_field (self, NULL, NULL, f, path, cJSON_GetObjectItemCaseSensitive (data, f->name), data, FALSE);
    }
  self->building = FALSE;

  /* Keep the clerk's place in a long form across a rebuild. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), scroll);
}

