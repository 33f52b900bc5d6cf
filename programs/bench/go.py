# go.py -- Go-like Monte Carlo: random playouts on a 9x9 board with stones,
# groups found by flood fill, liberties and captures, no suicide, a simple
# ko rule; each first move is scored by the playouts it wins.
# Exercises classes with small methods, lists as boards, sets of points,
# and seeded `random` (the same numbers as CPython's Mersenne Twister).
#
# Usage: go.py [N]   (default 4 playouts for each of 9 candidate moves)
# bench-size: 8
import random
import sys

SIZE = 9
EMPTY, BLACK, WHITE = 0, 1, 2


class Board:
    def __init__(self):
        self.cells = [EMPTY] * (SIZE * SIZE)
        self.ko = -1
        self.neighbours = []
        for p in range(SIZE * SIZE):
            x, y = p % SIZE, p // SIZE
            ns = []
            if x > 0:
                ns.append(p - 1)
            if x < SIZE - 1:
                ns.append(p + 1)
            if y > 0:
                ns.append(p - SIZE)
            if y < SIZE - 1:
                ns.append(p + SIZE)
            self.neighbours.append(ns)

    def copy(self):
        b = Board.__new__(Board)
        b.cells = self.cells[:]
        b.ko = self.ko
        b.neighbours = self.neighbours
        return b

    def group(self, p):
        colour = self.cells[p]
        stones = {p}
        libs = set()
        todo = [p]
        while todo:
            q = todo.pop()
            for n in self.neighbours[q]:
                c = self.cells[n]
                if c == EMPTY:
                    libs.add(n)
                elif c == colour and n not in stones:
                    stones.add(n)
                    todo.append(n)
        return stones, libs

    def play(self, p, colour):
        """Place a stone; False (board unchanged) if illegal."""
        if self.cells[p] != EMPTY or p == self.ko:
            return False
        self.cells[p] = colour
        enemy = 3 - colour
        captured = []
        for n in self.neighbours[p]:
            if self.cells[n] == enemy:
                stones, libs = self.group(n)
                if not libs:
                    captured.extend(stones)
                    for s in stones:
                        self.cells[s] = EMPTY
        stones, libs = self.group(p)
        if not libs:
            self.cells[p] = EMPTY
            return False
        self.ko = captured[0] if len(captured) == 1 and len(stones) == 1 else -1
        return True

    def is_eye(self, p, colour):
        return all(self.cells[n] == colour for n in self.neighbours[p])

    def all_groups_live(self):
        seen = set()
        for p, c in enumerate(self.cells):
            if c != EMPTY and p not in seen:
                stones, libs = self.group(p)
                if not libs:
                    return False
                seen |= stones
        return True

    def score(self):
        black = white = 0
        for p, c in enumerate(self.cells):
            if c == BLACK:
                black += 1
            elif c == WHITE:
                white += 1
            elif self.is_eye(p, BLACK):
                black += 1
            elif self.is_eye(p, WHITE):
                white += 1
        return black - white - 6.5


def playout(board, colour, rng):
    passes = 0
    moves = 0
    while passes < 2 and moves < 200:
        empties = [p for p, c in enumerate(board.cells) if c == EMPTY and not board.is_eye(p, colour)]
        rng.shuffle(empties)
        for p in empties:
            if board.play(p, colour):
                passes = 0
                break
        else:
            passes += 1
        colour = 3 - colour
        moves += 1
    if not board.all_groups_live():
        print("FAIL: a group without liberties was left on the board")
        sys.exit(1)
    return board.score(), moves


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    rng = random.Random(2024)
    root = Board()
    candidates = [rng.randrange(SIZE * SIZE) for _ in range(9)]
    results = []
    total_moves = 0
    for move in candidates:
        b = root.copy()
        if not b.play(move, BLACK):
            continue
        wins = 0
        for _ in range(n):
            s, m = playout(b.copy(), WHITE, rng)
            total_moves += m
            if s > 0:
                wins += 1
        results.append((wins, -move))
    if not results:
        print("FAIL: no legal candidate")
        sys.exit(1)
    best = max(results)
    print("go playouts=%d candidates=%r best=%d wins=%d moves=%d"
          % (n, candidates, -best[1], best[0], total_moves))


main()
