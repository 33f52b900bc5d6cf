# asyncio streams over real TCP on loopback: start_server / open_connection, the
# StreamReader read methods and their errors, StreamWriter, async with server,
# serve_forever; StreamReader fed by hand.
import asyncio

async def handle(reader, writer):
    peer = writer.get_extra_info('peername')
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    writer.write(b'bye\n')
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    handled.append(peer[0])

handled = []

async def client(port, lines):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    for line in lines:
        writer.write(line)
    await writer.drain()
    writer.write_eof()
    out = []
    while True:
        line = await reader.readline()
        if not line:
            break
        out.append(line)
    writer.close()
    await writer.wait_closed()
    return out

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        print(server.is_serving(), len(server.sockets))
        results = await asyncio.gather(client(port, [b'one\n', b'two\n']),
                                       client(port, [b'three\n']))
        print(results)
    print(server.is_serving(), sorted(handled))

    # serve_forever, cancelled: the server closes.
    async def echo_bytes(reader, writer):
        data = await reader.readexactly(5)
        writer.write(data[::-1])
        await writer.drain()
        writer.close()
    server = await asyncio.start_server(echo_bytes, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    task = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0)
    r, w = await asyncio.open_connection('127.0.0.1', port)
    w.write(b'abcde')
    print(await r.read(), r.at_eof())
    w.close()
    await w.wait_closed()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('serve_forever cancelled; serving:', server.is_serving())

    # A refused connection.
    import socket
    holder = socket.socket()
    holder.bind(('127.0.0.1', 0))
    try:
        await asyncio.open_connection('127.0.0.1', holder.getsockname()[1])
    except ConnectionRefusedError as e:
        print('ConnectionRefusedError:', e.errno, str(e).startswith('[Errno 111] Connect call failed'))
    holder.close()

    # StreamReader fed by hand.
    r = asyncio.StreamReader(limit=10)
    r.feed_data(b'line1\nab')
    print(await r.readline(), await r.read(1), r.at_eof())
    r.feed_data(b'cd|ef')
    print(await r.readuntil(b'|'), await r.readexactly(2))
    r.feed_data(b'x' * 12)
    try:
        await r.readuntil(b'|')
    except asyncio.LimitOverrunError as e:
        print('LimitOverrunError:', e, e.consumed)
    try:
        await r.readline()
    except ValueError as e:
        print('ValueError:', e)
    r.feed_data(b'tail')
    r.feed_eof()
    try:
        await r.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print('IncompleteReadError:', e, e.partial, e.expected)
    print(await r.read(), r.at_eof(), await r.readline())
    r2 = asyncio.StreamReader()
    r2.feed_data(b'a\nb\nc')
    r2.feed_eof()
    print([line async for line in r2])
    r3 = asyncio.StreamReader()
    r3.feed_data(b'no separator')
    r3.feed_eof()
    try:
        await r3.readuntil(b'\n')
    except asyncio.IncompleteReadError as e:
        print('IncompleteReadError:', e, e.partial)
    try:
        await asyncio.StreamReader().readuntil(b'')
    except ValueError as e:
        print('ValueError:', e)

asyncio.run(main())
