print("running _pkg._fails")
raise ValueError("module body failed")
