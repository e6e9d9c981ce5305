/* ht-kind-foreign-note.c — ghi chú: a citizen's civil-status event settled
 * by a foreign authority (KINDS.md §2.10): fields, rules, papers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "event_data" holds the data of the kind the event names, minus its local
 * procedure (declarant, birth notice, witnesses, late flag…: see
 * ht_foreign_event_kind() and ht_foreign_event_excludes()); a divorce, an
 * annulment or a parentage determination holds only "subjects".  The
 * engine checks those fields; the event kind's own rules run here on a
 * temporary entry dated by the foreign act (rule 1).
 *
 * ⚠ The Form writes these notes in the KS/KH/KT books with a tick; DESIGN
 * keeps one GC book.  Effects are read from the register by other kinds: a
 * noted death locks the person (LHT 34.2, ht_kind_death_of()); a noted
 * divorce or annulment ends the marriage as a decision_note does
 * (ht_kind_marriages_of()); ⚠ a noted birth makes the server request a
 * personal ID number as for a birth.  The deadlines of rule 6 (12 days for
 * marriage, divorce, annulment, LHT 50.2; 3 working days otherwise, LHT
 * 49.2) are targets, not checks on a record.
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-kind-util.h"

static const char *const registration_types[] = { "new", NULL };

static const char *const values_event[] = {
  "birth", "marriage", "divorce", "annulment", "guardianship", "parentage",
  "parentage_determination", "adoption", "change", "death", NULL
};

static const HtField foreign_act_fields[] = {
  HT_TEXT ("title", HT_REQ_YES, "giấy tờ nước ngoài", N_("Title"), "LHT 49.1"),
  HT_TEXT ("number", HT_REQ_NO, "số", N_("Number"), ""),
  HT_TEXT ("issuer", HT_REQ_YES, "cơ quan có thẩm quyền nước ngoài", N_("Foreign authority"), "LHT 49.1"),
  /* The table leaves the labels of country and event_date blank. */
  HT_TEXT ("country", HT_REQ_YES, "Nước", N_("Country"), ""),
  HT_DATE ("issued_on", HT_REQ_YES, "ngày cấp", N_("Issued on"), ""),
  /* ⚠ The date the event was settled abroad: the event kind's rules are
   * dated by it. */
  HT_DATE ("event_date", HT_REQ_YES, "Ngày, tháng, năm giải quyết ở nước ngoài", N_("Date of the event abroad"), "⚠"),
  HT_END
};

static const HtField fields[] = {
  HT_ENUM ("event", HT_REQ_YES, values_event, "việc hộ tịch", N_("Event"), "LHT 3.3"),
  { .name = "event_data", .type = HT_T_EVENT_DATA, .req = HT_REQ_YES,
    .label_vi = "Nội dung việc hộ tịch", .label = N_("Event data"), .source = "LHT 49.1, 50.1" },
  HT_OBJECT ("foreign_act", HT_REQ_YES, foreign_act_fields, "Giấy tờ do cơ quan có thẩm quyền nước ngoài cấp",
             N_("Foreign act"), "LHT 49.1"),
  HT_BOOL ("legalised", HT_REQ_YES, "hợp pháp hóa lãnh sự (hoặc được miễn)", N_("Legalised or exempt"), "LHT 10"),
  HT_REF_IF ("original", "event=divorce|annulment", "Đăng ký kết hôn tại … Số … ngày …",
             N_("Marriage registration"), "LHT 48.2; Form"),
  HT_AGENT ("requester", HT_REQ_YES, "người yêu cầu", N_("Requester"), "LHT 49.1, 50.1"),
  HT_END
};

/* ---- Rules ---- */

static gboolean
is_event (HtRuleCtx  *ctx,
          const char *event)
{
  return ht_rule_is (ctx, "event", event);
}

static void
collect_nationalities (const cJSON *node,
                       GPtrArray   *out)
{
  const cJSON *child;

  if (cJSON_IsObject (node))
    {
      const char *n = cJSON_GetStringValue (_ht_json_member (node, "nationality"));
      if (n != NULL)
        g_ptr_array_add (out, (gpointer) n);
    }
  cJSON_ArrayForEach (child, node)
    if (cJSON_IsObject (child) || cJSON_IsArray (child))
      collect_nationalities (child, out);
}

/* Rule 1 (LHT 3.3): the note is for Vietnamese citizens, so a party has
 * Vietnamese nationality.  The subjects of a divorce, an annulment or a
 * parentage determination carry no nationality: the marriage entry here
 * (rule 3) or the requester's papers show it. */
