# Whole program: a bank account class hierarchy with errors and history.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__("need " + str(needed) + ", have " + str(available))
        self.needed = needed
        self.available = available
class Account:
    next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
        self.id = Account.next_id
        Account.next_id += 1
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self.balance
    def withdraw(self, amount):
        if amount > self.available():
            raise InsufficientFunds(amount, self.available())
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self.balance
    def available(self):
        return self.balance
    def month_end(self):
        pass
    def __str__(self):
        return type(self).__name__ + "#" + str(self.id) + "(" + self.owner + ", " + f"{self.balance:.2f}" + ")"
class Savings(Account):
    def __init__(self, owner, balance=0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate
    def month_end(self):
        interest = round(self.balance * self.rate / 12, 2)
        self.deposit(interest)
class Checking(Account):
    def __init__(self, owner, balance=0, overdraft=100):
        super().__init__(owner, balance)
        self.overdraft = overdraft
    def available(self):
        return self.balance + self.overdraft
    def month_end(self):
        if self.balance < 0:
            self.balance -= 5
            self.history.append(("fee", 5))
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, acct):
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except InsufficientFunds as e:
            print("  transfer failed:", e, "| short by", e.needed - e.available)
            return False
        self.accounts[dst].deposit(amount)
        return True
    def total(self):
        return sum(a.balance for a in self.accounts.values())
bank = Bank()
s = bank.open(Savings("ann", 1200, rate=0.05))
c = bank.open(Checking("bob", 50))
p = bank.open(Account("cid"))
print(s, c, p)
print(bank.transfer(1, 2, 300), bank.transfer(2, 3, 400), bank.transfer(2, 3, 500))
try:
    p.deposit(-5)
except ValueError as e:
    print("error:", e)
for month in range(3):
    for a in bank.accounts.values():
        a.month_end()
for a in sorted(bank.accounts.values(), key=lambda a: a.balance):
    print(a, a.history)
print(f"total {bank.total():.2f}", isinstance(s, Account), issubclass(Checking, Savings))
