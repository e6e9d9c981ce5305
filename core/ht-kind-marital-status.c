/* ht-kind-marital-status.c — being written. */
typedef int ht_unused_ht_kind_marital_status;
