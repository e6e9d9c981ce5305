/* ht-derive.c — being written. */
typedef int ht_unused_ht_derive;
