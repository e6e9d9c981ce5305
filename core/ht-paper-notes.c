/* ht-paper-notes.c — the marginal notes ("Ghi chú") an entry receives
 * from the later entries that amend it, for papers and register books.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Books record every later change in the notes column of the original
 * entry as "Thay đổi từ … thành …" (DOMAIN.md §2.3; the books of [BTXH] bcth); the same
 * note goes on an extract or a copy issued afterwards.
 */
#define G_LOG_DOMAIN "ht-paper"

#include <string.h>

#include "ht-date.h"
#include "ht-kind-util.h"
#include "ht-paper-private.h"
#include "ht-record.h"

/* "(Số 3/TLTĐ, ngày 02/03/2026)" */
static char *
short_citation (const cJSON *entry)
{
  g_autofree char *number = ht_paper_number_text (entry, NULL);
  GDate reg;
  g_autofree char *on = ht_record_registered_on (entry, &reg) ? ht_date_format_vn (&reg) : NULL;

  return g_strdup_printf ("(Số %s%s%s)", number, on ? ", ngày " : "", on ? on : "");
}

static const char *
change_verb (const cJSON *entry)
{
  const char *type = ht_record_registration_type (entry);

  if (g_strcmp0 (type, "correction") == 0)
    return "Cải chính";
  if (g_strcmp0 (type, "supplement") == 0)
    return "Bổ sung";
  if (g_strcmp0 (type, "ethnicity") == 0)
    return "Xác định lại dân tộc";
  return "Thay đổi";
}

static const char *
text_at (const cJSON *entry,
         const char  *path)
{
  return cJSON_GetStringValue (ht_record_get_path (entry, path));
}

char *
ht_paper_note_for (const cJSON *entry,
                   const cJSON *original)
{
  const char *kind = ht_record_kind_code (entry);
  g_autofree char *cite = short_citation (entry);

  if (g_strcmp0 (kind, "change") == 0 &&
      ht_kind_ref_designates (ht_record_get_path (entry, "data.original"), original))
    {
      g_autofree char *items = ht_paper_items_text (ht_record_get_path (entry, "data.items"), original);
      return g_strdup_printf ("%s %s %s", change_verb (entry), items ? items : "", cite);
    }

  if (g_strcmp0 (kind, "decision_note") == 0 &&
      ht_kind_ref_designates (ht_record_get_path (entry, "data.original"), original))
    {
      const char *event = ht_paper_enum_text ("event", text_at (entry, "data.event"));
      const char *title = text_at (entry, "data.decision.title");
      const char *number = text_at (entry, "data.decision.number");
      const char *issuer = text_at (entry, "data.decision.issuer");
      g_autofree char *items = ht_paper_items_text (ht_record_get_path (entry, "data.items"), original);

      return g_strdup_printf ("%s theo %s%s%s%s%s%s%s %s", event ? event : "Ghi vào sổ", title ? title : "bản án, quyết định",
                              number ? " số " : "", number ? number : "", issuer ? " của " : "", issuer ? issuer : "",
                              items ? ": " : "", items ? items : "", cite);
    }

  if (g_strcmp0 (kind, "foreign_note") == 0)
    {
      const char *event = text_at (entry, "data.event");

      if (g_strcmp0 (event, "change") == 0 &&
          ht_kind_ref_designates (ht_record_get_path (entry, "data.event_data.original"), original))
        {
          g_autofree char *items = ht_paper_items_text (ht_record_get_path (entry, "data.event_data.items"), original);
          return g_strdup_printf ("Thay đổi (ghi chú việc đã giải quyết ở nước ngoài) %s %s", items ? items : "", cite);
        }
      if ((g_strcmp0 (event, "divorce") == 0 || g_strcmp0 (event, "annulment") == 0) &&
          ht_kind_ref_designates (ht_record_get_path (entry, "data.original"), original))
        {
          const char *act = text_at (entry, "data.foreign_act.title");
          const char *issuer = text_at (entry, "data.foreign_act.issuer");
          return g_strdup_printf ("%s theo %s%s%s (ghi chú) %s", ht_paper_enum_text ("event", event),
                                  act ? act : "giấy tờ nước ngoài", issuer ? " của " : "", issuer ? issuer : "", cite);
        }
      return NULL;
    }

  if (g_strcmp0 (kind, "parentage") == 0 &&
      ht_kind_ref_designates (ht_record_get_path (entry, "data.child.birth_record"), original))
    {
      const char *relation = text_at (entry, "data.relation");
      const char *name = text_at (entry, "data.parent.full_name");
      g_autofree char *upper = name ? g_utf8_strup (name, -1) : NULL;

      return g_strdup_printf ("%s: %s %s", g_strcmp0 (relation, "mother") == 0 ? "Nhận mẹ" : "Nhận cha",
                              upper ? upper : "", cite);
    }

  if (g_strcmp0 (kind, "guardianship_end") == 0 &&
      ht_kind_ref_designates (ht_record_get_path (entry, "data.guardianship"), original))
    {
      const char *reason = text_at (entry, "data.reason");
      const char *reason_text = g_strcmp0 (reason, "other") == 0 ? text_at (entry, "data.reason_text")
                                                                : ht_paper_enum_text ("reason", reason);
      return g_strdup_printf ("Chấm dứt giám hộ%s%s %s", reason_text ? ": " : "", reason_text ? reason_text : "", cite);
    }

  if (g_strcmp0 (kind, "adoption") == 0 &&
      ht_kind_ref_designates (ht_record_get_path (entry, "data.child.birth_record"), original))
    return g_strdup_printf ("Được nhận làm con nuôi %s", cite);

  if (g_strcmp0 (kind, "marital_status") == 0 &&
      ht_kind_ref_designates (ht_record_get_path (entry, "data.previous_certificate"), original))
    return g_strdup_printf ("Đã được cấp lại %s", cite);

  return NULL;
}
