# TCP over loopback: a server thread accepts one connection and echoes; IPv4 and IPv6
import socket
import threading

def serve(srv, results):
    conn, addr = srv.accept()
    with conn:
        results.append(('peer', addr[0]))
        while True:
            data = conn.recv(4)
            if not data:
                break
            conn.sendall(data.upper())
        results.append(('closed', True))

for family, host in [(socket.AF_INET, '127.0.0.1'), (socket.AF_INET6, '::1')]:
    srv = socket.socket(family, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    print('reuseaddr', srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
    srv.bind((host, 0))
    srv.listen()
    port = srv.getsockname()[1]
    results = []
    t = threading.Thread(target=serve, args=(srv, results))
    t.start()
    with socket.socket(family, socket.SOCK_STREAM) as c:
        c.connect((host, port))
        print(c.getpeername()[:2] == (host, port), c.family == family, c.type == socket.SOCK_STREAM)
        print(c.send(b'hello '), c.sendall(b'world, in chunks'))
        c.shutdown(socket.SHUT_WR)
        got = b''
        while True:
            chunk = c.recv(1024)
            if not chunk:
                break
            got += chunk
        print(got)
    t.join()
    srv.close()
    print(results)
    print(srv.fileno(), repr(srv).startswith('<socket.socket [closed] fd=-1'))

# create_server / create_connection, recv_into
srv = socket.create_server(('127.0.0.1', 0))
port = srv.getsockname()[1]
def one(srv):
    conn, _ = srv.accept()
    conn.sendall(b'0123456789')
    conn.close()
t = threading.Thread(target=one, args=(srv,))
t.start()
c = socket.create_connection(('127.0.0.1', port), timeout=30)
print(c.gettimeout())
buf = bytearray(4)
print(c.recv_into(buf), buf)
view = memoryview(bytearray(10))
n = c.recv_into(view, 3)
print(n, view[:n].tobytes())
rest = b''
while True:
    b = c.recv(100)
    if not b:
        break
    rest += b
print(rest)
c.close()
t.join()
srv.close()
