typedef int ht_unused_admin_records;
