"""CSV imports of the service review (the task portfolio, workforce figures): every row is
checked first, and nothing is written if any row is bad."""
