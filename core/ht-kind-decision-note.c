/* ht-kind-decision-note.c — ghi vào Sổ hộ tịch việc thay đổi hộ tịch theo bản
 * án, quyết định (KINDS.md §2.9): fields, rules, papers.
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A court's or an authority's notice starts the entry (LHT 30.1), and the
 * clerk writes it at once (LHT 31).  Its effects are read from the register
 * by the other kinds: a divorce ends the marriage on decision.effective_on
 * (HNGĐ 57.1), an annulment voids it and the statuses revert ⚠ (HNGĐ 12.1),
 * a recognition dates it from marriage_established_on (HNGĐ 11.2) — see
 * ht_kind_marriages_of(); a declaration of death locks the person from
 * declared_death_date until a note "cancels" it (HNGĐ 65; LHT 34.2) — see
 * ht_kind_death_of(); "items" amend the original's effective data as a
 * change does (rule 5, ht_kind_effective_value()); ⚠ a changed sex makes
 * the server request a new personal ID number (DOMAIN §3).  Reverting an
 * adopted child's former name is a change record (NCN 27.5†).
 */
#define G_LOG_DOMAIN "ht-kinds"

#include <inttypes.h>
#include <string.h>

#include "ht-date.h"
#include "ht-kind-util.h"

static const char *const registration_types[] = { "new", NULL };

static const char *const values_event[] = {
  "nationality_change", "parentage_determination", "sex_redetermination", "adoption",
  "adoption_termination", "divorce", "marriage_annulment", "marriage_recognition",
  "guardianship_recognition", "declared_missing", "declared_dead", "capacity_lost",
  "capacity_limited", NULL
};

/* The events that a later decision may cancel (LHT 3.2.g). */
static const char *const declarations[] = {
  "declared_missing", "declared_dead", "capacity_lost", "capacity_limited", NULL
};

static const HtField decision_fields[] = {
  HT_TEXT ("title", HT_REQ_YES, "Bản án / Quyết định", N_("Judgment or decision"), "LHT 30.1"),
  HT_TEXT ("number", HT_REQ_YES, "số", N_("Number"), "LHT 30.1"),
  HT_TEXT ("issuer", HT_REQ_YES, "Tòa án nhân dân … / cơ quan", N_("Court or authority"), "LHT 30.1"),
  HT_DATE ("issued_on", HT_REQ_YES, "ngày", N_("Issued on"), ""),
  HT_DATE ("effective_on", HT_REQ_YES, "ngày có hiệu lực pháp luật", N_("In force on"), "LHT 30.1; HNGĐ 57.1"),
  HT_END
};

static const HtField subject_fields[] = {
  HT_P_FULL_NAME (HT_REQ_YES, "Họ, chữ đệm, tên", "LHT 30.1"),
  HT_P_DATE_OF_BIRTH (HT_REQ_NO, "LHT 30.1"),
  HT_P_SEX (HT_REQ_NO, "LHT 30.1"),
  HT_P_PIN (HT_REQ_NO, "LHT 14.1.c"),
  HT_END
};

static const HtField item_fields[] = {
  HT_TEXT ("field", HT_REQ_YES, "Thông tin thay đổi", N_("Field"), "LHT 31"),
  HT_TEXT ("from", HT_REQ_NO, "từ", N_("From"), "LHT 31"),
  HT_TEXT ("to", HT_REQ_YES, "thành", N_("To"), "LHT 31"),
  HT_END
};

/* Labels the table leaves blank (subjects, original, marriage_established_on)
 * are given the book's wording for the column. */
