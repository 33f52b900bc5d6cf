D = "d"
