/* ht-date.c — being written. */
typedef int ht_unused_ht_date;
