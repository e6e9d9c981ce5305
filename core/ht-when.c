/* ht-when.c — being written. */
typedef int ht_unused_ht_when;
