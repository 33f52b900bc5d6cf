# exit: 1
# stderr: InsufficientFunds: balance 10 is less than 25
# User exception classes from __main__ are printed without a module prefix.
class BankError(Exception):
    pass
class InsufficientFunds(BankError):
    def __init__(self, balance, amount):
        super().__init__("balance " + str(balance) + " is less than " + str(amount))
def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(balance, amount)
    return balance - amount
print(withdraw(100, 30))
print(withdraw(10, 25))
