"""The citizen committees' reads: the committee page, grant and dugnad figures."""
