/* ht-record.c — being written. */
typedef int ht_unused_ht_record;
