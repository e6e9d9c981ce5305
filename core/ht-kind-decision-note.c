/* ht-kind-decision-note.c — being written. */
typedef int ht_unused_ht_kind_decision_note;