static const HtField fields[] = {
  HT_ENUM ("event", HT_REQ_YES, values_event, "Loại việc", N_("Event"), "LHT 3.2.a–g"),
  /* Present exactly when the decision cancels a declaration: its presence is
   * the condition, and rules check that it may and what it names. */
  HT_REF ("cancels", HT_REQ_NO, "Hủy tuyên bố", N_("Cancels the declaration"), "LHT 3.2.g"),
  HT_OBJECT ("decision", HT_REQ_YES, decision_fields, "Bản án, quyết định", N_("Judgment or decision"), "LHT 30.1"),
  HT_DATE ("notice_received_on", HT_REQ_NO, "Ngày nhận thông báo", N_("Notice received on"), "LHT 30.1"),
  HT_LIST ("subjects", HT_REQ_YES, 1, subject_fields, "Người có thay đổi hộ tịch", N_("Persons concerned"), ""),
  /* "The entry is held here": always for the marriage and adoption events
   * (rules 1, 4), and whenever items amend it. */
  HT_REF_IF ("original", "event=divorce|marriage_annulment|marriage_recognition|adoption_termination || items?",
             "Việc hộ tịch đã đăng ký", N_("Original registration"), "LHT 30.1; HNGĐ 11.3, 57.2, 101.2"),
  HT_LIST_IF ("items", "event=sex_redetermination|nationality_change|parentage_determination", 1, item_fields,
              "nội dung thay đổi", N_("Changes"), "LHT 31"),
  HT_DATE_IF ("declared_death_date", "event=declared_dead && !cancels?",
              "ngày chết trong quyết định", N_("Date of death in the decision"), "HNGĐ 65"),
  HT_DATE_IF ("marriage_established_on", "event=marriage_recognition",
              "Ngày, tháng, năm xác lập quan hệ hôn nhân", N_("Marriage established on"), "HNGĐ 11.2; TT04 32†"),
  { .name = "content", .type = HT_T_TEXT, .req = HT_REQ_YES, .max_len = 4000,
    .label_vi = "nội dung ghi vào sổ", .label = N_("Entry text"), .source = "LHT 31" },
  HT_END
};

/* ---- Rules ---- */

static gboolean
is_event (HtRuleCtx  *ctx,
          const char *events)
{
  g_auto(GStrv) list = g_strsplit (events, "|", -1);
  const char *event = ht_rule_string (ctx, "event");

  return event != NULL && g_strv_contains ((const char *const *) list, event);
}

/* Rule 1 (HNGĐ 11.3, 57.2): a divorce, annulment or recognition is entered
 * against the marriage (or the marriage noted from abroad). */
static void
rule_original_marriage (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (!is_event (ctx, "divorce|marriage_annulment|marriage_recognition") ||
      (original = ht_kind_resolve (ctx, "original")) == NULL)
    return;
  if (g_strcmp0 (ht_kind_entry_event (original), "marriage") != 0)
    ht_rule_report (ctx, "original", _("a divorce, annulment or recognition is entered against a marriage"));
}

/* Rule 1: "here" — the marriage's book is this office's.  A code gone from
 * the units in force may be our predecessor, so only another existing
 * commune is an error. */
static void
rule_original_here (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (!is_event (ctx, "divorce|marriage_annulment|marriage_recognition") ||
      (original = ht_kind_resolve (ctx, "original")) == NULL)
    return;
  if (ht_kind_office_relation (ctx, ht_record_office (original)) == HT_KIND_OFFICE_OTHER)
    ht_rule_report (ctx, "original", _("the marriage is registered by office %s: the notice is entered there"),
                    ht_record_office (original));
}

/* HNGĐ 57.1, 12.1: a marriage already dissolved is not dissolved again. */
static void
rule_marriage_ended (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (is_event (ctx, "divorce|marriage_annulment") && (original = ht_kind_resolve (ctx, "original")) != NULL)
    ht_kind_check_marriage_open (ctx, original);
}

/* HNGĐ 57.2: the persons of a divorce are the spouses. */
static void
rule_subject_spouse (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (is_event (ctx, "divorce|marriage_annulment|marriage_recognition") &&
      (original = ht_kind_resolve (ctx, "original")) != NULL)
    ht_kind_check_spouses (ctx, original, "subjects");
}

/* Rule 4: a termination is entered against the adoption. */
static void
rule_original_adoption (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) original = NULL;

  if (!is_event (ctx, "adoption_termination") || (original = ht_kind_resolve (ctx, "original")) == NULL)
    return;
  if (g_strcmp0 (ht_kind_entry_event (original), "adoption") != 0)
    ht_rule_report (ctx, "original", _("ending an adoption is entered against the adoption"));
}

/* LHT 3.2.g: only a declaration is cancelled. */
static void
rule_cancels_declaration (HtRuleCtx *ctx)
{
  if (ht_rule_get (ctx, "cancels") == NULL || ht_rule_string (ctx, "event") == NULL)
    return;
  if (!g_strv_contains (declarations, ht_rule_string (ctx, "event")))
    ht_rule_report (ctx, "cancels", _("only a declaration of missing, death or lost or limited capacity is cancelled"));
}