static void
rule_vietnamese_party (HtRuleCtx *ctx)
{
  g_autoptr(GPtrArray) nationalities = g_ptr_array_new ();
  gboolean citizen = FALSE;

  collect_nationalities (ht_rule_get (ctx, "event_data"), nationalities);
  if (nationalities->len == 0)
    return;
  for (guint i = 0; i < nationalities->len; i++)
    citizen |= !ht_kind_is_foreign (nationalities->pdata[i]);
  if (!citizen)
    ht_rule_report (ctx, "event_data", _("no party is a Vietnamese citizen: a note is only for citizens' events"));
}

/* Members of an event kind that the engine keeps in event_data but that
 * belong to registering the event here: a marriage's foreign party files
 * papers with this office (LHT 38.1); a change registered here notifies the
 * original's office (LHT 28.3) and asks the consents of NĐ123 7.1†, which
 * the foreign authority's procedure replaced. */
static const char *const local_procedure[] = {
  "foreign_papers", "notice_sent_on", "consent_parents", "consent_subject", NULL
};

static gboolean
is_func_rule (const HtKind *kind,
              const char   *code)
{
  for (const HtRule *r = kind->rules; r != NULL && r->code != NULL; r++)
    if (r->func != NULL && g_str_equal (r->code, code))
      return TRUE;
  return FALSE;
}

/* Rules 1 and 2 (LHT 3.3; NĐ123 34, 36 ⚠): event_data passes its kind's
 * rules as of the event abroad, without a late flag.  The event's kind
 * validates a temporary entry {kind, office, id, signer, registered_on =
 * foreign_act.event_date, registration_type = the kind's default, data =
 * event_data}; what comes back is kept when it is one of that kind's own
 * rules (the generic field checks already ran on event_data, against this
 * note's date), is not the late flag, and is not about local procedure
 * (the excluded members, and local_procedure above).
 * The issues keep the event kind's codes and severities, with their paths
 * under data.event_data.  The temporary entry carries this note's id so
 * that the register's rules do not count the note against itself. */
static void
rule_event_data (HtRuleCtx *ctx)
{
  const HtKind *ekind = ht_foreign_event_kind (ht_rule_string (ctx, "event"));
  const cJSON *event_data = ht_rule_get (ctx, "event_data");
  const char *event_date = ht_rule_string (ctx, "foreign_act.event_date");
  const cJSON *signer = _ht_json_member (ctx->record, "signer");
  g_autoptr(cJSON) temp = NULL;
  HtIssues *found;

  if (ekind == NULL || !cJSON_IsObject (event_data) || event_date == NULL)
    return;
  temp = cJSON_CreateObject ();
  if (ht_record_id (ctx->record) != NULL)
    cJSON_AddStringToObject (temp, "id", ht_record_id (ctx->record));
  cJSON_AddStringToObject (temp, "kind", ekind->code);
  if (ht_record_office (ctx->record) != NULL)
    cJSON_AddStringToObject (temp, "office", ht_record_office (ctx->record));
  cJSON_AddStringToObject (temp, "registered_on", event_date);
  cJSON_AddStringToObject (temp, "status", "registered");
  cJSON_AddStringToObject (temp, "registration_type", ekind->registration_types[0]);
  if (cJSON_IsObject (signer))
    cJSON_AddItemToObject (temp, "signer", cJSON_Duplicate (signer, TRUE));
  cJSON_AddItemToObject (temp, "data", cJSON_Duplicate (event_data, TRUE));

  found = ht_validate (temp, ctx->options);
  for (guint i = 0; i < found->len; i++)
    {
      HtIssue *issue = found->pdata[i];
      const char *path = issue->field;
      g_autofree char *first = NULL;
      g_autofree char *at = NULL;

      if (!g_str_has_prefix (path, "data.") || g_str_equal (issue->code, "late") ||
          !is_func_rule (ekind, issue->code))
        continue;
      path += strlen ("data.");
      first = g_strndup (path, strcspn (path, ".["));
      if (ht_foreign_event_excludes (first) || g_strv_contains (local_procedure, first))
        continue;
      at = g_strconcat ("data.event_data.", path, NULL);
      ht_issues_add (ctx->issues, at, issue->code, issue->severity, "%s", issue->message);
    }
  g_ptr_array_unref (found);
}

/* The event abroad cannot be settled before it happened: a birth is
 * registered on or after the birth, a death on or after the death. */
