HOME = None
