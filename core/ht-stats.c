/* ht-stats.c — being written. */
typedef int ht_unused_stats;
