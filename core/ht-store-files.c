/* ht-store-files.c — being written. */
typedef int ht_unused_ht_store_files;
