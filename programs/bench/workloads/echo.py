# echo.py -- workload for `gilvm bench`: the convoy effect on real I/O. A TCP echo
# server on loopback, threaded (a thread per connection) and asyncio (a Protocol on an
# event loop in its own thread), each answering one client thread that sends a
# request, waits for its echo and checks it, as fast as it can. Each server is
# measured alone and beside N CPU-bound threads (sys.argv[1], default 1) that count
# as fast as they can; a phase lasts PHASE seconds (times the optional sys.argv[2]).
# Prints requests per second and the median and 99th-percentile round trip of each
# server alone and beside the CPU threads. Under CPython's GIL a thread woken by its
# socket waits up to a switch interval for a CPU thread to hand the GIL over, so
# requests/s beside CPU threads falls by orders of magnitude (a published CPython
# measurement of the same experiment: 30k requests/s alone, about 100 beside one CPU
# thread at 5 ms). Every echo is checked byte for byte; a wrong or missing echo, or a
# phase without a request, exits with 1.
# output: varies
import asyncio
import socket
import sys
import threading
import time

PHASE = 0.2
SIZE = 16


def spin(stop, out, k):
    c = 0
    while not stop[0]:
        c += 1
    out[k] = c


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    return buf


def client(port, stop, out):
    """Round trips until stop; out gets (requests, latencies, error or None)."""
    lat = []
    err = None
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        i = 0
        while not stop[0]:
            msg = b"%0*d" % (SIZE, i)
            t0 = time.perf_counter()
            s.sendall(msg)
            got = recv_exact(s, SIZE)
            lat.append(time.perf_counter() - t0)
            if got != msg:
                err = f"request {i}: sent {msg!r}, got {got!r}"
                break
            i += 1
    out.append((i, lat, err))


# ---------------------------------------------------------------- threaded server


def threaded_server():
    """Starts the threaded echo server; returns (port, close)."""
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(8)
    conns = []

    def handle(conn):
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)

    def accept():
        while True:
            try:
                conn, _ = lsock.accept()
            except OSError:
                return
            conns.append(conn)
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()

    def close():
        lsock.close()

    return lsock.getsockname()[1], close


# ---------------------------------------------------------------- asyncio server


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


def asyncio_server():
    """Starts the asyncio echo server on a loop in its own thread; returns (port, close)."""
    ready = threading.Event()
    box = {}

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Echo, "127.0.0.1", 0)
        box["port"] = server.sockets[0].getsockname()[1]
        box["stop"] = loop.create_future()
        box["loop"] = loop
        ready.set()
        await box["stop"]
        server.close()
        await server.wait_closed()

    t = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    t.start()
    if not ready.wait(30):
        print("error=the asyncio server did not start")
        sys.exit(1)

    def close():
        box["loop"].call_soon_threadsafe(box["stop"].set_result, None)
        t.join(30)

    return box["port"], close


def phase(server, ncpu):
    """One server beside ncpu CPU threads for PHASE seconds: (requests, latencies)."""
    port, close = server()
    stop = [False]
    cpu_out = [0] * ncpu
    out = []
    threads = [threading.Thread(target=spin, args=(stop, cpu_out, k), daemon=True)
               for k in range(ncpu)]
    threads.append(threading.Thread(target=client, args=(port, stop, out), daemon=True))
    for t in threads:
        t.start()
    time.sleep(PHASE)
    stop[0] = True
    for t in threads:
        t.join(60)
    close()
    if not out:
        print("error=the client did not finish")
        sys.exit(1)
    n, lat, err = out[0]
    if err is not None:
        print(f"error={err}")
        sys.exit(1)
    if n == 0:
        print("error=no request was answered")
        sys.exit(1)
    if ncpu and min(cpu_out) == 0:
        print("error=a CPU thread did no work")
        sys.exit(1)
    return n, lat


def pct(lat, q):
    s = sorted(lat)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000


def main():
    global PHASE
    ncpu = 1
    if len(sys.argv) > 1:
        ncpu = int(sys.argv[1])
    if len(sys.argv) > 2:
        PHASE *= int(sys.argv[2])
    t0 = time.perf_counter()
    total = 0
    busy_lat = []
    print(f"cpu_threads={ncpu}")
    for name, server in (("threaded", threaded_server), ("asyncio", asyncio_server)):
        for label, k in (("alone", 0), ("busy", ncpu)):
            n, lat = phase(server, k)
            total += n
            print(f"{name}_{label}_rps={n / PHASE:.1f}")
            print(f"{name}_{label}_median_ms={pct(lat, 0.5):.4f}")
            print(f"{name}_{label}_p99_ms={pct(lat, 0.99):.4f}")
            if label == "busy":
                busy_lat.extend(lat)
    print(f"latency_median_ms={pct(busy_lat, 0.5):.4f}")
    print(f"latency_p99_ms={pct(busy_lat, 0.99):.4f}")
    print(f"work={total}")
    print(f"seconds={time.perf_counter() - t0:.4f}")
    print("ok=1")


main()