static void
rule_event_date (HtRuleCtx *ctx)
{
  GDate settled, happened;
  const char *path = is_event (ctx, "birth") ? "event_data.child.date_of_birth"
                     : is_event (ctx, "death") ? "event_data.died_at" : NULL;

  if (path != NULL && ht_rule_date (ctx, "foreign_act.event_date", &settled) &&
      ht_rule_date (ctx, path, &happened) && g_date_compare (&settled, &happened) < 0)
    {
      if (is_event (ctx, "birth"))
        ht_rule_report (ctx, "foreign_act.event_date", _("the birth is registered abroad before the date of birth"));
      else
        ht_rule_report (ctx, "foreign_act.event_date", _("the death is registered abroad before the date of death"));
    }
}

/* An act records an event that has happened; a paper dated earlier is
 * more likely a slip of the date than a real paper, so it is a warning. */
static void
rule_act_date (HtRuleCtx *ctx)
{
  if (ht_kind_dates_out_of_order (ctx, "foreign_act.event_date", "foreign_act.issued_on", FALSE))
    ht_rule_report (ctx, "foreign_act.issued_on", _("the foreign paper is dated before the event it records"));
}

/* Rule 3 (LHT 48.2): a divorce or annulment abroad is noted against the
 * marriage registered or noted here. */
static void
rule_original_marriage (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (!(is_event (ctx, "divorce") || is_event (ctx, "annulment")) ||
      (original = ht_kind_resolve (ctx, "original")) == NULL)
    return;
  if (g_strcmp0 (ht_kind_entry_event (original), "marriage") != 0)
    ht_rule_report (ctx, "original", _("a divorce or annulment is noted against a marriage"));
}

/* Rule 3: "here".  A code gone from the units may be our predecessor. */
static void
rule_original_here (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (!(is_event (ctx, "divorce") || is_event (ctx, "annulment")) ||
      (original = ht_kind_resolve (ctx, "original")) == NULL)
    return;
  if (ht_kind_office_relation (ctx, ht_record_office (original)) == HT_KIND_OFFICE_OTHER)
    ht_rule_report (ctx, "original", _("the marriage is registered by office %s: the note is made there"),
                    ht_record_office (original));
}

/* HNGĐ 57.1, 12.1 and 57.2, as for a decision_note. */
static void
rule_marriage_ended (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if ((is_event (ctx, "divorce") || is_event (ctx, "annulment")) &&
      (original = ht_kind_resolve (ctx, "original")) != NULL)
    ht_kind_check_marriage_open (ctx, original);
}

static void
rule_subject_spouse (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if ((is_event (ctx, "divorce") || is_event (ctx, "annulment")) &&
      (original = ht_kind_resolve (ctx, "original")) != NULL)
    ht_kind_check_spouses (ctx, original, "event_data.subjects");
}

/* Rule 5 (LHT 10): foreign papers are legalised unless a treaty exempts
 * them; "legalised" true says either.  For a digitised entry the book is
 * the evidence. */
static void
rule_legalised (HtRuleCtx *ctx)
{
  const cJSON *v = ht_rule_get (ctx, "legalised");

  if (cJSON_IsFalse (v))
    ht_rule_report_severity (ctx, ctx->options->digitised ? HT_SEVERITY_WARNING : HT_SEVERITY_ERROR, "legalised",
                             _("the foreign paper must be legalised by a consulate, unless a treaty exempts it"));
}

static const HtRule rules[] = {
  { "no_vietnamese_party", HT_SEVERITY_ERROR, "event_data", "LHT 3.3",
    N_("Rule 1: a party of the event is a Vietnamese citizen."), rule_vietnamese_party },
  { "event_data_rules", HT_SEVERITY_ERROR, "event_data", "LHT 3.3; NĐ123 34, 36 ⚠",
    N_("Rules 1 and 2: event_data passes its kind's own rules dated by the event abroad, without a late flag; "
       "the issues keep that kind's codes and severities."), rule_event_data },
  { "event_date_too_early", HT_SEVERITY_ERROR, "foreign_act.event_date", "LHT 49.1",
    N_("A birth or a death is settled abroad on or after it happened."), rule_event_date },
  { "act_before_event", HT_SEVERITY_WARNING, "foreign_act.issued_on", "LHT 49.1",
    N_("The foreign paper is dated on or after the event it records."), rule_act_date },
  { "original_not_marriage", HT_SEVERITY_ERROR, "original", "LHT 48.2",
    N_("Rule 3: a divorce or annulment is noted against a marriage or a marriage noted from abroad."),
    rule_original_marriage },
  { "original_elsewhere", HT_SEVERITY_ERROR, "original", "LHT 48.2",
    N_("Rule 3: the marriage is in this office's book."), rule_original_here },
  { "marriage_already_ended", HT_SEVERITY_ERROR, "original", "HNGĐ 57.1, 12.1",
    N_("Rule 3: the marriage is not already ended by a divorce or an annulment in the register."),
    rule_marriage_ended },
  { "subject_not_spouse", HT_SEVERITY_WARNING, "event_data.subjects", "LHT 48.2",
    N_("The persons of a divorce or annulment are the spouses of the entry."), rule_subject_spouse },
  { "not_legalised", HT_SEVERITY_ERROR, "legalised", "LHT 10",
    N_("Rule 5: the foreign paper is legalised or exempt (a warning for digitised entries)."), rule_legalised },
  { NULL }
};

