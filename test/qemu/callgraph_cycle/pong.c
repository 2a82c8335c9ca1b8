/* The other half of the deliberate call cycle of ping.c. */
int ping(int n);
int pong(int n);

int pong(int n) {
    return n <= 0 ? 1 : ping(n - 1);
}
