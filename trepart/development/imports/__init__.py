"""CSV imports of the development work (the task portfolio, workforce figures, the savings
ledger): every row is checked first, and nothing is written if any row is bad."""
