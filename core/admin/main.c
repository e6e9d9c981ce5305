typedef int ht_unused_main;
int main (void) { return 0; }
