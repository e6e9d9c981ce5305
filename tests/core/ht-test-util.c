typedef int ht_unused_test_util;
