/* ht-kind-parentage.c — being written. */
typedef int ht_unused_ht_kind_parentage;
