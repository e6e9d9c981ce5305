/* ht-kind-foreign-note.c — being written. */
typedef int ht_unused_ht_kind_foreign_note;
