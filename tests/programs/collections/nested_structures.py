# Nested data structures: records, grouping, deep copies by hand, aliasing.
people = [
    {"name": "Ann", "dept": "eng", "skills": ["py", "rust"]},
    {"name": "Bob", "dept": "ops", "skills": ["bash"]},
    {"name": "Cid", "dept": "eng", "skills": ["go", "py"]},
]
by_dept = {}
for p in people:
    by_dept.setdefault(p["dept"], []).append(p["name"])
print(by_dept)
skills = {}
for p in people:
    for s in p["skills"]:
        skills[s] = skills.get(s, []) + [p["name"]]
print(sorted(skills.items()))
print([p["name"] for p in people if "py" in p["skills"]])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
transposed = [list(row) for row in zip(*matrix)]
print(transposed, [sum(r) for r in matrix], [matrix[i][i] for i in range(3)])
shallow = matrix[:]
shallow[0][0] = 100
shallow[1] = "replaced"
print(matrix[0][0], matrix[1], shallow[1])
deep = [row[:] for row in matrix]
deep[2][2] = -9
print(matrix[2][2], deep[2][2])
tree = {"v": 1, "kids": [{"v": 2, "kids": []}, {"v": 3, "kids": [{"v": 4, "kids": []}]}]}
def total(node):
    return node["v"] + sum(total(k) for k in node["kids"])
def depth(node):
    return 1 + max([depth(k) for k in node["kids"]], default=0)
print(total(tree), depth(tree))
inventory = {"apples": {"count": 3, "price": 0.5}, "pears": {"count": 0, "price": 0.75}}
inventory["apples"]["count"] += 2
inventory["kiwis"] = {"count": 10, "price": 0.2}
print(sorted((k, v["count"] * v["price"]) for k, v in inventory.items()))
print({k: v for k, v in inventory.items() if v["count"]})
lst = [1, [2, 3]]
lst.append(lst[1])
lst[1].append(4)
print(lst)
d = {"a": [1]}
e = dict(d)
e["a"].append(2)
e["b"] = 3
print(d, e)
adjacency = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}
seen = []
def dfs(n):
    if n in seen:
        return
    seen.append(n)
    for m in adjacency[n]:
        dfs(m)
dfs("a")
print(seen)
