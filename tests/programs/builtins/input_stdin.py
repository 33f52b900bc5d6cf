# input() reads lines from stdin (input_stdin.in); EOFError at the end is not used.
name = input()
print("Hello,", name + "!")
age = int(input("Age? "))
print("Next year you will be", age + 1)
nums = [int(x) for x in input().split()]
print("sum", sum(nums), "max", max(nums))
line = input()
print(repr(line), len(line))
count = int(input())
total = 0
for i in range(count):
    total += float(input())
print("average", total / count)
print(repr(input()))
