# socketpair, UDP sendto/recvfrom on loopback, timeouts, non-blocking mode, errors
import socket
import selectors

a, b = socket.socketpair()
print(a.family == socket.AF_UNIX, a.gettimeout(), a.getblocking())
a.sendall(b'ping')
print(b.recv(10))
b.send(b'pong')
print(a.recv(2), a.recv(2))
a.settimeout(0.05)
print(a.gettimeout())
try:
    a.recv(1)
except socket.timeout as e:
    print('timeout:', type(e).__name__, e, isinstance(e, OSError))
a.setblocking(False)
print(a.gettimeout(), a.getblocking())
try:
    a.recv(1)
except BlockingIOError as e:
    print('BlockingIOError:', e.errno, e)
sel = selectors.DefaultSelector()
sel.register(a, selectors.EVENT_READ, 'reader a')
print(sel.select(0))
b.sendall(b'x')
events = sel.select(10)
print([(key.data, mask == selectors.EVENT_READ) for key, mask in events])
print(a.recv(1))
sel.unregister(a)
sel.close()
b.close()
print(a.recv(10))
a.close()

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(('127.0.0.1', 0))
u2.bind(('127.0.0.1', 0))
print(u1.sendto(b'datagram', u2.getsockname()))
data, addr = u2.recvfrom(100)
print(data, addr == u1.getsockname())
u2.sendto(b'reply', addr)
print(u1.recvfrom(3)[0])
u1.settimeout(0.01)
try:
    u1.recvfrom(10)
except TimeoutError as e:
    print('TimeoutError:', e)
u1.close(); u2.close()

v6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
v6.bind(('::1', 0))
v6.sendto(b'six', v6.getsockname())
d, addr = v6.recvfrom(10)
print(d, addr[0], len(addr))
v6.close()

# ECONNREFUSED: a bound port that does not listen
holder = socket.socket()
holder.bind(('127.0.0.1', 0))
port = holder.getsockname()[1]
c = socket.socket()
try:
    c.connect(('127.0.0.1', port))
except ConnectionRefusedError as e:
    print('ConnectionRefusedError:', e.errno, e.strerror)
c.close()
c = socket.socket()
print(c.connect_ex(('127.0.0.1', port)))
c.close()
c = socket.socket()
c.setblocking(False)
try:
    c.connect(('127.0.0.1', port))
except BlockingIOError as e:
    print('BlockingIOError:', e)
c.close()
holder.close()

s = socket.socket()
for bad in [lambda: s.bind(('127.0.0.1',)), lambda: s.bind('x'), lambda: s.bind(('127.0.0.1', 70000)),
            lambda: s.bind(('no.such.host.invalid', 0)), lambda: s.settimeout(-1), lambda: s.recv(-1),
            lambda: s.send('str'), lambda: s.getpeername()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ':', e)
s.close()
try:
    s.recv(1)
except OSError as e:
    print('OSError:', e)
print(socket.gaierror.__mro__[1:3], socket.timeout is TimeoutError, socket.error is OSError)
print([(int(f), int(k), p, c, a) for f, k, p, c, a in socket.getaddrinfo('127.0.0.1', 80, socket.AF_INET, socket.SOCK_STREAM)])
print(socket.htons(1), socket.inet_aton('1.2.3.4'), socket.inet_ntoa(b'\x7f\x00\x00\x01'))
with socket.socket() as s:
    pass
print(s.fileno())