/* The cancelled note declares the same thing, and is not itself a cancellation. */
static void
rule_cancels_target (HtRuleCtx *ctx)
{
  g_autoptr(cJSON) target = ht_kind_resolve (ctx, "cancels");

  if (target == NULL)
    return;
  if (g_strcmp0 (ht_record_kind_code (target), "decision_note") != 0 ||
      g_strcmp0 (ht_kind_entry_event (target), ht_rule_string (ctx, "event")) != 0 ||
      ht_record_get_path (target, "data.cancels") != NULL)
    ht_rule_report (ctx, "cancels", _("the cancelled entry must be a declaration of the same kind"));
}

/* HNGĐ 65; BLDS 71†: the court fixes a day of death that has passed. */
static void
rule_death_date (HtRuleCtx *ctx)
{
  if (ht_kind_dates_out_of_order (ctx, "declared_death_date", "decision.issued_on", FALSE))
    ht_rule_report (ctx, "declared_death_date", _("the date of death is after the date of the decision"));
}

static void
rule_effective_after_issue (HtRuleCtx *ctx)
{
  if (ht_kind_dates_out_of_order (ctx, "decision.issued_on", "decision.effective_on", FALSE))
    ht_rule_report (ctx, "decision.effective_on", _("a decision cannot be in force before it is issued"));
}

/* Monday to Friday after "from", up to and including "to".  Public
 * holidays are not known here, so a late notice is at most overstated. */
static int
working_days_between (const GDate *from,
                      const GDate *to)
{
  GDate d = *from;
  int n = 0;

  while (g_date_compare (&d, to) < 0)
    {
      g_date_add_days (&d, 1);
      if (g_date_get_weekday (&d) < G_DATE_SATURDAY)
        n++;
    }
  return n;
}

/* Rule 6 (LHT 30.1): the authority notifies within 5 working days; a late
 * notice is only reported. */
static void
rule_late_notice (HtRuleCtx *ctx)
{
  GDate effective, received;
  int days;

  if (!ht_rule_date (ctx, "decision.effective_on", &effective) || !ht_rule_date (ctx, "notice_received_on", &received))
    return;
  days = working_days_between (&effective, &received);
  if (days > 5)
    ht_rule_report (ctx, "notice_received_on",
                    _("the notice came %d working days after the decision took effect (due within 5)"), days);
}

/* ---- Derived: the entry's text ---- */

static const struct
{
  const char *event;
  const char *phrase; /* as written in the book, after "Ghi vào Sổ hộ tịch việc" */
} event_phrases[] = {
  { "nationality_change", "thay đổi quốc tịch" },
  { "parentage_determination", "xác định cha, mẹ, con" },
  { "sex_redetermination", "xác định lại giới tính" },
  { "adoption", "nuôi con nuôi" },
  { "adoption_termination", "chấm dứt việc nuôi con nuôi" },
  { "divorce", "ly hôn" },
  { "marriage_annulment", "hủy việc kết hôn trái pháp luật" },
  { "marriage_recognition", "công nhận việc kết hôn" },
  { "guardianship_recognition", "công nhận giám hộ" },
  { "declared_missing", "tuyên bố mất tích" },
  { "declared_dead", "tuyên bố đã chết" },
  { "capacity_lost", "tuyên bố mất năng lực hành vi dân sự" },
  { "capacity_limited", "tuyên bố hạn chế năng lực hành vi dân sự" },
};

static void
append_date (GString     *s,
             const cJSON *record,
             const char  *path)
{
  const char *text = cJSON_GetStringValue (ht_record_get_path (record, path));
  GDate d;

  if (text != NULL && ht_date_parse (text, &d))
    {
      g_autofree char *vn = ht_date_format_vn (&d);
      g_string_append (s, vn);
    }
  else
    g_string_append (s, "…");
}

static const char *
string_or_dots (const cJSON *record,
                const char  *path)
{
  const char *s = cJSON_GetStringValue (ht_record_get_path (record, path));
  return s != NULL ? s : "…";
}

/* "Họ, chữ đệm, tên của người cha" for "father.full_name", by the labels of
 * a birth entry; the path itself when the birth has no such field. */
static void
append_item_label (GString    *s,
                   const char *path)
{
  const HtField *leaf = path ? ht_kind_find_field (&ht_kind_birth, path) : NULL;
  const char *dot = path ? strchr (path, '.') : NULL;
  g_autofree char *top_name = dot ? g_strndup (path, dot - path) : NULL;
  const HtField *top = top_name ? ht_kind_find_field (&ht_kind_birth, top_name) : NULL;

  if (leaf == NULL)
    {
      g_string_append (s, path != NULL ? path : "…");
      return;
    }
  g_string_append (s, leaf->label_vi);
  if (top != NULL && top != leaf)
    {
      const char *rest = g_utf8_next_char (top->label_vi);
      g_string_append (s, " của ");
      g_string_append_unichar (s, g_unichar_tolower (g_utf8_get_char (top->label_vi)));
      g_string_append (s, rest);
    }
}

