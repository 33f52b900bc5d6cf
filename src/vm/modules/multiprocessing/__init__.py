# multiprocessing for gilvm: there is none. gilvm runs a program in one process (its
# point is the GIL between threads), so importing this says so instead of failing later.

raise ImportError(
    "gilvm runs one process: multiprocessing is not available; "
    "use threading or concurrent.futures.ThreadPoolExecutor")
