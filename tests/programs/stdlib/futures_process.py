# python3: skip (gilvm runs one process: ProcessPoolExecutor and multiprocessing say so)
# exit: 1
# stderr: ImportError: gilvm runs one process: multiprocessing is not available; use threading or concurrent.futures.ThreadPoolExecutor
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

try:
    ProcessPoolExecutor(max_workers=2)
except NotImplementedError as e:
    print(e)
with ThreadPoolExecutor() as ex:
    print(ex.submit(sum, [1, 2, 3]).result())
import multiprocessing
