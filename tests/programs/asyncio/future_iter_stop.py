# A future's __await__ iterator ends with StopIteration carrying the result, through
# next() as through send(), as CPython's FutureIter; a __next__ of a class passes
# its StopIteration value through next() too.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for val in (42, None, (1, 2), [3], StopIteration(5)):
        fut = loop.create_future()
        fut.set_result(val)
        it = fut.__await__()
        try:
            next(it)
        except StopIteration as e:
            print('next:', repr(e.value), e.args)
        fut = loop.create_future()
        fut.set_result(val)
        it = fut.__await__()
        try:
            it.send(None)
        except StopIteration as e:
            print('send:', repr(e.value), e.args)
        try:
            next(it)
        except StopIteration as e:
            print('exhausted:', repr(e.value), e.args)
    fut = loop.create_future()
    it = iter(fut)
    print('pending yields the future:', next(it) is fut)
    fut.set_result(7)
    try:
        next(it)
    except StopIteration as e:
        print('after pending:', e.value)
    fut = loop.create_future()
    fut.set_exception(KeyError('k'))
    try:
        next(fut.__await__())
    except KeyError as e:
        print('exception:', repr(e))
    print('default unused:', next(iter([1]), 'd'), next(iter([]), 'd'))


class It:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(5)


try:
    next(It())
except StopIteration as e:
    print('class __next__:', e.value, e.args)
print('with a default:', next(It(), 'dflt'))
asyncio.run(main())
