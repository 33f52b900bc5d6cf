# loop.sock_recv / sock_sendall / sock_accept / sock_connect and add_reader /
# add_writer on real sockets (socketpair and loopback TCP).
import asyncio
import socket

async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)

    # add_reader fires when data arrives; remove_reader stops it.
    got = loop.create_future()
    def readable():
        got.set_result(a.recv(100))
        loop.remove_reader(a)
    loop.add_reader(a, readable)
    b.send(b'wake up')
    print(await got, loop.remove_reader(a))

    # add_writer fires at once on a socket with room.
    wrote = loop.create_future()
    def writable():
        loop.remove_writer(b)
        wrote.set_result(b.send(b'from writer'))
    loop.add_writer(b, writable)
    print(await wrote, await loop.sock_recv(a, 100))

    # sock_recv waits for data sent later by another task.
    async def later():
        await asyncio.sleep(0)
        await loop.sock_sendall(b, b'x' * 100000)
    t = asyncio.create_task(later())
    total = 0
    while total < 100000:
        total += len(await loop.sock_recv(a, 65536))
    await t
    print('received', total)
    buf = bytearray(5)
    await loop.sock_sendall(a, b'12345')
    print(await loop.sock_recv_into(b, buf), buf)
    a.close()
    b.close()

    # TCP: sock_accept and sock_connect.
    srv = socket.socket()
    srv.bind(('127.0.0.1', 0))
    srv.listen()
    srv.setblocking(False)
    c = socket.socket()
    c.setblocking(False)
    accept = asyncio.create_task(loop.sock_accept(srv))
    await loop.sock_connect(c, srv.getsockname())
    conn, addr = await accept
    print(addr == c.getsockname(), conn.getblocking())
    await loop.sock_sendall(c, b'over tcp')
    print(await loop.sock_recv(conn, 100))
    conn.close()
    print(await loop.sock_recv(c, 100))
    c.close()
    srv.close()
    holder = socket.socket()
    holder.bind(('127.0.0.1', 0))
    c = socket.socket()
    c.setblocking(False)
    try:
        await loop.sock_connect(c, holder.getsockname())
    except ConnectionRefusedError as e:
        print('ConnectionRefusedError:', e.errno)
    c.close()
    holder.close()

asyncio.run(main())
