# socket.makefile() over loopback TCP (modes r, w, rb, wb, rw, buffering, encoding)
# and socket.socket(fileno=...). Every socket has a 10 s timeout, so a lost peer
# fails the test with TimeoutError instead of hanging it.
import socket
import threading

DEADLINE = 10.0


def pair():
    srv = socket.create_server(('127.0.0.1', 0))
    srv.settimeout(DEADLINE)
    c = socket.create_connection(srv.getsockname(), timeout=DEADLINE)
    s, _ = srv.accept()
    s.settimeout(DEADLINE)
    srv.close()
    return c, s


# text: a writer file on one end, a reader file on the other
c, s = pair()
w = c.makefile('w', encoding='utf-8')
r = s.makefile('r', encoding='utf-8')
print(type(w).__name__, type(r).__name__, w.mode, r.mode)
w.write('hello\n')
w.write('héllo wörld\nno newline at the end')
w.flush()
print(repr(r.readline()))
print(repr(r.readline()))
c.shutdown(socket.SHUT_WR)
print(repr(r.read()))
print(repr(r.read()), repr(r.readline()))
w.close()
r.close()
print('files closed:', w.closed, r.closed)
c.close()
s.close()

# binary, the socket closed while its files are open: they keep working
c, s = pair()
wb = c.makefile('wb')
rb = s.makefile('rb')
print(isinstance(wb.name, int), wb.mode, rb.mode)
c.close()
s.close()
print('sockets closed, files still open:', wb.closed, rb.closed)
wb.write(b'line 1\nline 2\n' + bytes(range(5)))
wb.flush()
print(rb.readline(), rb.readline(), rb.read(5))
wb.write(b'x' * 100000)
wb.close()   # the last file of c: the descriptor closes, the peer sees EOF
print('after the writer closed:', len(rb.read()), rb.read())
rb.close()
print(c.fileno(), s.fileno())

# iteration over lines, unbuffered binary, readinto
c, s = pair()
raw = s.makefile('rb', buffering=0)
print(type(raw).__name__, raw.readable(), raw.writable())
c.sendall(b'a\nbb\nccc\n')
c.shutdown(socket.SHUT_WR)
buf = bytearray(3)
print(raw.readinto(buf), bytes(buf))
rest = s.makefile('r')
print(list(rest))
try:
    s.makefile('r', buffering=0)
except ValueError as e:
    print('ValueError:', e)
try:
    s.makefile('rx')
except ValueError as e:
    print('ValueError:', e)
raw.close()
rest.close()
c.close()
s.close()

# a request/response over 'rwb' with a server thread
c, s = pair()


def serve():
    f = s.makefile('rwb')
    for line in f:
        f.write(line.upper())
        f.flush()
    f.close()
    s.close()


t = threading.Thread(target=serve)
t.start()
f = c.makefile('rw', encoding='latin-1', newline='\n')
for word in ('ping', 'pong', 'ça va'):
    f.write(word + '\n')
    f.flush()
    print(repr(f.readline()))
c.shutdown(socket.SHUT_WR)
print(repr(f.read()))
f.close()
c.close()
t.join(DEADLINE)
print('server thread done:', not t.is_alive())

# socket(fileno=...): adopting a descriptor; family and type read from it
c, s = pair()
fd = c.detach()
a = socket.socket(fileno=fd)
print(a.fileno() == fd, a.family == socket.AF_INET, a.type == socket.SOCK_STREAM)
a.settimeout(DEADLINE)
a.sendall(b'through the adopted socket')
print(s.recv(100))
a.close()
print(s.recv(100))
s.close()
u1, u2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
b = socket.socket(fileno=u1.detach())
print(b.family == socket.AF_UNIX, b.type == socket.SOCK_DGRAM)
b.close()
u2.close()
try:
    socket.socket(fileno=-1)
except ValueError as e:
    print('ValueError:', e)
with open(__file__, 'rb') as f:
    try:
        socket.socket(fileno=f.fileno())
    except OSError as e:
        print('OSError:', e.errno, e.strerror)
    print('the file is still open:', f.read(8))
