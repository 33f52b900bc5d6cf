# Several tasks reading one StreamReader over real TCP (issue 10, section 5).
# Each chunk of the stream goes to exactly one reader: the bytes are consumed by
# whoever reads them. Readers must take turns (here: an asyncio.Lock), because two
# readers *waiting* at once is an error in CPython's StreamReader:
#   RuntimeError: read() called while another coroutine is already waiting for
#   incoming data
# (the seed text says several readers simply "get different data": they do, but
# only one may be waiting at any moment). Runs unchanged under python3.
import asyncio

CHUNKS = [f'chunk-{i:02}\n'.encode() for i in range(12)]


async def serve(reader, writer):
    # The server writes the chunks one by one, yielding between them, so the
    # readers meet both buffered data and an empty buffer they must wait on.
    for c in CHUNKS:
        writer.write(c)
        await writer.drain()
        await asyncio.sleep(0)
    writer.close()
    await writer.wait_closed()


async def worker(name, reader, lock, got):
    while True:
        async with lock:  # taking turns: at most one reader waits for data
            line = await reader.readline()
        if not line:
            return
        got.append((name, line))


async def turns(port):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    lock = asyncio.Lock()
    got = []
    await asyncio.gather(*(worker(f'reader-{i}', reader, lock, got) for i in range(3)))
    writer.close()
    await writer.wait_closed()
    lines = [line for _, line in got]
    print('readers taking turns: each chunk went to exactly one reader:',
          sorted(lines) == CHUNKS and len(set(lines)) == len(CHUNKS))
    print('  chunks read:', len(lines), ' readers that got some:',
          len({name for name, _ in got}))


async def buffered():
    # All data already buffered: readers never wait, each takes what it reads.
    reader = asyncio.StreamReader()
    reader.feed_data(b'AAAABBBBCCCC')
    reader.feed_eof()

    async def take(name):
        data = await reader.readexactly(4)
        return name, data

    print('buffered data, three readers:',
          await asyncio.gather(take('r1'), take('r2'), take('r3')))


async def two_waiting():
    reader = asyncio.StreamReader()
    first = asyncio.create_task(reader.read(10), name='first')
    await asyncio.sleep(0)  # `first` is now waiting for data
    try:
        await reader.read(10)
    except RuntimeError as e:
        print('second reader while the first waits -> RuntimeError:', e)
    reader.feed_data(b'late data')
    print('the first reader still gets the data:', await first)


async def main():
    server = await asyncio.start_server(serve, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await turns(port)
    await buffered()
    await two_waiting()


asyncio.run(main())
