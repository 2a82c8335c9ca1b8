/* Half of a deliberate call cycle (ping.c <-> pong.c) that qemu.callgraph.cycle expects
 * check_call_graph.py to report. */
int ping(int n);
int pong(int n);

int ping(int n) {
    return n <= 0 ? 0 : pong(n - 1);
}
