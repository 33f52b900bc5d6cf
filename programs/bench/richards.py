# richards.py -- a class-heavy operating-system task scheduler in the
# spirit of Martin Richards' benchmark: an idle task, a worker, two packet
# handlers and two devices pass work packets around by priority.
# Exercises classes, single inheritance, super().__init__, method overriding,
# attribute access on instances, linked lists of objects, None checks.
#
# Usage: richards.py [ITERATIONS]   (default 1 run of the whole schedule)
# Each run must end with the classic counts: 23246 packets queued and 9297
# holds (the well-known check values of the Richards benchmark).
# bench-size: 12
import sys

I_IDLE = 1
I_WORK = 2
I_HANDLERA = 3
I_HANDLERB = 4
I_DEVA = 5
I_DEVB = 6

K_DEV = 1000
K_WORK = 1001

BUFSIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        # put this packet at the end of queue; return the queue's head
        self.link = None
        if queue is None:
            return self
        p = queue
        nxt = p.link
        while nxt is not None:
            p = nxt
            nxt = p.link
        p.link = self
        return queue


class Counters:
    def __init__(self):
        self.table = [None] * 10
        self.task_list = None
        self.hold_count = 0
        self.qpkt_count = 0


class TaskState:
    def __init__(self, pending, waiting, holding):
        self.packet_pending = pending
        self.task_waiting = waiting
        self.task_holding = holding

    def is_holding_or_waiting(self):
        return self.task_holding or (not self.packet_pending and self.task_waiting)

    def is_waiting_with_packet(self):
        return self.packet_pending and self.task_waiting and not self.task_holding

    def set_running(self):
        self.packet_pending = False
        self.task_waiting = False
        self.task_holding = False

    def set_packet_pending(self):
        self.packet_pending = True
        self.task_waiting = False
        self.task_holding = False


def running():
    return TaskState(False, False, False)


def waiting():
    return TaskState(False, True, False)


def waiting_with_packet():
    return TaskState(True, True, False)


class Task(TaskState):
    def __init__(self, world, ident, priority, queue, state):
        super().__init__(state.packet_pending, state.task_waiting,
                         state.task_holding)
        self.world = world
        self.link = world.task_list
        self.ident = ident
        self.priority = priority
        self.input = queue
        world.task_list = self
        world.table[ident] = self

    def fn(self, packet):
        raise NotImplementedError("subclass must implement fn")

    def add_packet(self, packet, old):
        if self.input is None:
            self.input = packet
            self.packet_pending = True
            if self.priority > old.priority:
                return self
        else:
            packet.append_to(self.input)
        return old

    def run_task(self):
        if self.is_waiting_with_packet():
            msg = self.input
            self.input = msg.link
            if self.input is None:
                self.set_running()
            else:
                self.set_packet_pending()
        else:
            msg = None
        return self.fn(msg)

    def wait_task(self):
        self.task_waiting = True
        return self

    def hold(self):
        self.world.hold_count += 1
        self.task_holding = True
        return self.link

    def release(self, ident):
        t = self.find(ident)
        t.task_holding = False
        if t.priority > self.priority:
            return t
        return self

    def qpkt(self, packet):
        t = self.find(packet.ident)
        self.world.qpkt_count += 1
        packet.link = None
        packet.ident = self.ident
        return t.add_packet(packet, self)

    def find(self, ident):
        t = self.world.table[ident]
        if t is None:
            raise ValueError(f"bad task id {ident}")
        return t


class DeviceTask(Task):
    def __init__(self, world, ident, priority, queue, state):
        super().__init__(world, ident, priority, queue, state)
        self.pending = None

    def fn(self, packet):
        if packet is None:
            packet = self.pending
            if packet is None:
                return self.wait_task()
            self.pending = None
            return self.qpkt(packet)
        self.pending = packet
        return self.hold()


class HandlerTask(Task):
    def __init__(self, world, ident, priority, queue, state):
        super().__init__(world, ident, priority, queue, state)
        self.work_in = None
        self.device_in = None

    def fn(self, packet):
        if packet is not None:
            if packet.kind == K_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is None:
            return self.wait_task()
        count = work.datum
        if count >= BUFSIZE:
            self.work_in = work.link
            return self.qpkt(work)
        dev = self.device_in
        if dev is None:
            return self.wait_task()
        self.device_in = dev.link
        dev.datum = work.data[count]
        work.datum = count + 1
        return self.qpkt(dev)


class IdleTask(Task):
    def __init__(self, world, ident, priority, queue, state):
        super().__init__(world, ident, priority, queue, state)
        self.control = 1
        self.count = 10000

    def fn(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control = self.control // 2
            return self.release(I_DEVA)
        self.control = (self.control // 2) ^ 0xD008
        return self.release(I_DEVB)


class WorkTask(Task):
    def __init__(self, world, ident, priority, queue, state):
        super().__init__(world, ident, priority, queue, state)
        self.destination = I_HANDLERA
        self.count = 0

    def fn(self, packet):
        if packet is None:
            return self.wait_task()
        if self.destination == I_HANDLERA:
            dest = I_HANDLERB
        else:
            dest = I_HANDLERA
        self.destination = dest
        packet.ident = dest
        packet.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = ord("A") + self.count - 1
        return self.qpkt(packet)


def schedule(world):
    t = world.task_list
    while t is not None:
        if t.is_holding_or_waiting():
            t = t.link
        else:
            t = t.run_task()


def run_once():
    world = Counters()
    IdleTask(world, I_IDLE, 1, None, running())
    q = Packet(None, 0, K_WORK)
    q = Packet(q, 0, K_WORK)
    WorkTask(world, I_WORK, 1000, q, waiting_with_packet())
    q = Packet(None, I_DEVA, K_DEV)
    q = Packet(q, I_DEVA, K_DEV)
    q = Packet(q, I_DEVA, K_DEV)
    HandlerTask(world, I_HANDLERA, 2000, q, waiting_with_packet())
    q = Packet(None, I_DEVB, K_DEV)
    q = Packet(q, I_DEVB, K_DEV)
    q = Packet(q, I_DEVB, K_DEV)
    HandlerTask(world, I_HANDLERB, 3000, q, waiting_with_packet())
    DeviceTask(world, I_DEVA, 4000, None, waiting())
    DeviceTask(world, I_DEVB, 5000, None, waiting())
    schedule(world)
    return world.qpkt_count, world.hold_count


def main():
    iterations = 1
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    for i in range(iterations):
        qpkt, holds = run_once()
        if qpkt != 23246 or holds != 9297:
            print(f"FAIL: run {i}: qpkt_count={qpkt} hold_count={holds}, "
                  f"expected 23246 and 9297")
            sys.exit(1)
    print(f"richards x{iterations}: qpkt_count=23246 hold_count=9297 each run")


main()