/* Trích lục ghi vào Sổ hộ tịch việc <event>: TLGCKS and TLGCKH per the Form;
 * ⚠ the other suffixes are ours. */
static const HtPaper papers[] = {
  { "TLGCKS", "Trích lục ghi vào Sổ hộ tịch việc khai sinh", "%u/TLGCKS", "Form; LHT 49.2" },
  { "TLGCKH", "Trích lục ghi vào Sổ hộ tịch việc kết hôn", "%u/TLGCKH", "Form; LHT 50.2" },
  { "TLGCLH", "Trích lục ghi vào Sổ hộ tịch việc ly hôn", "%u/TLGCLH", "LHT 50.2 ⚠" },
  { "TLGCHH", "Trích lục ghi vào Sổ hộ tịch việc hủy việc kết hôn", "%u/TLGCHH", "LHT 50.2 ⚠" },
  { "TLGCGH", "Trích lục ghi vào Sổ hộ tịch việc giám hộ", "%u/TLGCGH", "LHT 49.2 ⚠" },
  { "TLGCCMC", "Trích lục ghi vào Sổ hộ tịch việc nhận cha, mẹ, con / xác định cha, mẹ, con", "%u/TLGCCMC",
    "LHT 49.2 ⚠" },
  { "TLGCNCN", "Trích lục ghi vào Sổ hộ tịch việc nuôi con nuôi", "%u/TLGCNCN", "LHT 49.2 ⚠" },
  { "TLGCTĐ", "Trích lục ghi vào Sổ hộ tịch việc thay đổi hộ tịch", "%u/TLGCTĐ", "LHT 49.2 ⚠" },
  { "TLGCKT", "Trích lục ghi vào Sổ hộ tịch việc khai tử", "%u/TLGCKT", "LHT 49.2 ⚠" },
  { "TLGCKS-BS", "Trích lục ghi vào Sổ hộ tịch việc khai sinh (bản sao)", "%u/TLGCKS-BS", "Form" },
  { "TLGCKH-BS", "Trích lục ghi vào Sổ hộ tịch việc kết hôn (bản sao)", "%u/TLGCKH-BS", "Form ⚠" },
  { "TLGCLH-BS", "Trích lục ghi vào Sổ hộ tịch việc ly hôn (bản sao)", "%u/TLGCLH-BS", "LHT 63 ⚠" },
  { "TLGCHH-BS", "Trích lục ghi vào Sổ hộ tịch việc hủy việc kết hôn (bản sao)", "%u/TLGCHH-BS", "LHT 63 ⚠" },
  { "TLGCGH-BS", "Trích lục ghi vào Sổ hộ tịch việc giám hộ (bản sao)", "%u/TLGCGH-BS", "LHT 63 ⚠" },
  { "TLGCCMC-BS", "Trích lục ghi vào Sổ hộ tịch việc nhận cha, mẹ, con / xác định cha, mẹ, con (bản sao)",
    "%u/TLGCCMC-BS", "LHT 63 ⚠" },
  { "TLGCNCN-BS", "Trích lục ghi vào Sổ hộ tịch việc nuôi con nuôi (bản sao)", "%u/TLGCNCN-BS", "LHT 63 ⚠" },
  { "TLGCTĐ-BS", "Trích lục ghi vào Sổ hộ tịch việc thay đổi hộ tịch (bản sao)", "%u/TLGCTĐ-BS", "LHT 63 ⚠" },
  { "TLGCKT-BS", "Trích lục ghi vào Sổ hộ tịch việc khai tử (bản sao)", "%u/TLGCKT-BS", "LHT 63 ⚠" },
  { NULL }
};

const HtKind ht_kind_foreign_note = {
  .code = "foreign_note",
  .book = "GC",
  .title_vi = "Ghi vào Sổ hộ tịch việc hộ tịch đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài",
  .label = N_("Event registered abroad"),
  .registration_types = registration_types,
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND xã of the citizen's residence; divorce or annulment where the marriage is registered "
               "or noted; death where the declarant lives (LHT 48)",
  .late_after_days = 0,
  .derive = NULL,
};
