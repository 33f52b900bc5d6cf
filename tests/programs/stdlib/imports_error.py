# exit: 1
# stderr: ModuleNotFoundError: No module named 'no_such_module_anywhere'
print("before")
import no_such_module_anywhere