/* Enum values as the book writes them. */
static const char *
value_words (const char *value)
{
  if (g_str_equal (value, "male"))
    return "Nam";
  if (g_str_equal (value, "female"))
    return "Nữ";
  return value;
}

/* The sentence the book carries, offered for the clerk to edit (LHT 31).
 * An item is named by its label on a birth entry, where the events that
 * carry items (sex, nationality, parentage) are written. */
static char *
generate_content (const cJSON *record)
{
  const char *event = cJSON_GetStringValue (ht_record_get_path (record, "data.event"));
  const char *phrase = NULL;
  gboolean marriage = FALSE;
  const cJSON *subject, *item;
  GString *s;
  guint n = 0, count;

  for (guint i = 0; event != NULL && i < G_N_ELEMENTS (event_phrases); i++)
    if (g_str_equal (event_phrases[i].event, event))
      phrase = event_phrases[i].phrase;
  if (phrase == NULL)
    return NULL;
  marriage = g_str_equal (event, "divorce") || g_str_equal (event, "marriage_annulment") ||
             g_str_equal (event, "marriage_recognition");

  s = g_string_new ("Ghi vào Sổ hộ tịch việc ");
  if (ht_record_get_path (record, "data.cancels") != NULL)
    g_string_append (s, "hủy ");
  g_string_append (s, phrase);
  count = (guint) cJSON_GetArraySize (ht_record_get_path (record, "data.subjects"));
  cJSON_ArrayForEach (subject, ht_record_get_path (record, "data.subjects"))
    {
      const char *name = cJSON_GetStringValue (_ht_json_member (subject, "full_name"));
      if (n == 0)
        g_string_append (s, marriage && count == 2 ? " giữa " : " của ");
      else
        g_string_append (s, (marriage && count == 2) || n + 1 == count ? " và " : ", ");
      g_string_append (s, name != NULL ? name : "…");
      n++;
    }
  g_string_append_printf (s, " theo %s số %s ngày ", string_or_dots (record, "data.decision.title"),
                          string_or_dots (record, "data.decision.number"));
  append_date (s, record, "data.decision.issued_on");
  g_string_append_printf (s, " của %s, có hiệu lực pháp luật ngày ", string_or_dots (record, "data.decision.issuer"));
  append_date (s, record, "data.decision.effective_on");
  if (g_str_equal (event, "declared_dead") && ht_record_get_path (record, "data.declared_death_date") != NULL)
    {
      g_string_append (s, "; ngày chết: ");
      append_date (s, record, "data.declared_death_date");
    }
  if (g_str_equal (event, "marriage_recognition") && ht_record_get_path (record, "data.marriage_established_on") != NULL)
    {
      g_string_append (s, "; quan hệ hôn nhân được công nhận từ ngày ");
      append_date (s, record, "data.marriage_established_on");
    }
  cJSON_ArrayForEach (item, ht_record_get_path (record, "data.items"))
    {
      const char *path = cJSON_GetStringValue (_ht_json_member (item, "field"));
      const char *from = cJSON_GetStringValue (_ht_json_member (item, "from"));
      const char *to = cJSON_GetStringValue (_ht_json_member (item, "to"));

      g_string_append (s, "; ");
      append_item_label (s, path);
      if (from != NULL)
        g_string_append_printf (s, " từ \"%s\"", value_words (from));
      g_string_append_printf (s, " thành \"%s\"", to != NULL ? value_words (to) : "…");
    }
  g_string_append_c (s, '.');
  return g_string_free (s, FALSE);
}

/* "content" is generated, yet editable: it is filled in only when blank,
 * so an edited text is never reported as disagreeing. */
static cJSON *
derive (const cJSON *record)
{
  cJSON *out = cJSON_CreateObject ();
  g_autofree char *given = ht_kind_value_text (ht_record_get_path (record, "data.content"));
  g_autofree char *text = NULL;

  if (given == NULL && (text = generate_content (record)) != NULL)
    cJSON_AddStringToObject (out, "content", text);
  return out;
}

