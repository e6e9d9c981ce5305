/* ht-kind-marriage.c — being written. */
typedef int ht_unused_ht_kind_marriage;
