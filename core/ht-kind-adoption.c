/* ht-kind-adoption.c — being written. */
typedef int ht_unused_ht_kind_adoption;
