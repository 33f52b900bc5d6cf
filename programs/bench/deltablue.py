# deltablue.py -- a small incremental constraint solver in the spirit of
# DeltaBlue: variables joined by equality and scale constraints of different
# strengths; an edit constraint changes one variable and a plan, found by
# walking the constraint graph, propagates the change.
# Exercises many small method calls, polymorphic dispatch over constraint
# classes, lists of objects and attribute traffic.
#
# Usage: deltablue.py [N]   (default 1 round of a 100-variable chain and a
# 100-variable projection; every propagated value is checked)
# bench-size: 300
import sys

REQUIRED, STRONG, MEDIUM, WEAK = 0, 1, 2, 3


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0

    def add(self, c):
        self.constraints.append(c)


class Constraint:
    def __init__(self, strength):
        self.strength = strength

    def is_input(self):
        return False


class Stay(Constraint):
    def __init__(self, v, strength):
        Constraint.__init__(self, strength)
        self.output = v
        v.add(self)

    def inputs(self):
        return ()

    def execute(self):
        pass


class Edit(Stay):
    def is_input(self):
        return True


class Equal(Constraint):
    def __init__(self, a, b, strength):
        Constraint.__init__(self, strength)
        self.a = a
        self.b = b
        self.output = None
        a.add(self)
        b.add(self)

    def inputs(self):
        return (self.b,) if self.output is self.a else (self.a,)

    def choose(self, free):
        self.output = free

    def execute(self):
        if self.output is self.b:
            self.b.value = self.a.value
        else:
            self.a.value = self.b.value


class Scale(Constraint):
    """dst = src * scale + offset, solvable in either direction."""

    def __init__(self, src, scale, offset, dst, strength):
        Constraint.__init__(self, strength)
        self.src = src
        self.scale = scale
        self.offset = offset
        self.dst = dst
        self.output = None
        src.add(self)
        dst.add(self)

    def inputs(self):
        return (self.src,) if self.output is self.dst else (self.dst,)

    def choose(self, free):
        self.output = free

    def execute(self):
        if self.output is self.dst:
            self.dst.value = self.src.value * self.scale.value + self.offset.value
        else:
            self.src.value = (self.dst.value - self.offset.value) // self.scale.value


class Planner:
    def __init__(self):
        self.mark = 0

    def plan_from(self, source):
        """Orient every two-way constraint away from source, breadth first,
        and return the constraints in execution order."""
        self.mark += 1
        mark = self.mark
        source.mark = mark
        plan = []
        todo = [source]
        i = 0
        while i < len(todo):
            v = todo[i]
            i += 1
            for c in v.constraints:
                if c is v.determined_by or isinstance(c, Stay):
                    continue
                other = self.other_end(c, v)
                if other.mark == mark or other.determined_by is not None and \
                        other.determined_by.strength < c.strength:
                    continue
                other.mark = mark
                c.choose(other)
                other.determined_by = c
                plan.append(c)
                todo.append(other)
        return plan

    def other_end(self, c, v):
        if isinstance(c, Equal):
            return c.b if c.a is v else c.a
        return c.dst if c.src is v else c.src

    def release(self, variables):
        for v in variables:
            v.determined_by = None


def run_plan(plan):
    for c in plan:
        c.execute()


def chain_test(n):
    planner = Planner()
    vs = [Variable("v%d" % i) for i in range(n + 1)]
    for i in range(n):
        Equal(vs[i], vs[i + 1], REQUIRED)
    Stay(vs[n], STRONG)
    edit = Edit(vs[0], REQUIRED)
    plan = planner.plan_from(vs[0])
    total = 0
    for value in range(100):
        vs[0].value = value
        run_plan(plan)
        if vs[n].value != value:
            print("FAIL: chain", value, vs[n].value)
            sys.exit(1)
        total += vs[n].value
    planner.release(vs)
    return total + len(plan) + edit.is_input()


def projection_test(n):
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    src = dst = None
    dests = []
    sources = []
    for i in range(n):
        src = Variable("src%d" % i, i)
        dst = Variable("dst%d" % i, i)
        dests.append(dst)
        sources.append(src)
        Stay(src, WEAK)
        Scale(src, scale, offset, dst, REQUIRED)
    total = 0
    # Edit the last source: its destination follows.
    plan = planner.plan_from(src)
    for value in (17, 42, 99):
        src.value = value
        run_plan(plan)
        if dst.value != value * 10 + 1000:
            print("FAIL: projection", value, dst.value)
            sys.exit(1)
        total += dst.value
    planner.release(sources + dests)
    # Edit every destination in turn: its source follows backwards.
    for i, d in enumerate(dests):
        plan = planner.plan_from(d)
        d.value = 5000 + i * 10
        run_plan(plan)
        if sources[i].value != 400 + i:
            print("FAIL: projection back", i, sources[i].value)
            sys.exit(1)
        total += sources[i].value
        planner.release((d, sources[i]))
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    total = 0
    for _ in range(n):
        total += chain_test(100) + projection_test(100)
    print("deltablue rounds=%d total=%d" % (n, total))


main()
