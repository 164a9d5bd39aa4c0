"""A book laid out in parts in parallel processes, stamped with heads and folios, merged."""
