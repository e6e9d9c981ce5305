/* ht-rule-util.c — being written. */
typedef int ht_unused_ht_rule_util;
