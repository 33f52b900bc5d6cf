# raytrace.py -- a small ray tracer over float vector objects: spheres and a
# checkered plane, one point light, shadows and one bounce of reflection.
# Exercises float arithmetic inside classes, operator methods (__add__,
# __sub__, __mul__), many short-lived objects and method calls.
#
# Usage: raytrace.py [SIZE]   (default a 24x24 image; prints a checksum of the
# 8-bit pixel values, which must match CPython's exactly)
# bench-size: 180
import math
import sys


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction * t


class Sphere:
    def __init__(self, centre, radius, colour, reflect):
        self.centre = centre
        self.radius = radius
        self.colour = colour
        self.reflect = reflect

    def intersect(self, ray):
        oc = ray.origin - self.centre
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > 1e-6:
            return t
        t = -b + root
        return t if t > 1e-6 else None

    def normal_at(self, p):
        return (p - self.centre).normalized()

    def colour_at(self, p):
        return self.colour


class Plane:
    def __init__(self, point, normal, reflect):
        self.point = point
        self.normal = normal.normalized()
        self.reflect = reflect

    def intersect(self, ray):
        d = ray.direction.dot(self.normal)
        if abs(d) < 1e-9:
            return None
        t = (self.point - ray.origin).dot(self.normal) / d
        return t if t > 1e-6 else None

    def normal_at(self, p):
        return self.normal

    def colour_at(self, p):
        if (math.floor(p.x) + math.floor(p.z)) % 2 == 0:
            return Vec(0.9, 0.9, 0.9)
        return Vec(0.1, 0.1, 0.1)


class Scene:
    def __init__(self):
        self.objects = [
            Sphere(Vec(0.0, 1.0, 5.0), 1.0, Vec(0.9, 0.2, 0.2), 0.3),
            Sphere(Vec(-2.0, 0.7, 6.0), 0.7, Vec(0.2, 0.9, 0.2), 0.2),
            Sphere(Vec(2.0, 0.5, 4.0), 0.5, Vec(0.2, 0.2, 0.9), 0.5),
            Plane(Vec(0.0, 0.0, 0.0), Vec(0.0, 1.0, 0.0), 0.25),
        ]
        self.light = Vec(-5.0, 8.0, -3.0)

    def hit(self, ray):
        best = None
        best_t = 1e30
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < best_t:
                best_t = t
                best = obj
        return best, best_t

    def trace(self, ray, depth):
        obj, t = self.hit(ray)
        if obj is None:
            return Vec(0.2, 0.3, 0.5)
        p = ray.at(t)
        n = obj.normal_at(p)
        to_light = (self.light - p).normalized()
        shade = 0.1
        shadow, st = self.hit(Ray(p, to_light))
        if shadow is None:
            lam = n.dot(to_light)
            if lam > 0.0:
                shade += 0.9 * lam
        colour = obj.colour_at(p) * shade
        if depth > 0 and obj.reflect > 0.0:
            d = ray.direction
            r = d - n * (2.0 * d.dot(n))
            colour = colour * (1.0 - obj.reflect) + self.trace(Ray(p, r), depth - 1) * obj.reflect
        return colour


def to_byte(c):
    c = 0.0 if c < 0.0 else (1.0 if c > 1.0 else c)
    return int(c * 255.0 + 0.5)


def render(size):
    scene = Scene()
    eye = Vec(0.0, 1.5, -2.0)
    checksum = 0
    lit = 0
    for j in range(size):
        for i in range(size):
            x = (i + 0.5) / size * 2.0 - 1.0
            y = 1.0 - (j + 0.5) / size * 2.0
            c = scene.trace(Ray(eye, Vec(x, y + 0.3, 1.5)), 2)
            r, g, b = to_byte(c.x), to_byte(c.y), to_byte(c.z)
            checksum = (checksum * 31 + r * 65536 + g * 256 + b) % 1000000007
            if r + g + b > 300:
                lit += 1
    return checksum, lit


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    checksum, lit = render(size)
    print("raytrace %dx%d checksum=%d bright=%d" % (size, size, checksum, lit))


main()
