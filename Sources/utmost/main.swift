print("utmost")