static const HtRule rules[] = {
  { "original_not_marriage", HT_SEVERITY_ERROR, "original", "HNGĐ 11.3, 57.2",
    N_("Rule 1: a divorce, annulment or recognition is entered against a marriage or a marriage noted from abroad."),
    rule_original_marriage },
  { "original_elsewhere", HT_SEVERITY_ERROR, "original", "LHT 30.1; HNGĐ 57.2",
    N_("Rule 1: the marriage is in this office's book."), rule_original_here },
  { "marriage_already_ended", HT_SEVERITY_ERROR, "original", "HNGĐ 57.1, 12.1",
    N_("Rule 2: the marriage is not already ended by a divorce or an annulment in the register."),
    rule_marriage_ended },
  { "subject_not_spouse", HT_SEVERITY_WARNING, "subjects", "HNGĐ 57.2",
    N_("The persons of a marriage decision are the spouses of the entry."), rule_subject_spouse },
  { "original_not_adoption", HT_SEVERITY_ERROR, "original", "LHT 3.2.d",
    N_("Rule 4: an adoption's termination is entered against an adoption."), rule_original_adoption },
  { "cancels_not_declaration", HT_SEVERITY_ERROR, "cancels", "LHT 3.2.g",
    N_("Rule 3: only a declaration (missing, dead, capacity) is cancelled."), rule_cancels_declaration },
  { "cancels_wrong_target", HT_SEVERITY_ERROR, "cancels", "LHT 3.2.g",
    N_("Rule 3: the cancelled entry is a declaration of the same event."), rule_cancels_target },
  { "death_date_after_decision", HT_SEVERITY_ERROR, "declared_death_date", "HNGĐ 65; BLDS 71†",
    N_("Rule 3: the declared date of death is not after the decision."), rule_death_date },
  { "effective_before_issued", HT_SEVERITY_ERROR, "decision.effective_on", "LHT 30.1",
    N_("A decision is in force on or after its date."), rule_effective_after_issue },
  { "after_registration", HT_SEVERITY_ERROR, "decision.effective_on", "LHT 30.1, 31",
    N_("Rule 6: in force on or before the registration date (generic date check)."), NULL },
  { "late_notice", HT_SEVERITY_WARNING, "notice_received_on", "LHT 30.1",
    N_("Rule 6: a notice more than 5 working days after the decision took effect is reported."), rule_late_notice },
  { "item_field_unknown", HT_SEVERITY_ERROR, "items", "LHT 31",
    N_("Rule 5: every items[].field is a field of the original's kind."), ht_kind_rule_item_field_unknown },
  { "item_field_derived", HT_SEVERITY_ERROR, "items", "KINDS §0",
    N_("Rule 5: a derived field is computed, not amended."), ht_kind_rule_item_field_derived },
  { "item_value_invalid", HT_SEVERITY_ERROR, "items", "KINDS §0",
    N_("Rule 5: every items[].to is a valid value of its field."), ht_kind_rule_item_value_invalid },
  { "item_from_mismatch", HT_SEVERITY_WARNING, "items", "LHT 31; KINDS §1.6",
    N_("Rule 5: a given \"from\" is the original's effective value (the decision's wording may differ)."),
    ht_kind_rule_item_from },
  { NULL }
};

/* ⚠ No paper by default: a notice, not a requester, starts the entry (LHT
 * 62.1); copies are made on request (LHT 63–64), their number format is not
 * in our sources. */
/* A notice, not a requester, starts the entry, so nothing is handed out by
 * default (LHT 62.1); an extract and its copy are issued on request
 * (LHT 63–64).  The code is not in the Forms ⚠. */
static const HtPaper papers[] = {
  { "TLGVS", "Trích lục ghi vào Sổ hộ tịch việc hộ tịch theo bản án, quyết định", "%u/TLGVS", "LHT 63–64 ⚠" },
  { "TLGVS-BS", "Trích lục ghi vào Sổ hộ tịch việc hộ tịch theo bản án, quyết định (bản sao)", "%u/TLGVS-BS",
    "LHT 63–64 ⚠" },
  { NULL }
};

const HtKind ht_kind_decision_note = {
  .code = "decision_note",
  .book = "GVS",
  .title_vi = "Ghi vào Sổ hộ tịch việc thay đổi hộ tịch theo bản án, quyết định",
  .label = N_("Court or authority decision"),
  .registration_types = registration_types,
  .fields = fields,
  .rules = rules,
  .papers = papers,
  .authority = "UBND holding the person's registration, on the authority's notice (LHT 30.1, 31)",
  .late_after_days = 0,
  .derive = derive,
};
