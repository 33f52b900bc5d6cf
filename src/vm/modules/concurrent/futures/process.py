# concurrent.futures.process for gilvm: gilvm is one process, so there is no process
# pool. The name imports (scripts import it beside ThreadPoolExecutor); using it says why.

from concurrent.futures import _base


class BrokenProcessPool(_base.BrokenExecutor):
    pass


class ProcessPoolExecutor(_base.Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None,
                 initargs=(), *, max_tasks_per_child=None):
        raise NotImplementedError(
            "gilvm runs one process: ProcessPoolExecutor is not available; "
            "use ThreadPoolExecutor")
